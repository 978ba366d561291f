"""Which requests leave the audited site and are aborted, so they fail fast instead of hanging.

The order is written once, in ``Blocker.rules``: Playwright asks ``blocks()`` for each request;
the Selenium backend turns the same rules into Chromium's ordered block list.
"""
from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from importlib import resources
from urllib.parse import urlsplit


@cache
def ad_hosts() -> frozenset[str]:
    text = resources.files("auditor").joinpath("data", "adhosts.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def _is_ad_host(host: str) -> bool:
    parts = host.lower().split(".")
    hosts = ad_hosts()
    return any(".".join(parts[i:]) in hosts for i in range(len(parts) - 1))


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


@dataclass(frozen=True)
class Rule:
    """One step of the order: requests it matches are blocked (or let through); the first
    matching rule decides. ``kind``: "globs" (``globs``), "ad hosts", or "other origins" (any
    origin but the page's)."""
    kind: str
    block: bool
    globs: tuple[str, ...] = ()

    def matches(self, url: str, page_url: str) -> bool:
        if self.kind == "globs":
            return any(fnmatchcase(url, pattern) for pattern in self.globs)
        if self.kind == "ad hosts":
            return _is_ad_host(urlsplit(url).hostname or "")
        return origin(url) != origin(page_url)


class Blocker:
    def __init__(self, block: list[str], block_ads: bool, same_origin_only: bool, allow: list[str]):
        self.block = list(block)
        self.block_ads = block_ads
        self.same_origin_only = same_origin_only
        self.allow = list(allow)
        self.rules = self._rules()

    @property
    def active(self) -> bool:
        return bool(self.block or self.block_ads or self.same_origin_only)

    def _rules(self) -> list[Rule]:
        """--block, then --allow, then the ad hosts, then, under --same-origin-only, every other
        origin than the page's: the first that matches decides, and nothing else is blocked."""
        rules = []
        if self.block:
            rules.append(Rule("globs", True, tuple(self.block)))
        if self.allow:
            rules.append(Rule("globs", False, tuple(self.allow)))
        if self.block_ads:
            rules.append(Rule("ad hosts", True))
        if self.same_origin_only:
            rules.append(Rule("other origins", True))
        return rules

    def blocks(self, url: str, page_url: str) -> bool:
        if url.split(":", 1)[0].lower() in ("data", "blob", "about"):
            return False
        return next((rule.block for rule in self.rules if rule.matches(url, page_url)), False)
