"""The run's journal: one JSON line per finished page, beside report.json.

The first line holds what is needed to finish the run (the settings' flags and config table, and
the targets); each later line is one finished page, appended and flushed to disk as it finishes.
A run killed outright (SIGKILL, a lost machine) loses at most the pages in flight, and
``newsaudit audit --resume DIR`` finishes it from here. Everything in it is redacted first: no
password reaches the disk.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from .engine import Target
from .model import PageResult

NAME = "journal.jsonl"
VERSION = 1


class JournalError(ValueError):
    """No journal to resume from, or not one of ours (exit 2)."""


class Journal:
    def __init__(self, path: Path):
        self.path = path
        self.handle = None

    @classmethod
    def start(cls, folder: Path, header: dict) -> "Journal":
        journal = cls(Path(folder) / NAME)
        journal.handle = open(journal.path, "w", encoding="utf-8")
        journal._write({"journal": VERSION, **header})
        return journal

    @classmethod
    def resume(cls, folder: Path) -> "Journal":
        journal = cls(Path(folder) / NAME)
        journal.handle = open(journal.path, "a", encoding="utf-8")
        return journal

    def page(self, index: int, page_json: str) -> None:
        """One finished page, as its JSON text (``dumps``; the live report.json writes the same)."""
        self._line(f'{{"index": {int(index)}, "page": {page_json}}}')

    def _write(self, record: dict) -> None:
        self._line(json.dumps(record, ensure_ascii=False, default=_toml_value))

    def _line(self, text: str) -> None:
        self.handle.write(text + "\n")
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def close(self, finished: bool) -> None:
        """Close; a finished run's journal is removed (report.json now says it all)."""
        if self.handle is not None:
            self.handle.close()
            self.handle = None
        if finished:
            self.path.unlink(missing_ok=True)


def read(folder: Path) -> tuple[dict, dict[int, PageResult]]:
    """The header and the finished pages by target index. A torn last line (the process died
    while writing it) is a page in flight: it is audited again."""
    path = Path(folder) / NAME
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise JournalError(f"nothing to resume in {folder}: no {NAME} (a run that finished removes it)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise JournalError(f"could not read {path}: {getattr(error, 'strerror', None) or error}") from None
    try:
        header = json.loads(lines[0]) if lines else None
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("journal") != VERSION or not isinstance(header.get("targets"), list):
        raise JournalError(f"{path} is not a newsaudit journal of version {VERSION}")
    done: dict[int, PageResult] = {}
    for line in lines[1:]:
        try:
            record = json.loads(line)
            index = int(record["index"])
            if 0 <= index < len(header["targets"]):
                done[index] = PageResult.from_dict(record["page"])
        except (json.JSONDecodeError, KeyError, TypeError, ValueError):
            continue
    return header, done


def target_record(target: Target) -> dict:
    return {"url": target.url, "fetch_url": target.fetch_url if target.path is None else "",
            "error": target.error, "path": target.path}


def target_from(record: dict) -> Target:
    return Target(url=str(record.get("url", "")), fetch_url=str(record.get("fetch_url") or ""),
                  error=record.get("error"), path=record.get("path"))


def _toml_value(value):
    # A config table can hold TOML dates (an ignore's ``until``); they go back in as ISO text,
    # which the config readers accept as well.
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot be written to the journal")
