"""heading-h1-missing: the page has no rendered h1 at this viewport.

The message does not name the viewport: the finding lists the viewports where it fails, and an
identical message merges into one line of the report.
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings, rule

from ._headings import rendered_headings
from ._text import quote


@rule(
    id="heading-h1-missing",
    impact="serious",
    wcag=["1.3.1", "2.4.6"],
    audience="template",
    page_level=True,
    title="The page has no main heading",
    why="Screen-reader users jump to the h1 to find where the story starts. Without one they have "
        "to listen through the navigation to find the headline.",
    fix="Mark up the article headline as the page's one h1, at every screen size.",
    failing_example='<div class="headline">Storm closes schools</div>',
    passing_example="<h1>Storm closes schools</h1>",
)
def check(snapshot: Snapshot, settings: RuleSettings):
    if any(h.get("level") == 1 for h in rendered_headings(snapshot)):
        return
    hidden = [h for h in snapshot.group("headings") if h.get("level") == 1]
    where = ""
    if hidden:
        how = ("at this screen size" if not hidden[0].get("rendered")
               else "by a class (hidden on the site)" if hidden[0].get("hidden_by_class")
               else "from screen readers by aria-hidden")
        where = f" (the h1 {quote(hidden[0].get('text'))} is hidden {how})"
    yield Violation(selector=None, message=f"No h1 is shown{where}.",
                    evidence={"hidden_h1": [h.get("selector") for h in hidden]})
