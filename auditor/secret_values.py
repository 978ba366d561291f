"""The secret values of a run (passwords, header and cookie values, ${ENV} expansions) in one list,
scrubbed from every output: the reports are rendered from a scrubbed run, stderr lines are scrubbed.

A URL's user:password@ is redacted by the URL redaction; its password belongs in this list too, so
a password that shows up outside a URL (an error text, a page's own words) is scrubbed as well.
"""
from __future__ import annotations

from urllib.parse import quote, quote_plus

from .model import AuditRun, PageResult

MASK = "***"
# Shorter values can't be told apart from ordinary words: scrubbing "on" would wreck every report.
MIN_LENGTH = 4

_values: set[str] = set()


def add(value: str | None) -> None:
    """Remember a secret, with the encoded forms it takes in a URL or a query string."""
    if not value or len(value) < MIN_LENGTH:
        return
    _values.update({value, quote(value, safe=""), quote_plus(value)})


def clear() -> None:
    _values.clear()


def scrub(text: str) -> str:
    if not _values or not isinstance(text, str):
        return text
    for value in sorted(_values, key=len, reverse=True):  # longest first: no half-scrubbed secret
        if value in text:
            text = text.replace(value, MASK)
    return text


def scrub_data(data):
    """Every string in a JSON-like structure, keys included."""
    if not _values:
        return data
    if isinstance(data, str):
        return scrub(data)
    if isinstance(data, dict):
        return {scrub_data(k): scrub_data(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [scrub_data(v) for v in data]
    return data


def scrub_page(page) -> None:
    """A PageResult, in place, before it is printed or reported."""
    if not _values:
        return
    clean = PageResult.from_dict(scrub_data(page.to_dict()))
    for name in page.__dataclass_fields__:
        setattr(page, name, getattr(clean, name))


def scrub_run(run):
    if not _values:
        return run
    return AuditRun.from_dict(scrub_data(run.to_dict()))
