"""The floor: what a bare hand-written Playwright + axe-core script costs, nothing else.

    .venv/bin/python bench/floor.py URLS_FILE OUT.json [--concurrency 2] [--tags a,b]

One Chromium, a new context per page-viewport, goto, inject axe-core, axe.run, N in flight. It
writes the number of axe violation nodes per page-viewport so a bench can check that every tool
found the same. Run as its own process so its time and memory are measured like the others'.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from auditor import scripts  # noqa: E402
from auditor.browsers import chromium_flags, find_chromium  # noqa: E402

VIEWPORTS = {"XS": (375, 667), "SM": (640, 960), "MD": (768, 1024), "LG": (1280, 800)}


async def main(urls: list[str], out: Path, concurrency: int, tags: list[str]) -> None:
    jobs: asyncio.Queue = asyncio.Queue()
    for url in urls:
        for name, size in VIEWPORTS.items():
            jobs.put_nowait((url, name, size))
    counts: dict[str, int] = {}
    axe = scripts.axe_source()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=find_chromium(None, p.chromium.executable_path),
                                          args=chromium_flags())

        async def worker() -> None:
            while not jobs.empty():
                url, name, (width, height) = jobs.get_nowait()
                context = await browser.new_context(viewport={"width": width, "height": height})
                page = await context.new_page()
                await page.goto(url, wait_until="load")
                await page.evaluate(axe)
                result = await page.evaluate(
                    "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
                counts[f"{url}#{name}"] = sum(len(v["nodes"]) for v in result["violations"])
                await context.close()

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        await browser.close()
    out.write_text(json.dumps(counts, indent=1, sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--tags", default="wcag2a,wcag21a,wcag2aa,wcag21aa,best-practice")
    args = parser.parse_args()
    asyncio.run(main(args.urls.read_text().split(), args.out, args.concurrency, args.tags.split(",")))
