"""heading-empty: a rendered heading has no accessible text.

An empty heading in a widget (``in_widget``: a modal, a drawer, a tooltip, an ad slot) is left out:
a script fills it when the widget opens or the ad loads, which an offline copy never sees.
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings, rule

from ._headings import audience, rendered_headings
from ._text import collapse


@rule(
    id="heading-empty",
    impact="serious",
    wcag=["1.3.1", "2.4.6"],
    audience="template",
    title="A heading is empty",
    why='Screen readers list headings so that their users can jump through a story. An empty one is '
        'announced as "heading" with nothing after it: a dead end.',
    fix="Put the heading's text inside it, or remove the heading element if it only holds spacing or "
        "an icon.",
    failing_example='<h2><span class="icon-arrow"></span></h2>',
    passing_example="<h2>What parents need to know</h2>",
)
def check(snapshot: Snapshot, settings: RuleSettings):
    for heading in rendered_headings(snapshot):
        if not collapse(heading.get("text")) and not heading.get("in_widget"):
            yield Violation.at(heading, f"This h{heading.get('level')} heading has no text a screen reader "
                                        f"can read.", audience=audience(heading))
