"""newsaudit against the W3C ACT Rules test cases (../shared/act), compared outcome by outcome.

For each ACT rule that one of our news rules or an axe-core rule implements, every test case of that
rule is audited (one CLI run, all cases, LG only: the cases have no responsive layout) and compared:
an ACT "failed" case must get a finding of a mapped rule; a "passed" or "inapplicable" case must
not. The cases that disagree are listed, with the reason, in docs/act.md, and this test asserts that
the measured disagreements are exactly that list: a regression and an improvement both show up.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from external_support import REPO, StaticServer, load_report, news_catalogue, run_newsaudit

pytestmark = [pytest.mark.external, pytest.mark.browser]

ACT_DIR = Path(__file__).resolve().parents[3] / "shared" / "act"
if not (ACT_DIR / "manifest.json").is_file():
    pytest.skip(f"the W3C ACT test cases are not at {ACT_DIR} (../shared/act beside the repository); "
                "see docs/act.md", allow_module_level=True)

DOC = REPO / "docs" / "act.md"

# ACT rule -> the rules that implement it, by engine. axe-core's side follows each axe rule's own
# `actIds`, limited to the axe rules our default tags run (WCAG 2.x A/AA and best-practice).
ACT_TO_RULES: dict[str, dict[str, tuple[str, ...]]] = {
    "23a2a8": {"axe": ("image-alt", "role-img-alt"), "newsaudit": ("captioned-image-no-alt",)},
    "9eb3f6": {"newsaudit": ("alt-filename",)},
    "59796f": {"axe": ("input-image-alt",)},
    "ffd0e9": {"axe": ("empty-heading",), "newsaudit": ("heading-empty",)},
    "cf77f2": {"axe": ("bypass",), "newsaudit": ("skip-link-missing",)},
    "ye5d6e": {"newsaudit": ("skip-link-missing", "skip-link-broken-target")},
    "2779a5": {"axe": ("document-title",)},
    "b5c3f8": {"axe": ("html-has-lang",)},
    "bf051a": {"axe": ("html-lang-valid",)},
    "c487ae": {"axe": ("link-name", "area-alt")},
    "b4f0c3": {"axe": ("meta-viewport",)},
    "0ssw9k": {"axe": ("scrollable-region-focusable",)},
    "307n5z": {"axe": ("nested-interactive",)},
    "6cfa84": {"axe": ("aria-hidden-focus",)},
    "7d6734": {"axe": ("svg-img-alt",)},
    "qt1vmo": {"newsaudit": ("alt-placeholder", "alt-filename", "alt-credit-only")},
}


def mapped_keys(act_id: str) -> set[tuple[str, str]]:
    """(engine, rule id) pairs that implement one ACT rule."""
    return {(engine, rule) for engine, rules in ACT_TO_RULES[act_id].items() for rule in rules}


FINDING, NO_FINDING, NOT_HTML, ERROR = "finding", "no finding", "not audited (not HTML)", "error"
_DISAGREEMENT_ROW = re.compile(r"^\|\s*`(?P<file>[0-9a-z]{6}/[a-z]+-\d+\.(?:html|svg|xml))`\s*\|"
                               r"\s*(?P<expected>passed|failed|inapplicable)\s*\|(?P<ours>[^|]*)\|")


def our_outcome(page: dict, mapped: set[tuple[str, str]]) -> tuple[str, tuple[str, ...]]:
    """What newsaudit said about one case: a kind (FINDING, NO_FINDING, …) and the mapped rules hit."""
    if page["status"] != "audited" or page.get("viewport_errors"):
        kind = NOT_HTML if (page.get("error") or "").startswith("not an HTML page") else ERROR
        return kind, ()
    hits = tuple(sorted({f["rule"] for f in page["findings"] if (f["engine"], f["rule"]) in mapped}))
    return (FINDING if hits else NO_FINDING), hits


def agrees(expected: str, kind: str) -> bool:
    if expected == "failed":
        return kind == FINDING
    # A non-HTML document (SVG, MathML) is not audited at all, which is what "inapplicable" means.
    return kind == NO_FINDING or (kind == NOT_HTML and expected == "inapplicable")


def documented_disagreements() -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """file -> (expected, our kind, our rule ids) from the table in docs/act.md."""
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = _DISAGREEMENT_ROW.match(line.strip())
        if match:
            ours = match["ours"].strip()
            kind = next((k for k in (NO_FINDING, FINDING, NOT_HTML, ERROR) if ours.startswith(k)), ours)
            rows[match["file"]] = (match["expected"], kind, tuple(sorted(re.findall(r"`([a-z0-9-]+)`", ours))))
    return rows


@pytest.fixture(scope="module")
def act_cases() -> list[dict]:
    manifest = json.loads((ACT_DIR / "manifest.json").read_text(encoding="utf-8"))
    cases = [case for case in manifest if case["rule_id"] in ACT_TO_RULES]
    assert {case["rule_id"] for case in cases} == set(ACT_TO_RULES), "an ACT rule we map has no cases"
    return cases


@pytest.fixture(scope="module")
def act_results(act_cases, tmp_path_factory) -> dict[str, dict]:
    """One CLI run over every selected case; file -> the case plus our outcome."""
    work = tmp_path_factory.mktemp("act")
    with StaticServer(ACT_DIR) as server:  # the web root is ../shared/act: cases use /test-assets/…
        urls = [server.url(case["file"]) for case in act_cases]
        result, took = run_newsaudit(
            ["audit", *urls, "-o", work / "out", "--format", "json", "--no-screenshots", "--same-origin-only",
             "--viewports", "LG", "--concurrency", "2", "--fail-on", "never", "-q"], work, timeout=900)
    print(f"\nnewsaudit over {len(urls)} ACT test cases at LG: {took}, exit code {result.returncode}")
    assert result.returncode in (0, 3), result.stderr[-3000:]  # 3: the non-HTML cases are not audited
    pages = {page["url"]: page for page in load_report(work / "out")["pages"]}
    assert set(pages) == set(urls)
    results = {}
    for case, url in zip(act_cases, urls):
        kind, hits = our_outcome(pages[url], mapped_keys(case["rule_id"]))
        error = pages[url].get("error") or "; ".join(
            f"{viewport}: {why}" for viewport, why in pages[url]["viewport_errors"].items())
        results[case["file"]] = {**case, "kind": kind, "hits": hits, "error": error,
                                 "agrees": agrees(case["outcome"], kind)}
    return results


def test_mapped_news_rules_exist(tmp_path):
    """A renamed news rule would otherwise show up only as a pile of disagreements."""
    catalogue = news_catalogue(tmp_path)
    news_ids = {rule for by_engine in ACT_TO_RULES.values() for rule in by_engine.get("newsaudit", ())}
    assert news_ids <= set(catalogue), sorted(news_ids - set(catalogue))
    axe_ids = {rule for by_engine in ACT_TO_RULES.values() for rule in by_engine.get("axe", ())}
    assert not axe_ids & set(catalogue), "an axe rule id is also a news rule id"


def test_every_html_case_is_audited(act_results):
    """Every HTML case loads and is audited; only the SVG/MathML documents are refused, as non-HTML."""
    problems = [(file, r["error"]) for file, r in act_results.items()
                if r["kind"] == ERROR or (r["kind"] == NOT_HTML and file.endswith(".html"))]
    assert not problems, problems
    not_html = sorted(file for file, r in act_results.items() if r["kind"] == NOT_HTML)
    assert not_html == sorted(file for file in act_results if not file.endswith(".html"))


def test_act_agreement_matches_docs(act_results):
    """Print the agreement per ACT rule; the disagreements must be exactly those in docs/act.md."""
    cases, agree = Counter(), Counter()
    for r in act_results.values():
        cases[r["rule_id"]] += 1
        agree[r["rule_id"]] += r["agrees"]
    names = {r["rule_id"]: r["rule_name"] for r in act_results.values()}
    print("\n| ACT rule | name | our rules | cases | agree | disagree |\n| --- | --- | --- | --- | --- | --- |")
    for act_id in ACT_TO_RULES:
        rules = ", ".join(f"{rule} ({engine})" for engine, rule in sorted(mapped_keys(act_id)))
        print(f"| {act_id} | {names[act_id]} | {rules} | {cases[act_id]} | {agree[act_id]} | "
              f"{cases[act_id] - agree[act_id]} |")
    total = sum(cases.values())
    print(f"| all | | | {total} | {sum(agree.values())} | {total - sum(agree.values())} |")

    measured = {file: (r["outcome"], r["kind"], r["hits"]) for file, r in act_results.items() if not r["agrees"]}
    documented = documented_disagreements()
    for file in sorted(measured):
        expected, kind, hits = measured[file]
        print(f"disagreement: {file}: expected {expected}, ours {kind} {' '.join(hits)}")
    new = {f: v for f, v in measured.items() if documented.get(f) != v}
    gone = {f: v for f, v in documented.items() if f not in measured}
    assert not new and not gone, (
        f"\nNew or changed disagreements (a regression, or document them in {DOC.name}): {new}"
        f"\nDocumented disagreements that now agree (an improvement: remove them from {DOC.name}): {gone}")
