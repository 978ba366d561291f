"""skip-link-not-first: Tab reaches the skip link, but not first.

A skip link the Tab walk does not reach is skip-link-missing's finding, not this one. A run of
skip links at the start is one instrument: "Skip to content" right after "Skip to navigation" is
first. One visible stop before the skip link (the logo, a banner's close button) is tolerated: the
skip link is the second press, and the user saw where the first went. The finding is on the skip
link and names what comes before it (the first three).
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings, rule

from ._skip import FIRST_STOPS, instrument_index, link_label, main_content_skip_links, stop_label


def _seen(stop: dict) -> bool:
    """The stop shows where focus is (on screen, visible): a keyboard user sees the logo or the
    banner's close button take the first Tab, and the skip link is the next press. An invisible first
    stop (a 0×0 iframe) leaves them lost, as does a skip link further down."""
    focus = stop.get("focus") or {}
    return bool(focus.get("visible") and focus.get("in_viewport"))


@rule(
    id="skip-link-not-first",
    impact="moderate",
    wcag=["2.4.1"],
    audience="template",
    title="The skip link is not the first thing to focus",
    why="Keyboard users expect the skip link at the first Tab. When a cookie banner, the logo and a "
        "menu come first, or a first stop they cannot see, many never find the skip link, or pass it "
        "before they notice it.",
    fix="Move the skip link to the very start of <body>, before cookie banners, logos and menus, "
        "and keep positive tabindex values off other elements.",
    failing_example='<body><a href="/"><img src="logo.svg" alt="Daily News"></a>\n'
                    '<button>Menu</button>\n<a class="skip" href="#main">Skip to content</a>',
    passing_example='<body><a class="skip" href="#main">Skip to content</a>\n'
                    '<a href="/"><img src="logo.svg" alt="Daily News"></a>',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    skip_links = [link for link in main_content_skip_links(snapshot) if link.get("tab_index") is not None]
    stops = snapshot.group("tab_order")
    if not skip_links or not stops:
        return
    link = skip_links[0]
    index = instrument_index(link, snapshot)
    if index == 0 or (index == 1 and _seen(stops[0])):
        return
    before = ", ".join(stop_label(stop) for stop in stops[:min(index, FIRST_STOPS)])
    before += ", …" if index > FIRST_STOPS else ""
    yield Violation.at(link, f"The skip link {link_label(link)} is tab stop {link['tab_index'] + 1}; "
                             f"before it come {before}.",
                       tab_index=link["tab_index"], before=[stop.get("selector") for stop in stops[:index]])
