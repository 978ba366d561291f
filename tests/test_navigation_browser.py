"""The one navigation policy (auditor/browsers/base.py), in real Chromium through both backends:
a page that reloads itself once after its load is audited (in its second document), a page that
never stops navigating is an error with one line."""
import shutil

import pytest

from auditor.browsers import BACKENDS
from auditor.browsers.errors import KEEPS_NAVIGATING
from badserver import BadServer, serve
from clitools import ROOT, load_report, run_cli

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_page_that_reloads_itself_once_is_audited_and_one_that_never_stops_is_not(tmp_path, backend):
    if backend == "selenium" and not shutil.which("chromedriver"):
        pytest.skip("no chromedriver on PATH")
    server, (once,) = serve("navigates-once.html")
    try:
        with BadServer() as bad:
            moving = bad.url("/navigating")
            result = run_cli("audit", once, moving, "--backend", backend, "--viewports", "XS,LG", "--no-screenshots",
                             "--concurrency", "1", "--format", "json", "-o", tmp_path / "out", "-q", cwd=ROOT)
    finally:
        server.stop()
    assert result.returncode == 3, result.stderr
    pages = {page["url"]: page for page in load_report(tmp_path / "out")["pages"]}
    audited = pages[once]
    assert audited["status"] == "audited" and audited["viewports_audited"] == ["XS", "LG"], audited["error"]
    assert any(f["selector"] == "#no-alt" for f in audited["findings"])
    assert pages[moving]["status"] == "error" and pages[moving]["error"] == KEEPS_NAVIGATING
