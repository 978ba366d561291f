"""Chromium's network errors, turned into the one-line reasons a report shows."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

_NET_ERRORS = {
    "ERR_CONNECTION_REFUSED": "connection refused by {host}",
    "ERR_NAME_NOT_RESOLVED": "DNS lookup failed: no such host {host}",
    "ERR_NAME_RESOLUTION_FAILED": "DNS lookup failed for {host}",
    "ERR_TOO_MANY_REDIRECTS": "redirect loop: too many redirects",
    "ERR_CONNECTION_RESET": "the connection to {host} was reset",
    "ERR_CONNECTION_CLOSED": "the connection to {host} closed before a response",
    "ERR_EMPTY_RESPONSE": "{host} closed the connection without a response",
    "ERR_CONNECTION_TIMED_OUT": "the connection to {host} timed out",
    "ERR_TIMED_OUT": "the request to {host} timed out",
    "ERR_ADDRESS_UNREACHABLE": "{host} is unreachable",
    "ERR_INTERNET_DISCONNECTED": "no network connection",
    "ERR_INVALID_URL": "the URL is malformed",
    "ERR_UNSAFE_PORT": "Chromium refuses to connect to that port",
    "ERR_BLOCKED_BY_CLIENT": "the page itself was blocked by a --block pattern",
    "ERR_INVALID_RESPONSE": "{host} sent an invalid response",
    "ERR_FILE_NOT_FOUND": "file not found",
    "ERR_INVALID_AUTH_CREDENTIALS": "{host} asks for a user name and password (HTTP 401): give --http-credentials",
}


def load_error(message: str, url: str) -> str:
    host = urlsplit(url).netloc or url
    if "Download is starting" in message:
        return "not an HTML page: the URL starts a download"
    match = re.search(r"net::(ERR_[A-Z_]+)", message)
    if match:
        code = match.group(1)
        if code.startswith("ERR_CERT"):
            return f"TLS certificate problem on {host} ({code})"
        if code.startswith("ERR_SSL"):  # often a server that speaks only http
            return f"{host} did not answer over https ({code})"
        template = _NET_ERRORS.get(code)
        return template.format(host=host) if template else f"could not load the page ({code})"
    if "crash" in message.lower():
        return TAB_CRASHED_LOADING
    if "interrupted by another navigation" in message or is_navigation_race(message):
        return KEEPS_NAVIGATING
    if "frame was detached" in message.lower():
        return "the page removed itself while loading"
    # Playwright's own words start "Page.goto: " and end in a call log: keep the reason alone.
    first = (message.strip().splitlines() or ["unknown error"])[0]
    return "could not load the page: " + re.sub(r"^\w+\.\w+: ", "", first)


def error_page_reason(state: dict, requested: str) -> str:
    """Why a load ended on Chromium's error page (as js/load.js reads it): the page itself
    failed, or where it redirected."""
    code, failed = state.get("code") or "", state.get("url") or ""
    reason = load_error(f"net::{code}" if code.startswith("ERR_") else code, failed or requested)
    if failed and failed.rstrip("/") != requested.rstrip("/"):
        shown = failed if len(failed) <= 100 else failed[:99] + "…"
        return f"the page redirected to {shown}, which did not answer: {reason}"
    return reason


HTML_TYPES = ("text/html", "application/xhtml+xml")


def not_html(content_type: str) -> str | None:
    """A reason when the response is not a web page (a PDF, an image), else None."""
    if content_type and content_type not in HTML_TYPES:
        return f"not an HTML page: the server sent {content_type}"
    return None


def is_navigation_race(message: str) -> bool:
    return any(text in message for text in (
        "Execution context was destroyed", "because of a navigation", "Cannot find context with specified id"))


KEEPS_NAVIGATING = "the page keeps navigating by itself, so it could not be audited"
BROWSER_LOST = "the browser closed unexpectedly (Chromium crashed, was killed, or its connection dropped)"
AXE_MISSING = "axe-core is not in the page"


def http_error(status: int, text: str = "") -> str:
    return f"the server answered HTTP {status}{' ' + text if text else ''}"


def timed_out(timeout: float) -> str:
    return f"the page did not finish loading within {timeout:g} s (--timeout)"


def first_line(message: str) -> str:
    return (message.strip().splitlines() or ["unknown error"])[0]


def browser_failed(message: str) -> str:
    return f"the browser failed: {first_line(message)}"


def script_failed(message: str) -> str:
    return f"in-page script failed: {first_line(message)}"


TAB_CRASHED_LOADING = "the browser tab crashed while loading the page"
TAB_CRASHED_RENDERING = "the browser tab crashed while rendering the page"


def last_words(error: Exception) -> str:
    """urllib3 wraps the cause of a dropped connection in lines of pool details: its last words."""
    return str(getattr(error, "reason", None) or error).strip().rsplit(": ", 1)[-1] or type(error).__name__


def could_not(what: str, message: str) -> str:
    """A step's or a screenshot's failure: ``could not click it: <the browser's first line>``."""
    return f"could not {what}: {first_line(message)}"


def screenshot_failed(message: str) -> str:
    return f"screenshot failed: {first_line(message)}"
