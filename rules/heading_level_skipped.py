"""heading-level-skipped: a heading is more than one level deeper than the heading before it.

Only rendered headings count, so a level can be skipped at one viewport and not at another (the
h3 that follows a h2 hidden at XS). The finding is on the deeper heading. An empty heading is not
judged (it is heading-empty's finding: one problem, one finding), though its level still counts
for the heading after it.
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings, rule

from ._headings import audience, label, rendered_headings
from ._text import collapse


@rule(
    id="heading-level-skipped",
    impact="moderate",
    wcag=["1.3.1", "2.4.6"],
    audience="template",
    title="A heading level is skipped",
    why="Screen-reader users move through a story by its headings and read their levels as an "
        "outline. A jump from h2 to h4 suggests a missing section and breaks that outline.",
    fix="Use the next level down for a sub-heading (h2 then h3). Choose the level for the structure, "
        "and style the heading with CSS for its size.",
    failing_example="<h1>Storm closes schools</h1>\n<h3>What parents need to know</h3>",
    passing_example="<h1>Storm closes schools</h1>\n<h2>What parents need to know</h2>",
)
def check(snapshot: Snapshot, settings: RuleSettings):
    previous = None
    for heading in rendered_headings(snapshot):
        if previous is not None and heading.get("level", 2) > previous.get("level", 2) + 1 \
                and collapse(heading.get("text")):
            yield Violation.at(heading, f"{label(heading)} follows {label(previous)}.", audience=audience(heading),
                               level=heading.get("level"), previous_level=previous.get("level"),
                               previous=previous.get("selector"))
        previous = heading
