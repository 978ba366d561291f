"""auditor.api: the front door, in real Chromium on fixture pages served from 127.0.0.1."""
from __future__ import annotations

import asyncio
import dataclasses
import json
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from auditor import api
from auditor.browsers import find_chromium
from auditor.localserver import LocalServer

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "fixtures" / "site"


def expected(name: str, viewports: list[str]) -> list[tuple]:
    data = json.loads((SITE / f"{name}.expected.json").read_text(encoding="utf-8"))
    return sorted((f["rule"], f["selector"], tuple(v for v in f["viewports"] if v in viewports))
                  for f in data["findings"] if set(f["viewports"]) & set(viewports))


def keyed(page) -> list[tuple]:
    return sorted((f.rule, f.selector, tuple(f.viewports)) for f in page.findings)


def test_a_page_of_the_wrong_kind_is_told_which_call_to_use():
    class AsyncPage:
        async def evaluate(self, function, arg=None): ...

    class SyncPage:
        def evaluate(self, function, arg=None): ...

    with pytest.raises(TypeError, match="audit_page_async"):
        api.audit_page(AsyncPage())
    with pytest.raises(TypeError, match=r"audit_page\(page\)"):
        asyncio.run(api.audit_page_async(SyncPage()))
    # Not a page or a driver at all: a one-line TypeError that says what was expected.
    with pytest.raises(TypeError, match=r"a Playwright Page expected, not object \(it has no evaluate\(\)\)"):
        api.audit_page(object())
    with pytest.raises(TypeError, match=r"a Selenium WebDriver expected, not SyncPage \(it has no execute_script"):
        api.audit_driver(SyncPage())


def test_bad_settings_raise_one_line_config_errors():
    with pytest.raises(api.ConfigError, match="unknown rule 'no-such-rule'"):
        api.build_settings({"disable": ["no-such-rule"]})
    with pytest.raises(api.ConfigError, match="unknown format 'pdf'"):
        api.load_settings(format=["pdf"])


@pytest.mark.browser
def test_audit_reads_a_url_list_and_audits_local_files_like_the_cli(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# two pages\n{SITE / 'heading-problems.html'}\n{SITE / 'clean-article.html'}\n")
    settings = dataclasses.replace(api.build_settings({"viewports": ["XS,LG"], "screenshots": False}),
                                   concurrency=1)
    seen = []
    run = api.audit([api.UrlList(str(listing))], settings, progress=lambda index, page: seen.append(index))
    assert sorted(seen) == [0, 1]
    heading, clean = run.pages
    assert heading.status == clean.status == "audited"
    assert keyed(heading) == expected("heading-problems", ["XS", "LG"]) and keyed(clean) == []
    assert api.exit_code(run) == 1  # the page has a serious finding: the CLI's exit code
    api.write_reports(run, tmp_path / "out", ["json"])
    assert json.loads((tmp_path / "out" / "report.json").read_text())["pages"][0]["url"].endswith("heading-problems.html")


@pytest.mark.browser
def test_audit_page_takes_the_page_as_it_stands_and_gives_it_back():
    server = LocalServer()
    path = server.url_for(SITE / "skip-link-missing.html")
    url = server.start() + path
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(None))
            page = browser.new_page(viewport={"width": 900, "height": 600})
            page.goto(url)
            page.evaluate("() => { window.state = 'mid-test'; }")
            run = api.audit_page(page, dataclasses.replace(api.Settings(), screenshots=False))
            assert page.viewport_size == {"width": 900, "height": 600}
            assert page.evaluate("() => window.state") == "mid-test" and page.url == url
            browser.close()
    finally:
        server.stop()
    (audited,) = run.pages
    assert audited.viewports_audited == ["XS", "SM", "MD", "LG"]
    assert keyed(audited) == expected("skip-link-missing", ["XS", "SM", "MD", "LG"])
    assert run.rules and run.tool["browser"].startswith("chromium")
