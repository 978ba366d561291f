"""The view model's decisions, on small hand-built runs."""
from __future__ import annotations

from auditor.model import AuditRun, Finding, PageResult
from reports import view

VIEWPORTS = {"XS": {"width": 375, "height": 667}, "SM": {"width": 640, "height": 960},
             "MD": {"width": 768, "height": 1024}, "LG": {"width": 1280, "height": 800}}
ALL = list(VIEWPORTS)


def _finding(rule="r", selector="#a", viewports=("XS",), impact="serious", audience="template"):
    return Finding(rule=rule, engine="newsaudit", impact=impact, wcag=["1.1.1"], viewports=list(viewports),
                   selector=selector, html="", message=f"{rule} at {selector}", help_url="", audience=audience,
                   title=f"title of {rule}")


def _page(n, findings=(), audited=ALL, errors=None, status="audited"):
    return PageResult(url=f"https://example.com/{n}", headline=f"Story {n}", status=status,
                      viewports_audited=list(audited), viewport_errors=errors or {}, findings=list(findings))


def _run(*pages):
    return AuditRun(tool={"name": "newsaudit", "version": "1"}, axe_version="4", viewports=dict(VIEWPORTS),
                    pages=list(pages))


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


def test_template_findings_on_two_pages_are_grouped_by_rule_and_selector():
    run = _run(_page(1, [_finding(selector="#nav"), _finding(rule="e", audience="editor")]),
               _page(2, [_finding(selector="#nav"), _finding(selector="#other"), _finding(rule="e", audience="editor")]),
               _page(3, [_finding(selector="#nav", viewports=["SM"])]))
    model = view.build(run, _no_images)
    (card,) = model.site_wide
    assert (card.rule, card.seen_on, card.count) == ("r", "On 3 of 3 articles", None)
    (place,) = card.places
    assert (place.selector, place.seen_on) == ("#nav", None)  # the card says it
    assert [b.state for b in place.badges] == ["fail", "fail", "pass", "pass"]
    assert [ref.viewports for ref in place.pages] == ["fails at XS", "fails at XS", "fails at SM"]
    # The group is referenced from each page, not repeated; page-specific ones stay on the page.
    assert [ref.anchor for ref in model.pages[0].site_wide] == ["site-1"]
    assert [[p.selector for p in c.places] for c in model.pages[1].template] == [["#other"]]
    # Editor findings are never grouped across pages, however often they recur.
    assert [c.rule for c in model.pages[0].editor] == ["e"] and [c.rule for c in model.pages[1].editor] == ["e"]


def test_recurring_places_of_one_rule_share_one_card():
    run = _run(*[_page(n, [_finding(selector="#nav"), _finding(selector="#logo", impact="critical")])
                 for n in (1, 2)])
    (card,) = view.build(run, _no_images).site_wide
    assert card.impact == "critical" and card.count == "2 places"
    assert [(p.selector, p.seen_on) for p in card.places] == [("#logo", "Seen on 2 of 2 articles"),
                                                              ("#nav", "Seen on 2 of 2 articles")]


def test_group_badge_is_not_audited_where_a_member_page_was_not_audited():
    run = _run(_page(1, [_finding(viewports=["XS"])]),
               _page(2, [_finding(viewports=["XS"])], audited=["XS", "SM", "MD"], errors={"LG": "crash"}))
    (card,) = view.build(run, _no_images).site_wide
    assert [b.state for b in card.places[0].badges] == ["fail", "pass", "pass", "not-audited"]


def test_top_problems_by_pages_then_impact():
    run = _run(_page(1, [_finding("a", impact="minor"), _finding("b", impact="critical")]),
               _page(2, [_finding("a", impact="minor"), _finding("a", "#b", impact="moderate")]))
    top = view.top_problems(run)
    assert [(p.rule, len(p.pages), p.findings, p.impact) for p in top] == [("a", 2, 3, "moderate"), ("b", 1, 1, "critical")]


def test_outlines_shared_by_viewports_are_shown_once():
    page = _page(1)
    h = [{"level": 1, "text": "Title", "in_article": True}]
    page.outline = {"XS": [], "SM": h, "MD": h, "LG": h}
    outlines = view.build(_run(page), _no_images).pages[0].outlines
    assert [(o.viewports, len(o.headings)) for o in outlines] == [("XS", 0), ("SM, MD and LG", 1)]


def test_empty_sections_name_what_was_not_audited():
    model = view.build(_run(_page(1, audited=["XS", "SM"], errors={"MD": "x"})), _no_images)
    assert model.pages[0].editor_empty == "No problem found in the article at XS and SM. MD and LG could not be checked."


def test_gate_sentences():
    assert view.gate_text(_run(_page(1)))["status"] == "passed"
    failed = view.gate_text(_run(_page(1, [_finding()])))
    assert failed["status"] == "failed" and failed["sentence"].startswith("1 problem at or above “serious”")
    assert view.gate_text(_run(_page(1, status="error", audited=[])))["status"] == "error"


def test_safe_href():
    assert view.safe_href("https://e.com/a") == "https://e.com/a"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "//e.com", "fixtures/a.html",
                "https://e.com/\nx", "http://"):
        assert view.safe_href(bad) is None, bad


def test_outline_marks_template_headings_only_when_the_article_body_was_found():
    page = _page(1)
    page.outline = {"XS": [{"level": 2, "text": "Menu", "in_article": False},
                           {"level": 1, "text": "Title", "in_article": True}],
                    "SM": [{"level": 2, "text": "Menu", "in_article": False}]}
    outlines = view.build(_run(page), _no_images).pages[0].outlines
    assert [[h.outside for h in o.headings] for o in outlines] == [[True, False], [False]]
