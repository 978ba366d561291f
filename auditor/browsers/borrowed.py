"""Tabs over a page the caller already has: a Playwright Page (sync or async) or a Selenium
WebDriver, logged in or halfway through a test.

Such a page is audited where it stands: it is resized through the viewports and given the key
presses of the focus walk, but never loaded, reset or closed, and the caller's viewport comes back
when the audit is over.

A sync Playwright page answers only on the thread that made it, while the audit runs on an event
loop. ``OwnerThread`` runs the audit's loop in a thread of its own and carries each browser call
back to the caller's thread, so the caller's objects are only ever touched by the caller's thread.
"""
from __future__ import annotations

import asyncio
import inspect
import queue
import threading
from typing import Any, Awaitable, Callable

from playwright.async_api import Error as PlaywrightError
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from ..scripts import SETTLE
from . import BrowserError, LoadInfo, Tab
from .base import SCREENSHOT_QUALITY
from .selenium_devtools import cdp, emulate_viewport, size_window, window_frame

NEVER_NAVIGATED = "a page handed to the audit is audited where it stands, never loaded again"

# Selenium runs a function source of one argument through this (a promise is waited for).
SELENIUM_CALL = "return Promise.resolve(({function})(arguments[0])).then((v) => v === undefined ? null : v);"

Call = Callable[[Callable[[], Any]], Awaitable[Any]]


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def is_async_page(page: object) -> bool:
    return inspect.iscoroutinefunction(getattr(page, "evaluate", None))


class OwnerThread:
    """Runs ``main`` (an async function) on a new thread's event loop; ``call`` there runs a plain
    function on the thread that called ``run``, and hands back its result."""

    def __init__(self) -> None:
        self._calls: queue.SimpleQueue = queue.SimpleQueue()

    def run(self, main: Callable[[], Awaitable[Any]]) -> Any:
        outcome: dict = {}

        def audit() -> None:
            try:
                outcome["value"] = asyncio.run(main())
            except BaseException as error:  # noqa: BLE001 - handed back to the caller's thread
                outcome["error"] = error
            finally:
                self._calls.put(None)

        thread = threading.Thread(target=audit, name="newsaudit-borrowed", daemon=True)
        thread.start()
        while (item := self._calls.get()) is not None:
            function, future, loop = item
            try:
                value, error = function(), None
            except BaseException as raised:  # noqa: BLE001 - raised again in the audit's thread
                value, error = None, raised
            loop.call_soon_threadsafe(_settle, future, value, error)
        thread.join()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    async def call(self, function: Callable[[], Any]) -> Any:
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._calls.put((function, future, loop))
        return await future


def _settle(future: asyncio.Future, value: Any, error: BaseException | None) -> None:
    if future.done():
        return  # the audit gave up on this call (a step's time bound)
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(value)


async def _awaited(function: Callable[[], Any]) -> Any:
    return await function()


class BorrowedTab(Tab):
    """What every borrowed page shares: no loads, no resets, and the caller's size restored."""

    name = ""

    async def reset(self, hung: bool = False) -> None:
        pass  # the caller's cookies and storage are what is being audited

    async def clear_site_data(self) -> None:
        pass

    async def goto(self, url: str) -> LoadInfo:
        raise BrowserError(NEVER_NAVIGATED)

    async def inject(self, script: str) -> None:
        await self.evaluate(f"() => {{ {script}\n }}")

    async def settle(self) -> None:
        try:
            await self.evaluate(SETTLE)
        except BrowserError:
            pass  # a page navigating by itself: the collector's document check says so

    async def close(self) -> None:
        await self.restore()

    async def restore(self) -> None:
        """The caller's viewport, as it was before the audit."""

    async def url(self) -> str:
        return str(await self.evaluate("() => location.href"))

    async def version(self) -> str:
        return ""


class PlaywrightPageTab(BorrowedTab):
    """A Playwright Page; ``call`` awaits an async page's coroutine, or carries a sync page's
    call to its thread."""

    name = "playwright"

    def __init__(self, page: Any, call: Call | None = None):
        self.page = page
        self.call = call or _awaited
        self.original = page.viewport_size  # None for a window without a fixed viewport

    async def _do(self, what: str, function: Callable[[], Any]) -> Any:
        try:
            return await self.call(function)
        except PlaywrightError as error:
            message = _first_line(error)
            if "crash" in message.lower():
                raise BrowserError("the browser tab crashed while rendering the page") from None
            raise BrowserError(f"{what} failed: {message}") from None

    async def evaluate(self, function: str, arg: object = None) -> object:
        return await self._do("in-page script", lambda: self.page.evaluate(function, arg))

    async def set_viewport(self, width: int, height: int) -> None:
        await self._do("resizing the page", lambda: self.page.set_viewport_size({"width": width, "height": height}))
        await self.settle()

    async def press_tab(self) -> None:
        await self.press("Tab")

    async def press_enter(self) -> None:
        await self.press("Enter")

    async def press(self, key: str) -> None:
        await self._do(f"pressing {key}", lambda: self.page.keyboard.press(key))

    async def screenshot(self, clip: dict | None = None) -> bytes:
        return await self._do("screenshot", lambda: self.page.screenshot(
            type="jpeg", quality=SCREENSHOT_QUALITY, clip=clip, timeout=10_000))

    async def restore(self) -> None:
        if self.original:
            size = dict(self.original)
            await self._do("restoring the viewport", lambda: self.page.set_viewport_size(size))

    async def version(self) -> str:
        browser = self.page.context.browser
        return f"{browser.browser_type.name} {browser.version}" if browser is not None else "chromium"


class SeleniumDriverTab(BorrowedTab):
    """A Selenium WebDriver on Chromium (local or Grid); its calls run on the caller's thread."""

    name = "selenium"

    def __init__(self, driver: Any, call: Call):
        self.driver, self.call = driver, call
        self.original: dict | None = None  # the window's size, when the page was resized through it
        self.devtools: bool | None = None

    async def _do(self, what: str, function: Callable[[], Any]) -> Any:
        try:
            return await self.call(function)
        except WebDriverException as error:
            raise BrowserError(f"{what} failed: {_first_line(error.msg or error)}") from None

    async def evaluate(self, function: str, arg: object = None) -> object:
        script = SELENIUM_CALL.replace("{function}", function)
        return await self._do("in-page script", lambda: self.driver.execute_script(script, arg))

    def _size(self, width: int, height: int) -> None:
        if self.devtools is not False:
            try:
                emulate_viewport(self.driver, width, height)
                self.devtools = True
                return
            except WebDriverException:
                self.devtools = False  # a remote end without DevTools: size the window instead
        if self.original is None:
            self.original = self.driver.get_window_size()
        size_window(self.driver, width, height, window_frame(self.driver))

    async def set_viewport(self, width: int, height: int) -> None:
        await self._do("resizing the window", lambda: self._size(width, height))
        await self.settle()

    async def _keys(self, key: str, name: str) -> None:
        await self._do(f"pressing {name}", lambda: ActionChains(self.driver).send_keys(key).perform())

    async def press_tab(self) -> None:
        await self._keys(Keys.TAB, "Tab")

    async def press_enter(self) -> None:
        await self._keys(Keys.ENTER, "Enter")

    async def screenshot(self, clip: dict | None = None) -> bytes:
        if clip is not None:
            raise BrowserError("a borrowed Selenium window takes whole screenshots only")
        return await self._do("screenshot", self.driver.get_screenshot_as_png)

    async def restore(self) -> None:
        if self.devtools:
            await self._do("restoring the viewport", lambda: cdp(self.driver, "Emulation.clearDeviceMetricsOverride", {}))
        elif self.original is not None:
            size = self.original
            await self._do("restoring the window", lambda: self.driver.set_window_size(size["width"], size["height"]))

    async def version(self) -> str:
        capabilities = self.driver.capabilities or {}
        return f"{capabilities.get('browserName', 'chrome')} {capabilities.get('browserVersion', '')}".strip()
