"""Real local servers for tests: one whose paths misbehave the ways real sites do, the test pages
served like a site, and a port where nothing listens."""
from __future__ import annotations

import asyncio
import base64
import gzip
import io
import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler

from auditor.localserver import LocalServer, QuietHTTPServer
from clitools import ROOT

PAGE = (b"<!doctype html><html lang='en'><head><title>%s</title></head>"
        b"<body><main><h1>%s</h1><p>Text.</p></main></body></html>")

# A minimal but valid PDF, so the browser sees a real one.
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
       b"endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


SITEMAP = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">%s</urlset>')
USER, PASSWORD = "alice", "s3cret-Pa55w0rd"


def sitemap(*locations: str) -> bytes:
    return (SITEMAP % "".join(f"<url><loc>{loc}</loc></url>" for loc in locations)).encode()


def gzip_bomb(inflated: int) -> bytes:
    """A gzipped sitemap that inflates to ``inflated`` bytes, made without holding them."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as stream:
        stream.write(b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><!-- ')
        block = b" " * (1 << 20)
        for _ in range(inflated >> 20):
            stream.write(block)
        stream.write(b"--></urlset>")
    return out.getvalue()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - the stdlib's name
        path = self.path.split("?")[0]
        getattr(self.server, "hits", []).append(self.path)
        extra = getattr(self.server, "routes", {}).get(path)
        if extra is not None:
            extra(self)
        elif path == "/ok":
            self._send(200, PAGE % (b"OK page", b"OK page"))
        elif path == "/missing":
            self._send(404, PAGE % (b"Not found", b"Not found"))
        elif path == "/broken":
            self._send(500, PAGE % (b"Error", b"Error"))
        elif path == "/slow":
            time.sleep(float(self.server.slow_seconds))
            self._send(200, PAGE % (b"Slow", b"Slow"))
        elif path == "/loop":
            self._send(302, b"", headers=[("Location", "/loop2")])
        elif path == "/loop2":
            self._send(302, b"", headers=[("Location", "/loop")])
        elif path == "/redirect":
            self._send(301, b"", headers=[("Location", "/ok")])
        elif path == "/pdf":
            self._send(200, PDF, "application/pdf")
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
        elif path == "/dialogs":
            self._send(200, b"<!doctype html><html lang='en'><head><title>Dialogs</title></head><body><main>"
                            b"<h1>Dialogs</h1><script>alert('hi'); confirm('sure?'); prompt('name?');"
                            b"addEventListener('beforeunload', e => { e.preventDefault(); e.returnValue = ''; });"
                            b"</script></main></body></html>")
        elif path == "/navigating":
            self._send(200, b"<!doctype html><html lang='en'><head><title>Moving</title></head><body><main>"
                            b"<h1>Moving</h1><script>setTimeout(() => location.reload(), 50)</script>"
                            b"</main></body></html>")
        elif path == "/trickle":
            # The page loads, then a script polls forever: the audit must not wait for it.
            self._send(200, b"<!doctype html><html lang='en'><head><title>Trickle</title></head><body><main>"
                            b"<h1>Trickle</h1><script>setInterval(() => fetch('/ok?poll=' + Date.now()), 100)"
                            b"</script></main></body></html>")
        elif path == "/pdf-untyped":  # a PDF with no Content-Type: the browser sniffs it
            self.send_response(200)
            self.send_header("Content-Length", str(len(PDF)))
            self.end_headers()
            self.wfile.write(PDF)
        elif path == "/reload-loop":  # reloads before it ever finishes loading
            self._send(200, b"<!doctype html><html lang='en'><head><title>Loop</title>"
                            b"<script>location.reload()</script></head><body><h1>Loop</h1></body></html>")
        elif path == "/huge":  # a static page of 200,000 elements, no script at all
            cells = b"<span>x</span>" * 200_000
            self._send(200, b"<!doctype html><html lang='en'><head><title>Huge</title></head><body><main>"
                            b"<h1>Huge</h1><p>" + cells + b"</p></main></body></html>")
        elif path.startswith("/long-caption/"):  # a photo whose caption is N characters long
            size = int(path.rsplit("/", 1)[1])
            caption = (b"WASHINGTON " * (size // 11 + 1))[:size]
            self._send(200, b"<!doctype html><html lang='en'><head><title>Caption</title></head><body><main>"
                            b"<h1>Caption</h1><figure><img src='/image' alt='A photo' width='10' height='10'>"
                            b"<figcaption>" + caption + b"</figcaption></figure></main></body></html>")
        elif path == "/auth":
            expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            if self.headers.get("Authorization") != expected:
                self._send(401, b"", headers=[("WWW-Authenticate", 'Basic realm="news"')])
            else:
                self.server.logins = getattr(self.server, "logins", 0) + 1
                self._send(200, PAGE % (b"Members only", b"Members only"))
        elif path == "/drip":  # a sitemap that arrives one byte a second
            body = sitemap(self.server_url("/ok"))
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for byte in body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
        elif path == "/busy":
            # Loads, then a script keeps the page busy for good: every call into it would hang.
            self._send(200, b"<!doctype html><html lang='en'><head><title>Busy</title></head><body><main>"
                            b"<h1>Busy</h1><script>addEventListener('load', () => setTimeout(() => "
                            b"{ for (;;) {} }, 0))</script></main></body></html>")
        else:
            self._send(404, PAGE % (b"Not found", b"Not found"))


    def server_url(self, path: str) -> str:
        return "http://127.0.0.1:%d%s" % (self.server.server_address[1], path)

    def send_body(self, body: bytes, content_type: str = "application/xml", status: int = 200):
        self._send(status, body, content_type)


class BadServer:
    """``routes`` adds paths: path -> function(handler), e.g. ``lambda h: h.send_body(xml)``."""

    def __init__(self, slow_seconds: float = 5, routes: dict | None = None):
        self.server = QuietHTTPServer(("127.0.0.1", 0), Handler)
        self.server.slow_seconds = slow_seconds
        self.server.routes = routes or {}
        self.server.hits = []  # every path asked for, in order
        self.base = "http://127.0.0.1:%d" % self.server.server_address[1]

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def login_url(self, path: str = "/auth") -> str:
        return self.base.replace("//", f"//{USER}:{PASSWORD}@") + path

    @property
    def hits(self) -> list[str]:
        return self.server.hits

    @property
    def logins(self) -> int:
        return getattr(self.server, "logins", 0)


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (from /proc), children first."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def command_line(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return [part.decode(errors="replace") for part in handle.read().split(b"\0") if part]
    except OSError:
        return []


def browser_processes(pid: int) -> list[int]:
    """The Chromium browser processes (not their renderers) started under ``pid``."""
    return [p for p in descendants(pid) if (line := command_line(p)) and "chrom" in os.path.basename(line[0])
            and not any(arg.startswith("--type=") for arg in line)]


def serve(*names):
    """Serve pages of tests/pages/ from the built-in server: (server, their URLs)."""
    server = LocalServer()
    paths = [server.url_for(ROOT / "tests" / "pages" / n) for n in names]
    base = server.start()
    return server, [base + p for p in paths]


async def visitor_state(tab) -> str:
    """What visitor.html made of us, once its asynchronous storage checks are done."""
    for _ in range(50):
        done, state = await tab.evaluate("() => [!!document.getElementById('state').dataset.done,"
                                         " document.getElementById('state').textContent]")
        if done:
            return state
        await asyncio.sleep(0.05)
    raise AssertionError("visitor.html never finished its checks")


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
