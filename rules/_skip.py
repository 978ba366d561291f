"""Skip links as the skip-link rules see them.

The collector lists as ``skip_links`` every link, button or ``role=link`` whose name is a
skip-link wording ("Skip to", "Zum Inhalt", …: ``by_text``) and every same-page link among the
first three tab stops. A skip instrument that is not a same-page link (a ``<button>``, a
``role=link``, a ``javascript:`` link) is pressed with a real Enter key, and ``activation`` says
whether focus or scrolling landed in the main content.

A skip link goes *to the main content* when it is a skip link by its text that does not name
another destination ("Skip to navigation", "Skip to search"), whatever its target (a broken one is
skip-link-broken-target's finding), or when it is a same-page link whose target exists; in both
cases not the top of the page or a navigation (``#top``, ``#menu``, a ``<nav>``), which would not
bypass anything. "Skip navigation" skips over the navigation, so it goes to the story. A pressed
skip button goes there unless its Enter press sent focus somewhere else (``went_elsewhere``).

A run of skip links at the start ("Skip to navigation", "Skip to content") is one instrument: a
link's position is where its run starts (``instrument_index``).
"""
from __future__ import annotations

import re

from auditor.model import Snapshot

from ._text import normalise, quote

FIRST_STOPS = 3  # same-page links among the first three tab stops are skip links; messages name three
# A skip link is demanded only when at least this many tab stops come before the main content
# (the main landmark, else the h1's article or the h1): a header of a logo, a handful of sections
# and a few buttons is a small block to Tab past, and on the 106 real pages such headers (5 to 12
# stops) were judged debatable while every page with 15 or more stops was judged right to need one
# (docs/precision.md). With fewer than 13 the story is a dozen presses away at most.
MIN_STOPS_TO_BYPASS = 13
_NOT_MAIN_FRAGMENTS = frozenset({"top", "menu", "nav", "navigation", "main menu", "main nav", "search",
                                 "footer", "header", "site header", "site nav", "site navigation"})


# Wordings of skip links that go somewhere else than the story ("Skip to main navigation").
_NOT_MAIN_WORDS = re.compile(r"\b(?:navigation|nav|menu|search|footer|navigaci|suche|recherche|"
                             r"navegação|navegacion|navegación|busca|búsqueda|pied de page)\b")
# Wordings that skip *over* the navigation, so to the story: "Skip navigation", "Navigation überspringen".
_BYPASS_WORDS = re.compile(r"^(?:skip|jump|bypass) (?:over |past )?(?:the )?(?:main |site |primary )?"
                           r"(?:navigation|nav|menu|header|links)\b|\b(?:navigation|menü|menu) überspringen\b")


def goes_to_main_content(link: dict) -> bool:
    target = link.get("target") or {}
    fragment = normalise(link.get("fragment"))
    if fragment in _NOT_MAIN_FRAGMENTS or target.get("tag") == "nav":
        return False
    if link.get("by_text"):
        wording = normalise(link.get("name") or link.get("text"))
        if _NOT_MAIN_WORDS.search(wording) and not _BYPASS_WORDS.search(wording):
            return False
        return not went_elsewhere(link)
    return bool(fragment) and bool(target.get("exists"))


def went_elsewhere(link: dict) -> bool:
    """A pressed skip button that sent focus somewhere outside the main content (a menu it opened).
    One that did nothing still counts, by its wording: offline, the script that would move focus
    is often one of the blocked off-site requests, and nothing tells the two apart."""
    activation = link.get("activation") or {}
    return bool(link.get("press") and activation.get("focus_moved") and not activation.get("into_main"))


def main_content_skip_links(snapshot: Snapshot) -> list[dict]:
    """Skip links to the main content, earliest tab stop first (unreached ones last)."""
    links = [link for link in snapshot.group("skip_links") if goes_to_main_content(link)]
    return sorted(links, key=lambda link: (link.get("tab_index") is None, link.get("tab_index") or 0))


def instrument_index(link: dict, snapshot: Snapshot) -> int | None:
    """The tab stop where the run of skip links holding ``link`` starts (None: not reached)."""
    index = link.get("tab_index")
    if index is None:
        return None
    stops = snapshot.group("tab_order")
    skips = {s.get("selector") for s in snapshot.group("skip_links")}
    while 0 < index <= len(stops) and stops[index - 1].get("selector") in skips:
        index -= 1
    return index


def stops_before_main(snapshot: Snapshot) -> int:
    """How many tab stops come before the main content. Exact when the Tab walk reached the main
    content; when every recorded stop is before it (the walk records only the first few), the count
    of focusable elements before it in the document (``focusable_before_main``), or, when that is
    not known, the recorded stops (there are at least that many)."""
    stops = snapshot.group("tab_order")
    count = 0
    for stop in stops:
        if stop.get("before_main") is False:
            return count
        count += 1
    counted = snapshot.group("document").get("focusable_before_main")
    return max(count, counted) if isinstance(counted, int) else count


def stop_label(stop: dict) -> str:
    """'"Accept all" (button)': what a keyboard user lands on, for messages."""
    text = stop.get("name") or stop.get("text") or stop.get("href") or ""
    return f"{quote(text, 50)} ({stop.get('tag') or 'element'})"


def link_label(link: dict) -> str:
    return quote(link.get("name") or link.get("text") or link.get("href"), 60)
