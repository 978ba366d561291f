"""Helpers every report format shares: viewport states, rule metadata, the gate in words, plain
words for screen sizes and counts, the top problems and what was not audited.

The Markdown, JUnit and SARIF writers reach these through ``reports.view`` (which re-exports them);
the HTML view model builds on them.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from auditor.model import THIRD_PARTY, AuditRun, Finding, PageResult, failing_findings, impact_rank  # noqa: F401

FAIL, PASS, NOT_AUDITED = "fail", "pass", "not-audited"
STATE_LABELS = {FAIL: "fails", PASS: "passes", NOT_AUDITED: "not audited"}

IMPACT_WORDS = {
    "critical": "blocks some readers completely",
    "serious": "makes the page very hard to use for some readers",
    "moderate": "makes the page harder to use",
    "minor": "a small annoyance",
}

# Rules listed under "top problems" in the Markdown summary.
TOP_PROBLEMS = 5



# ---------------------------------------------------------------------------------------------
# Helpers shared by every format


def viewport_names(run: AuditRun) -> list[str]:
    """The run's viewports in audit order, then any other name a page mentions."""
    names = list(run.viewports)
    for page in run.pages:
        extra = [*page.viewports_audited, *page.viewport_errors]
        extra += [vp for f in page.findings for vp in f.viewports]
        names += [vp for vp in extra if vp not in names]
    return list(dict.fromkeys(names))


def audited_viewports(page: PageResult, names: list[str]) -> list[str]:
    """Viewports actually audited on this page: listed as audited and without an error."""
    if page.status != "audited":
        return []
    return [vp for vp in names if vp in page.viewports_audited and vp not in page.viewport_errors]


def viewport_states(page: PageResult, failing: list[str], names: list[str]) -> dict[str, str]:
    """fail / pass / not-audited per viewport. A viewport that was not audited never passes."""
    audited = set(audited_viewports(page, names))
    return {vp: FAIL if vp in failing else PASS if vp in audited else NOT_AUDITED for vp in names}


def rule_meta(run: AuditRun, finding: Finding) -> dict:
    """The rule's metadata, filled from the finding where run.rules lacks it."""
    meta = dict(run.rules.get(finding.rule) or {})
    meta.setdefault("id", finding.rule)
    meta.setdefault("engine", finding.engine)
    meta.setdefault("impact", finding.impact)
    meta.setdefault("wcag", list(finding.wcag))
    meta.setdefault("audience", finding.audience)
    for key in ("title", "why", "fix", "help_url"):
        if not meta.get(key):
            meta[key] = {"title": finding.title or finding.rule, "help_url": finding.help_url}.get(key, "")
    meta.setdefault("page_level", finding.selector is None)
    return meta


def safe_href(url: str | None) -> str | None:
    """The URL if it is an http(s) URL fit for an href, else None (javascript:, data:, junk)."""
    if not url or any(ch in url for ch in "\r\n\t\0"):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def page_label(page: PageResult) -> str:
    return page.headline or page.title or page.url


def finding_order(finding: Finding) -> tuple:
    return (-impact_rank(finding.impact), finding.rule, finding.selector or "")


# The gate's five states as report.json's summary.gate spells them, in words.
GATE_LABELS = {
    "passed": "Passed",
    "failed": "Failed",
    "error": "Error: not everything was audited",
    "incomplete": "Incomplete: the run was interrupted",
    "not gated": "Not gated",
}


def gate_state(run: AuditRun) -> str:
    """summary.gate, read so that an older model that knows only passed/failed/error still says
    "not gated" for --fail-on never and "incomplete" for an interrupted run."""
    status = run.summary()["gate"]
    if status in ("passed", "failed") and run.interrupted:
        return "incomplete"
    if status == "passed" and run.fail_on == "never":
        return "not gated"
    return status if status in GATE_LABELS else "error"


def gate_text(run: AuditRun) -> dict:
    """The CI gate in words. ``status`` is summary.gate as it is; ``state`` one of GATE_LABELS."""
    summary = run.summary()
    state, fail_on, code = gate_state(run), run.fail_on, summary["exit_code"]
    failing = len(list(failing_findings(run)))
    found = plural(summary["findings"], "problem")
    if state == "error":
        sentence = ("Some pages or screen sizes could not be audited, so the CI check reports an "
                    f"error (exit code {code}).")
    elif state == "incomplete":
        sentence = (f"The run was interrupted after {plural(summary['pages'], 'page')}, so the CI check "
                    f"has no verdict (exit code {code}); {found} found so far.")
    elif state == "failed":
        sentence = (f"{plural(failing, 'problem')} at or above “{fail_on}”, so the CI check fails "
                    f"(exit code {code}).")
    elif state == "not gated":
        sentence = (f"This run was set not to fail on any problem (fail-on: never), so the CI check "
                    f"passes whatever it finds (exit code {code}); it found {found}.")
    else:
        sentence = f"No problem at or above “{fail_on}”, so the CI check passes (exit code {code})."
    return {"status": summary["gate"], "state": state, "label": GATE_LABELS[state], "sentence": sentence,
            "fail_on": fail_on, "failing": failing, "exit_code": code}


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def join_names(names: list[str]) -> str:
    """XS -> "XS"; XS, SM -> "XS and SM"; XS, SM, MD -> "XS, SM and MD"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


@dataclass
class Problem:
    """One rule across the run: how often it was found and on which pages."""

    rule: str
    title: str
    impact: str
    findings: int
    pages: list[PageResult]


def top_problems(run: AuditRun, limit: int | None = TOP_PROBLEMS) -> list[Problem]:
    """Rules by the number of pages they affect, then impact, then number of findings."""
    problems: dict[str, Problem] = {}
    for page in run.pages:
        for finding in page.findings:
            problem = problems.get(finding.rule)
            if problem is None:
                meta = rule_meta(run, finding)
                problem = problems[finding.rule] = Problem(finding.rule, meta["title"], finding.impact, 0, [])
            problem.findings += 1
            if impact_rank(finding.impact) > impact_rank(problem.impact):
                problem.impact = finding.impact
            if not any(p is page for p in problem.pages):
                problem.pages.append(page)
    ordered = sorted(problems.values(),
                     key=lambda p: (-len(p.pages), -impact_rank(p.impact), -p.findings, p.rule))
    return ordered[:limit] if limit else ordered


@dataclass
class NotAudited:
    page: PageResult
    index: int  # position of the page in run.pages
    viewport: str | None  # None: the whole page
    reason: str


def not_audited(run: AuditRun) -> list[NotAudited]:
    """Every page and viewport that could not be audited, with its reason, in run order."""
    names = viewport_names(run)
    items = []
    for index, page in enumerate(run.pages):
        if page.status != "audited":
            items.append(NotAudited(page, index, None, page.error or "the page could not be audited"))
            continue
        for vp in names:
            if vp in page.viewport_errors:
                items.append(NotAudited(page, index, vp, page.viewport_errors[vp] or "not audited"))
    return items


# ---------------------------------------------------------------------------------------------
# Screen sizes in plain words (written once, here)

VIEWPORT_WORDS = {"XS": "phones", "SM": "small tablets", "MD": "tablets", "LG": "desktops"}
PHONE = "XS"


def viewport_word(name: str) -> str:
    return VIEWPORT_WORDS.get(name, f"{name} screens")


def viewport_label(run: AuditRun, name: str) -> str:
    """"phones (XS, 375 px)"."""
    width = (run.viewports.get(name) or {}).get("width")
    return f"{viewport_word(name)} ({name}, {width} px)" if width else f"{viewport_word(name)} ({name})"


def where_it_fails(failing: list[str], audited: list[str]) -> str:
    """Where a finding fails, as a reader would say it: "only on phones", "on every screen size",
    "on phones and tablets (XS, MD)"."""
    failing = [vp for vp in audited if vp in failing] or list(failing)
    if failing == [PHONE] and len(audited) > 1:
        return "only on phones"
    if len(audited) > 1 and set(failing) >= set(audited):
        return "on every screen size"
    words = list(dict.fromkeys(viewport_word(vp) for vp in failing))
    prefix = "only " if len(failing) < len(audited) else ""
    return f"{prefix}on {join_names(words)} ({', '.join(failing)})"


# ---------------------------------------------------------------------------------------------
# Fields other parts of newsaudit may add; read with defaults so older runs render too


def needs_review(finding: Finding) -> bool:
    """From a rule under review: shown apart, never as a must-fix."""
    return bool(getattr(finding, "needs_review", False))


def baseline_state(finding: Finding) -> str | None:
    """"new" or "unchanged" against a baseline run, or None without one."""
    value = getattr(finding, "baseline", None)
    return value if value in ("new", "unchanged") else None


def ignored(finding: Finding) -> dict | None:
    """{reason, until} when the finding is ignored on purpose, else None."""
    value = getattr(finding, "ignored", None)
    return value if isinstance(value, dict) else None


def run_baseline(run: AuditRun) -> dict | None:
    """summary.baseline {new, unchanged, fixed} when the run was compared with a baseline."""
    value = run.summary().get("baseline") or getattr(run, "baseline", None)
    return value if isinstance(value, dict) else None


# What an editor fixes, by kind of thing: rule id prefixes and axe rule ids -> (one, many).
KINDS = (
    (("alt-", "captioned-image", "image-alt", "role-img-alt", "svg-img-alt", "image-redundant-alt",
      "area-alt", "object-alt"), ("photo", "photos")),
    (("heading-", "empty-heading", "p-as-heading"), ("heading", "headings")),
    (("link-", "identical-links"), ("link", "links")),
    (("td-", "th-", "table-", "scope-attr", "empty-table-header"), ("table", "tables")),
    (("valid-lang",), ("quote in another language", "quotes in other languages")),
    (("video-", "audio-"), ("video or audio clip", "video and audio clips")),
)
OTHER_KIND = ("other item", "other items")


def kind_of(rule: str) -> tuple[str, str]:
    for prefixes, words in KINDS:
        if rule.startswith(prefixes):
            return words
    return OTHER_KIND


CONSENT_ANSWERS = {"reject": "refusing", "accept": "accepting"}


def page_conditions(page: PageResult) -> list[str]:
    """How the audited page was reached, in words: its consent banner and the loads it took."""
    notes = []
    consent = page.consent or {}
    if consent.get("found"):
        platform = consent.get("platform")
        banner = f"The page's {platform} consent banner" if platform else "The page's consent banner"
        mode = consent.get("mode")
        if mode == "keep":
            notes.append(f"{banner} was found and left up (--consent keep), so it was audited with the page.")
        elif consent.get("dismissed"):
            notes.append(f"{banner} was found and dismissed by {CONSENT_ANSWERS.get(mode, 'answering')} "
                         f"(--consent {mode}) before the audit.")
        else:
            notes.append(f"{banner} was found but could not be dismissed: {consent.get('reason') or 'no reason recorded'}. "
                         "It may cover part of the page in the audit.")
    if page.tries > 1:
        notes.append(f"The page loaded on try {page.tries} (--retries): an earlier load failed in a way that "
                     "looked temporary.")
    return notes
