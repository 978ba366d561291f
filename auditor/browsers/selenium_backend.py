"""The Selenium backend: a local chromedriver, or a Selenium Grid / remote WebDriver (--grid-url).

Each tab is its own WebDriver session (so a Grid can spread workers over its nodes) and every
blocking Selenium call runs in a thread. What WebDriver cannot do is done with Chrome DevTools
commands sent through chromedriver's own endpoint, which a Grid forwards too:

- exact viewports: ``Emulation.setDeviceMetricsOverride`` (a window size would include the
  browser's frame); a remote browser without DevTools falls back to a measured window size;
- request blocking: ``Network.setBlockedURLs``. ``--block`` globs use its wildcard list; the ad
  hosts, ``--allow`` and ``--same-origin-only`` use its ordered URL patterns (first match wins),
  re-set before each page with that page's origin allowed;
- a first-time visitor: cookies and the storage of the origins the page and its frames used are
  cleared, and before the next page the tab goes to about:blank (without DevTools: the page's own
  cookies, local and session storage only);
- dialogs: alert, confirm and prompt answer as a dismissed dialog would, from a script that runs
  before the page's own; a beforeunload prompt is accepted by the session's prompt handler.
"""
from __future__ import annotations

import asyncio
import io
import re
import shutil
import time
from urllib.parse import unquote, urlsplit

from PIL import Image
from selenium import webdriver
from selenium.common.exceptions import (
    InvalidSessionIdException,
    JavascriptException,
    NoAlertPresentException,
    NoSuchWindowException,
    SessionNotCreatedException,
    TimeoutException,
    UnexpectedAlertPresentException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from ..blocking import ad_hosts
from . import Backend, BrowserError, BrowserLost, BrowserOptions, LoadInfo, NoBrowser, Tab, chromium_flags, find_chromium
from .errors import ERROR_PAGE, error_page_reason, is_navigation_race, load_error, not_html

# The bounded settle after a load or a resize, the same for both backends.
from ..scripts import SETTLE, STYLE_WATCH

NO_CHROMIUM_HELP = (
    "no Chromium found for the selenium backend: install the system Chromium that matches "
    "chromedriver (Debian/Ubuntu: apt-get install chromium chromium-driver), or point "
    "--browser-path / NEWSAUDIT_BROWSER at one"
)
NO_DRIVER_HELP = (
    "the selenium backend needs chromedriver on PATH, matching the Chromium it drives "
    "(Debian/Ubuntu: apt-get install chromium-driver), or a Selenium Grid given with --grid-url"
)

# Answers as a dismissed dialog would, in every frame, before the page's own scripts run: a
# dialog opened while chromedriver waits for a load otherwise fails that command.
NO_DIALOGS = """(() => {
  const quiet = { alert() {}, confirm() { return false; }, prompt() { return null; } };
  for (const name of Object.keys(quiet)) {
    try { Object.defineProperty(window, name, { value: quiet[name], configurable: true, writable: true }); }
    catch (e) {}
  }
})();"""

# The document's identity (a new document has a new timeOrigin) and the function's value: a page
# that navigates by itself shows up as a changed identity between calls.
EVALUATE = ("const __t = performance.timeOrigin;\n"
            "return Promise.resolve(({function})(arguments[0]))"
            ".then((v) => [__t, v === undefined ? null : v]);")

# What the navigation ended in: status and type, or Chromium's error page and its net:: code.
LOAD_STATE = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const failed = location.href.startsWith('chrome-error:');
  const code = failed ? (document.querySelector('.error-code') || document.body || {}).textContent || '' : '';
  return { url: location.href, status: nav && nav.responseStatus ? nav.responseStatus : null,
           type: (document.contentType || '').toLowerCase(), error: failed ? code.trim() : null };
}"""

# Before leaving a page: forget its session and local storage, and name the origins that may have
# stored something (the page and its frames), so that their storage is cleared from outside too.
FORGET = """() => {
  try { localStorage.clear(); } catch (e) {}
  try { sessionStorage.clear(); } catch (e) {}
  const origins = new Set([location.origin]);
  const add = (url) => { try { origins.add(new URL(url, location.href).origin); } catch (e) {} };
  performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'iframe').forEach((e) => add(e.name));
  document.querySelectorAll('iframe[src]').forEach((frame) => add(frame.src));
  return [...origins].filter((origin) => origin.startsWith('http'));
}"""

# What a site can keep about a visitor, per origin ("all" adds caches of no interest and costs 3-8x).
STORAGE_TYPES = ("cookies,local_storage,indexeddb,cache_storage,service_workers,shared_storage,storage_buckets,"
                 "file_systems")
MAX_SELF_NAVIGATIONS = 2
# What chromedriver and a Grid say when the session is gone (its browser or its node died).
SESSION_LOST = ("crash", "session deleted", "disconnected", "unable to find session", "no such session",
                "unable to execute request for an existing session", "connection refused", "connection error",
                "node is down", "chrome not reachable", "rejected from java.util.concurrent")
# How long a Grid gets to offer a working node for a new session after one failed (its health check
# takes that long to notice a dead node).
SESSION_RETRY_SECONDS = 60
URLPATTERN_SPECIALS = set("\\:{}()+?[]")


def _escape(text: str) -> str:
    return "".join("\\" + c if c in URLPATTERN_SPECIALS else c for c in text)


def glob_as_url_pattern(glob: str) -> str:
    """A ``scheme://host/path`` glob as a URLPattern string, for Chromium's ordered block list.
    Raise ValueError for globs that have no such form (their order could not be kept)."""
    match = re.fullmatch(r"([a-z*]+)://([^/]+)(/.*)?", glob)
    if not match or "?" in glob or "[" in glob:
        raise ValueError(glob)
    scheme, host, path = match.groups()
    host, _, port = host.rpartition(":") if re.search(r":[\d*]+$", host) else (host, "", "")
    return f"{scheme}://{_escape(host)}{':' + port if port else ''}{_escape(path or '/*')}"


def origin_pattern(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{_escape(host)}{port}/*"


class SeleniumTab(Tab):
    def __init__(self, backend: "SeleniumBackend", driver):
        self.backend = backend
        self.driver = driver
        self.broken = False  # a crashed tab or a lost session: reset() starts a new one
        self.document = None  # performance.timeOrigin of the document last loaded
        self.navigations = 0
        self.page_url = "about:blank"
        self.viewport = (1280, 800)

    # -- plumbing ---------------------------------------------------------------------------------

    async def _run(self, function, *args):
        """``function(*args)`` in a thread; a WebDriver failure nobody expected becomes a one-line
        reason, and a lost session (a crashed browser, a Grid node gone) is BrowserLost: the engine
        audits the page again in a new session."""
        try:
            return await asyncio.to_thread(function, *args)
        except BrowserLost:
            raise
        except BrowserError as error:
            if self.broken:
                raise BrowserLost(str(error)) from None
            raise
        except WebDriverException as error:
            if self._broken(error):
                raise BrowserLost("the browser tab crashed or its session was lost") from None
            raise BrowserError(f"the browser failed: {_first_line(error)}") from None
        except NoBrowser:
            raise
        except Exception as error:  # noqa: BLE001 - urllib3/http errors: the WebDriver connection dropped
            self.broken = True
            reason = str(getattr(error, "reason", None) or error).strip().rsplit(": ", 1)[-1] or type(error).__name__
            raise BrowserLost(f"the connection to the browser dropped: {reason}") from None

    def _cdp(self, command: str, params: dict | None = None) -> dict:
        return self.backend.cdp(self.driver, command, params or {})

    def _broken(self, error: WebDriverException) -> bool:
        message = (error.msg or str(error)).lower()
        if isinstance(error, (InvalidSessionIdException, NoSuchWindowException)) or any(
                words in message for words in SESSION_LOST):
            self.broken = True
        return self.broken

    def _dismiss(self) -> None:
        try:
            self.driver.switch_to.alert.dismiss()
        except (NoAlertPresentException, WebDriverException):
            pass

    # -- the Tab interface ------------------------------------------------------------------------

    async def reset(self) -> None:
        await self._run(self._reset, True)

    async def clear_site_data(self) -> None:
        await self._run(self._reset, False)

    def _reset(self, leave: bool) -> None:
        """Forget cookies and storage; ``leave`` the page too (for the next page: it can no longer
        write anything, nor keep loading). Between viewports of one page the next load leaves it,
        as with Playwright, which saves a navigation per viewport."""
        if not self.broken:
            try:
                origins = self._forget()
                if not self.backend.devtools and self.page_url.startswith("http"):
                    self.driver.delete_all_cookies()  # the page's own; its storage went in _forget
                if leave:
                    self.driver.get("about:blank")
                if self.backend.devtools:
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
            self.page_url, self.document, self.navigations = "about:blank", None, 0

    def _forget(self) -> list[str]:
        if not self.page_url.startswith("http"):
            return []
        try:
            return self._execute(FORGET, None)[1] or []
        except UnexpectedAlertPresentException:
            self._dismiss()
        except WebDriverException as error:
            if self._broken(error):
                raise
        return [origin for origin in {_origin(self.page_url)} if origin]  # a page on the move

    async def set_viewport(self, width: int, height: int) -> None:
        self.viewport = (width, height)
        await self._run(self.backend.size, self.driver, width, height)
        if self.page_url.startswith("http"):
            try:
                await self.evaluate(SETTLE)
            except BrowserError:
                pass  # a navigating page: goto or the next evaluate will say so

    async def goto(self, url: str) -> LoadInfo:
        state = await self._run(self._goto, url)
        status, content_type = state["status"], state["type"]
        if status is not None and status >= 400:
            raise BrowserError(f"the server answered HTTP {status}")
        reason = not_html(content_type)
        if reason:
            raise BrowserError(reason)
        await self.evaluate(SETTLE)
        return LoadInfo(final_url=state["url"], status=status, content_type=content_type)

    def _goto(self, url: str) -> dict:
        timeout = self.backend.options.timeout
        if self.backend.options.same_origin_only:
            self.backend.block(self.driver, url)
        self.page_url, self.document, self.navigations = url, None, 0
        try:
            self.driver.get(url)
        except TimeoutException:
            raise BrowserError(f"the page did not finish loading within {timeout:g} s (--timeout)") from None
        except UnexpectedAlertPresentException:
            self._dismiss()
            self._wait_for_load(timeout)
        except WebDriverException as error:
            if self._broken(error):
                raise BrowserError("the browser tab crashed while loading the page") from None
            raise BrowserError(self._load_reason(error.msg or str(error), url)) from None
        state = self._evaluate(LOAD_STATE, None)
        if state["error"] == "":  # what headless Chromium shows for a password prompt it cancelled
            raise BrowserError(f"Chromium showed an empty error page: {_origin(url) or url} probably asks for a "
                               "user name and password (HTTP 401): give --http-credentials")
        if state["error"] is not None:
            failed = self._evaluate(ERROR_PAGE, None) or {"code": state["error"]}
            if "BLOCKED_BY_CLIENT" in failed["code"]:
                raise BrowserError(self._load_reason(f"net::{failed['code']}", url))
            raise BrowserError(error_page_reason(failed, url))
        if state["url"] == "about:blank" and url != "about:blank":  # the tab never left the blank page
            raise BrowserError(load_error("Download is starting", url))
        return state

    def _load_reason(self, message: str, url: str) -> str:
        reason = load_error(message, url)
        if "ERR_BLOCKED_BY_CLIENT" in message and self.backend.options.same_origin_only:
            reason = "the page redirected to another origin, which --same-origin-only blocks"
        return reason

    def _wait_for_load(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.driver.execute_script("return document.readyState") == "complete":
                    return
            except UnexpectedAlertPresentException:
                self._dismiss()
            time.sleep(0.1)
        raise BrowserError(f"the page did not finish loading within {timeout:g} s (--timeout)")

    def _execute(self, function: str, arg: object) -> list:
        return self.driver.execute_script(EVALUATE.replace("{function}", function), arg)

    async def evaluate(self, function: str, arg: object = None) -> object:
        return await self._run(self._evaluate, function, arg)

    def _evaluate(self, function: str, arg: object) -> object:
        # chromedriver waits out a navigation before it runs a script, so a page that navigates by
        # itself shows as a new document, or as a lost context mid-call: allow a couple (a redirect
        # by script), not a loop.
        for attempt in range(MAX_SELF_NAVIGATIONS + 2):
            try:
                document, value = self._execute(function, arg)
            except UnexpectedAlertPresentException:
                self._dismiss()
                continue
            except WebDriverException as error:
                if not _navigation_race(error):
                    raise BrowserError(self._script_failure(error)) from None
                self._navigated(None)
                time.sleep(0.2 * (attempt + 1))
                continue
            self._navigated(document)
            return value
        raise BrowserError("the page keeps navigating by itself, so it could not be audited")

    def _navigated(self, document: float | None) -> None:
        """Count the page's own navigations since it was loaded (None: one that broke a call)."""
        if document is not None and (self.document is None or document == self.document):
            self.document = document
            return
        self.document = document
        self.navigations += 1
        if self.navigations > MAX_SELF_NAVIGATIONS:
            raise BrowserError("the page keeps navigating by itself, so it could not be audited")

    def _script_failure(self, error: WebDriverException) -> str:
        if isinstance(error, JavascriptException):
            return f"in-page script failed: {_first_line(error)}"
        if isinstance(error, TimeoutException):
            return "an in-page script did not finish in time"
        if self._broken(error):
            return "the browser tab crashed while rendering the page"
        return f"in-page script failed: {_first_line(error)}"

    async def inject(self, script: str) -> None:
        await self.evaluate(f"() => {{ {script}\n }}")

    async def press_tab(self) -> None:
        await self._press(Keys.TAB, "Tab")

    async def press_enter(self) -> None:
        await self._press(Keys.ENTER, "Enter")

    async def _press(self, key: str, name: str) -> None:
        try:
            await self._run(lambda: ActionChains(self.driver).send_keys(key).perform())
        except WebDriverException as error:
            self._broken(error)
            raise BrowserError(f"the {name} key could not be pressed: {_first_line(error)}") from None

    async def screenshot(self, clip: dict | None = None) -> bytes:
        try:
            png = await self._run(self.driver.get_screenshot_as_png)
        except WebDriverException as error:
            self._broken(error)
            raise BrowserError(f"screenshot failed: {_first_line(error)}") from None
        if clip is None:
            return png
        image = Image.open(io.BytesIO(png))
        left, top = max(0, round(clip["x"])), max(0, round(clip["y"]))
        right = min(image.width, round(clip["x"] + clip["width"]))
        bottom = min(image.height, round(clip["y"] + clip["height"]))
        if right <= left or bottom <= top:
            raise BrowserError("screenshot failed: the clip lies outside the viewport")
        out = io.BytesIO()
        image.crop((left, top, right, bottom)).save(out, "PNG")
        return out.getvalue()

    async def close(self) -> None:
        await self._run(self.backend.quit, self.driver)

    # -- steps before the audit -------------------------------------------------------------------

    async def click(self, selector: str, timeout: float) -> None:
        await self._run(self._element_action, selector, lambda el: el.click(), "click")

    async def fill(self, selector: str, text: str, timeout: float) -> None:
        def fill(element) -> None:
            element.clear()
            element.send_keys(text)
        await self._run(self._element_action, selector, fill, "fill")

    def _element_action(self, selector: str, action, verb: str) -> None:
        from selenium.webdriver.common.by import By

        try:
            action(self.driver.find_element(By.CSS_SELECTOR, selector))
        except WebDriverException as error:
            if self._broken(error):
                raise
            raise BrowserError(f"could not {verb} it: {_first_line(error)}") from None

    async def press(self, key: str) -> None:
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


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


def _navigation_race(error: WebDriverException) -> bool:
    message = error.msg or str(error)
    return is_navigation_race(message) or any(
        text in message for text in ("no such execution context", "aborted by navigation"))


def _first_line(error: Exception) -> str:
    return ((getattr(error, "msg", None) or str(error)).strip().splitlines() or ["unknown error"])[0]


class SeleniumBackend(Backend):
    name = "selenium"

    def __init__(self, options: BrowserOptions):
        self.options = options
        self.binary = ""
        self.driver_path = ""
        self.spare = None  # the session start() opened, handed to the first tab
        self.drivers: list = []
        self.devtools = True
        self.window_extra: tuple[int, int] | None = None
        self.browser_version = ""

    # -- sessions ---------------------------------------------------------------------------------

    def chrome_options(self) -> webdriver.ChromeOptions:
        options = webdriver.ChromeOptions()
        if self.options.headless:
            options.add_argument("--headless=new")
        for flag in chromium_flags():
            options.add_argument(flag)
        if self.binary:
            options.binary_location = self.binary
        options.page_load_strategy = "normal"
        options.set_capability("unhandledPromptBehavior", {"default": "dismiss", "beforeUnload": "accept"})
        return options

    def new_driver(self):
        try:
            if self.options.grid_url:
                driver = webdriver.Remote(options=self.chrome_options(), **self.remote())
                driver.command_executor.add_command(
                    "executeCdpCommand", "POST", "/session/$sessionId/goog/cdp/execute")
            else:
                driver = webdriver.Chrome(service=Service(executable_path=self.driver_path),
                                          options=self.chrome_options())
        except SessionNotCreatedException as error:
            raise NoBrowser(f"could not start a browser session: {_first_line(error)}") from None
        except WebDriverException as error:
            raise NoBrowser(f"could not start a browser session with {self.where()}: {_first_line(error)}") from None
        except Exception as error:  # noqa: BLE001 - e.g. a Grid URL nobody answers at
            # urllib3 wraps the cause in lines of pool details: keep its last words
            reason = str(getattr(error, "reason", None) or error).strip().rsplit(": ", 1)[-1] or type(error).__name__
            raise NoBrowser(f"could not reach {self.where()}: {reason}") from None
        self.drivers.append(driver)
        timeout = self.options.timeout
        try:
            driver.set_page_load_timeout(timeout)
            driver.set_script_timeout(max(timeout, 30))
        except Exception as error:  # noqa: BLE001 - a session that died at birth (its Grid node went)
            self.quit(driver)
            raise NoBrowser(f"the browser session could not be set up: {_first_line(error)}") from None
        return driver

    def open_session(self, viewport: tuple[int, int] = (1280, 800)):
        """A new session, ready for its first page; NoBrowser when none can be had. A Grid may
        still send a new session to a node that just died, until its health check notices: try
        again for a while before giving up."""
        deadline = time.monotonic() + (SESSION_RETRY_SECONDS if self.options.grid_url and self.browser_version else 0)
        while True:
            try:
                return self._open_session(viewport)
            except NoBrowser:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(2)

    def _open_session(self, viewport: tuple[int, int]):
        driver = self.new_driver()
        try:
            if not self.browser_version:
                self.probe(driver)
            self.prepare(driver, viewport)
        except NoBrowser:
            self.quit(driver)
            raise
        except Exception as error:  # noqa: BLE001 - WebDriver or connection errors alike
            self.quit(driver)
            raise NoBrowser(f"the browser session could not be set up: {_first_line(error)}") from None
        return driver

    def probe(self, driver) -> None:
        """The first session tells what the browser is, and whether it takes DevTools commands."""
        try:
            self.cdp(driver, "Browser.getVersion", {})
        except WebDriverException:
            self.devtools = False
        if not self.devtools and self.options.identity is not None and self.options.identity.active:
            raise NoBrowser("the remote browser takes no Chrome DevTools commands, which headers, cookies, "
                            "credentials, a storage state, user agent, locale and time zone need")
        if not self.devtools and (self.options.block or self.options.block_ads or self.options.same_origin_only):
            raise NoBrowser("the remote browser takes no Chrome DevTools commands, which request blocking "
                            "needs: use --no-block-ads and no --block or --same-origin-only")
        name = "Chromium" if "chromium" in (self.binary or "").lower() else "Chrome"
        self.browser_version = f"{name} {driver.capabilities.get('browserVersion', '')}".strip()

    def remote(self) -> dict:
        """How to reach the Grid: a user name and password in its URL go in a client config."""
        parts = urlsplit(self.options.grid_url)
        if not parts.username:
            return {"command_executor": self.options.grid_url}
        from selenium.webdriver.remote.client_config import ClientConfig  # selenium 4.26 or newer

        address = parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()
        return {"command_executor": address, "client_config": ClientConfig(
            remote_server_addr=address, username=unquote(parts.username), password=unquote(parts.password or ""))}

    def where(self) -> str:
        """The Grid's address without any user name or password in it, or the local chromedriver."""
        if not self.options.grid_url:
            return self.driver_path
        parts = urlsplit(self.options.grid_url)
        return f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}{parts.path}"

    def quit(self, driver) -> None:
        if driver in self.drivers:
            self.drivers.remove(driver)
            try:
                driver.quit()
            except Exception:  # noqa: BLE001 - a session already gone is what we wanted
                pass

    def cdp(self, driver, command: str, params: dict) -> dict:
        return driver.execute("executeCdpCommand", {"cmd": command, "params": params})["value"]

    def prepare(self, driver, viewport: tuple[int, int]) -> None:
        """What every new session needs before its first page: no dialogs, blocking, a size."""
        if self.devtools:
            self.cdp(driver, "Page.addScriptToEvaluateOnNewDocument", {"source": NO_DIALOGS + STYLE_WATCH})
            self.cdp(driver, "Network.enable", {})
            self.cdp(driver, "Network.setBypassServiceWorker", {"bypass": True})
            self.block(driver, None)
            self.apply_identity(driver)
        self.size(driver, *viewport)

    # -- blocking, viewports ----------------------------------------------------------------------

    def block_lists(self, page_url: str | None) -> dict:
        """Chromium's block list, in the Blocker's order: --block, then --allow, then the ad hosts,
        then everything off the page's origin under --same-origin-only. The ordered URL patterns
        (first match wins) win over the wildcard ``urls``, so --block globs go there only when no
        pattern could allow what they block."""
        options = self.options
        ordered = options.same_origin_only or bool(options.allow)
        patterns = []
        if ordered:
            patterns += [{"urlPattern": glob_as_url_pattern(g), "block": True} for g in options.block]
            patterns += [{"urlPattern": glob_as_url_pattern(g), "block": False} for g in options.allow]
        if options.block_ads:
            for host in sorted(ad_hosts()):
                patterns += [{"urlPattern": f"*://{host}:*/*", "block": True},
                             {"urlPattern": f"*://*.{host}:*/*", "block": True}]
        if options.same_origin_only and page_url:
            patterns += [{"urlPattern": origin_pattern(page_url), "block": False},
                         {"urlPattern": "*://*:*/*", "block": True}]
        return {"urls": [] if ordered else list(options.block), "urlPatterns": patterns}

    def block(self, driver, page_url: str | None) -> None:
        if self.devtools:
            self.cdp(driver, "Network.setBlockedURLs", self.block_lists(page_url))

    def size(self, driver, width: int, height: int) -> None:
        if self.devtools:
            self.cdp(driver, "Emulation.setDeviceMetricsOverride",
                     {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
            return
        # No DevTools (a remote browser that forbids them): size the window, less its frame.
        if self.window_extra is None:
            outer = driver.get_window_size()
            inner = driver.execute_script("return [innerWidth, innerHeight]")
            self.window_extra = (outer["width"] - inner[0], outer["height"] - inner[1])
        driver.set_window_size(width + self.window_extra[0], height + self.window_extra[1])

    # -- the Backend interface --------------------------------------------------------------------

    async def start(self) -> None:
        if not self.options.grid_url:
            self.driver_path = shutil.which("chromedriver") or ""
            if not self.driver_path:
                raise NoBrowser(f"no chromedriver found: {NO_DRIVER_HELP}")
            self.binary = find_chromium(self.options.executable, help=NO_CHROMIUM_HELP)
        elif self.options.executable:
            self.binary = self.options.executable  # a path on the remote node
        try:
            self.block_lists("http://127.0.0.1/")  # a glob that cannot keep its order fails here
        except ValueError as error:
            raise NoBrowser(
                f"the selenium backend cannot keep the --block/--allow glob {str(error)!r} in order "
                "with --same-origin-only or --allow: write it as scheme://host/path with * wildcards, "
                "such as '*://*.example.com/*'") from None
        self.spare = await asyncio.to_thread(self.open_session)

    async def new_tab(self) -> Tab:
        driver, self.spare = self.spare, None
        if driver is None:
            driver = await asyncio.to_thread(self.open_session)
        return SeleniumTab(self, driver)

    async def stop(self) -> None:
        for driver in list(self.drivers):
            await asyncio.to_thread(self.quit, driver)
        self.spare = None

    # -- identity (auditor/identity.py) -------------------------------------------------------------

    def apply_identity(self, driver) -> None:
        """Headers, user agent, locale and time zone for the session; the saved local storage on
        every new document; the cookies. HTTP credentials go as an Authorization header:
        chromedriver passes no DevTools events on, so an auth challenge could not be answered."""
        identity = self.options.identity
        if identity is None or not identity.active:
            return
        headers = dict(identity.headers)
        auth = identity.basic_auth_header()
        if auth:
            headers.setdefault("Authorization", auth)
        if identity.locale:
            headers.setdefault("Accept-Language", identity.locale)
        if headers:
            self.cdp(driver, "Network.setExtraHTTPHeaders", {"headers": headers})
        if identity.user_agent or identity.locale:
            agent = identity.user_agent or self.cdp(driver, "Browser.getVersion", {}).get("userAgent", "")
            self.cdp(driver, "Network.setUserAgentOverride",
                     {"userAgent": agent, **({"acceptLanguage": identity.locale} if identity.locale else {})})
        if identity.locale:
            self.cdp(driver, "Emulation.setLocaleOverride", {"locale": identity.locale})
        if identity.timezone:
            self.cdp(driver, "Emulation.setTimezoneOverride", {"timezoneId": identity.timezone})
        script = identity.storage_script()
        if script:
            self.cdp(driver, "Page.addScriptToEvaluateOnNewDocument", {"source": script})
        self.set_cookies(driver)

    def set_cookies(self, driver) -> None:
        identity = self.options.identity
        cookies = identity.browser_cookies() if identity is not None else []
        if cookies and self.devtools:
            self.cdp(driver, "Network.setCookies", {"cookies": cookies})

    async def login(self, function) -> None:
        """The login script drives the first session itself; its cookies and the local storage of
        the page it ended on are kept for every page."""
        driver = self.spare or await asyncio.to_thread(self.open_session)
        self.spare = driver

        def run() -> dict:
            function(driver)
            cookies = self.cdp(driver, "Network.getAllCookies", {}).get("cookies", []) if self.devtools else []
            origin = driver.execute_script("return location.origin")
            items = driver.execute_script(
                "try { return Object.entries(localStorage).map(([name, value]) => ({name, value})); }"
                " catch (e) { return []; }") if str(origin).startswith("http") else []
            return {"cookies": cookies, "origins": [{"origin": origin, "localStorage": items}] if items else []}
        self.options.identity.add_state(await asyncio.to_thread(run), "--login-script")
        script = self.options.identity.storage_script()
        if script and self.devtools:
            await asyncio.to_thread(self.cdp, driver, "Page.addScriptToEvaluateOnNewDocument", {"source": script})

    @property
    def version(self) -> str:
        where = f", Selenium Grid at {self.where()}" if self.options.grid_url else ", Selenium"
        return f"{self.browser_version}{where}" if self.browser_version else ""
