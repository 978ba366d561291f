"""Progress: a rich bar on a terminal, plain log lines otherwise, nothing with --quiet."""
from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .model import PageResult


class Reporter:
    def __init__(self, total: int, quiet: bool = False, stream=None, redact=str, done: int = 0):
        self.total = total
        self.quiet = quiet
        self.redact = redact  # every line shows URLs and reasons without their passwords
        self.done = done
        self.errors = 0
        self.console = Console(file=stream or sys.stderr)
        self.progress: Progress | None = None
        self.task = None

    def __enter__(self) -> "Reporter":
        if not self.quiet and self.console.is_terminal:
            self.progress = Progress(
                TextColumn("[bold]auditing"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[errors]} errors"), TimeElapsedColumn(),
                TextColumn("{task.fields[url]}", style="dim"),
                console=self.console, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("audit", total=self.total, completed=self.done, errors=0, url="")
        return self

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()

    def page_done(self, page: PageResult) -> None:
        self.done += 1
        failed = page.status == "error" or bool(page.viewport_errors)
        self.errors += failed
        if self.quiet:
            return
        if self.progress is not None:
            self.progress.update(self.task, advance=1, errors=self.errors, url=self.redact(page.url)[-60:])
            return
        if page.status == "error":
            state = f"error: {page.error}"
        else:
            count = len(page.findings)
            state = f"{count} finding{'' if count == 1 else 's'}"
            if page.viewport_errors:
                state += "; not audited at " + ", ".join(f"{v} ({r})" for v, r in page.viewport_errors.items())
        self.console.print(self.redact(f"[{self.done}/{self.total}] {page.url}: {state}"), markup=False,
                           highlight=False, soft_wrap=True)
