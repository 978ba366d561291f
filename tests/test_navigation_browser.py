"""The one navigation policy (auditor/browsers/base.py), in real Chromium through both backends:
a page that reloads itself once after its load is audited (in its second document), a page that
never stops navigating is an error with one line."""
import asyncio
import shutil

import pytest

from auditor.browsers import BACKENDS
from auditor.browsers.errors import KEEPS_NAVIGATING
from auditor.config import build_settings
from auditor.engine import Target, audit_targets
from badserver import BadServer, serve

pytestmark = pytest.mark.browser


def audit(urls, backend):
    if backend == "selenium" and not shutil.which("chromedriver"):
        pytest.skip("no chromedriver on PATH")
    settings = build_settings({"screenshots": False, "viewports": ["XS,LG"], "concurrency": 1,
                               "backend": backend}, {})
    results = [None] * len(urls)
    asyncio.run(audit_targets([Target(u, fetch_url=u) for u in urls], settings, results=results))
    return results


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_page_that_reloads_itself_once_is_audited_and_one_that_never_stops_is_not(backend):
    server, (once,) = serve("navigates-once.html")
    try:
        with BadServer() as bad:
            audited, moving = audit([once, bad.url("/navigating")], backend)
    finally:
        server.stop()
    assert audited.status == "audited" and audited.viewports_audited == ["XS", "LG"], audited.error
    assert any(f.selector == "#no-alt" for f in audited.findings)
    assert moving.status == "error" and moving.error == KEEPS_NAVIGATING
