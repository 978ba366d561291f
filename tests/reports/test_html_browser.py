"""The HTML report in real Chromium: it passes its own audit, injected page content never runs,
and it loads nothing from anywhere but itself."""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import reports
from sample_run import EVIL_TITLE, SAMPLE_DIR, build_run

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory) -> Path:
    """The sample run written as the CLI writes it: report.html beside its assets/ folder."""
    out = tmp_path_factory.mktemp("report")
    shutil.copytree(SAMPLE_DIR / "assets", out / "assets")
    reports.write(build_run(), out, ["html"])
    return out


@pytest.fixture(scope="module")
def served(report_dir):
    """report.html over http from 127.0.0.1, so that every request the page makes is seen."""
    handler = functools.partial(_QuietHandler, directory=str(report_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/report.html"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from auditor.browsers import find_chromium

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=find_chromium(None),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"])
        yield chromium
        chromium.close()


def test_report_passes_its_own_audit_at_all_four_viewports(report_dir, tmp_path):
    """newsaudit on report.html: zero axe violations and zero news findings at XS, SM, MD and LG."""
    out = tmp_path / "audit"
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "audit", str(report_dir / "report.html"), "-o", str(out),
         "--format", "json", "--fail-on", "minor", "--same-origin-only", "--no-screenshots", "-q"],
        capture_output=True, text=True, timeout=300)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    (page,) = report["pages"]
    problems = [(f["rule"], f["selector"], f["viewports"], f["message"]) for f in page["findings"]]
    assert page["status"] == "audited" and page["viewport_errors"] == {}, page
    assert page["viewports_audited"] == ["XS", "SM", "MD", "LG"]
    assert problems == []
    assert result.returncode == 0, result.stderr


def _open(browser, url, **context_options):
    """A fresh page that records dialogs, console errors, page errors and every request."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    seen = {"dialogs": [], "errors": [], "requests": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    return context, page, seen


def test_injected_content_never_runs(browser, served):
    context, page, seen = _open(browser, served)
    try:
        assert seen["dialogs"] == []
        assert seen["errors"] == []  # also: no CSP violation, so our own style and script are allowed
        dom = page.evaluate("""() => ({
            scripts: document.scripts.length,
            textareas: document.querySelectorAll('textarea').length,
            bold: document.querySelectorAll('main b').length,
            handlers: [...document.querySelectorAll('*')].filter(
                el => [...el.attributes].some(a => a.name.startsWith('on'))).length,
            remoteImages: [...document.images].filter(img => !img.src.startsWith('data:')).length,
            jsLinks: [...document.links].filter(a => a.protocol === 'javascript:').length,
            h2: [...document.querySelectorAll('h2')].map(h => h.textContent),
            filtersShown: !document.getElementById('filters').hidden,
        })""")
        assert dom["scripts"] == 1  # ours
        assert dom["textareas"] == 0 and dom["bold"] == 0 and dom["handlers"] == 0
        assert dom["remoteImages"] == 0 and dom["jsLinks"] == 0
        assert EVIL_TITLE in dom["h2"]  # the payload is shown as text
        assert dom["filtersShown"]  # our own script did run under the CSP
    finally:
        context.close()


def test_no_request_leaves_the_file(browser, served):
    context, page, seen = _open(browser, served)
    try:
        # Open every folded part and print, which loads whatever is left to load.
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        page.emulate_media(media="print")
        page.wait_for_timeout(200)
        outside = [url for url in seen["requests"] if url != served and not url.startswith("data:")]
        assert outside == []
        assert seen["requests"][0] == served
    finally:
        context.close()


def test_filters_work_and_report_reads_without_script(browser, served):
    context, page, _ = _open(browser, served)
    try:
        total = page.locator(".finding").count()
        serious = page.locator(".finding[data-impact=serious]").count()
        page.get_by_label("Serious").uncheck()
        assert page.locator(".finding:visible").count() == total - serious
        assert page.locator("#filter-status").text_content() == (
            f"Showing {total - serious} of {total} problem descriptions.")
    finally:
        context.close()
    context, page, seen = _open(browser, served, java_script_enabled=False)
    try:
        assert page.locator(".finding:visible").count() == total  # everything shown
        assert not page.locator("#filters").is_visible()  # no controls that cannot work
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_no_horizontal_scroll(browser, served, width):
    context, page, _ = _open(browser, served, viewport={"width": width, "height": 800})
    try:
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_skip_link_is_first_tab_stop_and_visible_when_focused(browser, served):
    context, page, _ = _open(browser, served, viewport={"width": 375, "height": 667})
    try:
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement, box = el.getBoundingClientRect();
            return {text: el.textContent, href: el.getAttribute('href'),
                    onScreen: box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.width > 2};
        }""")
        assert focused == {"text": "Skip to main content", "href": "#main", "onScreen": True}
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "main"
    finally:
        context.close()
