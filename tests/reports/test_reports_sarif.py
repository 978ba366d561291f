"""SARIF 2.1.0: valid against the OASIS schema, and fingerprints that survive a second run."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

import reports
from reports.sarif import FINGERPRINT_KEY, fingerprint, page_key, sarif_log
from sample_run import SAMPLE_DIR, build_run

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _log(run=None) -> dict:
    return json.loads(reports.render(run or build_run(), "sarif", SAMPLE_DIR))


def test_valid_against_the_sarif_schema():
    errors = sorted(Draft4Validator(SCHEMA).iter_errors(_log()), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def test_what_code_scanning_relies_on():
    """Checks beyond the schema: what GitHub code scanning reads to show and track alerts."""
    log = _log()
    assert log["version"] == "2.1.0" and log["$schema"]
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "newsaudit" and driver["version"] == "0.1.0"
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for rule in rules:
        assert rule["helpUri"].startswith("https://")
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert len(rule["properties"]["tags"]) <= 20
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert len(result["partialFingerprints"][FINGERPRINT_KEY]) == 64
    fingerprints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in run["results"]]
    assert len(fingerprints) == len(set(fingerprints))


def test_results_carry_level_location_selector_and_viewports():
    results = _log()["runs"][0]["results"]
    assert len(results) == sum(len(p.findings) for p in build_run().pages)
    levels = {r["properties"]["impact"]: r["level"] for r in results}
    assert levels == {"critical": "error", "serious": "error", "moderate": "warning"}
    skipped = next(r for r in results if r["ruleId"] == "heading-level-skipped")
    assert skipped["locations"][0]["logicalLocations"] == [
        {"fullyQualifiedName": "#story > h4:nth-of-type(1)", "kind": "element"}]
    assert skipped["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "https://news.example.com/world/2024/storm-closes-schools?utm_source=newsletter&utm_medium=email")
    assert skipped["properties"]["viewports"] == ["XS", "SM"]
    assert skipped["properties"]["viewportsPassing"] == ["MD", "LG"]
    page_level = next(r for r in results if r["ruleId"] == "heading-h1-missing")
    assert "logicalLocations" not in page_level["locations"][0]
    live = next(r for r in results if r["ruleId"] == "alt-placeholder")
    assert live["properties"]["viewportsNotAudited"] == ["LG"]
    # Quotes and brackets of an untrusted URL are percent-encoded in the URI.
    uri = live["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert not set('<>" ') & set(uri)


def test_pages_not_audited_are_error_notifications():
    invocation = _log()["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    texts = [n["message"]["text"] for n in invocation["toolExecutionNotifications"]]
    assert any("HTTP 404 Not Found" in t for t in texts)
    assert any(" at LG: Measured innerWidth 1264" in t for t in texts)
    assert {n["level"] for n in invocation["toolExecutionNotifications"]} == {"error"}


def test_fingerprints_stable_across_runs():
    """A second run of the same pages: new messages, times, viewports, query noise, local port."""
    first = {(r["ruleId"], r["properties"]["pageTitle"]): r["partialFingerprints"] for r in _log()["runs"][0]["results"]}
    run = build_run()
    run.started, run.finished = "2025-02-01T00:00:00Z", "2025-02-01T00:02:00Z"
    run.pages[0].url = ("https://NEWS.example.com:443/world/2024/storm-closes-schools?utm_campaign=x&fbclid=abc"
                        "#comments")
    for page in run.pages:
        for finding in page.findings:
            finding.message = finding.message + " (reworded)"
            finding.viewports = finding.viewports[:1]
            finding.html = "<changed>"
    second = {(r["ruleId"], r["properties"]["pageTitle"]): r["partialFingerprints"] for r in _log(run)["runs"][0]["results"]}
    assert first == second


@pytest.mark.parametrize("a, b", [
    ("https://example.com/a?utm_source=x&id=3&b=2", "https://EXAMPLE.com/a?b=2&id=3#top"),
    ("http://127.0.0.1:38211/site/page.html", "http://127.0.0.1:40001/site/page.html"),
    ("https://example.com:443/a", "https://example.com/a"),
    ("https://example.com", "https://example.com/"),
])
def test_page_key_drops_what_varies(a, b):
    assert page_key(a) == page_key(b)


@pytest.mark.parametrize("a, b", [
    ("https://example.com/a?id=3", "https://example.com/a?id=4"),  # a real query parameter
    ("https://example.com/a", "https://example.com/b"),
    ("https://example.com:8443/a", "https://example.com/a"),
    ("fixtures/site/a.html", "fixtures/site/b.html"),
])
def test_page_key_keeps_what_identifies_the_page(a, b):
    assert page_key(a) != page_key(b)


def test_fingerprint_changes_with_rule_page_and_selector():
    base = fingerprint("r", "https://example.com/a", "#x")
    assert fingerprint("r2", "https://example.com/a", "#x") != base
    assert fingerprint("r", "https://example.com/b", "#x") != base
    assert fingerprint("r", "https://example.com/a", "#y") != base
    assert fingerprint("r", "https://example.com/a", None) != base


def test_clean_run_has_no_results_and_succeeds():
    from sample_run import build_clean_run

    log = sarif_log(build_clean_run())
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True
    assert not list(Draft4Validator(SCHEMA).iter_errors(log))
