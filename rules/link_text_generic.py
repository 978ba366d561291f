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
judged with every list. RuleSettings.generic_link_texts extends the lists. The audience is the
editor's for links in the article body, the template's elsewhere (teaser lists and navigation).
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings, rule

from ._text import normalise, quote

# Whole link texts that say nothing about where a link goes, by BCP 47 primary language subtag.
# Not "More news" or "More stories": they name what the link leads to (buzzfeed's "More News ›" to
# /news), if not which section, and were judged debatable on the real pages.
GENERIC_LINK_TEXTS: dict[str, frozenset[str]] = {lang: frozenset(normalise(t) for t in texts.split("|")
                                                                 if t.strip())
                                                 for lang, texts in {
    "en": "read more|more|click here|here|continue reading|details|link|learn more|more info|more information|"
          "read the full story|full story|read full story|read full article|read the full article|find out more|"
          "see more|view more|read on|click|this|this link|go|continue|read|more details|see details|"
          "show more|see all|view all",
    "de": "mehr|weiterlesen|weiter|hier|hier klicken|mehr erfahren|mehr lesen|details|zum artikel|mehr dazu|"
          "mehr anzeigen|alle anzeigen|artikel lesen|klicken sie hier|lesen sie mehr",
    "fr": "lire la suite|en savoir plus|plus|ici|cliquez ici|suite|la suite|lire plus|voir plus|détails|lien|"
          "lire l'article|voir tout|cliquer ici",
    "es": "leer más|más|aquí|haga clic aquí|haz clic aquí|seguir leyendo|ver más|más información|detalles|enlace|"
          "leer nota|ver todo|sigue leyendo|continuar leyendo",
    "pt": "leia mais|saiba mais|mais|aqui|clique aqui|continue lendo|continuar lendo|ver mais|detalhes|"
          "leia a matéria|ver tudo|ler mais",
    "it": "leggi di più|leggi tutto|continua a leggere|qui|clicca qui|altro|scopri di più|leggi|leggi anche|"
          "approfondisci|dettagli|vedi tutto|di più",
    "nl": "lees meer|meer|klik hier|hier|lees verder|verder lezen|meer informatie|bekijk meer|details|"
          "meer lezen|bekijk alles",
    "cs": "více|číst dále|čtěte dále|zde|klikněte zde|další|podrobnosti|celý článek|více informací|"
          "číst více|tady|zobrazit vše",
    "ja": "もっと見る|一覧|続きを読む|詳しく|詳しくはこちら|詳細|詳細はこちら|こちら|ここ|もっと読む|"
          "記事を読む|全文を読む|続き|一覧へ|一覧を見る|すべて見る|ここをクリック|さらに表示",
    "zh": "阅读更多|更多|点击这里|这里|详情|查看更多|阅读全文|了解更多|继续阅读|点击查看|查看详情|点击|"
          "閱讀更多|詳情|這裡|點擊這裡|查看全文|更多内容|更多內容|全文|点此|點此",
}.items()}
ALL_GENERIC_LINK_TEXTS = frozenset().union(*GENERIC_LINK_TEXTS.values())


def _leads_elsewhere(link: dict) -> bool:
    href = (link.get("href") or "").strip()
    return bool(href) and link.get("fragment") is None and not href.lower().startswith("javascript:")


def generic_texts(lang: str | None) -> frozenset[str]:
    """The generic texts for a language tag: its own and English, or every list when unknown."""
    primary = (lang or "").strip().split("-")[0].split("_")[0].casefold()
    if primary not in GENERIC_LINK_TEXTS:
        return ALL_GENERIC_LINK_TEXTS
    return GENERIC_LINK_TEXTS[primary] | GENERIC_LINK_TEXTS["en"]


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
        generic = generic_texts(link.get("lang") or page_lang) | extra
        name = link.get("name") or link.get("text")
        if normalise(name) not in generic:
            continue
        if any(normalise(context) and normalise(context) not in generic
               for context in (link.get("aria_describedby"), link.get("title"))):
            continue  # the title or description says where it goes
        yield Violation(selector=link.get("selector"), html=link.get("html", ""),
                        message=f"Link text {quote(name)} does not say where the link goes "
                                f"(it leads to {quote(link.get('href'), 80)}).",
                        audience="editor" if link.get("in_article") else "template",
                        evidence={"text": name, "href": link.get("href")})
