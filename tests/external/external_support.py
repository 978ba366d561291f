"""Helpers shared by the external suites: the W3C ACT test cases and the real news pages.

Both suites read material that lives beside the repository (``../shared/``), not in it, serve it
from 127.0.0.1, and run the real CLI once in a subprocess, as CI or a user would.
"""
from __future__ import annotations

import functools
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(__file__).resolve().parents[3] / "shared"
VIEWPORTS = ("XS", "SM", "MD", "LG")
# Chromium for the tests' own Playwright checks: quiet, offline by itself, no first-run work.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]


class _QuietHandler(SimpleHTTPRequestHandler):
    # Explicit types: the ACT cases that are SVG or XML documents must stay non-HTML documents.
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".html": "text/html",
                      ".svg": "image/svg+xml", ".xml": "application/xml"}

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the browser hangs up on aborted requests; that is no error


class StaticServer:
    """Serves one folder as the web root on an ephemeral 127.0.0.1 port (nothing is copied)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(self.root)))
        self.base = "http://127.0.0.1:%d" % self.server.server_address[1]

    def url(self, relative: str) -> str:
        return f"{self.base}/{quote(relative)}"

    def __enter__(self) -> "StaticServer":
        threading.Thread(target=self.server.serve_forever, daemon=True, name="external-static").start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def run_newsaudit(args: list, cwd: Path, timeout: float) -> tuple[subprocess.CompletedProcess, str]:
    """The real CLI in a subprocess; returns the result and how long it took (wall and CPU seconds).

    The CPU seconds (of the CLI, its Playwright driver and Chromium) say more than the wall clock on
    a busy machine.

    Runs in ``cwd`` (a temporary folder) so that no newsaudit.toml or pyproject.toml of the caller's
    working directory changes the settings.
    """
    started, cpu = time.monotonic(), _children_cpu()
    result = subprocess.run([sys.executable, "-m", "auditor", *map(str, args)], cwd=cwd,
                            capture_output=True, text=True, timeout=timeout, env=dict(os.environ))
    return result, f"{time.monotonic() - started:.0f} s wall, {_children_cpu() - cpu:.0f} s CPU"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def load_report(folder: Path) -> dict:
    return json.loads((Path(folder) / "report.json").read_text(encoding="utf-8"))


def news_catalogue(cwd: Path) -> dict[str, dict]:
    """The news rules, by id, as `newsaudit rules --format json` lists them."""
    result, _ = run_newsaudit(["rules", "--format", "json"], cwd, timeout=120)
    assert result.returncode == 0, result.stderr
    return {rule["id"]: rule for rule in json.loads(result.stdout)}


def chromium_for_playwright() -> str:
    """The Chromium the tests' own Playwright checks use, or skip when there is none."""
    for candidate in (os.environ.get("NEWSAUDIT_BROWSER"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.skip("no Chromium for Playwright (set NEWSAUDIT_BROWSER or install chromium)")
