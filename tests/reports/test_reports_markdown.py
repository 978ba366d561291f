"""The Markdown summary: short, complete enough for a PR comment, and inert."""
from __future__ import annotations

import re
from pathlib import Path

import reports
from reports.markdown import link, text
from sample_run import build_clean_run, build_run


def _md(run=None, base=Path("out")) -> str:
    return reports.render(run or build_run(), "md", base)


def test_gate_counts_top_problems_and_report_path():
    md = _md()
    assert md.startswith("## ⚠️ newsaudit: Error: not everything was audited\n")
    assert "| critical | 1 |" in md and "| serious | 8 |" in md and "| **total** | **13** |" in md
    assert "5 pages: 4 audited (1 only at some screen sizes), 1 could not be audited." in md
    top = md[md.index("### Top problems"):md.index("### Not audited")]
    first = top.splitlines()[2]
    assert first.startswith("1. **There is no “skip to content” link** (`skip-link-missing`, serious): "
                            "3 findings on 3 pages: ")
    assert "[Council approves new bus lanes](https://news.example.com/local/2024/bus-lanes)" in first
    assert "HTTP 404 Not Found" in md
    assert md.rstrip().endswith("Full report: `out/report.html`")


def test_short_enough_for_a_pr_comment():
    md = _md()
    assert len(md) < 4000 and len(md.splitlines()) < 40


def test_clean_run():
    md = _md(build_clean_run())
    assert md.startswith("## ✅ newsaudit: Passed\n")
    assert "### Top problems" not in md and "### Not audited" not in md


def test_untrusted_text_cannot_add_html_or_markdown():
    md = _md()
    assert "<script" not in md and "<img" not in md and "</textarea" not in md
    assert text("a](javascript:x) *b* <i>") == r"a\]\(javascript:x\) \*b\* &lt;i&gt;"
    assert link("x", "javascript:alert(1)") == "x"
    # A URL cannot close the link early.
    assert link("t", "https://e.com/a b)c") == "[t](https://e.com/a%20b%29c)"
    assert re.search(r"\]\(https://news\.example\.com/live\?q=%3Cscript%3E", md)


def test_report_path_relative_to_the_working_folder(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert _md(base=tmp_path / "newsaudit-report").rstrip().endswith("Full report: `newsaudit-report/report.html`")
