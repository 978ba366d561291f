"""The catalogue as a whole: the contract of ids and metadata, the docs, purity, merging."""
import copy
from pathlib import Path

import pytest

from auditor import wcag
from auditor.merge import Verdict, merge
from auditor.model import IMPACTS
from auditor.registry import RuleSettings
from rules import all_rules
from rules import _docs
from snapshots import (caption, document, heading, image, link, skip_link, skip_stop, snapshot, tab_stop,
                       target, visible_focus)

ROOT = Path(__file__).resolve().parents[2]

RULE_IDS = sorted(all_rules())


def test_catalogue_metadata_is_well_formed():
    # The ids are a contract (reports, baselines and ignores key on them); docs/rules.md, generated
    # from this metadata and checked in, makes any change to one show in review.
    assert RULE_IDS, "the rule pack holds no rules"
    for rule_id, rule in all_rules().items():
        assert rule.engine == "newsaudit", rule_id
        assert rule.impact in IMPACTS and rule.audience in ("editor", "template"), rule_id
        assert rule.wcag and set(rule.wcag) <= set(wcag.CRITERIA), rule_id
        assert isinstance(rule.page_level, bool), rule_id


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_is_documented(rule_id):
    rule = all_rules()[rule_id]
    for field in ("title", "why", "fix", "failing_example", "passing_example", "help_url"):
        assert getattr(rule, field).strip(), f"{rule_id} has no {field}"
    module = rule.check.__module__
    assert module == "rules." + rule_id.replace("-", "_"), "one rule per file, named after its id"


def test_docs_rules_md_is_generated_from_the_metadata():
    checked_in = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert checked_in == _docs.render(), "run: python -m rules._docs > docs/rules.md"
    for rule_id in RULE_IDS:
        assert f"### `{rule_id}`" in checked_in


HEADLINE = "Storm closes schools across the region"
CAPTION = "Firefighters battle a blaze near Athens on Tuesday."


def everything_wrong() -> dict:
    """Facts on which every rule in the catalogue finds something."""
    skip = skip_link(tab_index=2, target_=target(exists=False), focus=visible_focus(visible=False, in_viewport=False))
    return dict(
        document=document(og_title=HEADLINE, client_width=375, scroll_width=600),
        images=[
            image("same", alt=CAPTION, caption=CAPTION),
            image("placeholder", alt="image"),
            image("file", alt="DSC_0042.jpg"),
            image("credit", alt="REUTERS/Yves Herman"),
            image("prefix", alt="Photo of the mayor"),
            image("long", alt="word " * 60),
            image("noalt", alt=None, caption=caption("The defendant leaves court in Lyon.")),
            image("g1", alt="Climate march", gallery="#g"),
            image("g2", alt="Climate march", gallery="#g"),
            image("lead", alt=HEADLINE),
        ],
        headings=[heading(1, "Daily News", "logo"), heading(1, "Weather", "section"), heading(3, "Update", "deep"),
                  heading(2, "", "empty")],
        links=[link("Read more", id="more")],
        tab_order=[tab_stop("Accept all", "cookies", tag="button"), tab_stop("Menu", "menu", tag="button"),
                   skip_stop(skip)],
        skip_links=[skip],
    )


def all_violations(snap, settings=RuleSettings()):
    return {rule_id: list(rule.check(snap, settings)) for rule_id, rule in all_rules().items()}


def missing_everything() -> dict:
    """Facts for the rules that need something absent: no h1, no skip link."""
    # Four stops recorded, 40 before the story in the document: enough to demand a skip link.
    return dict(document=document(og_title=HEADLINE, focusable_before_main=40), headings=[heading(2, HEADLINE)],
                tab_order=[tab_stop("Home", "home"), tab_stop("News", "news"), tab_stop("Sport", "sport"),
                           tab_stop("Culture", "culture")])


def test_every_rule_fires_on_one_of_the_broken_pages():
    wrong = all_violations(snapshot(**everything_wrong()))
    missing = all_violations(snapshot(**missing_everything()))
    silent = {rule_id for rule_id in RULE_IDS if not wrong[rule_id]} - {"heading-h1-missing", "skip-link-missing"}
    assert not silent, f"give {sorted(silent)} a failing element in everything_wrong() (CONTRIBUTING.md, step 3)"
    assert not wrong["heading-h1-missing"] and not wrong["skip-link-missing"]
    assert {rule_id for rule_id in RULE_IDS if missing[rule_id]} == {"heading-h1-missing", "skip-link-missing"}


def test_page_level_rules_yield_no_selector_and_element_rules_always_do():
    for rule_id, violations in all_violations(snapshot(**everything_wrong())).items():
        for violation in violations:
            assert (violation.selector is None) == all_rules()[rule_id].page_level, rule_id
            assert violation.message.strip()


def test_image_findings_carry_a_suggestion_and_the_evidence_the_report_shows():
    for rule_id, violations in all_violations(snapshot(**everything_wrong())).items():
        if not rule_id.startswith(("alt-", "captioned-")):
            continue
        for violation in violations:
            assert violation.suggestion, rule_id
            assert {"alt", "caption", "src"} <= set(violation.evidence), rule_id


def test_rules_are_pure_same_output_twice_and_facts_untouched():
    facts = everything_wrong()
    before = copy.deepcopy(facts)
    snap = snapshot(**facts)
    first, second = all_violations(snap), all_violations(snap)
    assert first == second
    assert facts == before


def test_same_evidence_merges_into_one_message_across_viewports():
    facts = everything_wrong()
    verdicts = [Verdict(viewport, violation, all_rules()[rule_id])
                for viewport in ("XS", "SM", "MD", "LG")
                for rule_id, violations in all_violations(snapshot(viewport, **copy.deepcopy(facts))).items()
                for violation in violations]
    findings = merge(verdicts, ["XS", "SM", "MD", "LG"])
    assert all(f.viewports == ["XS", "SM", "MD", "LG"] for f in findings)
    # Only the reflow message names its viewport, because its widths are per viewport anyway.
    assert {f.rule for f in findings if f.messages} == {"reflow-horizontal-scroll"}


def test_rules_cope_with_an_empty_snapshot():
    found = all_violations(snapshot(document={}))
    assert {rule_id for rule_id, violations in found.items() if violations} == {"heading-h1-missing"}
