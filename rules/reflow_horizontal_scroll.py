"""reflow-horizontal-scroll: the document scrolls sideways at this viewport.

It fails when ``scroll_width`` exceeds ``client_width`` (the viewport less any vertical scrollbar)
by more than one pixel, the rounding browsers allow themselves. The message names the viewport and
both widths, which differ per viewport anyway, and the widest offending element.

It is not judged when the layout is not the site's: a page that declares itself responsive
(``width=device-width``) whose linked stylesheets mostly did not load (an offline copy, or requests
blocked by the run) is laid out without the CSS that would fit it to the screen, so its overflow
says nothing about the live page. A page with no viewport declaration, or a fixed one
(``width=1000``), is a desktop layout that scrolls sideways on a phone whatever its CSS.
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings, rule

ROUNDING_PX = 1


def layout_is_the_sites(document: dict) -> bool:
    """False when a responsive page lost most of its stylesheets (see the module docstring)."""
    meta = (document.get("viewport_meta") or "").replace(" ", "").casefold()
    sheets = document.get("stylesheets") or {}
    linked, loaded = sheets.get("linked") or 0, sheets.get("loaded") or 0
    return not ("width=device-width" in meta and linked and loaded * 2 < linked)


@rule(
    id="reflow-horizontal-scroll",
    impact="serious",
    wcag=["1.4.10"],
    audience="template",
    page_level=True,
    title="The page scrolls sideways",
    why="On a phone, or when a reader zooms in, text that runs off the side of the screen has to be "
        "scrolled left and right for every line, which makes the story very hard to read.",
    fix="Let the offending element shrink to the screen: max-width: 100% on images, video and embeds, "
        "wrapping or scrolling containers for wide tables, and no fixed pixel widths.",
    failing_example='<div style="width: 600px">Ad slot</div>  <!-- on a 375 px wide phone -->',
    passing_example='<div style="max-width: 100%">Ad slot</div>',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    document = snapshot.group("document")
    viewport_width = document.get("client_width") or document.get("inner_width") or snapshot.width
    page_width = document.get("scroll_width")
    if not page_width or not viewport_width or page_width <= viewport_width + ROUNDING_PX:
        return
    if not layout_is_the_sites(document):
        return
    widest = document.get("widest") or {}
    culprit = f"; the widest element is {widest['selector']} (its right edge at {widest.get('right')} px)" \
        if widest.get("selector") else ""
    yield Violation(
        selector=None, html=widest.get("html", ""),
        message=f"At {snapshot.viewport} the page is {page_width} px wide but the screen shows "
                f"{viewport_width} px, so it scrolls sideways{culprit}.",
        evidence={"scroll_width": page_width, "client_width": viewport_width,
                  "widest": widest.get("selector")})
