"""Scope: --include/--exclude limit axe-core (through its own context) and the news rules (their
facts are filtered here) to parts of the page; findings inside the site's ad_selector and
embed_selector regions go to the "third-party" audience instead of the editor or the template.

The keyboard facts (tab order, skip links) stay whole: the tab order is the page's, whatever part
of it is audited.
"""
from __future__ import annotations

from . import scripts
from .browsers import Tab
from .model import THIRD_PARTY, Snapshot

REGIONS = ("regions.js", "regions")
SCOPED_GROUPS = ("images", "figures", "headings", "links")


def active(options) -> bool:
    return bool(options.include or options.exclude or options.third_party)


async def classify(tab: Tab, snapshot: Snapshot, options) -> dict[str, str]:
    """Selector -> "out" or "third-party" for every element the facts and axe name."""
    if not active(options):
        return {}
    selectors = {item.get("selector") for group in SCOPED_GROUPS for item in snapshot.group(group)
                 if isinstance(item, dict)}
    for kind in ("violations", "incomplete"):
        for rule in snapshot.axe.get(kind, []):
            selectors.update(node.get("selector") for node in rule.get("nodes", []))
    return await tab.evaluate(scripts.function(*REGIONS), {
        "selectors": sorted(s for s in selectors if s), "include": list(options.include),
        "exclude": list(options.exclude), "third_party": list(options.third_party)}) or {}


def scope(snapshot: Snapshot, marks: dict[str, str]) -> Snapshot:
    """The snapshot without the facts of elements out of scope (axe already left them out)."""
    if not marks:
        return snapshot
    for group in SCOPED_GROUPS:
        items = snapshot.facts.get(group)
        if isinstance(items, list):
            snapshot.facts[group] = [i for i in items if not (isinstance(i, dict) and marks.get(i.get("selector")) == "out")]
    return snapshot


def assign_audience(verdicts, marks: dict[str, str]) -> None:
    for verdict in verdicts:
        if marks.get(verdict.violation.selector) == THIRD_PARTY:
            verdict.violation.audience = THIRD_PARTY
