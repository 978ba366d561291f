"""The bundled fixture site in real Chromium at all four viewports: every page's findings equal its
expected-findings file exactly, no more and no less, in both viewport modes."""
import json

import pytest

from clitools import ROOT, load_report, run_cli

pytestmark = pytest.mark.browser

SITE = ROOT / "fixtures" / "site"
EXPECTED = sorted(SITE.glob("*.expected.json"))


def expected_findings(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    return sorted((f["rule"], f["selector"], tuple(f["viewports"])) for f in data["findings"])


@pytest.fixture(scope="module", params=["reload", "resize"])
def report(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(request.param)
    result = run_cli("audit", SITE, "-o", out, "--format", "json", "--no-screenshots", "-q",
                     "--viewport-mode", request.param, cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    return {p["url"]: p for p in load_report(out)["pages"]}


def test_every_fixture_page_has_an_expected_file():
    pages = {p.name for p in SITE.glob("*.html")}
    assert pages == {p.name.replace(".expected.json", ".html") for p in EXPECTED}


@pytest.mark.parametrize("expected", EXPECTED, ids=[p.name.split(".")[0] for p in EXPECTED])
def test_findings_equal_the_expected_file(report, expected):
    page = report[f"fixtures/site/{expected.name.replace('.expected.json', '.html')}"]
    assert page["status"] == "audited" and not page["viewport_errors"], page
    assert page["viewports_audited"] == ["XS", "SM", "MD", "LG"]
    actual = sorted((f["rule"], f["selector"], tuple(f["viewports"])) for f in page["findings"])
    assert actual == expected_findings(expected)
