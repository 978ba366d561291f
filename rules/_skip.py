"""Skip links as the skip-link rules see them.

The collector lists as ``skip_links`` every link whose text is a skip-link wording ("Skip to",
"Zum Inhalt", …: ``by_text``) and every same-page link among the first three tab stops. A skip link
goes *to the main content* when it is a skip link by its text that does not name another
destination ("Skip to navigation", "Skip to search"), whatever its target (a broken one is
skip-link-broken-target's finding), or when it is a same-page link whose target exists; in both
cases not the top of the page or a navigation (``#top``, ``#menu``, a ``<nav>``), which would not
bypass anything.
"""
from __future__ import annotations

import re

from auditor.model import Snapshot

from ._text import normalise, quote

FIRST_STOPS = 3  # "among the first three tab stops"
_NOT_MAIN_FRAGMENTS = frozenset({"top", "menu", "nav", "navigation", "main menu", "main nav", "search",
                                 "footer", "header", "site header", "site nav", "site navigation"})


# Wordings of skip links that go somewhere else than the story ("Skip to main navigation").
_NOT_MAIN_WORDS = re.compile(r"\b(?:navigation|nav|menu|search|footer|navigaci|suche|recherche|"
                             r"navegação|navegacion|navegación|busca|búsqueda|pied de page)\b")


def goes_to_main_content(link: dict) -> bool:
    target = link.get("target") or {}
    fragment = normalise(link.get("fragment"))
    if fragment in _NOT_MAIN_FRAGMENTS or target.get("tag") == "nav":
        return False
    if link.get("by_text"):
        return not _NOT_MAIN_WORDS.search(normalise(link.get("name") or link.get("text")))
    return bool(fragment) and bool(target.get("exists"))


def main_content_skip_links(snapshot: Snapshot) -> list[dict]:
    """Skip links to the main content, earliest tab stop first (unreached ones last)."""
    links = [link for link in snapshot.group("skip_links") if goes_to_main_content(link)]
    return sorted(links, key=lambda link: (link.get("tab_index") is None, link.get("tab_index") or 0))


def reached_early(link: dict) -> bool:
    index = link.get("tab_index")
    return index is not None and index < FIRST_STOPS


def stop_label(stop: dict) -> str:
    """'"Accept all" (button)': what a keyboard user lands on, for messages."""
    text = stop.get("name") or stop.get("text") or stop.get("href") or ""
    return f"{quote(text, 50)} ({stop.get('tag') or 'element'})"


def link_label(link: dict) -> str:
    return quote(link.get("name") or link.get("text") or link.get("href"), 60)
