"""heading-h1-missing, heading-h1-multiple, heading-h1-not-headline, heading-level-skipped, heading-empty."""
import pytest

from rules._headline import title_without_site
from snapshots import document, heading, run, selectors, snapshot

HEADLINE = "Storm closes schools across the region"


def page(*headings, **doc):
    return snapshot(document=document(**doc), headings=list(headings))


class TestH1Missing:
    def test_no_h1_fails_on_the_page(self):
        [violation] = run("heading-h1-missing", page(heading(2, "Weather")))
        assert violation.selector is None and violation.message == "No h1 is shown."

    def test_hidden_h1_fails_and_is_named(self):
        [violation] = run("heading-h1-missing", page(heading(1, HEADLINE, "hl", rendered=False)))
        assert violation.message == f'No h1 is shown (the h1 "{HEADLINE}" is hidden at this screen size).'
        assert violation.evidence == {"hidden_h1": ["#hl"]}

    def test_aria_hidden_h1_is_missing_for_screen_readers(self):
        [violation] = run("heading-h1-missing", page(heading(1, HEADLINE, "hl", aria_hidden=True)))
        assert violation.message == f'No h1 is shown (the h1 "{HEADLINE}" is hidden from screen readers by aria-hidden).'

    def test_rendered_h1_passes_including_role_heading_level_1(self):
        assert run("heading-h1-missing", page(heading(1, HEADLINE))) == []
        assert run("heading-h1-missing", page(heading(1, HEADLINE, html='<div role="heading" aria-level="1">'))) \
            == []


class TestH1Multiple:
    def test_logo_h1_beside_headline_fails(self):
        [violation] = run("heading-h1-multiple", page(heading(1, "Daily News", "logo"), heading(1, HEADLINE,
                                                                                              "hl")))
        assert violation.selector is None
        assert violation.message == f'2 h1 headings are shown: "Daily News", "{HEADLINE}".'
        assert violation.evidence == {"h1": ["#logo", "#hl"]}
        assert violation.audience == "template"

    def test_extra_h1_typed_into_the_story_is_the_editors(self):
        [violation] = run("heading-h1-multiple", page(heading(1, HEADLINE), heading(1, "Background",
                                                                                    in_article=True)))
        assert violation.audience == "editor"

    def test_one_rendered_h1_passes_even_with_a_hidden_second(self):
        assert run("heading-h1-multiple", page(heading(1, HEADLINE), heading(1, "Daily News", rendered=False))) == []


class TestH1NotHeadline:
    def test_section_name_as_h1_fails_and_quotes_both(self):
        [violation] = run("heading-h1-not-headline", page(heading(1, "Weather"), heading(2, HEADLINE),
                                                          og_title=HEADLINE))
        assert violation.message == f'No h1 is the headline "{HEADLINE}"; the h1 reads "Weather".'

    @pytest.mark.parametrize("h1, doc", [
        (HEADLINE, {"og_title": HEADLINE}),
        (HEADLINE.upper() + ".", {"og_title": HEADLINE}),
        (HEADLINE, {"jsonld_headline": HEADLINE}),
        (HEADLINE, {"title": f"{HEADLINE} | Daily News"}),
        (HEADLINE, {"title": f"{HEADLINE} - BBC News"}),
        (HEADLINE, {"title": f"Daily News: {HEADLINE}", "site_name": "Daily News"}),
        ("Storm closes schools", {"og_title": "Storm Ciarán closes schools across Cornwall and Devon"}),
        ("LIVE: " + HEADLINE + " as rivers rise", {"og_title": HEADLINE}),
        ("Sturm schließt Schulen in der Region", {"og_title": "Sturm schließt Schulen in der Region – tagesschau.de"}),
        ("北京暴雨致多所学校停课", {"og_title": "快讯：北京暴雨致多所学校停课"}),
    ])
    def test_headline_h1_passes(self, h1, doc):
        assert run("heading-h1-not-headline", page(heading(1, h1), **doc)) == []

    def test_the_h1_matches_when_it_matches_any_declared_headline(self):
        doc = {"title": "Schools shut as storm hits | Daily News", "og_title": "Storm: schools shut today",
               "twitter_title": HEADLINE, "jsonld_headline": "Schools shut"}
        assert run("heading-h1-not-headline", page(heading(1, HEADLINE), **doc)) == []
        [violation] = run("heading-h1-not-headline", page(heading(1, "Weather"), **doc))
        assert violation.evidence["headline"] == "Storm: schools shut today"  # og:title first

    def test_a_long_h1_worded_apart_from_the_metadata_is_the_displayed_headline(self):
        doc = {"og_title": "Dylann Roof Convicted Of Charleston Church Massacre"}
        assert run("heading-h1-not-headline", page(heading(1, "Jury Finds Roof Guilty In Church Shooting"), **doc)) == []
        assert run("heading-h1-not-headline", page(heading(1, "北京暴雨致多所学校今日停课"), **doc)) == []
        assert len(run("heading-h1-not-headline", page(heading(1, "Allergies Health Center"), **doc))) == 1
        assert len(run("heading-h1-not-headline", page(heading(1, "The Daily News of Springfield"),
                                                       site_name="The Daily News of Springfield", **doc))) == 1

    def test_one_matching_h1_among_several_is_enough(self):
        assert run("heading-h1-not-headline", page(heading(1, "Daily News"), heading(1, HEADLINE),
                                                   og_title=HEADLINE)) == []

    def test_headline_h1_hidden_at_this_viewport_fails(self):
        assert len(run("heading-h1-not-headline", page(heading(1, "Daily News"), heading(1, HEADLINE, rendered=False),
                                                       og_title=HEADLINE))) == 1

    def test_no_h1_is_left_to_h1_missing_and_no_headline_cannot_be_judged(self):
        assert run("heading-h1-not-headline", page(heading(2, HEADLINE), og_title=HEADLINE)) == []
        assert run("heading-h1-not-headline", page(heading(1, "Weather"))) == []
        assert run("heading-h1-not-headline", page(heading(1, "Weather"), title="Daily News",
                                                   site_name="Daily News")) == []


@pytest.mark.parametrize("title, site, expected", [
    ("Storm closes schools | Daily News", None, "Storm closes schools"),
    ("Storm closes schools - BBC News", None, "Storm closes schools"),
    ("Daily News: Storm closes schools", "Daily News", "Storm closes schools"),
    ("Biden - Trump debate: what we learned", None, "Biden - Trump debate: what we learned"),
    ("Storm closes schools", None, "Storm closes schools"),
    ("Biden – Trump debate | The Paper", "The Paper", "Biden – Trump debate"),
])
def test_title_without_site(title, site, expected):
    assert title_without_site(title, site) == expected


class TestLevelSkipped:
    def test_h2_then_h4_fails_on_the_h4(self):
        [violation] = run("heading-level-skipped", page(heading(1, HEADLINE), heading(2, "Schools", "s"),
                                                        heading(4, "Buses", "b")))
        assert violation.selector == "#b"
        assert violation.message == 'h4 "Buses" follows h2 "Schools".'
        assert violation.audience == "template"

    def test_h1_then_h3_fails(self):
        assert selectors("heading-level-skipped", page(heading(1, HEADLINE), heading(3, "Update", "u"))) == ["#u"]

    def test_going_back_up_and_one_step_down_pass(self):
        assert run("heading-level-skipped", page(heading(1, "A"), heading(2, "B"), heading(3, "C"),
                                                 heading(2, "D"), heading(3, "E"), heading(1, "F"))) == []

    def test_first_heading_may_start_at_any_level(self):
        assert run("heading-level-skipped", page(heading(3, "Most read"), heading(4, "One"))) == []

    def test_hidden_heading_in_between_does_not_bridge_the_gap(self):
        found = selectors("heading-level-skipped", page(heading(2, "A"), heading(3, "B", rendered=False),
                                                        heading(4, "C", "c")))
        assert found == ["#c"]

    def test_role_heading_with_aria_level_counts_by_its_level(self):
        found = selectors("heading-level-skipped", page(heading(2, "A"), heading(5, "B", "rh",
                                                                              html='<div role="heading" aria-level="5">')))
        assert found == ["#rh"]

    def test_heading_in_the_article_is_the_editors(self):
        [violation] = run("heading-level-skipped", page(heading(2, "A", in_article=True),
                                                        heading(4, "B", in_article=True)))
        assert violation.audience == "editor"


class TestHeadingEmpty:
    @pytest.mark.parametrize("text", ["", "   ", "\u200b"])
    def test_empty_heading_fails(self, text):
        [violation] = run("heading-empty", page(heading(2, text, "e")))
        assert violation.selector == "#e" and "h2" in violation.message

    def test_heading_with_text_passes_even_in_another_language(self):
        assert run("heading-empty", page(heading(2, "Zprávy"), heading(3, "新闻"))) == []

    def test_hidden_empty_heading_is_not_judged(self):
        assert run("heading-empty", page(heading(2, "", rendered=False))) == []

    def test_aria_hidden_heading_is_not_in_the_outline(self):
        assert run("heading-empty", page(heading(1, "", aria_hidden=True))) == []
        assert run("heading-empty", page(heading(1, "", aria_hidden=False))) != []

    def test_audience_follows_the_article(self):
        [inside, outside] = run("heading-empty", page(heading(2, "", "a", in_article=True), heading(2, "", "b")))
        assert (inside.audience, outside.audience) == ("editor", "template")


class TestWhatTheSiteHides:
    def test_a_heading_under_a_hiding_class_is_not_in_the_outline(self):
        hidden = heading(1, HEADLINE, "h1-copy", hidden_by_class=True)
        assert run("heading-h1-multiple", page(heading(1, HEADLINE), hidden)) == []
        assert run("heading-level-skipped", page(heading(2, "A"), heading(6, "Copied!", hidden_by_class=True))) == []
        [violation] = run("heading-h1-missing", page(hidden))
        assert violation.message == f'No h1 is shown (the h1 "{HEADLINE}" is hidden by a class (hidden on the site)).'

    def test_an_empty_heading_in_a_widget_is_filled_by_its_script(self):
        assert run("heading-empty", page(heading(2, "", "modal-title", in_widget=True))) == []
        assert selectors("heading-empty", page(heading(2, "", "empty"))) == ["#empty"]

    def test_an_h1_in_a_widget_is_not_a_second_main_heading(self):
        assert run("heading-h1-multiple", page(heading(1, HEADLINE), heading(1, "Original text", "tt",
                                                                            in_widget=True))) == []

    def test_an_empty_heading_is_heading_empty_s_finding_not_a_skipped_level(self):
        assert run("heading-level-skipped", page(heading(2, "Footer"), heading(4, "", "empty"))) == []
        assert selectors("heading-level-skipped",
                         page(heading(2, "A"), heading(4, "", "empty"), heading(5, "B", "b"))) == []
