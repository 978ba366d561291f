"""Faults, cancellations and hostile pages against real local servers and real Chromium (issue 9):
every way a run ends writes a report, a dead browser is replaced, nothing leaks a password.

Each test stops by itself: every wait has a deadline, and every process it starts is ended."""
import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from badserver import PASSWORD, BadServer, browser_processes, closed_port
from clitools import ROOT, load_report, run_cli

pytestmark = pytest.mark.browser

DEADLINE = 300  # seconds any one step of these tests may take on a slow, shared machine


class Audit:
    """`newsaudit audit` in its own process group, its progress lines read as they come."""

    def __init__(self, *args, cwd=ROOT):
        self.process = subprocess.Popen([sys.executable, "-m", "auditor", "audit", *map(str, args)],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
                                        start_new_session=True)
        self.lines: list[str] = []

    def wait_for_lines(self, count: int) -> list[str]:
        """Until ``count`` progress lines have come (or the process ended, or the deadline)."""
        deadline = time.monotonic() + DEADLINE
        while sum(line.startswith("[") for line in self.lines) < count:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.process.stderr], [], [], max(0.0, left))
            if not ready:
                self.kill()
                pytest.fail(f"no progress for {DEADLINE} s: {self.lines}")
            line = self.process.stderr.readline()
            if not line:
                pytest.fail(f"the audit ended early (exit {self.process.wait()}): {self.lines}")
            self.lines.append(line)
        return self.lines

    def signal(self, number: int) -> None:
        os.killpg(self.process.pid, number)

    def finish(self) -> tuple[int, str]:
        try:
            _, rest = self.process.communicate(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            self.kill()
            pytest.fail(f"the audit did not end within {DEADLINE} s: {self.lines}")
        return self.process.returncode, "".join(self.lines) + rest

    def kill(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()


@pytest.fixture(scope="module")
def bad():
    with BadServer(slow_seconds=4) as server:
        yield server


def slow_pages(bad, count, tag):
    return [bad.url(f"/slow?{tag}{i}") for i in range(count)]


COMMON = ("--concurrency", "1", "--format", "json,md,junit", "--viewports", "XS", "--no-screenshots")


@pytest.mark.parametrize("number, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129)], ids=["SIGTERM", "SIGHUP"])
def test_a_stop_signal_mid_run_writes_the_report_and_lists_what_was_not_audited(tmp_path, bad, number, code):
    urls = slow_pages(bad, 5, signal.Signals(number).name)
    audit = Audit(*urls, *COMMON, "-o", tmp_path / "out")
    audit.wait_for_lines(1)
    audit.signal(number)
    returncode, stderr = audit.finish()
    assert returncode == code, stderr
    assert "Traceback" not in stderr
    report = load_report(tmp_path / "out")
    assert report["interrupted"] is True and report["ended_by"] == signal.Signals(number).name
    assert report["summary"]["gate"] == "incomplete" and report["summary"]["exit_code"] == code
    pages = report["pages"]
    assert [p["url"] for p in pages] == urls  # every page is listed, in input order
    assert pages[0]["status"] == "audited"
    assert all(p["status"] == "not audited" and p["error"].startswith("not audited: the run ended")
               for p in pages[2:])
    assert "Not audited" in (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")


def test_ctrl_c_gate_reads_incomplete_and_unstarted_pages_are_listed(tmp_path, bad):
    urls = slow_pages(bad, 4, "int")
    audit = Audit(*urls, *COMMON, "-o", tmp_path / "out")
    audit.wait_for_lines(1)
    audit.signal(signal.SIGINT)
    returncode, stderr = audit.finish()
    assert returncode == 130, stderr
    summary = load_report(tmp_path / "out")["summary"]
    assert summary["gate"] == "incomplete" and summary["not_audited"] >= 2


def test_a_killed_browser_is_replaced_and_no_page_is_lost(tmp_path, bad):
    urls = slow_pages(bad, 4, "kill")
    audit = Audit(*urls, *COMMON, "-o", tmp_path / "out")
    audit.wait_for_lines(1)
    time.sleep(1)  # the second page is now loading
    browsers = browser_processes(audit.process.pid)
    assert browsers, "no Chromium under the audit"
    for pid in browsers:
        os.kill(pid, signal.SIGKILL)
    returncode, stderr = audit.finish()
    assert returncode == 0, stderr
    assert "Traceback" not in stderr
    pages = load_report(tmp_path / "out")["pages"]
    assert [(p["url"], p["status"]) for p in pages] == [(u, "audited") for u in urls]


def test_resume_after_sigkill_audits_only_the_pages_not_finished(tmp_path, bad):
    urls = slow_pages(bad, 4, "resume")
    out = tmp_path / "out"
    audit = Audit(*urls, *COMMON, "-o", out)
    audit.wait_for_lines(2)
    audit.signal(signal.SIGKILL)  # no handler runs: what is on disk is what was written as pages finished
    audit.process.wait()
    journal = (out / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    finished = [json.loads(line)["page"]["url"] for line in journal[1:]]
    assert len(finished) >= 2 and finished == urls[:len(finished)]
    # report.json was live: the finished pages, then the others as not audited yet, gate incomplete
    live = load_report(out)
    assert [(p["url"], p["status"]) for p in live["pages"]] == (
        [(u, "audited") for u in finished] + [(u, "not audited") for u in urls[len(finished):]])
    assert all("not audited yet" in p["error"] for p in live["pages"][len(finished):])
    assert live["finished"] == "" and live["summary"]["gate"] == "incomplete"
    assert live["summary"]["audited"] == len(finished) and live["summary"]["pages"] == 4
    shown = run_cli("report", out / "report.json", "--format", "md", "-o", tmp_path / "shown", timeout=DEADLINE)
    assert shown.returncode == 0, shown.stderr
    assert "not audited yet" in (tmp_path / "shown" / "summary.md").read_text(encoding="utf-8")

    before = list(bad.hits)
    result = run_cli("audit", "--resume", out, "-q", timeout=DEADLINE)
    assert result.returncode == 0, result.stderr
    report = load_report(out)
    assert [(p["url"], p["status"]) for p in report["pages"]] == [(u, "audited") for u in urls]
    asked_again = {hit for hit in bad.hits[len(before):] if hit.startswith("/slow")}
    assert asked_again == {u.replace(bad.base, "") for u in urls[len(finished):]}
    assert not (out / "journal.jsonl").exists()  # a finished run needs none
    assert report["settings"]["formats"] == ["json", "md", "junit"]  # the first run's settings
    again = run_cli("audit", "--resume", out, "-q")
    assert again.returncode == 2 and "nothing to resume" in again.stderr


def test_a_password_in_a_url_logs_in_and_is_shown_nowhere(tmp_path, bad):
    login = bad.login_url("/auth")
    refused = f"http://alice:{PASSWORD}@127.0.0.1:{closed_port()}/story"
    before = bad.logins
    result = run_cli("audit", login, refused, "--viewports", "XS", "-o", tmp_path / "out", timeout=DEADLINE)
    assert result.returncode == 3, result.stderr
    assert bad.logins > before  # the credentials were used
    pages = load_report(tmp_path / "out")["pages"]
    assert pages[0]["title"] == "Members only" and pages[0]["status"] == "audited"
    assert pages[0]["url"] == login.replace(PASSWORD, "***")
    assert "alice:***@" in result.stderr
    outputs = {path: path.read_bytes() for path in (tmp_path / "out").rglob("*") if path.is_file()}
    assert {p.name for p in outputs} >= {"report.json", "report.html", "junit.xml", "report.sarif", "summary.md"}
    for path, data in outputs.items():
        assert PASSWORD.encode() not in data, path
    assert PASSWORD not in result.stderr + result.stdout
    # The same for an error line that quotes the URL: a sitemap that cannot be fetched.
    result = run_cli("audit", "--sitemap", bad.login_url("/missing-sitemap.xml"), "-o", tmp_path / "out2")
    assert result.returncode == 2 and "alice:***@" in result.stderr and PASSWORD not in result.stderr


def test_misleading_results_are_named_for_what_they_are(tmp_path, bad):
    urls = {"pdf": bad.url("/pdf-untyped"), "loop": bad.url("/reload-loop")}
    result = run_cli("audit", *urls.values(), "--timeout", "5", "--viewports", "XS", "--no-screenshots",
                     "--format", "json", "-q", "-o", tmp_path / "out", timeout=DEADLINE)
    assert result.returncode == 3, result.stderr
    pages = {p["url"]: p for p in load_report(tmp_path / "out")["pages"]}
    pdf = pages[urls["pdf"]]
    assert pdf["status"] == "error" and "not an HTML page" in pdf["error"] and "pdf" in pdf["error"]
    loop = pages[urls["loop"]]
    assert loop["status"] == "error", loop
    assert loop["error"].startswith(("the page keeps navigating", "the page did not finish loading within 5 s"))


def test_a_huge_static_page_is_not_blamed_on_a_script(tmp_path, bad):
    result = run_cli("audit", bad.url("/huge"), "--timeout", "10", "--viewports", "XS", "--no-screenshots",
                     "--format", "json", "-q", "-o", tmp_path / "out", timeout=DEADLINE)
    assert result.returncode in (0, 1, 3), result.stderr
    (huge,) = load_report(tmp_path / "out")["pages"]
    reasons = [huge["error"] or "", *huge["viewport_errors"].values()]
    assert not any("script kept it busy" in r for r in reasons), reasons
    assert huge["status"] == "audited" or any("200,0" in r and "elements" in r or "did not finish loading" in r
                                              for r in reasons), reasons


@pytest.mark.parametrize("size", [30_000, 1_000_000])
def test_a_long_caption_cannot_hang_the_run(tmp_path, bad, size):
    urls = [bad.url(f"/long-caption/{size}"), bad.url("/ok")]
    result = run_cli(*("audit", *urls, "--viewports", "XS", "--no-screenshots", "--format", "json", "-q",
                     "-o", tmp_path / "out"), timeout=DEADLINE)
    assert result.returncode in (0, 1, 3), result.stderr
    caption, ok = load_report(tmp_path / "out")["pages"]
    assert ok["status"] == "audited"
    # Either the rules cope with the caption, or the one that could not is named and bounded.
    errors = [caption["error"] or "", *caption["viewport_errors"].values()]
    assert not any("script kept it busy" in e for e in errors), errors
    assert caption["status"] == "audited" and not caption["viewport_errors"] or any(
        "did not finish within" in e and "rule " in e or "characters of text" in e for e in errors), errors


def test_a_stop_signal_is_heard_while_a_rule_is_busy(tmp_path, bad):
    audit = Audit(bad.url("/ok"), bad.url("/long-caption/1000000"), bad.url("/ok?after"), *COMMON,
                  "-o", tmp_path / "out")
    audit.wait_for_lines(1)
    time.sleep(3)  # the long caption's page is loaded and judged now
    audit.signal(signal.SIGTERM)
    returncode, stderr = audit.finish()
    assert returncode == 143, stderr
    assert load_report(tmp_path / "out")["pages"][0]["status"] == "audited"
