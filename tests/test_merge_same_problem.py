"""One problem, one finding: axe findings fold into their news counterparts; needs-review findings."""
import dataclasses
import functools

from auditor import merge as merging
from auditor.merge import Verdict
from auditor.model import AuditRun, Finding, PageResult, Violation, failing_findings, gate
from rules import all_rules, get
from rules.axe_adapter import SAME_PROBLEM

VIEWPORTS = ["XS", "SM", "MD", "LG"]
merge = functools.partial(merging.merge, same_problem=SAME_PROBLEM)


def news(rule_id, viewport="XS", selector="#h", rule=None, **kw):
    return Verdict(viewport, Violation(selector=selector, message=kw.pop("message", "news words"), **kw),
                   rule or get(rule_id))


def axe(rule_id, viewport="XS", selector="#h", impact="serious", wcag=()):
    return Verdict(viewport, Violation(selector=selector, message="axe words", rule=rule_id, impact=impact,
                                       wcag=tuple(wcag), title=rule_id), None)


def test_axe_empty_heading_folds_into_heading_empty_with_the_higher_impact():
    findings = merge([news("heading-empty", impact="minor"), axe("empty-heading", "LG", impact="serious")],
                     VIEWPORTS)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.rule, finding.message, finding.impact) == ("heading-empty", "news words", "serious")
    assert finding.related == ["empty-heading"]
    assert finding.viewports == ["XS", "LG"]


def test_the_news_impact_stays_when_it_is_higher():
    findings = merge([news("captioned-image-no-alt", impact="serious"),
                      axe("image-alt", impact="minor", wcag=["1.1.1"])], VIEWPORTS)
    assert [(f.rule, f.impact, f.related, f.wcag) for f in findings] == [
        ("captioned-image-no-alt", "serious", ["image-alt"], ["1.1.1"])]


def test_page_level_pairs_fold_too():
    findings = merge([news("heading-h1-missing", selector=None), axe("page-has-heading-one", selector=None)],
                     VIEWPORTS)
    assert [(f.rule, f.related) for f in findings] == [("heading-h1-missing", ["page-has-heading-one"])]


def test_other_elements_and_other_problems_stay_apart():
    findings = merge([news("heading-empty"), axe("empty-heading", selector="#other"),
                      axe("color-contrast")], VIEWPORTS)
    assert sorted(f.rule for f in findings) == ["color-contrast", "empty-heading", "heading-empty"]
    by_rule = {f.rule: f for f in findings}
    assert by_rule["heading-empty"].related == ["color-contrast"]  # the same element, another problem


def test_every_pair_names_a_real_news_rule():
    rules = all_rules()
    assert all(r in rules for pair in SAME_PROBLEM.values() for r in pair)


def test_a_needs_review_rule_is_flagged_never_fails_the_gate_and_takes_no_axe_finding_in():
    demoted = dataclasses.replace(get("heading-empty"), needs_review=True)
    findings = merge([news("heading-empty", rule=demoted, impact="serious"),
                      axe("empty-heading", impact="serious")], VIEWPORTS)
    by_rule = {f.rule: f for f in findings}
    assert by_rule["heading-empty"].needs_review and not by_rule["empty-heading"].needs_review
    assert by_rule["heading-empty"].to_dict()["needs_review"] is True
    assert "needs_review" not in by_rule["empty-heading"].to_dict()
    page = PageResult(url="https://x/", findings=[by_rule["heading-empty"]])
    run = AuditRun(tool={}, axe_version="", viewports={}, pages=[page], settings={"fail_on": "minor"})
    assert list(failing_findings(run)) == [] and gate(run) == "passed"
    assert Finding.from_dict(by_rule["heading-empty"].to_dict()).needs_review


def test_the_registry_keeps_the_flag_in_the_metadata():
    assert get("heading-empty").metadata()["needs_review"] is False
