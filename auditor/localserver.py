"""A built-in 127.0.0.1 server for local HTML files and folders, so they load over http like a
real site (file:// changes how browsers treat origins, storage and fetches)."""
from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass  # a request log would drown the progress output

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class QuietHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the browser hangs up on aborted or slow answers by design; that is no error


class LocalServer:
    """Serves each mounted folder under its own prefix (/0/, /1/, …) on an ephemeral port, and
    nothing outside them."""

    def __init__(self):
        self.mounts: list[Path] = []
        self.server: ThreadingHTTPServer | None = None

    def url_for(self, path: Path) -> str:
        path = path.resolve()
        folder = path if path.is_dir() else path.parent
        if folder not in self.mounts:
            self.mounts.append(folder)
        index = self.mounts.index(folder)
        relative = "" if path.is_dir() else quote(path.name)
        return f"/{index}/{relative}"

    def start(self) -> str:
        mounts = self.mounts

        class Handler(_Handler):
            def translate_path(self, path):
                parts = path.split("?", 1)[0].split("#", 1)[0].lstrip("/").split("/", 1)
                if not parts[0].isdigit() or int(parts[0]) >= len(mounts):
                    return str(Path("/nonexistent-newsaudit"))
                mount = mounts[int(parts[0])]
                self.directory = str(mount)
                path = super().translate_path("/" + (parts[1] if len(parts) > 1 else ""))
                # Only inside the folders it was given: no symlink leads out of them.
                if not Path(path).resolve().is_relative_to(mount):
                    return str(Path("/nonexistent-newsaudit"))
                return path

        self.server = QuietHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory="/"))
        threading.Thread(target=self.server.serve_forever, daemon=True, name="newsaudit-files").start()
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
