"""What to audit: URLs, local files and folders, URL lists, sitemaps and feeds, deduplicated."""
from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import http.client
import io
import os
import threading
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from .engine import Target
from .localserver import LocalServer

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# Bounds on what comes from outside (README, "Bad inputs").
FETCH_TIMEOUT = 30  # seconds for a whole fetch of a list, sitemap or feed, however it trickles
MAX_SOURCE_BYTES = 50 * 1024 * 1024  # per sitemap, inflated: the sitemaps.org limit
MAX_ENTRIES = 50_000  # URLs per sitemap (sitemaps.org), per feed and per list
MAX_SITEMAP_DEPTH = 3
MAX_FOLDER_PAGES = 10_000
_CHUNK = 64 * 1024


class InputError(ValueError):
    """A list, sitemap or feed that cannot be read at all (exit 2)."""


@dataclass
class Entry:
    location: str  # a URL or a local path, as given
    date: dt.datetime | None = None
    error: str | None = None  # a bad entry is that entry's error row; the rest goes on
    section: str = ""  # the sitemap or feed it came from (--limit-per-section)


def is_http(location: str) -> bool:
    try:
        return urlsplit(location).scheme.lower() in ("http", "https")
    except ValueError:
        return False


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
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def _fetch(source: str) -> bytes:
    """The body of an http(s) URL, within FETCH_TIMEOUT for the whole fetch and MAX_SOURCE_BYTES.

    The fetch runs in a daemon thread that the deadline abandons: a server that drips a byte a
    second (even in its headers) cannot hold the run, since a socket timeout only bounds one read."""
    outcome: dict = {}
    stop = threading.Event()

    def fetch() -> None:
        request = urllib.request.Request(source, headers={"User-Agent": "newsaudit"})
        try:
            with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310 - http(s) only
                chunks, size = [], 0
                while not stop.is_set():
                    chunk = response.read1(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > MAX_SOURCE_BYTES:
                        raise InputError(f"{source} is larger than {MAX_SOURCE_BYTES // 2**20} MB")
                    chunks.append(chunk)
                outcome["data"] = b"".join(chunks)
        except InputError as error:
            outcome["error"] = str(error)
        except urllib.error.HTTPError as error:
            outcome["error"] = f"could not fetch {source}: the server answered HTTP {error.code} {error.reason}"
        except (OSError, ValueError, http.client.HTTPException) as error:
            reason = getattr(error, "reason", None) or error
            outcome["error"] = f"could not fetch {source}: {reason}"

    worker = threading.Thread(target=fetch, daemon=True, name="newsaudit-fetch")
    worker.start()
    worker.join(FETCH_TIMEOUT)
    if worker.is_alive():
        stop.set()
        raise InputError(f"could not fetch {source}: it did not arrive whole within {FETCH_TIMEOUT} s")
    if "error" in outcome:
        raise InputError(outcome["error"])
    return outcome["data"]


def _inflate(data: bytes, source: str) -> bytes:
    """Gunzip in chunks, stopping at MAX_SOURCE_BYTES: a gzip bomb is never inflated whole."""
    out, size = [], 0
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > MAX_SOURCE_BYTES:
                    raise InputError(f"{source} inflates to more than {MAX_SOURCE_BYTES // 2**20} MB")
                out.append(chunk)
    except (OSError, EOFError, zlib.error):
        raise InputError(f"{source} looks gzipped but is not valid gzip") from None
    return b"".join(out)


def read_source(source: str) -> tuple[bytes, str]:
    """The bytes of a URL or file, and the base to resolve relative links against."""
    if is_http(source):
        data, base = _fetch(source), source
    else:
        path = Path(source)
        try:
            if path.stat().st_size > MAX_SOURCE_BYTES:
                raise InputError(f"{source} is larger than {MAX_SOURCE_BYTES // 2**20} MB")
            data = path.read_bytes()
        except (OSError, ValueError) as error:
            raise InputError(f"could not read {source}: {getattr(error, 'strerror', None) or error}") from None
        base = str(path.resolve())
    if data[:2] == b"\x1f\x8b":
        data = _inflate(data, source)
    return data, base


def _parse_xml(data: bytes, source: str):
    try:
        return ElementTree.fromstring(data)
    except DefusedXmlException as error:
        raise InputError(f"{source}: refused unsafe XML ({type(error).__name__})") from None
    except ElementTree.ParseError as error:
        raise InputError(f"{source} is not well-formed XML: {error}") from None


NOT_HTTP = ("is not an http(s) URL: pages listed in sitemaps, feeds and remote lists must be http(s); "
            "local files and folders come only from the command line or a local --urls file")


def _page_entry(base: str, location: str, date: dt.datetime | None, what: str, section: str = "") -> Entry:
    """A page listed in a sitemap or feed: an http(s) URL, resolved against the source, or the
    entry's own error row."""
    try:
        resolved = urljoin(base, location) if is_http(base) else location
        urlsplit(resolved).port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return Entry(location, date, f"{what} {location!r} is a malformed URL", section)
    if not is_http(resolved):
        return Entry(location, date, f"{what} {location!r} {NOT_HTTP}", section)
    return Entry(resolved, date, section=section)


def _child_sitemap(base: str, location: str) -> str:
    """Where a child of a sitemap index is: http(s) from a remote index; from a local one, also a
    file beside it."""
    resolved = urljoin(base, location) if is_http(base) else location if is_http(location) else None
    if resolved is not None and is_http(resolved):
        return resolved
    if is_http(base):
        raise InputError(f"child sitemap {location!r} {NOT_HTTP}")
    return str(Path(base).parent / location)


def _bounded(entries: list[Entry], source: str) -> list[Entry]:
    if len(entries) <= MAX_ENTRIES:
        return entries
    return entries[:MAX_ENTRIES] + [Entry(source, error=f"{source} lists more than {MAX_ENTRIES:,} URLs; "
                                                        "the rest were not read")]


def sitemap_entries(source: str, depth: int = 0) -> list[Entry]:
    """A urlset, a sitemap index (followed; a child that cannot be read is its own error row),
    or a Google News sitemap."""
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
                try:
                    entries.extend(sitemap_entries(_child_sitemap(base, loc.strip()), depth + 1))
                except (InputError, ValueError) as error:
                    entries.append(Entry(loc.strip(), error=f"child sitemap not read: {error}"))
        return _bounded(entries, source)
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
            entries.append(_page_entry(base, loc, date, "sitemap entry", source))
    return _bounded(entries, source)


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
                entries.append(_page_entry(base, link, date, "feed link", source))
        return _bounded(entries, source)
    if kind == "feed":
        for entry in root:
            if _local_name(entry.tag) != "entry":
                continue
            links = [c for c in entry if _local_name(c.tag) == "link"]
            chosen = next((c for c in links if c.get("rel", "alternate") == "alternate"), None)
            dates = {_local_name(c.tag): c.text for c in entry if _local_name(c.tag) in ("published", "updated")}
            if chosen is not None and (chosen.get("href") or "").strip():
                entries.append(_page_entry(base, chosen.get("href").strip(),
                                           _parse_date(dates.get("published") or dates.get("updated")), "feed link", source))
        return _bounded(entries, source)
    raise InputError(f"{source} is not an RSS or Atom feed (its root element is <{kind}>)")


def url_list_entries(path: str) -> list[Entry]:
    """One URL or path per line. A local list may name local files; a remote one only http(s)."""
    data, base = read_source(path)
    remote = is_http(path)
    entries = []
    for raw in data.decode("utf-8", errors="replace").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            location = line.split()[0]  # "URL  # comment" keeps just the URL
            entries.append(_page_entry(base, location, None, "list entry") if remote else Entry(location))
    return _bounded(entries, path)


def newest_first(entries: list[Entry], limit: int | None) -> list[Entry]:
    """The ``limit`` newest entries; error rows are always kept, first."""
    if limit is None:
        return entries
    errors = [e for e in entries if e.error]
    epoch = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    # A stable sort keeps the source's own order among undated entries, which go last.
    ordered = sorted((e for e in entries if not e.error), key=lambda e: e.date or epoch, reverse=True)
    return errors + ordered[:limit]


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


def folder_pages(folder: Path) -> list[Path] | None:
    """The HTML files under ``folder`` (symlinked folders not followed, unreadable ones skipped),
    or None when there are more than MAX_FOLDER_PAGES."""
    pages = []
    for root, dirs, files in os.walk(folder, onerror=lambda error: None):
        dirs.sort()
        for name in files:
            if name.lower().endswith(HTML_SUFFIXES):
                path = Path(root) / name
                if path.is_file():
                    pages.append(path)
                    if len(pages) > MAX_FOLDER_PAGES:
                        return None
    return sorted(pages)


def to_targets(locations: list[Entry | str], server: LocalServer) -> list[Target]:
    """Turn locations into targets, expanding folders, each page once. Local pages get a server
    path in ``fetch_url`` that the caller prefixes with the server's base once it has started.
    Every location that cannot be audited becomes a target with its one-line ``error``."""
    targets: list[Target] = []
    seen: set[str] = set()

    def add(target: Target, key: str) -> None:
        if key not in seen:
            seen.add(key)
            targets.append(target)

    for item in locations:
        entry = item if isinstance(item, Entry) else Entry(item)
        location = entry.location.strip()
        if entry.error:
            add(Target(location, error=entry.error), "error:" + location)
            continue
        try:
            parts = urlsplit(location)
            parts.port  # noqa: B018 - raises ValueError for a port out of range
        except ValueError:
            add(Target(location, error=f"malformed URL: {location!r}"), location)
            continue
        if parts.scheme.lower() in ("http", "https"):
            if not parts.hostname or any(ch.isspace() for ch in location):
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
        if "\0" in location:
            add(Target(location, error=f"no such file or folder: {location!r}"), location)
        elif path.is_dir():
            pages = folder_pages(path)
            if pages is None:
                add(Target(location, error=f"folder {location} holds more than {MAX_FOLDER_PAGES:,} HTML files; "
                                           "audit a smaller folder"), location)
                continue
            if not pages:
                add(Target(location, error=f"no .html files in folder {location}"), location)
            for page in pages:
                add(local_target(page, server), str(page.resolve()))
        elif path.is_file():
            add(local_target(path, server), str(path.resolve()))
        elif (not parts.scheme and "." in location.split("/")[0] and not location.startswith((".", "/"))
              and path.suffix.lower() not in HTML_SUFFIXES):
            add(Target(location, error=f"not a URL or a local file: {location!r} (did you mean https://{location}?)"),
                location)
        else:
            add(Target(location, error=f"no such file or folder: {location}"), location)
    return targets


def local_target(path: Path, server: LocalServer) -> Target:
    return Target(_display_path(path), fetch_url=server.url_for(path), path=str(path.resolve()))
