"""The one generic adapter that turns axe-core's results into violations.

Not a rule module: axe-core owns its rules, and every one of them goes through here.
"""
from __future__ import annotations

import re
from typing import Iterable

from auditor.model import IMPACTS, Finding, Snapshot, Violation

from .axe_rules import AXE_RULES, CONTENT

# axe-core rule -> the news rules that report the same problem on the same element (or, for
# page-level rules, on the same page). Where both fire, the report shows one finding in the news
# rule's words, the axe rule under ``related``, with the higher of the two impacts. docs/rules.md
# shows this table; a news rule demoted to needs-review takes no axe finding in (the axe one stays
# apart, so that it still counts for the gate).
SAME_PROBLEM: dict[str, tuple[str, ...]] = {
    "empty-heading": ("heading-empty",),
    "heading-order": ("heading-level-skipped",),
    "page-has-heading-one": ("heading-h1-missing",),
    "image-alt": ("captioned-image-no-alt",),
    "role-img-alt": ("captioned-image-no-alt",),
    "svg-img-alt": ("captioned-image-no-alt",),
    "image-redundant-alt": ("alt-matches-caption",),
    "bypass": ("skip-link-missing",),
    "skip-link": ("skip-link-broken-target",),
}

_WCAG_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")


def wcag_criteria(tags: Iterable[str]) -> tuple[str, ...]:
    """axe tags such as ``wcag1410`` -> ``1.4.10``."""
    found = []
    for tag in tags:
        match = _WCAG_TAG.match(tag)
        if match:
            found.append(".".join(match.groups()))
    return tuple(found)


def audience(rule_id: str, in_article: bool) -> str:
    """Who can fix it: the editor only for a content rule on an element in the article body;
    everything else (and any axe rule not in the table) is the template's."""
    text = AXE_RULES.get(rule_id)
    return "editor" if text is not None and text.kind == CONTENT and in_article else "template"


def title(rule: dict) -> str:
    text = AXE_RULES.get(rule.get("id", ""))
    return text.title if text else rule.get("help", rule.get("id", ""))


def _message(rule: dict, node: dict) -> str:
    summary = (node.get("failureSummary") or "").strip()
    # axe's summary starts "Fix any of the following:"; the first reason is the useful part.
    lines = [line.strip() for line in summary.splitlines() if line.strip()]
    reason = next((line for line in lines if not line.endswith(":")), "")
    return f"{title(rule)}: {reason}" if reason else title(rule)


def violations(snapshot: Snapshot) -> Iterable[Violation]:
    for rule in snapshot.axe.get("violations", []):
        for node in rule.get("nodes", []):
            impact = node.get("impact") or rule.get("impact") or "moderate"
            selector = node.get("selector")
            yield Violation(
                rule=rule["id"],
                # axe reports page-level rules (page-has-heading-one, html-has-lang) on <html>;
                # the result model says page-level findings have no selector.
                selector=None if selector == "html" else selector,
                html=node.get("html", ""),
                message=_message(rule, node),
                impact=impact if impact in IMPACTS else "moderate",
                audience=audience(rule["id"], bool(node.get("in_article"))),
                help_url=rule.get("helpUrl", ""),
                title=title(rule),
                wcag=wcag_criteria(rule.get("tags", [])),
            )


def metadata(finding: Finding, axe: dict) -> dict:
    """An axe rule's metadata for the report, from our plain-language table. ``fix`` is the
    template fix and ``fix_editor`` the CMS one (content rules only); axe's own developer text
    (``axe``: its help and description) is kept only for a rule the table does not know, so it
    never reaches an editor (those findings are always template)."""
    text = AXE_RULES.get(finding.rule)
    meta = {"id": finding.rule, "engine": finding.engine, "impact": finding.impact, "wcag": finding.wcag,
            "audience": "template", "help_url": finding.help_url, "page_level": False}
    if text is None:
        return {**meta, "title": axe.get("title") or finding.title, "why": axe.get("why") or "",
                "fix": "", "fix_editor": ""}
    return {**meta, "kind": text.kind, "title": text.title, "why": text.why, "fix": text.fix,
            "fix_editor": text.fix_cms}
