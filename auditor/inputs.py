"""What to audit: URLs, local files and folders, URL lists, sitemaps and feeds, deduplicated."""
from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import os
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from .engine import Target
from .localserver import LocalServer

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FETCH_TIMEOUT = 30
MAX_SITEMAP_DEPTH = 3


class InputError(ValueError):
    """A list, sitemap or feed that cannot be read at all (exit 2)."""


@dataclass
class Entry:
    location: str  # a URL or a local path, as given
    date: dt.datetime | None = None
    section: str = ""  # the sitemap or feed it came from (--limit-per-section)


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse_date(text: str | None) -> dt.datetime | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            value = email.utils.parsedate_to_datetime(text)  # RSS's RFC 822 dates
        except (TypeError, ValueError):
            return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def read_source(source: str) -> tuple[bytes, str]:
    """The bytes of a URL or file, and the base to resolve relative links against."""
    if urlsplit(source).scheme in ("http", "https"):
        request = urllib.request.Request(source, headers={"User-Agent": "newsaudit"})
        try:
            with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310 - http(s) only
                data = response.read()
        except OSError as error:
            raise InputError(f"could not fetch {source}: {getattr(error, 'reason', error)}") from None
        base = source
    else:
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(f"could not read {source}: {error.strerror or error}") from None
        base = str(path.resolve())
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except OSError:
            raise InputError(f"{source} looks gzipped but is not valid gzip") from None
    return data, base


def _parse_xml(data: bytes, source: str):
    try:
        return ElementTree.fromstring(data)
    except DefusedXmlException as error:
        raise InputError(f"{source}: refused unsafe XML ({type(error).__name__})") from None
    except ElementTree.ParseError as error:
        raise InputError(f"{source} is not well-formed XML: {error}") from None


def _resolve(base: str, location: str) -> str:
    if urlsplit(base).scheme in ("http", "https"):
        return urljoin(base, location)
    if urlsplit(location).scheme in ("http", "https"):
        return location
    return str((Path(base).parent / location))


def sitemap_entries(source: str, depth: int = 0) -> list[Entry]:
    """A urlset, a sitemap index (followed), or a Google News sitemap."""
    data, base = read_source(source)
    root = _parse_xml(data, source)
    kind = _local_name(root.tag)
    entries: list[Entry] = []
    if kind == "sitemapindex":
        if depth >= MAX_SITEMAP_DEPTH:
            raise InputError(f"{source}: sitemap indexes nested deeper than {MAX_SITEMAP_DEPTH}")
        for child in root:
            loc = next((c.text for c in child if _local_name(c.tag) == "loc"), None)
            if loc and loc.strip():
                entries.extend(sitemap_entries(_resolve(base, loc.strip()), depth + 1))
        return entries
    if kind != "urlset":
        raise InputError(f"{source} is not a sitemap (its root element is <{kind}>, not <urlset> or <sitemapindex>)")
    for url in root:
        if _local_name(url.tag) != "url":
            continue
        loc, date = None, None
        for node in url.iter():
            name = _local_name(node.tag)
            if name == "loc" and loc is None:
                loc = (node.text or "").strip()
            elif name in ("publication_date", "lastmod"):
                date = _parse_date(node.text) if name == "publication_date" or date is None else date
        if loc:
            entries.append(Entry(_resolve(base, loc), date, source))
    return entries


def feed_entries(source: str) -> list[Entry]:
    """RSS 2.0 items or Atom entries."""
    data, base = read_source(source)
    root = _parse_xml(data, source)
    kind = _local_name(root.tag)
    entries: list[Entry] = []
    if kind == "rss" or kind == "RDF":
        for item in root.iter():
            if _local_name(item.tag) != "item":
                continue
            fields = {_local_name(c.tag): c for c in item}
            link = (fields["link"].text or "").strip() if "link" in fields else ""
            if not link and "guid" in fields and fields["guid"].get("isPermaLink", "true") != "false":
                link = (fields["guid"].text or "").strip()
            date = _parse_date(fields["pubDate"].text if "pubDate" in fields else
                               fields["date"].text if "date" in fields else None)
            if link:
                entries.append(Entry(_resolve(base, link), date, source))
        return entries
    if kind == "feed":
        for entry in root:
            if _local_name(entry.tag) != "entry":
                continue
            links = [c for c in entry if _local_name(c.tag) == "link"]
            chosen = next((c for c in links if c.get("rel", "alternate") == "alternate"), None)
            dates = {_local_name(c.tag): c.text for c in entry if _local_name(c.tag) in ("published", "updated")}
            if chosen is not None and chosen.get("href"):
                entries.append(Entry(_resolve(base, chosen.get("href").strip()),
                                     _parse_date(dates.get("published") or dates.get("updated")), source))
        return entries
    raise InputError(f"{source} is not an RSS or Atom feed (its root element is <{kind}>)")


def url_list_entries(path: str) -> list[Entry]:
    data, _ = read_source(path)
    entries = []
    for raw in data.decode("utf-8", errors="replace").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            entries.append(Entry(line.split()[0]))  # "URL  # comment" keeps just the URL
    return entries


def newest_first(entries: list[Entry], limit: int | None) -> list[Entry]:
    if limit is None:
        return entries
    epoch = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    # A stable sort keeps the source's own order among undated entries, which go last.
    ordered = sorted(entries, key=lambda e: e.date or epoch, reverse=True)
    return ordered[:limit]


def _display_path(path: Path) -> str:
    """A local page's name in reports: relative to the working folder when inside it, so report
    fingerprints stay the same from one checkout to the next."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def _normalise_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def to_targets(locations: list[str], server: LocalServer) -> list[Target]:
    """Turn locations into targets, expanding folders, each page once. Local pages get a server
    path in ``fetch_url`` that the caller prefixes with the server's base once it has started."""
    targets: list[Target] = []
    seen: set[str] = set()

    def add(target: Target, key: str) -> None:
        if key not in seen:
            seen.add(key)
            targets.append(target)

    for location in locations:
        location = location.strip()
        parts = urlsplit(location)
        if parts.scheme in ("http", "https"):
            if not parts.netloc or " " in location:
                add(Target(location, error=f"malformed URL: {location!r}"), location)
            else:
                add(Target(location, fetch_url=location), _normalise_url(location))
            continue
        if parts.scheme == "file":
            location = parts.path
        elif parts.scheme and len(parts.scheme) > 1 and not os.path.exists(location):
            add(Target(location, error=f"unsupported URL scheme {parts.scheme!r}: use http, https or a local path"),
                location)
            continue
        path = Path(location)
        if path.is_dir():
            pages = sorted(p for p in path.rglob("*") if p.suffix.lower() in HTML_SUFFIXES and p.is_file())
            if not pages:
                add(Target(location, error=f"no .html files in folder {location}"), location)
            for page in pages:
                add(Target(_display_path(page), fetch_url=server.url_for(page)), str(page.resolve()))
        elif path.is_file():
            add(Target(_display_path(path), fetch_url=server.url_for(path)), str(path.resolve()))
        elif (not parts.scheme and "." in location.split("/")[0] and not location.startswith((".", "/"))
              and path.suffix.lower() not in HTML_SUFFIXES):
            add(Target(location, error=f"not a URL or a local file: {location!r} (did you mean https://{location}?)"),
                location)
        else:
            add(Target(location, error=f"no such file or folder: {location}"), location)
    return targets
