"""The fast path gives the findings of the plain one on the fixture site, at all four viewports
(issue 13): a worker's context kept across pages, with what each page stored cleared in between,
against a new context for every page. Real news pages: tests/external/test_parity.py."""
from pathlib import Path

import pytest

from auditor.localserver import LocalServer
from parity import audit_both, differences

pytestmark = pytest.mark.browser

SITE = Path(__file__).resolve().parents[1] / "fixtures" / "site"


def test_the_fixture_site_gives_the_same_findings_with_a_kept_context_as_with_a_new_one_per_page():
    pages = sorted(SITE.glob("*.html"))
    server = LocalServer()
    paths = [server.url_for(page) for page in pages]
    base = server.start()
    try:
        fast, plain = audit_both([base + path for path in paths])
    finally:
        server.stop()
    found, left_out = differences([p.name for p in pages], fast, plain)
    assert not left_out, f"the machine was too busy to compare {left_out}"
    assert found == {}
    assert sum(len(page.findings) for page in fast) > 30, "the site has findings to compare"
