"""Run one tool as a whole process and measure it: wall time, CPU seconds and peak tree memory.

The memory is the summed PSS (proportional set size) of the process and every descendant (Python,
the Playwright driver or chromedriver, every Chromium process), sampled every 0.1 s: what a CI
machine has to hold. PSS, not RSS, because Chromium's processes share most of their pages and
summed RSS would count those once per process.
``samples`` keeps (seconds, bytes, stderr lines so far) so a scale run can chart memory against
pages done.
"""
from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def tree_pss(root: int) -> int:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _pss(pid)
        stack.extend(children.get(pid, []))
    return total


@dataclass
class Measured:
    seconds: float
    cpu_seconds: float
    peak_bytes: int
    returncode: int
    stderr: str
    samples: list[tuple[float, int, int]] = field(default_factory=list)


def run_measured(argv: list[str], cwd: Path | None = None, env: dict | None = None,
                 timeout: float = 7200, interval: float = 0.1) -> Measured:
    """Run argv to the end; stdout is discarded, stderr kept (progress lines count pages done)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen([str(a) for a in argv], cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, errors="replace")
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True)
    reader.start()
    samples, peak = [], 0
    while proc.poll() is None:
        rss = tree_pss(proc.pid)
        peak = max(peak, rss)
        samples.append((time.perf_counter() - start, rss, len(lines)))
        if time.perf_counter() - start > timeout:
            proc.kill()
        time.sleep(interval)
    reader.join(5)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(elapsed, cpu, peak, proc.returncode, "".join(lines), samples)
