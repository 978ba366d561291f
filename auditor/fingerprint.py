"""Fingerprints: the same problem on the same page gets the same fingerprint, run after run.

A fingerprint is the SHA-256 (hex) of four parts joined by NUL:

1. ``v1``: the version of this recipe, so a future change can never match an old value by accident.
2. The rule id.
3. The page key (``page_key``): for a web page its path and its query, without the origin (so
   production, staging and a preview deployment agree), with the fragment and tracking parameters
   (``utm_*``, ``fbclid``, ``gclid`` and the like) dropped, the rest of the query sorted and
   percent-encoding made uniform. For a local file, its path relative to the repository it is in
   (the nearest folder holding ``.git``), so runs from different working folders or checkouts
   agree; outside any repository, the path as reported.
4. The element identity (``element_identity``), empty for a page-level finding. It is the id that
   anchors the element's selector, the element's tag, and the first of these that the element has:
   its own ``id``; the path of its ``src`` (media, frames) or ``href`` (links), origin and query
   dropped; its ``name`` (form fields); the first 80 characters of its text, case and spaces
   folded; otherwise the tag path below the anchor without positions. ``nth-of-type`` positions
   are never part of it, so a paragraph added above a photo does not make the photo's finding new.
   When two findings of one rule on one page would share an identity (two identical "Read more"
   links), the second and later get ``#2``, ``#3`` in document order.

Never part of it: the message (it quotes page text that editors change while fixing something
else), the viewports (a fix at one size must not make a new finding), impact, time, screenshots.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from .model import AuditRun, PageResult

VERSION = "v1"
TEXT_CHARS = 80
# A snippet is at most a few hundred characters; a longer one (a hand-edited report) is cut
# before parsing so the work stays bounded.
MAX_SNIPPET = 2000

_TRACKING = re.compile(
    r"^(utm_.*|fbclid|gclid|gclsrc|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|yclid|twclid|"
    r"ocid|cmpid|smid|sr_share|at_medium|at_campaign|at_custom\d*|ito|ns_mchannel|ns_source|"
    r"ns_campaign|ns_linkname|ns_fee)$",
    re.IGNORECASE,
)
_POSITION = re.compile(r":nth-of-type\(\d+\)|:nth-child\(\d+\)")
_TAG = re.compile(r"^[A-Za-z][A-Za-z0-9-]*")
_SPACES = re.compile(r"\s+")
_SRC_TAGS = {"img", "source", "video", "audio", "iframe", "embed", "track", "script", "input"}
_HREF_TAGS = {"a", "area", "link"}
_NAME_TAGS = {"input", "select", "textarea", "button", "form", "fieldset", "output"}


def _is_web(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ("http", "https")


def _uniform(path: str) -> str:
    """One spelling of a path: percent-encoding decoded and re-applied the same way."""
    return quote(unquote(path), safe="/:@!$&'()*+,;=~")


def page_key(url: str) -> str:
    """The page part of a fingerprint (see the module text): path and query, no origin."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.scheme.lower() not in ("http", "https"):
        return local_key(url)
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    key = _uniform(parts.path or "/")
    return f"{key}?{urlencode(query)}" if query else key


@lru_cache(maxsize=4096)
def _repository_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def local_key(path: str) -> str:
    """A local page's path relative to its repository, in forward slashes; else as given."""
    if path.startswith("file:"):
        path = urlsplit(path).path
    try:
        resolved = Path(path).resolve()
        root = _repository_root(resolved.parent)
        if root is not None:
            return resolved.relative_to(root).as_posix()
    except (OSError, ValueError):
        pass
    return Path(path).as_posix()


class _FirstTag(HTMLParser):
    """The first start tag's name and attributes, and the text that follows it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tag: str | None = None
        self.attrs: dict[str, str] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.tag is None:
            self.tag = tag
            self.attrs = {k: (v or "") for k, v in attrs}

    def handle_data(self, data):
        if self.tag is not None:
            self.text.append(data)


def _parse(html: str) -> _FirstTag:
    parser = _FirstTag()
    try:
        parser.feed(html[:MAX_SNIPPET])
        parser.close()
    except (AssertionError, ValueError):  # malformed markup: what was read so far is enough
        pass
    return parser


def _url_path(value: str) -> str:
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return value.strip()
    if parts.scheme.lower() in ("data", "blob", "javascript"):
        return parts.scheme.lower() + ":"  # an inline image's bytes are no identity
    return _uniform(parts.path) + (f"#{parts.fragment}" if parts.fragment and not parts.path else "")


def element_identity(selector: str | None, html: str) -> str:
    """The stable identity of an element (see the module text); '' for the page itself."""
    if not selector:
        return ""
    # Frames and shadow roots are joined with ' >>> '; the last part is the element's own document.
    parts = [p.strip() for p in selector.split(" >>> ")[-1].split(" > ") if p.strip()]
    if not parts:
        return selector
    anchor = parts[0] if parts[0].startswith("#") else ""
    below = [_POSITION.sub("", p) for p in (parts[1:] if anchor else parts)]
    last = below[-1] if below else anchor
    tag_match = _TAG.match(last)
    parsed = _parse(html or "")
    tag = (parsed.tag or (tag_match.group(0) if tag_match else "")).lower()
    attrs = parsed.attrs
    own = ""
    if not below:
        own = "id"  # the element is the anchor itself
    elif attrs.get("id"):
        own = "id=" + attrs["id"]
    elif tag in _SRC_TAGS and attrs.get("src"):
        own = "src=" + _url_path(attrs["src"])
    elif tag in _HREF_TAGS and attrs.get("href"):
        own = "href=" + _url_path(attrs["href"])
    elif tag in _NAME_TAGS and attrs.get("name"):
        own = "name=" + attrs["name"]
    else:
        text = _SPACES.sub(" ", "".join(parsed.text)).strip().casefold()[:TEXT_CHARS]
        own = "text=" + text if text else "path=" + " > ".join(below)
    return "\0".join((anchor, tag, own))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join((VERSION, *parts)).encode("utf-8")).hexdigest()


def page_fingerprints(page: PageResult) -> list[str]:
    """Fingerprints of a page's findings, in the order of ``page.findings``."""
    key = page_key(page.url)
    seen: dict[tuple[str, str], int] = {}
    out: list[str | None] = [None] * len(page.findings)
    # Document order of the selectors decides which twin is #2, whatever order findings are in.
    order = sorted(range(len(page.findings)), key=lambda i: _document_order(page.findings[i].selector))
    for i in order:
        finding = page.findings[i]
        identity = element_identity(finding.selector, finding.html)
        n = seen[(finding.rule, identity)] = seen.get((finding.rule, identity), 0) + 1
        out[i] = _digest(finding.rule, key, identity if n == 1 else f"{identity}#{n}")
    return out  # type: ignore[return-value]


def _document_order(selector: str | None) -> tuple:
    """Selectors compared part by part, numbers as numbers, so nth-of-type(10) follows (9)."""
    if not selector:
        return ()
    return tuple((int(t) if t.isdigit() else 0, t) for t in re.findall(r"\d+|\D+", selector))


def assign(run: AuditRun) -> None:
    """Give every finding of the run its fingerprint (recomputed, so old reports convert)."""
    for page in run.pages:
        for finding, value in zip(page.findings, page_fingerprints(page)):
            finding.fingerprint = value


def fingerprint(rule: str, url: str, selector: str | None, html: str = "") -> str:
    """The fingerprint of a finding that has no twin on its page."""
    return _digest(rule, page_key(url), element_identity(selector, html))


def for_page(page: PageResult) -> list[str]:
    """A page's fingerprints: the stored ones when every finding has one, else computed."""
    if all(f.fingerprint for f in page.findings):
        return [f.fingerprint for f in page.findings]
    return page_fingerprints(page)
