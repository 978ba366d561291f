"""Does a run stay flat as it grows? newsaudit over 100, 300 and 1,000 generated articles.

    .venv/bin/python bench/scale.py [--sizes 100,300,1000] [--one-run] [--args "--format json --no-screenshots"]

Each size is one whole `newsaudit audit` process over generated pages (bench/generate_pages.py)
served from 127.0.0.1 at the four viewports; with --one-run, one process over the largest size,
read at each smaller size as it passes it (time to reach N pages, peak memory up to N). The bench samples the process tree's memory (PSS)
every half second together with the pages finished so far (one progress line per page on stderr),
prints a table, and writes bench/out/scale.png: memory against pages done, and time against pages.
Targets (issue 13): peak under 1.5 GB and flat after the first 50 pages; time linear in pages.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from generate_pages import generate  # noqa: E402
from measure import Measured, run_measured  # noqa: E402
from peers import serve  # noqa: E402

OUT = ROOT / "bench" / "out"


def chart(runs: dict[int, Measured], path: Path) -> bool:
    try:
        import matplotlib
    except ImportError:
        print("no chart: matplotlib is missing (.venv/bin/pip install -e '.[bench]'); the samples are in "
              f"{OUT / 'scale-samples.json'}")
        return False

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (mem, time_ax) = plt.subplots(1, 2, figsize=(11, 4.2))
    for size, m in sorted(runs.items()):
        done = [pages for _, _, pages in m.samples]
        mem.plot(done, [b / 1e9 for _, b, _ in m.samples], label=f"{size} pages", linewidth=1)
        time_ax.plot(done, [t for t, _, _ in m.samples], label=f"{size} pages", linewidth=1)
    mem.axhline(1.5, color="red", linestyle="--", linewidth=0.8, label="1.5 GB target")
    mem.set(xlabel="pages finished", ylabel="process tree PSS (GB)", title="Memory as the run grows")
    time_ax.set(xlabel="pages finished", ylabel="seconds since start", title="Time as the run grows")
    for ax in (mem, time_ax):
        ax.grid(alpha=0.3)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True


def checkpoints(m: Measured, sizes: list[int]) -> None:
    """One run read as it passes each size: is the time per page steady, and the memory flat?"""
    print("\n| pages done | seconds | s / page | s / page since the previous row | peak PSS so far | peak PSS after page 50 |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    previous_t, previous_n = 0.0, 0
    for size in sorted(sizes):
        upto = [(t, b) for t, b, done in m.samples if done <= size]
        if not upto:
            continue
        t = max(t for t, _ in upto)
        after = [b for _, b, done in m.samples if 50 <= done <= size] or [0]
        print(f"| {size} | {t:.0f} | {t / size:.2f} | {(t - previous_t) / (size - previous_n):.2f} "
              f"| {max(b for _, b in upto) / 1e9:.2f} GB | {max(after) / 1e9:.2f} GB |")
        previous_t, previous_n = t, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,1000")
    parser.add_argument("--args", default="", help="extra newsaudit audit options")
    parser.add_argument("--one-run", action="store_true", help="one process, read at each size")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = OUT / "scale"
    if work.exists():
        shutil.rmtree(work)
    paths = generate(work / "site", max(sizes))
    server, base = serve(work / "site")
    runs: dict[int, Measured] = {}
    for size in [max(sizes)] if args.one_run else sizes:
        urls = work / f"urls-{size}.txt"
        urls.write_text("".join(f"{base}/{p.name}\n" for p in paths[:size]), encoding="utf-8")
        runs[size] = run_measured([sys.executable, "-m", "auditor", "audit", "--urls", urls, "-o", work / f"out-{size}",
                                   "--fail-on", "never", *shlex.split(args.args)], interval=0.5)
    server.shutdown()
    print(f"\n{os.cpu_count()} cores; newsaudit audit {args.args or '(defaults)'}; 4 viewports\n")
    print("| pages | exit | seconds | s / page | peak PSS | peak PSS after page 50 | peak PSS in the last half |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size, m in sorted(runs.items()):
        after = [b for _, b, done in m.samples if done >= 50] or [0]
        last = [b for _, b, done in m.samples if done >= size / 2] or [0]
        print(f"| {size} | {m.returncode} | {m.seconds:.0f} | {m.seconds / size:.2f} | {m.peak_bytes / 1e9:.2f} GB "
              f"| {max(after) / 1e9:.2f} GB | {max(last) / 1e9:.2f} GB |")
    if args.one_run:
        checkpoints(runs[max(sizes)], sizes)
    # Kept first, so that a run of half an hour is never lost to the chart.
    (OUT / "scale-samples.json").write_text(json.dumps({size: m.samples for size, m in runs.items()}), encoding="utf-8")
    if chart(runs, OUT / "scale.png"):
        print(f"\nchart: {OUT / 'scale.png'}")


if __name__ == "__main__":
    main()
