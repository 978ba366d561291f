"""skip-link-missing: no skip link to the main content is reached with the Tab key.

What counts as a skip link to the main content, and a run of skip links as one instrument, is set
out in ``rules._skip``. A skip link is demanded only when there is something to bypass: at least
``MIN_STOPS_TO_BYPASS`` tab stops before the main content. A page whose tab order is empty
(nothing focusable, or nothing measured) has nothing to bypass and passes. A skip link that Tab
reaches late is skip-link-not-first's finding: the page has one, in the wrong place.
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings, rule

from ._skip import (FIRST_STOPS, MIN_STOPS_TO_BYPASS, link_label, main_content_skip_links, stop_label,
                    stops_before_main, went_elsewhere)


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
    if not stops or stops_before_main(snapshot) < MIN_STOPS_TO_BYPASS:
        return
    if any(link.get("tab_index") is not None for link in skip_links):
        return  # reached, if late: skip-link-not-first says where
    first = ", ".join(stop_label(stop) for stop in stops[:FIRST_STOPS])
    more = ", …" if len(stops) > FIRST_STOPS else ""
    late = ""
    pressed = [link for link in snapshot.group("skip_links") if went_elsewhere(link)]
    if skip_links:
        link = skip_links[0]
        where = (f"is not among the first {len(stops)} tab stops" if link.get("focus")
                 else "cannot be focused with the keyboard at this screen size")
        late = f" The skip link {link_label(link)} {where}."
    elif pressed:
        late = (f" Pressing Enter on {link_label(pressed[0])} moved focus to "
                f"{pressed[0]['activation'].get('focus') or 'another element'}, outside the main content.")
    yield Violation(selector=None,
                    message=f"No skip link to the main content is reached with the Tab key "
                            f"({first}{more}).{late}",
                    evidence={"first_stops": [stop.get("selector") for stop in stops[:FIRST_STOPS]]})
