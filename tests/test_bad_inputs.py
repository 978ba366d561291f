"""The README's exit-code table and bad-input list, checked row by row against the real CLI, plus
the pieces behind them: the gate's vocabulary, redaction, inert text, and rules under a budget.
None of these needs a browser: a run whose every page is an error row never starts one."""
import asyncio
import re

import pytest

import reports
from auditor import model
from auditor.model import AuditRun, PageResult, Snapshot
from auditor.redact import Redactor, mask_userinfo
from auditor.registry import Rule, RuleSettings
from rules import all_rules
from auditor.rulerunner import RuleRunner
from auditor.untrusted import inert_text
from clitools import ROOT, load_report, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def table(heading: str) -> list[list[str]]:
    """The rows of the first table under ``heading`` in the README, as lists of cells."""
    section = README.split(heading, 1)[1]
    rows = []
    for line in section.splitlines()[1:]:
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
        elif rows:
            break
    return rows[2:]  # past the header and its rule


def test_the_exit_code_table_lists_exactly_the_codes_there_are():
    documented = {int(row[0]) for row in table("### Exit codes")}
    codes = {model.EXIT_OK, model.EXIT_FINDINGS, model.EXIT_USAGE, model.EXIT_NOT_AUDITED, model.EXIT_INTERNAL,
             *model.EXIT_BY_SIGNAL.values()}
    assert documented == codes
    for name, code in model.EXIT_BY_SIGNAL.items():
        assert name in next(row[1] for row in table("### Exit codes") if int(row[0]) == code)
    for gate in model.GATES:
        assert f"`{gate}`" in README


def runners(tmp_path):
    """The README's bad-input rows, each as the arguments that try it."""
    (tmp_path / "report.json").write_text("{}")
    (tmp_path / "file").write_text("")
    (tmp_path / "broken.xml").write_text("<urlset")
    page = ROOT / "fixtures" / "site" / "clean-article.html"
    return {
        "`--timeout nan` (or `inf`, `1e308`, `0`)": [["--timeout", v, page] for v in ("nan", "inf", "1e308", "0")],
        "`--concurrency 1000`": [["--concurrency", "1000", page]],
        "`--viewport XL=99999x99999`": [["--viewport", "XL=99999x99999", page]],
        "`-o report.json` (an existing file)": [["-o", tmp_path / "report.json", page]],
        "`-o file/sub` (a folder that cannot be made)": [["-o", tmp_path / "file" / "sub", page]],
        "`http://[::1` (an argument, or a line of `--urls`)": [["http://[::1"], ["--urls", _list(tmp_path)]],
        "`ftp://example.com/story`": [["ftp://example.com/story"]],
        "`missing.html`": [["missing.html"]],
        "`--sitemap missing.xml` (or a feed, or `--urls`)": [[f"--{kind}", "missing.xml"]
                                                            for kind in ("sitemap", "feed", "urls")],
        "a sitemap or feed that is not well-formed XML, or an XML bomb": [["--sitemap", tmp_path / "broken.xml"],
                                                                          ["--feed", tmp_path / "broken.xml"]],
    }


def _list(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_text("# a list\nhttp://[::1\n")
    return path


def test_every_bad_input_row_says_exactly_what_happens(tmp_path):
    rows = table("### Bad inputs")
    cases = runners(tmp_path)
    assert [row[0] for row in rows] == list(cases), "each README row needs a case here, and no more"
    for number, ((cell, outcome), tries) in enumerate(zip(rows, cases.values())):
        code = int(re.match(r"exit (\d)", outcome).group(1))
        words = re.findall(r"`([^`]+)`", outcome)
        for attempt, args in enumerate(tries):
            out = tmp_path / f"out-{number}-{attempt}"
            if "-o" not in args:
                args = [*args, "-o", out, "--format", "json"]
            result = run_cli("audit", *args, cwd=tmp_path)
            assert result.returncode == code, (cell, args, result.stderr)
            assert "Traceback" not in result.stderr
            if code == 2:
                assert len(result.stderr.strip().splitlines()) == 1, result.stderr
                assert any(w.replace("missing.xml", "") in result.stderr for w in words), (cell, result.stderr)
                assert not (out / "report.json").exists()
            else:
                errors = [p["error"] for p in load_report(out)["pages"]]
                assert any(any(w.strip("'") in e for w in words) for e in errors), (cell, errors)


def test_the_output_folder_is_checked_before_any_page_is_fetched(tmp_path):
    from badserver import BadServer

    (tmp_path / "taken").write_text("")
    with BadServer() as bad:
        result = run_cli("audit", bad.url("/ok"), "-o", tmp_path / "taken")
        assert result.returncode == 2 and "is a file, not a folder" in result.stderr
        assert bad.hits == []


def run_of(*pages, fail_on="serious", ended_by=""):
    return AuditRun(tool={}, axe_version="", viewports={"XS": {"width": 375, "height": 667}}, pages=list(pages),
                    settings={"fail_on": fail_on}, interrupted=bool(ended_by), ended_by=ended_by)


@pytest.mark.parametrize("run, gate, code", [
    (run_of(PageResult("a")), "passed", 0),
    (run_of(PageResult("a"), fail_on="never"), "not gated", 0),
    (run_of(PageResult("a", status="error", error="x"), fail_on="never"), "error", 3),
    (run_of(PageResult("a"), PageResult("b", status="not audited")), "incomplete", 4),
    (run_of(PageResult("a"), ended_by="SIGTERM"), "incomplete", 143),
    (run_of(PageResult("a"), ended_by="SIGHUP"), "incomplete", 129),
    (run_of(PageResult("a"), ended_by="SIGINT"), "incomplete", 130),
    (run_of(PageResult("a"), ended_by="internal error: KeyError: 'x'"), "incomplete", 4),
])
def test_the_gate_vocabulary_and_its_exit_codes(run, gate, code):
    assert model.gate(run) == gate and gate in model.GATES
    assert model.exit_code(run) == code == run.summary()["exit_code"]


def test_passwords_are_masked_wherever_they_appear():
    assert mask_userinfo("see http://alice:pw@h/x and https://u:p%40x@h2:8/?q") == \
        "see http://alice:***@h/x and https://u:***@h2:8/?q"
    assert mask_userinfo("http://alice@h/ http://h/a:b@c ://") == "http://alice@h/ http://h/a:b@c ://"
    redact = Redactor(["http://alice:s3cret%2Fpw@h/"])
    assert redact.text("it said s3cret/pw and s3cret%2Fpw") == "it said *** and ***"
    data = redact.data({"http://alice:x1@h/": ["http://bob:y2@h/", 3]})
    assert data == {"http://alice:***@h/": ["http://bob:***@h/", 3]}


def test_bidi_overrides_and_mentions_are_made_inert_in_summary_md():
    title = "Storm \u202etxt.exe\u202c hits @octocat and @org/team \u2066x\u2069"
    assert inert_text(title) == "Storm txt.exe hits @\u200boctocat and @\u200borg/team x"
    run = run_of(PageResult("https://news.example/a", title=title, status="error", error="@here \u202eboom"))
    summary = reports.render(run, "md", ROOT)
    assert not any(ch in summary for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert not re.search(r"@[A-Za-z]", summary)


def slow_rule(snapshot, settings):
    """A catastrophic regex: minutes of backtracking that hold the GIL all along."""
    re.match(r"(a+)+$", "a" * 40 + "b")
    return []


def broken_rule(snapshot, settings):
    raise ValueError("no")


def make_rule(rule_id, check):
    return Rule(id=rule_id, engine="newsaudit", impact="minor", wcag=("1.1.1",), audience="editor",
                title=rule_id, why="", fix="", help_url="", check=check)


def test_a_slow_rule_is_stopped_at_its_budget_and_the_event_loop_keeps_running():
    real = all_rules()["heading-h1-missing"]
    runner = RuleRunner([make_rule("test-slow", slow_rule), make_rule("test-broken", broken_rule), real],
                        RuleSettings(), budget=3)
    snapshot = Snapshot(url="https://news.example/", viewport="XS", width=375, height=667)

    async def judged():
        ticks = 0

        async def tick():
            nonlocal ticks
            while True:
                await asyncio.sleep(0.05)
                ticks += 1

        ticker = asyncio.create_task(tick())
        try:
            first = await runner.judge(snapshot)
            second = await runner.judge(snapshot)  # a new child takes over after the kill
        finally:
            ticker.cancel()
            runner.stop()
        return first, second, ticks

    (verdicts, errors), again, ticks = asyncio.run(judged())
    assert ticks > 5  # the loop was free while the rule ran
    assert any("rule test-slow did not finish within 3 s" in e and "not run: test-broken, heading-h1-missing" in e
               for e in errors), errors
    assert again[1] == errors
    fine = RuleRunner([make_rule("test-broken", broken_rule), real], RuleSettings())
    try:
        verdicts, errors = asyncio.run(fine.judge(snapshot))
    finally:
        fine.stop()
    assert errors == ["rule test-broken failed: ValueError: no"]
    assert [v.rule.id for v in verdicts] == ["heading-h1-missing"]  # the snapshot has no h1


def test_playwright_s_own_words_never_reach_a_report():
    from auditor.browsers.errors import KEEPS_NAVIGATING, load_error

    interrupted = ('Page.goto: Navigation to "http://x/" is interrupted by another navigation to "http://x/"\n'
                   'Call log:\n  - navigating to "http://x/", waiting until "load"')
    assert load_error(interrupted, "http://x/") == KEEPS_NAVIGATING
    assert load_error("Page.goto: Something new\n=========================== logs ===", "http://x/") == \
        "could not load the page: Something new"
