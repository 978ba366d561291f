"""What WebDriver cannot do, done with Chrome DevTools commands sent through chromedriver's own
endpoint, which a Grid forwards too:

- exact viewports: ``Emulation.setDeviceMetricsOverride`` (a window size would include the
  browser's frame); a remote browser without DevTools falls back to a measured window size;
- request blocking: ``Network.setBlockedURLs``, in the one order of ``blocking.Blocker.rules``.
  ``--block`` globs use its wildcard list when no rule could let through what they block;
  otherwise every rule becomes its ordered URL patterns (first match wins), re-set before each
  page with that page's origin allowed;
- the identity the user gave: headers, user agent, locale, time zone, cookies, saved storage.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from .. import scripts
from ..blocking import Blocker, ad_hosts

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


def block_lists(blocker: Blocker, page_url: str | None) -> dict:
    """Chromium's block list for ``blocker``'s rules. The ordered URL patterns win over the
    wildcard ``urls``, so --block globs go there only when no rule lets anything through."""
    rules = blocker.rules
    ordered = any(not rule.block or rule.kind == "other origins" for rule in rules)
    urls, patterns = [], []
    for rule in rules:
        if rule.kind == "globs" and not ordered:
            urls += rule.globs
        elif rule.kind == "globs":
            patterns += [{"urlPattern": glob_as_url_pattern(g), "block": rule.block} for g in rule.globs]
        elif rule.kind == "ad hosts":
            for host in sorted(ad_hosts()):
                patterns += [{"urlPattern": f"*://{host}:*/*", "block": True},
                             {"urlPattern": f"*://*.{host}:*/*", "block": True}]
        elif page_url:  # every other origin than the page's
            patterns += [{"urlPattern": origin_pattern(page_url), "block": False},
                         {"urlPattern": "*://*:*/*", "block": True}]
    return {"urls": urls, "urlPatterns": patterns}


def cdp(driver, command: str, params: dict) -> dict:
    return driver.execute("executeCdpCommand", {"cmd": command, "params": params})["value"]


def emulate_viewport(driver, width: int, height: int) -> None:
    cdp(driver, "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def window_frame(driver) -> tuple[int, int]:
    """What the window adds around the page (borders, toolbars), to size a window without DevTools."""
    outer = driver.get_window_size()
    inner = driver.execute_script(f"return ({scripts.WINDOW_SIZE})();")
    return outer["width"] - inner[0], outer["height"] - inner[1]


def size_window(driver, width: int, height: int, frame: tuple[int, int]) -> None:
    driver.set_window_size(width + frame[0], height + frame[1])


class DevTools:
    """The DevTools half of the Selenium backend (mixed into SeleniumBackend)."""

    devtools = True  # False once a remote browser has refused a DevTools command
    window_extra: tuple[int, int] | None = None

    def cdp(self, driver, command: str, params: dict) -> dict:
        return cdp(driver, command, params)

    def prepare(self, driver, viewport: tuple[int, int]) -> None:
        """What every new session needs before its first page: no dialogs, blocking, a size."""
        if self.devtools:
            self.cdp(driver, "Page.addScriptToEvaluateOnNewDocument",
                     {"source": scripts.NO_DIALOGS + scripts.STYLE_WATCH})
            self.cdp(driver, "Network.enable", {})
            self.cdp(driver, "Network.setBypassServiceWorker", {"bypass": True})
            self.block(driver, None)
            self.apply_identity(driver)
        self.size(driver, *viewport)

    def block_lists(self, page_url: str | None) -> dict:
        return block_lists(self.blocker, page_url)

    def block(self, driver, page_url: str | None) -> None:
        if self.devtools:
            self.cdp(driver, "Network.setBlockedURLs", self.block_lists(page_url))

    def size(self, driver, width: int, height: int) -> None:
        if self.devtools:
            emulate_viewport(driver, width, height)
            return
        # No DevTools (a remote browser that forbids them): size the window, less its frame.
        if self.window_extra is None:
            self.window_extra = window_frame(driver)
        size_window(driver, width, height, self.window_extra)

    # -- identity (auditor/identity.py) -----------------------------------------------------------

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
        self.add_storage_script(driver)
        self.set_cookies(driver)

    def add_storage_script(self, driver) -> None:
        script = self.options.identity.storage_script()
        if script and self.devtools:
            self.cdp(driver, "Page.addScriptToEvaluateOnNewDocument", {"source": script})

    def set_cookies(self, driver) -> None:
        identity = self.options.identity
        cookies = identity.browser_cookies() if identity is not None else []
        if cookies and self.devtools:
            self.cdp(driver, "Network.setCookies", {"cookies": cookies})
