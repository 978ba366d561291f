"""report.json while the run goes: a whole JSON document again after every finished page.

Until the run ends it holds the run so far: the pages finished, in the order they finished, then
every other page as "not audited" (engine.NOT_YET), and the summary of that, whose gate is
"incomplete". So a run killed outright (SIGKILL, a lost machine) still leaves a report.json that
``newsaudit report`` renders, and ``newsaudit audit --resume`` finishes the run from the journal
beside it. However the run ends, the final report.json replaces this one: input order, with
fingerprints, baseline and ignores applied.

An update is one write at the end of the file: the finished page and a new tail (the pages still
to come, the rules seen so far, the summary), padded with spaces so that it always covers the tail
it replaces. A page costs its own size and the tail's, which shrinks as pages finish, never the
pages before it (bench/live_report.py: 0.58 ms a page over 1,000 pages). A kill in the middle of
that write (a window of microseconds a page) can tear the file; the journal is the record that
survives it.
"""
from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Callable

from .engine import NOT_YET
from .model import NOT_AUDITED, AuditRun, PageResult, Tally

NAME = "report.json"
# Keys written after the pages, anew with each update; the others are written once, before them.
TAIL_KEYS = ("rules", "summary")


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)


class LiveReport:
    """``start`` at the run's first finished page, ``page`` after each later one, ``close``
    before the final reports replace the file."""

    def __init__(self, path: Path, run: AuditRun, clean: Callable, describe: Callable[[PageResult, dict], None]):
        self.path, self.run, self.clean, self.describe = path, run, clean, describe
        self.tally = Tally(run.fail_on)
        self.rules = dict(run.rules)
        self.pending: dict[int, str] = {}  # target index -> its "not audited yet" entry
        self.written = 0  # pages in the file's list so far
        self.fd: int | None = None
        self.tail_at = 0  # where the tail starts: the next page goes there
        self.end = 0  # the file's length (a shorter tail leaves spaces behind it)
        self._rules: tuple[int, str] = (-1, "")  # how many rules, and their JSON

    @classmethod
    def start(cls, folder: Path, run: AuditRun, finished: list[str | None], clean: Callable,
              describe: Callable[[PageResult, dict], None]) -> "LiveReport":
        """``run``: the run so far (engine.build_run, redacted); ``finished``: by target index,
        each finished page's JSON text, None for a page still to come."""
        live = cls(Path(folder) / NAME, run, clean, describe)
        head = clean({k: v for k, v in run.to_dict().items() if k not in ("pages", *TAIL_KEYS)})
        head["finished"] = ""
        body = [dumps(head)[:-1] + ', "pages": [\n']
        for index, (page, text) in enumerate(zip(run.pages, finished)):
            if text is None:
                waiting = PageResult(url=page.url, status=NOT_AUDITED, error=NOT_YET)
                live.pending[index] = dumps(clean(waiting.to_dict()))
            else:
                body.append(live._entry(page, text))
        data = "".join(body).encode("utf-8")
        live.tail_at = len(data)
        data += live._tail()
        live.end = len(data)
        tmp = live.path.with_name(f".{NAME}.live.tmp")
        try:
            tmp.write_bytes(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, live.path)  # whole at once: an earlier run's report.json is never half overwritten
        except OSError:
            tmp.unlink(missing_ok=True)
            raise
        live.fd = os.open(live.path, os.O_WRONLY)
        return live

    def page(self, index: int, page: PageResult, text: str) -> None:
        """The page at ``index`` has finished; ``text`` is its JSON (the journal's)."""
        if self.fd is None:
            return
        self.pending.pop(index, None)
        entry = self._entry(page, text).encode("utf-8")
        data = entry + self._tail()
        data += b" " * max(0, self.end - self.tail_at - len(data))
        try:
            os.pwrite(self.fd, data, self.tail_at)
        except OSError:
            self.close()  # a full disk, say: the journal and the final write say it
            return
        self.end = max(self.end, self.tail_at + len(data))
        self.tail_at += len(entry)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def _entry(self, page: PageResult, text: str) -> str:
        self.tally.add(page)
        self.describe(page, self.rules)
        entry = ("" if self.written == 0 else ",\n") + text
        self.written += 1
        return entry

    def _tail(self) -> bytes:
        waiting = len(self.pending)
        items = [("" if self.written == 0 and n == 0 else ",\n") + text
                 for n, (_, text) in enumerate(sorted(self.pending.items()))]
        tally = replace(self.tally, pages=self.tally.pages + waiting, not_audited=self.tally.not_audited + waiting)
        if self._rules[0] != len(self.rules):  # rules only ever join; their text is kept till one does
            self._rules = (len(self.rules), dumps(self.clean(dict(sorted(self.rules.items())))))
        return ("".join(items) + '\n], "rules": ' + self._rules[1] + ', "summary": '
                + dumps(tally.summary(self.run)) + "}\n").encode("utf-8")
