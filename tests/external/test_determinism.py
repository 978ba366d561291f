"""The same real page audited twice gives identical findings: both backends, both viewport modes.

A sample of three real pages (../shared/news-pages, ../shared/news-pages-more), served from
127.0.0.1 with off-site requests aborted, at XS and LG, each audited twice in one run. What could
make two audits differ (a page audited while an anti-flicker snippet hides it, scripts that insert
content at their own pace, the Tab walk, a skip button's Enter press) shows up as a difference.
Kept small on purpose: 4 runs of 6 page audits at 2 viewports.
"""
from __future__ import annotations

import asyncio
import shutil

import pytest

from auditor.api import Target, audit_targets, build_settings
from external_support import SHARED, StaticServer
from parity import busy, outcome

pytestmark = [pytest.mark.external, pytest.mark.browser]

SAMPLE = ["news-pages/bbc-1.html",           # a skip link, a menu, many teasers
          "news-pages/nytimes-3.html",        # skip link after the menu buttons, inline scripts
          "news-pages-more/gizmodo.jp.html"]  # Japanese, a heavy script-built page
if not all((SHARED / name).is_file() for name in SAMPLE):
    pytest.skip(f"the real news pages are not in {SHARED}", allow_module_level=True)

BACKENDS = ["playwright", pytest.param("selenium", marks=pytest.mark.skipif(
    not shutil.which("chromedriver"), reason="no chromedriver on PATH"))]


@pytest.mark.parametrize("mode", ["resize", "reload"])
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_page_audited_twice_gives_identical_findings(backend, mode):
    settings = build_settings({"screenshots": False, "backend": backend, "viewport_mode": mode,
                               "viewports": ["XS,LG"], "same_origin_only": True, "concurrency": 2}, {})
    with StaticServer(SHARED) as server:
        urls = [server.url(name) for name in SAMPLE]
        targets = [Target(url, fetch_url=url) for url in urls + urls]  # each page twice, in parallel
        results = [None] * len(targets)
        asyncio.run(audit_targets(targets, settings, results=results))
    first, second = results[:len(SAMPLE)], results[len(SAMPLE):]
    # A time limit hit on a busy machine is about the machine, not the audit: such a page is not
    # compared (but every other error must repeat exactly).
    busy = [(name, a.viewport_errors or b.viewport_errors) for name, a, b in zip(SAMPLE, first, second)
            if any(busy(reason) for page in (a, b) for reason in page.viewport_errors.values())]
    compared = [(name, a, b) for name, a, b in zip(SAMPLE, first, second) if name not in dict(busy)]
    if not compared:
        pytest.skip(f"the machine was too busy to audit the sample: {busy}")
    assert any(a.findings for _, a, _ in compared), "the sample should have findings to compare"
    for name, a, b in compared:
        one, two = outcome(a), outcome(b)
        only = (sorted(set(one.pop("findings")) ^ set(two.pop("findings"))))
        assert (one, only) == (two, []), name

