"""Pages whose own stylesheets do not load (blocked or offline), in real Chromium at four viewports.

The same article three times: with its stylesheet, with its stylesheet missing (404), and missing
it as a fixed 1140 px desktop layout. Without the CSS, layout verdicts on a responsive page are set
aside (the overflow and the hidden modal heading are artefacts of the missing CSS); a desktop
layout scrolls sideways on phones whatever its CSS.
"""
import pytest

from clitools import ROOT, load_report, run_cli

pytestmark = pytest.mark.browser

PAGES = ROOT / "tests" / "pages" / "styles"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("styles")
    result = run_cli("audit", PAGES / "page.html", PAGES / "page-without-css.html", PAGES / "desktop-without-css.html",
                     "-o", out, "--format", "json", "--no-screenshots", "--fail-on", "never", "-q")
    assert result.returncode == 0, result.stderr
    return {page["url"].rsplit("/", 1)[-1]: page for page in load_report(out)["pages"]}


def rules(page):
    return {(f["rule"], tuple(f["viewports"])) for f in page["findings"] if f["engine"] == "newsaudit"}


def test_with_its_stylesheet_the_overflow_is_judged_and_the_hidden_heading_is_hidden(pages):
    assert rules(pages["page.html"]) == {("reflow-horizontal-scroll", ("XS", "SM", "MD"))}


def test_without_its_stylesheet_a_responsive_page_is_not_judged_on_layout(pages):
    assert rules(pages["page-without-css.html"]) == set()


def test_a_desktop_layout_scrolls_sideways_whatever_its_css(pages):
    [finding] = [f for f in pages["desktop-without-css.html"]["findings"] if f["rule"] == "reflow-horizontal-scroll"]
    assert finding["viewports"] == ["XS", "SM", "MD"]
    assert finding["message"].endswith("The page sets a fixed layout width (width=1140), so phones get the desktop layout.")
    assert rules(pages["desktop-without-css.html"]) == {("reflow-horizontal-scroll", ("XS", "SM", "MD"))}
