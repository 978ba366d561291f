"""The article headline, as the page declares it in its metadata.

Candidates, in order: og:title, the JSON-LD NewsArticle headline, twitter:title (the collector reads
both from ``property=`` or ``name=``), and the document title without its site-name suffix or
prefix ("Storm closes schools | Daily News" -> "Storm closes schools"). An h1 is the headline when
it matches any of them: sites word them differently for search, sharing and the page.
"""
from __future__ import annotations

import re

from ._text import _is_cjk, collapse, contains_most_of, nearly_equal, normalise

_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·•:]{1,2}|-|::)\s+")
_MAX_SITE_SUFFIX = 40  # characters: "BBC News", "The New York Times", "Le Monde.fr"


def title_without_site(title: str | None, site_name: str | None = None) -> str:
    title = collapse(title)
    if site_name:
        site = collapse(site_name)
        folded, site_folded = title.casefold(), site.casefold()
        if folded == site_folded:
            return ""
        if folded.startswith(site_folded):
            return title[len(site):].lstrip(" |–—·•:-")
        if folded.endswith(site_folded):
            return title[: -len(site)].rstrip(" |–—·•:-")
    parts = _TITLE_SEPARATORS.split(title)
    tail = parts[-1]
    if len(parts) > 1 and len(tail) <= _MAX_SITE_SUFFIX and len(tail) < len(title) - len(tail):
        return _join_like(title, parts[:-1])
    return title


def _join_like(title: str, parts: list[str]) -> str:
    """The original title text spanning ``parts`` (keeps the separators inside a headline)."""
    start = title.find(parts[0])
    end = title.find(parts[-1], start) + len(parts[-1])
    return title[start:end].strip()


def headline_candidates(document: dict) -> list[str]:
    """The distinct non-empty headline texts the page declares."""
    found: list[str] = []
    for text in (document.get("og_title"), document.get("jsonld_headline"), document.get("twitter_title"),
                 title_without_site(document.get("title"), document.get("site_name"))):
        text = collapse(text)
        if text and normalise(text) not in {normalise(f) for f in found}:
            found.append(text)
    return found


# An h1 this long reads as a headline of its own: the displayed headline, worded differently from
# the one written for search and sharing (common: "Jury finds Roof guilty" on the page, "Roof
# convicted of church massacre" in <title>). Section and site names ("Weather", "POLITICO",
# "Allergies Health Center") are shorter.
HEADLINE_MIN_WORDS = 5
HEADLINE_MIN_CJK_CHARS = 10


def reads_like_a_headline(text: str | None, site_name: str | None = None) -> bool:
    text = normalise(text)
    if not text or text == normalise(site_name):
        return False
    if sum(map(_is_cjk, text)) >= len(text) / 2:
        return len(text.replace(" ", "")) >= HEADLINE_MIN_CJK_CHARS
    return len(text.split()) >= HEADLINE_MIN_WORDS


def is_headline(text: str | None, candidates: list[str], threshold: float) -> bool:
    """A heading is the headline when it nearly equals a candidate, or one holds most of the other:
    display headlines and og:titles often differ by a kicker ("LIVE:") or an added clause."""
    return any(nearly_equal(text, c, threshold) or contains_most_of(text, c) or contains_most_of(c, text)
               for c in candidates)
