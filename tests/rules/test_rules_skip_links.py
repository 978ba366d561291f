"""skip-link-missing, skip-link-not-first, skip-link-broken-target, skip-link-invisible-on-focus."""
import pytest

from snapshots import document, run, selectors, skip_link, skip_stop, snapshot, tab_stop, target, visible_focus

LOGO = tab_stop("Daily News", "logo", href="/")
COOKIES = tab_stop("Accept all", "cookies", tag="button")
NAV = [tab_stop(name, f"nav{i}", href=f"/{name.lower()}")
       for i, name in enumerate(["News", "Sport", "Culture", "Opinion", "Travel"])]


HEADER_STOPS = 40  # focusable elements before the story in a typical site header (the walk records the first)


def page(skip_links=(), stops=None, before_main=HEADER_STOPS):
    return snapshot(skip_links=list(skip_links), tab_order=list(stops if stops is not None else NAV),
                    document=document(focusable_before_main=before_main))


def with_skip_at(index, link=None, before=(LOGO, COOKIES)):
    """A page whose skip link is tab stop ``index`` (0-based)."""
    link = link or skip_link(tab_index=index)
    stops = [*before][:index] + [skip_stop(link)] + NAV
    return page([link], stops)


class TestSkipLinkMissing:
    def test_no_skip_link_fails_and_names_the_first_three_stops(self):
        [violation] = run("skip-link-missing", page())
        assert violation.selector is None
        assert violation.message == ('No skip link to the main content is reached with the Tab key ("News" (a), '
                                     '"Sport" (a), "Culture" (a), …).')

    @pytest.mark.parametrize("index", [0, 1, 2])
    def test_skip_link_among_the_first_three_passes(self, index):
        assert run("skip-link-missing", with_skip_at(index, before=(LOGO, COOKIES))) == []

    def test_a_late_skip_link_is_not_missing(self):
        link = skip_link(tab_index=3)  # skip-link-not-first says where it is
        assert run("skip-link-missing", page([link], [LOGO, COOKIES, *NAV[:1], skip_stop(link), *NAV])) == []

    def test_skip_link_not_reached_with_tab_fails_and_says_why(self):
        [violation] = run("skip-link-missing", page([skip_link(tab_index=None)]))
        assert violation.message.endswith('The skip link "Skip to content" is not among the first 5 tab stops.')
        [violation] = run("skip-link-missing", page([skip_link(tab_index=None, focus={})]))
        assert violation.message.endswith("cannot be focused with the keyboard at this screen size.")

    @pytest.mark.parametrize("text", ["Zum Inhalt springen", "Aller au contenu", "Ir para o conteúdo",
                                      "Saltar al contenido", "Přejít k obsahu", "跳到主要内容"])
    def test_translated_skip_links_count_by_their_text(self, text):
        assert run("skip-link-missing", with_skip_at(0, skip_link(text, tab_index=0, by_text=True))) == []

    def test_same_page_link_without_skip_wording_counts_when_its_target_exists(self):
        link = skip_link("Hauptinhalt", "content", by_text=False, target_=target(id="content"))
        assert run("skip-link-missing", with_skip_at(0, link)) == []

    @pytest.mark.parametrize("fragment, tgt", [
        ("content", target(exists=False)),         # goes nowhere
        ("top", target(tag="body", id="top")),     # back to the top bypasses nothing
        ("menu", target(tag="nav", id="menu")),    # opens the navigation
        ("sections", target(tag="nav", id="sections")),
    ])
    def test_same_page_links_that_do_not_reach_the_content_do_not_count(self, fragment, tgt):
        link = skip_link("☰", fragment, by_text=False, target_=tgt)
        assert len(run("skip-link-missing", with_skip_at(0, link))) == 1

    def test_page_with_no_tab_stops_has_nothing_to_bypass(self):
        assert run("skip-link-missing", page(stops=[])) == []


class TestWhatIsASkipInstrument:
    MENU = tab_stop("Menu", "menu", tag="button", href=None)
    STORY = [tab_stop(t, f"story{i}", before_main=False) for i, t in enumerate(["Share", "Author", "Topic"])]

    def test_a_lone_menu_button_before_the_story_needs_no_skip_link(self):
        assert run("skip-link-missing", page(stops=[self.MENU, *self.STORY])) == []

    def test_a_logo_a_menu_and_a_banner_link_are_still_too_few(self):
        stops = [LOGO, self.MENU, tab_stop("Read the latest", "breaking"), *self.STORY]
        assert run("skip-link-missing", page(stops=stops)) == []

    def test_a_dozen_stops_before_the_story_are_too_few(self):
        # A logo, a handful of sections and a few buttons (quanta, wikia, abcnews: 10 to 12 stops).
        header = [LOGO, self.MENU, *NAV, *NAV[:4], tab_stop("Search", "search", tag="button")]
        assert len(header) == 12
        assert run("skip-link-missing", page(stops=[*header, *self.STORY])) == []

    def test_thirteen_stops_before_the_story_need_one(self):
        header = [LOGO, self.MENU, *NAV, *NAV, tab_stop("Search", "search", tag="button")]
        assert len(header) == 13
        [violation] = run("skip-link-missing", page(stops=[*header, *self.STORY]))
        assert violation.message.startswith("No skip link")

    @pytest.mark.parametrize("counted, fails", [(12, False), (13, True), (120, True), (None, False)])
    def test_beyond_the_walk_the_stops_are_counted_in_the_document(self, counted, fails):
        # The walk records ten stops, all before the story (salon-1: about 120 of them); the count
        # of focusable elements before the story decides. Unknown, the ten recorded are all there is.
        walk = [LOGO, self.MENU, *NAV, *NAV[:3]]
        assert len(run("skip-link-missing", page(stops=walk, before_main=counted))) == int(fails)

    def test_a_run_of_skip_links_at_the_start_is_one_instrument(self):
        nav = skip_link("Skip to navigation", "navigation", id="skip-nav", tab_index=0,
                        target_=target(tag="nav", id="navigation"))
        search = skip_link("Skip to search", "search", id="skip-search", tab_index=1,
                           target_=target(tag="form", id="search"))
        story = skip_link("Skip to content", "main", id="skip-main", tab_index=2)
        stops = [skip_stop(nav), skip_stop(search), skip_stop(story), *NAV]
        assert run("skip-link-not-first", page([nav, search, story], stops)) == []
        assert run("skip-link-missing", page([nav, search, story], stops)) == []
        late = skip_link("Skip to content", "main", id="skip-main", tab_index=4)
        stops = [LOGO, self.MENU, skip_stop(nav), skip_stop(search), skip_stop(late), *NAV]
        [violation] = run("skip-link-not-first", page([nav, search, late], stops))
        assert violation.message == ('The skip link "Skip to content" is tab stop 5; before it come '
                                     '"Daily News" (a), "Menu" (button).')
        assert run("skip-link-missing", page([nav, search, late], stops)) == []  # the run starts at stop 2

    def button(self, into_main, moved=None, tab_index=1):
        moved = into_main if moved is None else moved
        return skip_link("Skip to content", None, id="skip-button", tag="button", tab_index=tab_index,
                         press=True, target_={}, href=None,
                         activation={"focus_moved": moved, "focus": "#main" if into_main else "#menu-list",
                                     "scrolled": into_main, "into_main": into_main})

    def test_a_skip_button_that_moves_focus_into_the_story_counts(self):
        button = self.button(True)
        assert run("skip-link-missing", page([button], [LOGO, skip_stop(button), *NAV])) == []
        late = self.button(True, tab_index=2)
        [violation] = run("skip-link-not-first", page([late], [LOGO, self.MENU, skip_stop(late), *NAV]))
        assert violation.selector == "#skip-button"

    def test_a_skip_button_that_does_nothing_offline_still_counts_by_its_wording(self):
        button = self.button(False)  # its script may be one of the blocked off-site requests
        assert run("skip-link-missing", page([button], [LOGO, skip_stop(button), *NAV])) == []
        assert run("skip-link-broken-target", page([button], [LOGO, skip_stop(button), *NAV])) == []

    def test_a_skip_button_that_sends_focus_elsewhere_is_no_skip_link(self):
        button = self.button(False, moved=True)
        [violation] = run("skip-link-missing", page([button], [LOGO, skip_stop(button), *NAV]))
        assert violation.message.endswith('Pressing Enter on "Skip to content" moved focus to #menu-list, '
                                          'outside the main content.')

    @pytest.mark.parametrize("text", ["Skip Navigation", "Skip to main content", "Skip over navigation",
                                      "Navigation überspringen"])
    def test_skipping_over_the_navigation_goes_to_the_story(self, text):
        link = skip_link(text, "MainContent", target_=target(id="MainContent", tag="div"))
        assert run("skip-link-missing", with_skip_at(0, link)) == []

    @pytest.mark.parametrize("text", ["Skip to navigation", "Skip to search", "Zur Navigation"])
    def test_skip_links_to_elsewhere_do_not_count(self, text):
        link = skip_link(text, "somewhere", target_=target(id="somewhere", tag="div"))
        assert len(run("skip-link-missing", with_skip_at(0, link))) == 1


class TestSkipLinkNotFirst:
    def test_one_visible_stop_before_the_skip_link_is_tolerated(self):
        # bbc-1: the logo, natgeo: the logo, msnbc: a banner's close button, then the skip link.
        assert run("skip-link-not-first", with_skip_at(1, before=(COOKIES,))) == []
        assert run("skip-link-not-first", with_skip_at(1, before=(LOGO,))) == []

    def test_an_invisible_first_stop_fails_on_the_skip_link(self):
        # breitbart: a 0x0 iframe takes the first Tab; nothing shows where focus went.
        frame = tab_stop("", "ad-frame", tag="iframe", href=None,
                         focus=visible_focus(visible=False, in_viewport=False, box={"x": 0, "y": 0, "width": 0, "height": 0}))
        [violation] = run("skip-link-not-first", with_skip_at(1, before=(frame,)))
        assert violation.selector == "#skip"
        assert violation.message == 'The skip link "Skip to content" is tab stop 2; before it come "" (iframe).'

    def test_third_stop_names_both_before_it(self):
        [violation] = run("skip-link-not-first", with_skip_at(2))
        assert '"Daily News" (a), "Accept all" (button)' in violation.message

    def test_first_stop_passes(self):
        assert run("skip-link-not-first", with_skip_at(0)) == []

    def test_a_late_skip_link_is_this_finding_and_names_the_first_three_before_it(self):
        link = skip_link(tab_index=4)
        [violation] = run("skip-link-not-first", page([link], [LOGO, COOKIES, *NAV[:2], skip_stop(link)]))
        assert violation.message == ('The skip link "Skip to content" is tab stop 5; before it come "Daily News" (a), '
                                     '"Accept all" (button), "News" (a), ….')

    def test_a_skip_link_the_walk_never_reached_is_not_this(self):
        assert run("skip-link-not-first", page([skip_link(tab_index=None)])) == []

    def test_no_skip_link_is_not_this_rules_finding(self):
        assert run("skip-link-not-first", page()) == []


class TestSkipLinkBrokenTarget:
    def test_missing_target_fails_and_quotes_the_fragment(self):
        link = skip_link(fragment="content", target_=target(exists=False))
        [violation] = run("skip-link-broken-target", page([link]))
        assert violation.selector == "#skip"
        assert violation.message == 'The skip link "Skip to content" points to "#content", but no element has that id.'

    def test_target_hidden_at_this_viewport_fails(self):
        link = skip_link(fragment="nav-main", target_=target(rendered=False, tag="div", id="nav-main"))
        [violation] = run("skip-link-broken-target", page([link]))
        assert violation.message.endswith('points to "#nav-main", which is hidden at this screen size.')

    def test_bare_hash_fails_for_a_skip_link_by_text_only(self):
        assert selectors("skip-link-broken-target", page([skip_link(fragment="", target_={})])) == ["#skip"]
        assert run("skip-link-broken-target", page([skip_link("☰", "", by_text=False, target_={})])) == []

    def test_working_target_passes(self):
        assert run("skip-link-broken-target", page([skip_link()])) == []

    def test_top_always_works(self):
        assert run("skip-link-broken-target", page([skip_link("Top", "top", target_=target(exists=False))])) == []

    def test_link_to_another_page_is_not_judged_here(self):
        assert run("skip-link-broken-target", page([skip_link(fragment=None, target_={})])) == []

    def test_non_ascii_fragment_is_quoted_decoded(self):
        link = skip_link("Aller au contenu", "contenu-é", target_=target(exists=False))
        assert '"#contenu-é"' in run("skip-link-broken-target", page([link]))[0].message


class TestSkipLinkInvisibleOnFocus:
    @pytest.mark.parametrize("focus, reason", [
        (visible_focus(visible=False, in_viewport=False), "stays off screen"),
        (visible_focus(visible=False, clipped=True), "is clipped to nothing"),
        (visible_focus(visible=False, box={"x": 0, "y": 0, "width": 1, "height": 1}), "has no size"),
        (visible_focus(visible=False, opacity=0), "is transparent"),
        (visible_focus(visible=False, contrast=1.0), "has text the colour of its background"),
        (visible_focus(visible=False, contrast=4.5), "cannot be seen"),
        (visible_focus(visible=False), "cannot be seen"),
    ])
    def test_invisible_when_focused_fails_with_the_reason(self, focus, reason):
        [violation] = run("skip-link-invisible-on-focus", page([skip_link(focus=focus)]))
        assert violation.selector == "#skip"
        assert f'The skip link "Skip to content" {reason}' in violation.message

    def test_visible_when_focused_passes(self):
        assert run("skip-link-invisible-on-focus", page([skip_link()])) == []

    def test_not_reached_with_tab_is_not_judged(self):
        link = skip_link(tab_index=None, focus=visible_focus(visible=False, in_viewport=False))
        assert run("skip-link-invisible-on-focus", page([link])) == []

    def test_unmeasured_focus_is_not_a_finding(self):
        assert run("skip-link-invisible-on-focus", page([skip_link(focus={})])) == []


class TestFoundOnRealPages:
    """False positives seen on the saved news pages, pinned so they stay fixed."""

    def test_skip_to_main_navigation_is_not_a_skip_to_the_story(self):
        nav_skip = skip_link("Skip to Main Navigation", fragment="site-nav", target_=target(id="site-nav", tag="div"))
        assert selectors("skip-link-missing", with_skip_at(0, nav_skip)) == [None]

    def test_a_bare_hash_link_among_the_first_stops_is_not_judged_for_visibility(self):
        bare = skip_link("", fragment="", by_text=False, focus=visible_focus(visible=False, in_viewport=False))
        assert run("skip-link-invisible-on-focus", with_skip_at(0, bare)) == []
        named = skip_link(fragment="main", by_text=False, focus=visible_focus(visible=False, in_viewport=False))
        assert selectors("skip-link-invisible-on-focus", with_skip_at(0, named)) == ["#skip"]


def test_a_skip_link_nobody_can_reach_has_no_target_to_judge():
    hidden = skip_link("Skip to Main Navigation", "topMenu", tab_index=None, focus={}, target_=target(exists=False))
    assert run("skip-link-broken-target", page([hidden])) == []
    reachable = skip_link("Skip to Main Navigation", "topMenu", tab_index=None, target_=target(exists=False))
    assert selectors("skip-link-broken-target", page([reachable])) == ["#skip"]
