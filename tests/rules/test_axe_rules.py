"""The axe-core table: plain words for every axe rule, and an audience from what the fix needs."""
from __future__ import annotations

import re

import pytest

from auditor.api import Settings, Target, build_run
from rules.axe_adapter import metadata as axe_rule_meta
from auditor.model import Finding, PageResult, Snapshot, Viewport
from rules import axe_adapter
from rules.axe_rules import AXE_RULES, CONTENT, TEMPLATE

# Every axe rule id seen in a baseline audit of the 106 pages of ../shared/news-pages* (all four
# viewports), most frequent first: target-size 7,601 findings ... accesskeys 1.
SEEN_ON_REAL_PAGES = [
    "target-size", "region", "link-name", "listitem", "image-alt", "color-contrast", "frame-title",
    "svg-img-alt", "heading-order", "image-redundant-alt", "landmark-unique", "button-name", "tabindex",
    "list", "aria-hidden-focus", "nested-interactive", "aria-allowed-role", "aria-required-parent",
    "landmark-one-main", "empty-heading", "aria-prohibited-attr", "aria-required-children", "label",
    "dlitem", "html-has-lang", "landmark-banner-is-top-level", "area-alt", "select-name",
    "landmark-no-duplicate-banner", "aria-dialog-name", "meta-viewport", "presentation-role-conflict",
    "aria-roles", "landmark-contentinfo-is-top-level", "landmark-no-duplicate-contentinfo",
    "aria-allowed-attr", "object-alt", "aria-input-field-name", "landmark-main-is-top-level",
    "landmark-no-duplicate-main", "meta-viewport-large", "aria-valid-attr-value", "label-title-only",
    "input-button-name", "page-has-heading-one", "aria-command-name", "role-img-alt", "document-title",
    "meta-refresh", "accesskeys",
]
# Content rules: what the editor puts in the article. Everything else only the template can fix.
CONTENT_RULES = {"image-alt", "role-img-alt", "image-redundant-alt", "svg-img-alt", "area-alt", "object-alt",
                 "link-name", "identical-links-same-purpose", "empty-heading", "heading-order", "p-as-heading",
                 "td-has-header", "th-has-data-cells", "td-headers-attr", "empty-table-header",
                 "scope-attr-valid", "table-duplicate-name", "table-fake-caption", "valid-lang",
                 "video-caption", "audio-caption"}
GENERIC = re.compile(r"axe-core guidance|linked below|Ensures ", re.I)


def _bundled_axe_rule_ids() -> set[str]:
    from axe_playwright_python.base import AXE_SCRIPT

    return set(re.findall(r'\{id:"([a-z0-9-]+)",(?:impact|selector|excludeHidden|matches|tags|metadata|pageLevel'
                          r'|enabled|reviewOnFail|actIds)', AXE_SCRIPT))


@pytest.mark.parametrize("rule", SEEN_ON_REAL_PAGES)
def test_every_axe_rule_seen_on_real_pages_has_plain_words(rule):
    text = AXE_RULES.get(rule)
    assert text is not None, f"{rule} fires on ../shared/news-pages* but has no entry in rules/axe_rules.py"
    assert text.title and text.why and text.fix
    assert not any(GENERIC.search(t) for t in (text.title, text.why, text.fix, text.fix_cms))


def test_every_rule_of_the_bundled_axe_core_has_an_entry():
    ids = _bundled_axe_rule_ids()
    assert len(ids) > 90  # the pattern still finds axe's rule list
    assert sorted(ids - set(AXE_RULES)) == []


def test_content_rules_are_exactly_the_editors_and_have_a_cms_fix():
    assert {r for r, t in AXE_RULES.items() if t.kind == CONTENT} == CONTENT_RULES
    for rule, text in AXE_RULES.items():
        assert text.kind in (CONTENT, TEMPLATE)
        assert bool(text.fix_cms) == (text.kind == CONTENT), rule


def _snapshot(rule: str, in_article: bool) -> Snapshot:
    node = {"selector": "#story > p:nth-of-type(2) > a", "html": "<a href='/x'></a>", "in_article": in_article,
            "impact": "serious", "failureSummary": "Fix any of the following:\n  Element is too small"}
    return Snapshot(url="https://e.com/a", viewport="XS", width=375, height=667,
                    axe={"violations": [{"id": rule, "help": "axe help", "helpUrl": "https://dequeuniversity.com/x",
                                         "tags": ["wcag2a", "wcag258"], "nodes": [node]}]})


@pytest.mark.parametrize("rule", sorted(AXE_RULES))
def test_audience_comes_from_what_the_fix_needs(rule):
    (inside,) = axe_adapter.violations(_snapshot(rule, in_article=True))
    (outside,) = axe_adapter.violations(_snapshot(rule, in_article=False))
    assert outside.audience == "template"
    assert inside.audience == ("editor" if rule in CONTENT_RULES else "template")
    assert inside.title == AXE_RULES[rule].title
    assert inside.message == f"{AXE_RULES[rule].title}: Element is too small"


def test_an_axe_rule_the_table_does_not_know_is_template():
    (v,) = axe_adapter.violations(_snapshot("some-future-rule", in_article=True))
    assert v.audience == "template" and v.title == "axe help"


def test_run_metadata_reads_the_table_and_never_the_generic_text():
    findings = [Finding(rule=r, engine="axe", impact="serious", wcag=[], viewports=["XS"], selector="#a",
                        html="", message="", help_url="", audience="editor" if r in CONTENT_RULES else "template")
                for r in SEEN_ON_REAL_PAGES]
    page = PageResult(url="https://e.com/a", viewports_audited=["XS"], findings=findings)
    run = build_run([Target("https://e.com/a")], [page], Settings(viewports=[Viewport("XS", 375, 667)]),
                    {"axe_rules": {}}, started="")
    for rule in SEEN_ON_REAL_PAGES:
        meta = run.rules[rule]
        assert meta["title"] == AXE_RULES[rule].title and meta["fix"] == AXE_RULES[rule].fix
        assert meta["fix_editor"] == AXE_RULES[rule].fix_cms
        assert "guidance" not in meta["fix"]
    unknown = axe_rule_meta(findings[0].__class__(**{**findings[0].__dict__, "rule": "x-new"}), {"title": "T"})
    assert unknown["fix"] == "" and unknown["title"] == "T"
