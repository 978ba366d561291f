"""The fast path gives the findings of the plain one on real news pages (issue 13): every fourth
page of ../shared/news-pages and ../shared/news-pages-more, served from 127.0.0.1 with off-site
requests aborted, at all four viewports, audited with a worker's context kept across pages and
again with a new context for every page. Any difference fails."""
from __future__ import annotations

import pytest

from external_support import SHARED, StaticServer
from parity import audit_both, differences

pytestmark = [pytest.mark.external, pytest.mark.browser]

SAMPLE = sorted(f"{folder}/{page.name}" for folder in ("news-pages", "news-pages-more")
                for page in (SHARED / folder).glob("*.html"))[::4]
if not SAMPLE:
    pytest.skip(f"the real news pages are not in {SHARED}", allow_module_level=True)


def test_real_news_pages_give_the_same_findings_with_a_kept_context_as_with_a_new_one_per_page():
    with StaticServer(SHARED) as server:
        fast, plain = audit_both([server.url(name) for name in SAMPLE], same_origin_only=True)
    found, left_out = differences(SAMPLE, fast, plain)
    compared = len(SAMPLE) - len(left_out)
    assert compared >= len(SAMPLE) * 0.8, f"the machine was too busy to compare {left_out}"
    assert found == {}
    assert sum(len(page.findings) for page in fast) > 100, "the sample has findings to compare"
