"""The view model's decisions, on small hand-built runs."""
from __future__ import annotations

import pytest

from auditor.model import AuditRun, Finding, PageResult
from reports import components, view
from reports.common import GATE_LABELS, gate_text, where_it_fails

VIEWPORTS = {"XS": {"width": 375, "height": 667}, "SM": {"width": 640, "height": 960},
             "MD": {"width": 768, "height": 1024}, "LG": {"width": 1280, "height": 800}}
ALL = list(VIEWPORTS)


def _finding(rule="r", selector="#a", viewports=("XS",), impact="serious", audience="template", html=""):
    return Finding(rule=rule, engine="newsaudit", impact=impact, wcag=["1.1.1"], viewports=list(viewports),
                   selector=selector, html=html, message=f"{rule} at {selector}", help_url="", audience=audience,
                   title=f"title of {rule}")


def _page(n, findings=(), audited=ALL, errors=None, status="audited"):
    return PageResult(url=f"https://example.com/{n}", headline=f"Story {n}", status=status,
                      viewports_audited=list(audited), viewport_errors=errors or {}, findings=list(findings))


def _run(*pages, fail_on="serious", interrupted=False):
    return AuditRun(tool={"name": "newsaudit", "version": "1"}, axe_version="4", viewports=dict(VIEWPORTS),
                    pages=list(pages), settings={"fail_on": fail_on}, interrupted=interrupted)


def _no_images(path, budget):
    return None


def test_viewport_not_audited_never_passes():
    page = _page(1, audited=["XS", "SM", "MD"], errors={"LG": "timeout"})
    assert view.viewport_states(page, ["XS"], ALL) == {"XS": "fail", "SM": "pass", "MD": "pass", "LG": "not-audited"}
    # Missing from viewports_audited without an error: still not audited.
    page = _page(2, audited=["XS"])
    assert view.viewport_states(page, [], ALL) == {"XS": "pass", "SM": "not-audited", "MD": "not-audited",
                                                   "LG": "not-audited"}
    assert set(view.viewport_states(_page(3, status="error", audited=[]), [], ALL).values()) == {"not-audited"}


def test_top_problems_by_pages_then_impact():
    run = _run(_page(1, [_finding("a", impact="minor"), _finding("b", impact="critical")]),
               _page(2, [_finding("a", impact="minor"), _finding("a", "#b", impact="moderate")]))
    top = view.top_problems(run)
    assert [(p.rule, len(p.pages), p.findings, p.impact) for p in top] == [("a", 2, 3, "moderate"), ("b", 1, 1, "critical")]


# --- the gate: its words match the exit code in every case -------------------------------------

GATE_CASES = {
    "passed": (lambda: _run(_page(1, [_finding(impact="minor")])), 0),
    "failed": (lambda: _run(_page(1, [_finding(), _finding(selector="#b"), _finding(selector="#c", impact="minor")])), 1),
    "error": (lambda: _run(_page(1), _page(2, status="error", audited=[])), 3),
    "incomplete": (lambda: _run(_page(1, [_finding()]), interrupted=True), 130),
    "not gated": (lambda: _run(_page(1, [_finding(impact="critical")]), fail_on="never"), 0),
}


@pytest.mark.parametrize("state", list(GATE_CASES))
def test_gate_wording_matches_the_exit_code(state):
    build, code = GATE_CASES[state]
    run = build()
    gate = gate_text(run)
    assert run.summary()["exit_code"] == code == gate["exit_code"]
    assert gate["state"] == state and gate["label"] == GATE_LABELS[state]
    assert f"(exit code {code})" in gate["sentence"]
    says_pass = "so the CI check passes" in gate["sentence"]
    assert says_pass == (code == 0)
    if state == "failed":
        assert gate["sentence"].startswith("2 problems at or above “serious”")  # the minor one is below
    if state == "not gated":
        assert "fail-on: never" in gate["sentence"] and "found 1 problem" in gate["sentence"]


@pytest.mark.parametrize("state", list(GATE_CASES))
def test_index_first_screen_says_the_gate_as_it_was(state):
    run = GATE_CASES[state][0]()
    model = view.index(run, _no_images)
    assert model.gate["state"] == state
    assert model.gate["label"] == GATE_LABELS[state]


def test_gate_reads_the_five_states_of_summary_gate(monkeypatch):
    """Once the model itself says "not gated" or "incomplete", they are shown as they are."""
    run = _run(_page(1))
    for status in GATE_LABELS:
        monkeypatch.setattr(AuditRun, "summary", lambda self, s=status: {"gate": s, "exit_code": 9, "findings": 0,
                                                                         "pages": 1})
        assert gate_text(run)["state"] == status


# --- screen sizes ---------------------------------------------------------------------------------

def test_where_it_fails_in_plain_words():
    assert where_it_fails(["XS"], ALL) == "only on phones"
    assert where_it_fails(["XS"], ["XS"]) == "on phones (XS)"
    assert where_it_fails(ALL, ALL) == "on every screen size"
    assert where_it_fails(["XS", "SM"], ALL) == "only on phones and small tablets (XS, SM)"
    assert where_it_fails(["LG"], ALL) == "only on desktops (LG)"
    assert view.viewport_label(_run(), "XS") == "phones (XS, 375 px)"
    assert view.viewport_label(_run(), "MD") == "tablets (MD, 768 px)"


# --- the editors' summary and the template components ---------------------------------------------

def test_editors_summary_counts_articles_and_things_to_fix():
    photo = _finding("alt-placeholder", "#p1", audience="editor")
    photo_again = _finding("alt-too-long", "#p1", audience="editor")  # the same photo: one photo
    model = view.index(_run(_page(1, [photo, photo_again, _finding("heading-empty", "#h", audience="editor")]),
                            _page(2, [_finding("link-name", "#l", audience="editor")]), _page(3)), _no_images)
    assert model.editors == "2 articles need changes: 1 heading, 1 link, 1 photo."


def test_template_only_rules_never_reach_the_editors_summary():
    model = view.index(_run(_page(1, [_finding("target-size", "#nav > a")])), _no_images)
    assert model.editors == "No article needs changes by an editor."
    assert model.web_team == "1 template problem, on 1 article."


def _tap(n, selector, cls="nav-link"):
    return _finding("target-size", selector, html=f'<a class="{cls} item-{n}" href="/s{n}">x</a>')


def test_template_problems_are_grouped_per_component_across_places_and_articles():
    pages = [_page(n, [_tap(k, f"#site-header > nav > ul > li:nth-of-type({k}) > a") for k in range(1, 5)])
             for n in range(1, 4)]
    pages.append(_page(4, [_tap(1, "#footer > a:nth-of-type(2)", cls="foot")]))
    model = view.index(_run(*pages), _no_images)
    titles = [(c.title, c.where) for c in model.components]
    assert titles == [("title of target-size in the site header", "on 3 of 4 articles, 12 places"),
                      ("title of target-size in the footer", "on 1 of 4 articles, 1 place")]
    assert len(model.components[0].examples) == 3
    assert model.web_team == "2 template problems, on 4 articles."


def test_one_component_never_spans_two_sites():
    a = PageResult(url="https://one.example/a", viewports_audited=ALL, findings=[_tap(1, "#nav > a:nth-of-type(1)")])
    b = PageResult(url="https://two.example/b", viewports_audited=ALL, findings=[_tap(1, "#nav > a:nth-of-type(1)")])
    model = view.index(_run(a, b), _no_images)
    assert [c.where for c in model.components] == ["on 1 of 2 articles, 1 place"] * 2
    assert {c.site for c in model.components} == {"one.example", "two.example"}


def test_unanchored_elements_are_not_grouped_across_pages():
    bare = lambda: _finding("target-size", "html > body > div:nth-of-type(3) > a", html='<a href="/x">x</a>')
    model = view.index(_run(_page(1, [bare()]), _page(2, [bare()])), _no_images)
    assert len(model.components) == 2


def test_signature_removes_positions_and_folds_digits():
    one = _finding(selector="#post-123 > div:nth-of-type(2) > a", html='<a class="share s-1">x</a>')
    two = _finding(selector="#post-456 > div:nth-of-type(7) > a", html='<a class="s-9 share">y</a>')
    assert components.signature(one) == components.signature(two) == ("#post-# > div > a .s-#.share", True)


def test_safe_href():
    assert view.safe_href("https://e.com/a") == "https://e.com/a"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "//e.com", "fixtures/a.html",
                "https://e.com/\nx", "http://"):
        assert view.safe_href(bad) is None, bad




def test_local_files_are_each_a_site_of_their_own():
    """A folder of saved pages often holds many sites: a missing skip link on two files is two problems."""
    pages = [PageResult(url=f"../saved/{n}.html", final_url=f"http://127.0.0.1:5000/{n}.html", viewports_audited=ALL,
                        findings=[_finding("skip-link-missing", None)]) for n in (1, 2)]
    model = view.index(_run(*pages), _no_images)
    assert [c.where for c in model.components] == ["on 1 of 2 articles, 1 place"] * 2
    assert [c.site for c in model.components] == ["../saved/1.html", "../saved/2.html"]
    web = view.index(_run(_page(1, [_finding("skip-link-missing", None)]), _page(2, [_finding("skip-link-missing", None)])),
                     _no_images)
    assert [c.where for c in web.components] == ["on 2 of 2 articles, 2 places"]


def test_third_party_findings_are_listed_apart_never_as_template_components():
    ad = _finding("color-contrast", "#ad > a", audience="third-party")
    nav = _finding("color-contrast", "#nav > a", audience="template")
    run = _run(_page(1, [ad, nav]))
    page = view.article(run, 0, _no_images, lambda path: None)
    assert [i.selector for i in page.third_party] == ["#ad > a"]
    assert all(i.selector != "#ad > a" for i in page.template)
    assert "1 problem inside ads and embeds" in page.summary
    index = view.index(run, _no_images)
    assert index.third_party.startswith("1 problem inside ads and embeds")
    assert all("#ad" not in str(c) for c in index.components)


@pytest.mark.parametrize("consent, tries, words", [
    ({"found": True, "platform": "Didomi", "mode": "reject", "dismissed": True}, 1,
     ["The page's Didomi consent banner was found and dismissed by refusing (--consent reject) before the audit."]),
    ({"found": True, "platform": "OneTrust", "mode": "keep", "dismissed": False}, 1,
     ["The page's OneTrust consent banner was found and left up (--consent keep), so it was audited with the page."]),
    ({"found": True, "platform": "Sourcepoint", "mode": "accept", "dismissed": False,
      "reason": "the banner was still shown 3 s after the answer"}, 3,
     ["The page's Sourcepoint consent banner was found but could not be dismissed: the banner was still shown 3 s after "
      "the answer. It may cover part of the page in the audit.",
      "The page loaded on try 3 (--retries): an earlier load failed in a way that looked temporary."]),
    ({"found": False}, 1, []),
])
def test_the_article_says_how_the_page_was_reached(consent, tries, words):
    page = _page(1)
    page.consent, page.tries = consent, tries
    assert view.article(_run(page), 0, _no_images, lambda path: None).conditions == words
