"""reflow-horizontal-scroll and link-text-generic."""
import pytest

from auditor.registry import RuleSettings
from snapshots import document, link, run, selectors, snapshot

WIDE_PROMO = {"selector": "#promo", "html": '<div id="promo" style="width:600px">', "right": 600, "width": 600}


class TestReflowHorizontalScroll:
    def test_page_wider_than_the_viewport_fails_and_names_the_widest_element(self):
        snap = snapshot("XS", document=document(client_width=375, scroll_width=600, widest=WIDE_PROMO))
        [violation] = run("reflow-horizontal-scroll", snap)
        assert violation.selector is None
        assert violation.message == ("At XS the page is 600 px wide but the screen shows 375 px, so it scrolls "
                                     "sideways; the widest element is #promo (its right edge at 600 px).")
        assert violation.evidence == {"scroll_width": 600, "client_width": 375, "widest": "#promo"}
        assert violation.html == WIDE_PROMO["html"]

    def test_page_that_fits_passes(self):
        assert run("reflow-horizontal-scroll", snapshot(document=document(client_width=375, scroll_width=375))) == []

    def test_one_pixel_of_rounding_is_allowed_two_are_not(self):
        assert run("reflow-horizontal-scroll", snapshot(document=document(client_width=375, scroll_width=376))) == []
        assert len(run("reflow-horizontal-scroll", snapshot(document=document(client_width=375,
                                                                               scroll_width=377)))) == 1

    def test_scrollbar_is_excluded_by_using_client_width(self):
        snap = snapshot("LG", document=document(inner_width=1440, client_width=1425, scroll_width=1440))
        assert len(run("reflow-horizontal-scroll", snap)) == 1

    def test_without_a_widest_element_the_message_still_stands(self):
        [violation] = run("reflow-horizontal-scroll", snapshot(document=document(client_width=375, scroll_width=500)))
        assert violation.message.endswith("so it scrolls sideways.")

    @pytest.mark.parametrize("meta, loaded, judged", [
        ("width=device-width, initial-scale=1", 0, False),  # responsive, laid out without its CSS
        ("width=device-width, initial-scale=1", 1, False),  # most of its CSS missing
        ("width=device-width, initial-scale=1", 2, True),   # half of its CSS: still its own layout
        ("width=device-width, initial-scale=1", 3, True),   # its own layout, one sheet blocked
        (None, 0, True),                                     # no viewport declaration: a desktop layout
        ("width=1140", 0, True),                             # a fixed desktop width
    ])
    def test_only_the_site_s_own_layout_is_judged(self, meta, loaded, judged):
        doc = document(client_width=375, scroll_width=900, viewport_meta=meta,
                       stylesheets={"linked": 4, "missing": 4 - loaded})
        assert len(run("reflow-horizontal-scroll", snapshot(document=doc))) == (1 if judged else 0)

    def test_missing_measurements_are_not_a_finding(self):
        assert run("reflow-horizontal-scroll", snapshot(document={})) == []


def generic(*links, settings=None):
    return selectors("link-text-generic", snapshot(links=list(links)), settings)


class TestLinkTextGeneric:
    @pytest.mark.parametrize("text", [
        "Read more", "read more »", "More", "More →", "Click here", "here", "Continue reading…", "Details",
        "Link", "Learn more", "READ MORE",
        "Lire la suite", "En savoir plus", "Weiterlesen", "Mehr", "Leer más", "Seguir leyendo",
        "Leia mais", "Saiba mais", "Číst dále", "Více", "阅读更多", "更多",
    ])
    def test_generic_texts_fail(self, text):
        assert generic(link(text)) == ["#link"]

    def test_message_quotes_text_and_destination(self):
        [violation] = run("link-text-generic", snapshot(links=[link("Read more", "/storm-schools")]))
        assert violation.message == 'Link text "Read more" does not say where the link goes (it leads to ' \
                                    '"/storm-schools").'
        assert violation.evidence == {"text": "Read more", "href": "/storm-schools"}

    @pytest.mark.parametrize("text", ["Read more about the school closures", "More on the storm",
                                      "Here is why schools closed", "Plus de détails sur la tempête"])
    def test_specific_texts_pass(self, text):
        assert generic(link(text)) == []

    def test_aria_label_that_names_the_story_passes(self):
        assert generic(link("Read more", name="Read more about the school closures",
                            aria_label="Read more about the school closures")) == []

    def test_generic_aria_label_does_not_help(self):
        assert generic(link("→", name="Read more", aria_label="Read more")) == ["#link"]

    def test_aria_describedby_with_context_passes(self):
        assert generic(link("Read more", aria_describedby="Storm closes schools across the region")) == []
        assert generic(link("Read more", aria_describedby="More")) == ["#link"]

    def test_a_title_that_names_the_story_is_added_context(self):
        assert generic(link("Read more", title="Storm closes schools across the region")) == []
        assert generic(link("Read more", title="Read more")) == ["#link"]

    @pytest.mark.parametrize("href, fragment", [("javascript:;", None), ("#", ""), ("", None),
                                                ("#orb-footer", "orb-footer"), ("/story#collapseFive", "collapseFive")])
    def test_links_that_stay_on_the_page_are_script_buttons_not_read_more_links(self, href, fragment):
        assert generic(link("More", href, fragment=fragment)) == []

    def test_navigation_items_and_toggles_are_not_read_more_links(self):
        assert generic(link("Read", in_nav=True)) == []  # a main-nav section called "Read"
        assert generic(link("mehr", toggle=True, role="button")) == []  # opens a menu
        assert generic(link("Read")) == ["#link"]

    @pytest.mark.parametrize("text, lang, flagged", [
        ("もっと見る", "ja", True), ("一覧", "ja", True), ("続きを読む", "ja-JP", True),
        ("更多", "zh-CN", True), ("閱讀更多", "zh-Hant", True),
        ("Lees meer", "nl", True), ("Leggi tutto", "it", True), ("Čtěte dále", "cs", True),
        ("Read more", "de", True),   # English, the language of CMS defaults, counts everywhere
        ("Plus", "en", False),       # French for "more", a brand or a sign in English
        ("Plus", "fr", True),
        ("Mehr", "en", False), ("Mehr", "", True),  # no language: every list
    ])
    def test_generic_texts_are_chosen_by_language(self, text, lang, flagged):
        assert generic(link(text, lang=lang)) == (["#link"] if flagged else [])

    def test_the_page_language_applies_when_the_link_has_none(self):
        snap = snapshot(document=document(lang="en"), links=[link("Mehr", lang="")])
        assert run("link-text-generic", snap) == []

    def test_configured_texts_extend_the_list(self):
        settings = RuleSettings(generic_link_texts=("Zum Beitrag",))
        assert generic(link("Zum Beitrag »"), settings=settings) == ["#link"]
        assert generic(link("Zum Beitrag »")) == []
        assert generic(link("Read more"), settings=settings) == ["#link"]

    def test_hidden_links_are_not_judged(self):
        assert generic(link("Read more", rendered=False)) == []

    def test_audience_is_editor_in_the_article_and_template_elsewhere(self):
        violations = run("link-text-generic", snapshot(links=[link("More", id="a", in_article=True),
                                                              link("More", id="b", in_article=False)]))
        assert [v.audience for v in violations] == ["editor", "template"]
