"""Real local servers for tests: one whose paths misbehave the ways real sites do, the test pages
served like a site, and a port where nothing listens."""
from __future__ import annotations

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
        if path == "/ok":
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
        elif path == "/busy":
            # Loads, then a script keeps the page busy for good: every call into it would hang.
            self._send(200, b"<!doctype html><html lang='en'><head><title>Busy</title></head><body><main>"
                            b"<h1>Busy</h1><script>addEventListener('load', () => setTimeout(() => "
                            b"{ for (;;) {} }, 0))</script></main></body></html>")
        else:
            self._send(404, PAGE % (b"Not found", b"Not found"))


class BadServer:
    def __init__(self, slow_seconds: float = 5):
        self.server = QuietHTTPServer(("127.0.0.1", 0), Handler)
        self.server.slow_seconds = slow_seconds
        self.base = "http://127.0.0.1:%d" % self.server.server_address[1]

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path


def serve(*names):
    """Serve pages of tests/pages/ from the built-in server: (server, their URLs)."""
    server = LocalServer()
    paths = [server.url_for(ROOT / "tests" / "pages" / n) for n in names]
    base = server.start()
    return server, [base + p for p in paths]


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
