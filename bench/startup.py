"""A one-page run: what newsaudit costs before and after its one page, against the floor.

    .venv/bin/python bench/startup.py [--repeat 5]

One generated news page at the four viewports, served from 127.0.0.1. Each row is a whole
process, the median of ``--repeat`` runs: the CLI alone (``--version``: Python and the imports),
the floor (bench/floor.py on the one page: Python, Playwright, a browser launch, four new contexts
and axe.run) and newsaudit with its defaults and with JSON only and no pictures. For newsaudit the
page's own audit time (``seconds`` in report.json) is split from the rest: start-up (imports, the
browser launch, axe-core's first compile) and the reports.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from generate_pages import generate  # noqa: E402
from measure import run_measured  # noqa: E402
from peers import OUT, TAGS, serve  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = OUT / "startup"
    if work.exists():
        shutil.rmtree(work)
    page, = generate(work / "site", 1)
    server, base = serve(work / "site")
    url = f"{base}/{page.name}"
    (work / "urls.txt").write_text(url + "\n", encoding="utf-8")
    python = sys.executable
    newsaudit = [python, "-m", "auditor", "audit", url, "--axe-tags", TAGS, "--fail-on", "never", "-q"]
    rows = {
        "the CLI alone: `newsaudit --version`": ([python, "-m", "auditor", "--version"], None),
        "floor: Playwright, a new context per viewport, axe.run": (
            [python, ROOT / "bench" / "floor.py", work / "urls.txt", work / "floor.json", "--tags", TAGS], None),
        "newsaudit, defaults (all formats, screenshots, crops)": ([*newsaudit, "-o", work / "defaults"],
                                                                 work / "defaults"),
        "newsaudit --format json --no-screenshots": (
            [*newsaudit, "-o", work / "json", "--format", "json", "--no-screenshots"], work / "json"),
    }
    results: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in rows}
    for _ in range(args.repeat):
        for name, (argv, folder) in rows.items():
            measured = run_measured(argv)
            if measured.returncode not in (0, 2):
                sys.exit(f"{name} failed (exit {measured.returncode}): {measured.stderr.strip()[-300:]}")
            audit = json.loads((folder / "report.json").read_text())["pages"][0]["seconds"] if folder else 0.0
            results[name].append((measured.seconds, audit, measured.seconds - audit, measured.peak_bytes / 1e9))
    server.shutdown()

    print(f"\none generated news page x 4 viewports, median of {args.repeat} runs (s)\n")
    print("| run | whole process | the page's audit | everything else | peak tree memory |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, runs in results.items():
        whole, audit, rest, peak = (statistics.median(column) for column in zip(*runs))
        page, rest = (f"{audit:.2f}", f"{rest:.2f}") if audit else ("", "")
        print(f"| {name} | {whole:.2f} | {page} | {rest} | {peak:.2f} GB |")


if __name__ == "__main__":
    main()
