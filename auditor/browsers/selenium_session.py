"""WebDriver sessions for the Selenium backend: a local chromedriver, or a Selenium Grid /
remote WebDriver (--grid-url). Each tab is its own session, so a Grid can spread workers over
its nodes."""
from __future__ import annotations

import base64
import json
import time
import urllib.request
from urllib.parse import unquote, urlsplit

from selenium import webdriver
from selenium.common.exceptions import SessionNotCreatedException, WebDriverException
from selenium.webdriver.chrome.service import Service

from . import chromium_flags
from .base import NoBrowser
from .errors import first_line, last_words

# How long a Grid gets to offer a working node for a new session after one failed (its health check
# takes that long to notice a dead node).
SESSION_RETRY_SECONDS = 60


def _first_line(error: Exception) -> str:
    return first_line(getattr(error, "msg", None) or str(error))


class Sessions:
    """The session half of the Selenium backend (mixed into SeleniumBackend)."""

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
            raise NoBrowser(f"could not reach {self.where()}: {last_words(error)}") from None
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
        if self.options.grid_url:
            self.nodes[driver.session_id] = self.grid_node(driver.session_id)
        return driver

    def grid_node(self, session_id: str) -> str:
        """The URI of the Grid node that holds a session, from the Grid's GraphQL endpoint, so a
        report can say which node audited each page; "" for a remote end that cannot tell."""
        parts = urlsplit(self.options.grid_url)
        address = parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1], path=parts.path.rstrip("/") + "/graphql")
        query = json.dumps({"query": "query($id: String!) { session(id: $id) { nodeUri } }",
                            "variables": {"id": session_id}}).encode()
        request = urllib.request.Request(address.geturl(), data=query, headers={"Content-Type": "application/json"})
        if parts.username:
            login = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
            request.add_header("Authorization", "Basic " + base64.b64encode(login).decode())
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                node = json.load(response)["data"]["session"]["nodeUri"]
        except Exception:  # noqa: BLE001 - a plain remote WebDriver has no GraphQL: no node to name
            return ""
        return str(node)[:200] if isinstance(node, str) else ""

    def probe(self, driver) -> None:
        """The first session tells what the browser is, and whether it takes DevTools commands."""
        try:
            self.cdp(driver, "Browser.getVersion", {})
        except WebDriverException:
            self.devtools = False
        if not self.devtools and self.options.identity is not None and self.options.identity.active:
            raise NoBrowser("the remote browser takes no Chrome DevTools commands, which headers, cookies, "
                            "credentials, a storage state, user agent, locale and time zone need")
        if not self.devtools and self.blocker.active:
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
