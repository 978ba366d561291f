"""skip-link-missing: no skip link to the main content among the first three tab stops.

What counts as a skip link to the main content is set out in ``rules._skip``. A page whose tab
order is empty (nothing focusable, or nothing measured) has nothing to bypass and passes.
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings, rule

from ._skip import FIRST_STOPS, link_label, main_content_skip_links, reached_early, stop_label


@rule(
    id="skip-link-missing",
    impact="serious",
    wcag=["2.4.1"],
    audience="template",
    page_level=True,
    title="No skip link to the story",
    why="Keyboard users have to Tab through the whole site header and navigation, often dozens of "
        "links, on every page before they reach the story.",
    fix='Make the first focusable element a link such as <a href="#main">Skip to content</a> that '
        "points at the element holding the story.",
    failing_example='<body><header><a href="/">Home</a> <a href="/news">News</a> …</header>\n'
                    '<main id="main">…</main>',
    passing_example='<body><a class="skip" href="#main">Skip to content</a>\n'
                    '<header>…</header><main id="main">…</main>',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    stops = snapshot.group("tab_order")
    skip_links = main_content_skip_links(snapshot)
    if not stops or any(reached_early(link) for link in skip_links):
        return
    first = ", ".join(stop_label(stop) for stop in stops[:FIRST_STOPS])
    late = ""
    if skip_links:
        link = skip_links[0]
        where = (f"is tab stop {link['tab_index'] + 1}" if link.get("tab_index") is not None
                 else "is not reached with the Tab key")
        late = f" The skip link {link_label(link)} {where}."
    yield Violation(selector=None,
                    message=f"No skip link to the main content among the first {FIRST_STOPS} tab stops "
                            f"({first}).{late}",
                    evidence={"first_stops": [stop.get("selector") for stop in stops[:FIRST_STOPS]]})
