"""A short Markdown summary for a pull-request comment or a CI job summary.

The gate, counts by impact, the top problems with the pages they affect, what could not be
audited, and the path of the HTML report. Page titles, URLs and reasons come from audited pages:
they are escaped so that they can neither add Markdown structure nor raw HTML to the comment.
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
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
GATE_MARK = {"passed": "✅", "failed": "❌", "error": "⚠️", "incomplete": "⏹️", "not gated": "ℹ️"}


def text(value: object) -> str:
    """Untrusted text as inert Markdown: one line, HTML entities, Markdown punctuation escaped."""
    value = " ".join(inert_text(value).split())
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", value)


def link(label: str, url: str) -> str:
    """``[label](url)`` for http(s) URLs (percent-encoded so they cannot end the link early), else
    the label alone."""
    href = view.safe_href(url)
    if href is None:
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

    formats = run.settings.get("formats")
    if formats is None or "html" in formats:
        lines.append(f"Full report: `{_report_path(base_dir)}`")
    else:
        lines.append("Full report: run with `--format html` to get report.html.")
    return "\n".join(lines) + "\n"
