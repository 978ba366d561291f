"""The collector on shapes of real markup the news rules were wrong or silent on (issue 7), in real
Chromium: tests/pages/real-shapes.html names the page each shape comes from."""
import pytest

from clitools import ROOT
from gathering import gather_snapshots
from auditor.registry import RuleSettings
from rules import get

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def snap():
    [snapshot] = gather_snapshots([ROOT / "tests" / "pages" / "real-shapes.html"], ("LG",))
    return snapshot


def run(rule_id, snap):
    return list(get(rule_id).check(snap, RuleSettings()))


def headings(snap):
    return {h["selector"]: h for h in snap.facts["headings"]}


def test_a_page_wide_drawer_wrapper_and_the_header_are_no_widgets_but_a_modal_is(snap):
    found = headings(snap)
    assert not found["#logo-h1"]["in_widget"] and not found["#headline"]["in_widget"]
    assert found["#modal-title"]["in_widget"]


def test_hiding_classes_match_as_written(snap):
    found = headings(snap)
    assert found["#itemprop"]["hidden_by_class"]
    assert not found["#show"]["hidden_by_class"]  # Yahoo's "Hidden" is visually hidden, still read


def test_the_logo_h1_is_not_where_the_story_starts(snap):
    stops = snap.facts["tab_order"]
    assert stops[0]["selector"] == "#logo" and stops[0]["before_main"] is True
    assert all(stop["before_main"] for stop in stops)  # ten recorded, all in the header
    assert snap.facts["document"]["focusable_before_main"] == 15  # the logo and fourteen sections
    assert run("skip-link-missing", snap)


def test_a_link_to_the_canonical_address_with_a_fragment_stays_on_the_page(snap):
    toggle = next(link for link in snap.facts["links"] if link["selector"] == "#toggle")
    assert toggle["fragment"] == "collapseFive"
    assert run("link-text-generic", snap) == []


def test_the_logo_h1_counts_among_the_h1s(snap):
    [violation] = run("heading-h1-multiple", snap)
    assert violation.evidence["h1"][:2] == ["#logo-h1", "#headline"]
