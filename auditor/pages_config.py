"""[[pages]]: settings for the pages whose URL matches a glob.

    [[pages]]
    url = "https://news.example/live/*"     # a glob, or a list of globs, over the page's URL
    steps = ["click #show-all-updates"]
    viewports = ["XS", "LG"]
    exclude = [".live-ticker"]
    fail_on = "critical"

Precedence, lowest first: defaults < the site's own settings (the top of the config) < each
matching [[pages]] table, in file order < command-line flags. A page's settings are built by
config.build_settings from the site table with the matching tables laid over it, so every key is
checked the same way; keys that are about the whole run cannot be set per page.
"""
from __future__ import annotations

import dataclasses
import fnmatch
from typing import Callable

from . import site
from .settings import ConfigError

# Keys that belong to the whole run (one browser, one output, one list of URLs), not to a page.
RUN_KEYS = frozenset({
    "output", "format", "concurrency", "backend", "browser_path", "grid_url", "block", "block_ads",
    "same_origin_only", "allow", "screenshots", "viewport_mode", "viewport", "login_script",
    "url_include", "url_exclude", "rewrite", "limit_per_section", "pages", "timeout", *site.IDENTITY_KEYS,
})


class PageSettings:
    def __init__(self, base, flags: dict, table: dict, source: str, build: Callable):
        """``build(flags, table, source)`` is config.build_settings, with the run's choices."""
        self.base = base
        self.flags = {k: v for k, v in flags.items() if k not in site.IDENTITY_FLAGS}
        self.table = {k: v for k, v in table.items() if k not in site.IDENTITY_KEYS and k != "pages"}
        self.patterns: list[tuple[tuple[str, ...], dict]] = []
        for number, entry in enumerate(table.get("pages") or [], 1):
            where = f"{source}: [[pages]] {number}"
            if not isinstance(entry, dict):
                raise ConfigError(f"{where} must be a table")
            globs = entry.get("url")
            globs = [globs] if isinstance(globs, str) else globs
            if not globs or not all(isinstance(g, str) and g for g in globs):
                raise ConfigError(f"{where} needs url = \"GLOB\" (or a list of globs)")
            settings = {k: v for k, v in entry.items() if k != "url"}
            run_wide = sorted(k for k in settings if k in RUN_KEYS)
            if run_wide:
                raise ConfigError(f"{where}: {run_wide[0]!r} is set for the whole run, not per page")
            self.patterns.append((tuple(globs), settings))
        self._build = build
        self._cache: dict[tuple[int, ...], object] = {}
        for index in range(len(self.patterns)):  # every table checked now, not halfway through a run
            self._settings((index,), f"{source}: [[pages]] {index + 1}")

    def matching(self, url: str) -> tuple[int, ...]:
        return tuple(i for i, (globs, _) in enumerate(self.patterns)
                     if any(fnmatch.fnmatchcase(url, g) for g in globs))

    def _settings(self, indexes: tuple[int, ...], source: str = "[[pages]]"):
        if indexes not in self._cache:
            merged = dict(self.table)
            for index in indexes:
                merged.update(self.patterns[index][1])
            built = self._build(self.flags, merged, source)
            # One browser and one identity serve the whole run.
            self._cache[indexes] = dataclasses.replace(built, browser=self.base.browser)
        return self._cache[indexes]

    def for_url(self, url: str):
        indexes = self.matching(url)
        return self._settings(indexes) if indexes else self.base


def settings_for(settings, url: str):
    """The settings one page is audited with."""
    pages = settings.site.pages
    return pages.for_url(url) if pages is not None else settings
