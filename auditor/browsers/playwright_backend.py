"""The default backend: Playwright driving one Chromium process for the whole run."""
from __future__ import annotations

import asyncio

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout
from playwright.async_api import async_playwright

from ..blocking import Blocker
from .. import scripts
from ..scripts import CLEAR_STORAGE, SETTLE
from . import Backend, BrowserError, BrowserOptions, LoadInfo, NoBrowser, Tab, chromium_flags, find_chromium
from .errors import ERROR_PAGE, KEEPS_NAVIGATING, error_page_reason, is_navigation_race, load_error, not_html

class PlaywrightTab(Tab):
    def __init__(self, backend: "PlaywrightBackend"):
        self.backend = backend
        self.context = None
        self.page = None
        self.page_url = ""
        self.main_response = None
        self.viewport = {"width": 1280, "height": 800}

    async def fresh_context(self) -> None:
        """A new browser context per page: a first-time visitor, with no cookies or storage."""
        await self._close()
        self.context = await self.backend.browser.new_context(
            viewport=self.viewport, service_workers="block", accept_downloads=False)
        self.context.set_default_timeout(self.backend.options.timeout * 1000)
        await self.context.add_init_script(script=scripts.axe_init_source())
        if self.backend.blocker.active:
            await self.context.route("**/*", self._route)
        self.page = await self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("response", self._response)

    async def clear_site_data(self) -> None:
        """Between viewports of one page: forget what the last load stored, as a new visitor."""
        await self.context.clear_cookies()
        if self.page_url.startswith("http"):
            try:
                await self.page.evaluate(CLEAR_STORAGE)
            except PlaywrightError:
                pass  # a crashed or navigating page is replaced by the next fresh_context anyway

    async def reset(self) -> None:
        await self.fresh_context()

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

    async def set_viewport(self, width: int, height: int) -> None:
        self.viewport = {"width": width, "height": height}
        if self.page is not None:
            await self.page.set_viewport_size(self.viewport)
            try:
                await self.page.evaluate(SETTLE)
            except PlaywrightError:
                pass  # about:blank before the first load, or a navigating page: nothing to settle

    async def goto(self, url: str) -> LoadInfo:
        timeout = self.backend.options.timeout
        self.page_url = url
        self.main_response = None
        try:
            response = await self.page.goto(url, wait_until="load", timeout=timeout * 1000)
        except PlaywrightTimeout:
            raise BrowserError(f"the page did not finish loading within {timeout:g} s (--timeout)") from None
        except PlaywrightError as error:
            reason = not_html(self._content_type()) or load_error(str(error), url)
            raise BrowserError(reason) from None
        response = response or self.main_response
        status = response.status if response else None
        content_type = self._content_type(response)
        if status is not None and status >= 400:
            text = f" {response.status_text}" if response.status_text else ""
            raise BrowserError(f"the server answered HTTP {status}{text}")
        reason = not_html(content_type)
        if reason:
            raise BrowserError(reason)
        await self.evaluate(SETTLE)
        failed = await self.evaluate(ERROR_PAGE)  # the page's own redirect ended on an error page
        if failed:
            raise BrowserError(error_page_reason(failed, url))
        return LoadInfo(final_url=self.page.url, status=status, content_type=content_type)

    def _content_type(self, response=None) -> str:
        response = response or self.main_response
        if response is None:
            return ""
        return (response.headers.get("content-type") or "").split(";")[0].strip().lower()

    async def evaluate(self, function: str, arg: object = None) -> object:
        # A page that navigates by itself destroys the context mid-call: wait and retry a little.
        for attempt in range(3):
            try:
                return await self.page.evaluate(function, arg)
            except PlaywrightError as error:
                message = str(error)
                if "crash" in message.lower():
                    raise BrowserError("the browser tab crashed while rendering the page") from None
                if not is_navigation_race(message):
                    raise BrowserError(f"in-page script failed: {message.splitlines()[0]}") from None
                try:
                    await self.page.wait_for_load_state("load", timeout=self.backend.options.timeout * 1000)
                except PlaywrightError:
                    pass
                await asyncio.sleep(0.2 * (attempt + 1))
        raise BrowserError(KEEPS_NAVIGATING)

    async def inject(self, script: str) -> None:
        await self.evaluate(f"() => {{ {script}\n }}")

    async def press_tab(self) -> None:
        await self.page.keyboard.press("Tab")

    async def press_enter(self) -> None:
        await self.page.keyboard.press("Enter")

    async def screenshot(self, clip: dict | None = None) -> bytes:
        try:
            return await self.page.screenshot(type="png", clip=clip, animations="disabled",
                                              caret="hide", timeout=10_000)
        except PlaywrightError as error:
            raise BrowserError(f"screenshot failed: {str(error).splitlines()[0]}") from None

    async def _close(self) -> None:
        if self.context is not None:
            try:
                await self.context.close()
            except PlaywrightError:
                pass
        self.context = self.page = None

    async def close(self) -> None:
        await self._close()


class PlaywrightBackend(Backend):
    name = "playwright"

    def __init__(self, options: BrowserOptions):
        self.options = options
        self.blocker = Blocker(options.block, options.block_ads, options.same_origin_only, options.allow)
        self.playwright = None
        self.browser = None
        self.executable = ""

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
            self.browser = await self.playwright.chromium.launch(
                executable_path=self.executable, headless=self.options.headless, args=chromium_flags())
        except PlaywrightError as error:
            await self.playwright.stop()
            raise NoBrowser(f"could not start {self.executable}: {str(error).splitlines()[0]}") from None

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


