"""The pytest plugin in a sample project's own tests (pytester, in a subprocess): real Chromium
through Playwright and Selenium, on fixture pages served from 127.0.0.1."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.browsers import find_chromium
from auditor.localserver import LocalServer

pytest_plugins = ["pytester"]
pytestmark = pytest.mark.browser

SITE = Path(__file__).resolve().parents[1] / "fixtures" / "site"

SAMPLE = '''
import os
import shutil

import pytest
from playwright.sync_api import sync_playwright
from selenium import webdriver
from selenium.webdriver.chrome.service import Service


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ["NEWSAUDIT_BROWSER"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


@pytest.fixture
def driver():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox"):
        options.add_argument(argument)
    options.binary_location = os.environ["NEWSAUDIT_BROWSER"]
    driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
    yield driver
    driver.quit()


def test_clean_article(page, newsaudit):
    page.goto(os.environ["CLEAN_URL"])
    run = newsaudit.check(page)
    assert run.pages[0].viewports_audited == ["XS", "LG"]  # newsaudit.toml's viewports


def test_heading_problems(page, newsaudit):
    page.goto(os.environ["BROKEN_URL"])
    newsaudit.check(page)


def test_heading_problems_in_selenium(driver, newsaudit):
    driver.get(os.environ["BROKEN_URL"])
    newsaudit.check(driver)
'''


@pytest.fixture(scope="module")
def urls():
    server = LocalServer()
    paths = [server.url_for(SITE / name) for name in ("clean-article.html", "heading-problems.html")]
    base = server.start()
    yield [base + path for path in paths]
    server.stop()


@pytest.fixture
def project(pytester, urls, monkeypatch):
    monkeypatch.setenv("NEWSAUDIT_BROWSER", find_chromium(None))
    monkeypatch.setenv("CLEAN_URL", urls[0])
    monkeypatch.setenv("BROKEN_URL", urls[1])
    pytester.makefile(".toml", newsaudit='viewports = ["XS", "LG"]\nfail_on = "serious"\n')
    pytester.makepyfile(test_site=SAMPLE)
    return pytester


def test_new_findings_fail_the_test_with_a_readable_list_and_one_report_holds_every_check(project):
    result = project.runpytest_subprocess("--newsaudit-report", "a11y", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=2)
    output = result.stdout.str()
    # Counted in the failures only: under CI (the CI variable set) pytest's short summary repeats
    # each failure's whole message.
    failures = output.split("short test summary info")[0]
    assert failures.count("newsaudit: 1 new finding at or above --fail-on serious on http://127.0.0.1:") == 2
    # one line per finding: impact, rule, where, viewports, message (moderate ones do not fail)
    result.stdout.fnmatch_lines(["  serious  heading-empty  #h-empty  at XS, LG: This h2 heading has no text*"])
    assert "heading-level-skipped" not in output
    assert "Traceback" not in output and "newsaudit: report of 3 checks in a11y/" in output
    report = json.loads((project.path / "a11y" / "report.json").read_text(encoding="utf-8"))
    assert [p["url"].rsplit("/", 1)[1] for p in report["pages"]] == [
        "clean-article.html", "heading-problems.html", "heading-problems.html"]
    assert [len(p["findings"]) for p in report["pages"]][0] == 0
    for page in report["pages"][1:]:  # every finding of the page, not only the failing ones
        assert {"heading-empty", "heading-h1-multiple", "heading-level-skipped"} <= {f["rule"] for f in page["findings"]}
    assert (project.path / "a11y" / "report.html").is_file()


def test_with_the_baseline_only_new_findings_fail(project):
    first = project.runpytest_subprocess("--newsaudit-report", "base", "-p", "no:cacheprovider")
    first.assert_outcomes(passed=1, failed=2)
    again = project.runpytest_subprocess("--newsaudit-baseline", "base/report.json", "-p", "no:cacheprovider")
    again.assert_outcomes(passed=3)


def test_a_bad_config_is_a_usage_error_in_one_line(project):
    project.makefile(".toml", newsaudit='fail_on = "sometimes"\n')
    result = project.runpytest_subprocess("-k", "clean", "-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*newsaudit: unknown --fail-on 'sometimes'; choose one of:*"])
