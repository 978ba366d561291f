"""Golden tests: the fixed sample run rendered to every format equals the checked-in output.

Run with UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then read the diff.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import reports
from sample_run import SAMPLE_DIR, build_run

GOLDEN = Path(__file__).parent / "golden"
# Markdown names the HTML report's path; the golden file holds it as the CLI's default folder.
BASE_DIRS = {"md": Path("newsaudit-report")}


@pytest.mark.parametrize("fmt", list(reports.FORMATS))
def test_format_matches_golden(fmt):
    text = reports.render(build_run(), fmt, BASE_DIRS.get(fmt, SAMPLE_DIR))
    golden = GOLDEN / reports.FORMATS[fmt]
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.exists(), f"no golden file {golden.name}: run with UPDATE_GOLDEN=1"
    expected = golden.read_text(encoding="utf-8")
    assert text == expected, f"{fmt} output differs from {golden}; if intended, rerun with UPDATE_GOLDEN=1"


def test_rendering_is_deterministic():
    first = {fmt: reports.render(build_run(), fmt, SAMPLE_DIR) for fmt in reports.FORMATS}
    second = {fmt: reports.render(build_run(), fmt, SAMPLE_DIR) for fmt in reports.FORMATS}
    assert first == second


def test_article_page_matches_golden():
    from reports import html

    text = html.render_article(build_run(), 0, SAMPLE_DIR)
    golden = GOLDEN / "article-0001.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.exists(), f"no golden file {golden.name}: run with UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8"), "article page differs; if intended, rerun with UPDATE_GOLDEN=1"
