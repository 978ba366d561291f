"""The HTML report (index and article pages): escaping, the Content-Security-Policy, no remote
loads, its own structure, and what an editor and the web team read."""
from __future__ import annotations

import base64
import hashlib
import io
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

import reports
from auditor.model import AuditRun, Finding, PageResult
from reports import html as html_report
from reports import view
from reports.images import CROP, SCREEN, THUMBNAIL, Embedder
from sample_run import (EVIL_ALT, EVIL_CAPTION, EVIL_SELECTOR, EVIL_SNIPPET, EVIL_SUGGESTION, EVIL_TITLE,
                        EVIL_URL, INJECTIONS, SAMPLE_DIR, build_clean_run, build_run)


class Page(HTMLParser):
    """Every start tag with its attributes, the text of headings, and the raw inline blocks."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[tuple[int, str]] = []
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self._heading: list | None = None
        self._raw: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), ""]
        if tag in ("style", "script"):
            self._raw = ""

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self._heading:
            self.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None
        if tag in ("style", "script") and self._raw is not None:
            (self.styles if tag == "style" else self.scripts).append(self._raw)
            self._raw = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data
        if self._raw is not None:
            self._raw += data

    def find(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]


def _all_pages(run, base_dir) -> dict[str, str]:
    out = {"report.html": reports.render(run, "html", base_dir)}
    out.update(dict(html_report.article_pages(run, base_dir)))
    return out


@pytest.fixture(scope="module")
def texts():
    return _all_pages(build_run(), SAMPLE_DIR)


@pytest.fixture(scope="module")
def text(texts):
    return texts["report.html"]


@pytest.fixture(scope="module")
def storm(texts):
    return texts["articles/0001.html"]


@pytest.fixture(scope="module")
def live(texts):
    return texts["articles/0002.html"]


NAMES = ["report.html", "articles/0001.html", "articles/0002.html", "articles/0003.html",
         "articles/0004.html", "articles/0005.html"]


@pytest.fixture(scope="module", params=NAMES)
def any_page(request, texts):
    return request.param, texts[request.param], Page(texts[request.param])


def _sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_one_page_per_article_and_links_between_them(texts, text):
    assert sorted(texts) == sorted(NAMES)
    for name in NAMES[1:]:
        assert f'href="{name}"' in text
        assert 'href="../report.html"' in texts[name]


# --- untrusted content -------------------------------------------------------------------------

def test_injection_strings_never_appear_unescaped(any_page):
    name, text, _ = any_page
    for marker in INJECTIONS:
        assert marker not in text, (name, marker)


@pytest.mark.parametrize("value", [EVIL_TITLE, EVIL_ALT, EVIL_CAPTION, EVIL_SUGGESTION, EVIL_SNIPPET, EVIL_SELECTOR])
def test_untrusted_text_is_shown_escaped(live, value):
    from markupsafe import escape

    assert str(escape(value)) in live


def test_untrusted_text_reads_back_as_text(live):
    page = Page(live)
    assert (1, f"Article 2: {EVIL_TITLE}") in page.headings


def test_only_http_links_become_hrefs(any_page):
    name, _, page = any_page
    hrefs = [a["href"] for a in page.find("a")]
    assert all(h.startswith(("#", "https://", "http://", "articles/", "../report.html")) for h in hrefs), hrefs
    assert not any("javascript:" in h.lower() for h in hrefs)


def test_the_page_url_with_quotes_is_a_link(live):
    assert EVIL_URL in [a["href"] for a in Page(live).find("a")]


# --- self-contained and locked down --------------------------------------------------------------

def test_csp_allows_only_its_own_style_and_script(any_page):
    _, _, page = any_page
    metas = [m for m in page.find("meta") if m.get("http-equiv", "").lower() == "content-security-policy"]
    assert len(metas) == 1
    policy = dict(part.strip().split(" ", 1) for part in metas[0]["content"].split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["img-src"] == "data:"
    assert policy["base-uri"] == "'none'" and policy["form-action"] == "'none'"
    assert len(page.styles) == 1 and len(page.scripts) == 1
    assert policy["style-src"] == f"'{_sha(page.styles[0])}'"
    assert policy["script-src"] == f"'{_sha(page.scripts[0])}'"
    names = [name for name, _ in page.tags]
    csp = next(i for i, (name, attrs) in enumerate(page.tags) if attrs.get("http-equiv"))
    assert csp < names.index("style") and csp < names.index("link") and csp < names.index("body")


def test_no_remote_resource_is_loaded(any_page):
    _, _, page = any_page
    for tag, attrs in page.tags:
        for key in ("src", "srcset", "data", "poster", "background", "action", "formaction"):
            assert not re.match(r"\s*(https?:)?//", attrs.get(key) or ""), (tag, key)
        if tag in ("link", "script", "img", "iframe", "object", "embed", "source", "video", "audio"):
            assert not re.match(r"\s*(https?:)?//", attrs.get("href") or ""), (tag, attrs)
    for attrs in page.find("img"):
        assert attrs["src"].startswith("data:image/")
    assert "@import" not in page.styles[0]
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page.styles[0])
    assert not page.find("iframe") and not page.find("base")


def test_inline_style_attributes_are_not_used(any_page):
    """The CSP blocks them, so none may be relied on: markers are placed by classes."""
    _, _, page = any_page
    assert not [attrs for _, attrs in page.tags if "style" in attrs]


# --- structure the report's own audit checks -----------------------------------------------------

def test_one_h1_and_no_skipped_heading_levels(any_page):
    _, _, page = any_page
    levels = [level for level, _ in page.headings]
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, (before, after)


def test_title_is_the_h1(any_page):
    _, text, page = any_page
    title = re.search(r"<title>(.*?)</title>", text).group(1)
    assert Page(f"<h1>{title}</h1>").headings[0] == page.headings[0]


def test_skip_link_is_the_first_focusable_element_and_its_target_exists(any_page):
    _, _, page = any_page
    focusable = [(tag, attrs) for tag, attrs in page.tags
                 if (tag == "a" and "href" in attrs) or tag in ("input", "summary", "button")]
    tag, attrs = focusable[0]
    assert attrs["href"] == "#main"
    assert [a for a in page.find("main") if a.get("id") == "main"]


def test_ids_are_unique_and_internal_links_resolve(any_page):
    _, _, page = any_page
    ids = [attrs["id"] for _, attrs in page.tags if "id" in attrs]
    assert len(ids) == len(set(ids))
    for attrs in page.find("a"):
        if attrs["href"].startswith("#"):
            assert attrs["href"][1:] in ids, attrs["href"]


def test_links_into_the_index_resolve(texts, text):
    ids = {attrs["id"] for _, attrs in Page(text).tags if "id" in attrs}
    for name in NAMES[1:]:
        for attrs in Page(texts[name]).find("a"):
            if attrs["href"].startswith("../report.html#"):
                assert attrs["href"].split("#", 1)[1] in ids


def test_every_image_has_alt_text(any_page):
    _, _, page = any_page
    for attrs in page.find("img"):
        assert attrs.get("alt")


def test_landmarks_present(any_page):
    _, _, page = any_page
    for tag in ("header", "main", "footer"):
        assert len(page.find(tag)) == 1, tag
    assert page.find("html")[0]["lang"] == "en"


# --- the first screen ------------------------------------------------------------------------------

def test_first_screen_gate_then_editors_then_web_team(text):
    gate = text.index("CI check: Error: not everything was audited.")  # the sample has a 404
    editors = text.index("<strong>For editors:</strong>")
    web = text.index("<strong>For the web team:</strong>")
    assert gate < editors < web < text.index('id="template"') < text.index('id="articles"')
    # The sample: a photo without alt and a photo with the caption as alt (storm), a placeholder
    # alt (live); a skipped heading (storm); two generic links.
    assert "2 articles need changes: 3 photos, 2 links, 1 heading." in text
    assert "4 template problems, on 3 articles." in text


def test_template_problems_once_per_component(text):
    # The grey nav link on two articles of one site is one problem, with both as examples.
    block = text[text.index("<h3>Text too faint against its background in the navigation</h3>"):]
    block = block[:block.index("</div>\n<div class=\"finding") if '<div class="finding' in block else None]
    assert "on 2 of 4 articles, 2 places" in block
    assert block.count("<li><a href=\"articles/") == 2
    # No skip link: page-level, one problem for the site, on the 3 articles that lack one.
    assert "on 3 of 4 articles, 3 places" in text


def test_units_are_named(text):
    assert "a problem is one rule on one element" in text
    assert "For editors: 4 problems. Template: 4 template problems." in text


# --- an article ------------------------------------------------------------------------------------

def _item(text: str, rule: str) -> str:
    (item,) = [chunk for chunk in text.split('<li class="item ')[1:] if f"<code>{rule}</code>" in chunk]
    return item


def test_checklist_in_impact_order_first_items_open(storm):
    checklist = storm[storm.index('id="checklist"'):storm.index('id="template"')]
    impacts = re.findall(r'<li class="item impact-line-(\w+)"', checklist)
    assert impacts == sorted(impacts, key=lambda i: -["minor", "moderate", "serious", "critical"].index(i))
    assert checklist.count("<details open>") == min(len(impacts), view.OPEN_ITEMS)


def test_editor_item_says_what_why_and_how_in_the_cms(storm):
    item = _item(storm, "image-alt")
    assert "<h3>Image without alt text</h3>" in item
    assert "<strong>Why it matters:</strong> A blind reader hears nothing" in item
    assert "<strong>How to fix:</strong> In the CMS, fill in the image&#39;s alt text field" in item
    assert "guidance" not in storm


def test_photo_that_did_not_load_says_so_and_shows_its_place(storm):
    item = _item(storm, "image-alt")
    assert "<strong>The photo did not load</strong>" in item
    assert "This is its place, cut from the page’s screenshot:" in item
    assert 'alt="The place of the photo on the page on every screen size: the photo did not load"' in item
    loaded = _item(storm, "alt-matches-caption")
    assert "did not load" not in loaded and '<p class="photo-image"><img src="data:image/jpeg' in loaded


def test_screen_sizes_in_plain_words(storm):
    assert "Audited on phones (XS, 375 px), small tablets (SM, 640 px), tablets (MD, 768 px) and desktops (LG, 1280 px)." in storm
    assert '<span class="where">only on phones</span>' in _item(storm, "heading-h1-missing")
    assert '<span class="where">only on phones and small tablets (XS, SM)</span>' in _item(storm, "heading-level-skipped")


def test_markers_link_both_ways(storm):
    page = Page(storm)
    markers = [a for a in page.find("a") if "marker" in a.get("class", "")]
    assert markers
    ids = {attrs["id"] for _, attrs in page.tags if "id" in attrs}
    for marker in markers:
        assert marker["href"][1:] in ids  # to its item
        assert f'href="#{marker["id"]}"' in storm  # and back
    # Positioned by a class in the page's own (hashed) style sheet, not a style attribute.
    photo = _item(storm, "alt-matches-caption")
    number = re.search(r'<span class="num">(\d+)</span>', photo).group(1)
    # box [16, 180] at 375 px on a screenshot 75 × 133 (665 CSS px tall): 16/375, 180/665
    assert f".m-XS-{number}-1{{left:4.27%;top:27.068%}}" in page.styles[0]


def test_template_items_on_an_article_link_to_the_index(storm):
    part = storm[storm.index('id="template"'):]
    assert "For the web team: template problems seen here" in storm
    assert 'href="../report.html#template-' in part


def test_needs_review_ignored_and_new_are_shown_apart():
    run = build_run()
    storm = run.pages[0]
    storm.findings[0].needs_review = True
    storm.findings[5].baseline = "new"
    storm.findings[7].ignored = {"reason": "vendor widget", "until": "2027-01-01"}
    text = html_report.render_article(run, 0, SAMPLE_DIR)
    checklist = text[text.index('id="checklist"'):text.index('id="template"')]
    review = text[text.index('id="review"'):text.index('id="ignored"')]
    assert "<code>image-alt</code>" in review and "<code>image-alt</code>" not in checklist
    assert "<code>link-text-generic</code>" in text[text.index('id="ignored"'):]
    assert "vendor widget (until 2027-01-01)" in text
    first = re.search(r'<li class="item[^>]*>.*?<code>([a-z-]+)</code>', checklist, re.S).group(1)
    assert first == "alt-matches-caption" and '<span class="new">New</span>' in checklist
    index = reports.render(run, "html", SAMPLE_DIR)
    assert "1 problem from rules under review is listed apart" in index
    assert "1 problem is ignored on purpose" in index


def test_page_error_is_shown_with_its_reason_and_never_as_clean(texts, text):
    assert "This page could not be audited:</strong> HTTP 404 Not Found" in texts["articles/0003.html"]
    assert "Not audited: HTTP 404 Not Found" in text


def test_viewport_error_is_shown_with_its_reason(live):
    assert "Some screen sizes could not be audited." in live
    assert "Not audited on desktops (LG)." in live


def test_heading_outline_per_viewport_groups_identical_outlines(storm):
    assert "Heading outline on XS</p>" in storm and "Heading outline on SM, MD and LG</p>" in storm


def test_wcag_criterion_links_to_understanding_document(storm):
    assert '<a href="https://www.w3.org/WAI/WCAG22/Understanding/non-text-content.html">1.1.1 Non-text Content</a>' in storm


def test_missing_broken_and_outside_screenshots_are_skipped(live):
    assert "No screenshot on small tablets." in live  # file missing
    assert "No screenshot on tablets." in live  # path leaves the report folder
    assert "Not audited on desktops." in live  # viewport error (and the file is not an image)


def test_clean_run_says_so_and_passes():
    run = build_clean_run()
    text = reports.render(run, "html", SAMPLE_DIR)
    assert "CI check: Passed." in text
    assert "No article needs changes by an editor." in text and "No template problem." in text
    assert "Nothing for an editor to fix in this article." in html_report.render_article(run, 0, SAMPLE_DIR)


def test_report_renders_without_any_screenshot_files(tmp_path):
    run = build_run()
    assert "<img " not in reports.render(run, "html", tmp_path)
    assert "No screenshot on phones." in html_report.render_article(run, 0, tmp_path)


def test_run_without_pictures_says_so(tmp_path):
    run = build_run()
    run.settings["screenshots"] = False
    for page in run.pages:
        page.screenshots = {}
    assert "No pictures were taken in this run" in html_report.render_article(run, 0, tmp_path)


def test_run_from_report_json_renders_the_same(run):
    again = AuditRun.from_dict(run.to_dict())
    assert _all_pages(again, SAMPLE_DIR) == _all_pages(run, SAMPLE_DIR)


# --- size ----------------------------------------------------------------------------------------

def _noisy_jpeg(path: Path, size: tuple[int, int]) -> None:
    """A JPEG that compresses badly (noise), far over the embedding budget."""
    image = Image.effect_noise(size, 90).convert("RGB")
    image.save(path, "JPEG", quality=95)


def test_large_screenshots_are_shrunk_into_their_budget(tmp_path):
    _noisy_jpeg(tmp_path / "big.jpg", (1280, 4000))
    embed = Embedder(tmp_path)
    for budget in (THUMBNAIL, CROP, SCREEN):
        uri = embed("big.jpg", budget)
        data = base64.b64decode(uri.split(",", 1)[1])
        assert len(data) <= budget.max_bytes
        with Image.open(io.BytesIO(data)) as image:
            assert image.width <= budget.max_width and image.height <= budget.max_height
    # A thumbnail keeps the top of the page (the box's shape) rather than squeezing its whole length.
    with Image.open(io.BytesIO(base64.b64decode(embed("big.jpg", THUMBNAIL).split(",", 1)[1]))) as image:
        assert image.height / image.width == pytest.approx(THUMBNAIL.max_height / THUMBNAIL.max_width, rel=0.02)


def test_image_ceiling_leaves_out_further_images(tmp_path):
    _noisy_jpeg(tmp_path / "a.jpg", (300, 200))
    _noisy_jpeg(tmp_path / "b.jpg", (200, 300))
    first = Embedder(tmp_path)("a.jpg", CROP)
    embed = Embedder(tmp_path, max_total=len(first) + 10)
    assert embed("a.jpg", CROP) == first
    assert embed("b.jpg", CROP) is None
    assert embed("a.jpg", CROP) is None  # a second use would be a second copy in the file


def test_fifty_article_run_index_stays_small_and_each_article_page_bounded(tmp_path):
    """Worst case: every thumbnail and crop is a large, noisy image the report must shrink, and
    articles carry many crops: the per-image budgets and the overall ceiling keep it small."""
    assets = tmp_path / "assets"
    assets.mkdir()
    _noisy_jpeg(tmp_path / "thumb.jpg", (720, 2400))
    _noisy_jpeg(tmp_path / "crop.jpg", (600, 400))
    viewports = ["XS", "SM", "MD", "LG"]
    pages = []
    for n in range(50):
        shots, findings = {}, []
        for vp in viewports:
            os.link(tmp_path / "thumb.jpg", assets / f"{n}-{vp}.jpg")
            shots[vp] = f"assets/{n}-{vp}.jpg"
        for k in range(8):
            os.link(tmp_path / "crop.jpg", assets / f"{n}-crop{k}.jpg")
            findings.append(Finding(rule=f"rule-{k}", engine="newsaudit", impact="serious", wcag=["1.1.1"],
                                    viewports=list(viewports), selector=f"#e{k}", html="<img>" * 50,
                                    message="A message of some length. " * 5, help_url="",
                                    audience="editor", crop=f"assets/{n}-crop{k}.jpg"))
        pages.append(PageResult(url=f"https://example.com/{n}", headline=f"Story {n}",
                                viewports_audited=list(viewports), screenshots=shots, findings=findings))
    run = AuditRun(tool={"name": "newsaudit", "version": "0"}, axe_version="4",
                   viewports={"XS": {"width": 375, "height": 667}, "SM": {"width": 640, "height": 960},
                              "MD": {"width": 768, "height": 1024}, "LG": {"width": 1280, "height": 800}},
                   pages=pages)
    index = len(reports.render(run, "html", tmp_path).encode("utf-8"))
    assert index < 1_000_000, index
    for _, text in html_report.article_pages(run, tmp_path):
        assert len(text.encode("utf-8")) < 8_000_000


def test_strict_undefined_is_on():
    env = html_report.environment()
    assert env.autoescape(None) if callable(env.autoescape) else env.autoescape
    with pytest.raises(Exception, match="undefined"):
        env.from_string("{{ nothing.here }}").render()


def test_embedder_stays_inside_the_report_folder_but_follows_linked_folders(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.jpg").write_bytes((SAMPLE_DIR / "assets" / "p1-XS.jpg").read_bytes())
    report = tmp_path / "report"
    report.mkdir()
    (report / "assets").symlink_to(outside)
    embed = Embedder(report)
    assert embed("assets/x.jpg", THUMBNAIL).startswith("data:image/jpeg;base64,")
    assert embed("../outside/x.jpg", THUMBNAIL) is None
    assert embed(str(outside / "x.jpg"), THUMBNAIL) is None
    assert embed("assets/../../outside/x.jpg", THUMBNAIL) is None
