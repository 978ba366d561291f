"""Consent banners, answered before the audit so that the article is what gets audited.

The platforms and their buttons and APIs are data (auditor/data/consent.json); the in-page code is
auditor/js/consent.js. ``reject`` (the default) audits the page as a reader who refused, ``accept``
as one who agreed, ``keep`` leaves the banner up and audits it with the page. Nothing here ever
talks to a vendor: only the page's own banner is looked at and clicked.
"""
from __future__ import annotations

import asyncio
import json
from functools import cache
from importlib import resources

from . import scripts
from .browsers import BrowserError, Tab

MODES = ("reject", "accept", "keep")
WAIT_SECONDS = 3.0  # for the banner to go once answered (CMPs animate it out)
CONSENT = ("consent.js", "CONSENT")


@cache
def platforms() -> tuple[dict, ...]:
    data = json.loads(resources.files("auditor").joinpath("data", "consent.json").read_text(encoding="utf-8"))
    return tuple(data["platforms"])


def _call(method: str) -> str:
    return scripts.function(CONSENT[0], f"{CONSENT[1]}.{method}")


async def handle(tab: Tab, mode: str) -> dict:
    """Find the page's banner and answer it as ``mode`` says: what the report shows for the page."""
    table = list(platforms())
    found = await tab.evaluate(_call("find"), {"platforms": table})
    if not found:
        return {"found": False}
    platform = next(p for p in table if p["id"] == found["id"])
    result = {"found": True, "platform": platform["name"], "mode": mode, "dismissed": False}
    if found.get("cmp_id"):
        result["cmp_id"] = found["cmp_id"]
    if mode == "keep":
        return result
    answer = await tab.evaluate(_call("answer"), {"platform": platform, "mode": mode})
    if not answer.get("how"):
        result["reason"] = f"no {mode} button or API of {platform['name']} could be reached"
        return result
    result["how"] = answer["how"]
    loop = asyncio.get_running_loop()
    end = loop.time() + WAIT_SECONDS
    while True:
        try:
            if not await tab.evaluate(_call("shown"), {"platform": platform}):
                result["dismissed"] = True
                return result
        except BrowserError:
            pass  # the answer reloaded the page: look again on the new one
        if loop.time() > end:
            result["reason"] = f"the banner was still shown {WAIT_SECONDS:g} s after the answer"
            return result
        await asyncio.sleep(0.1)
