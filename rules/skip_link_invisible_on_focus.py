"""skip-link-invisible-on-focus: a skip link stays invisible when focused with the Tab key.

Judged from the collector's ``focus`` measurement, for skip links reached with Tab (``tab_index``
set): a link focused only by script may not be focusable at all, which is skip-link-missing's
concern. The reason given is the first that applies: off screen, clipped, too small, transparent,
text the colour of its background, or otherwise not visible (``visibility:hidden``).
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings, rule

from ._skip import link_label

MIN_SIZE_PX = 2
MIN_OPACITY = 0.1
MIN_CONTRAST = 1.1  # the collector's own cut-off for "text differs from its background"


def _why_invisible(focus: dict) -> str:
    box = focus.get("box") or {}
    if not focus.get("in_viewport"):
        return "stays off screen"
    if focus.get("clipped"):
        return "is clipped to nothing"
    if (box.get("width") or 0) < MIN_SIZE_PX or (box.get("height") or 0) < MIN_SIZE_PX:
        return "has no size"
    if (focus.get("opacity") if focus.get("opacity") is not None else 1) <= MIN_OPACITY:
        return "is transparent"
    if focus.get("contrast") is not None and focus["contrast"] < MIN_CONTRAST:
        return "has text the colour of its background"
    return "cannot be seen (visibility: hidden, or transparent text)"


@rule(
    id="skip-link-invisible-on-focus",
    impact="serious",
    wcag=["2.4.1", "2.4.7", "2.4.11"],
    audience="template",
    title="The skip link stays invisible when focused",
    why="A sighted keyboard user presses Tab and sees nothing happen: they do not know the skip link "
        "is there, or where the focus went.",
    fix="Hide the skip link off screen only until it has focus: in :focus (and :focus-visible) bring "
        "it on screen at full size and opacity, with clip and clip-path removed.",
    failing_example='<a class="skip" href="#main" style="position:absolute; left:-9999px">Skip to '
                    'content</a>  <!-- also when focused -->',
    passing_example='<a class="skip" href="#main">Skip to content</a>\n'
                    '<style>.skip:not(:focus) { position:absolute; left:-9999px }</style>',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    for link in snapshot.group("skip_links"):
        focus = link.get("focus")
        if link.get("tab_index") is None or not focus or focus.get("visible") is not False:
            continue
        if link.get("fragment") == "" and not link.get("by_text"):
            continue  # a bare "#" among the first stops is a script's button, not a skip link
        yield Violation.at(link, f"The skip link {link_label(link)} {_why_invisible(focus)} when focused "
                                 f"with the keyboard.", focus=focus)
