"""Speed of a newsaudit page-viewport against a bare Playwright + axe reference, and peak memory.

    .venv/bin/python bench/bench.py [--pages DIR_OR_FILES...] [--repeat N]

The reference is what a hand-written script would do: one browser, a new context per
page-viewport, goto, inject axe-core, axe.run. newsaudit does more (facts, the keyboard walk, the
news rules, merging), so the ratio says what that costs. Timings are medians over --repeat runs.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import threading
import time
from pathlib import Path

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from auditor import scripts  # noqa: E402
from auditor.browsers import chromium_flags, find_chromium  # noqa: E402
from auditor.api import Target, audit_targets, build_settings  # noqa: E402
from auditor.localserver import LocalServer  # noqa: E402

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


class PeakMemory:
    """Peak summed RSS of this process and every descendant (the driver and Chromium)."""

    def __init__(self):
        self.peak = 0
        self._stop = threading.Event()

    @staticmethod
    def _tree_rss() -> int:
        children: dict[int, list[int]] = {}
        rss: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                with open(f"/proc/{entry}/statm") as f:
                    rss[int(entry)] = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
        total, stack = 0, [os.getpid()]
        while stack:
            pid = stack.pop()
            total += rss.get(pid, 0)
            stack.extend(children.get(pid, []))
        return total

    def _loop(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self._tree_rss())
            time.sleep(0.1)

    def __enter__(self):
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


async def reference(urls: list[str], viewports, reuse_context: bool = False) -> float:
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=find_chromium(None, p.chromium.executable_path),
                                          args=chromium_flags())
        shared = await browser.new_context() if reuse_context else None
        start = time.perf_counter()
        for url in urls:
            for v in viewports:
                context = shared or await browser.new_context(viewport={"width": v.width, "height": v.height})
                page = await context.new_page()
                if shared:
                    await page.set_viewport_size({"width": v.width, "height": v.height})
                await page.goto(url, wait_until="load")
                await page.evaluate(scripts.axe_source())
                await page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
                await page.close()
                if not shared:
                    await context.close()
        elapsed = time.perf_counter() - start
        await browser.close()
    return elapsed / (len(urls) * len(viewports))


async def newsaudit(urls: list[str], mode: str, concurrency: int, screenshots: bool, out: Path) -> float:
    settings = build_settings({"viewport_mode": mode, "concurrency": concurrency, "screenshots": screenshots,
                               "output": str(out)}, {})
    targets = [Target(u, fetch_url=u) for u in urls]
    start = time.perf_counter()
    results = [None] * len(targets)
    await audit_targets(targets, settings, results=results)
    elapsed = time.perf_counter() - start
    bad = [r.url for r in results if r.status != "audited" or r.viewport_errors]
    if bad:
        raise SystemExit(f"not audited: {bad}")
    return elapsed / (len(urls) * len(settings.viewports))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", default=[str(ROOT / "fixtures" / "site")])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    server = LocalServer()
    paths = []
    for given in args.pages:
        p = Path(given)
        paths += sorted(p.glob("*.html")) if p.is_dir() else [p]
    rel = [server.url_for(p) for p in paths]
    base = server.start()
    urls = [base + r for r in rel]
    viewports = build_settings({}, {}).viewports
    out = ROOT / "bench" / "out"
    print(f"{len(urls)} pages x {len(viewports)} viewports, median of {args.repeat} runs, {os.cpu_count()} cores")

    rows = []

    def measure(name, make):
        times = []
        with PeakMemory() as memory:
            for _ in range(args.repeat):
                times.append(asyncio.run(make()))
        rows.append((name, statistics.median(times), memory.peak))

    measure("reference: new context per page-viewport", lambda: reference(urls, viewports))
    measure("reference: one context reused", lambda: reference(urls, viewports, reuse_context=True))
    for mode in ("reload", "resize"):
        measure(f"newsaudit {mode}, 1 worker, no screenshots",
                lambda mode=mode: newsaudit(urls, mode, 1, False, out))
    measure("newsaudit reload, 1 worker, screenshots", lambda: newsaudit(urls, "reload", 1, True, out))
    measure("newsaudit default: resize, 2 workers, screenshots", lambda: newsaudit(urls, "resize", 2, True, out))
    server.stop()

    ref = rows[0][1]
    print(f"{'run':48} {'s/page-vp':>10} {'pv/s':>7} {'x ref':>6} {'peak MB':>8}")
    for name, seconds, peak in rows:
        print(f"{name:48} {seconds:10.3f} {1 / seconds:7.2f} {seconds / ref:6.2f} {peak / 2**20:8.0f}")


if __name__ == "__main__":
    main()
