"""The `audit` options for real sites, declared in one place; they reach config.build_settings as
flags (None or () when not given), so the config file's keys of the same names sit under them."""
from __future__ import annotations

import click

from .consent import MODES

OPTIONS = [
    click.option("--header", multiple=True, metavar="'NAME: VALUE'", help="Send this header with every request (repeatable)."),
    click.option("--cookie", multiple=True, metavar="NAME=VALUE[;domain=HOST]", help="Set this cookie before every page (repeatable)."),
    click.option("--http-credentials", metavar="USER:PASSWORD", help="HTTP basic-auth credentials (a staging site)."),
    click.option("--storage-state", metavar="FILE", help="Playwright storage-state JSON: audit as the reader it saved."),
    click.option("--user-agent", help="The browser's User-Agent."),
    click.option("--locale", help="The browser's locale and Accept-Language, e.g. de-DE."),
    click.option("--timezone", help="The browser's time zone, e.g. Europe/Berlin."),
    click.option("--login-script", metavar="FILE.py", help="A Python file whose login(page) runs once before the audit."),
    click.option("--consent", help=f"Consent banners: {'|'.join(MODES)} (default: reject)."),
    click.option("--include", multiple=True, metavar="SELECTOR", help="Audit only inside these elements (repeatable)."),
    click.option("--exclude", multiple=True, metavar="SELECTOR", help="Leave these elements out of the audit (repeatable)."),
    click.option("--url-include", multiple=True, metavar="GLOB", help="Audit only listed URLs matching this glob or re:REGEX (repeatable)."),
    click.option("--url-exclude", multiple=True, metavar="GLOB", help="Skip listed URLs matching this glob or re:REGEX (repeatable)."),
    click.option("--rewrite", multiple=True, metavar="FROM=TO", help="Rewrite URL prefixes, e.g. a production sitemap to staging (repeatable)."),
    click.option("--limit-per-section", type=click.IntRange(min=1), help="Only the N newest entries of each sitemap, feed or list."),
    click.option("--retries", type=int, help="Tries again after a timeout, reset or HTTP 502/503/504 (default: 1)."),
]
NAMES = ("header", "cookie", "http_credentials", "storage_state", "user_agent", "locale", "timezone",
         "login_script", "consent", "include", "exclude", "url_include", "url_exclude", "rewrite",
         "limit_per_section", "retries")


def site_options(command):
    for option in reversed(OPTIONS):
        command = option(command)
    return command


def flags(values: dict) -> dict:
    return {name: (list(values[name]) if isinstance(values[name], tuple) else values[name]) for name in NAMES}
