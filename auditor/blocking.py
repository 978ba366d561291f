"""Which requests leave the audited site and are aborted, so they fail fast instead of hanging."""
from __future__ import annotations

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


class Blocker:
    def __init__(self, block: list[str], block_ads: bool, same_origin_only: bool, allow: list[str]):
        self.block = list(block)
        self.block_ads = block_ads
        self.same_origin_only = same_origin_only
        self.allow = list(allow)

    @property
    def active(self) -> bool:
        return bool(self.block or self.block_ads or self.same_origin_only)

    def blocks(self, url: str, page_url: str) -> bool:
        scheme = url.split(":", 1)[0].lower()
        if scheme in ("data", "blob", "about"):
            return False
        if any(fnmatchcase(url, pattern) for pattern in self.block):
            return True
        if any(fnmatchcase(url, pattern) for pattern in self.allow):
            return False
        if self.same_origin_only and origin(url) != origin(page_url):
            return True
        return self.block_ads and _is_ad_host(urlsplit(url).hostname or "")
