"""The audit as a library: the one place that ties inputs, browsers, rules, the engine and the
reports together. The CLI (auditor/cli.py), the pytest plugin and bench/ are built on it.

    from auditor import api
    run = api.audit(["https://news.example/2026/storm.html"])           # URLs, files, folders
    run = api.audit([api.Sitemap("https://news.example/news-sitemap.xml")], limit=20)
    run = api.audit_page(page)        # a Playwright Page the caller already has (logged in, mid-test)
    run = await api.audit_page_async(page)                                  # the same, async
    run = api.audit_driver(driver)    # a Selenium WebDriver

docs/api.md has the whole story.
"""
from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Union

import reports
import rules

from . import axe_rules, config, engine, identity, secret_values, urlscope
from .browsers import Backend
from .browsers.borrowed import OwnerThread, PlaywrightPageTab, SeleniumDriverTab, is_async_page
from .config import Choices, ConfigError
from .engine import Progress, Target
from .inputs import Entry, InputError, feed_entries, newest_first, sitemap_entries, to_targets, url_list_entries
from .localserver import LocalServer
from .model import AuditRun, exit_code, failing_findings
from .registry import Catalogue
from .settings import BrowserOptions, GatherOptions, Settings, SiteOptions

__all__ = [
    "audit", "audit_page", "audit_page_async", "audit_driver", "Sitemap", "Feed", "UrlList",
    "Settings", "BrowserOptions", "GatherOptions", "SiteOptions", "AuditRun", "ConfigError", "InputError",
    "build_settings", "load_settings", "write_reports", "exit_code", "failing_findings", "Target",
]


@dataclass(frozen=True)
class Sitemap:
    """A sitemap.xml, sitemap index or Google News sitemap (URL or file): its pages are audited."""

    location: str


@dataclass(frozen=True)
class Feed:
    """An RSS 2.0 or Atom feed (URL or file): its entries are audited."""

    location: str


@dataclass(frozen=True)
class UrlList:
    """A text file with one URL or path per line (# comments)."""

    path: str


# A page URL, a local HTML file or folder, or a list of pages.
Location = Union[str, "os.PathLike[str]", Sitemap, Feed, UrlList]


def catalogue() -> Catalogue:
    """The news rules by id, and the axe-core adapter."""
    return rules.catalogue()


def choices() -> Choices:
    """What a config may name: the news rules, the bundled axe-core's rules, the report formats."""
    return Choices(rules=tuple(catalogue().rules), axe_rules=frozenset(axe_rules.catalogue()),
                   formats=tuple(reports.FORMATS))


def build_settings(flags: dict | None = None, table: dict | None = None, source: str = "config") -> Settings:
    """Settings from flags (the CLI's names, None for not given) over a config table over the
    defaults, checked as the CLI checks them; raises ConfigError with a one-line reason."""
    return config.build_settings(flags or {}, table or {}, source, choices=choices())


def load_settings(config_file: str | None = None, **flags: Any) -> Settings:
    """Settings as the CLI finds them: ``config_file``, else ./newsaudit.toml or [tool.newsaudit]
    in ./pyproject.toml, with ``flags`` (the CLI's option names) over it."""
    table, source = config.find_config(config_file)
    return build_settings(flags, table, source or "config")


def entries(locations: Iterable[Location], settings: Settings, limit: int | None = None) -> list:
    """Every page the locations name, with the site's URL scope and rewrites applied: pages given
    directly first, then lists, then the ``limit`` newest of the sitemaps and feeds."""
    direct, in_lists, listed = [], [], []
    with identity.fetching(settings.browser.identity):  # sitemaps are fetched as the pages are
        for location in locations:
            if isinstance(location, UrlList):
                in_lists += url_list_entries(location.path)
            elif isinstance(location, Sitemap):
                listed += sitemap_entries(location.location)
            elif isinstance(location, Feed):
                listed += feed_entries(location.location)
            else:
                direct.append(os.fspath(location))
    site = settings.site
    found = [*direct, *urlscope.select(in_lists, site), *newest_first(urlscope.select(listed, site), limit)]
    return [urlscope.rewrite_entry(entry, site) for entry in found]


def serve(targets: list[Target], server: LocalServer, settings: Settings) -> None:
    """Local files get the URL of the built-in server; credentials and headers are bound to the
    origins of the pages being audited, and no others."""
    if server.mounts:
        base = server.start()
        for target in targets:
            if target.error is None and target.fetch_url.startswith("/"):
                target.fetch_url = base + target.fetch_url
    identity.bind(settings.browser.identity, [t.fetch_url for t in targets if t.error is None])


async def audit_targets(targets: list[Target], settings: Settings, progress: Progress | None = None,
                        results: list | None = None, backend: Backend | None = None,
                        info: dict | None = None) -> dict:
    """The engine over prepared targets, with this package's rules (see engine.audit_targets)."""
    return await engine.audit_targets(targets, settings, catalogue(), progress, results, backend, info)


def build_run(targets: list[Target], results: list, settings: Settings, info: dict, started: str,
              ended_by: str = "") -> AuditRun:
    return engine.build_run(targets, results, settings, info, started, ended_by, catalogue=catalogue())


def audit(locations: Iterable[Location], settings: Settings | None = None, *, progress: Progress | None = None,
          limit: int | None = None) -> AuditRun:
    """Audit pages at the configured viewports and return the run; no report is written (see
    ``write_reports``), only screenshots when ``settings.screenshots`` is on. Call it from sync
    code: it runs its own event loop. ``progress(index, page)`` is called as each page finishes."""
    settings = settings or Settings()
    started = engine.now()
    server = LocalServer()
    try:
        targets = to_targets(entries(locations, settings, limit), server)
        serve(targets, server, settings)
        results: list = [None] * len(targets)
        info: dict = {}
        asyncio.run(audit_targets(targets, settings, progress, results, info=info))
    finally:
        server.stop()
    return build_run(targets, results, settings, info, started)


def _require(thing: Any, what: str, methods: tuple[str, ...]) -> None:
    # Duck-typed, as Playwright and Selenium objects are; anything else gets a one-line TypeError.
    missing = [m for m in methods if not callable(getattr(thing, m, None))]
    if missing:
        raise TypeError(f"{what} expected, not {type(thing).__name__} (it has no {missing[0]}())")


PAGE_METHODS = ("evaluate", "set_viewport_size", "screenshot")
DRIVER_METHODS = ("execute_script", "set_window_size", "get_screenshot_as_png")


async def _audit_borrowed(tab, settings: Settings) -> AuditRun:
    started = engine.now()
    try:
        url = await tab.url()
        page, info = await engine.audit_open_page(tab, url, settings, catalogue(), await tab.version())
    finally:
        await tab.restore()
    return build_run([Target(url, fetch_url=url)], [page], settings, info, started)


def audit_page(page: Any, settings: Settings | None = None) -> AuditRun:
    """Audit a sync Playwright ``Page`` as it stands (logged in, halfway through a test): resized
    through the viewports, never navigated; the caller's viewport is restored afterwards."""
    if is_async_page(page):
        raise TypeError("an async Playwright page: use `await audit_page_async(page)`")
    _require(page, "a Playwright Page", PAGE_METHODS)
    owner = OwnerThread()
    return owner.run(lambda: _audit_borrowed(PlaywrightPageTab(page, owner.call), settings or Settings()))


async def audit_page_async(page: Any, settings: Settings | None = None) -> AuditRun:
    """``audit_page`` for an async Playwright ``Page``, on the caller's event loop."""
    if not is_async_page(page):
        raise TypeError("a sync Playwright page: use `audit_page(page)`")
    _require(page, "a Playwright Page", PAGE_METHODS)
    return await _audit_borrowed(PlaywrightPageTab(page), settings or Settings())


def audit_driver(driver: Any, settings: Settings | None = None) -> AuditRun:
    """Audit the page a Selenium WebDriver (Chromium, local or Grid) has open, as ``audit_page``."""
    _require(driver, "a Selenium WebDriver", DRIVER_METHODS)
    owner = OwnerThread()
    return owner.run(lambda: _audit_borrowed(SeleniumDriverTab(driver, owner.call), settings or Settings()))


def write_reports(run: AuditRun, output: str | Path, formats: Iterable[str] | None = None) -> None:
    """report.json and the other formats (default: all) rendered from it into ``output``; page
    text is scrubbed of secrets."""
    reports.write(secret_values.scrub_run(run), Path(output), list(formats or Settings().formats))
