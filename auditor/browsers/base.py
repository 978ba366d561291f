"""The one browser interface, and the policy both backends share.

A backend supplies only its calls: load a URL, call an in-page function, resize, press keys,
take pixels. What is made of them is written here once: the checks after a load, running axe-core,
injecting scripts, and what a page that navigates by itself costs.
"""
from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from dataclasses import dataclass
from urllib.parse import urlsplit

from .. import scripts
from ..blocking import Blocker
from .errors import AXE_MISSING, KEEPS_NAVIGATING, error_page_reason, http_error, load_error, not_html


class BrowserError(Exception):
    """A one-line reason a page or viewport could not be audited."""


class BrowserLost(BrowserError):
    """The browser process or its connection (a WebDriver session, a Grid node) is gone: the
    engine starts a new one and audits the page once more."""


class NoBrowser(Exception):
    """No usable Chromium: a configuration error (exit 2)."""


class NavigationRace(Exception):
    """An in-page call lost its document mid-call: the page navigated by itself."""


@dataclass
class LoadInfo:
    final_url: str
    status: int | None = None
    content_type: str = ""


@dataclass
class Response:
    """What a backend's load call saw of the page's own response (None: it could not tell)."""
    status: int | None = None
    status_text: str = ""
    content_type: str = ""


# JPEG quality of a screenshot (encoding one costs Chromium a third of a PNG); the report's
# pictures are cut from it and encoded again smaller.
SCREENSHOT_QUALITY = 90

# What a first-time visit must not find from an earlier page, cleared per origin between pages.
STORAGE_TYPES = ("cookies,local_storage,indexeddb,cache_storage,service_workers,shared_storage,storage_buckets,"
                 "file_systems")


def web_origin(url: str) -> str:
    """An http(s) URL's origin, whose storage a reset clears; "" for anything else."""
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else ""


# How often a page may navigate by itself after its load (a redirect by script, a consent
# banner's reload) before it is an error: every in-page call that finds a new document, or loses
# its document mid-call, counts one. The one place this is decided, for both backends.
MAX_SELF_NAVIGATIONS = 2


def axe_request(args: dict) -> dict:
    """axe-core's context and options, for both backends: the tags and rules asked for, only
    violations and incomplete results, --include/--exclude as axe's own context (what is out of
    scope is never looked at), and our reporter (js/axe_report.js)."""
    options = {"runOnly": {"type": "tag", "values": list(args["tags"])},
               "resultTypes": ["violations", "incomplete"], "reporter": "newsaudit",
               "newsaudit": {"article_selector": args.get("article_selector") or ""}}
    if args.get("rules"):
        options["rules"] = args["rules"]
    include, exclude = list(args.get("include") or ()), list(args.get("exclude") or ())
    context = {**({"include": include} if include else {}), **({"exclude": exclude} if exclude else {})}
    return {"context": context or None, "options": options}


class Tab(ABC):
    """One reusable tab of one worker: pages are audited in it one after another."""

    page_url = ""  # the page being audited ("" or about:blank before a load)
    browser_node = ""  # the Selenium Grid node whose browser this tab drives (its URI), when known
    _document: float | None = None  # the identity of the document the last call ran in
    navigations = 0  # the page's own navigations since it was loaded

    # -- what a backend supplies (a tab over a caller's own page may override the policy's
    #    methods instead: auditor/browsers/borrowed.py) ------------------------------------------

    @abstractmethod
    async def reset(self, hung: bool = False) -> None:
        """Forget cookies, storage and the cache, so the next load is a first-time visit.
        ``hung``: the page stopped responding or its renderer crashed, so none of it is reused."""

    @abstractmethod
    async def clear_site_data(self) -> None:
        """Between the viewports of one page: forget what the last load stored."""

    async def _load(self, url: str) -> Response:
        """Navigate and wait for the load event; raise BrowserError with a one-line reason."""
        raise NotImplementedError

    async def _call(self, function: str, arg: object) -> object:
        """Call ``function`` in the page and return its JSON; raise NavigationRace when the page
        navigated mid-call, BrowserError with a one-line reason for anything else."""
        raise NotImplementedError

    async def _resize(self, width: int, height: int) -> None:
        raise NotImplementedError

    async def _after_race(self) -> None:
        """After a NavigationRace: wait, bounded, for the new document to load."""

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
    async def _click(self, selector: str, timeout: float) -> None:
        raise NotImplementedError

    async def _fill(self, selector: str, text: str, timeout: float) -> None:
        raise NotImplementedError

    async def _press(self, key: str) -> None:
        raise NotImplementedError

    def load_reason(self, message: str, url: str) -> str:
        """A failed navigation's error message as a one-line reason."""
        return load_error(message, url)

    def error_page_reason(self, failed: dict, url: str) -> str:
        """Why a load ended on Chromium's error page."""
        return error_page_reason(failed, url)

    # -- the policy, the same for every backend ----------------------------------------------------

    async def goto(self, url: str) -> LoadInfo:
        """Load and wait for the load event; raise BrowserError with a one-line reason."""
        self._document, self.navigations = None, 0
        response = await self._load(url)
        status, content_type = response.status, response.content_type
        if status is not None and status >= 400:
            raise BrowserError(http_error(status, response.status_text))
        reason = not_html(content_type)
        if reason:
            raise BrowserError(reason)
        state = await self.evaluate(scripts.AFTER_LOAD)
        if state["error_page"]:  # the page's own redirect ended on an error page
            raise BrowserError(self.error_page_reason(state["error_page"], url))
        return LoadInfo(final_url=state["url"], status=status, content_type=content_type)

    async def evaluate(self, function: str, arg: object = None) -> object:
        """Call ``function`` (JS source of one function of one argument) and return its JSON."""
        call = scripts.in_document(function)
        while True:
            try:
                document, value = await self._call(call, arg)
            except NavigationRace:
                self._navigated(None)
                await self._after_race()
                await asyncio.sleep(0.2 * self.navigations)
                continue
            self._navigated(document)
            return value

    def _navigated(self, document: float | None) -> None:
        """Count the page's own navigations since it was loaded (None: one that broke a call)."""
        if document is not None and (self._document is None or document == self._document):
            self._document = document
            return
        self._document = document
        self.navigations += 1
        if self.navigations > MAX_SELF_NAVIGATIONS:
            raise BrowserError(KEEPS_NAVIGATING)

    async def same_document(self, work):
        """``await work()``, done again when the page navigated by itself meanwhile: what it
        gathered from two documents would be nonsense. The navigation count bounds it."""
        while True:
            before = self.navigations
            result = await work()
            await self.evaluate(scripts.NOOP)  # notices a navigation after work's last call
            if self.navigations == before:
                return result

    async def inject(self, script: str) -> None:
        """Run a plain script in the page."""
        await self.evaluate(f"() => {{ {script}\n }}")

    async def set_viewport(self, width: int, height: int) -> None:
        await self._resize(width, height)
        if self.page_url and not self.page_url.startswith("about:"):
            try:
                await self.evaluate(scripts.SETTLE)
            except BrowserLost:
                raise
            except BrowserError:
                pass  # a navigating page: goto or the next evaluate will say so

    async def run_axe(self, args: dict) -> dict:
        """axe-core's violations and incomplete results, slimmed by our reporter. ``args``: tags,
        rules ({id: {enabled}}), article_selector, include and exclude."""
        request = axe_request(args)

        async def once() -> dict | None:
            before = self.navigations
            result = await self._axe(request)
            if result is None:  # axe was not in the page: lost in a navigation, or removed
                await self.evaluate(scripts.NOOP)
                if self.navigations == before:
                    raise BrowserError(AXE_MISSING)
            return result

        try:
            return await self.same_document(once)
        except BrowserLost:
            raise
        except BrowserError as error:
            if str(error) == KEEPS_NAVIGATING:
                raise
            raise BrowserError(f"axe-core failed: {error}") from None

    async def _axe(self, request: dict) -> dict | None:
        """Inject axe-core unless it is in the page already, and run it; None if it is not there."""
        if not await self.evaluate(scripts.HAS_AXE):
            await self.inject(scripts.axe_source())
        return await self.evaluate(scripts.AXE_RUN, request)

    # Our own input may navigate (a step that submits a form): that is no navigation of the page's.
    async def click(self, selector: str, timeout: float) -> None:
        await self._click(selector, timeout)
        self._document = None

    async def fill(self, selector: str, text: str, timeout: float) -> None:
        await self._fill(selector, text, timeout)
        self._document = None

    async def press(self, key: str) -> None:
        """A key by its Playwright name: Enter, Escape, ArrowDown, PageDown, a, ..."""
        await self._press(key)
        self._document = None


class Backend(ABC):
    name: str = ""

    def __init__(self, options) -> None:
        self.options = options  # a BrowserOptions
        self.blocker = Blocker(options.block, options.block_ads, options.same_origin_only, options.allow)

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
