"""SARIF 2.1.0 that GitHub code scanning accepts for audits of web pages (and GitLab, IDE viewers).

Where a result points. Code scanning rejects a whole upload whose artifact URI is ``https://``
("SARIF URI scheme "https" did not match the checkout URI scheme "file"", github/codeql-action#754),
because every alert must sit on a file of the checked-out repository. DAST tools have tried three
ways round it: stripping the scheme (``host/path`` as a relative URI: a phantom file that does not
exist, and one per host, so staging and production disagree), ``uriBaseId`` with the origin in
``originalUriBaseIds`` (SARIF §3.14.14; code scanning resolves it back to ``https`` and still
rejects or drops it), and pointing at the source that renders the page. newsaudit does the last:

- a local file page's URI is its path relative to the repository (auditor/fingerprint.local_key);
- a web page's URI is the template file of the first ``[sarif] map`` entry whose ``url`` glob
  matches the page URL or its path, else ``[sarif] fallback`` (default: the config file in use,
  which a repository using newsaudit has; ``newsaudit.toml`` when a run does not say);
- every URI is relative, with ``uriBaseId: "%SRCROOT%"``; the page URL itself is kept in a logical
  location (kind ``page``) and in ``properties.pageUrl``, and the element's selector in a logical
  location of kind ``element``. A region is not given: a page has no lines of the template to point at.

Also: ``automationDetails.id`` is ``<category>/<start time>`` (``--sarif-category``, default from the
input, never its host, so a preview deployment and production compare); each rule has
``help.markdown``, ``precision`` and ``problem.severity``, and at most ten tags (code scanning keeps
ten); a run holds at most MAX_RESULTS results (code scanning rejects a run over 25,000), the least
severe left out first and a warning notification saying how many; pages and viewports that could
not be audited are ``toolExecutionNotifications`` of level error; ignored findings carry an
``external`` suppression with their reason; against a baseline each result has ``baselineState``.

Fingerprints. ``partialFingerprints["newsauditFinding/v1"]`` is the finding's fingerprint
(auditor/fingerprint.py: rule, page path and query without the origin, stable element identity).
"""
from __future__ import annotations

import json
import re
from fnmatch import fnmatchcase
from pathlib import Path
from urllib.parse import quote, urlsplit

from auditor.fingerprint import for_page, local_key, page_key
from auditor.model import IMPACTS, AuditRun, Finding, PageResult, impact_rank

from . import view

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "newsauditFinding/v1"
LEVELS = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "note"}
PROBLEM_SEVERITY = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "recommendation"}
MAX_RESULTS = 25_000  # code scanning's hard limit per run
MAX_TAGS = 10  # code scanning accepts 20 and shows 10
SRCROOT = "%SRCROOT%"
DEFAULT_FALLBACK = "newsaudit.toml"


def artifact_path(page_url: str, sarif: dict) -> str:
    """The repository file a page's results are filed under (see the module text)."""
    if urlsplit(page_url).scheme.lower() not in ("http", "https"):
        return local_key(page_url)
    key = page_key(page_url)
    for entry in sarif.get("map") or []:
        if fnmatchcase(page_url, entry["url"]) or fnmatchcase(key, entry["url"]):
            return entry["file"]
    return sarif.get("fallback") or DEFAULT_FALLBACK


def artifact_uri(path: str) -> str:
    """A relative path as a valid URI reference: unsafe characters percent-encoded, and a leading
    segment with a colon made harmless so it can never read as a scheme."""
    uri = quote(path, safe="/!$&'()*+,;=@~%")
    return f"./{uri}" if ":" in uri.split("/")[0] else uri


def _camel(rule_id: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", rule_id) if part)


def _help_markdown(meta: dict, wcag: list[str], help_url: str) -> str:
    """Rule metadata is ours or axe-core's, never page text; still, one line per part."""
    parts = [f"**{meta['title']}**"]
    if meta.get("why"):
        parts.append(meta["why"])
    if meta.get("fix"):
        parts.append(f"How to fix: {meta['fix']}")
    if wcag:
        parts.append("WCAG: " + ", ".join(wcag))
    if view.safe_href(help_url):
        parts.append(f"[More about this rule]({quote(help_url, safe=':/?#[]@!$&*+,;=%~')})")
    return "\n\n".join(" ".join(str(p).split()) for p in parts)


def _rule_descriptor(run: AuditRun, finding: Finding) -> dict:
    meta = view.rule_meta(run, finding)
    impact = meta.get("impact") or finding.impact
    wcag = list(meta.get("wcag") or finding.wcag)
    help_url = meta.get("help_url") or finding.help_url
    descriptor = {
        "id": finding.rule,
        "name": _camel(finding.rule),
        "shortDescription": {"text": meta["title"]},
        "fullDescription": {"text": meta.get("why") or meta["title"]},
        "defaultConfiguration": {"level": LEVELS.get(impact, "warning")},
        "help": {"text": meta.get("fix") or meta["title"], "markdown": _help_markdown(meta, wcag, help_url)},
        "properties": {
            "engine": meta.get("engine") or finding.engine,
            "impact": impact,
            "audience": meta.get("audience") or finding.audience,
            "wcag": wcag,
            "tags": ["accessibility", *(f"WCAG {sc}" for sc in wcag)][:MAX_TAGS],
            "precision": "high",
            "problem.severity": PROBLEM_SEVERITY.get(impact, "warning"),
        },
    }
    if help_url:
        descriptor["helpUri"] = help_url
    return descriptor


def _result(page: PageResult, finding: Finding, fingerprint: str, index: int, names: list[str],
            sarif: dict) -> dict:
    states = view.viewport_states(page, finding.viewports, names)
    logical = [{"name": page_key(page.url), "fullyQualifiedName": page.url, "kind": "page"}]
    if finding.selector:
        logical.append({"fullyQualifiedName": finding.selector, "kind": "element"})
    location = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(artifact_path(page.url, sarif)),
                                                          "uriBaseId": SRCROOT}},
                "logicalLocations": logical}
    properties = {
        "impact": finding.impact,
        "audience": finding.audience,
        "engine": finding.engine,
        "wcag": list(finding.wcag),
        "viewports": list(finding.viewports),
        "viewportsPassing": [vp for vp, s in states.items() if s == view.PASS],
        "viewportsNotAudited": [vp for vp, s in states.items() if s == view.NOT_AUDITED],
        "pageUrl": page.url,
        "pageTitle": view.page_label(page),
    }
    if finding.selector:
        properties["selector"] = finding.selector
    if finding.suggestion:
        properties["suggestion"] = finding.suggestion
    if finding.html:
        properties["html"] = finding.html
    if finding.messages:
        properties["messages"] = dict(finding.messages)
    at = ", ".join(finding.viewports)
    result = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS.get(finding.impact, "warning"),
        "message": {"text": f"{finding.message} (fails at {at})" if at else finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": properties,
    }
    if finding.baseline in ("new", "unchanged"):
        result["baselineState"] = finding.baseline
    if finding.ignored is not None:
        justification = finding.ignored.get("reason") or ""
        if finding.ignored.get("until"):
            justification += f" (until {finding.ignored['until']})"
        result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": justification}]
    return result


def _notification(page: PageResult, viewport: str | None, reason: str) -> dict:
    where = f" at {viewport}" if viewport else ""
    properties = {"pageUrl": page.url}
    if viewport:
        properties["viewport"] = viewport
    return {
        "level": "error",
        "message": {"text": f"{page.url} could not be audited{where}: {reason}"},
        "descriptor": {"id": "not-audited"},
        "properties": properties,
    }


def _capped(results: list[dict], limit: int) -> tuple[list[dict], int]:
    """At most ``limit`` results, the least severe left out first (then the latest pages)."""
    if len(results) <= limit:
        return results, 0
    ranked = sorted(range(len(results)), key=lambda i: (-impact_rank(results[i]["properties"]["impact"]), i))
    kept = sorted(ranked[:limit])
    return [results[i] for i in kept], len(results) - limit


def sarif_log(run: AuditRun, max_results: int = MAX_RESULTS) -> dict:
    names = view.viewport_names(run)
    sarif = run.settings.get("sarif") or {}
    descriptors: dict[str, dict] = {}
    for page in run.pages:
        for finding in page.findings:
            if finding.rule not in descriptors:
                descriptors[finding.rule] = _rule_descriptor(run, finding)
    rule_ids = sorted(descriptors)
    index = {rule: i for i, rule in enumerate(rule_ids)}
    results = []
    for page in run.pages:
        prints = dict(zip(map(id, page.findings), for_page(page)))
        for finding in sorted(page.findings, key=view.finding_order):
            results.append(_result(page, finding, prints[id(finding)], index[finding.rule], names, sarif))
    results, left_out = _capped(results, max_results)
    notifications = [_notification(item.page, item.viewport, item.reason) for item in view.not_audited(run)]
    invocation: dict = {"executionSuccessful": not notifications and not run.interrupted}
    if left_out:
        kept = sorted({r["properties"]["impact"] for r in results}, key=IMPACTS.index)
        notifications.append({
            "level": "warning", "descriptor": {"id": "results-capped"},
            "message": {"text": f"{left_out} results were left out, the least severe first, to stay within "
                                f"{max_results} results per run (code scanning rejects more); the lowest "
                                f"impact kept is {kept[0] if kept else 'none'}. report.json has them all."}})
    if run.started:
        invocation["startTimeUtc"] = run.started
    if run.finished:
        invocation["endTimeUtc"] = run.finished
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    driver = {
        "name": run.tool.get("name", "newsaudit"),
        "rules": [descriptors[rule] for rule in rule_ids],
        "properties": {"axeVersion": run.axe_version},
    }
    version = run.tool.get("version")
    if version:
        driver["version"] = str(version)
        driver["semanticVersion"] = str(version)
    summary = run.summary()
    properties = {"viewports": run.viewports, "failOn": run.fail_on, "gate": summary["gate"],
                  "resultsLeftOut": left_out}
    if "baseline" in summary:
        properties["baseline"] = summary["baseline"]
    category = sarif.get("category") or "newsaudit"
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "automationDetails": {"id": f"{category}/{run.started}"},
            "invocations": [invocation],
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": properties,
        }],
    }


def render(run: AuditRun, base_dir: Path) -> str:
    return json.dumps(sarif_log(run), indent=2, ensure_ascii=False) + "\n"
