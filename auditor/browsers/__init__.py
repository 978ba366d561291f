"""One small browser interface (base.py); Playwright and Selenium live behind it.

The engine only ever calls Tab's methods; everything a rule needs comes back as JSON from the
in-page scripts, so a backend is a thin adapter over navigation, viewport, script, keys and pixels.
Here: the options, Chromium's flags and where it is, and the choice of backend.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..settings import BrowserOptions  # noqa: F401 - its home is auditor/settings.py
from .base import Backend, BrowserError, BrowserLost, LoadInfo, NoBrowser, Tab

__all__ = ["Backend", "BrowserError", "BrowserLost", "BrowserOptions", "LoadInfo", "NoBrowser", "Tab",
           "chromium_flags", "find_chromium", "make_backend"]


# Keep Chromium off the closed network by itself; --no-sandbox only as root, where it is required.
QUIET_FLAGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions",
    "--metrics-recording-only",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--mute-audio",
]


def chromium_flags() -> list[str]:
    flags = list(QUIET_FLAGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")
    return flags


SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

NO_BROWSER_HELP = (
    "no Chromium found: run 'playwright install chromium', or install a system Chromium "
    "(Debian/Ubuntu: apt-get install chromium), or point --browser-path / NEWSAUDIT_BROWSER at one"
)


def find_chromium(explicit: str | None, playwright_path: str | None = None, help: str = NO_BROWSER_HELP) -> str:
    """--browser-path / NEWSAUDIT_BROWSER, then Playwright's own Chromium, then one on PATH."""
    chosen = explicit or os.environ.get("NEWSAUDIT_BROWSER")
    if chosen:
        path = shutil.which(chosen) or chosen
        if not Path(path).is_file() or not os.access(path, os.X_OK):
            raise NoBrowser(f"browser {chosen!r} is not an executable file; {help}")
        return path
    if playwright_path and Path(playwright_path).is_file():
        return playwright_path
    for name in SYSTEM_CHROMIUMS:
        path = shutil.which(name)
        if path:
            return path
    raise NoBrowser(help)


BACKENDS = ("playwright", "selenium")


def make_backend(name: str, options: BrowserOptions) -> Backend:
    # Each backend's library loads only when it is chosen: a Playwright run never imports Selenium.
    if name == "playwright":
        from .playwright_backend import PlaywrightBackend

        return PlaywrightBackend(options)
    if name == "selenium":
        from .selenium_backend import SeleniumBackend

        return SeleniumBackend(options)
    raise ValueError(f"unknown backend {name!r}; choose one of: {', '.join(BACKENDS)}")
