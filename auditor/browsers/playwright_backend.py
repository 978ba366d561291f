"""The default backend: Playwright driving one Chromium process for the whole run."""
from __future__ import annotations

import asyncio
import functools

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout
from playwright.async_api import async_playwright

from .. import scripts
from . import BrowserOptions, chromium_flags, find_chromium
from .base import (SCREENSHOT_QUALITY, STORAGE_TYPES, Backend, BrowserError, BrowserLost, NavigationRace,
                   NoBrowser, Response, Tab, web_origin)
from .errors import (BROWSER_LOST, TAB_CRASHED_RENDERING, browser_failed, could_not, first_line, is_navigation_race,
                     not_html, screenshot_failed, script_failed, timed_out)
from .login_settle import POLL_S, PROBE, WATCH, Settling

# After a failed call, how long to wait for Playwright to notice that the browser itself is gone.
DISCONNECT_GRACE = 1.0
# Seconds a reset between pages may take before the context is replaced instead.
RESET_BUDGET = 10


def guarded(method):
    """A call of a tab whose browser dies is BrowserLost at once (Playwright may leave a call on
    a killed browser unanswered for good, e.g. new_page); any other Playwright error is a one-line
    BrowserError, never a traceback."""

    @functools.wraps(method)
    async def call(self: "PlaywrightTab", *args, **kwargs):
        work = asyncio.ensure_future(method(self, *args, **kwargs))
        gone = asyncio.ensure_future(self.gone.wait())
        try:
            await asyncio.wait({work, gone}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for future in (work, gone):
                if not future.done():
                    future.cancel()
        if not work.done() or work.cancelled():
            raise BrowserLost(BROWSER_LOST)
        try:
            return work.result()
        except BrowserLost:
            raise
        except (PlaywrightError, BrowserError) as error:
            if await self.browser_gone():
                raise BrowserLost(BROWSER_LOST) from None
            if isinstance(error, BrowserError):
                raise
            raise BrowserError(browser_failed(str(error))) from None

    return call


class PlaywrightTab(Tab):
    def __init__(self, backend: "PlaywrightBackend"):
        self.backend = backend
        self.browser = backend.browser  # the browser this tab's contexts belong to
        self.gone = backend.gone  # set when that browser disconnects
        self.context = None
        self.page = None
        self.page_url = ""
        self.main_response = None
        self.viewport = {"width": 1280, "height": 800}
        self.devtools = None  # the context's CDP session, for clearing what a page stored
        self.pages_served = 0  # pages loaded in this context

    async def browser_gone(self) -> bool:
        """Whether the browser is gone; Playwright may report an error a moment before that."""
        try:
            await asyncio.wait_for(self.gone.wait(), DISCONNECT_GRACE)
        except asyncio.TimeoutError:
            pass
        return self.gone.is_set()

    async def fresh_context(self) -> None:
        """A new browser context per page: a first-time visitor, with no cookies or storage."""
        await self._close()
        self.context = await self.backend.browser.new_context(
            viewport=self.viewport, service_workers="block", accept_downloads=False,
            **self.backend.identity_options())
        self.context.set_default_timeout(self.backend.options.timeout * 1000)
        await self.context.add_init_script(script=scripts.axe_init_source())
        await self.backend.restore_identity(self.context, init=True)
        if self.backend.blocker.active:
            await self.context.route("**/*", self._route)
        self.page = await self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("response", self._response)
        self.devtools = await self.context.new_cdp_session(self.page)
        self.pages_served = 0

    @guarded
    async def clear_site_data(self) -> None:
        """Between viewports of one page: forget what the last load stored, as a new visitor."""
        await self.forget(leave=False)

    @guarded
    async def reset(self, hung: bool = False) -> None:
        worn = self.pages_served >= self.backend.options.pages_per_context
        if hung or worn or self.page is None or self.page.is_closed():
            await self.fresh_context()
            return
        try:
            await asyncio.wait_for(self.forget(leave=True), RESET_BUDGET)
        except (PlaywrightError, asyncio.TimeoutError):
            await self.fresh_context()  # half a reset is no first visit

    async def forget(self, leave: bool) -> None:
        """Clear what the page and its frames stored: cookies and every storage of their origins,
        as the Selenium tab does. ``leave`` the page too, and empty the HTTP cache, so the
        context's next page is a first visit as well."""
        origins = {web_origin(self.page_url)}
        if self.page_url.startswith("http"):
            try:
                origins.update(await self.page.evaluate(scripts.FORGET) or [])
            except PlaywrightError:
                if leave:
                    raise  # a page that cannot be asked cannot be left safely either: a new context
        if leave:
            await self.page.goto("about:blank")
            self.page_url, self.main_response = "", None
            await self.devtools.send("Network.clearBrowserCache")
        await self.context.clear_cookies()
        for origin in sorted(o for o in origins if o):
            await self.devtools.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": STORAGE_TYPES})
        await self.backend.restore_identity(self.context)

    async def _route(self, route) -> None:
        request = route.request
        try:
            if request.is_navigation_request() and request.frame.parent_frame is None:
                self.page_url = request.url  # redirects keep the page's own origin allowed
                await route.fallback()
            elif self.backend.blocker.blocks(request.url, self.page_url):
                await route.abort("blockedbyclient")
            else:
                await route.fallback()
        except PlaywrightError:
            pass  # the page went away while the request was in flight

    async def _dialog(self, dialog) -> None:
        try:
            # Accepting beforeunload lets us leave; every other dialog is dismissed.
            await (dialog.accept() if dialog.type == "beforeunload" else dialog.dismiss())
        except PlaywrightError:
            pass

    def _response(self, response) -> None:
        if response.request.is_navigation_request() and response.frame.parent_frame is None:
            self.main_response = response
            # Redirected hops never reach the route handler: the final origin is the page's own.
            self.page_url = response.url

    @guarded
    async def _resize(self, width: int, height: int) -> None:
        self.viewport = {"width": width, "height": height}
        if self.page is not None:
            await self.page.set_viewport_size(self.viewport)

    @guarded
    async def _load(self, url: str) -> Response:
        timeout = self.backend.options.timeout
        self.pages_served += 1
        self.page_url = url
        self.main_response = None
        try:
            response = await self.page.goto(url, wait_until="load", timeout=timeout * 1000)
        except PlaywrightTimeout:
            raise BrowserError(timed_out(timeout)) from None
        except PlaywrightError as error:
            raise BrowserError(not_html(self._content_type()) or self.load_reason(str(error), url)) from None
        response = response or self.main_response
        if response is None:
            return Response()
        return Response(response.status, response.status_text, self._content_type(response))

    def _content_type(self, response=None) -> str:
        response = response or self.main_response
        if response is None:
            return ""
        return (response.headers.get("content-type") or "").split(";")[0].strip().lower()

    @guarded
    async def _call(self, function: str, arg: object) -> object:
        try:
            return await self.page.evaluate(function, arg)
        except PlaywrightError as error:
            message = str(error)
            if "crash" in message.lower():
                raise BrowserError(TAB_CRASHED_RENDERING) from None
            if is_navigation_race(message):
                raise NavigationRace() from None
            raise BrowserError(script_failed(message)) from None

    async def _after_race(self) -> None:
        try:
            await self.page.wait_for_load_state("load", timeout=self.backend.options.timeout * 1000)
        except PlaywrightError:
            pass

    @guarded
    async def press_tab(self) -> None:
        await self.page.keyboard.press("Tab")

    @guarded
    async def press_enter(self) -> None:
        await self.page.keyboard.press("Enter")

    @guarded
    async def screenshot(self, clip: dict | None = None) -> bytes:
        try:
            return await self.page.screenshot(type="jpeg", quality=SCREENSHOT_QUALITY, clip=clip,
                                              animations="disabled", caret="hide", timeout=10_000)
        except PlaywrightError as error:
            raise BrowserError(screenshot_failed(str(error))) from None

    async def _click(self, selector: str, timeout: float) -> None:
        try:
            await self.page.click(selector, timeout=timeout * 1000)
        except PlaywrightTimeout:
            raise BrowserError(f"could not click it within {timeout:g} s (covered, moving or disabled)") from None
        except PlaywrightError as error:
            raise BrowserError(could_not("click it", str(error))) from None

    async def _fill(self, selector: str, text: str, timeout: float) -> None:
        try:
            await self.page.fill(selector, text, timeout=timeout * 1000)
        except PlaywrightTimeout:
            raise BrowserError(f"could not fill it within {timeout:g} s (not an editable field?)") from None
        except PlaywrightError as error:
            raise BrowserError(could_not("fill it", str(error))) from None

    async def _press(self, key: str) -> None:
        try:
            await self.page.keyboard.press(key)
        except PlaywrightError as error:
            raise BrowserError(could_not(f"press {key!r}", str(error))) from None

    async def _close(self) -> None:
        if self.context is not None:
            try:
                await asyncio.wait_for(self.context.close(), self.backend.options.timeout)
            except (PlaywrightError, asyncio.TimeoutError):
                pass
        self.context = self.page = self.devtools = None

    async def close(self) -> None:
        await self._close()


class PlaywrightBackend(Backend):
    name = "playwright"

    def __init__(self, options: BrowserOptions):
        super().__init__(options)
        self.playwright = None
        self.browser = None
        self.executable = ""
        self.restarting = asyncio.Lock()
        self.gone = asyncio.Event()  # of the current browser

    async def start(self) -> None:
        self.playwright = await async_playwright().start()
        try:
            bundled = self.playwright.chromium.executable_path
        except PlaywrightError:
            bundled = None
        try:
            self.executable = find_chromium(self.options.executable, bundled)
        except NoBrowser:
            await self.playwright.stop()
            raise
        try:
            await self.launch()
        except NoBrowser:
            await self.playwright.stop()
            raise

    async def launch(self) -> None:
        try:
            self.browser = await self.playwright.chromium.launch(
                executable_path=self.executable, headless=self.options.headless, args=chromium_flags())
        except PlaywrightError as error:
            raise NoBrowser(f"could not start {self.executable}: {first_line(str(error))}") from None
        gone = self.gone = asyncio.Event()
        self.browser.on("disconnected", lambda _: gone.set())

    async def recover(self) -> None:
        """A new Chromium when the old one died; the workers that lost it wait for this one."""
        async with self.restarting:
            if self.browser is not None and not self.gone.is_set():
                return  # another worker has started it already
            old, self.browser = self.browser, None
            if old is not None:
                try:
                    await asyncio.wait_for(old.close(), 5)
                except (PlaywrightError, asyncio.TimeoutError):
                    pass
            try:
                await self.launch()
            except NoBrowser:
                # The Playwright driver itself may be what died: start it afresh once.
                try:
                    await asyncio.wait_for(self.playwright.stop(), 5)
                except (PlaywrightError, asyncio.TimeoutError):
                    pass
                self.playwright = await async_playwright().start()
                await self.launch()

    async def new_tab(self) -> Tab:
        return PlaywrightTab(self)  # its context is made by reset(), before each page

    async def stop(self) -> None:
        try:
            if self.browser is not None:
                await self.browser.close()
        except PlaywrightError:
            pass
        if self.playwright is not None:
            await self.playwright.stop()

    @property
    def version(self) -> str:
        return f"Chromium {self.browser.version}" if self.browser else ""

    # -- identity (auditor/identity.py) -------------------------------------------------------------

    def identity_options(self) -> dict:
        identity = self.options.identity
        if identity is None:
            return {}
        options: dict = {}
        if identity.headers:
            options["extra_http_headers"] = dict(identity.headers)
        if identity.credentials:
            options["http_credentials"] = {"username": identity.credentials[0], "password": identity.credentials[1]}
        for key, name in (("user_agent", "user_agent"), ("locale", "locale"), ("timezone", "timezone_id")):
            if getattr(identity, key):
                options[name] = getattr(identity, key)
        return options

    async def restore_identity(self, context, init: bool = False) -> None:
        """The user's cookies after every reset; their saved local storage on every new document."""
        identity = self.options.identity
        if identity is None:
            return
        cookies = identity.browser_cookies()
        if cookies:
            await context.add_cookies(cookies)
        script = identity.storage_script() if init else None
        if script:
            await context.add_init_script(script=script)

    async def settle(self, page) -> None:
        """Wait for the page the login script left to settle (login_settle.py says when)."""
        settling = Settling(self.options.timeout)
        while not (settling.given_up or page.is_closed()):
            try:
                answer = tuple(await page.evaluate(PROBE))
            except PlaywrightError:  # between two documents
                answer = None
            if settling.settled(answer):
                return
            await asyncio.sleep(POLL_S)

    async def login(self, function) -> None:
        context = await self.browser.new_context(service_workers="block", **self.identity_options())
        context.set_default_timeout(self.options.timeout * 1000)
        try:
            await self.restore_identity(context, init=True)
            await context.add_init_script(script=WATCH)
            page = await context.new_page()
            result = function(page)
            if asyncio.iscoroutine(result):
                await result
            await self.settle(page)
            self.options.identity.add_state(await context.storage_state(), "--login-script")
        finally:
            try:
                await context.close()
            except PlaywrightError:
                pass


