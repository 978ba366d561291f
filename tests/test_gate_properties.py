"""Properties that must hold whatever an audited page contains."""
from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import reports
from auditor.fingerprint import element_identity, page_key
from reports.markdown import MAX_CHARS, code, text

sys.path.insert(0, str(Path(__file__).parent / "reports"))
from sample_run import build_run  # noqa: E402

untrusted = st.text(alphabet=st.characters(codec="utf-8"), max_size=3000)
positions = st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=6)


@given(positions, positions, st.sampled_from(["img", "a", "h2", "p"]))
def test_positions_never_change_an_identity(first, second, tag):
    html = {"img": '<img src="/m/a.jpg">', "a": '<a href="/x">more</a>', "h2": "<h2>Roads</h2>", "p": "<p>x</p>"}[tag]
    n = min(len(first), len(second))
    path = lambda nums: "#story > " + " > ".join(f"div:nth-of-type({k})" for k in nums[:n]) + f" > {tag}:nth-of-type(1)"
    assert element_identity(path(first), html) == element_identity(path(second), html)


@given(st.text(max_size=200), st.sampled_from(["https://a.example", "http://127.0.0.1:8123", "https://B.EXAMPLE:8443"]))
def test_the_origin_is_never_part_of_a_page_key(path, origin):
    url = origin + "/" + path.replace("#", "").replace("?", "")
    assert page_key(url) == page_key("https://other.example/" + path.replace("#", "").replace("?", ""))


@given(untrusted)
def test_text_and_code_are_one_bounded_inert_line(value):
    for out in (text(value), code(value)):
        assert "\n" not in out and "\r" not in out and len(out) <= 5 * 200 + 2
    assert "<" not in text(value)  # outside a code span HTML would be live
    assert "`" not in code(value)[1:-1]  # inside one, only a backtick could end it


@settings(max_examples=15, deadline=None)
@given(untrusted, untrusted, untrusted)
def test_the_summary_stays_under_the_limit(title, url_tail, reason):
    run = build_run()
    for page in run.pages:
        page.title = page.headline = title * 10
        page.url = "https://news.example.com/" + url_tail * 10
        page.error = reason * 10 if page.status == "error" else None
        page.viewport_errors = {vp: reason * 10 for vp in page.viewport_errors}
    md = reports.render(run, "md", Path("out"))
    assert len(md) < MAX_CHARS and "<script" not in md
