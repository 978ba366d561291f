"""CI gating for ``newsaudit audit``: shards, baseline, ignores, SARIF settings, in one place.

The CLI calls ``prepare`` (before anything is audited, so a bad baseline or config costs no
browser time), ``Gate.select`` on the pages, and ``Gate.apply`` once the run is built.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import click

from . import baseline, fingerprint, ignores
from .config import ConfigError
from .model import AuditRun

SARIF_KEYS = ("category", "fallback", "map")
DEFAULT_SARIF_FALLBACK = "newsaudit.toml"
_SLUG = re.compile(r"[^A-Za-z0-9._-]+")
MAX_CATEGORY = 100


class ShardType(click.ParamType):
    """``K/N``: the K-th of N shards, 1 ≤ K ≤ N."""

    name = "K/N"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        match = re.fullmatch(r"\s*(\d{1,4})\s*/\s*(\d{1,4})\s*", str(value))
        if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
            self.fail(f"{value!r} is not K/N with 1 <= K <= N, e.g. 2/4", param, ctx)
        return int(match.group(1)), int(match.group(2))


def shard_of(location: str, total: int) -> int:
    """The shard (1-based) a page belongs to: by its page key, so it is the same shard whatever
    else is in the list, from any working folder and on any host."""
    digest = hashlib.sha256(fingerprint.page_key(location).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % total + 1


def repository_path(text: str, where: str) -> str:
    """A repository-relative path in forward slashes, as code scanning wants artifact URIs."""
    path = text.strip().replace("\\", "/")
    if not path or urlsplit(path).scheme or path.startswith("/") or ".." in path.split("/"):
        raise ConfigError(f"{where}: {text!r} must be a path relative to the repository root, e.g. "
                          "templates/article.html")
    return path


def sarif_settings(table: dict, source: str, category: str | None, default_category: str,
                   default_fallback: str = DEFAULT_SARIF_FALLBACK) -> dict:
    """``[sarif]``: the category, and where in the repository each page's template lives.

        [sarif]
        category = "preview-sitemap"
        fallback = "newsaudit.toml"          # any page no map entry matches (default: the config file)
        map = [{ url = "/sport/*", file = "templates/sport/article.html" }]
    """
    unknown = sorted(set(table) - set(SARIF_KEYS))
    if unknown:
        raise ConfigError(f"{source}: unknown key {unknown[0]!r} in [sarif]; valid keys: {', '.join(SARIF_KEYS)}")
    mapping = []
    for number, entry in enumerate(table.get("map") or [], 1):
        where = f"{source}: [sarif] map entry {number}"
        if not isinstance(entry, dict) or set(entry) != {"url", "file"} or not all(
                isinstance(v, str) for v in entry.values()):
            raise ConfigError(f"{where} must be {{ url = \"GLOB\", file = \"PATH\" }}")
        mapping.append({"url": entry["url"], "file": repository_path(entry["file"], where)})
    fallback = repository_path(str(table.get("fallback") or default_fallback), f"{source}: [sarif] fallback")
    chosen = (category or table.get("category") or default_category).strip()
    slug = re.sub("-{2,}", "-", _SLUG.sub("-", chosen)).strip("-")[:MAX_CATEGORY]
    if not slug:
        raise ConfigError(f"--sarif-category {chosen!r} has no letters or digits")
    return {"category": slug, "fallback": fallback, "map": mapping}


def default_category(targets, url_files, sitemaps, feeds) -> str:
    """From the input, never its host: a preview deployment and production share a category."""
    parts = [f"sitemap-{fingerprint.page_key(s)}" for s in sitemaps]
    parts += [f"feed-{fingerprint.page_key(f)}" for f in feeds]
    parts += [f"urls-{Path(u).name}" for u in url_files]
    if targets:
        parts.append("pages")
    return "newsaudit-" + "+".join(parts or ["pages"])


@dataclass
class Gate:
    table_ignores: list
    sarif: dict
    baseline_path: str | None = None
    update_baseline: bool = False
    base: AuditRun | None = None
    shard: tuple[int, int] | None = None
    positions: list[int] = field(default_factory=list)

    def select(self, targets: list) -> list:
        """The pages of this shard, in input order; all of them without --shard."""
        if self.shard is None:
            return targets
        k, n = self.shard
        chosen = [(i, t) for i, t in enumerate(targets) if shard_of(t.url, n) == k]
        self.positions = [i for i, _ in chosen]
        return [t for _, t in chosen]

    def apply(self, run: AuditRun, settings, quiet: bool = False) -> None:
        """Fingerprints, baseline, ignores and what the reports need to know, then the new baseline."""
        fingerprint.assign(run)
        if self.base is not None:
            baseline.compare(run, self.base, self.baseline_path or "")
        ignores.apply(run, self.table_ignores)
        run.settings["sarif"] = self.sarif
        if self.shard is not None:
            run.settings["shard"] = {"index": self.shard[0], "total": self.shard[1], "positions": self.positions}
        if self.baseline_path is not None:
            run.settings["baseline"] = self.baseline_path
        if not quiet:
            counts = run.summary().get("baseline")
            if counts:
                click.echo(f"newsaudit: against the baseline: {counts['new']} new, {counts['unchanged']} "
                           f"unchanged, {counts['fixed']} fixed (only new findings count for the gate)", err=True)
            for line in ignores.problems(run):
                click.echo(f"newsaudit: warning: {line}", err=True)
        if self.update_baseline and self.baseline_path and not run.interrupted:
            path = baseline.write(run, self.baseline_path)
            if not quiet:
                click.echo(f"newsaudit: wrote the new baseline {path}", err=True)


def prepare(table: dict, source: str, *, baseline_path: str | None, update_baseline: bool,
            shard: tuple[int, int] | None, sarif_category: str | None, inputs: tuple) -> Gate:
    """Check every CI option and config key before the audit; raises ConfigError."""
    if update_baseline and not baseline_path:
        raise ConfigError("--update-baseline needs --baseline PATH: the file to write")
    if update_baseline and shard is not None:
        raise ConfigError("--update-baseline with --shard would write one shard's pages: "
                          "merge the shards, then run newsaudit merge … --update-baseline")
    # Alerts on web pages open the config file unless [sarif] says better: a file the repository has.
    config_file = fingerprint.local_key(source) if Path(source).is_file() else DEFAULT_SARIF_FALLBACK
    category = sarif_settings(table.get("sarif") or {}, source, sarif_category, default_category(*inputs),
                              config_file if not config_file.startswith("/") else DEFAULT_SARIF_FALLBACK)
    if shard is not None and not sarif_category:
        category["category"] += f"-shard-{shard[0]}-of-{shard[1]}"
    gate = Gate(table_ignores=ignores.parse(table.get("ignore"), source), sarif=category,
                baseline_path=baseline_path, update_baseline=update_baseline, shard=shard)
    if baseline_path:
        try:
            gate.base = baseline.load(baseline_path)
        except baseline.BaselineError as error:
            if not update_baseline:  # a missing or outdated baseline is simply replaced
                raise ConfigError(str(error)) from None
    return gate
