"""The in-page collector and the keyboard walk in real Chromium, at the four viewports."""
import pytest

from clitools import ROOT
from gathering import gather_snapshots

pytestmark = pytest.mark.browser


def snapshots(page: str, viewports=("XS", "SM", "MD", "LG")):
    return {snap.viewport: snap for snap in gather_snapshots([ROOT / "tests" / "pages" / page], viewports)}


@pytest.fixture(scope="module")
def snaps():
    return snapshots("facts.html")


def by_selector(items):
    return {i["selector"]: i for i in items}


def test_document_facts(snaps):
    doc = snaps["LG"].facts["document"]
    assert doc["headline"] == "Flood waters rise in river town" == doc["jsonld_headline"]
    assert doc["site_name"] == "The Example Times" and doc["lang"] == "en"
    assert [snaps[v].inner_width for v in snaps] == [375, 640, 768, 1280]


def test_scroll_width_and_widest_element(snaps):
    md = snaps["MD"].facts["document"]
    assert md["scroll_width"] > md["client_width"] and md["widest"]["selector"] == "#wide"
    assert snaps["LG"].facts["document"]["widest"] is None
    assert snaps["XS"].facts["document"]["widest"]["selector"] == "#wide"  # 700px on a 375px phone


def test_captions_from_figcaption_describedby_and_selector(snaps):
    images = by_selector(snaps["LG"].facts["images"])
    photo = images["#photo"]
    assert photo["alt"] == "Flood water covers Main Street" and photo["in_article"]
    assert photo["caption"]["source"] == "figcaption" and photo["caption"]["credit"] == "REUTERS/Jane Doe"
    assert photo["caption"]["text"].startswith("Flood water covers Main Street on Monday.")
    assert images["#described"]["alt"] is None
    assert images["#described"]["caption"]["text"] == "A boat on the square."
    assert images["#selcap"]["alt"] == "" and images["#selcap"]["caption"]["source"] == "selector"


def test_headings_render_per_viewport(snaps):
    assert by_selector(snaps["XS"].facts["headings"])["#sub"]["rendered"] is False
    assert by_selector(snaps["LG"].facts["headings"])["#sub"]["rendered"] is True
    assert by_selector(snaps["LG"].facts["headings"])["#headline"]["level"] == 1


def test_same_page_links_and_targets(snaps):
    links = by_selector(snaps["LG"].facts["links"])
    assert links["#broken"]["fragment"] == "nowhere" and links["#broken"]["target"]["exists"] is False
    assert links["#skip-main"]["target"]["exists"] and links["#skip-main"]["target"]["rendered"]
    assert links["#more"]["fragment"] is None and links["#more"]["name"] == "Read more"


def test_tab_order_is_real_keyboard_order(snaps):
    order = [s["selector"] for s in snaps["LG"].facts["tab_order"]]
    assert order[:5] == ["#skip-main", "#skip-hidden", "#cookie", "#nav-home", "#broken"]
    # The nav is display:none at XS, so its link is not a tab stop there.
    assert "#nav-home" not in [s["selector"] for s in snaps["XS"].facts["tab_order"]]


def test_skip_links_visible_on_focus_after_their_transition(snaps):
    for name, snap in snaps.items():
        skips = by_selector(snap.facts["skip_links"])
        assert skips["#skip-main"]["focus"]["visible"] is True, name
        assert skips["#skip-main"]["tab_index"] == 0 and skips["#skip-main"]["by_text"]
        assert skips["#skip-hidden"]["focus"]["visible"] is False, name
        assert skips["#skip-hidden"]["focus"]["clipped"] is True
        # Its target, the nav, is not rendered at XS only.
        assert skips["#skip-hidden"]["target"]["rendered"] is (name != "XS")


def test_axe_nodes_carry_our_selectors(snaps):
    nodes = [n for rule in snaps["LG"].axe["violations"] for n in rule["nodes"]]
    assert snaps["LG"].axe_version.startswith("4.")
    assert any(n["selector"] == "#described" for n in nodes)  # image-alt: no alt attribute
