"""The page audited is the article: never Chromium's error page, never a page still hidden by an
anti-flicker snippet. Real Chromium, both backends, pages served from 127.0.0.1."""
import asyncio
import shutil
import threading
from http.server import BaseHTTPRequestHandler

import pytest

from auditor.api import Target, audit_targets, build_settings
from auditor.localserver import QuietHTTPServer

pytestmark = pytest.mark.browser

BACKENDS = ["playwright", pytest.param("selenium", marks=pytest.mark.skipif(
    not shutil.which("chromedriver"), reason="no chromedriver on PATH"))]

STORY = ("<main><h1>Storm closes schools</h1><p>Schools close on Friday.</p>"
         "<figure><img src='data:,' alt='' width='300' height='200'>"
         "<figcaption>Children leave a school in Leeds on Thursday.</figcaption></figure></main>")
PAGES = {
    # A script sends the reader to https: on a server that speaks only http.
    "/to-https": "<script>location.href = 'https://127.0.0.1:{port}/story';</script>" + STORY,
    # An A/B-testing anti-flicker snippet: everything hidden for 1 s after load.
    "/anti-flicker": ("<style id='af'>* {{ visibility: hidden !important }}</style>"
                      "<script>addEventListener('load', () => setTimeout(() => af.remove(), 1000));</script>"
                      + STORY),
    # Google Optimize's snippet: the root's async-hide class at opacity 0, removed later.
    "/async-hide": ("<style>.async-hide {{ opacity: 0 !important }}</style>"
                    "<script>document.documentElement.className += ' async-hide';"
                    "setTimeout(() => document.documentElement.classList.remove('async-hide'), 1500);</script>"
                    + STORY),
    # The body is shown by a script that never comes.
    "/never-shown": "<style>body {{ visibility: hidden !important }}</style>" + STORY,
    # The title is worded for search; og:title, written with name=, is the h1.
    "/og-name": "<meta name='og:title' content='Storm closes schools'>" + STORY,
}
TITLES = {"/og-name": "Weather: Friday closures announced for county schools - Daily News"}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - the stdlib's name
        path = self.path.split("?")[0]
        body = PAGES.get(path, STORY).format(port=self.server.server_address[1])
        title = TITLES.get(path, "Storm closes schools")
        data = f"<!doctype html><html lang='en'><head><title>{title}</title></head><body>{body}" \
               f"</body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture(scope="module")
def server():
    httpd = QuietHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield "http://127.0.0.1:%d" % httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def audit(urls, backend):
    settings = build_settings({"screenshots": False, "backend": backend, "viewports": ["XS,LG"]},
                              {"visible_wait": 2})
    results = [None] * len(urls)
    asyncio.run(audit_targets([Target(u, fetch_url=u) for u in urls], settings, results=results))
    return results


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_article_is_audited_never_the_browser_error_page_nor_a_hidden_page(server, backend):
    to_https, flicker, async_hide, never, og_name = audit(
        [server + p for p in ("/to-https", "/anti-flicker", "/async-hide", "/never-shown", "/og-name")], backend)
    port = server.rsplit(":", 1)[1]
    assert to_https.status == "error" and not to_https.findings
    assert to_https.error == (f"the page redirected to https://127.0.0.1:{port}/story, which did not answer: "
                              f"127.0.0.1:{port} did not answer over https (ERR_SSL_PROTOCOL_ERROR)")
    for page in (flicker, async_hide):
        assert page.status == "audited" and not page.viewport_errors, page.viewport_errors
        assert page.viewports_audited == ["XS", "LG"]
        assert page.outline["XS"][0]["text"] == "Storm closes schools"  # seen, so the h1 counts
        assert "heading-h1-missing" not in {f.rule for f in page.findings}
        assert "captioned-image-no-alt" in {f.rule for f in page.findings}  # and it was judged
    assert never.status == "error" and not never.findings
    assert never.error.startswith("the page stayed invisible: the body is visibility: hidden after 2 s")
    assert og_name.status == "audited" and og_name.headline == "Storm closes schools"
    assert "heading-h1-not-headline" not in {f.rule for f in og_name.findings}
