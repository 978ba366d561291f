"""Every example in docs/api.md runs as written, in its own interpreter, against a fixture page
served from 127.0.0.1 in real Chromium. (```py blocks are test code shown for the pytest plugin,
which tests/test_pytest_plugin.py runs in a sample project.)"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.browsers import find_chromium
from auditor.localserver import LocalServer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "api.md").read_text(encoding="utf-8"), re.S)


def test_the_document_shows_every_entry_point():
    text = "\n".join(BLOCKS)
    for call in ("api.audit(", "api.audit_page(", "api.audit_page_async(", "api.audit_driver("):
        assert call in text, call


@pytest.fixture(scope="module")
def url():
    server = LocalServer()
    path = server.url_for(ROOT / "fixtures" / "site" / "heading-problems.html")
    yield server.start() + path
    server.stop()


@pytest.mark.parametrize("number", range(len(BLOCKS)))
def test_example_runs(number, url, tmp_path):
    code = f"URL = {url!r}\n" + BLOCKS[number]
    env = dict(os.environ, NEWSAUDIT_BROWSER=find_chromium(None), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    if "finding" in BLOCKS[number]:  # the page has known defects: an example that lists them shows some
        assert "heading-h1-multiple" in done.stdout or " findings at " in done.stdout, done.stdout
