"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, GitLab, IDE viewers).

- ``tool.driver.rules``: every rule in the run, with ``helpUri``, descriptions, its default level
  and its WCAG criteria and audience as tags.
- One result per finding: ``ruleId``/``ruleIndex``, ``level`` from impact (critical and serious:
  error, moderate: warning, minor: note), the page URL as the artifact location, the element's
  selector as a logical location (kind ``element``), and the viewports in ``properties``.
- Pages and viewports that could not be audited are ``toolExecutionNotifications`` of level
  error, and ``executionSuccessful`` is false.

Fingerprints. ``partialFingerprints["newsauditFinding/v1"]`` is the SHA-256 of the rule id, the
page key and the selector, joined by NUL. Never of the message (it quotes page text, which editors
change while fixing other things), the viewports (a fix at one size must not make a new alert) or
any time. The page key is the page's URL with what varies between runs of the same page taken
out: scheme and host lower-cased, default ports and the fragment dropped, tracking parameters
(``utm_*``, ``fbclid``, ``gclid`` and the like) removed, the rest of the query sorted, and the port
of a loopback host dropped (the built-in server for local files picks a new port each run). Local
files are named by their path, which is used as it is. A region is not given: a page URL has no
lines, and a made-up ``startLine`` would be a lie that tools then display.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from auditor.model import AuditRun, Finding, PageResult

from . import view

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "newsauditFinding/v1"
LEVELS = {"critical": "error", "serious": "error", "moderate": "warning", "minor": "note"}

_TRACKING = re.compile(
    r"^(utm_.*|fbclid|gclid|gclsrc|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|yclid|twclid|"
    r"ocid|cmpid|smid|sr_share|at_medium|at_campaign|at_custom\d*|ito|ns_mchannel|ns_source|"
    r"ns_campaign|ns_linkname|ns_fee)$",
    re.IGNORECASE,
)
_LOOPBACK = ("127.", "localhost", "[::1]")


def page_key(url: str) -> str:
    """The page part of a fingerprint: the URL without what varies between runs (see above)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    if parts.scheme.lower() not in ("http", "https"):
        return url  # a local path, or something the engine rejected: use it as it is
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port if _valid_port(parts) else None
    loopback = host.startswith(_LOOPBACK)
    if port and not loopback and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def _valid_port(parts) -> bool:
    try:
        return parts.port is not None
    except ValueError:
        return False


def fingerprint(rule: str, url: str, selector: str | None) -> str:
    key = "\0".join((rule, page_key(url), selector or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def artifact_uri(url: str) -> str:
    """The page's URL (or local path) as a valid URI reference: unsafe characters percent-encoded."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def _camel(rule_id: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", rule_id) if part)


def _rule_descriptor(run: AuditRun, finding: Finding) -> dict:
    meta = view.rule_meta(run, finding)
    impact = meta.get("impact") or finding.impact
    wcag = list(meta.get("wcag") or finding.wcag)
    descriptor = {
        "id": finding.rule,
        "name": _camel(finding.rule),
        "shortDescription": {"text": meta["title"]},
        "fullDescription": {"text": meta.get("why") or meta["title"]},
        "defaultConfiguration": {"level": LEVELS.get(impact, "warning")},
        "properties": {
            "engine": meta.get("engine") or finding.engine,
            "impact": impact,
            "audience": meta.get("audience") or finding.audience,
            "wcag": wcag,
            "tags": ["accessibility", *(f"WCAG {sc}" for sc in wcag)],
        },
    }
    help_url = meta.get("help_url") or finding.help_url
    if help_url:
        descriptor["helpUri"] = help_url
    if meta.get("fix"):
        descriptor["help"] = {"text": meta["fix"]}
    return descriptor


def _result(page: PageResult, finding: Finding, index: int, names: list[str]) -> dict:
    states = view.viewport_states(page, finding.viewports, names)
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(page.url)}}}
    if finding.selector:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.selector, "kind": "element"}]
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
    if finding.suggestion:
        properties["suggestion"] = finding.suggestion
    if finding.html:
        properties["html"] = finding.html
    if finding.messages:
        properties["messages"] = dict(finding.messages)
    at = ", ".join(finding.viewports)
    return {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS.get(finding.impact, "warning"),
        "message": {"text": f"{finding.message} (fails at {at})" if at else finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding.rule, page.url, finding.selector)},
        "properties": properties,
    }


def _notification(page: PageResult, viewport: str | None, reason: str) -> dict:
    where = f" at {viewport}" if viewport else ""
    note = {
        "level": "error",
        "message": {"text": f"{page.url} could not be audited{where}: {reason}"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(page.url)}}}],
        "descriptor": {"id": "not-audited"},
    }
    if viewport:
        note["properties"] = {"viewport": viewport}
    return note


def sarif_log(run: AuditRun) -> dict:
    names = view.viewport_names(run)
    descriptors: dict[str, dict] = {}
    for page in run.pages:
        for finding in page.findings:
            if finding.rule not in descriptors:
                descriptors[finding.rule] = _rule_descriptor(run, finding)
    rule_ids = sorted(descriptors)
    index = {rule: i for i, rule in enumerate(rule_ids)}
    results = [_result(page, finding, index[finding.rule], names)
               for page in run.pages for finding in sorted(page.findings, key=view.finding_order)]
    notifications = [_notification(item.page, item.viewport, item.reason) for item in view.not_audited(run)]
    invocation: dict = {"executionSuccessful": not notifications and not run.interrupted}
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
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [invocation],
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": {"viewports": run.viewports, "failOn": run.fail_on,
                           "gate": run.summary()["gate"]},
        }],
    }


def render(run: AuditRun, base_dir: Path) -> str:
    return json.dumps(sarif_log(run), indent=2, ensure_ascii=False) + "\n"
