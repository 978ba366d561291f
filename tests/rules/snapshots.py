"""Hand-built snapshots for rule tests: each builder fills in the facts a rule does not care about.

Selectors are derived from an ``id`` argument so that tests can name elements the way fixture pages
do (``image(id="lead")`` has selector ``#lead``).
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings
from rules import get

VIEWPORTS = {"XS": (375, 667), "SM": (640, 900), "MD": (1024, 768), "LG": (1440, 900)}


def snapshot(viewport: str = "XS", **groups) -> Snapshot:
    width, height = VIEWPORTS.get(viewport, (375, 667))
    facts = {"document": {}, "images": [], "headings": [], "links": [], "tab_order": [],
             "skip_links": [], "landmarks": {"main": [], "article": None}}
    facts.update(groups)
    return Snapshot(url="https://news.example/story", viewport=viewport, width=width, height=height,
                    inner_width=width, facts=facts)


def document(**fields) -> dict:
    doc = {"title": "", "lang": "en", "og_title": None, "jsonld_headline": None, "headline": "",
           "site_name": None, "inner_width": 375, "inner_height": 667, "client_width": 375,
           "scroll_width": 375, "widest": None}
    doc.update(fields)
    return doc


def caption(text: str, credit: str | None = None, rendered: bool = True,
            source: str = "figcaption") -> dict:
    return {"text": text, "credit": credit, "rendered": rendered, "source": source,
            "selector": "#cap"}


def image(id: str = "photo", alt: str | None = "A dog runs on the beach", *, src: str | None = None,
          caption: dict | str | None = None, rendered: bool = True, **fields) -> dict:
    if isinstance(caption, str):
        caption = globals()["caption"](caption)
    attrs = f' alt="{alt}"' if alt is not None else ""
    data = {"selector": f"#{id}", "html": f'<img id="{id}"{attrs}>', "rendered": rendered,
            "box": {"x": 0, "y": 0, "width": 300, "height": 200}, "in_article": True, "tag": "img",
            "src": src if src is not None else f"https://news.example/media/{id}.jpg", "alt": alt,
            "role": None, "aria_hidden": False, "aria_label": None, "title": None, "caption": caption,
            "figure": None, "link": None}
    data.update(fields)
    return data


def heading(level: int, text: str, id: str | None = None, *, rendered: bool = True,
            in_article: bool = False, **fields) -> dict:
    id = id or f"h{level}-" + "-".join(text.lower().split())[:24]
    data = {"selector": f"#{id}", "html": f"<h{level} id=\"{id}\">{text}</h{level}>", "rendered": rendered,
            "box": {"x": 0, "y": 0, "width": 300, "height": 40}, "in_article": in_article,
            "level": level, "text": text}
    data.update(fields)
    return data


def link(text: str, href: str = "/story", id: str = "link", *, rendered: bool = True,
         in_article: bool = True, **fields) -> dict:
    data = {"selector": f"#{id}", "html": f'<a id="{id}" href="{href}">{text}</a>', "rendered": rendered,
            "box": {"x": 0, "y": 0, "width": 80, "height": 20}, "in_article": in_article, "href": href,
            "url": f"https://news.example{href}", "text": text, "name": text, "aria_label": None,
            "aria_labelledby": None, "aria_describedby": None, "title": None, "fragment": None,
            "target": None}
    data.update(fields)
    return data


def visible_focus(**fields) -> dict:
    focus = {"box": {"x": 8, "y": 8, "width": 160, "height": 40}, "in_viewport": True, "clipped": False,
             "opacity": 1, "visible": True}
    focus.update(fields)
    return focus


def target(exists: bool = True, rendered: bool = True, tag: str = "main", id: str = "main") -> dict:
    return {"exists": exists, "selector": f"#{id}" if exists else None, "rendered": rendered, "tag": tag,
            "focusable": False}


def tab_stop(text: str, id: str, tag: str = "a", href: str | None = "/", **fields) -> dict:
    data = {"selector": f"#{id}", "html": f'<{tag} id="{id}">{text}</{tag}>', "in_article": False,
            "tag": tag, "href": href if tag == "a" else None, "text": text, "name": text,
            "fragment": None, "target": None, "focus": visible_focus()}
    data.update(fields)
    return data


def skip_link(text: str = "Skip to content", fragment: str | None = "main", id: str = "skip", *,
              tab_index: int | None = 0, by_text: bool = True, target_: dict | None = None,
              focus: dict | None = None, **fields) -> dict:
    href = f"#{fragment}" if fragment is not None else "/elsewhere"
    data = link(text, href=href, id=id, in_article=False, rendered=False)
    data.update({"fragment": fragment, "tab_index": tab_index, "by_text": by_text,
                 "target": target_ if target_ is not None else target(id=fragment or "main"),
                 "focus": focus if focus is not None else visible_focus()})
    data.update(fields)
    return data


def skip_stop(link: dict) -> dict:
    """The tab-order entry for a skip link."""
    return tab_stop(link["text"], link["selector"][1:], href=link["href"], fragment=link["fragment"],
                    target=link["target"], focus=link["focus"])


def run(rule_id: str, snap: Snapshot, settings: RuleSettings | None = None) -> list[Violation]:
    return list(get(rule_id).check(snap, settings or RuleSettings()))


def selectors(rule_id: str, snap: Snapshot, settings: RuleSettings | None = None) -> list[str | None]:
    return [v.selector for v in run(rule_id, snap, settings)]
