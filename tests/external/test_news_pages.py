"""newsaudit on real news article pages (../shared/news-pages), offline, at all four viewports.

Their stylesheets, scripts and images live on the publishers' servers, which are unreachable here, so
the audit runs with --same-origin-only: every off-site request is aborted and the page still finishes.
One CLI run over a sample of 12 pages. Every page must come out audited or with a one-line error,
every finding must be well formed and point at an element that exists in the page, and what
index.json records about the static HTML must agree with the findings where it is a fact.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from external_support import (CHROMIUM_ARGS, VIEWPORTS, StaticServer, chromium_for_playwright, load_report,
                              news_catalogue, run_newsaudit)

pytestmark = [pytest.mark.external, pytest.mark.browser]

PAGES_DIR = Path(__file__).resolve().parents[3] / "shared" / "news-pages"
if not (PAGES_DIR / "index.json").is_file():
    pytest.skip(f"the real news pages are not at {PAGES_DIR} (../shared/news-pages beside the repository)",
                allow_module_level=True)

# Chosen across languages and page shapes; index.json has the counts for each.
SAMPLE = [
    "aktualne.html",          # cs: Czech, no skip link
    "heise.html",             # de: German, captions with "Foto:"-style credits
    "lemonde-1.html",         # fr
    "folha.html",             # pt-BR: three h1 elements in the static HTML
    "cnet-svg-classes.html",  # es: CNET en Español
    "la-nacion.html",         # Spanish, no lang attribute on <html>
    "yahoo-4.html",           # ja: its skip link is an image link worded in Japanese
    "youth.html",             # Chinese, no lang attribute, no h1
    "bbc-1.html",             # en: skip link, second tab stop
    "nytimes-3.html",         # en: skip link after the menu buttons
    "ars-1.html",             # en-us: skip link, small page
    "seattletimes-1.html",    # en-US: hides <body> until a (blocked) remote script shows it
]
INDEX = {entry["file"]: entry
         for entry in json.loads((PAGES_DIR / "index.json").read_text(encoding="utf-8"))["pages"]}
IMPACTS = ("minor", "moderate", "serious", "critical")


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> dict[str, dict]:
    return news_catalogue(tmp_path_factory.mktemp("rules"))


@pytest.fixture(scope="module")
def news_run(tmp_path_factory) -> dict:
    """One CLI run over the sample, all four viewports, off-site requests aborted."""
    assert set(SAMPLE) <= set(INDEX), sorted(set(SAMPLE) - set(INDEX))
    work = tmp_path_factory.mktemp("news")
    result, took = run_newsaudit(
        ["audit", *(PAGES_DIR / name for name in SAMPLE), "-o", work / "out", "--format", "json",
         "--no-screenshots", "--same-origin-only", "--viewports", ",".join(VIEWPORTS), "--concurrency", "2",
         "--fail-on", "never", "-q"], work, timeout=900)  # generous: a hang fails here, not CI's clock
    print(f"\nnewsaudit over {len(SAMPLE)} news pages x {len(VIEWPORTS)} viewports: {took}, "
          f"exit code {result.returncode}")
    report = load_report(work / "out")
    pages = {Path(urlparse(page["url"]).path).name: page for page in report["pages"]}
    for name in SAMPLE:
        page = pages.get(name, {})
        print(f"  {name:24} {page.get('status')} {len(page.get('findings', []))} findings "
              f"{page.get('error') or ''}")
    return {"result": result, "report": report, "pages": pages}


def test_every_page_is_audited_or_has_a_one_line_error(news_run):
    result, report, pages = news_run["result"], news_run["report"], news_run["pages"]
    assert result.returncode in (0, 3), result.stderr[-3000:]  # --fail-on never: 3 only for errors
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert sorted(pages) == sorted(SAMPLE) and len(report["pages"]) == len(SAMPLE)
    for name, page in pages.items():
        assert page["status"] in ("audited", "error"), name
        if page["status"] == "error":
            assert page["error"] and "\n" not in page["error"], (name, page["error"])
            continue
        assert page["error"] is None, name
        for viewport, reason in page["viewport_errors"].items():
            assert reason and "\n" not in reason, (name, viewport, reason)
        # Every viewport is accounted for: audited at its measured width, or an error.
        assert set(page["viewports_audited"]) | set(page["viewport_errors"]) == set(VIEWPORTS), name
        for viewport in page["viewports_audited"]:
            assert page["inner_widths"][viewport] == report["viewports"][viewport]["width"], (name, viewport)


def test_findings_are_well_formed(news_run, catalogue):
    problems = []
    for name, page in news_run["pages"].items():
        keys = set()
        for f in page["findings"]:
            where = (name, f["rule"], f["selector"])
            if f["engine"] == "newsaudit":
                if f["rule"] not in catalogue:
                    problems.append((*where, "unknown news rule"))
                    continue
                page_level = catalogue[f["rule"]]["page_level"]
                if (f["selector"] is None) != page_level:
                    problems.append((*where, "selector must be null exactly for page-level rules"))
            elif f["engine"] == "axe":
                if f["rule"] in catalogue or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", f["rule"]):
                    problems.append((*where, "not an axe rule id"))
            else:
                problems.append((*where, f"unknown engine {f['engine']!r}"))
            if f["impact"] not in IMPACTS:
                problems.append((*where, f"impact {f['impact']!r}"))
            vps = f["viewports"]
            if not vps or len(set(vps)) != len(vps) or not set(vps) <= set(page["viewports_audited"]):
                problems.append((*where, f"viewports {vps}"))
            if not f["message"]:
                problems.append((*where, "no message"))
            if (f["rule"], f["selector"]) in keys:
                problems.append((*where, "not merged: the same rule and element twice"))
            keys.add((f["rule"], f["selector"]))
    assert not problems, problems[:20]


def test_finding_selectors_resolve_in_the_page(news_run):
    """Each selector matches exactly one element of the page, with the tag its html shows.

    The page is opened afresh in Playwright from a 127.0.0.1 server, off-site requests aborted, at
    LG and then, for what LG did not find (responsive scripts), at each finding's own viewports.
    """
    from playwright.sync_api import sync_playwright

    sizes = {"XS": (375, 667), "SM": (640, 960), "MD": (768, 1024), "LG": (1280, 800)}
    check = """items => items.map(([selector, tag]) => {
        let all;
        try { all = document.querySelectorAll(selector); } catch (e) { return 'invalid selector: ' + e.message; }
        if (all.length !== 1) return all.length + ' elements match';
        if (tag && all[0].localName !== tag) {
          return '<' + all[0].localName + '> where the finding shows <' + tag + '>';
        }
        return null;
    })"""
    unresolved = []
    checked = 0
    with StaticServer(PAGES_DIR) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_for_playwright(), args=CHROMIUM_ARGS)
        try:
            for name, page in news_run["pages"].items():
                findings = [f for f in page["findings"] if f["selector"] is not None]
                items = {(f["selector"], _opening_tag(f["html"])): f["viewports"] for f in findings}
                checked += len(items)
                last = {}
                for viewport in ("LG", "XS", "SM", "MD"):
                    todo = [item for item, vps in items.items() if viewport == "LG" or viewport in vps]
                    if not todo:
                        continue
                    reasons = _resolve(browser, server.url(name), sizes[viewport], check, todo)
                    items = {item: items[item] for item, reason in zip(todo, reasons) if reason}
                    last.update(zip(todo, reasons))
                    if not items:
                        break
                unresolved += [(name, selector, last[(selector, tag)]) for selector, tag in items]
        finally:
            browser.close()
    print(f"\n{checked} finding selectors checked in Playwright, {len(unresolved)} unresolved")
    assert not unresolved, unresolved[:20]


def _opening_tag(html: str) -> str | None:
    match = re.match(r"\s*<([a-zA-Z][\w:-]*)", html or "")
    return match[1].lower() if match else None


def _resolve(browser, url: str, size: tuple[int, int], check: str, items: list) -> list:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, service_workers="block")
    try:
        context.route("**/*", _only_local)
        tab = context.new_page()
        tab.on("dialog", lambda dialog: dialog.dismiss())
        tab.goto(url, wait_until="load", timeout=60_000)
        return tab.evaluate(check, [list(item) for item in items])
    finally:
        context.close()


def _only_local(route) -> None:
    """Like --same-origin-only: the publishers' servers are unreachable, so never wait for them."""
    if urlparse(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort("blockedbyclient")


def _rules_by_page(news_run) -> dict[str, dict[str, list[str]]]:
    """page -> rule id -> the viewports of its findings (all of them, for element-level rules)."""
    out = {}
    for name, page in news_run["pages"].items():
        rules = out.setdefault(name, {})
        for f in page["findings"]:
            rules.setdefault(f["rule"], [])
            rules[f["rule"]] += [vp for vp in f["viewports"] if vp not in rules[f["rule"]]]
    return out


def test_findings_agree_with_facts_from_index_json(news_run):
    """What index.json counted in the static HTML, where it is a fact the findings must reflect."""
    rules = _rules_by_page(news_run)
    problems = []
    for name in SAMPLE:
        facts, found = INDEX[name], rules[name]
        if news_run["pages"][name]["status"] != "audited":
            continue
        # No lang attribute on <html> <=> axe's html-has-lang.
        if (facts["lang"] is None) != ("html-has-lang" in found):
            problems.append((name, f"lang {facts['lang']!r} but html-has-lang {'html-has-lang' in found}"))
        # At most one h1 in the HTML: never "more than one h1"; none at all: "no h1" at every viewport.
        if facts["h1"] <= 1 and "heading-h1-multiple" in found:
            problems.append((name, f"{facts['h1']} h1 in the HTML, yet heading-h1-multiple"))
        if facts["h1"] >= 2 and "heading-h1-multiple" not in found:
            problems.append((name, f"{facts['h1']} h1 in the HTML, no heading-h1-multiple"))
        if facts["h1"] == 0 and sorted(found.get("heading-h1-missing", [])) != sorted(VIEWPORTS):
            problems.append((name, f"no h1 in the HTML, heading-h1-missing at {found.get('heading-h1-missing')}"))
        # A page with a "skip" link: the collector finds it. Either no skip-link-missing finding, or
        # that finding says where the skip link it found sits ("The skip link … is tab stop 4").
        if facts["skip_link"]:
            for f in news_run["pages"][name]["findings"]:
                if f["rule"] == "skip-link-missing" and "The skip link" not in f["message"]:
                    problems.append((name, f"has a skip link, but: {f['message']}"))
    assert not problems, problems
