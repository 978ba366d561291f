"""``[[ignore]]`` entries: known findings a newsroom has decided to live with, for a reason, until a date.

    [[ignore]]
    rule = "color-contrast"              # required: a rule id (a glob such as "alt-*" works too)
    url = "/sport/*"                     # a glob on the page URL or its path; default every page
    selector = "#site-nav > a*"          # optional: a glob on the element's selector
    fingerprint = "3f9a…"                # optional: exactly one finding (report.json has them)
    reason = "Brand colours, ticket DES-12"  # required
    until = 2026-03-31                   # optional: the last day it applies (a TOML date)

An ignored finding stays in every report with ``"ignored": {"reason", "until"}`` and never counts
for the gate. After ``until`` an entry no longer applies and is reported as expired; an entry that
matched nothing is reported as unmatched, so dead entries get cleaned up.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fnmatch import fnmatchcase

from .config import ConfigError
from .fingerprint import page_key
from .model import AuditRun

FIELDS = ("rule", "url", "selector", "fingerprint", "reason", "until")
MAX_GLOB = 500  # a glob longer than this is a mistake, and fnmatch's work grows with its length


@dataclass(frozen=True)
class Ignore:
    rule: str
    reason: str
    url: str = "*"
    selector: str | None = None
    fingerprint: str | None = None
    until: dt.date | None = None

    def describe(self) -> dict:
        return {"rule": self.rule, "url": self.url, "selector": self.selector, "fingerprint": self.fingerprint,
                "reason": self.reason, "until": self.until.isoformat() if self.until else None}

    def expired(self, today: dt.date) -> bool:
        return self.until is not None and today > self.until

    def matches(self, url: str, key: str, finding) -> bool:
        if not fnmatchcase(finding.rule, self.rule):
            return False
        if not (fnmatchcase(url, self.url) or fnmatchcase(key, self.url)):
            return False
        if self.selector is not None and not fnmatchcase(finding.selector or "", self.selector):
            return False
        return self.fingerprint is None or finding.fingerprint == self.fingerprint


def _date(value, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ConfigError(f"{where}: until must be a date such as 2026-03-31, not {value!r}")


def parse(entries, source: str = "config") -> list[Ignore]:
    """Check and read the ``ignore`` list of a config table; every mistake is one ConfigError line."""
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise ConfigError(f"{source}: ignore must be a list of [[ignore]] tables")
    out = []
    for number, entry in enumerate(entries, 1):
        where = f"{source}: [[ignore]] number {number}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where} must be a table with rule and reason")
        unknown = sorted(set(entry) - set(FIELDS))
        if unknown:
            raise ConfigError(f"{where}: unknown key {unknown[0]!r}; valid keys: {', '.join(FIELDS)}")
        for key in ("rule", "url", "selector", "fingerprint", "reason"):
            value = entry.get(key)
            if value is not None and not isinstance(value, str):
                raise ConfigError(f"{where}: {key} must be a string, not {type(value).__name__}")
            if value is not None and len(value) > MAX_GLOB:
                raise ConfigError(f"{where}: {key} is longer than {MAX_GLOB} characters")
        if not (entry.get("rule") or "").strip():
            raise ConfigError(f"{where} needs a rule (a rule id, or a glob such as \"alt-*\")")
        if not (entry.get("reason") or "").strip():
            raise ConfigError(f"{where} needs a reason: say why this finding is accepted, and until when")
        out.append(Ignore(rule=entry["rule"].strip(), reason=" ".join(entry["reason"].split()),
                          url=(entry.get("url") or "*").strip(), selector=entry.get("selector"),
                          fingerprint=(entry.get("fingerprint") or "").strip() or None,
                          until=_date(entry.get("until"), where)))
    return out


def apply(run: AuditRun, ignores: list[Ignore], today: dt.date | None = None) -> None:
    """Mark the findings that a live entry covers, and record what became of every entry."""
    today = today or dt.date.today()
    matched = [0] * len(ignores)
    live = [i for i, entry in enumerate(ignores) if not entry.expired(today)]
    for page in run.pages:
        key = page_key(page.url)
        for finding in page.findings:
            finding.ignored = None
            for i in live:
                if ignores[i].matches(page.url, key, finding):
                    matched[i] += 1
                    if finding.ignored is None:
                        until = ignores[i].until
                        finding.ignored = {"reason": ignores[i].reason, "until": until.isoformat() if until else None}
    run.ignores = []
    for i, entry in enumerate(ignores):
        status = "expired" if entry.expired(today) else ("applied" if matched[i] else "unmatched")
        run.ignores.append({**entry.describe(), "status": status, "matched": matched[i]})


def problems(run: AuditRun) -> list[str]:
    """One line per expired or unmatched entry, for the terminal and the summaries."""
    lines = []
    for entry in run.ignores:
        what = f"[[ignore]] rule {entry['rule']!r} url {entry['url']!r}"
        if entry["status"] == "expired":
            lines.append(f"{what} expired on {entry['until']} and no longer applies ({entry['reason']})")
        elif entry["status"] == "unmatched":
            lines.append(f"{what} matched no finding: remove it if the problem is gone")
    return lines
