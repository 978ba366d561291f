"""What an audit is told: every setting and its default, each default written once, as the field's.

`Settings()` is the audit the CLI runs with no flags and no config file; auditor/config.py only
parses files and flags into these classes, and the library (auditor/api.py) takes them as they are.
Nothing here touches a browser, a rule or a report.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .identity import Identity
from .model import Viewport
from .registry import RuleSettings

# Bounds of what comes from outside: a huge window or wait would hang the run, not audit it.
MAX_CONCURRENCY = 64
VIEWPORT_MODES = ("reload", "resize")

# Matches skip links by their wording, in the languages of the news pages we see.
SKIP_LINK_PATTERN = (
    r"^\s*(skip|jump)\s+(to|navigation|nav|over)\b|^\s*(zum|zur|direkt zum)\s+(inhalt|hauptinhalt|navigation)"
    r"|^\s*(inhalt|navigation)\s+überspringen|^\s*(aller|passer|accéder|acceder)\s+(au|à la)\s+(contenu|navigation)"
    r"|^\s*(ir|pular|saltar)\s+(para o|para a|al|a la|ao)\s+(conteúdo|contenido|navegação|navegación)"
    r"|^\s*přejít\s+(na|k)\s+(obsah|navigaci)|^\s*vai\s+al\s+contenuto|跳到|跳转到|跳至"
)


class ConfigError(ValueError):
    """A usage or configuration error: exit 2 with this one line."""


class SiteError(ConfigError):
    """A site setting that cannot be used (exit 2)."""


def default_viewports() -> list[Viewport]:
    return [Viewport("XS", 375, 667), Viewport("SM", 640, 960), Viewport("MD", 768, 1024), Viewport("LG", 1280, 800)]


def default_concurrency() -> int:
    """One page in flight per CPU core."""
    return min(os.cpu_count() or 2, MAX_CONCURRENCY)


@dataclass
class BrowserOptions:
    executable: str | None = None
    headless: bool = True
    timeout: float = 30.0  # seconds to wait for a page's load event
    block: list[str] = field(default_factory=list)  # glob patterns of URLs to abort
    block_ads: bool = True
    same_origin_only: bool = False
    allow: list[str] = field(default_factory=list)  # globs still allowed under same_origin_only
    grid_url: str | None = None  # Selenium Grid / remote WebDriver
    identity: Identity = field(default_factory=Identity)  # headers, cookies, credentials, saved login
    # Pages one Playwright context serves, each a first visit after a reset, before a new one: a
    # new context costs a renderer process and compiling axe-core again (about 1.4 CPU seconds a
    # page on 2 cores), and renewing it now and then bounds what a long run's renderer can keep.
    # 1 gives every page a new context, the unoptimised path the parity test compares with.
    pages_per_context: int = 50


@dataclass(frozen=True)
class GatherOptions:
    axe_tags: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
    axe_rules: tuple[tuple[str, bool], ...] = ()  # (axe rule id, enabled), for --disable
    caption_selector: str = ".caption, .wp-caption-text, [itemprop=caption], [class*=caption]:not(figure)"
    credit_selector: str = ".credit, [class*=credit], .byline-photo, [itemprop=copyrightHolder]"
    article_selector: str = "[itemprop=articleBody], .article-body, .story-body, article"
    max_tab_stops: int = 10
    # Scope (auditor/regions.py): CSS selectors of the parts audited, left out, and third-party.
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    third_party: tuple[str, ...] = ()
    # Seconds to wait for a page that is hidden when its audit starts (anti-flicker snippets of
    # A/B and headline tests hide it for up to 4 s) before it is an error instead.
    visible_wait: float = 5.0

    def page_options(self) -> dict:
        return {"caption_selector": self.caption_selector, "credit_selector": self.credit_selector,
                "article_selector": self.article_selector, "skip_link_pattern": SKIP_LINK_PATTERN}


@dataclass(frozen=True)
class SiteOptions:
    step_timeout: float = 10.0  # seconds for one step before the audit
    consent: str = "reject"  # the answer to a consent banner (auditor/consent.py MODES)
    retries: int = 1  # loads tried again after a timeout, a reset or HTTP 502/503/504
    steps: tuple = ()  # of steps.Step
    login_script: str | None = None
    url_include: tuple[str, ...] = ()
    url_exclude: tuple[str, ...] = ()
    rewrite: tuple[tuple[str, str], ...] = ()
    limit_per_section: int | None = None
    pages: object = None  # a pages_config.PageSettings, when the config has [[pages]]

    def describe(self) -> dict:
        out = {"consent": self.consent, "retries": self.retries}
        if self.steps:
            out["steps"] = [s.label() for s in self.steps]
        if self.login_script:
            out["login_script"] = self.login_script
        for key in ("url_include", "url_exclude", "limit_per_section"):
            if getattr(self, key):
                out[key] = list(getattr(self, key)) if key != "limit_per_section" else self.limit_per_section
        if self.rewrite:
            out["rewrite"] = [f"{a}={b}" for a, b in self.rewrite]
        return out


@dataclass
class Settings:
    viewports: list[Viewport] = field(default_factory=default_viewports)
    # resize: one load per page, resized through the viewports (measured: same findings, faster).
    viewport_mode: str = "resize"
    backend: str = "playwright"
    browser: BrowserOptions = field(default_factory=BrowserOptions)
    concurrency: int = field(default_factory=default_concurrency)
    fail_on: str = "serious"  # the lowest impact that fails the run, or "never"
    gather: GatherOptions = field(default_factory=GatherOptions)
    rule_settings: RuleSettings = field(default_factory=RuleSettings)
    disabled_rules: frozenset[str] = frozenset()  # news rules switched off (axe ones: gather.axe_rules)
    # Pictures cost time: config.py takes them only when a format shows them, unless asked for.
    screenshots: bool = True
    output: Path | None = Path("newsaudit-report")
    formats: tuple[str, ...] = ("json", "html", "junit", "sarif", "md")
    site: SiteOptions = field(default_factory=SiteOptions)

    def describe(self) -> dict:
        return {
            "viewport_mode": self.viewport_mode, "backend": self.backend, "fail_on": self.fail_on,
            "concurrency": self.concurrency, "timeout": self.browser.timeout,
            "axe_tags": list(self.gather.axe_tags), "disabled_rules": sorted(self.disabled_rules),
            "block": self.browser.block, "block_ads": self.browser.block_ads,
            "same_origin_only": self.browser.same_origin_only, "allow": self.browser.allow,
            "screenshots": self.screenshots, "formats": list(self.formats),
            **self.site.describe(), **(self.browser.identity.describe() if self.browser.identity else {}),
        }
