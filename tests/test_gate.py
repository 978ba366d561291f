"""CI gating without a browser: ignores, baselines, diff, shards and merge on hand-built runs."""
from __future__ import annotations

import copy
import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor import baseline, ci, fingerprint, ignores
from auditor.cli import main
from auditor.cli_ci import diff_groups, merge_runs
from auditor.api import build_settings
from auditor.config import ConfigError
from auditor.model import failing_findings

sys.path.insert(0, str(Path(__file__).parent / "reports"))
from sample_run import build_run  # noqa: E402

TODAY = dt.date(2026, 6, 1)


def _run():
    run = build_run()
    fingerprint.assign(run)
    return run


@pytest.mark.parametrize("entry, message", [
    ({"rule": "r"}, "needs a reason"),
    ({"reason": "x"}, "needs a rule"),
    ({"rule": "r", "reason": "x", "until": "next week"}, "until must be a date"),
    ({"rule": "r", "reason": "x", "path": "/a"}, "unknown key 'path'"),
    ({"rule": "r", "reason": 3}, "reason must be a string"),
])
def test_ignore_entries_are_checked(entry, message):
    with pytest.raises(ConfigError, match=message):
        ignores.parse([entry], "newsaudit.toml")


def test_ignores_apply_expire_and_report_dead_entries():
    run = _run()
    entries = ignores.parse([
        {"rule": "skip-link-missing", "url": "/local/*", "reason": "New header in Q3", "until": dt.date(2026, 9, 30)},
        {"rule": "color-contrast", "reason": "Brand colours", "until": "2026-05-31"},
        {"rule": "alt-*", "url": "https://other.example.com/*", "reason": "Other site"},
    ])
    ignores.apply(run, entries, TODAY)
    hidden = [(p.url, f.rule) for p in run.pages for f in p.findings if f.ignored]
    assert hidden == [("https://news.example.com/local/2024/bus-lanes", "skip-link-missing")]
    assert [e["status"] for e in run.ignores] == ["applied", "expired", "unmatched"]
    assert all(f.ignored is None for p in run.pages for f in p.findings if f.rule == "color-contrast")
    assert len(ignores.problems(run)) == 2
    # The last day still applies.
    ignores.apply(run, entries, dt.date(2026, 5, 31))
    assert run.ignores[1]["status"] == "applied"


def test_the_gate_skips_ignored_and_unchanged_findings():
    run = _run()
    gating = len(list(failing_findings(run)))
    run.pages[0].findings[0].ignored = {"reason": "x", "until": None}
    assert len(list(failing_findings(run))) == gating - 1
    for page in run.pages:
        for finding in page.findings:
            finding.baseline = "unchanged"
    assert list(failing_findings(run)) == []


def test_baseline_marks_new_unchanged_and_only_fixed_where_it_could_be_seen():
    base, run = _run(), _run()
    storm = run.pages[0]
    gone = storm.findings.pop(1)  # heading-h1-missing fixed at XS
    storm.findings[0].selector = "#story > div.gallery > img:nth-of-type(3)"  # drift: same element
    run.pages[1].findings.pop(0)  # alt-placeholder gone on the live page...
    run.pages[1].viewports_audited = ["LG"]  # ...but only LG was audited, where it never failed
    run.pages = [p for p in run.pages if "bus-lanes" not in p.url]  # a page not in this run
    baseline.compare(run, base, "base.json")
    assert [f["rule"] for f in run.fixed] == [gone.rule]
    assert {f.baseline for p in run.pages for f in p.findings} == {"unchanged"}
    assert run.summary()["baseline"] == {"new": 0, "unchanged": 11, "fixed": 1}


def test_a_baseline_from_another_schema_or_not_a_report_is_one_clear_line(tmp_path):
    (tmp_path / "old.json").write_text(json.dumps({"schema_version": 0, "pages": [], "tool": {"version": "0.0.1"}}))
    (tmp_path / "junk.json").write_text("{not json")
    (tmp_path / "other.json").write_text("[]")
    for name, message in (("old.json", "schema_version 0 (newsaudit 0.0.1)"), ("junk.json", "is not valid JSON"),
                          ("other.json", "is not a newsaudit report.json"), ("missing.json", "not found")):
        with pytest.raises(baseline.BaselineError, match=message.replace("(", r"\(").replace(")", r"\)")):
            baseline.load(tmp_path / name)


def test_an_old_report_without_fingerprints_converts(tmp_path):
    run = build_run()
    data = run.to_dict()
    for page in data["pages"]:
        for finding in page["findings"]:
            del finding["fingerprint"]
    (tmp_path / "report.json").write_text(json.dumps(data), encoding="utf-8")
    loaded = baseline.load(tmp_path)
    assert all(len(f.fingerprint) == 64 for p in loaded.pages for f in p.findings)


@pytest.mark.parametrize("args, message", [
    (["--baseline", "nope/report.json"], "baseline not found: nope/report.json"),
    (["--update-baseline"], "--update-baseline needs --baseline PATH"),
    (["--shard", "3/2"], "'3/2' is not K/N"),
    (["--disable", "colour-contrast"], "unknown rule 'colour-contrast'"),
])
def test_usage_errors_exit_2_before_any_browser(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["audit", "https://news.example.invalid/a", *args])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_disable_takes_axe_rule_ids():
    settings = build_settings({"disable": ["color-contrast,alt-placeholder"]}, {})
    assert settings.gather.axe_rules == (("color-contrast", False),)
    assert settings.disabled_rules == frozenset({"alt-placeholder"})


def test_sarif_config_is_checked():
    with pytest.raises(ConfigError, match="relative to the repository root"):
        ci.sarif_settings({"map": [{"url": "/a/*", "file": "/etc/passwd"}]}, "newsaudit.toml", None, "x")
    with pytest.raises(ConfigError, match="relative to the repository root"):
        ci.sarif_settings({"fallback": "https://example.com/x"}, "newsaudit.toml", None, "x")
    settings = ci.sarif_settings({"map": [{"url": "/a/*", "file": "templates\\a.html"}]}, "t", None,
                                 ci.default_category((), (), ["https://preview-7.example.com/news-sitemap.xml"], ()))
    assert settings == {"category": "newsaudit-sitemap-news-sitemap.xml", "fallback": "newsaudit.toml",
                        "map": [{"url": "/a/*", "file": "templates/a.html"}]}


def test_diff_command_exit_codes(tmp_path):
    old, new = _run(), _run()
    new.pages[3].findings.append(copy.deepcopy(new.pages[0].findings[0]))  # critical, new on bus-lanes
    (tmp_path / "old.json").write_text(json.dumps(old.to_dict()), encoding="utf-8")
    (tmp_path / "new.json").write_text(json.dumps(new.to_dict()), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["diff", str(tmp_path / "old.json"), str(tmp_path / "new.json"), "--format", "md"])
    assert result.exit_code == 1
    assert result.output.startswith("## newsaudit diff: 1 new, 0 fixed, 14 unchanged; gate failed")
    assert runner.invoke(main, ["diff", str(tmp_path / "old.json"), str(tmp_path / "new.json"),
                                "--fail-on", "never"]).exit_code == 0
    assert runner.invoke(main, ["diff", str(tmp_path / "new.json"), str(tmp_path / "old.json")]).exit_code == 0
    groups = diff_groups(_run(), new)
    assert [f["url"] for f in groups["new"]] == ["https://news.example.com/local/2024/bus-lanes"]
    bad = runner.invoke(main, ["diff", str(tmp_path / "old.json"), str(tmp_path / "none.json")])
    assert bad.exit_code == 2 and "new report not found" in bad.output


def test_shards_are_stable_and_cover_every_page_once():
    urls = [f"https://news.example.com/2026/story-{i}" for i in range(200)]
    shards = [ci.shard_of(u, 4) for u in urls]
    assert sorted(set(shards)) == [1, 2, 3, 4] and all(30 < shards.count(k) < 70 for k in (1, 2, 3, 4))
    # The host and tracking parameters never move a page to another shard.
    assert ci.shard_of("https://preview.example.net/2026/story-7?utm_source=x", 4) == shards[7]


def test_merge_puts_pages_back_in_input_order():
    whole = _run()
    one, two = copy.deepcopy(whole), copy.deepcopy(whole)
    one.pages, two.pages = [whole.pages[i] for i in (1, 3)], [whole.pages[i] for i in (0, 2, 4)]
    one.settings = {**whole.settings, "shard": {"index": 1, "total": 2, "positions": [1, 3]},
                    "sarif": {"category": "newsaudit-pages-shard-1-of-2"}}
    two.settings = {**whole.settings, "shard": {"index": 2, "total": 2, "positions": [0, 2, 4]}}
    merged = merge_runs([one, two])
    assert [p.url for p in merged.pages] == [p.url for p in whole.pages]
    assert merged.summary() == whole.summary()
    assert merged.settings["sarif"]["category"] == "newsaudit-pages" and "shard" not in merged.settings


def test_update_baseline_writes_the_run_and_replaces_an_outdated_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "base" / "report.json"
    target.parent.mkdir()
    target.write_text(json.dumps({"schema_version": 0, "pages": []}), encoding="utf-8")
    # A malformed URL is an error page, so no browser is needed.
    args = ["audit", "https://", "--baseline", str(target), "--update-baseline", "-o", "out", "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 3, result.output
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written["schema_version"] == 1 and written["pages"][0]["error"].startswith("malformed URL")
    assert "wrote the new baseline" in result.output
    again = CliRunner().invoke(main, args[:-4] + ["-o", "out2", "--format", "json"])
    assert again.exit_code == 3 and json.loads((tmp_path / "out2" / "report.json").read_text())["baseline"]["path"]


def test_sarif_alerts_on_web_pages_open_the_config_file_by_default(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "newsaudit.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "site")
    options = dict(baseline_path=None, update_baseline=False, shard=(2, 3), sarif_category=None,
                   inputs=(("https://e.com/a",), (), (), ()))
    gate = ci.prepare({}, "newsaudit.toml", **options)
    assert gate.sarif == {"category": "newsaudit-pages-shard-2-of-3", "fallback": "site/newsaudit.toml", "map": []}
    assert ci.prepare({}, "config", **options).sarif["fallback"] == "newsaudit.toml"


def test_merge_can_set_the_gate(tmp_path):
    run = _run()
    for page in run.pages:
        page.status, page.error, page.viewport_errors = "audited", None, {}
    run.settings["fail_on"] = "never"
    (tmp_path / "s1").mkdir()
    (tmp_path / "s1" / "report.json").write_text(json.dumps(run.to_dict()), encoding="utf-8")
    runner = CliRunner()
    base = ["merge", str(tmp_path / "s1"), "-o", str(tmp_path / "m"), "--format", "json", "-q"]
    assert runner.invoke(main, base).exit_code == 0
    assert runner.invoke(main, base + ["--fail-on", "serious"]).exit_code == 1
