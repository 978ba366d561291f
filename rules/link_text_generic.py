"""link-text-generic: a link's accessible name is only generic text ("Read more", "Weiterlesen").

The name is the collector's accessible name (aria-labelledby, aria-label, text, title), so an
``aria-label`` that names the story passes; a ``title`` or ``aria-describedby`` with specific text
gives the context too. Not judged: navigation items (a link inside ``nav``, ``role=navigation`` or a
menu: a section called "Read" is a destination, not a teaser's "read more") and toggles
(``role=button``, ``aria-controls``, ``aria-expanded``, ``aria-haspopup``: a menu's "mehr" opens
something, it leads nowhere), and links that stay on the page (``href=""``, ``#…``, ``javascript:``:
a share tool's "More", a collapsed section's "More", which are script buttons or in-page jumps).

The generic texts are chosen by the link's language (its own ``lang`` or the page's): that
language's list plus English, the language of CMS defaults; a link in a language not listed is
judged with every list (the lists are in ``rules._words``). RuleSettings.generic_link_texts
extends the lists. The audience is the
editor's for links in the article body, the template's elsewhere (teaser lists and navigation).
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings, rule

from ._text import normalise, quote
from ._words import generic_link_texts

def _leads_elsewhere(link: dict) -> bool:
    href = (link.get("href") or "").strip()
    return bool(href) and link.get("fragment") is None and not href.lower().startswith("javascript:")


@rule(
    id="link-text-generic",
    impact="moderate",
    wcag=["2.4.4"],
    audience="editor",
    title='Link text says only "read more"',
    why='Screen-reader users often list a page\'s links to choose one. A list of "Read more", "here" '
        "and \"more\" does not say where any of them leads.",
    fix='Make the link text say where it goes ("Read more about the school closures"), or link the '
        "headline itself. If the design needs the short text, add an aria-label with the full name.",
    failing_example='<p>Schools will close on Friday. <a href="/storm-schools">Read more</a></p>',
    passing_example='<p>Schools will close on Friday. <a href="/storm-schools">Read more about the '
                    'closures</a></p>',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    extra = frozenset(normalise(t) for t in settings.generic_link_texts)
    page_lang = snapshot.group("document").get("lang")
    for link in snapshot.group("links"):
        if not link.get("rendered") or link.get("in_nav") or link.get("toggle") or not _leads_elsewhere(link):
            continue
        generic = generic_link_texts(link.get("lang") or page_lang) | extra
        name = link.get("name") or link.get("text")
        if normalise(name) not in generic:
            continue
        if any(normalise(context) and normalise(context) not in generic
               for context in (link.get("aria_describedby"), link.get("title"))):
            continue  # the title or description says where it goes
        yield Violation.at(link, f"Link text {quote(name)} does not say where the link goes "
                                 f"(it leads to {quote(link.get('href'), 80)}).",
                           audience="editor" if link.get("in_article") else "template",
                           text=name, href=link.get("href"))
