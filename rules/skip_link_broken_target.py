"""skip-link-broken-target: a skip link points at nothing, or at something hidden at this viewport.

Every skip link is checked: one by its text ("Skip to content") whatever its href, and a same-page
link among the first three tab stops. A bare "#" counts only for links that are skip links by their
text (elsewhere it is a script's button), and "#top" always works, so it is never broken. A skip
link nobody can reach (not a tab stop, and not focusable at this viewport: ``display:none``) is not
judged: where it points matters to no one, and its target is often added by the script that shows it.
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings, rule

from ._skip import link_label
from ._text import quote


def _problem(link: dict) -> str | None:
    fragment = link.get("fragment")
    if fragment is None:
        return None  # not a same-page link: nothing to check here
    if fragment == "":
        return 'points to "#", which goes nowhere' if link.get("by_text") else None
    if fragment.lower() == "top":
        return None
    target = link.get("target") or {}
    if not target.get("exists"):
        return f"points to {quote('#' + fragment)}, but no element has that id"
    if not target.get("rendered"):
        return f"points to {quote('#' + fragment)}, which is hidden at this screen size"
    return None


@rule(
    id="skip-link-broken-target",
    impact="serious",
    wcag=["2.4.1"],
    audience="template",
    title="The skip link goes nowhere",
    why="A keyboard user who follows the skip link stays where they were, or lands on something "
        "hidden, and still has to Tab through the whole header.",
    fix="Point the skip link at the id of the element that holds the story (often <main id=\"main\">), "
        "and make sure that element is shown at every screen size.",
    failing_example='<a class="skip" href="#content">Skip to content</a>\n<main id="main">…</main>',
    passing_example='<a class="skip" href="#main">Skip to content</a>\n<main id="main">…</main>',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    for link in snapshot.group("skip_links"):
        if link.get("tab_index") is None and not link.get("focus"):
            continue
        problem = _problem(link)
        if problem:
            yield Violation.at(link, f"The skip link {link_label(link)} {problem}.",
                               fragment=link.get("fragment"), target=link.get("target"))
