"""The precision keys are well formed, and the loader refuses what would silently skew the numbers.

No browser and no ../shared needed: these read only the key files in precision/.
"""
from __future__ import annotations

import json
from collections import Counter

import pytest

from precision_keys import FIELDS, KEYS_DIR, KeyError_, load_keys, precision, table, tally


def test_every_key_file_is_sorted_and_complete():
    files = sorted(KEYS_DIR.glob("*.json"))
    assert files, f"no key files in {KEYS_DIR}"
    for path in files:
        entries = json.loads(path.read_text(encoding="utf-8"))
        order = [(e["page"], e["rule"], e["selector"] or "") for e in entries]
        assert order == sorted(order), f"{path.name} is not sorted by page, rule, selector"
        assert all(e["page"].endswith(".html") and "/" not in e["page"] for e in entries), path.name
    corpora = load_keys()  # raises on a malformed entry or a finding judged twice
    assert set(corpora) == {path.stem for path in files}


def _write(folder, name, entries):
    (folder / name).write_text(json.dumps(entries), encoding="utf-8")


def _entry(**changes):
    entry = {"page": "a.html", "rule": "alt-filename", "selector": "#x", "verdict": "right", "why": "file name"}
    return {**entry, **changes}


def test_a_finding_judged_twice_is_refused(tmp_path):
    _write(tmp_path, "one.json", [_entry()])
    _write(tmp_path, "two.json", [_entry(verdict="wrong")])
    with pytest.raises(KeyError_, match="already judged in one.json"):
        load_keys(tmp_path)


@pytest.mark.parametrize("entry, message", [
    (_entry(verdict="maybe"), "verdict 'maybe'"),
    (_entry(why=" "), "no why"),
    ({k: v for k, v in _entry().items() if k != "selector"}, "the fields are exactly"),
])
def test_a_malformed_entry_is_refused(tmp_path, entry, message):
    _write(tmp_path, "keys.json", [entry])
    with pytest.raises(KeyError_, match=message):
        load_keys(tmp_path)


def test_precision_counts_debatable_as_not_right(tmp_path):
    _write(tmp_path, "c.json", [_entry(selector="#1"), _entry(selector="#2", verdict="debatable"),
                                _entry(selector="#3", verdict="wrong"), _entry(selector="#4")])
    counts = tally(load_keys(tmp_path)["c"].values())["alt-filename"]
    assert counts == Counter(right=2, debatable=1, wrong=1)
    assert precision(counts) == 0.5
    rendered = table(load_keys(tmp_path))
    assert "| `alt-filename` | 2 / 1 / 1 | 50% | 2 / 1 / 1 | 50% |" in rendered
    assert set(FIELDS) == set(_entry())


def test_the_run_table_shows_each_rule_with_its_status_and_the_gated_rules_apart():
    from precision_keys import REVIEW, run_findings, run_lines
    finding = {"engine": "newsaudit", "rule": "alt-filename", "selector": "#x"}
    report = {"rules": {}, "pages": [{"url": "/shared/news-pages/a.html", "findings": [
        finding, {**finding, "selector": "#y"},
        {"engine": "newsaudit", "rule": "reflow-horizontal-scroll", "selector": None, "needs_review": True},
        {"engine": "axe-core", "rule": "image-alt", "selector": "#z"}]}]}
    findings, status = run_findings(report)
    assert set(findings) == {("a.html", "alt-filename", "#x"), ("a.html", "alt-filename", "#y"),
                             ("a.html", "reflow-horizontal-scroll", None)}
    assert status == {"alt-filename": "gated", "reflow-horizontal-scroll": REVIEW}
    keys = {("a.html", "alt-filename", "#x"): _entry(),
            ("a.html", "reflow-horizontal-scroll", None): _entry(rule="reflow-horizontal-scroll", selector=None,
                                                                 verdict="wrong")}
    lines = run_lines(keys, findings, status)
    assert lines[1].split() == ["alt-filename", "1", "0", "0", "1", "100%", "gated"]
    assert lines[2].split() == ["reflow-horizontal-scroll", "0", "1", "0", "0", "0%", "needs", "review"]
    assert lines[3].split()[:8] == ["gated", "news", "rules", "1", "0", "0", "1", "100%"]
    assert lines[4].split()[:8] == ["needs-review", "rules", "0", "1", "0", "0", "0%"][:8]
    assert lines[-1].startswith("3 news-rule findings, 1 of them needs review")
