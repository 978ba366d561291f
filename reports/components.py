"""Template problems once per component: the same rule on the same part of the site template,
across every place and article where it shows.

A component is named by a template signature: the element's selector with positions removed
(``li:nth-of-type(3)`` -> ``li``), anchored at its id-anchored ancestor with digits folded (ids
such as ``post-123`` recur with other numbers), plus the element's own classes, or the tag and
attribute names of its outer HTML when it has none. Signatures are kept per site, and one that has
neither an id anchor nor a class is kept per page: a bare ``div > a`` on two sites is two
problems, and the report never claims one fix repairs both. A local file counts as its own site.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from auditor.model import Finding, PageResult, impact_rank

_POSITION = re.compile(r":nth-(?:of-type|child)\(\d+\)")
_DIGITS = re.compile(r"\d+")
_OPEN_TAG = re.compile(r"^\s*<([a-zA-Z][a-zA-Z0-9-]{0,40})([^>]{0,2000})>")
_ATTR = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]{0,60})(?:\s*=\s*(?:"([^"]{0,1000})"|'([^']{0,1000})'|[^\s"'>]{1,1000}))?""")
MAX_SELECTOR = 1000

# Words in an anchor id, a class or a landmark tag -> the part of the page, as a reader names it.
AREAS = (
    (("header", "masthead", "banner", "topbar"), "the site header"),
    (("nav", "navigation", "menu", "navbar"), "the navigation"),
    (("footer", "contentinfo"), "the footer"),
    (("aside", "sidebar", "rail"), "the sidebar"),
    (("cookie", "consent", "gdpr", "cmp"), "the cookie notice"),
    (("ad", "ads", "advert", "advertisement", "sponsor"), "the ads"),
    (("share", "social"), "the share buttons"),
    (("comments", "comment"), "the comments"),
    (("newsletter", "subscribe", "signup"), "the newsletter sign-up"),
    (("related", "recommended", "teaser", "teasers", "most-read"), "the related-stories list"),
    (("video", "player"), "the video player"),
)


@dataclass
class Component:
    rule: str
    signature: str
    area: str  # "the site header", or "" when unknown
    site: str
    key: tuple  # (site, rule, signature), with the page's index for a signature kept per page
    members: list[tuple[int, PageResult, Finding]] = field(default_factory=list)

    @property
    def pages(self) -> list[int]:
        return list(dict.fromkeys(i for i, _, _ in self.members))

    @property
    def impact(self) -> str:
        return max((f.impact for _, _, f in self.members), key=impact_rank)


def site_of(page: PageResult) -> str:
    """The page's host for a web page. A local file is a site of its own: a folder of saved pages
    often holds many different sites, and nothing in the file says which."""
    for url in (page.url, page.final_url):
        parts = urlsplit(url or "")
        if parts.scheme in ("http", "https") and parts.hostname and parts.hostname not in ("127.0.0.1", "localhost"):
            return parts.hostname.lower().removeprefix("www.")
    return "file:" + (page.url or "")


def _open_tag(html: str) -> tuple[str, dict[str, str]]:
    match = _OPEN_TAG.match(html or "")
    if not match:
        return "", {}
    attrs = {m.group(1).lower(): (m.group(2) or m.group(3) or "") for m in _ATTR.finditer(match.group(2))}
    return match.group(1).lower(), attrs


def signature(finding: Finding) -> tuple[str, bool]:
    """(signature, anchored): ``anchored`` when an id anchor or a class makes it stable across pages."""
    if finding.selector is None:
        return "the whole page", True  # page-level: one per rule and site
    selector = finding.selector[:MAX_SELECTOR]
    path = _POSITION.sub("", selector)
    anchor = path.startswith("#")
    if anchor:
        head, _, rest = path.partition(" ")
        path = _DIGITS.sub("#", head) + (" " + rest if rest else "")
    tag, attrs = _open_tag(finding.html)
    classes = sorted({_DIGITS.sub("#", c) for c in attrs.get("class", "").split() if c})[:6]
    if classes:
        shape = "." + ".".join(classes)
    else:
        shape = f"<{tag} {' '.join(sorted(attrs))}>" if tag else ""
    return f"{path} {shape}".strip(), anchor or bool(classes)


def area_of(finding: Finding) -> str:
    selector = (finding.selector or "")[:MAX_SELECTOR]
    words = [w for w in re.split(r"[^a-z0-9]+", _POSITION.sub("", selector).lower()) if w]
    _, attrs = _open_tag(finding.html)
    words += [w for w in re.split(r"[^a-z0-9]+", attrs.get("class", "").lower()) if w]
    for keys, name in AREAS:
        if any(w in keys for w in words):
            return name
    return ""


def components(pages: list[tuple[int, PageResult]], wanted) -> list[Component]:
    """Template findings of (index, page) pairs grouped by (site, rule, signature); most articles
    first, then impact."""
    groups: dict[tuple, Component] = {}
    for index, page in pages:
        site = site_of(page)
        for finding in page.findings:
            if not wanted(finding):
                continue
            sig, anchored = signature(finding)
            key = (site, finding.rule, sig if anchored else f"{sig} @{index}")
            group = groups.get(key)
            if group is None:
                group = groups[key] = Component(finding.rule, sig, area_of(finding), site, key)
            group.members.append((index, page, finding))
    return sorted(groups.values(), key=lambda c: (-len(c.pages), -impact_rank(c.impact), -len(c.members),
                                                   c.rule, c.site, c.signature))
