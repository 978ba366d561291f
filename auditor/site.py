"""Real sites: who the browser is (identity.py), steps before the audit (steps.py), consent banners
(consent.py), scope (regions.py), per-URL settings (pages_config.py), which URLs of a sitemap
(urlscope.py) and retries (retries.py), tied into the settings and the page audit here.

Order after each load: the consent banner is answered, then the steps run (a banner would cover
what they click), then the banner is looked for once more if the steps moved to another page.
"""
from __future__ import annotations

import dataclasses
import importlib.util
import inspect
from pathlib import Path

from . import consent, identity, retries, steps
from .browsers import Tab
from .settings import SiteError, SiteOptions  # noqa: F401 - their home is auditor/settings.py
from .urlscope import check_patterns

# Config keys, with the type each must have (config.KEYS takes them in).
KEYS = {
    "headers": dict, "cookies": list, "http_credentials": str, "storage_state": str, "user_agent": str,
    "locale": str, "timezone": str, "login_script": str, "steps": list, "step_timeout": (int, float),
    "consent": str, "retries": int, "include": list, "exclude": list, "ad_selector": str,
    "embed_selector": str, "url_include": list, "url_exclude": list, "rewrite": list,
    "limit_per_section": int, "pages": list,
}
IDENTITY_KEYS = ("headers", "cookies", "http_credentials", "storage_state", "user_agent", "locale", "timezone")
IDENTITY_FLAGS = ("header", "cookie", "http_credentials", "storage_state", "user_agent", "locale", "timezone")


def _selectors(values) -> tuple[str, ...]:
    # Kept whole: a selector list such as ":is(.ad, .promo)" has commas of its own.
    return tuple(str(v).strip() for v in values or [] if str(v).strip())


def _rewrite(text: str) -> tuple[str, str]:
    source, sep, target = str(text).partition("=")
    if not sep or not source.startswith(("http://", "https://")) or not target.startswith(("http://", "https://")):
        raise SiteError(f"--rewrite {text!r}: expected FROM=TO, two URL prefixes such as "
                        "https://www.site.example=https://staging.site.example")
    return source, target


def expand(table: dict, source: str) -> dict:
    """${NAME} in the config's strings, from the environment (each value becomes a secret)."""
    try:
        return identity.expand_env(table, source)
    except identity.IdentityError as error:
        raise SiteError(str(error)) from None


def apply(settings, pick, flags: dict, table: dict, source: str):
    """The site settings on top of what config.build_settings made: defaults < config < flags."""
    try:
        who = identity.build(flags, table)
        step_list = steps.parse_all(pick("steps", []))
    except (identity.IdentityError, steps.StepError) as error:
        raise SiteError(str(error)) from None
    mode = pick("consent", SiteOptions.consent)
    if mode not in consent.MODES:
        raise SiteError(f"unknown --consent {mode!r}; choose one of: {', '.join(consent.MODES)}")
    tries = pick("retries", SiteOptions.retries)
    if not isinstance(tries, int) or not 0 <= tries <= retries.MAX_RETRIES:
        raise SiteError(f"retries must be a whole number from 0 to {retries.MAX_RETRIES}, not {tries!r}")
    step_timeout = pick("step_timeout", SiteOptions.step_timeout)
    if not isinstance(step_timeout, (int, float)) or not 0 < step_timeout <= 600:
        raise SiteError(f"step_timeout must be a number of seconds above 0 and at most 600, not {step_timeout!r}")
    login = pick("login_script")
    if login and not Path(login).is_file():
        raise SiteError(f"--login-script: no such file: {login}")
    limit = pick("limit_per_section")
    if limit is not None and (not isinstance(limit, int) or limit < 1):
        raise SiteError(f"limit_per_section must be a whole number of at least 1, not {limit!r}")
    third_party = _selectors([pick("ad_selector", ""), pick("embed_selector", "")])
    options = SiteOptions(
        steps=step_list, step_timeout=float(step_timeout), consent=mode, retries=tries, login_script=login,
        url_include=check_patterns(pick("url_include", []), "url_include"),
        url_exclude=check_patterns(pick("url_exclude", []), "url_exclude"),
        rewrite=tuple(_rewrite(r) for r in pick("rewrite", [])), limit_per_section=limit)
    settings.gather = dataclasses.replace(
        settings.gather, include=_selectors(pick("include", [])), exclude=_selectors(pick("exclude", [])),
        third_party=third_party)
    settings.browser.identity = who
    settings.site = options
    return settings


async def before_run(backend, settings) -> None:
    """--login-script: its ``login`` gets the Playwright page (or the Selenium driver) once."""
    if not settings.site.login_script:
        return
    function = load_login(settings.site.login_script)
    try:
        await backend.login(function)
    except Exception as error:  # noqa: BLE001 - the user's script: any failure is theirs to see
        text = str(error).strip().splitlines()
        raise LoginFailed(f"--login-script {settings.site.login_script} failed: "
                          f"{type(error).__name__}: {text[0] if text else ''}".rstrip(": ")) from None


class LoginFailed(Exception):
    """The login script raised: nothing can be audited as the reader it was meant to make."""


def load_login(path: str):
    spec = importlib.util.spec_from_file_location("newsaudit_login_script", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # noqa: BLE001
        raise LoginFailed(f"--login-script {path} could not be loaded: {type(error).__name__}: {error}") from None
    function = getattr(module, "login", None)
    if not callable(function) or len(inspect.signature(function).parameters) != 1:
        raise LoginFailed(f"--login-script {path} must define login(page) (Playwright, may be async) "
                          "or login(driver) (Selenium)")
    return function


async def after_load(tab: Tab, options: SiteOptions) -> dict:
    """Consent, then the steps (a steps.StepFailed names the failed step), then consent again if
    the steps moved on. Returns what the report says about the banner."""
    banner = await consent.handle(tab, options.consent)
    if options.steps:
        before = await tab.evaluate("() => location.href")
        await steps.run(tab, options.steps, options.step_timeout)
        if await tab.evaluate("() => location.href") != before:
            again = await consent.handle(tab, options.consent)
            banner = again if again.get("found") else banner
    return banner


def extra_seconds(options: SiteOptions) -> float:
    """What the steps and the banner may add to a viewport's time budget."""
    return len(options.steps) * (options.step_timeout + 5) + 2 * (consent.WAIT_SECONDS + 2)
