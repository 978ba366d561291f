"""The Markdown summary: short, complete enough for a PR comment, and inert."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import reports
from auditor.model import PageResult
from reports.markdown import MAX_CHARS, link, text
from baseline_sample import build_baseline_run
from sample_run import build_clean_run, build_run


def _md(run=None, base=Path("out")) -> str:
    return reports.render(run or build_run(), "md", base)


def test_gate_counts_top_problems_and_report_path():
    md = _md()
    assert md.startswith("## ⚠️ newsaudit: Error: not everything was audited\n")
    assert "| critical | 1 |" in md and "| serious | 9 |" in md and "| **total** | **14** |" in md
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


# ---- size bound, baseline groups, ignores -------------------------------------------------------


def test_a_75000_character_title_and_url_keep_it_short():
    run = build_run()
    for page in run.pages:
        page.title = page.headline = "T" * 75_000
    run.pages[0].url = "https://news.example.com/" + "a/" * 40_000
    run.pages[1].viewport_errors["LG"] = "x " * 50_000
    md = _md(run)
    assert len(md) < 6_000
    assert "T" * 201 not in md


def test_thousands_of_pages_stay_under_the_pr_comment_limit():
    run = build_run()
    template = run.pages[0]
    run.pages = []
    for i in range(600):
        page = copy.deepcopy(template)
        page.url = f"https://news.example.com/{i}/" + "p" * 300
        page.title = page.headline = f"<b>{'Headline ' * 40}</b> {i}"
        for finding in page.findings:
            finding.baseline = "new"
        run.pages.append(page)
        run.pages.append(PageResult(url=page.url + "/gone", status="error", error="e" * 5000))
    run.baseline = {"path": "b", "tool_version": "0.1.0", "finished": ""}
    run.fixed = [{**template.findings[0].to_dict(), "url": "https://news.example.com/" + "f" * 900}] * 500
    run.ignores = [{"rule": "r" * 900, "url": "*", "reason": "why " * 900, "until": "2020-01-01",
                    "status": "expired", "matched": 0, "selector": None, "fingerprint": None}] * 400
    md = _md(run)
    assert len(md) < MAX_CHARS
    assert md.rstrip().endswith("Full report: `out/report.html`")
    assert "<b>" not in md


def test_the_cut_keeps_whole_lines_and_says_so(monkeypatch):
    import reports.markdown as markdown

    monkeypatch.setattr(markdown, "MAX_CHARS", 900)
    md = _md()
    assert len(md) < 900 and "The summary was cut here" in md
    assert md.rstrip().endswith("Full report: `out/report.html`")


def test_baseline_groups_and_ignores_are_shown():
    run = build_baseline_run()
    run.ignores = [{"rule": "color-contrast", "url": "/sport/*", "reason": "Brand colours", "until": "2020-01-31",
                    "status": "expired", "matched": 0, "selector": None, "fingerprint": None},
                   {"rule": "alt-placeholder", "url": "*", "reason": "CMS bug", "until": None,
                    "status": "unmatched", "matched": 0, "selector": None, "fingerprint": None}]
    md = _md(run)
    section = md[md.index("### Compared with the baseline"):]
    assert "**1 new**, 8 unchanged, 1 fixed." in section
    assert "- **Image without alt text** (`image-alt`, critical) on " in section
    assert "#### Fixed" in section
    assert "`color-contrast` on `/sport/*`: expired on 2020\\-01\\-31, no longer applies (Brand colours)" in md
    assert "`alt-placeholder` on `*`: matched no finding (CMS bug)" in md
