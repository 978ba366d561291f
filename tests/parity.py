"""Parity of the audit's fast paths with the unoptimised one (issue 13): the same pages audited by
the default path and by the plain one must give the same outcome, finding for finding.

The plain path gives every page a new browser context (``pages_per_context=1``), as a bare
Playwright script would; the default keeps a worker's context for many pages and clears what each
page stored in between."""
from __future__ import annotations

import asyncio
import dataclasses

from auditor.api import Target, audit_targets, build_settings


def outcome(page) -> dict:
    """Everything a report says of a page's audit, but its timing and pictures."""
    return {"status": page.status, "error": page.error, "viewport_errors": page.viewport_errors,
            "findings": sorted((f.rule, f.selector or "", tuple(f.viewports), f.impact, f.message,
                                tuple(sorted(f.messages.items())), tuple(f.related)) for f in page.findings)}


def busy(reason: str) -> bool:
    """A time limit hit on a busy machine is about the machine, not the audit."""
    return "did not finish in time" in reason or "stopped responding" in reason or "within" in reason


def audit_both(urls: list[str], **flags) -> tuple[list, list]:
    """The pages through the default path, then through the plain one: their results in order."""
    settings = build_settings({"screenshots": False, "concurrency": 2, **flags}, {})
    plain = dataclasses.replace(settings, browser=dataclasses.replace(settings.browser, pages_per_context=1))
    runs = []
    for chosen in (settings, plain):
        targets = [Target(url, fetch_url=url) for url in urls]
        results = [None] * len(targets)
        asyncio.run(audit_targets(targets, chosen, results=results))
        runs.append(results)
    return runs[0], runs[1]


def differences(names: list[str], fast: list, plain: list) -> tuple[dict, list]:
    """Per page: what only one of the two paths reported; and the pages left out as busy."""
    left_out = [name for name, a, b in zip(names, fast, plain)
                if any(busy(reason) for page in (a, b) for reason in page.viewport_errors.values())]
    found = {}
    for name, a, b in zip(names, fast, plain):
        if name in left_out:
            continue
        one, two = outcome(a), outcome(b)
        only = sorted(set(one.pop("findings")) ^ set(two.pop("findings")))
        if one != two or only:
            found[name] = {"fast": one, "plain": two, "only in one": only[:10]}
    return found, left_out
