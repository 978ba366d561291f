"""Running the real CLI in a subprocess, as a user or CI would, and reading what it wrote."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args, cwd=None, env=None, timeout=600):
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "auditor", *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


def load_report(folder):
    return json.loads((Path(folder) / "report.json").read_text(encoding="utf-8"))
