"""In-page JavaScript: real .js files, wrapped as one function of one JSON argument."""
from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def source(name: str) -> str:
    return resources.files("auditor").joinpath("js", name).read_text(encoding="utf-8")


@cache
def function(file: str, entry: str) -> str:
    """``async (arg) => entry(arg)`` with the shared helpers and ``file`` in scope."""
    return f"async (arg) => {{\n{source('identity.js')}\n{source(file)}\nreturn await {entry}(arg);\n}}"


@cache
def axe_source() -> str:
    """axe-core from a maintained PyPI package, wrapped so a page's AMD or CommonJS loader can't
    capture it: it lands on window.axe, and on a property of our own that a page's own copy of
    axe cannot replace."""
    from axe_playwright_python.base import AXE_SCRIPT

    return (f"(function(define, module, exports) {{\n{AXE_SCRIPT}\n"
            "Object.defineProperty(window, '__newsaudit_axe__', {value: window.axe, configurable: true});\n"
            "}).call(window);")


STYLE_WATCH = source("style_watch.js")


@cache
def axe_init_source() -> str:
    """axe-core for a backend to add to every new document of the top frame before the page's own
    scripts run: the browser then compiles it while the page loads, and caches the compiled code.
    In frames it is only pre-parsed, never run."""
    return f"{STYLE_WATCH}\nif (window.top === window) {{ {axe_source()} }}"


HAS_AXE = "() => !!(window.__newsaudit_axe__ || window.axe || {}).run"


@cache
def axe_version() -> str:
    import re

    match = re.search(r"axe v(\d+\.\d+\.\d+)", axe_source()[:400])
    return match.group(1) if match else "unknown"


# Waits for web fonts and two frames, bounded, so layout has settled after load or a resize.
SETTLE = """async () => {
  const frames = new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const fonts = document.fonts ? document.fonts.ready : Promise.resolve();
  await Promise.race([Promise.all([frames, fonts]), new Promise((r) => setTimeout(r, 1000))]);
  return innerWidth;
}"""

CLEAR_STORAGE = """() => {
  try { localStorage.clear(); } catch (e) {}
  try { sessionStorage.clear(); } catch (e) {}
}"""


COLLECT = ("collect.js", "collect")
AXE_RUN = ("axe_run.js", "axeRun")
FOCUS_RESET = ("focus.js", "FOCUS.reset")
FOCUS_PROBE = ("focus.js", "FOCUS.probe")
SKIP_LINKS = ("focus.js", "FOCUS.skipLinks")
BOXES = ("boxes.js", "boxes")
SKIP_ARM = ("focus.js", "FOCUS.arm")
SKIP_ACTIVATED = ("focus.js", "FOCUS.activated")
WAIT_UNTIL_SHOWN = ("ready.js", "waitUntilShown")
