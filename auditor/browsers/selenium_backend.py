"""The Selenium backend: a local chromedriver, or a Selenium Grid / remote WebDriver (--grid-url).

Its parts, by job: selenium_session.py opens WebDriver sessions (locally or on a Grid),
selenium_devtools.py does with DevTools commands what WebDriver cannot (viewports, blocking,
identity), selenium_tab.py is the tab. Every blocking Selenium call runs in a thread.
"""
from __future__ import annotations

import asyncio
import shutil
import time

from selenium.common.exceptions import JavascriptException

from .. import scripts
from . import BrowserOptions, find_chromium
from .base import Backend, NoBrowser, Tab
from .login_settle import POLL_S, PROBE, WATCH, Settling
from .selenium_devtools import DevTools, glob_as_url_pattern, origin_pattern
from .selenium_session import Sessions
from .selenium_tab import SeleniumTab, selenium_key

__all__ = ["SeleniumBackend", "SeleniumTab", "glob_as_url_pattern", "origin_pattern", "selenium_key"]

NO_CHROMIUM_HELP = (
    "no Chromium found for the selenium backend: install the system Chromium that matches "
    "chromedriver (Debian/Ubuntu: apt-get install chromium chromium-driver), or point "
    "--browser-path / NEWSAUDIT_BROWSER at one"
)
NO_DRIVER_HELP = (
    "the selenium backend needs chromedriver on PATH, matching the Chromium it drives "
    "(Debian/Ubuntu: apt-get install chromium-driver), or a Selenium Grid given with --grid-url"
)


class SeleniumBackend(Sessions, DevTools, Backend):
    name = "selenium"

    def __init__(self, options: BrowserOptions):
        super().__init__(options)
        self.binary = ""
        self.driver_path = ""
        self.spare = None  # the session start() opened, handed to the first tab
        self.drivers: list = []
        self.nodes: dict[str, str] = {}  # session id -> the Grid node that holds it
        self.browser_version = ""

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

    async def login(self, function) -> None:
        """The login script drives the first session itself; its cookies and the local storage of
        the page it ended on are kept for every page."""
        driver = self.spare or await asyncio.to_thread(self.open_session)
        self.spare = driver

        def run() -> dict:
            watch = self.cdp(driver, "Page.addScriptToEvaluateOnNewDocument", {"source": WATCH}) if self.devtools else {}
            try:
                function(driver)
                self.settle(driver)
            finally:
                if watch:
                    self.cdp(driver, "Page.removeScriptToEvaluateOnNewDocument", {"identifier": watch["identifier"]})
            saved = driver.execute_script(f"return ({scripts.SAVED_STORAGE})();")
            cookies = self.cdp(driver, "Network.getAllCookies", {}).get("cookies", []) if self.devtools else []
            items = saved["items"]
            return {"cookies": cookies,
                    "origins": [{"origin": saved["origin"], "localStorage": items}] if items else []}
        self.options.identity.add_state(await asyncio.to_thread(run), "--login-script")
        await asyncio.to_thread(self.add_storage_script, driver)

    def settle(self, driver) -> None:
        """Wait for the page the login script left to settle (login_settle.py says when)."""
        settling = Settling(self.options.timeout)
        while not settling.given_up:
            try:
                answer = tuple(driver.execute_script(f"return {PROBE};"))
            except JavascriptException:  # between two documents
                answer = None
            if settling.settled(answer):
                return
            time.sleep(POLL_S)

    @property
    def version(self) -> str:
        where = f", Selenium Grid at {self.where()}" if self.options.grid_url else ", Selenium"
        return f"{self.browser_version}{where}" if self.browser_version else ""
