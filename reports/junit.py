"""JUnit XML for CI test reporters (Jenkins, GitLab, GitHub test-report actions), valid against
junit-10.xsd (Jenkins xUnit's schema, shipped in tests/reports/data):

    <testsuites name tests failures errors time>
      <testsuite name=<page> tests failures errors skipped time>
        <properties><property name="url" value=…/></properties>
        <testcase classname="newsaudit.<host>.<path>" name="<rule id>" time="…">
          <failure message="…" type="<impact>">one block per element: message, selector, viewports</failure>
          <system-out>unchanged, ignored and fixed findings of this rule</system-out>
        </testcase>

- One testsuite per page and one testcase per rule that ran on that page (``settings.rules_run``:
  the news rules not disabled and the axe-core rules that ``--axe-tags`` selected), named by the
  rule id, so the set is the same from run to run and a rule without findings passes. A run that
  does not say which rules ran (an older report.json) falls back to every rule it reported.
- A testcase fails on the findings that count for the gate's bookkeeping: against a baseline only
  new ones; ignored ones never. Unchanged, ignored and fixed findings are listed in its
  ``system-out``, so all three groups show.
- A page that could not be audited is one testcase with an ``error``; a viewport that could not be
  audited is an ``error`` testcase of its own, ``viewport <name>``. A run without pages is one
  suite with one testcase, so a report is never empty (Jenkins fails an empty one).
- Times: a suite's time is the page's measured audit time; neither axe-core nor the browser times
  rules one by one, so it is shared evenly by the page's testcases (their sum is the suite's).
- Class names come from the page key (auditor/fingerprint.py), so a local page's class name is the
  same from any working folder.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from auditor.fingerprint import page_key
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
    web = parts.scheme in ("http", "https")
    host = parts.netloc if web else "local"
    path = parts.path if web else page_key(page.url)
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
    return ET.SubElement(parent, "testcase", {"classname": cls, "name": name})


def _listed(label: str, findings: list[dict]) -> list[str]:
    return [f"{label}: {f['message']} [{f['selector'] or 'the whole page'}]"
            + (f" (ignored: {f['ignored']['reason']})" if f.get("ignored") else "") for f in findings]


def rules_run(run: AuditRun, page: PageResult) -> list[str]:
    ran = run.settings.get("rules_run")
    if ran is None:  # an older report.json: every rule it reported anywhere
        ran = set(run.rules) | {f.rule for p in run.pages for f in p.findings}
    return sorted(set(ran) | {f.rule for f in page.findings})


def _suite(run: AuditRun, page: PageResult, names: list[str], fixed: list[dict]) -> tuple[ET.Element, dict]:
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
        fixed_by_rule: dict[str, list[dict]] = {}
        for item in fixed:
            fixed_by_rule.setdefault(item["rule"], []).append(item)
        rule_ids = rules_run(run, page)
        if not rule_ids:  # nothing said which rules ran: the page itself is the test
            _testcase(suite, "page audited", cls)
            counts["tests"] += 1
        for rule in rule_ids:
            case = _testcase(suite, rule, cls)
            counts["tests"] += 1
            everything = by_rule.get(rule, [])
            findings = [f for f in everything if f.ignored is None and f.baseline != "unchanged"]
            quiet = [f.to_dict() for f in everything if not any(f is g for g in findings)]
            if findings:
                worst = findings[0]
                failing = sorted({vp for f in findings for vp in f.viewports},
                                 key=lambda vp: names.index(vp) if vp in names else len(names))
                title = view.rule_meta(run, worst)["title"]
                count = "" if worst.selector is None else f"{view.plural(len(findings), 'element')}, "
                new = "new: " if worst.baseline == "new" else ""
                message = f"{new}{title} ({count}fails at {', '.join(failing)})"
                ET.SubElement(case, "failure", {"message": clean(message), "type": worst.impact}
                              ).text = _failure_text(run, page, findings, names)
                counts["failures"] += 1
            lines = (_listed("unchanged", [f for f in quiet if not f.get("ignored")])
                     + _listed("ignored", [f for f in quiet if f.get("ignored")])
                     + _listed("fixed", fixed_by_rule.get(rule, [])))
            if lines:
                ET.SubElement(case, "system-out").text = clean("\n".join(lines))

    cases = suite.findall("testcase")
    share = page.seconds / len(cases) if cases else 0.0
    for case in cases:
        case.set("time", f"{share:.3f}")
    for key in ("tests", "failures", "errors"):
        suite.set(key, str(counts[key]))
    suite.set("skipped", "0")
    suite.set("time", f"{page.seconds:.3f}")
    return suite, counts


def render(run: AuditRun, base_dir: Path) -> str:
    names = view.viewport_names(run)
    root = ET.Element("testsuites", {"name": "newsaudit"})
    totals = {"tests": 0, "failures": 0, "errors": 0}
    fixed: dict[str, list[dict]] = {}
    for item in run.fixed:
        fixed.setdefault(page_key(item["url"]), []).append(item)
    for page in run.pages:
        suite, counts = _suite(run, page, names, fixed.get(page_key(page.url), []))
        root.append(suite)
        for key in totals:
            totals[key] += counts[key]
    if not run.pages:  # never an empty report: CI reporters fail those
        suite = ET.SubElement(root, "testsuite", {"name": "newsaudit", "tests": "1", "failures": "0",
                                                  "errors": "1" if run.interrupted else "0", "skipped": "0",
                                                  "time": "0.000"})
        case = ET.SubElement(suite, "testcase", {"classname": "newsaudit", "name": "run", "time": "0.000"})
        if run.interrupted:
            ET.SubElement(case, "error", {"message": "interrupted before any page was audited",
                                          "type": "interrupted"})
        totals["tests"] += 1
        totals["errors"] += int(run.interrupted)
    for key in ("tests", "failures", "errors"):
        root.set(key, str(totals[key]))
    root.set("time", f"{sum(p.seconds for p in run.pages):.3f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
