"""link-text-generic: a link's accessible name is only generic text ("Read more", "Weiterlesen").

The name is the collector's accessible name (aria-labelledby, aria-label, text, title), so an
``aria-label`` that names the story passes; ``aria-describedby`` with specific text gives the context
too. RuleSettings.generic_link_texts extends the built-in list. The audience is the editor's for
links in the article body, the template's elsewhere (teaser lists and navigation).
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings, rule

from ._text import normalise, quote

GENERIC_LINK_TEXTS = frozenset(normalise(t) for t in """
read more|more|click here|here|continue reading|details|link|learn more|more info|more information|
read the full story|full story|read full story|read full article|read the full article|find out more|
see more|view more|read on|click|this|this link|go|continue|read|more details|see details|
lire la suite|en savoir plus|plus|ici|cliquez ici|suite|la suite|lire plus|voir plus|détails|lien|
mehr|weiterlesen|weiter|hier|hier klicken|mehr erfahren|mehr lesen|details|zum artikel|mehr dazu|
leer más|más|aquí|haga clic aquí|haz clic aquí|seguir leyendo|ver más|más información|detalles|enlace|
leia mais|saiba mais|mais|aqui|clique aqui|continue lendo|continuar lendo|ver mais|detalhes|
leggi di più|leggi tutto|continua a leggere|qui|clicca qui|altro|scopri di più|
lees meer|meer|klik hier|
více|číst dále|čtěte dále|zde|klikněte zde|další|podrobnosti|celý článek|více informací|
阅读更多|更多|点击这里|这里|详情|查看更多|阅读全文|了解更多|继续阅读|点击查看
""".replace("\n", "").split("|") if t.strip())


def _generic(text: str | None, extra: frozenset[str]) -> bool:
    return normalise(text) in GENERIC_LINK_TEXTS | extra


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
    for link in snapshot.group("links"):
        name = link.get("name") or link.get("text")
        if not link.get("rendered") or not _generic(name, extra):
            continue
        description = link.get("aria_describedby")
        if normalise(description) and not _generic(description, extra):
            continue
        yield Violation(selector=link.get("selector"), html=link.get("html", ""),
                        message=f"Link text {quote(name)} does not say where the link goes "
                                f"(it leads to {quote(link.get('href'), 80)}).",
                        audience="editor" if link.get("in_article") else "template",
                        evidence={"text": name, "href": link.get("href")})
