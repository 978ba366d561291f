"""--retries: a load that failed in a way that often passes (a timeout, a reset or closed
connection, HTTP 502/503/504) is tried again, after a short pause; anything else fails at once."""
from __future__ import annotations

import asyncio
import re

from .browsers import BrowserError, BrowserLost, LoadInfo, Tab
from .browsers.errors import _NET_ERRORS

MAX_RETRIES = 10
PAUSE_SECONDS = 0.5  # times the try number: 0.5 s, 1 s, ...
TRANSIENT_CODES = ("ERR_CONNECTION_RESET", "ERR_CONNECTION_CLOSED", "ERR_EMPTY_RESPONSE",
                   "ERR_CONNECTION_TIMED_OUT", "ERR_TIMED_OUT")


def _reason_pattern(template: str) -> str:
    return re.escape(template).replace(re.escape("{host}"), r"\S+")


# The one-line reasons the backends give (browsers/errors.py), matched whole.
TRANSIENT = re.compile("^(?:" + "|".join(
    [_reason_pattern(_NET_ERRORS[code]) for code in TRANSIENT_CODES]
    + [r"the page did not finish loading within .*", r"the server answered HTTP 50[234]\b.*"]) + ")$")


def transient(reason: str) -> bool:
    return bool(TRANSIENT.match(reason))


async def load(tab: Tab, url: str, retries: int) -> tuple[LoadInfo, int]:
    """The page loaded, and how many tries it took."""
    tries = 1
    while True:
        try:
            return await tab.goto(url), tries
        except BrowserLost:
            raise  # the browser is gone: the worker starts a new one, a retry here cannot help
        except BrowserError as error:
            if tries > retries or not transient(str(error)):
                if tries > 1:
                    raise BrowserError(f"{error} (after {tries} tries)") from None
                raise
        await asyncio.sleep(PAUSE_SECONDS * tries)
        tries += 1
