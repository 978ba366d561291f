"""Merge per-viewport rule verdicts into findings that list the viewports where they fail, and fold
an axe-core finding into the news finding that names the same problem on the same element (the
pairs are the rule pack's knowledge, handed in: rules/axe_adapter.py SAME_PROBLEM)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from .model import Finding, Violation, impact_rank
from .registry import Rule

@dataclass
class Verdict:
    """One violation, with the viewport it was seen at and the rule (None for axe) that made it."""

    viewport: str
    violation: Violation
    rule: Rule | None


# axe-core rule -> the news rules that report the same problem on the same element.
SameProblem = Mapping[str, tuple[str, ...]]


def merge(verdicts: Iterable[Verdict], viewport_order: list[str], same_problem: SameProblem | None = None
          ) -> list[Finding]:
    findings: dict[tuple[str, str | None], Finding] = {}
    order = {name: i for i, name in enumerate(viewport_order)}
    for verdict in sorted(verdicts, key=lambda v: order.get(v.viewport, len(order))):
        v, meta = verdict.violation, verdict.rule
        rule_id = meta.id if meta else v.rule
        key = (rule_id, v.selector)
        finding = findings.get(key)
        if finding is None:
            findings[key] = Finding(
                rule=rule_id,
                engine=meta.engine if meta else "axe",
                impact=v.impact or (meta.impact if meta else "moderate"),
                wcag=list(v.wcag if v.wcag is not None else (meta.wcag if meta else ())),
                viewports=[verdict.viewport],
                selector=v.selector,
                html=v.html,
                message=v.message,
                help_url=v.help_url or (meta.help_url if meta else ""),
                suggestion=v.suggestion,
                audience=v.audience or (meta.audience if meta else "template"),
                title=v.title or (meta.title if meta else rule_id),
                evidence=dict(v.evidence),
                needs_review=bool(meta and meta.needs_review),
            )
            continue
        if verdict.viewport not in finding.viewports:
            finding.viewports.append(verdict.viewport)
        if v.message != finding.message:
            finding.messages[verdict.viewport] = v.message
        # An element's worst impact anywhere is its impact.
        if v.impact and impact_rank(v.impact) > impact_rank(finding.impact):
            finding.impact = v.impact
        if finding.suggestion is None and v.suggestion:
            finding.suggestion = v.suggestion
    merged = _fold_same_problem(findings, order, same_problem or {})
    _link_related(merged)
    return sorted(merged, key=_report_order)


def _fold_same_problem(findings: dict[tuple[str, str | None], Finding], order: dict[str, int],
                       same_problem: SameProblem) -> list[Finding]:
    """One problem, one finding: an axe finding whose news counterpart fired on the same element
    joins it."""
    kept = []
    for finding in findings.values():
        news = None
        if finding.engine == "axe":
            news = next((findings[(rule, finding.selector)] for rule in same_problem.get(finding.rule, ())
                         if (rule, finding.selector) in findings
                         and not findings[(rule, finding.selector)].needs_review), None)
        if news is None:
            kept.append(finding)
            continue
        if finding.rule not in news.related:
            news.related.append(finding.rule)
        if impact_rank(finding.impact) > impact_rank(news.impact):
            news.impact = finding.impact
        news.wcag = sorted(set(news.wcag) | set(finding.wcag), key=_criterion_order)
        news.viewports = sorted(set(news.viewports) | set(finding.viewports),
                                key=lambda name: order.get(name, len(order)))
    return kept


def _criterion_order(criterion: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in criterion.split("."))


def _link_related(findings: Iterable[Finding]) -> None:
    """A news finding and an axe finding on the same element name each other in ``related``."""
    by_selector: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.selector:
            by_selector.setdefault(finding.selector, []).append(finding)
    for group in by_selector.values():
        for finding in group:
            others = {f.rule for f in group if f.engine != finding.engine}
            finding.related = sorted(others | set(finding.related))


def _report_order(finding: Finding) -> tuple:
    return (-impact_rank(finding.impact), finding.rule, finding.selector or "")
