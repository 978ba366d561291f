"""Rule metadata, the @rule mark, and collecting marked checks into what an audit runs.

A rule is a pure function ``check(snapshot, settings) -> Iterable[Violation]`` marked with
``@rule(...)``; the decorator records the metadata and returns the function unchanged. The rule
pack (``rules.catalogue()``) hands its rules to whoever runs them as a ``Catalogue``: the core never
imports the pack.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Callable, Iterable

from . import wcag as wcag_refs
from .model import AUDIENCES, ENGINES, IMPACTS, Finding, Snapshot, Violation

Check = Callable[[Snapshot, "RuleSettings"], Iterable[Violation]]
AxeCheck = Callable[[Snapshot], Iterable[Violation]]
AxeMeta = Callable[[Finding, dict], dict]


@dataclass(frozen=True)
class RuleSettings:
    """The parts of the site profile that rules read (collector settings live in the Snapshot)."""

    placeholder_words: tuple[str, ...] = ()
    generic_link_texts: tuple[str, ...] = ()
    alt_max_length: int = 250
    caption_match_threshold: float = 0.9


@dataclass(frozen=True)
class Rule:
    id: str
    engine: str
    impact: str
    wcag: tuple[str, ...]
    audience: str
    title: str
    why: str
    fix: str
    help_url: str
    check: Check = field(compare=False, repr=False)
    page_level: bool = False
    # Example markup for docs/rules.md: one that fails and one that passes.
    failing_example: str = ""
    passing_example: str = ""
    # Demoted until its precision on real pages is good enough: its findings are reported with
    # ``needs_review`` and never fail the gate (model.failing_findings).
    needs_review: bool = False

    def metadata(self) -> dict:
        data = asdict(self)
        data.pop("check")
        data["wcag"] = list(self.wcag)
        return data


class RegistryError(ValueError):
    pass


def rule(*, id: str, impact: str, wcag: Iterable[str], audience: str, title: str, why: str, fix: str,
         help_url: str = "", engine: str = "newsaudit", page_level: bool = False,
         failing_example: str = "", passing_example: str = "",
         needs_review: bool = False) -> Callable[[Check], Check]:
    """Mark a check as a rule: the metadata rides on the function (``check.rule``), which is
    returned unchanged so tests can call it. Nothing is registered; ``rules.catalogue()`` collects."""
    if impact not in IMPACTS:
        raise RegistryError(f"rule {id}: impact {impact!r} is not one of {', '.join(IMPACTS)}")
    if audience not in AUDIENCES:
        raise RegistryError(f"rule {id}: audience {audience!r} is not one of {', '.join(AUDIENCES)}")
    if engine not in ENGINES:
        raise RegistryError(f"rule {id}: engine {engine!r} is not one of {', '.join(ENGINES)}")

    wcag = tuple(wcag)

    def mark(check: Check) -> Check:
        check.rule = Rule(id=id, engine=engine, impact=impact, wcag=wcag, audience=audience,
                          title=title, why=why, fix=fix,
                          help_url=help_url or wcag_refs.understanding_url(next(iter(wcag), "")),
                          check=check, page_level=page_level,
                          failing_example=failing_example, passing_example=passing_example,
                          needs_review=needs_review)
        return check

    return mark


def collect(modules: Iterable) -> dict[str, Rule]:
    """The rules of these modules, in id order: each module holds one ``@rule`` check named ``check``."""
    found: dict[str, Rule] = {}
    for module in modules:
        marked = getattr(getattr(module, "check", None), "rule", None)
        if not isinstance(marked, Rule):
            raise RegistryError(f"{module.__name__} has no check marked with @rule")
        if marked.id in found:
            raise RegistryError(f"rule {marked.id} is defined twice")
        found[marked.id] = marked
    return dict(sorted(found.items()))


def lookup(rules: dict[str, Rule], rule_id: str) -> Rule:
    if rule_id not in rules:
        raise RegistryError(f"unknown rule {rule_id!r}; known rules: {', '.join(rules)}")
    return rules[rule_id]


@dataclass(frozen=True)
class Catalogue:
    """What an audit runs and how it describes it: the news rules, the one adapter that turns
    axe-core's results into violations, an axe finding's metadata for the report, and the axe
    rules that report the same problem as a news rule (merged into one finding)."""

    rules: dict[str, Rule]
    axe_check: AxeCheck
    axe_meta: AxeMeta
    same_problem: dict[str, tuple[str, ...]] = field(default_factory=dict)
