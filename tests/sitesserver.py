"""A protected site on 127.0.0.1 for the real-site tests: basic auth, a cookie, a saved login, a
header, a page that fails once, a sitemap, and a login form. Every secret is a constant here, so
a test can look for each one in everything newsaudit wrote."""
from __future__ import annotations

import base64
import time
from pathlib import Path
from urllib.parse import parse_qs

import badserver
from auditor.localserver import QuietHTTPServer

PAGES = Path(__file__).resolve().parent / "pages" / "sites"
USER, PASSWORD = "editor", "hunter2-staging-pw"
SESSION = "s3ss10n-cookie-value"
READER_COOKIE, READER_TOKEN = "reader-cookie-4711", "paywall-token-0815"
PREVIEW_TOKEN = "preview-header-token-99"
LOGIN_PASSWORD = "login-form-pw-1234"
SLOW_LOGIN_S = 1.5  # how long /slow-login takes to answer the form: a login script that does not wait loses
SECRETS = (PASSWORD, SESSION, READER_COOKIE, READER_TOKEN, PREVIEW_TOKEN, LOGIN_PASSWORD)

ARTICLE = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head>"
           "<body><main><article><h1>{title}</h1><p>{text}</p></article></main>{script}</body></html>")


def article(title: str, text: str = "The road was closed on Tuesday.", script: str = "") -> bytes:
    return ARTICLE.format(title=title, text=text, script=script).encode()


# The saved login's page: the headline is the reader's only when the local storage holds the token.
READER_SCRIPT = ("<script>document.querySelector('h1').textContent = localStorage.getItem('paywall') === '"
                 + READER_TOKEN + "' ? 'Reader article' : 'Subscribe to read';</script>")


class Handler(badserver.Handler):
    def cookies(self) -> dict:
        jar = {}
        for part in (self.headers.get("Cookie") or "").split(";"):
            name, _, value = part.strip().partition("=")
            jar[name] = value
        return jar

    def authorised(self) -> bool:
        expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        return self.headers.get("Authorization") == expected

    def do_GET(self):  # noqa: N802 - the stdlib's name
        path = self.path.split("?")[0]
        self.server.hits[path] = self.server.hits.get(path, 0) + 1
        if path.startswith("/pages/"):
            file = PAGES / path[len("/pages/"):]
            if file.is_file() and file.parent == PAGES:
                kind = "application/javascript" if file.suffix == ".js" else "text/html; charset=utf-8"
                return self._send(200, file.read_bytes(), kind)
            return self._send(404, article("Not found"))
        if path == "/staging":
            if not self.authorised():
                return self._send(401, article("Password needed"), headers=[("WWW-Authenticate", 'Basic realm="staging"')])
            return self._send(200, article("Staging article"))
        if path == "/members":
            if self.cookies().get("session") != SESSION:
                return self._send(403, article("Members only"))
            return self._send(200, article("Members article"))
        if path == "/reader":
            if self.cookies().get("reader") != READER_COOKIE:
                return self._send(403, article("Readers only"))
            return self._send(200, article("Loading", script=READER_SCRIPT))
        if path == "/gated":
            token = self.headers.get("X-Preview-Token")
            if token != PREVIEW_TOKEN:
                return self._send(403, article("Preview only"))
            # The page shows the token itself, as debugging pages do: the reports must not.
            return self._send(200, article(f"Preview {token}", text=f"Preview token: {token}"))
        if path.startswith("/flaky/"):
            if self.server.hits[path] == 1:
                return self._send(503, article("Busy"), headers=[("Retry-After", "0")])
            return self._send(200, article("Flaky article"))
        if path == "/sitemap.xml":
            if not self.authorised() or self.headers.get("X-Preview-Token") != PREVIEW_TOKEN:
                return self._send(401, b"no", "text/plain", headers=[("WWW-Authenticate", 'Basic realm="staging"')])
            base = self.server.base
            urls = "".join(f"<url><loc>{base}/story/{n}</loc><lastmod>2026-11-0{n}</lastmod></url>" for n in (1, 2, 3))
            body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()
            return self._send(200, body, "application/xml")
        if path.startswith("/story/"):
            if not self.server.serves_stories:
                return self._send(404, article("Not on this origin"))
            return self._send(200, article(f"Story {path.rsplit('/', 1)[1]}"))
        if path in ("/login", "/slow-login"):
            return self._send(200, b"<!doctype html><html lang='en'><head><title>Log in</title></head><body><main>"
                                  b"<h1>Log in</h1><form method='post' action='" + path.encode() + b"'><label>Password "
                                  b"<input type='password' name='password' id='password'></label>"
                                  b"<button id='submit'>Log in</button></form></main></body></html>")
        self._send(404, article("Not found"))

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode())
        if self.path == "/slow-login":
            time.sleep(SLOW_LOGIN_S)
        if self.path in ("/login", "/slow-login") and form.get("password") == [LOGIN_PASSWORD]:
            return self._send(303, b"", headers=[("Location", "/members"),
                                                ("Set-Cookie", f"session={SESSION}; Path=/; HttpOnly")])
        self._send(403, article("Wrong password"))


class SiteServer(badserver.BadServer):
    def __init__(self, serves_stories: bool = True):
        self.server = QuietHTTPServer(("127.0.0.1", 0), Handler)
        self.server.hits = {}
        self.server.serves_stories = serves_stories
        self.base = self.server.base = "http://127.0.0.1:%d" % self.server.server_address[1]

    def hits(self, path: str) -> int:
        return self.server.hits.get(path, 0)
