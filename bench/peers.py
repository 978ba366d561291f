"""newsaudit against the floor and the best peer, each timed as one whole process.

    bash bench/setup-peers.sh            # once: pa11y-ci from npm (not part of CI)
    .venv/bin/python bench/peers.py [--pages 40] [--pa11y-concurrency 1,2,4]

Generates news pages (bench/generate_pages.py), serves them from 127.0.0.1, and runs each tool on
the same pages at the four viewports: the floor (bench/floor.py: Playwright, a new context per
page-viewport, axe.run, 2 in flight), pa11y-ci with its axe runner at each concurrency, newsaudit
with its defaults (all formats, screenshots and crops) and newsaudit with JSON only and no pictures.
pa11y-ci keys results by URL, so each viewport gets its own URL (``?viewport=XS``). Every tool runs
axe-core with pa11y's tag set, so the axe node-viewports each found can be compared.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from generate_pages import generate  # noqa: E402
from measure import Measured, run_measured  # noqa: E402

sys.path.insert(0, str(ROOT))
from auditor.browsers import QUIET_FLAGS, chromium_flags  # noqa: E402

OUT = ROOT / "bench" / "out"
PA11Y = ROOT / "bench" / "peers" / "node_modules" / ".bin" / "pa11y-ci"
# pa11y's axe runner runs these tags for WCAG2AA; every tool here uses the same.
TAGS = "wcag2a,wcag21a,wcag2aa,wcag21aa,best-practice"
VIEWPORTS = {"XS": (375, 667), "SM": (640, 960), "MD": (768, 1024), "LG": (1280, 800)}


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def newsaudit_nodes(report: Path) -> int:
    """axe node-viewports in a report.json. An axe finding on the element a news rule flags for
    the same problem is folded into the news finding and named in its ``related``; it counts too."""
    data = json.loads(report.read_text(encoding="utf-8"))
    total = 0
    for page in data["pages"]:
        axe = {(f["rule"], f["selector"]) for f in page["findings"] if f["engine"] == "axe"}
        for finding in page["findings"]:
            if finding["engine"] == "axe":
                total += len(finding["viewports"])
                continue
            folded = [rule for rule in finding.get("related", []) if (rule, finding["selector"]) not in axe]
            total += len(folded) * len(finding["viewports"])
    return total


def pa11y_nodes(result: Path) -> int:
    data = json.loads(result.read_text(encoding="utf-8") or "{}")
    return sum(1 for issues in data.get("results", {}).values() for issue in issues
               if isinstance(issue, dict) and issue.get("runner") == "axe"
               and not (issue.get("runnerExtras") or {}).get("needsFurtherReview"))


def pa11y_config(urls: list[str], concurrency: int, path: Path) -> Path:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    config = {
        "defaults": {"runners": ["axe"], "standard": "WCAG2AA", "concurrency": concurrency, "timeout": 120000,
                     "includeWarnings": True, "includeNotices": True,
                     "chromeLaunchConfig": {"executablePath": chromium, "args": chromium_flags()}},
        "urls": [{"url": f"{url}?viewport={name}", "viewport": {"width": w, "height": h}}
                 for url in urls for name, (w, h) in VIEWPORTS.items()],
    }
    path.write_text(json.dumps(config, indent=1), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--pa11y-concurrency", default="1,2,4", help='"" leaves pa11y-ci out')
    args = parser.parse_args()
    work = OUT / "peers"
    if work.exists():
        shutil.rmtree(work)
    paths = generate(work / "site", args.pages)
    server, base = serve(work / "site")
    urls = [f"{base}/{p.name}" for p in paths]
    (work / "urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
    python = sys.executable
    newsaudit = [python, "-m", "auditor", "audit", "--urls", work / "urls.txt", "--axe-tags", TAGS,
                 "--concurrency", "2", "--fail-on", "never", "-q"]
    runs: list[tuple[str, Measured, int]] = []

    measured = run_measured([python, ROOT / "bench" / "floor.py", work / "urls.txt", work / "floor.json",
                             "--concurrency", "2", "--tags", TAGS])
    runs.append(("floor: Playwright, new context per page-viewport, axe.run, 2 in flight", measured,
                 sum(json.loads((work / "floor.json").read_text()).values()) if measured.returncode == 0 else -1))
    if PA11Y.exists() or not args.pa11y_concurrency:
        for c in [int(c) for c in args.pa11y_concurrency.split(",") if c]:
            config = pa11y_config(urls, c, work / f"pa11y-{c}.json")
            result = work / f"pa11y-{c}-result.json"
            with open(result, "w") as sink:
                env = dict(os.environ, PUPPETEER_SKIP_DOWNLOAD="1")
                measured = run_measured(["sh", "-c", f'exec "{PA11Y}" --config "{config}" --json > "{result}"'], env=env)
            runs.append((f"pa11y-ci 4.1.1 + axe, concurrency {c}", measured, pa11y_nodes(result)))
    else:
        print(f"pa11y-ci is not installed ({PA11Y}); run bash bench/setup-peers.sh for its rows")
    measured = run_measured([*newsaudit, "-o", work / "defaults"])
    runs.append(("newsaudit, defaults (all formats, screenshots, crops)", measured,
                 newsaudit_nodes(work / "defaults" / "report.json")))
    measured = run_measured([*newsaudit, "-o", work / "json", "--format", "json", "--no-screenshots"])
    runs.append(("newsaudit --format json --no-screenshots", measured, newsaudit_nodes(work / "json" / "report.json")))
    server.shutdown()

    pv = len(urls) * len(VIEWPORTS)
    floor = runs[0][1].seconds / pv
    print(f"\n{len(urls)} generated news pages x {len(VIEWPORTS)} viewports = {pv} page-viewports, "
          f"{os.cpu_count()} cores, axe tags {TAGS}; quiet Chromium flags: {len(QUIET_FLAGS)}\n")
    print("| tool | s / page-viewport | vs floor | CPU s | peak tree memory | axe node-viewports |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, m, nodes in runs:
        failed = f" (exit {m.returncode})" if m.returncode not in (0, 2) else ""
        print(f"| {name}{failed} | {m.seconds / pv:.3f} | {m.seconds / pv / floor:.2f} | {m.cpu_seconds:.0f} "
              f"| {m.peak_bytes / 1e9:.2f} GB | {nodes} |")


if __name__ == "__main__":
    main()
