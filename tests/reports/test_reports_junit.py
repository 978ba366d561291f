"""JUnit XML, read back with junitparser as a CI test reporter would."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from junitparser import Error, Failure, JUnitXml
from lxml import etree

import reports
from auditor.model import AuditRun, Finding, PageResult
from baseline_sample import build_baseline_run
from sample_run import EVIL_TITLE, SAMPLE_DIR, build_clean_run, build_run


def _parse(tmp_path, run=None):
    path = tmp_path / "junit.xml"
    path.write_text(reports.render(run or build_run(), "junit", SAMPLE_DIR), encoding="utf-8")
    return JUnitXml.fromfile(str(path))


def _results(case):
    return list(case.result)


def test_one_suite_per_page_and_one_case_per_rule(tmp_path):
    xml = _parse(tmp_path)
    suites = list(xml)
    run = build_run()
    assert [s.name for s in suites] == [p.headline or p.title or p.url for p in run.pages]
    rules = sorted(run.rules)
    storm = suites[0]
    assert [c.name for c in storm] == rules
    assert all(c.classname == "newsaudit.news_example_com.world_2024_storm_closes_schools" for c in storm)
    failing = {c.name for c in storm if any(isinstance(r, Failure) for r in _results(c))}
    assert failing == {f.rule for f in run.pages[0].findings}
    passing = [c for c in storm if not _results(c)]
    assert {c.name for c in passing} == set(rules) - failing


def test_failure_names_message_selector_and_viewports(tmp_path):
    storm = list(_parse(tmp_path))[0]
    case = next(c for c in storm if c.name == "heading-level-skipped")
    failure = _results(case)[0]
    assert failure.type == "moderate"
    assert failure.message == "A heading level is skipped (1 element, fails at XS, SM)"
    assert "element: #story > h4:nth-of-type(1)" in failure.text
    assert "fails at: XS, SM" in failure.text and "passes at: MD, LG" in failure.text
    page_level = _results(next(c for c in storm if c.name == "heading-h1-missing"))[0]
    assert page_level.message == "The page has no main heading (fails at XS)"
    assert "element: (the whole page)" in page_level.text


def test_pages_and_viewports_not_audited_are_errors(tmp_path):
    suites = list(_parse(tmp_path))
    gone = suites[2]
    assert gone.errors == 1 and gone.tests == 1
    error = _results(list(gone)[0])[0]
    assert isinstance(error, Error) and "HTTP 404 Not Found" in error.message
    live = suites[1]
    case = next(c for c in live if c.name == "viewport LG")
    assert isinstance(_results(case)[0], Error)
    assert "Measured innerWidth 1264" in _results(case)[0].message
    # Not audited at LG is named in the failures of that page too, never counted as a pass.
    placeholder = _results(next(c for c in live if c.name == "alt-placeholder"))[0]
    assert "not audited at: LG" in placeholder.text


def test_counts_add_up(tmp_path):
    xml = _parse(tmp_path)
    root = ET.fromstring(reports.render(build_run(), "junit", SAMPLE_DIR))
    assert int(root.get("tests")) == sum(s.tests for s in xml)
    failing_rules = sum(len({f.rule for f in p.findings}) for p in build_run().pages)
    assert int(root.get("failures")) == sum(s.failures for s in xml) == failing_rules == 13
    assert int(root.get("errors")) == 2


def test_untrusted_text_round_trips_and_control_characters_do_not_break_the_xml(tmp_path):
    run = build_run()
    run.pages[1].findings[0].message = "bad \x00\x07\x1b chars </failure><x>"
    xml = _parse(tmp_path, run)
    live = list(xml)[1]
    assert live.name == EVIL_TITLE
    failure = _results(next(c for c in live if c.name == "alt-placeholder"))[0]
    assert "bad \ufffd\ufffd\ufffd chars </failure><x>" in failure.text


def test_local_page_gets_a_classname_without_a_host(tmp_path):
    page = PageResult(url="fixtures/site/clean.html", headline="Clean", viewports_audited=["XS"],
                      findings=[Finding(rule="r", engine="newsaudit", impact="minor", wcag=[], viewports=["XS"],
                                        selector=None, html="", message="m", help_url="")])
    run = AuditRun(tool={"name": "newsaudit"}, axe_version="", viewports={"XS": {"width": 375, "height": 667}},
                   pages=[page])
    case = list(list(_parse(tmp_path, run))[0])[0]
    assert case.classname == "newsaudit.local.fixtures_site_clean_html"


# ---- junit-10.xsd, the set of testcases, times, baseline groups -------------------------------


XSD = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "data" / "junit-10.xsd")))


def _validate(text: str) -> list[str]:
    doc = etree.fromstring(text.encode("utf-8"))
    XSD.validate(doc)
    return [str(e) for e in XSD.error_log]


def test_valid_against_junit_10_xsd():
    assert not _validate(reports.render(build_run(), "junit", SAMPLE_DIR))


def test_the_schema_check_can_fail():
    text = reports.render(build_run(), "junit", SAMPLE_DIR).replace('<testsuites name="newsaudit"',
                                                                     '<testsuites name="newsaudit" skipped="0"', 1)
    assert _validate(text)


def test_a_clean_page_has_one_passing_case_per_rule_that_ran_and_real_times():
    run = build_clean_run()
    run.settings["rules_run"] = ["color-contrast", "image-alt", "skip-link-missing"]
    run.pages[0].seconds = 6.0
    text = reports.render(run, "junit", SAMPLE_DIR)
    assert not _validate(text)
    root = ET.fromstring(text)
    assert root.get("tests") == "3" and root.get("failures") == "0" and root.get("time") == "6.000"
    cases = root.findall("testsuite/testcase")
    assert [c.get("name") for c in cases] == ["color-contrast", "image-alt", "skip-link-missing"]
    assert [c.get("time") for c in cases] == ["2.000"] * 3
    assert root.find("testsuite").get("time") == "6.000"


def test_never_an_empty_report():
    run = build_clean_run()
    assert int(ET.fromstring(reports.render(run, "junit", SAMPLE_DIR)).get("tests")) > 0  # no rules_run
    run.pages = []
    text = reports.render(run, "junit", SAMPLE_DIR)
    assert ET.fromstring(text).get("tests") == "1" and not _validate(text)


def test_against_a_baseline_only_new_findings_fail_and_the_rest_is_listed():
    run = build_baseline_run(rule="link-text-generic", selector="#old > a", message="old link")
    storm = run.pages[0]
    skip = next(f for f in storm.findings if f.rule == "skip-link-missing")
    skip.baseline, skip.ignored = "new", {"reason": "Template rewrite in Q3", "until": None}
    text = reports.render(run, "junit", SAMPLE_DIR)
    assert not _validate(text)
    suite = ET.fromstring(text).find("testsuite")
    failing = {c.get("name") for c in suite.findall("testcase") if c.find("failure") is not None}
    assert failing == {storm.findings[0].rule}
    out = {c.get("name"): c.findtext("system-out") for c in suite.findall("testcase")}
    assert out["skip-link-missing"].startswith("ignored: No skip link") and "Template rewrite in Q3" in out["skip-link-missing"]
    assert "fixed: old link [#old > a]" in out["link-text-generic"]
    assert "unchanged: " in out["link-text-generic"]


def test_local_classname_is_the_same_from_any_working_folder(tmp_path, monkeypatch):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "site").mkdir()
    names = set()
    for cwd, url in ((tmp_path / "repo", "site/a.html"), (tmp_path / "repo" / "site", "a.html")):
        monkeypatch.chdir(cwd)
        page = PageResult(url=url, headline="A", viewports_audited=["XS"])
        run = AuditRun(tool={"name": "newsaudit"}, axe_version="", viewports={"XS": {"width": 375, "height": 667}},
                       pages=[page], settings={"rules_run": ["r"]})
        names.add(ET.fromstring(reports.render(run, "junit", SAMPLE_DIR)).find("testsuite/testcase").get("classname"))
    assert names == {"newsaudit.local.site_a_html"}
