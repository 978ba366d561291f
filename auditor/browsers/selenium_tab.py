"""A Selenium tab: one WebDriver session, its blocking calls run in a thread.

A first-time visitor: cookies and the storage of the origins the page and its frames used are
cleared, and before the next page the tab goes to about:blank (without DevTools: the page's own
cookies, local and session storage only). Dialogs: alert, confirm and prompt answer as a
dismissed dialog would, from a script that runs before the page's own (js/no_dialogs.js); a
beforeunload prompt is accepted by the session's prompt handler.
"""
from __future__ import annotations

import asyncio
import base64
import io
import json
import re
import time

from axe_selenium_python import Axe
from PIL import Image
from selenium.common.exceptions import (
    InvalidSessionIdException,
    JavascriptException,
    NoAlertPresentException,
    NoSuchWindowException,
    StaleElementReferenceException,
    TimeoutException,
    UnexpectedAlertPresentException,
    WebDriverException,
)
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from .. import scripts
from .base import (SCREENSHOT_QUALITY, STORAGE_TYPES, BrowserError, BrowserLost, NavigationRace, NoBrowser,
                   Response, Tab, web_origin)
from .errors import (TAB_CRASHED_LOADING, TAB_CRASHED_RENDERING, browser_failed, could_not, first_line,
                     is_navigation_race, last_words, load_error, screenshot_failed, script_failed, timed_out)

# What a site can keep about a visitor, per origin ("all" adds caches of no interest and costs 3-8x).
# What chromedriver and a Grid say when the session is gone (its browser or its node died).
SESSION_LOST = ("crash", "session deleted", "disconnected", "unable to find session", "no such session",
                "unable to execute request for an existing session", "connection refused", "connection error",
                "node is down", "chrome not reachable", "rejected from java.util.concurrent")
# What chromedriver says of a script whose document went away under it.
NAVIGATION_RACE = ("no such execution context", "aborted by navigation", "document unloaded")


class _Json:
    """A value that axe-selenium-python's Axe.run writes into its script as JSON (it uses %r)."""

    def __init__(self, value):
        self.value = value

    def __repr__(self) -> str:
        return json.dumps(self.value)


class SeleniumTab(Tab):
    def __init__(self, backend, driver):
        self.backend = backend
        self.driver = driver
        self.broken = False  # a crashed tab or a lost session: reset() starts a new one
        self.page_url = "about:blank"
        self.viewport = (1280, 800)

    @property
    def browser_node(self) -> str:
        return self.backend.nodes.get(getattr(self.driver, "session_id", None), "")

    # -- plumbing ---------------------------------------------------------------------------------

    async def _run(self, function, *args):
        """``function(*args)`` in a thread; a WebDriver failure nobody expected becomes a one-line
        reason, and a lost session (a crashed browser, a Grid node gone) is BrowserLost: the engine
        audits the page again in a new session."""
        try:
            return await asyncio.to_thread(function, *args)
        except (BrowserLost, NavigationRace, NoBrowser):
            raise
        except BrowserError as error:
            if self.broken:
                raise BrowserLost(str(error)) from None
            raise
        except WebDriverException as error:
            if self._broken(error):
                raise BrowserLost("the browser tab crashed or its session was lost") from None
            raise BrowserError(browser_failed(_message(error))) from None
        except Exception as error:  # noqa: BLE001 - urllib3/http errors: the WebDriver connection dropped
            self.broken = True
            raise BrowserLost(f"the connection to the browser dropped: {last_words(error)}") from None

    def _cdp(self, command: str, params: dict | None = None) -> dict:
        return self.backend.cdp(self.driver, command, params or {})

    def _broken(self, error: WebDriverException) -> bool:
        message = _message(error).lower()
        if isinstance(error, (InvalidSessionIdException, NoSuchWindowException)) or any(
                words in message for words in SESSION_LOST):
            self.broken = True
        return self.broken

    def _dismiss(self) -> None:
        try:
            self.driver.switch_to.alert.dismiss()
        except (NoAlertPresentException, WebDriverException):
            pass

    def _execute(self, function: str, arg: object = None) -> object:
        """``function`` (JS source of one function of one argument) in the page, here and now."""
        return self.driver.execute_script(f"return ({function})(arguments[0]);", arg)

    # -- first-time visits ------------------------------------------------------------------------

    async def reset(self, hung: bool = False) -> None:
        self.broken = self.broken or hung  # a hung page would not answer the calls of a reset
        await self._run(self._reset, True)

    async def clear_site_data(self) -> None:
        await self._run(self._reset, False)

    def _reset(self, leave: bool) -> None:
        """Forget cookies and storage; ``leave`` the page too (for the next page: it can no longer
        write anything, nor keep loading). Between viewports of one page the next load leaves it,
        as with Playwright, which saves a navigation per viewport."""
        devtools = self.backend.devtools
        if not self.broken:
            try:
                origins = self._forget()
                if not devtools and self.page_url.startswith("http"):
                    self.driver.delete_all_cookies()  # the page's own; its storage went in _forget
                if leave:
                    self.driver.get("about:blank")
                if devtools:
                    self._cdp("Network.clearBrowserCookies")
                    for origin in origins:
                        self._cdp("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": STORAGE_TYPES})
                    self.backend.set_cookies(self.driver)  # what the user asked for stays
            except WebDriverException:
                self.broken = True  # half a reset is no first visit
        if self.broken:  # start afresh: a new session is a new profile as well
            self.backend.quit(self.driver)
            self.driver = self.backend.open_session(self.viewport)
            self.broken = False
            leave = True
        if leave:
            self.page_url = "about:blank"

    def _forget(self) -> list[str]:
        if not self.page_url.startswith("http"):
            return []
        try:
            return self._execute(scripts.FORGET) or []
        except UnexpectedAlertPresentException:
            self._dismiss()
        except WebDriverException as error:
            if self._broken(error):
                raise
        return [origin for origin in {web_origin(self.page_url)} if origin]  # a page on the move

    # -- loads and in-page calls ------------------------------------------------------------------

    async def _resize(self, width: int, height: int) -> None:
        self.viewport = (width, height)
        await self._run(self.backend.size, self.driver, width, height)

    async def _load(self, url: str) -> Response:
        return await self._run(self._load_now, url)

    def _load_now(self, url: str) -> Response:
        timeout = self.backend.options.timeout
        if self.backend.options.same_origin_only:
            self.backend.block(self.driver, url)
        self.page_url = url
        try:
            self.driver.get(url)
        except TimeoutException:
            raise BrowserError(timed_out(timeout)) from None
        except UnexpectedAlertPresentException:
            self._dismiss()
            self._wait_for_load(timeout)
        except WebDriverException as error:
            if self._broken(error):
                raise BrowserError(TAB_CRASHED_LOADING) from None
            raise BrowserError(self.load_reason(_message(error), url)) from None
        state = self._execute(scripts.LOAD_STATE)
        if state["url"] == "about:blank" and url != "about:blank":  # the tab never left the blank page
            raise BrowserError(load_error("Download is starting", url))
        return Response(state["status"], "", state["type"])

    def load_reason(self, message: str, url: str) -> str:
        if "ERR_BLOCKED_BY_CLIENT" in message and self.backend.options.same_origin_only:
            return "the page redirected to another origin, which --same-origin-only blocks"
        return super().load_reason(message, url)

    def error_page_reason(self, failed: dict, url: str) -> str:
        code = failed["code"]
        if code == "":  # what headless Chromium shows for a password prompt it cancelled
            return (f"Chromium showed an empty error page: {web_origin(url) or url} probably asks for a "
                    "user name and password (HTTP 401): give --http-credentials")
        if "BLOCKED_BY_CLIENT" in code:  # a redirect off the page's origin, under --same-origin-only
            return self.load_reason(f"net::{code}", url)
        return super().error_page_reason(failed, url)

    def _wait_for_load(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self._execute(scripts.READY_STATE) == "complete":
                    return
            except UnexpectedAlertPresentException:
                self._dismiss()
            time.sleep(0.1)
        raise BrowserError(timed_out(timeout))

    async def _call(self, function: str, arg: object) -> object:
        # chromedriver waits out a navigation before it runs a script, so a page that navigates by
        # itself shows as a new document, or as a lost context mid-call.
        return await self._run(self._call_now, function, arg)

    def _call_now(self, function: str, arg: object) -> object:
        try:
            return self._execute(function, arg)
        except UnexpectedAlertPresentException:
            self._dismiss()
            raise NavigationRace() from None
        except WebDriverException as error:
            if _navigation_race(error):
                raise NavigationRace() from None
            raise BrowserError(self._script_failure(error)) from None

    def _script_failure(self, error: WebDriverException) -> str:
        if isinstance(error, TimeoutException):
            return "an in-page script did not finish in time"
        if not isinstance(error, JavascriptException) and self._broken(error):
            return TAB_CRASHED_RENDERING
        return script_failed(_message(error))

    async def _axe(self, request: dict) -> dict | None:
        """axe-core through axe-selenium-python's Axe, pointed at our own build of it."""
        return await self._run(self._axe_now, request)

    def _axe_now(self, request: dict) -> dict | None:
        axe = Axe(self.driver, script_url=str(scripts.axe_file()))
        context = _Json(request["context"]) if request["context"] else None
        try:
            axe.inject()
            return axe.run(context, json.dumps(request["options"]))
        except UnexpectedAlertPresentException:
            self._dismiss()
            return None
        except WebDriverException as error:
            if _navigation_race(error) or "axe is not defined" in _message(error):
                return None  # the page navigated between the injection and the run
            raise BrowserError(self._script_failure(error)) from None

    # -- keys and pixels --------------------------------------------------------------------------

    async def press_tab(self) -> None:
        await self._send_key(Keys.TAB, "Tab")

    async def press_enter(self) -> None:
        await self._send_key(Keys.ENTER, "Enter")

    async def _send_key(self, key: str, name: str) -> None:
        try:
            await self._run(lambda: ActionChains(self.driver).send_keys(key).perform())
        except WebDriverException as error:
            self._broken(error)
            raise BrowserError(f"the {name} key could not be pressed: {first_line(_message(error))}") from None

    async def screenshot(self, clip: dict | None = None) -> bytes:
        try:
            data = await self._run(self._capture)
        except WebDriverException as error:
            self._broken(error)
            raise BrowserError(screenshot_failed(_message(error))) from None
        if clip is None:
            return data
        image = Image.open(io.BytesIO(data))
        left, top = max(0, round(clip["x"])), max(0, round(clip["y"]))
        right = min(image.width, round(clip["x"] + clip["width"]))
        bottom = min(image.height, round(clip["y"] + clip["height"]))
        if right <= left or bottom <= top:
            raise BrowserError("screenshot failed: the clip lies outside the viewport")
        out = io.BytesIO()
        image.crop((left, top, right, bottom)).convert("RGB").save(out, "JPEG", quality=SCREENSHOT_QUALITY)
        return out.getvalue()

    def _capture(self) -> bytes:
        """The viewport as JPEG through DevTools, as the Playwright tab takes it (Chromium encodes
        it for about a third of a PNG's CPU); as PNG through WebDriver where a remote browser takes
        no DevTools commands."""
        if not self.backend.devtools:
            return self.driver.get_screenshot_as_png()
        shot = self._cdp("Page.captureScreenshot", {"format": "jpeg", "quality": SCREENSHOT_QUALITY})
        return base64.b64decode(shot["data"])

    async def close(self) -> None:
        await self._run(self.backend.quit, self.driver)

    # -- steps before the audit -------------------------------------------------------------------

    async def _click(self, selector: str, timeout: float) -> None:
        await self._run(self._element_action, selector, lambda el: el.click(), "click")

    async def _fill(self, selector: str, text: str, timeout: float) -> None:
        def fill(element) -> None:
            element.clear()
            element.send_keys(text)
        await self._run(self._element_action, selector, fill, "fill")

    def _element_action(self, selector: str, action, verb: str) -> None:
        try:
            action(self.driver.find_element(By.CSS_SELECTOR, selector))
        except WebDriverException as error:
            if self._broken(error):
                raise
            raise BrowserError(could_not(f"{verb} it", _message(error))) from None

    async def _press(self, key: str) -> None:
        value = selenium_key(key)
        if value is None:
            raise BrowserError(f"could not press {key!r}: unknown key")
        await self._run(lambda: ActionChains(self.driver).send_keys(value).perform())


def selenium_key(name: str) -> str | None:
    """A Playwright key name (Enter, ArrowDown, PageDown, a) as Selenium's key."""
    if len(name) == 1:
        return name
    attribute = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", name).upper()
    attribute = {"ESC": "ESCAPE", " ": "SPACE"}.get(attribute, attribute)
    return getattr(Keys, attribute, None) if attribute.isidentifier() else None


def _message(error: Exception) -> str:
    return getattr(error, "msg", None) or str(error)


def _navigation_race(error: WebDriverException) -> bool:
    message = _message(error)
    return isinstance(error, StaleElementReferenceException) or is_navigation_race(message) or any(
        text in message for text in NAVIGATION_RACE)
