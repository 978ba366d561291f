"""A short Markdown summary for a pull-request comment or a CI job summary.

The gate, counts by impact, against a baseline what is new and what was fixed, the top problems
with the pages they affect, what could not be audited, ignore entries that expired or matched
nothing, and the path of the HTML report. Page titles, URLs and reasons come from audited pages:
they are escaped so that they can neither add Markdown structure nor raw HTML to the comment.

Size. A pull-request comment holds 65,536 characters and a job summary 1 MiB; the summary stays
under MAX_CHARS whatever the pages contain: every untrusted text is cut to TEXT_CHARS before it
is escaped, an over-long URL is not linked, lists are cut to a few entries with "and N more", and
if all that still ran over, the summary is cut at a line and points at the HTML report.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from auditor.model import AuditRun
from auditor.untrusted import inert_text

from . import view

PAGES_PER_PROBLEM = 3
ERRORS_SHOWN = 5
NEW_SHOWN = 20
FIXED_SHOWN = 10
IGNORES_SHOWN = 10
MAX_CHARS = 60_000
TEXT_CHARS = 200
MAX_LINK = 1000
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
GATE_MARK = {"passed": "✅", "failed": "❌", "error": "⚠️", "incomplete": "⏹️", "not gated": "ℹ️"}


def text(value: object, limit: int = TEXT_CHARS) -> str:
    """Untrusted text as inert Markdown: one line, at most ``limit`` characters before escaping,
    no bidi controls or live @mentions, HTML entities, Markdown punctuation escaped."""
    value = str(value)[:limit * 4]  # bounds the split below; spaces collapse, so keep some spare
    value = " ".join(inert_text(value).split())
    if len(value) > limit:
        value = value[:limit - 1] + "…"
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", value)


def code(value: object, limit: int = TEXT_CHARS) -> str:
    """Untrusted text as a code span: nothing in it is Markdown or HTML; one line, cut, and a
    backtick (which would end the span) replaced."""
    value = " ".join(str(value)[:limit * 4].split()).replace("`", "'")
    if len(value) > limit:
        value = value[:limit - 1] + "…"
    return f"`{value}`" if value.strip() else "` `"


def link(label: str, url: str) -> str:
    """``[label](url)`` for http(s) URLs (percent-encoded so they cannot end the link early), else
    the label alone."""
    href = view.safe_href(url)
    if href is None or len(href) > MAX_LINK:
        return text(label)
    return f"[{text(label)}]({quote(href, safe=':/?#[]@!$&*+,;=%~')})"


def _page(page) -> str:
    label = view.page_label(page)
    return link(label, page.url)


def _report_path(base_dir: Path) -> str:
    path = Path(base_dir) / "report.html"
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            pass
    return path.as_posix()


def _baseline(run: AuditRun, summary: dict) -> list[str]:
    counts = summary.get("baseline")
    if counts is None:
        return []
    lines = ["### Compared with the baseline", "",
             f"**{counts['new']} new**, {counts['unchanged']} unchanged, {counts['fixed']} fixed. "
             "Only new findings count for the gate.", ""]
    new = [(page, f) for page in run.pages for f in sorted(page.findings, key=view.finding_order)
           if f.baseline == "new"]
    if new:
        lines += ["#### New", ""]
        for page, finding in new[:NEW_SHOWN]:
            where = f": {code(finding.selector, 120)}" if finding.selector else ""
            ignored = " (ignored)" if finding.ignored else ""
            lines.append(f"- **{text(view.rule_meta(run, finding)['title'])}** (`{finding.rule}`, "
                         f"{finding.impact}) on {_page(page)}{where}{ignored}")
        if len(new) > NEW_SHOWN:
            lines.append(f"- and {len(new) - NEW_SHOWN} more in the full report")
        lines.append("")
    if run.fixed:
        lines += ["#### Fixed", ""]
        for item in run.fixed[:FIXED_SHOWN]:
            lines.append(f"- {code(item['rule'], 80)} on {link(item['url'], item['url'])}")
        if len(run.fixed) > FIXED_SHOWN:
            lines.append(f"- and {len(run.fixed) - FIXED_SHOWN} more")
        lines.append("")
    return lines


def _ignores(run: AuditRun) -> list[str]:
    stale = [e for e in run.ignores if e.get("status") in ("expired", "unmatched")]
    if not stale:
        return []
    lines = ["### Ignore entries to clean up", ""]
    for entry in stale[:IGNORES_SHOWN]:
        state = (f"expired on {text(entry['until'])}, no longer applies" if entry["status"] == "expired"
                 else "matched no finding")
        lines.append(f"- {code(entry['rule'], 80)} on {code(entry['url'], 80)}: "
                     f"{state} ({text(entry['reason'])})")
    if len(stale) > IGNORES_SHOWN:
        lines.append(f"- and {len(stale) - IGNORES_SHOWN} more")
    return lines + [""]


def _fit(lines: list[str], tail: str) -> str:
    """The lines that fit under MAX_CHARS with the tail, cut at a line."""
    body, used = [], len(tail) + 200
    for line in lines:
        if used + len(line) + 1 > MAX_CHARS:
            body += ["", "_The summary was cut here to stay within a pull-request comment; the full "
                         "report has everything._", ""]
            break
        body.append(line)
        used += len(line) + 1
    return "\n".join(body + [tail]) + "\n"


def render(run: AuditRun, base_dir: Path) -> str:
    summary = run.summary()
    gate = view.gate_text(run)
    lines = [f"## {GATE_MARK[gate['status']]} newsaudit: {gate['label']}", "", gate["sentence"], ""]
    failed = summary["pages"] - summary["audited"]
    partial = sum(1 for p in run.pages if p.status == "audited" and p.viewport_errors)
    pages = f"{view.plural(summary['pages'], 'page')}: {summary['audited']} audited"
    if partial:
        pages += f" ({partial} only at some screen sizes)"
    if failed:
        pages += f", {failed} could not be audited"
    if run.interrupted:
        pages += " (the run was interrupted)"
    lines += [pages + ".", ""]

    lines += ["| Impact | Findings |", "| --- | ---: |"]
    lines += [f"| {impact} | {count} |" for impact, count in summary["findings_by_impact"].items()]
    lines += [f"| **total** | **{summary['findings']}** |", ""]
    if summary.get("ignored"):
        lines += [f"{view.plural(summary['ignored'], 'finding')} ignored by `[[ignore]]` entries (not counted "
                  "for the gate).", ""]
    lines += _baseline(run, summary)

    problems = view.top_problems(run)
    if problems:
        lines += ["### Top problems", ""]
        for number, problem in enumerate(problems, 1):
            shown = ", ".join(_page(p) for p in problem.pages[:PAGES_PER_PROBLEM])
            more = len(problem.pages) - PAGES_PER_PROBLEM
            if more > 0:
                shown += f" and {more} more"
            lines.append(f"{number}. **{text(problem.title)}** (`{problem.rule}`, {problem.impact}): "
                         f"{view.plural(problem.findings, 'finding')} on "
                         f"{view.plural(len(problem.pages), 'page')}: {shown}")
        lines.append("")

    missing = view.not_audited(run)
    if missing:
        lines += ["### Not audited", ""]
        for item in missing[:ERRORS_SHOWN]:
            where = "" if item.viewport is None else f" at {item.viewport}"
            lines.append(f"- {_page(item.page)}{where}: {text(item.reason)}")
        if len(missing) > ERRORS_SHOWN:
            lines.append(f"- and {len(missing) - ERRORS_SHOWN} more")
        lines.append("")

    lines += _ignores(run)
    formats = run.settings.get("formats")
    if formats is None or "html" in formats:
        tail = f"Full report: {code(_report_path(base_dir), 500)}"
    else:
        tail = "Full report: run with `--format html` to get report.html."
    return _fit(lines, tail)
