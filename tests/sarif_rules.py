"""Checks of a SARIF log: the OASIS 2.1.0 schema, and GitHub code scanning's documented upload rules."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft4Validator

from reports.sarif import FINGERPRINT_KEY

SCHEMA = json.loads((Path(__file__).parent / "reports" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def schema_errors(log: dict) -> list[str]:
    errors = sorted(Draft4Validator(SCHEMA).iter_errors(log), key=lambda e: list(e.absolute_path))
    return [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def artifact_uris(node):
    """Every artifactLocation uri anywhere in the log."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "artifactLocation":
                yield value["uri"]
            else:
                yield from artifact_uris(value)
    elif isinstance(node, list):
        for item in node:
            yield from artifact_uris(item)


def upload_rule_violations(log: dict) -> list[str]:
    """GitHub code scanning's documented rules for an uploaded SARIF file ("SARIF support for code
    scanning" and "SARIF results exceed limits"): what makes it reject a file or lose alerts."""
    problems = []
    if log.get("version") != "2.1.0":
        problems.append("version must be 2.1.0")
    runs = log.get("runs", [])
    if not 1 <= len(runs) <= 20:
        problems.append("a file holds 1 to 20 runs")
    for uri in artifact_uris(log):
        if urlsplit(uri).scheme:  # "SARIF URI scheme "https" did not match the checkout URI scheme "file""
            problems.append(f"artifact URI with a scheme: {uri}")
        if uri.startswith("/") or ".." in uri.split("/"):
            problems.append(f"artifact URI outside the repository: {uri}")
    ids = [run.get("automationDetails", {}).get("id", "") for run in runs]
    if any("/" not in i or not i.split("/")[0] for i in ids) or len(set(ids)) != len(ids):
        problems.append("each run needs its own automationDetails.id of the form category/run")
    for run in runs:
        driver = run["tool"]["driver"]
        rules, results = driver.get("rules", []), run.get("results", [])
        if len(results) > 25_000:
            problems.append("more than 25,000 results in a run")
        if len(rules) > 25_000:
            problems.append("more than 25,000 rules in a run")
        rule_ids = [r["id"] for r in rules]
        if len(rule_ids) != len(set(rule_ids)):
            problems.append("rule ids repeat")
        for rule in rules:
            if not rule.get("shortDescription", {}).get("text") or not rule.get("fullDescription", {}).get("text"):
                problems.append(f"rule {rule['id']} lacks a description")
            if not rule.get("help", {}).get("markdown") and not rule.get("help", {}).get("text"):
                problems.append(f"rule {rule['id']} lacks help")
            props = rule.get("properties", {})
            if len(props.get("tags", [])) > 10:
                problems.append(f"rule {rule['id']} has more than the 10 tags code scanning shows")
            if props.get("precision") not in ("very-high", "high", "medium", "low"):
                problems.append(f"rule {rule['id']} precision {props.get('precision')!r}")
            if props.get("problem.severity") not in ("error", "warning", "recommendation"):
                problems.append(f"rule {rule['id']} problem.severity {props.get('problem.severity')!r}")
        prints = []
        for result in results:
            if rules[result["ruleIndex"]]["id"] != result["ruleId"]:
                problems.append(f"ruleIndex of {result['ruleId']} points elsewhere")
            if not result.get("message", {}).get("text"):
                problems.append("a result without a message")
            if not 1 <= len(result.get("locations", [])) <= 1000:
                problems.append("a result needs 1 to 1,000 locations")
            fingerprint = result.get("partialFingerprints", {}).get(FINGERPRINT_KEY, "")
            if len(fingerprint) != 64:
                problems.append(f"result {result['ruleId']} without a fingerprint")
            prints.append(fingerprint)
        if len(prints) != len(set(prints)):
            problems.append("two results share a fingerprint (code scanning would merge their alerts)")
    return problems
