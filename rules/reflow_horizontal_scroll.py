"""reflow-horizontal-scroll: the document scrolls sideways at this viewport.

It fails when ``scroll_width`` exceeds ``client_width`` (the viewport less any vertical scrollbar)
by more than one pixel, the rounding browsers allow themselves. The message names the viewport and
both widths, which differ per viewport anyway, and the widest offending element.

A responsive page (``<meta name="viewport" content="width=device-width">``) most of whose linked
stylesheets did not load is not judged: the overflow then comes from images and embeds that the site's CSS sizes,
not from the page readers get (measured on real pages audited offline: 45 of 54 such findings were
wrong). A page with no responsive viewport, or a fixed width, is a desktop layout that scrolls
sideways on a phone whatever its CSS, so it is judged either way and the message says why.

Needs review (``needs_review=True``): on the 106 real pages audited offline it was right 13 times
and wrong 4 (76%, docs/precision.md). The wrong ones are pages whose CSS a script injects or that
loads only in part: their stylesheets count as loaded, yet the layout measured is not the readers'.
Nothing in the page tells the two apart offline, so its findings are shown apart and never fail
the run until the layout can be measured as readers get it.
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings, rule

ROUNDING_PX = 1


def responsive(viewport_meta: str | None) -> bool:
    """The page asks to be laid out at the device's width (not a fixed desktop width)."""
    return "width=device-width" in (viewport_meta or "").replace(" ", "").lower()


@rule(
    id="reflow-horizontal-scroll",
    impact="serious",
    wcag=["1.4.10"],
    audience="template",
    page_level=True,
    needs_review=True,
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
    viewport_meta = document.get("viewport_meta")
    fixed_layout = "viewport_meta" in document and not responsive(viewport_meta)
    sheets = document.get("stylesheets") or {}
    if not fixed_layout and sheets.get("linked") and (sheets.get("missing") or 0) * 2 > sheets["linked"]:
        return  # laid out without the site's CSS: not the page readers get
    widest = document.get("widest") or {}
    culprit = f"; the widest element is {widest['selector']} (its right edge at {widest.get('right')} px)" \
        if widest.get("selector") else ""
    reason = ""
    if fixed_layout:
        reason = (f" The page sets a fixed layout width ({viewport_meta})" if viewport_meta
                  else " The page has no responsive viewport meta tag") + \
            ", so phones get the desktop layout."
    yield Violation(
        selector=None, html=widest.get("html", ""),
        message=f"At {snapshot.viewport} the page is {page_width} px wide but the screen shows "
                f"{viewport_width} px, so it scrolls sideways{culprit}.{reason}",
        evidence={"scroll_width": page_width, "client_width": viewport_width, "widest": widest.get("selector"),
                  **({"viewport_meta": viewport_meta} if fixed_layout else {})})
