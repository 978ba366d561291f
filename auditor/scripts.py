"""In-page JavaScript: real .js files under auditor/js/, loaded here and nowhere else.

Each file defines functions of one JSON argument; ``function(file, entry)`` makes one of them a
function expression that a Tab can evaluate. Plain scripts (run as they are, before the page's
own or for injection) come from ``source``.
"""
from __future__ import annotations

import atexit
import os
import re
import tempfile
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from axe_playwright_python.base import AXE_SCRIPT


@cache
def source(name: str) -> str:
    return resources.files("auditor").joinpath("js", name).read_text(encoding="utf-8")


@cache
def function(file: str, entry: str, helpers: tuple[str, ...] = ("identity.js",)) -> str:
    """``async (arg) => entry(arg)`` with ``file`` and the ``helpers`` files in scope (by default
    the shared element-identity helpers)."""
    shared = "\n".join(source(name) for name in helpers)
    return f"async (arg) => {{\n{shared}\n{source(file)}\nreturn await {entry}(arg);\n}}"


@lru_cache(maxsize=64)
def in_document(function_source: str) -> str:
    """``function_source`` as a function whose value comes with its document's identity."""
    code = "\n".join(line for line in source("in_document.js").splitlines() if not line.startswith("//"))
    return code.replace("/*FUNCTION*/", function_source)


@cache
def axe_source() -> str:
    """axe-core from a maintained PyPI package (the same build for both backends), wrapped as
    axe_wrap.js says, with our reporter added."""
    parts = {"/*AXE*/": AXE_SCRIPT, "/*IDENTITY*/": source("identity.js"), "/*REPORT*/": source("axe_report.js")}
    return re.sub(r"/\*(AXE|IDENTITY|REPORT)\*/", lambda m: parts[m.group(0)], source("axe_wrap.js"))


@cache
def axe_file() -> Path:
    """axe_source() as a file, for axe-selenium-python's Axe, which injects a script by its path.
    Private to this process (mkstemp: mode 0600) and removed at exit."""
    handle, name = tempfile.mkstemp(prefix="newsaudit-axe-", suffix=".js")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(axe_source())
    atexit.register(lambda: Path(name).unlink(missing_ok=True))
    return Path(name)


STYLE_WATCH = source("style_watch.js")
NO_DIALOGS = source("no_dialogs.js")


@cache
def axe_init_source() -> str:
    """axe-core for a backend to add to every new document of the top frame before the page's own
    scripts run: the browser then compiles it while the page loads, and caches the compiled code.
    In frames it is only pre-parsed, never run."""
    return f"{STYLE_WATCH}\nif (window.top === window) {{ {axe_source()} }}"


@cache
def axe_version() -> str:
    match = re.search(r"axe v(\d+\.\d+\.\d+)", AXE_SCRIPT[:400])
    return match.group(1) if match else "unknown"


COLLECT = ("collect.js", "collect")
FOCUS_RESET = ("focus.js", "FOCUS.reset")
FOCUS_PROBE = ("focus.js", "FOCUS.probe")
SKIP_LINKS = ("focus.js", "FOCUS.skipLinks")
BOXES = ("boxes.js", "boxes")
SKIP_ARM = ("focus.js", "FOCUS.arm")
SKIP_ACTIVATED = ("focus.js", "FOCUS.activated")
WAIT_UNTIL_SHOWN = ("ready.js", "waitUntilShown")

# Scripts the browser backends run around a load; none reads an element's identity.
SETTLE = function("settle.js", "settle", helpers=())
AFTER_LOAD = function("load.js", "LOAD.after", helpers=("settle.js",))
ERROR_PAGE = function("load.js", "LOAD.errorPage", helpers=())
LOAD_STATE = function("load.js", "LOAD.state", helpers=())
READY_STATE = function("load.js", "LOAD.readyState", helpers=())
WINDOW_SIZE = function("load.js", "LOAD.windowSize", helpers=())
FORGET = function("storage.js", "STORAGE.forget", helpers=())
SAVED_STORAGE = function("storage.js", "STORAGE.saved", helpers=())
HAS_AXE = function("axe_run.js", "hasAxe", helpers=())
AXE_RUN = function("axe_run.js", "axeRun", helpers=())
# A call that changes nothing: it tells which document the page is in now.
NOOP = "() => null"
