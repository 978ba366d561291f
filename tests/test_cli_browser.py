"""The CLI against real local servers and real Chromium: every exit code and every bad input."""
import os
import signal
import subprocess
import sys
import time

import pytest

from badserver import BadServer, closed_port
from clitools import load_report, run_cli

pytestmark = pytest.mark.browser

CLEAN = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Council approves budget</title>
<style>.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;color:#000}</style>
</head><body><a class="skip" href="#main">Skip to main content</a>
<header><p>The Daily Example</p></header>
<main id="main" tabindex="-1"><h1>Council approves budget</h1><p>The council approved the budget.</p></main>
</body></html>"""

FLAWED = CLEAN.replace('<h1>Council approves budget</h1>', '<div>Council approves budget</div>')


@pytest.fixture(scope="module")
def bad():
    with BadServer(slow_seconds=20) as server:
        yield server


def page_file(tmp_path, html, name="page.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def test_exit_0_on_a_clean_page(tmp_path):
    result = run_cli("audit", page_file(tmp_path, CLEAN), "-o", tmp_path / "out", "--format", "json", "-q")
    report = load_report(tmp_path / "out")
    assert result.returncode == 0, (result.stderr, [f["rule"] for f in report["pages"][0]["findings"]])
    assert report["pages"][0]["viewports_audited"] == ["XS", "SM", "MD", "LG"]
    assert report["pages"][0]["inner_widths"] == {"XS": 375, "SM": 640, "MD": 768, "LG": 1280}


def test_exit_1_on_a_serious_finding_and_fail_on_moves_the_gate(tmp_path):
    page = page_file(tmp_path, FLAWED)
    result = run_cli("audit", page, "-o", tmp_path / "out", "--format", "json", "-q", "--viewports", "XS")
    assert result.returncode == 1, result.stderr
    finding = next(f for f in load_report(tmp_path / "out")["pages"][0]["findings"] if f["rule"] == "heading-h1-missing")
    assert finding["viewports"] == ["XS"] and finding["selector"] is None
    result = run_cli("audit", page, "-o", tmp_path / "out2", "--format", "json", "-q", "--viewports", "XS",
                     "--fail-on", "critical")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("args, message", [
    (["--viewports", "XS,XXL"], "unknown viewport 'XXL'"),
    (["--format", "json,docx"], "unknown format 'docx'"),
    (["--disable", "no-such-rule"], "unknown rule 'no-such-rule'"),
    (["--fail-on", "sometimes"], "never"),
    (["--sitemap", "/nonexistent/sitemap.xml"], "could not read"),
    ([], "nothing to audit"),
])
def test_exit_2_on_usage_errors_with_one_line(tmp_path, args, message):
    targets = [] if args == [] else [str(page_file(tmp_path, CLEAN))]
    result = run_cli("audit", *targets, *args, "-o", tmp_path / "out")
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_exit_2_when_no_browser_is_found(tmp_path):
    env = {"PATH": os.path.dirname(sys.executable), "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "none")}
    result = run_cli("audit", page_file(tmp_path, CLEAN), "-o", tmp_path / "out", env=env)
    assert result.returncode == 2
    assert "playwright install chromium" in result.stderr and "apt-get install chromium" in result.stderr


def test_bad_pages_each_get_one_line_and_the_rest_go_on(tmp_path, bad):
    closed = closed_port()
    urls = {
        "ok": bad.url("/ok"), "missing": bad.url("/missing"), "broken": bad.url("/broken"),
        "slow": bad.url("/slow"), "loop": bad.url("/loop"), "pdf": bad.url("/pdf"),
        "image": bad.url("/image"), "dialogs": bad.url("/dialogs"), "navigating": bad.url("/navigating"),
        "trickle": bad.url("/trickle"), "refused": f"http://127.0.0.1:{closed}/",
        "dns": "http://no-such-host.invalid/", "ftp": "ftp://example.com/story", "malformed": "http://",
    }
    result = run_cli("audit", *urls.values(), "--timeout", "8", "-o", tmp_path / "out", "--format", "json",
                     "--viewports", "XS,LG", "--no-screenshots", "-q")
    assert result.returncode == 3, result.stderr
    pages = {p["url"]: p for p in load_report(tmp_path / "out")["pages"]}
    assert list(pages) == list(urls.values())  # input order, every page present
    expected = {
        "missing": "HTTP 404", "broken": "HTTP 500", "slow": "within 8 s", "loop": "redirect loop",
        "pdf": "application/pdf", "image": "image/png", "navigating": "keeps navigating",
        "refused": "connection refused", "dns": "DNS lookup failed", "ftp": "unsupported URL scheme",
        "malformed": "malformed URL",
    }
    for name, words in expected.items():
        page = pages[urls[name]]
        assert page["status"] == "error" and words in page["error"], (name, page["error"])
        assert "\n" not in page["error"]
    for name in ("ok", "dialogs", "trickle"):
        page = pages[urls[name]]
        assert page["status"] == "audited" and page["viewports_audited"] == ["XS", "LG"], (name, page)


def test_a_page_that_stays_busy_is_an_error_and_the_next_page_goes_on(tmp_path, bad):
    result = run_cli("audit", bad.url("/busy"), bad.url("/ok"), "--timeout", "2", "-o", tmp_path / "out",
                     "--format", "json", "--viewports", "XS", "--no-screenshots", "-q", "--concurrency", "1")
    assert result.returncode == 3, result.stderr
    busy, ok = load_report(tmp_path / "out")["pages"]
    assert busy["status"] == "error" and "stopped responding" in busy["error"]
    assert ok["status"] == "audited"


def test_ctrl_c_writes_the_pages_done_and_exits_130(tmp_path, bad):
    urls = [bad.url("/ok")] + [bad.url(f"/slow?{i}") for i in range(6)]
    process = subprocess.Popen([sys.executable, "-m", "auditor", "audit", *urls, "--concurrency", "1",
                                "--timeout", "20", "-o", str(tmp_path / "out"), "--format", "json",
                                "--viewports", "XS", "--no-screenshots"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    # Progress lines go to stderr when it is not a terminal: wait for the first page to finish.
    first = process.stderr.readline()
    assert first.startswith("[1/7]"), first
    time.sleep(1)  # the second page is now waiting on the slow server
    os.killpg(process.pid, signal.SIGINT)
    _, rest = process.communicate(timeout=60)
    stderr = first + rest
    assert process.returncode == 130, stderr
    report = load_report(tmp_path / "out")
    assert report["interrupted"] is True
    assert [p["url"] for p in report["pages"]][0] == bad.url("/ok")
    assert "Traceback" not in stderr
