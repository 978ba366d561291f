"""JUnit XML for CI test reporters (Jenkins, GitLab, GitHub test-report actions).

The shape they all read:

    <testsuites name tests failures errors skipped time>
      <testsuite name=<page> tests failures errors skipped time>
        <properties><property name="url" value=…/></properties>
        <testcase classname="newsaudit.<host>.<path>" name="<rule id>" time="0">
          <failure message="…" type="<impact>">one block per element: message, selector, viewports</failure>
        </testcase>

One testsuite per page and one testcase per rule, named by the rule id so a CI's history follows
it from run to run; the viewports are named in the failure. A page's testcases are every rule this
run reported anywhere (a rule absent from the page passed there). A page that could not be audited
is one testcase with an ``error``; a viewport that could not be audited is an ``error`` testcase
of its own, ``viewport <name>``, beside the page's rule results.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from auditor.model import AuditRun, Finding, PageResult

from . import view

# Characters XML 1.0 cannot carry at all; untrusted page text can contain them.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SLUG = re.compile(r"[^A-Za-z0-9]+")


def clean(text: object) -> str:
    return _INVALID_XML.sub("\ufffd", str(text))


def classname(page: PageResult) -> str:
    """``newsaudit.<host>.<path>``: dots only between the three parts, so reporters that split a
    class name at dots show the host as the package and the path as the class."""
    try:
        parts = urlsplit(page.url)
    except ValueError:  # a malformed URL is that page's error row, and still gets a class name
        parts = urlsplit("")
    host = parts.netloc if parts.scheme in ("http", "https") else "local"
    path = parts.path if parts.scheme in ("http", "https") else page.url
    host_slug = _SLUG.sub("_", host).strip("_") or "page"
    path_slug = _SLUG.sub("_", path).strip("_") or "index"
    return f"newsaudit.{host_slug}.{path_slug}"


def _failure_text(run: AuditRun, page: PageResult, findings: list[Finding], names: list[str]) -> str:
    blocks = []
    for finding in findings:
        states = view.viewport_states(page, finding.viewports, names)
        lines = [finding.message,
                 f"  element: {finding.selector or '(the whole page)'}",
                 f"  fails at: {', '.join(vp for vp, s in states.items() if s == view.FAIL)}"]
        passes = [vp for vp, s in states.items() if s == view.PASS]
        missing = [vp for vp, s in states.items() if s == view.NOT_AUDITED]
        if passes:
            lines.append(f"  passes at: {', '.join(passes)}")
        if missing:
            lines.append(f"  not audited at: {', '.join(missing)}")
        for vp, message in finding.messages.items():
            lines.append(f"  at {vp}: {message}")
        if finding.suggestion:
            lines.append(f"  suggestion: {finding.suggestion}")
        if finding.html:
            lines.append(f"  html: {finding.html}")
        blocks.append("\n".join(lines))
    meta = view.rule_meta(run, findings[0])
    footer = [f"impact: {findings[0].impact}; WCAG: {', '.join(findings[0].wcag) or 'none'}"]
    if meta.get("fix"):
        footer.append(f"how to fix: {meta['fix']}")
    if meta.get("help_url"):
        footer.append(f"more: {meta['help_url']}")
    return clean("\n\n".join(blocks + ["\n".join(footer)]))


def _testcase(parent: ET.Element, name: str, cls: str) -> ET.Element:
    return ET.SubElement(parent, "testcase", {"classname": cls, "name": name, "time": "0"})


def _suite(run: AuditRun, page: PageResult, names: list[str], rule_ids: list[str]) -> tuple[ET.Element, dict]:
    suite = ET.Element("testsuite", {"name": clean(view.page_label(page))})
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", {"name": "url", "value": clean(page.url)})
    if page.final_url and page.final_url != page.url:
        ET.SubElement(props, "property", {"name": "final_url", "value": clean(page.final_url)})
    counts = {"tests": 0, "failures": 0, "errors": 0}
    cls = classname(page)

    if page.status != "audited":
        case = _testcase(suite, "page", cls)
        reason = page.error or "the page could not be audited"
        ET.SubElement(case, "error", {"message": clean(f"not audited: {reason}"), "type": "not-audited"}
                      ).text = clean(f"{page.url}\n{reason}")
        counts["tests"] += 1
        counts["errors"] += 1
    else:
        for vp in names:
            if vp in page.viewport_errors:
                case = _testcase(suite, f"viewport {vp}", cls)
                reason = page.viewport_errors[vp] or "not audited"
                ET.SubElement(case, "error", {"message": clean(f"not audited at {vp}: {reason}"),
                                              "type": "not-audited"}).text = clean(reason)
                counts["tests"] += 1
                counts["errors"] += 1
        by_rule: dict[str, list[Finding]] = {}
        for finding in sorted(page.findings, key=view.finding_order):
            by_rule.setdefault(finding.rule, []).append(finding)
        for rule in rule_ids:
            case = _testcase(suite, rule, cls)
            counts["tests"] += 1
            findings = by_rule.get(rule)
            if not findings:
                continue
            worst = findings[0]
            failing = sorted({vp for f in findings for vp in f.viewports}, key=names.index)
            title = view.rule_meta(run, worst)["title"]
            count = "" if worst.selector is None else f"{view.plural(len(findings), 'element')}, "
            message = f"{title} ({count}fails at {', '.join(failing)})"
            ET.SubElement(case, "failure", {"message": clean(message), "type": worst.impact}
                          ).text = _failure_text(run, page, findings, names)
            counts["failures"] += 1

    for key in ("tests", "failures", "errors"):
        suite.set(key, str(counts[key]))
    suite.set("skipped", "0")
    suite.set("time", "0")
    return suite, counts


def render(run: AuditRun, base_dir: Path) -> str:
    names = view.viewport_names(run)
    rule_ids = sorted(set(run.rules) | {f.rule for p in run.pages for f in p.findings})
    root = ET.Element("testsuites", {"name": "newsaudit"})
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for page in run.pages:
        suite, counts = _suite(run, page, names, rule_ids)
        root.append(suite)
        for key in totals:
            totals[key] += counts[key]
    for key in ("tests", "failures", "errors"):
        root.set(key, str(totals[key]))
    root.set("skipped", "0")
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
