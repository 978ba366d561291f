"""The engine in real Chromium: first-time visits, both viewport modes, and a renderer crash."""
import asyncio

import pytest

from auditor.browsers import BrowserOptions
from auditor.browsers.playwright_backend import PlaywrightBackend, PlaywrightTab
from auditor.api import Target, audit_targets, build_settings
from badserver import serve, visitor_state

pytestmark = pytest.mark.browser


def test_every_page_and_viewport_starts_as_a_first_time_visitor():
    server, (url,) = serve("visitor.html")

    async def run():
        backend = PlaywrightBackend(BrowserOptions())
        await backend.start()
        tab = await backend.new_tab()
        states = []
        try:
            await tab.reset()
            for step in ("load", "reload-same-page", "next-page"):
                if step == "reload-same-page":
                    await tab.clear_site_data()
                if step == "next-page":
                    await tab.reset()
                await tab.goto(url)
                states.append(await visitor_state(tab))
            await tab.goto(url)  # without a reset the page knows us: the check can fail
            states.append(await visitor_state(tab))
        finally:
            await tab.close()
            await backend.stop()
        return states

    try:
        assert asyncio.run(run()) == ["first", "first", "first", "returning"]
    finally:
        server.stop()


def test_a_context_serves_many_pages_each_a_first_visit_and_a_hung_page_gets_a_new_one():
    """Between pages the tab keeps its context (a new one costs a renderer and compiling axe-core
    again) but forgets every storage; a page that hung is never reused."""
    server, (url,) = serve("visitor.html")

    async def run():
        backend = PlaywrightBackend(BrowserOptions())
        await backend.start()
        tab = await backend.new_tab()
        try:
            await tab.reset()
            first = tab.context
            states = []
            for _ in range(3):
                await tab.goto(url)
                states.append(await visitor_state(tab))
                await tab.reset()
            kept = tab.context is first
            await tab.goto(url)
            await visitor_state(tab)
            await tab.reset(hung=True)
            renewed = tab.context is not first
        finally:
            await tab.close()
            await backend.stop()
        return states, kept, renewed

    try:
        states, kept, renewed = asyncio.run(run())
    finally:
        server.stop()
    assert states == ["first"] * 3
    assert kept and renewed


def audit(urls, **flags):
    settings = build_settings({"screenshots": False, **flags}, {})
    return asyncio.run(_audit(urls, settings))


async def _audit(urls, settings, backend=None):
    results = [None] * len(urls)
    await audit_targets([Target(u, fetch_url=u) for u in urls], settings, results=results, backend=backend)
    return results


def keyed(page):
    return sorted((f.rule, f.selector, tuple(f.viewports)) for f in page.findings)


def test_reload_and_resize_modes_agree_on_the_facts_page():
    server, (url,) = serve("facts.html")
    try:
        reload_page, = audit([url], viewport_mode="reload")
        resize_page, = audit([url], viewport_mode="resize")
    finally:
        server.stop()
    assert reload_page.viewports_audited == resize_page.viewports_audited == ["XS", "SM", "MD", "LG"]
    assert keyed(reload_page) == keyed(resize_page)
    assert reload_page.inner_widths == resize_page.inner_widths == {"XS": 375, "SM": 640, "MD": 768, "LG": 1280}


class CrashingTab(PlaywrightTab):
    """A real tab whose renderer really crashes (through the DevTools protocol) on one URL."""

    async def goto(self, url):
        info = await super().goto(url)
        if "visitor" in url:
            session = await self.context.new_cdp_session(self.page)
            try:  # the crashed renderer never answers this call
                await asyncio.wait_for(session.send("Page.crash"), 3)
            except Exception:  # noqa: BLE001 - the crash itself ends the call
                pass
        return info


class CrashingBackend(PlaywrightBackend):
    async def new_tab(self):
        return CrashingTab(self)


def test_a_renderer_crash_is_a_viewport_error_and_the_run_goes_on():
    server, urls = serve("visitor.html", "facts.html")
    settings = build_settings({"screenshots": False, "viewports": ["XS,LG"], "concurrency": 1}, {})
    try:
        crashed, after = asyncio.run(_audit(urls, settings, CrashingBackend(settings.browser)))
    finally:
        server.stop()
    assert crashed.status == "error" and "crash" in crashed.error
    assert set(crashed.viewport_errors) == {"XS", "LG"}
    assert after.status == "audited" and after.viewports_audited == ["XS", "LG"]
