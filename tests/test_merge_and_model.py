"""Merging across viewports, the result model's round trip, and the exit-code gate."""
from auditor.merge import Verdict, merge
from auditor.model import AuditRun, Finding, PageResult, Violation, exit_code, gate
from rules import get

VIEWPORTS = ["XS", "SM", "MD", "LG"]


def verdict(viewport, selector="#a", rule=None, **kw):
    meta = None if rule == "axe" else get(rule or "heading-h1-missing")
    violation = Violation(selector=selector, message=kw.pop("message", "m"), **kw)
    if rule == "axe":
        violation.rule, violation.impact, violation.wcag = "image-alt", kw.get("impact") or "critical", ("1.1.1",)
    return Verdict(viewport, violation, meta)


def test_one_finding_per_rule_and_element_lists_failing_viewports_in_order():
    findings = merge([verdict("SM"), verdict("XS"), verdict("XS", selector="#b")], VIEWPORTS)
    by_selector = {f.selector: f for f in findings}
    assert by_selector["#a"].viewports == ["XS", "SM"]
    assert by_selector["#b"].viewports == ["XS"]
    assert len(findings) == 2


def test_page_level_findings_merge_into_one_per_rule():
    findings = merge([verdict(v, selector=None) for v in VIEWPORTS], VIEWPORTS)
    assert [(f.selector, f.viewports) for f in findings] == [(None, VIEWPORTS)]


def test_differing_messages_are_kept_per_viewport():
    findings = merge([verdict("XS", message="one"), verdict("LG", message="two")], VIEWPORTS)
    assert findings[0].message == "one"
    assert findings[0].messages == {"LG": "two"}


def test_news_and_axe_findings_on_one_element_name_each_other():
    findings = merge([verdict("XS"), verdict("XS", rule="axe")], VIEWPORTS)
    related = {f.rule: f.related for f in findings}
    assert related == {"heading-h1-missing": ["image-alt"], "image-alt": ["heading-h1-missing"]}


def test_worst_impact_wins_and_findings_sort_by_impact():
    findings = merge([verdict("XS", rule="axe", impact="minor"), verdict("LG", rule="axe", impact="critical"),
                      verdict("XS", selector="#z")], VIEWPORTS)
    assert findings[0].rule == "image-alt" and findings[0].impact == "critical"


def _run(findings=(), page_error=None, viewport_errors=None, fail_on="serious"):
    page = PageResult(url="https://x/", findings=list(findings), viewport_errors=viewport_errors or {})
    if page_error:
        page.status, page.error = "error", page_error
    return AuditRun(tool={"name": "newsaudit"}, axe_version="4.12.1", viewports={}, pages=[page],
                    settings={"fail_on": fail_on})


def _finding(impact):
    return Finding(rule="r", engine="axe", impact=impact, wcag=[], viewports=["XS"], selector="#a",
                   html="", message="", help_url="")


def test_exit_codes():
    assert exit_code(_run()) == 0
    assert exit_code(_run([_finding("moderate")])) == 0
    assert exit_code(_run([_finding("serious")])) == 1
    assert exit_code(_run([_finding("minor")], fail_on="minor")) == 1
    assert exit_code(_run([_finding("critical")], fail_on="never")) == 0
    # Something not audited wins over findings.
    assert exit_code(_run([_finding("critical")], viewport_errors={"XS": "timeout"})) == 3
    assert exit_code(_run(page_error="HTTP 404")) == 3
    interrupted = _run()
    interrupted.interrupted = True
    assert exit_code(interrupted) == 130
    assert gate(_run([_finding("serious")])) == "failed"


def test_round_trip_through_json_keeps_everything():
    run = _run([_finding("serious")], viewport_errors={"SM": "boom"})
    run.pages[0].outline = {"XS": [{"level": 1, "text": "H", "selector": "h1", "in_article": False}]}
    again = AuditRun.from_dict(run.to_dict())
    assert again.to_dict() == run.to_dict()
    assert again.to_dict()["summary"]["findings_by_impact"]["serious"] == 1


def test_unknown_schema_version_is_refused():
    data = _run().to_dict()
    data["schema_version"] = 99
    try:
        AuditRun.from_dict(data)
    except ValueError as error:
        assert "schema_version" in str(error)
    else:
        raise AssertionError("a report from another schema version was accepted")
