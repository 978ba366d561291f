"""Rule behaviours fixed on the 106 real pages (issue 7), each on a snapshot shaped like the markup
that showed it: the page is named beside each test."""
from snapshots import document, heading, image, link, run, snapshot

HEADLINE = "Lyft extends free scooter rides for critical workers through May"


class TestAltCreditOnlyOnLogos:
    def test_a_source_logo_whose_alt_is_a_credit_passes(self):
        # spektrum.de: <p><img src=".../quanta-logo-klein.png" alt="© Quanta Magazine"></p> in the story.
        logo = image("quanta", "© Quanta Magazine", src="https://static.example/fm/quanta-logo-klein.png.5210142.png",
                     box={"x": 8, "y": 0, "width": 100, "height": 36})
        assert run("alt-credit-only", snapshot(images=[logo])) == []

    def test_a_photo_whose_alt_is_a_credit_still_fails(self):
        photo = image("lead", "© Reuters", src="https://static.example/2020/04/lyft-scooter.jpg")
        [violation] = run("alt-credit-only", snapshot(images=[photo]))
        assert violation.selector == "#lead"

    def test_logo_is_a_word_of_the_file_name_not_a_part_of_one(self):
        photo = image("lead", "© Reuters", src="https://static.example/catalogo-2020.jpg")
        assert len(run("alt-credit-only", snapshot(images=[photo]))) == 1


class TestAltRepeatsHeadlineOnTeasers:
    def doc(self):
        return document(og_title=HEADLINE, headline=HEADLINE)

    def test_a_related_list_teaser_of_this_story_passes(self):
        # engadget.com: <a href="/lyft-...html"><article><img alt="Lyft extends…"><h2>Lyft extends…</h2>
        teaser = image("related", HEADLINE, teaser={"href": "https://www.example.com/lyft-extends.html",
                                                    "text": HEADLINE, "via": "link"})
        assert run("alt-repeats-headline", snapshot(document=self.doc(), images=[teaser])) == []

    def test_a_lead_photo_in_a_paragraph_with_links_still_fails(self):
        # broadwayworld: <p><img alt="<headline>"> and the story's first lines with links</p>
        lead = image("lead", HEADLINE, teaser={"href": "https://www.example.com/people/someone/",
                                               "text": "American Theatre Wing launches scholarships", "via": "card"})
        assert [v.selector for v in run("alt-repeats-headline", snapshot(document=self.doc(), images=[lead]))] \
            == ["#lead"]

    def test_a_lead_photo_whose_caption_credit_links_elsewhere_still_fails(self):
        # ars-1: <figure><img alt="<headline>"><figcaption><a href="…wikipedia…">Kevin</a></figcaption>
        lead = image("lead", HEADLINE, teaser={"href": "https://en.wikipedia.org/wiki/Kernel_panic",
                                               "text": "Kevin", "via": "card"})
        assert [v.selector for v in run("alt-repeats-headline", snapshot(document=self.doc(), images=[lead]))] \
            == ["#lead"]

    def test_the_lead_photo_still_fails(self):
        [violation] = run("alt-repeats-headline", snapshot(document=self.doc(), images=[image("lead", HEADLINE)]))
        assert violation.selector == "#lead"


class TestAltPlaceholderGlyphs:
    def test_svg_share_icons_named_by_their_glyph_pass(self):
        # gizmodo.jp: <li><img src="/assets/common/img/p-post-share-close.svg" alt="×"></li>, "…" for more.
        close = image("close", "×", src="https://www.example.jp/assets/p-post-share-close.svg")
        more = image("more", "…", src="https://www.example.jp/assets/p-post-share-more.svg")
        assert run("alt-placeholder", snapshot(images=[close, more])) == []

    def test_a_photo_with_an_ellipsis_alt_still_fails(self):
        photo = image("lead", "…", src="https://www.example.jp/2020/04/lead.jpg")
        assert [v.selector for v in run("alt-placeholder", snapshot(images=[photo]))] == ["#lead"]


class TestLinkTextGeneric:
    def test_more_news_names_what_it_leads_to(self):
        # buzzfeed-1: <a class="button2" href="/news">More News ›</a>; usmagazine, vulture: "More Stories".
        links = [link("More News ›", "/news", "buzz"), link("More Stories", "/blog/", "vulture")]
        assert run("link-text-generic", snapshot(links=links)) == []

    def test_view_all_and_see_all_still_fail(self):
        # pagesix: "SEE ALL" at the foot of two sidebar widgets, to two different sites.
        links = [link("SEE ALL", "/style/", "style"), link("View All", "/author/x/", "author")]
        assert [v.selector for v in run("link-text-generic", snapshot(links=links))] == ["#style", "#author"]

    def test_an_accordion_toggle_to_the_canonical_address_is_a_same_page_link(self):
        # miamiherald: <a href="http://www.miamiherald.com/…/article120329158.html#collapseFive"> More </a>
        # in a saved copy whose og:url is that address: the collector reports the fragment.
        toggle = link("More", "http://www.example.com/news/article120329158.html#collapseFive", "toggle",
                      fragment="collapseFive", target={"exists": True, "tag": "div"})
        assert run("link-text-generic", snapshot(links=[toggle])) == []


class TestHeadingsInWidgetsAndHiddenClasses:
    def test_a_logo_h1_beside_the_headline_is_two_h1s(self):
        # engadget: <a href="/"><h1><svg aria-label="Engadget"></h1></a> in the header, then the headline
        # h1; neither is in a widget once a page-wide "nav_drawer" wrapper is not taken for one.
        h1s = [heading(1, "Engadget", "logo"), heading(1, HEADLINE, "headline", in_article=True)]
        [violation] = run("heading-h1-multiple", snapshot(headings=h1s))
        assert violation.evidence["h1"] == ["#logo", "#headline"]

    def test_an_h1_the_collector_puts_in_a_widget_or_under_a_hiding_class_is_left_out(self):
        h1s = [heading(1, HEADLINE, "headline"), heading(1, "Sign up", "modal", in_widget=True),
               heading(1, HEADLINE, "itemprop", hidden_by_class=True)]
        assert run("heading-h1-multiple", snapshot(headings=h1s)) == []

    def test_one_headline_printed_twice_for_two_layouts_is_one_h1(self):
        # vulture: the same headline h1 in the splash header and in the article header.
        h1s = [heading(1, "The Secret to Superhero TV", "splash"), heading(1, "The Secret to Superhero TV", "inline")]
        assert run("heading-h1-multiple", snapshot(headings=h1s)) == []
        # slate: the headline twice and the kicker as an h1 is still two different h1s.
        kicker = heading(1, "Broken Pledge", "kicker")
        [violation] = run("heading-h1-multiple", snapshot(headings=[*h1s, kicker]))
        assert violation.message.startswith("3 h1 headings are shown")
