"""Turns one loaded page at one viewport into a Snapshot: facts, then axe, then the keyboard walk.

The only module besides the backends that talks to the browser, and only through the Tab interface.
"""
from __future__ import annotations


from . import scripts
from .browsers import BrowserError, Tab
from .browsers.errors import error_page_reason
from .model import Snapshot, Viewport
from .settings import SKIP_LINK_PATTERN, GatherOptions  # noqa: F401 - their home is auditor/settings.py

async def measure_width(tab: Tab, viewport: Viewport) -> int:
    width = await tab.evaluate("() => innerWidth")
    if width != viewport.width:
        raise BrowserError(f"the window measured {width} px wide instead of {viewport.width} px, "
                           f"so {viewport.name} was not audited")
    return width


async def gather(tab: Tab, url: str, final_url: str, viewport: Viewport, options: GatherOptions,
                 backend: str) -> Snapshot:
    # Facts from two documents would be nonsense (the Tab's navigation policy bounds the redo).
    return await tab.same_document(lambda: _gather_once(tab, url, final_url, viewport, options, backend))


async def ensure_article_shown(tab: Tab, url: str, options: GatherOptions) -> None:
    """The audit is of the article as a reader sees it: never of Chromium's error page (a redirect
    by script that failed), never of a page still hidden by an anti-flicker snippet."""
    failed = await tab.evaluate(scripts.ERROR_PAGE)
    if failed:
        raise BrowserError(error_page_reason(failed, url))
    hidden = await tab.evaluate(scripts.function(*scripts.WAIT_UNTIL_SHOWN),
                                {"wait_ms": round(options.visible_wait * 1000)})
    if hidden:
        raise BrowserError(f"the page stayed invisible: {hidden} after {options.visible_wait:g} s, "
                           "so it was not audited (a script that would show it may be blocked)")


async def _gather_once(tab: Tab, url: str, final_url: str, viewport: Viewport, options: GatherOptions,
                       backend: str) -> Snapshot:
    await ensure_article_shown(tab, final_url or url, options)
    inner_width = await measure_width(tab, viewport)
    page_options = options.page_options()
    facts = await tab.evaluate(scripts.function(*scripts.COLLECT), page_options)
    axe = await run_axe(tab, options)
    facts["tab_order"] = await tab_walk(tab, options, page_options)
    facts["skip_links"] = await tab.evaluate(
        scripts.function(*scripts.SKIP_LINKS), {"tab_order": facts["tab_order"], "options": page_options})
    for link in [link for link in facts["skip_links"] if link.get("press")][:MAX_PRESSED]:
        link["activation"] = await press_skip_button(tab, link["selector"], page_options)
    return Snapshot(url=url, final_url=final_url, viewport=viewport.name, width=viewport.width,
                    height=viewport.height, inner_width=inner_width, backend=backend,
                    axe_version=axe.get("version", ""), facts=facts, axe=axe)


MAX_PRESSED = 3  # skip buttons tried with Enter per viewport: a page has one instrument, rarely two


async def press_skip_button(tab: Tab, selector: str, page_options: dict) -> dict | None:
    """What a real Enter press on a skip button does (last: it moves focus and may scroll)."""
    if not await tab.evaluate(scripts.function(*scripts.SKIP_ARM), {"selector": selector}):
        return None
    await tab.press_enter()
    return await tab.evaluate(scripts.function(*scripts.SKIP_ACTIVATED),
                              {"selector": selector, "options": page_options})


async def run_axe(tab: Tab, options: GatherOptions) -> dict:
    return await tab.run_axe({
        "tags": list(options.axe_tags), "rules": {rid: {"enabled": on} for rid, on in options.axe_rules},
        "article_selector": options.article_selector,
        "include": list(options.include), "exclude": list(options.exclude)})


async def tab_walk(tab: Tab, options: GatherOptions, page_options: dict) -> list[dict]:
    """The first tab stops, by real Tab key presses from the top of the page."""
    await tab.evaluate(scripts.function(*scripts.FOCUS_RESET), None)
    probe = scripts.function(*scripts.FOCUS_PROBE)
    stops: list[dict] = []
    for _ in range(options.max_tab_stops):
        await tab.press_tab()
        stop = await tab.evaluate(probe, page_options)
        if stop is None or (stops and stop["selector"] == stops[0]["selector"]):
            break  # focus left the page, or wrapped round to the first stop
        stops.append(stop)
    return stops
