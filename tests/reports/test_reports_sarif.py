"""SARIF 2.1.0: valid against the OASIS schema and against GitHub code scanning's upload rules."""
from __future__ import annotations

import copy
import json

import reports
from auditor.model import Finding
from reports.sarif import MAX_RESULTS, artifact_path, sarif_log
from sample_run import SAMPLE_DIR, build_clean_run, build_run
from sarif_rules import artifact_uris, schema_errors, upload_rule_violations



def _log(run=None) -> dict:
    return json.loads(reports.render(run or build_run(), "sarif", SAMPLE_DIR))


def test_valid_against_the_sarif_schema_and_the_upload_rules():
    log = _log()
    assert not schema_errors(log)
    assert not upload_rule_violations(log)


def test_upload_rules_catch_what_code_scanning_rejects():
    """The rule checker itself: each known rejection is caught."""
    log = _log()
    broken = copy.deepcopy(log)
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = \
        "https://news.example.com/a"
    assert any("scheme" in p for p in upload_rule_violations(broken))
    broken = copy.deepcopy(log)
    del broken["runs"][0]["automationDetails"]
    assert any("automationDetails" in p for p in upload_rule_violations(broken))
    broken = copy.deepcopy(log)
    broken["runs"][0]["tool"]["driver"]["rules"][0]["properties"]["tags"] = [str(i) for i in range(11)]
    assert any("10 tags" in p for p in upload_rule_violations(broken))
    broken = copy.deepcopy(log)
    broken["runs"][0]["results"][1]["partialFingerprints"] = broken["runs"][0]["results"][0]["partialFingerprints"]
    assert any("share a fingerprint" in p for p in upload_rule_violations(broken))


def test_web_pages_are_filed_under_repository_files_and_keep_their_url():
    results = _log()["runs"][0]["results"]
    skipped = next(r for r in results if r["ruleId"] == "heading-level-skipped")
    location = skipped["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": "newsaudit.toml", "uriBaseId": "%SRCROOT%"}
    page, element = location["logicalLocations"]
    assert page == {"name": "/world/2024/storm-closes-schools", "kind": "page",
                    "fullyQualifiedName": build_run().pages[0].url}
    assert element == {"fullyQualifiedName": "#story > h4:nth-of-type(1)", "kind": "element"}
    assert skipped["properties"]["pageUrl"].startswith("https://news.example.com/world/")
    assert skipped["properties"]["viewports"] == ["XS", "SM"]
    assert skipped["properties"]["viewportsPassing"] == ["MD", "LG"]
    live = next(r for r in results if r["ruleId"] == "alt-placeholder")
    assert live["properties"]["viewportsNotAudited"] == ["LG"]
    page_level = next(r for r in results if r["ruleId"] == "heading-h1-missing")
    assert [loc["kind"] for loc in page_level["locations"][0]["logicalLocations"]] == ["page"]


def test_a_url_map_files_pages_under_their_templates():
    sarif = {"fallback": "site/base.html", "map": [{"url": "/world/*", "file": "templates/world.html"},
                                                    {"url": "https://news.example.com/local/*", "file": "t/local.html"}]}
    assert artifact_path("https://staging.example.com/world/2024/x?id=1", sarif) == "templates/world.html"
    assert artifact_path("https://news.example.com/local/2024/bus-lanes", sarif) == "t/local.html"
    assert artifact_path("https://news.example.com/culture/a", sarif) == "site/base.html"
    run = build_run()
    run.settings["sarif"] = {**sarif, "category": "preview"}
    log = _log(run)
    uris = {r["properties"]["pageUrl"]: r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}
    assert uris["https://news.example.com/local/2024/bus-lanes"] == "t/local.html"
    assert log["runs"][0]["automationDetails"]["id"] == "preview/2025-01-15T09:30:00Z"
    assert not upload_rule_violations(log)


def test_a_local_page_is_its_path_in_the_repository(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "site").mkdir()
    (repo / "site" / "a b.html").write_text("<p>x</p>", encoding="utf-8")
    run = build_run()
    run.pages = [run.pages[3]]
    for cwd, url in ((repo, "site/a b.html"), (repo / "site", "a b.html"), (tmp_path, "repo/site/a b.html")):
        monkeypatch.chdir(cwd)
        run.pages[0].url = url
        for finding in run.pages[0].findings:
            finding.fingerprint = ""
        log = _log(run)
        assert list(artifact_uris(log)) == ["site/a%20b.html"]
        assert not upload_rule_violations(log)


def test_rules_have_help_markdown_precision_and_severity():
    rules = {r["id"]: r for r in _log()["runs"][0]["tool"]["driver"]["rules"]}
    skip = rules["skip-link-missing"]
    assert skip["help"]["markdown"].startswith("**There is no “skip to content” link**")
    assert "[More about this rule](https://www.w3.org/WAI/" in skip["help"]["markdown"]
    assert skip["properties"]["problem.severity"] == "error"
    assert rules["heading-level-skipped"]["properties"]["problem.severity"] == "warning"
    # The untrusted help URL of a finding never becomes a link.
    assert "javascript:" not in json.dumps(rules["alt-placeholder"]["help"])


def test_results_carry_levels():
    results = _log()["runs"][0]["results"]
    assert len(results) == sum(len(p.findings) for p in build_run().pages)
    levels = {r["properties"]["impact"]: r["level"] for r in results}
    assert levels == {"critical": "error", "serious": "error", "moderate": "warning"}


def test_pages_not_audited_are_error_notifications_without_urls_as_locations():
    invocation = _log()["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    texts = [n["message"]["text"] for n in notes]
    assert any("HTTP 404 Not Found" in t for t in texts)
    assert any(" at LG: Measured innerWidth 1264" in t for t in texts)
    assert {n["level"] for n in notes} == {"error"}
    assert all("locations" not in n and n["properties"]["pageUrl"] for n in notes)


def test_results_are_capped_least_severe_first():
    run = build_run()
    page = run.pages[0]
    run.pages = [page]
    page.findings = [Finding(rule="link-text-generic", engine="newsaudit", impact="minor" if i % 3 else "critical",
                             wcag=[], viewports=["XS"], selector=f"#p{i}", html="", message="m", help_url="")
                     for i in range(30)]
    log = sarif_log(run, max_results=12)
    results = log["runs"][0]["results"]
    assert len(results) == 12
    assert sum(r["properties"]["impact"] == "critical" for r in results) == 10  # every critical kept
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    capped = next(n for n in notes if n["descriptor"]["id"] == "results-capped")
    assert capped["level"] == "warning" and capped["message"]["text"].startswith("18 results were left out")
    assert log["runs"][0]["properties"]["resultsLeftOut"] == 18
    assert MAX_RESULTS == 25_000
    assert not schema_errors(log)


def test_ignored_and_baseline_states():
    run = build_run()
    first, second = run.pages[0].findings[:2]
    first.ignored = {"reason": "Gallery template, ticket WEB-7", "until": "2026-12-31"}
    first.baseline, second.baseline = "unchanged", "new"
    run.baseline = {"path": "base/report.json", "tool_version": "0.1.0", "finished": ""}
    log = _log(run)
    by_selector = {(r["ruleId"], r["properties"].get("selector")): r for r in log["runs"][0]["results"]}
    ignored = by_selector[(first.rule, first.selector)]
    assert ignored["suppressions"] == [{"kind": "external", "status": "accepted",
                                        "justification": "Gallery template, ticket WEB-7 (until 2026-12-31)"}]
    assert ignored["baselineState"] == "unchanged"
    assert by_selector[(second.rule, second.selector)]["baselineState"] == "new"
    assert log["runs"][0]["properties"]["baseline"]["new"] == 1
    assert not schema_errors(log)


def test_fingerprints_stable_across_runs_and_hosts():
    """A second run of the same pages on another host: new messages, times, viewports, query noise."""
    first = {(r["ruleId"], r["properties"]["pageTitle"]): r["partialFingerprints"] for r in _log()["runs"][0]["results"]}
    run = build_run()
    run.started, run.finished = "2025-02-01T00:00:00Z", "2025-02-01T00:02:00Z"
    run.pages[0].url = ("https://staging.example.net:8443/world/2024/storm-closes-schools?utm_campaign=x&fbclid=abc"
                        "#comments")
    for page in run.pages:
        for finding in page.findings:
            finding.message = finding.message + " (reworded)"
            finding.viewports = finding.viewports[:1]
    second = {(r["ruleId"], r["properties"]["pageTitle"]): r["partialFingerprints"] for r in _log(run)["runs"][0]["results"]}
    assert first == second


def test_clean_run_has_no_results_and_succeeds():
    log = sarif_log(build_clean_run())
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True
    assert not schema_errors(log) and not upload_rule_violations(log)
