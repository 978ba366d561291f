"""Every report format, rendered from one AuditRun (the report.json model).

    FORMATS                     name -> file name, in the order the CLI lists them
    render(run, fmt, base_dir)  the text of one format
    write(run, out_dir, fmts)   write the chosen formats atomically, return their paths

``base_dir`` is the folder report.json lives in: screenshot paths in the model are relative to it.
Each format is one module with a ``render(run, base_dir) -> str``; they import the core model,
never the rules or each other. ``view`` holds what they share: viewport states (a viewport that was
not audited never passes), rule metadata, the top problems, what was not audited, and the HTML
view model, where all grouping, counting and ordering happen.
"""
from __future__ import annotations

import json
import os
import tempfile
from importlib import import_module
from pathlib import Path

from auditor.model import AuditRun

from . import html

FORMATS: dict[str, str] = {
    "json": "report.json",
    "html": "report.html",
    "junit": "junit.xml",
    "sarif": "report.sarif",
    "md": "summary.md",
}

# Format name -> module in this package that renders it (json needs no module of its own).
_MODULES = {"html": "html", "junit": "junit", "sarif": "sarif", "md": "markdown"}


class UnknownFormat(ValueError):
    """A format name that is not one of FORMATS; the message names the valid choices."""

    def __init__(self, name: str):
        super().__init__(f"unknown report format {name!r}; valid formats: {', '.join(FORMATS)}")
        self.name = name


def _check(fmt: str) -> str:
    if fmt not in FORMATS:
        raise UnknownFormat(fmt)
    return fmt


def render(run: AuditRun, fmt: str, base_dir: Path) -> str:
    """The text of one report format for ``run``."""
    _check(fmt)
    if fmt == "json":
        return json.dumps(run.to_dict(), indent=2, ensure_ascii=False)
    module = import_module(f"{__name__}.{_MODULES[fmt]}")
    return module.render(run, Path(base_dir))


def write(run: AuditRun, out_dir: Path, formats: list[str]) -> list[Path]:
    """Render and write each format into ``out_dir``; every file appears whole or not at all.

    All names are checked before anything is written, so a typo never leaves half a report.
    """
    chosen = list(dict.fromkeys(_check(fmt) for fmt in formats))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in chosen:
        path = out_dir / FORMATS[fmt]
        _write_atomic(path, render(run, fmt, out_dir))
        written.append(path)
        if fmt == "html":  # the index links one page per article
            _write_articles(run, out_dir)
    return written


def _write_articles(run: AuditRun, out_dir: Path) -> None:
    folder = out_dir / "articles"
    folder.mkdir(exist_ok=True)
    for stale in folder.glob("[0-9][0-9][0-9][0-9].html"):
        stale.unlink()  # from an earlier run with more articles
    for rel, text in html.article_pages(run, out_dir):
        _write_atomic(out_dir / rel, text)


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
