"""Which URLs of the lists, sitemaps and feeds to audit: --url-include/--url-exclude (globs, or
regular expressions written re:PATTERN), --limit-per-section (the N newest of each sitemap of a
sitemap index, each feed, each list), then --rewrite FROM=TO, so that a production sitemap
audits a staging copy."""
from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import re

from .settings import SiteError

MAX_PATTERN = 500


def check_patterns(values, key: str) -> tuple[str, ...]:
    out = []
    for value in values or []:
        value = str(value)
        if len(value) > MAX_PATTERN:
            raise SiteError(f"{key}: a pattern is at most {MAX_PATTERN} characters")
        if value.startswith("re:"):
            try:
                re.compile(value[3:])
            except re.error as error:
                raise SiteError(f"{key}: {value!r} is not a valid regular expression: {error}") from None
        out.append(value)
    return tuple(out)


def _matches(url: str, pattern: str) -> bool:
    if pattern.startswith("re:"):
        return re.search(pattern[3:], url) is not None
    return fnmatch.fnmatchcase(url, pattern)


def wanted(url: str, options) -> bool:
    if options.url_include and not any(_matches(url, p) for p in options.url_include):
        return False
    return not any(_matches(url, p) for p in options.url_exclude)


def select(entries: list, options) -> list:
    """The entries to audit, in their order: filtered, then the newest N of each section."""
    entries = [e for e in entries if wanted(e.location, options)]
    limit = options.limit_per_section
    if not limit:
        return entries
    epoch = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    sections: dict[str, list] = {}
    for entry in entries:
        sections.setdefault(getattr(entry, "section", ""), []).append(entry)
    keep = set()
    for items in sections.values():
        newest = sorted(items, key=lambda e: e.date or epoch, reverse=True)[:limit]
        keep.update(id(e) for e in newest)
    return [e for e in entries if id(e) in keep]


def rewrite(location: str, options) -> str:
    for source, target in options.rewrite:
        if location.startswith(source):
            return target + location[len(source):]
    return location


def rewrite_entry(entry, options):
    """rewrite() for a location given as text or as an input Entry, which keeps its date and error."""
    if isinstance(entry, str):
        return rewrite(entry, options)
    return dataclasses.replace(entry, location=rewrite(entry.location, options))
