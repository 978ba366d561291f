"""Settings from defaults < config file (newsaudit.toml or [tool.newsaudit]) < command-line flags.

Only parsing and checking: the defaults are the fields' own (auditor/settings.py), and what exists
(rule ids, report formats) is handed in by the caller as ``Choices``.
"""
from __future__ import annotations

import dataclasses
import math
import re
import tomllib
from dataclasses import dataclass, fields
from functools import partial
from pathlib import Path

from . import site
from .model import IMPACTS, Viewport
from .pages_config import PageSettings
from .registry import RuleSettings
from .settings import (MAX_CONCURRENCY, VIEWPORT_MODES, BrowserOptions, ConfigError, GatherOptions, Settings)

__all__ = ["ConfigError", "Choices", "build_settings", "find_config", "FAIL_ON_CHOICES", "MAX_CONCURRENCY"]

FAIL_ON_CHOICES = (*reversed(IMPACTS), "never")
BACKENDS = ("playwright", "selenium")


@dataclass(frozen=True)
class Choices:
    """What exists, as the caller knows it: news rule ids, axe-core rule ids, report formats."""

    rules: tuple[str, ...] = ()
    axe_rules: frozenset[str] = frozenset()
    formats: tuple[str, ...] = ()


# Every key a config file may set, with the type it must have.
KEYS = {
    "viewports": list, "viewport": dict, "viewport_mode": str, "fail_on": str, "format": list,
    "output": str, "concurrency": int, "timeout": (int, float), "block": list, "block_ads": bool,
    "same_origin_only": bool, "allow": list, "axe_tags": list, "disable": list,
    "caption_selector": str, "credit_selector": str, "article_selector": str,
    "placeholder_words": list, "generic_link_texts": list, "alt_max_length": int,
    "caption_match_threshold": float, "screenshots": bool, "backend": str, "browser_path": str,
    "grid_url": str, "visible_wait": (int, float),
    "ignore": list, "sarif": dict,  # CI gating: parsed and checked in auditor/ignores.py and ci.py
}
KEYS.update(site.KEYS)  # logins, steps, consent, scope, [[pages]], sitemaps, retries
# Rule settings are config keys too, so a new RuleSettings field needs no change here.
KEYS.update({f.name: (list if isinstance(f.default, tuple) else type(f.default))
             for f in fields(RuleSettings) if f.name not in KEYS})
KEYS["caption_match_threshold"] = (int, float)


def find_config(explicit: str | None) -> tuple[dict, str | None]:
    """The profile table and where it came from: --config, ./newsaudit.toml, or ./pyproject.toml."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"config file not found: {explicit}")
        return _load(path), str(path)
    for candidate in (Path("newsaudit.toml"), Path("pyproject.toml")):
        if candidate.is_file():
            table = _load(candidate)
            if table or candidate.name == "newsaudit.toml":
                return table, str(candidate)
    return {}, None


def _load(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from None
    if path.name == "pyproject.toml" or "tool" in data:
        data = data.get("tool", {}).get("newsaudit", {})
    return data.get("newsaudit", data) if isinstance(data.get("newsaudit"), dict) else data


def validate(table: dict, source: str) -> dict:
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(f"{source}: unknown key {key!r}; valid keys: {', '.join(sorted(KEYS))}")
        expected = KEYS[key]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            names = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
            raise ConfigError(f"{source}: {key} must be a {names}, not {type(value).__name__}")
    return table


_SIZE = re.compile(r"^\s*(\d{1,6})\s*[x×]\s*(\d{1,6})\s*$")
# Bounds of what comes from outside: a huge window or wait would hang the run, not audit it.
VIEWPORT_PX = (100, 4096)
MAX_TIMEOUT = 3600


def parse_size(name: str, text: str) -> Viewport:
    match = _SIZE.match(str(text))
    if not match:
        raise ConfigError(f"viewport {name}: size {text!r} is not WIDTHxHEIGHT, e.g. 375x667")
    width, height = int(match.group(1)), int(match.group(2))
    low, high = VIEWPORT_PX
    if not (low <= width <= high and low <= height <= high):
        raise ConfigError(f"viewport {name}: size {text!r} is out of range; width and height are "
                          f"{low} to {high} px")
    return Viewport(name.strip(), width, height)


def parse_viewport_option(text: str) -> Viewport:
    if "=" not in text:
        raise ConfigError(f"--viewport {text!r}: expected NAME=WIDTHxHEIGHT, e.g. XL=1920x1080")
    name, size = text.split("=", 1)
    if not re.match(r"^[A-Za-z][A-Za-z0-9_-]*$", name.strip()):
        raise ConfigError(f"--viewport {text!r}: a viewport name is letters, digits, - and _")
    return parse_size(name.upper(), size)


def split_list(values) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(part.strip() for part in str(value).split(",") if part.strip())
    return out


def build_settings(flags: dict, table: dict, source: str = "config", *, choices: Choices) -> Settings:
    """Merge flags (None = not given) over the file's table over the defaults, checking everything."""
    table = validate(table, source)
    try:
        table = site.expand(table, source)
    except site.SiteError as error:
        raise ConfigError(str(error)) from None
    defaults = Settings()

    def pick(key, default=None):
        value = flags.get(key)
        if value is None or value == () or value == []:
            return table.get(key, default)
        return value

    # Viewports: defaults, then additions or overrides, then the selected subset in that order.
    sizes = {v.name: v for v in defaults.viewports}
    for name, size in (table.get("viewport") or {}).items():
        sizes[name.upper()] = parse_size(name.upper(), size)
    for text in flags.get("viewport") or ():
        viewport = parse_viewport_option(text)
        sizes[viewport.name] = viewport
    standard = [v.name for v in defaults.viewports]
    chosen = split_list(pick("viewports")) or [*standard, *(n for n in sizes if n not in standard)]
    unknown = [n for n in chosen if n.upper() not in sizes]
    if unknown:
        raise ConfigError(f"unknown viewport {unknown[0]!r}; choose from: {', '.join(sizes)} "
                          "(or add one with --viewport NAME=WIDTHxHEIGHT)")
    viewports = list(dict.fromkeys(sizes[n.upper()] for n in chosen))

    mode = pick("viewport_mode", defaults.viewport_mode)
    if mode not in VIEWPORT_MODES:
        raise ConfigError(f"unknown viewport mode {mode!r}; choose one of: {', '.join(VIEWPORT_MODES)}")
    fail_on = pick("fail_on", defaults.fail_on)
    if fail_on not in FAIL_ON_CHOICES:
        raise ConfigError(f"unknown --fail-on {fail_on!r}; choose one of: {', '.join(FAIL_ON_CHOICES)}")

    formats = split_list(pick("format", list(defaults.formats)))
    for fmt in formats:
        if fmt not in choices.formats:
            raise ConfigError(f"unknown format {fmt!r}; choose from: {', '.join(choices.formats)}")

    disabled = split_list(pick("disable", []))
    for rule_id in disabled:
        if rule_id not in choices.rules and rule_id not in choices.axe_rules:
            raise ConfigError(f"unknown rule {rule_id!r} in disable; news rules: {', '.join(choices.rules)}; "
                              "or an axe-core rule id (newsaudit rules --format json lists the news rules)")

    concurrency = pick("concurrency", defaults.concurrency)
    if not isinstance(concurrency, int) or isinstance(concurrency, bool) or not 1 <= concurrency <= MAX_CONCURRENCY:
        raise ConfigError(f"concurrency must be a whole number from 1 to {MAX_CONCURRENCY}, not {concurrency!r}")
    timeout = pick("timeout", defaults.browser.timeout)
    if (not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or not math.isfinite(timeout)
            or not 0 < timeout <= MAX_TIMEOUT):
        raise ConfigError(f"timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT}, not {timeout!r}")
    visible_wait = pick("visible_wait", defaults.gather.visible_wait)
    if not isinstance(visible_wait, (int, float)) or visible_wait < 0:
        raise ConfigError(f"visible_wait must be a number of seconds of at least 0, not {visible_wait!r}")
    backend = pick("backend", defaults.backend)
    if backend not in BACKENDS:
        raise ConfigError(f"unknown backend {backend!r}; choose one of: {', '.join(BACKENDS)}")

    browser, gather = defaults.browser, defaults.gather
    settings = Settings(
        viewports=viewports,
        viewport_mode=mode,
        backend=backend,
        browser=BrowserOptions(
            executable=pick("browser_path", browser.executable), timeout=float(timeout),
            block=split_list(pick("block", browser.block)), block_ads=bool(pick("block_ads", browser.block_ads)),
            same_origin_only=bool(pick("same_origin_only", browser.same_origin_only)),
            allow=split_list(pick("allow", browser.allow)), grid_url=pick("grid_url", browser.grid_url)),
        concurrency=concurrency,
        fail_on=fail_on,
        gather=GatherOptions(
            axe_tags=tuple(split_list(pick("axe_tags", list(gather.axe_tags)))),
            axe_rules=tuple((rule_id, False) for rule_id in disabled if rule_id in choices.axe_rules),
            caption_selector=pick("caption_selector", gather.caption_selector),
            credit_selector=pick("credit_selector", gather.credit_selector),
            article_selector=pick("article_selector", gather.article_selector),
            visible_wait=float(visible_wait)),
        rule_settings=_rule_settings(pick),
        disabled_rules=frozenset(r for r in disabled if r in choices.rules),
        # Pictures cost time; take them only for a format that shows them, unless asked for.
        screenshots=bool(pick("screenshots", "html" in formats)),
        output=Path(pick("output", str(defaults.output))),
        formats=tuple(formats),
    )
    try:
        settings = site.apply(settings, pick, flags, table, source)
    except site.SiteError as error:
        raise ConfigError(str(error)) from None
    if table.get("pages"):
        pages = PageSettings(settings, flags, table, source, partial(build_settings, choices=choices))
        settings.site = dataclasses.replace(settings.site, pages=pages)
    return settings


def _rule_settings(pick) -> RuleSettings:
    values = {}
    for f in fields(RuleSettings):
        value = pick(f.name)
        if value is None:
            continue
        if isinstance(f.default, tuple):
            value = tuple(str(v) for v in value)
        elif f.name == "alt_max_length" and (not isinstance(value, int) or value < 1):
            raise ConfigError(f"alt_max_length must be a positive whole number, not {value!r}")
        elif f.name == "caption_match_threshold" and not (0 < float(value) <= 1):
            raise ConfigError(f"caption_match_threshold must be between 0 and 1, not {value!r}")
        values[f.name] = value
    return RuleSettings(**values)
