"""Where a page-viewport's time goes: every browser call and the rules, timed inside one worker.

    .venv/bin/python bench/steps.py [--pages 20] [--screenshots] [--backend selenium]

Audits generated news pages (bench/generate_pages.py) with one worker, so the steps do not overlap,
and times each call a Tab makes (each in-page script by its entry point, key presses, axe-core,
screenshots, resizes, loads) and the rule process. Prints seconds per page-viewport by step. The
wrapping is done here, never in the code under test.
"""
from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from generate_pages import generate  # noqa: E402
from peers import serve  # noqa: E402

from auditor import engine, regions  # noqa: E402
from auditor.api import audit_targets, build_settings  # noqa: E402
from auditor.browsers.base import Tab  # noqa: E402
from auditor.browsers.playwright_backend import PlaywrightBackend, PlaywrightTab  # noqa: E402
from auditor.browsers.selenium_backend import SeleniumBackend  # noqa: E402
from auditor.browsers.selenium_tab import SeleniumTab  # noqa: E402
from auditor.engine import Target  # noqa: E402
from auditor.rulerunner import RuleRunner  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)
ENTRY = re.compile(r"return await ([\w.]+)\(arg\);\s*\}\s*$")


def label_of(function: str) -> str:
    match = ENTRY.search(function[-200:])
    return f"evaluate {match.group(1)}" if match else f"evaluate {function[:40]!r}"


def timed(owner, name: str, label=None) -> None:
    original = getattr(owner, name)

    async def wrapper(self, *args, **kwargs):
        key = label(args) if label else name
        start = time.perf_counter()
        try:
            return await original(self, *args, **kwargs)
        finally:
            SPENT[key] += time.perf_counter() - start
            CALLS[key] += 1

    setattr(owner, name, wrapper)


def timed_function(module, name: str) -> None:
    original = getattr(module, name)

    async def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return await original(*args, **kwargs)
        finally:
            SPENT[name] += time.perf_counter() - start
            CALLS[name] += 1

    setattr(module, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--screenshots", action="store_true")
    parser.add_argument("--mode", default="resize")
    parser.add_argument("--backend", choices=("playwright", "selenium"), default="playwright")
    args = parser.parse_args()
    work = ROOT / "bench" / "out" / "steps"
    if work.exists():
        shutil.rmtree(work)
    paths = generate(work / "site", args.pages)
    server, base = serve(work / "site")
    # The outermost calls a worker makes; evaluate is timed by the script it runs.
    timed(Tab, "evaluate", lambda a: label_of(a[0]))
    timed(Tab, "goto")
    tab, backend = {"playwright": (PlaywrightTab, PlaywrightBackend),
                    "selenium": (SeleniumTab, SeleniumBackend)}[args.backend]
    # The Selenium tab runs axe-core its own way (axe-selenium-python), so _axe is timed per backend.
    for name in ("_axe", "press_tab", "press_enter", "screenshot", "_resize", "reset", "clear_site_data", "close"):
        timed(tab, name)
    timed(backend, "new_tab")
    timed(RuleRunner, "judge")
    timed_function(regions, "classify")
    timed(engine.PageAudit, "take_pictures")
    settings = build_settings({"viewport_mode": args.mode, "concurrency": 1, "screenshots": args.screenshots,
                               "output": str(work / "out"), "backend": args.backend}, {})
    targets = [Target(f"{base}/{p.name}", fetch_url=f"{base}/{p.name}") for p in paths]
    results = [None] * len(targets)
    start = time.perf_counter()
    asyncio.run(audit_targets(targets, settings, results=results))
    total = time.perf_counter() - start
    server.shutdown()
    pv = len(targets) * len(settings.viewports)
    print(f"{len(targets)} pages x {len(settings.viewports)} viewports, 1 worker, {args.backend}, mode {args.mode}, "
          f"screenshots {args.screenshots}: {total / pv:.3f} s per page-viewport in all\n")
    print("| step | calls / page-viewport | s / page-viewport |")
    print("| --- | ---: | ---: |")
    for key, spent in sorted(SPENT.items(), key=lambda kv: -kv[1]):
        print(f"| {key} | {CALLS[key] / pv:.1f} | {spent / pv:.4f} |")


if __name__ == "__main__":
    main()
