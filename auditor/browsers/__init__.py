"""One small browser interface; Playwright and Selenium live behind it.

The engine only ever calls these methods; everything a rule needs comes back as JSON from the
in-page scripts, so a backend is a thin adapter over navigation, viewport, script, keys and pixels.
"""
from __future__ import annotations

import os
import shutil
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from ..settings import BrowserOptions  # noqa: F401 - its home is auditor/settings.py


class BrowserError(Exception):
    """A one-line reason a page or viewport could not be audited."""


class BrowserLost(BrowserError):
    """The browser process or its connection (a WebDriver session, a Grid node) is gone: the
    engine starts a new one and audits the page once more."""


class NoBrowser(Exception):
    """No usable Chromium: a configuration error (exit 2)."""


@dataclass
class LoadInfo:
    final_url: str
    status: int | None = None
    content_type: str = ""


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


class Tab(ABC):
    """One reusable tab of one worker: pages are audited in it one after another."""

    @abstractmethod
    async def reset(self) -> None:
        """Forget cookies and storage, so the next load is a first-time visit."""

    @abstractmethod
    async def clear_site_data(self) -> None:
        """Between the viewports of one page: forget what the last load stored."""

    @abstractmethod
    async def set_viewport(self, width: int, height: int) -> None: ...

    @abstractmethod
    async def goto(self, url: str) -> LoadInfo:
        """Load and wait for the load event; raise BrowserError with a one-line reason."""

    @abstractmethod
    async def evaluate(self, function: str, arg: object = None) -> object:
        """Call ``function`` (JS source of one function of one argument) and return its JSON."""

    @abstractmethod
    async def inject(self, script: str) -> None:
        """Run a plain script in the page (used for axe-core)."""

    @abstractmethod
    async def press_tab(self) -> None: ...

    @abstractmethod
    async def press_enter(self) -> None:
        """A real Enter key press on the focused element (activates a skip button)."""

    @abstractmethod
    async def screenshot(self, clip: dict | None = None) -> bytes:
        """PNG of the viewport, or of ``clip`` ({x, y, width, height}, viewport-relative)."""

    @abstractmethod
    async def close(self) -> None: ...

    # Steps before the audit (auditor/steps.py): real input events, bounded by ``timeout`` seconds.
    async def click(self, selector: str, timeout: float) -> None:
        raise NotImplementedError

    async def fill(self, selector: str, text: str, timeout: float) -> None:
        raise NotImplementedError

    async def press(self, key: str) -> None:
        """A key by its Playwright name: Enter, Escape, ArrowDown, PageDown, a, ..."""
        raise NotImplementedError


class Backend(ABC):
    name: str = ""

    @abstractmethod
    async def start(self) -> None: ...

    @abstractmethod
    async def new_tab(self) -> Tab: ...

    @abstractmethod
    async def stop(self) -> None: ...

    async def recover(self) -> None:
        """After a BrowserLost: make sure new tabs work again (a new browser, a new session).
        Raise NoBrowser when none can be had."""

    @property
    @abstractmethod
    def version(self) -> str:
        """Browser name and version, for the report."""

    async def login(self, function) -> None:
        """Run a --login-script's ``login`` once, before any audit, and keep the cookies and local
        storage it left in ``options.identity``, for every page."""
        raise NotImplementedError


BACKENDS = ("playwright", "selenium")


def make_backend(name: str, options: BrowserOptions) -> Backend:
    if name == "playwright":
        from .playwright_backend import PlaywrightBackend

        return PlaywrightBackend(options)
    if name == "selenium":
        from .selenium_backend import SeleniumBackend

        return SeleniumBackend(options)
    raise ValueError(f"unknown backend {name!r}; choose one of: {', '.join(BACKENDS)}")
