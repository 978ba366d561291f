"""Baselines: compare a run with an earlier report.json by fingerprint (auditor/fingerprint.py).

- A finding whose fingerprint the baseline has on the same page is ``unchanged``; any other is
  ``new``; the gate then counts only new findings (model.counts_for_gate).
- A baseline finding that is gone now is ``fixed``, but only where this run could have seen it:
  its page was audited now, at one of the viewports where it failed. A page that errored, was not
  in this run (another shard, a shorter sitemap) or a viewport that failed says nothing about it.
- Fingerprints of the baseline are recomputed from its findings, so a report written before
  fingerprints existed (or with an older recipe) converts on reading. A report of another
  ``schema_version`` is refused with a one-line error.

``diff`` (the ``newsaudit diff`` command) is the same comparison between two reports.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from . import fingerprint
from .model import SCHEMA_VERSION, AuditRun


class BaselineError(ValueError):
    """A baseline that cannot be used: one line, exit 2."""


def report_path(location: str | Path) -> Path:
    """A report.json, or a folder holding one."""
    path = Path(location)
    return path / "report.json" if path.is_dir() else path


def load(location: str | Path, what: str = "baseline") -> AuditRun:
    path = report_path(location)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{what} not found: {path} (create one with --update-baseline)") from None
    except OSError as error:
        raise BaselineError(f"could not read {what} {path}: {error.strerror or error}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BaselineError(f"{what} {path} is not valid JSON: {error}") from None
    if not isinstance(data, dict) or "pages" not in data or "schema_version" not in data:
        raise BaselineError(f"{what} {path} is not a newsaudit report.json")
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        tool = (data.get("tool") or {}).get("version", "an unknown version")
        raise BaselineError(f"{what} {path} has schema_version {version!r} (newsaudit {tool}); this newsaudit "
                            f"reads {SCHEMA_VERSION}: write a new one with --update-baseline")
    try:
        run = AuditRun.from_dict(data)
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise BaselineError(f"{what} {path} is not a newsaudit report: {error}") from None
    fingerprint.assign(run)
    return run


def compare(run: AuditRun, base: AuditRun, source: str = "") -> None:
    """Mark each finding of ``run`` new or unchanged against ``base``; record the fixed ones."""
    fingerprint.assign(run)
    known: dict[str, set[str]] = {}
    for page in base.pages:
        known.setdefault(fingerprint.page_key(page.url), set()).update(f.fingerprint for f in page.findings)
    now: dict[str, tuple] = {}
    for page in run.pages:
        key = fingerprint.page_key(page.url)
        seen = known.get(key, set())
        for finding in page.findings:
            finding.baseline = "unchanged" if finding.fingerprint in seen else "new"
        if page.status == "audited":
            now[key] = (page, {f.fingerprint for f in page.findings})
    run.fixed = []
    for page in base.pages:
        key = fingerprint.page_key(page.url)
        if key not in now:
            continue
        current, present = now[key]
        for finding in page.findings:
            if finding.fingerprint in present or not set(finding.viewports) & set(current.viewports_audited):
                continue
            run.fixed.append({**finding.to_dict(), "baseline": "fixed", "url": current.url})
    run.baseline = {"path": source, "tool_version": base.tool.get("version", ""), "finished": base.finished}


def write(run: AuditRun, location: str | Path) -> Path:
    """Write the run as the new baseline, whole or not at all."""
    path = report_path(location)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(run.to_dict(), handle, indent=2, ensure_ascii=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
