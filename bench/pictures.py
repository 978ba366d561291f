"""What pictures cost: newsaudit on the fixture site with and without screenshots, for one code tree.

    .venv/bin/python bench/pictures.py [--root DIR] [--repeat N] [--concurrency N]

``--root`` picks the newsaudit source tree to import (default: this one), so the same script
measures the code before a change (e.g. ``--root /work/main``) and after it. Prints seconds per
page-viewport (median of --repeat runs), the difference, and how many picture files were written;
with screenshots it also times the picture step itself (PageAudit.take_pictures) and counts the
browser's screenshot calls, which load on the machine does not change.
"""
from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(Path(__file__).resolve().parents[1]))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=1)
    args = parser.parse_args()
    root = Path(args.root).resolve()
    sys.path.insert(0, str(root))
    import auditor
    from auditor import engine
    from auditor.browsers.playwright_backend import PlaywrightTab
    from auditor.api import Target, audit_targets, build_settings
    from auditor.localserver import LocalServer

    spent = {"pictures": 0.0, "screenshots": 0}
    take, shoot = engine.PageAudit.take_pictures, PlaywrightTab.screenshot

    async def timed_take(self, *a, **k):
        start = time.perf_counter()
        try:
            return await take(self, *a, **k)
        finally:
            spent["pictures"] += time.perf_counter() - start

    async def counted_shoot(self, *a, **k):
        spent["screenshots"] += 1
        return await shoot(self, *a, **k)

    engine.PageAudit.take_pictures, PlaywrightTab.screenshot = timed_take, counted_shoot

    assert Path(auditor.__file__).resolve().is_relative_to(root), auditor.__file__
    server = LocalServer()
    rel = [server.url_for(p) for p in sorted((root / "fixtures" / "site").glob("*.html"))]
    base = server.start()
    urls = [base + r for r in rel]

    def once(screenshots: bool) -> tuple[float, int, float, int]:
        spent.update(pictures=0.0, screenshots=0)
        out = Path(tempfile.mkdtemp(prefix="bench-pictures-"))
        try:
            settings = build_settings({"concurrency": args.concurrency, "screenshots": screenshots,
                                       "output": str(out)}, {})
            results = [None] * len(urls)
            start = time.perf_counter()
            asyncio.run(audit_targets([Target(u, fetch_url=u) for u in urls], settings, results=results))
            elapsed = time.perf_counter() - start
            assert all(r.status == "audited" and not r.viewport_errors for r in results)
            files = len(list((out / "assets").glob("*"))) if (out / "assets").exists() else 0
            pvs = len(urls) * len(settings.viewports)
            return elapsed / pvs, files, spent["pictures"] / pvs, spent["screenshots"]
        finally:
            shutil.rmtree(out, ignore_errors=True)

    rows = {}
    for _ in range(args.repeat):
        for screenshots in (False, True):  # interleaved: the machine's speed drifts
            rows.setdefault(screenshots, []).append(once(screenshots))
    server.stop()
    off = statistics.median(r[0] for r in rows[False])
    on = statistics.median(r[0] for r in rows[True])
    step = statistics.median(r[2] for r in rows[True])
    print(f"code: {root}; {len(urls)} pages x 4 viewports, median of {len(rows[True])} runs, "
          f"concurrency {args.concurrency}")
    print(f"no screenshots   {off:.3f} s/page-viewport")
    print(f"screenshots      {on:.3f} s/page-viewport ({rows[True][0][1]} picture files, "
          f"{rows[True][0][3]} browser screenshots)")
    print(f"pictures cost    {on - off:+.3f} s/page-viewport; the picture step itself {step:.3f} s/page-viewport")


if __name__ == "__main__":
    main()
