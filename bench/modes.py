"""Do the two viewport modes agree, and what does each cost? On the fixture site and real news pages.

    .venv/bin/python bench/modes.py [--news N]

Audits the same pages with --viewport-mode reload and resize (off-site requests aborted, no
screenshots), then prints seconds per page-viewport for each and every finding that only one mode
reported.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from auditor.api import Target, audit_targets, build_settings  # noqa: E402
from auditor.localserver import LocalServer  # noqa: E402

NEWS = ROOT.parent / "shared" / "news-pages"


def audit(urls: list[str], mode: str):
    settings = build_settings({"viewport_mode": mode, "screenshots": False, "same_origin_only": True}, {})
    results = [None] * len(urls)
    start = time.perf_counter()
    asyncio.run(audit_targets([Target(u, fetch_url=u) for u in urls], settings, results=results))
    return results, (time.perf_counter() - start) / (len(urls) * len(settings.viewports))


def keyed(page) -> set:
    return {(f.rule, f.selector, tuple(f.viewports)) for f in page.findings}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=int, default=20, help="how many real news pages (0 for none)")
    args = parser.parse_args()
    server = LocalServer()
    sets = {"fixtures": sorted((ROOT / "fixtures" / "site").glob("*.html")),
            "news-pages": sorted(NEWS.glob("*.html"))[: args.news] if NEWS.is_dir() else []}
    paths = {name: [server.url_for(p) for p in pages] for name, pages in sets.items()}
    base = server.start()
    for name, rel in paths.items():
        if not rel:
            continue
        urls = [base + r for r in rel]
        (reload_pages, reload_s), (resize_pages, resize_s) = audit(urls, "reload"), audit(urls, "resize")
        differing = []
        for url, a, b in zip(urls, reload_pages, resize_pages):
            if a.status != b.status or keyed(a) != keyed(b):
                differing.append((url.rsplit("/", 1)[-1], sorted(keyed(a) - keyed(b)), sorted(keyed(b) - keyed(a)),
                                  a.error, b.error))
        findings = sum(len(p.findings) for p in reload_pages)
        print(f"{name}: {len(urls)} pages; reload {reload_s:.3f} s/page-viewport, resize {resize_s:.3f}; "
              f"{findings} findings in reload mode; {len(differing)} pages differ")
        for page, only_reload, only_resize, error_a, error_b in differing:
            print(f"  {page}: only reload {only_reload}; only resize {only_resize}"
                  + (f"; errors {error_a!r} / {error_b!r}" if error_a or error_b else ""))
    server.stop()


if __name__ == "__main__":
    main()
