"""The HTML report in real Chromium: the index and the article pages pass their own audit,
injected page content never runs, they load nothing from anywhere but themselves, and what an
editor sees first (the gate, the checklist, a photo card with and without its photo, a marker on a
screenshot) is on screen at 375 and 1280 px. Screenshots of each go to $NEWSAUDIT_REPORT_SHOTS (or
a temporary folder) for a person to look at."""
from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import reports
from PIL import Image, ImageDraw

from sample_run import EVIL_TITLE, SAMPLE_DIR, build_run

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory) -> Path:
    """The sample run written as the CLI writes it: report.html beside its assets/ folder."""
    out = tmp_path_factory.mktemp("report")
    shutil.copytree(SAMPLE_DIR / "assets", out / "assets")
    _page_picture(out / "assets" / "p1-XS.jpg")
    reports.write(build_run(), out, ["html"])
    return out


# Boxes of the storm article's findings at XS (sample_run.py), drawn on its stand-in screenshot
# so that a marker can be seen to sit on its element.
BOXES_XS = {"gallery": [16, 420, 343, 190], "photo": [16, 180, 343, 193], "link": [40, 600, 80, 20]}


def _page_picture(path) -> None:
    """A 375 × 665 stand-in for the page at XS: a grey page with the findings' elements drawn."""
    image = Image.new("RGB", (375, 665), "#f2f2f2")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 375, 56), fill="#20314d")
    for y in range(90, 170, 14):
        draw.rectangle((16, y, 340, y + 6), fill="#9a9a9a")
    for name, (x, y, w, h) in BOXES_XS.items():
        draw.rectangle((x, y, x + w, y + h), fill={"gallery": "#ffffff", "photo": "#6f8fb3", "link": "#174ea6"}[name],
                       outline="#333333")
    image.save(path, "JPEG", quality=90)


@pytest.fixture(scope="module")
def shots_dir(tmp_path_factory) -> Path:
    folder = os.environ.get("NEWSAUDIT_REPORT_SHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("shots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def served(report_dir):
    """report.html over http from 127.0.0.1, so that every request the page makes is seen."""
    handler = functools.partial(_QuietHandler, directory=str(report_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from auditor.browsers import find_chromium

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=find_chromium(None),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"])
        yield chromium
        chromium.close()


AUDITED = ["report.html", "articles/0001.html", "articles/0002.html", "articles/0003.html"]


def test_report_passes_its_own_audit_at_all_four_viewports(report_dir, tmp_path):
    """newsaudit on the index and the article pages (with markers, photo cards, an unloaded photo,
    an error page): zero axe violations and zero news findings at XS, SM, MD and LG."""
    out = tmp_path / "audit"
    result = subprocess.run(
        [sys.executable, "-m", "auditor", "audit", *[str(report_dir / name) for name in AUDITED], "-o", str(out),
         "--format", "json", "--fail-on", "minor", "--same-origin-only", "--no-screenshots", "-q"],
        capture_output=True, text=True, timeout=600)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert len(report["pages"]) == len(AUDITED)
    for page in report["pages"]:
        problems = [(f["rule"], f["selector"], f["viewports"], f["message"]) for f in page["findings"]]
        assert page["status"] == "audited" and page["viewport_errors"] == {}, page
        assert page["viewports_audited"] == ["XS", "SM", "MD", "LG"]
        assert problems == [], page["url"]
    assert result.returncode == 0, result.stderr


def _open(browser, url, **context_options):
    """A fresh page that records dialogs, console errors, page errors and every request."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    seen = {"dialogs": [], "errors": [], "requests": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    return context, page, seen


@pytest.mark.parametrize("name", ["report.html", "articles/0002.html"])
def test_injected_content_never_runs(browser, served, name):
    context, page, seen = _open(browser, served + name)
    try:
        assert seen["dialogs"] == []
        assert seen["errors"] == []  # also: no CSP violation, so our own style and script are allowed
        dom = page.evaluate("""() => ({
            scripts: document.scripts.length,
            textareas: document.querySelectorAll('textarea').length,
            bold: document.querySelectorAll('main b').length,
            handlers: [...document.querySelectorAll('*')].filter(
                el => [...el.attributes].some(a => a.name.startsWith('on'))).length,
            remoteImages: [...document.images].filter(img => !img.src.startsWith('data:')).length,
            jsLinks: [...document.links].filter(a => a.protocol === 'javascript:').length,
            text: document.body.textContent,
            filtersShown: !document.getElementById('filters').hidden,
        })""")
        assert dom["scripts"] == 1  # ours
        assert dom["textareas"] == 0 and dom["bold"] == 0 and dom["handlers"] == 0
        assert dom["remoteImages"] == 0 and dom["jsLinks"] == 0
        assert EVIL_TITLE in dom["text"]  # the payload is shown as text
        assert dom["filtersShown"]  # our own script did run under the CSP
    finally:
        context.close()


@pytest.mark.parametrize("name", ["report.html", "articles/0001.html", "articles/0002.html"])
def test_no_request_leaves_the_file(browser, served, name):
    context, page, seen = _open(browser, served + name)
    try:
        # Open every folded part and print, which loads whatever is left to load.
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        page.emulate_media(media="print")
        page.wait_for_timeout(200)
        outside = [url for url in seen["requests"] if url != served + name and not url.startswith("data:")]
        assert outside == []
        assert seen["requests"][0] == served + name
    finally:
        context.close()


def test_filters_work_and_report_reads_without_script(browser, served):
    url = served + "articles/0001.html"
    context, page, _ = _open(browser, url)
    try:
        total = page.locator(".item").count()
        moderate = page.locator(".item[data-impact=moderate]").count()
        page.get_by_label("Moderate").uncheck()
        assert page.locator(".item:visible").count() == total - moderate
        assert page.locator("#filter-status").text_content() == f"Showing {total - moderate} of {total} problems."
    finally:
        context.close()
    context, page, seen = _open(browser, url, java_script_enabled=False)
    try:
        assert page.locator(".item:visible").count() == total  # everything shown
        assert not page.locator("#filters").is_visible()  # no controls that cannot work
    finally:
        context.close()


def test_a_filter_never_leaves_an_empty_section(browser, served):
    context, page, _ = _open(browser, served + "articles/0001.html")
    try:
        assert page.locator("#template").is_visible()
        # The storm article's template problems are serious only: with Serious off, the section goes.
        for label in ("Critical", "Serious"):
            page.get_by_label(label).uncheck()
        assert not page.locator("#template").is_visible()
        assert page.locator("#checklist").is_visible()  # it still has moderate items
        page.get_by_label("Serious").check()
        assert page.locator("#template").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", ["report.html", "articles/0001.html", "articles/0002.html"])
def test_no_horizontal_scroll(browser, served, width, name):
    context, page, _ = _open(browser, served + name, viewport={"width": width, "height": 800})
    try:
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_skip_link_is_first_tab_stop_and_visible_when_focused(browser, served):
    context, page, _ = _open(browser, served + "report.html", viewport={"width": 375, "height": 667})
    try:
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement, box = el.getBoundingClientRect();
            return {text: el.textContent, href: el.getAttribute('href'),
                    onScreen: box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.width > 2};
        }""")
        assert focused == {"text": "Skip to main content", "href": "#main", "onScreen": True}
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "main"
    finally:
        context.close()


# --- what a person sees: screenshots at a phone's and a desktop's width ----------------------------

def _on_screen(page, selector: str, width: int) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, (selector, box)
    return box


@pytest.mark.parametrize("width", [375, 1280])
def test_first_screen_says_the_gate_then_editors_then_web_team(browser, served, shots_dir, width):
    context, page, _ = _open(browser, served + "report.html", viewport={"width": width, "height": 800})
    try:
        gate, todo = _on_screen(page, ".gate", width), _on_screen(page, ".todo", width)
        assert page.locator(".gate-label").text_content() == "CI check: Error: not everything was audited."
        items = page.locator(".todo li").all_text_contents()
        assert items[0].startswith("For editors: 2 articles need changes: 3 photos")
        assert items[1].startswith("For the web team: 4 template problems, on 3 articles.")
        assert gate["y"] < todo["y"] and todo["y"] + todo["height"] <= 800  # both on the first screen
        page.screenshot(path=str(shots_dir / f"first-screen-{width}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_article_checklist_first_items_open_rest_folded(browser, served, shots_dir, width):
    context, page, _ = _open(browser, served + "articles/0001.html", viewport={"width": width, "height": 900})
    try:
        first = page.locator("#checklist .item").first
        _on_screen(page, "#checklist .item", width)
        assert first.locator("> details").get_attribute("open") is not None
        assert first.locator(".item-body").is_visible()
        assert first.locator("h3").text_content() == "Image without alt text"
        folded = page.locator("#item-6")  # past the first five items
        assert folded.locator("> details").get_attribute("open") is None
        assert folded.locator("h3").is_visible() and not folded.locator(".item-body").is_visible()
        first.scroll_into_view_if_needed()
        page.locator("#checklist").screenshot(path=str(shots_dir / f"checklist-{width}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_photo_card_with_and_without_its_photo(browser, served, shots_dir, width):
    context, page, _ = _open(browser, served + "articles/0001.html", viewport={"width": width, "height": 900})
    try:
        missing = page.locator(".item", has=page.locator("code", has_text="image-alt")).first
        note = missing.locator(".not-loaded")
        assert note.is_visible() and "The photo did not load" in note.text_content()
        assert missing.locator(".photo-image img").evaluate("img => img.complete && img.naturalWidth > 0")
        missing.screenshot(path=str(shots_dir / f"photo-not-loaded-{width}.png"))
        loaded = page.locator(".item", has=page.locator("code", has_text="alt-matches-caption")).first
        assert loaded.locator(".not-loaded").count() == 0
        img = loaded.locator(".photo-image img")
        assert img.is_visible() and img.evaluate("img => img.naturalWidth > 0")
        assert "Caption on the page" in loaded.text_content()
        loaded.screenshot(path=str(shots_dir / f"photo-loaded-{width}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_marker_sits_on_its_element_and_links_both_ways(browser, served, shots_dir, width):
    context, page, _ = _open(browser, served + "articles/0001.html", viewport={"width": width, "height": 900})
    try:
        item = page.locator(".item", has=page.locator("code", has_text="alt-matches-caption")).first
        number = item.locator(".num").text_content()
        marker = page.locator(f"#mark-XS-{number}")
        marker.scroll_into_view_if_needed()
        frame = page.locator(".shot-frame").first.bounding_box()
        box = marker.bounding_box()
        scale = frame["width"] / 375
        x, y, _, _ = BOXES_XS["photo"]
        assert abs(box["x"] - (frame["x"] + x * scale)) < 2 and abs(box["y"] - (frame["y"] + y * scale)) < 2
        assert box["width"] >= 24 and box["height"] >= 24  # a touch target of its own
        page.locator(".shot-frame").first.screenshot(path=str(shots_dir / f"marker-{width}.png"))
        marker.click()
        assert page.evaluate("() => location.hash") == f"#item-{number}"
        item.locator(".where-links a").first.click()
        assert page.evaluate("() => location.hash") == f"#mark-XS-{number}"
    finally:
        context.close()
