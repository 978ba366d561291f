"""The HTML report: escaping, the Content-Security-Policy, no remote loads, its own structure."""
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
from reports.images import CROP, THUMBNAIL, Embedder
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


@pytest.fixture(scope="module")
def text():
    return reports.render(build_run(), "html", SAMPLE_DIR)


@pytest.fixture(scope="module")
def page(text):
    return Page(text)


def _sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


# --- untrusted content -------------------------------------------------------------------------

def test_injection_strings_never_appear_unescaped(text):
    for marker in INJECTIONS:
        assert marker not in text, marker
    # The one script element is our own; the injected ones are text.
    assert text.count("<script") == 1
    assert "<textarea" not in text and "</textarea>" not in text


@pytest.mark.parametrize("value", [EVIL_TITLE, EVIL_ALT, EVIL_CAPTION, EVIL_SUGGESTION, EVIL_SNIPPET,
                                   EVIL_SELECTOR])
def test_untrusted_text_is_shown_escaped(text, value):
    from markupsafe import escape

    assert str(escape(value)) in text


def test_untrusted_text_reads_back_as_text(page):
    """Parsed as a browser would, the injected title is the heading's text, not markup."""
    assert (2, " ".join(EVIL_TITLE.split())) in page.headings
    assert not [attrs for _, attrs in page.tags if any(k.startswith("on") for k in attrs)]


def test_only_http_links_become_hrefs(page):
    hrefs = [a["href"] for a in page.find("a")]
    assert all(h.startswith(("#", "https://", "http://")) for h in hrefs), hrefs
    assert not any("javascript:" in h.lower() for h in hrefs)
    # The page URL with quotes and brackets is a link, its quotes escaped inside the attribute.
    assert EVIL_URL in hrefs


# --- self-contained and locked down --------------------------------------------------------------

def test_csp_allows_only_its_own_style_and_script(page):
    metas = [m for m in page.find("meta") if m.get("http-equiv", "").lower() == "content-security-policy"]
    assert len(metas) == 1
    policy = dict(part.strip().split(" ", 1) for part in metas[0]["content"].split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["img-src"] == "data:"
    assert policy["base-uri"] == "'none'" and policy["form-action"] == "'none'"
    assert len(page.styles) == 1 and len(page.scripts) == 1
    assert policy["style-src"] == f"'{_sha(page.styles[0])}'"
    assert policy["script-src"] == f"'{_sha(page.scripts[0])}'"
    # The policy comes before anything that could load.
    names = [name for name, _ in page.tags]
    csp = next(i for i, (name, attrs) in enumerate(page.tags) if attrs.get("http-equiv"))
    assert csp < names.index("style") and csp < names.index("link") and csp < names.index("body")


def test_no_remote_resource_is_loaded(text, page):
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


def test_inline_style_attributes_are_not_used(page):
    """The CSP blocks them, so none may be relied on."""
    assert not [attrs for _, attrs in page.tags if "style" in attrs]


# --- structure the report's own audit checks -----------------------------------------------------

def test_one_h1_and_no_skipped_heading_levels(page):
    levels = [level for level, _ in page.headings]
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, (before, after)


def test_title_is_the_h1(page, text):
    title = re.search(r"<title>(.*?)</title>", text).group(1)
    assert page.headings[0] == (1, title)


def test_skip_link_is_the_first_focusable_element_and_its_target_exists(page):
    focusable = [(tag, attrs) for tag, attrs in page.tags
                 if (tag == "a" and "href" in attrs) or tag in ("input", "summary", "button")]
    tag, attrs = focusable[0]
    assert attrs["href"] == "#main" and "Skip to main content" in reports.render(build_run(), "html", SAMPLE_DIR)
    assert [a for a in page.find("main") if a.get("id") == "main"]


def test_ids_are_unique_and_internal_links_resolve(page):
    ids = [attrs["id"] for _, attrs in page.tags if "id" in attrs]
    assert len(ids) == len(set(ids))
    for attrs in page.find("a"):
        if attrs["href"].startswith("#"):
            assert attrs["href"][1:] in ids, attrs["href"]


def test_every_image_has_alt_text_that_differs_from_its_caption(text, page):
    for attrs in page.find("img"):
        assert attrs.get("alt")
    for alt, caption in re.findall(r'<img src="[^"]*" alt="([^"]*)">\n<figcaption>([^<]*)</figcaption>', text):
        assert alt.lower() != caption.lower()


def test_landmarks_present(page):
    for tag in ("header", "nav", "main", "footer"):
        assert len(page.find(tag)) == 1, tag
    assert page.find("html")[0]["lang"] == "en"


# --- what an editor reads ------------------------------------------------------------------------

def _card(text: str, page: int, rule: str) -> str:
    """The HTML of the card for ``rule`` in article ``page``."""
    section = text[text.index(f'id="page-{page}"'):]
    section = section[:section.index(f'id="page-{page + 1}"')] if f'id="page-{page + 1}"' in section else section
    (card,) = [chunk for chunk in section.split('<div class="finding ')[1:] if f"<code>{rule}</code>" in chunk]
    return card


def test_not_audited_viewport_is_never_shown_as_passing(text):
    # Page 2 was not audited at LG: its findings say "not audited" there, not "passes".
    block = _card(text, 2, "alt-placeholder")
    assert '<li class="badge badge-not-audited"><span class="vp">LG</span> not audited</li>' in block
    assert "LG</span> passes" not in block


def test_badges_show_fail_and_pass(text):
    block = _card(text, 1, "heading-h1-missing")  # at XS only
    assert '<span class="vp">XS</span> fails' in block
    for vp in ("SM", "MD", "LG"):
        assert f'<span class="vp">{vp}</span> passes' in block


def test_one_card_per_rule_with_its_places(text):
    run = build_run()
    run.pages[0].findings += [
        Finding(rule="link-text-generic", engine="newsaudit", impact="moderate", wcag=["2.4.4"],
                viewports=["XS"], selector=f"#story > p:nth-of-type({n}) > a", html="<a>more</a>",
                message=f"Link {n} says only more.", help_url="", audience="editor", title="A link says only more")
        for n in range(10, 40)]
    text = reports.render(run, "html", SAMPLE_DIR)
    card = _card(text, 1, "link-text-generic")
    assert card.count("<h4>") == 1 and "31 places" in card
    assert card.count('<li class="place"') == 25
    assert "6 more places like these are not shown here; report.json lists every one." in card


def test_page_error_is_shown_with_its_reason_and_never_as_clean(text):
    section = text[text.index('id="page-3"'):text.index('id="page-4"')]
    assert "This page could not be audited:</strong> HTTP 404 Not Found" in section
    assert "No problem found" not in section


def test_viewport_error_is_shown_with_its_reason(text):
    section = text[text.index('id="page-2"'):text.index('id="page-3"')]
    assert "Some screen sizes could not be audited" in section
    assert "Measured innerWidth 1264 differs from 1280" in section
    assert "Audited at XS, SM and MD; not audited at LG." in section


def test_recurring_template_findings_are_grouped_once(text):
    site = text[text.index('id="site-wide"'):text.index('id="page-1"')]
    assert "On 3 of 4 articles</span>" in site  # skip-link-missing: pages 1, 2 and 4 of 4 audited
    assert "On 2 of 4 articles</span>" in site  # color-contrast on the same selector, pages 1 and 2
    # In the articles they are links to the group, not repeated descriptions.
    assert text.count("No skip link to the main content among the first three tab stops.") == 1
    page4 = text[text.index('id="page-4"'):text.index('id="page-5"')]
    assert '<a href="#site-1">There is no “skip to content” link</a>' in page4


def test_photo_finding_shows_crop_caption_alt_and_suggestion(text):
    block = _card(text, 1, "alt-matches-caption")
    assert '<p class="photo-image"><img src="data:image/jpeg;base64,' in block
    assert "Flooded road near the school on Tuesday. Photo: Jane Roe/Agency" in block
    assert "“Flooded road near the school on Tuesday.”" in block
    assert "A car stranded in brown floodwater outside a school gate." in block


def test_heading_outline_per_viewport_groups_identical_outlines(text):
    section = text[text.index('id="page-1"'):text.index('id="page-2"')]
    assert "Heading outline at XS</p>" in section
    assert "Heading outline at SM, MD and LG</p>" in section


def test_wcag_criterion_links_to_understanding_document(text):
    assert '<a href="https://www.w3.org/WAI/WCAG22/Understanding/non-text-content.html">1.1.1 Non-text Content</a>' in text


def test_missing_broken_and_outside_screenshots_are_skipped(text):
    section = text[text.index('id="page-2"'):text.index('id="page-3"')]
    assert "No screenshot at SM." in section  # file missing
    assert "No screenshot at MD." in section  # path leaves the report folder
    assert "Not audited at LG." in section  # viewport error (and the file is not an image)
    assert section.count("<img ") == 2  # the XS thumbnail and the photo crop


def test_clean_run_says_so_and_passes(tmp_path):
    text = reports.render(build_clean_run(), "html", SAMPLE_DIR)
    assert "CI check: Passed." in text
    assert "No problem found in the article at XS, SM, MD and LG." in text
    assert "No problems were found on the pages that could be audited." in text


def test_report_renders_without_any_screenshot_files(tmp_path):
    text = reports.render(build_run(), "html", tmp_path)
    assert "<img " not in text
    assert "No screenshot at XS." in text


def test_run_from_report_json_renders_the_same(run):
    again = AuditRun.from_dict(run.to_dict())
    assert reports.render(again, "html", SAMPLE_DIR) == reports.render(run, "html", SAMPLE_DIR)


# --- size ----------------------------------------------------------------------------------------

def _noisy_jpeg(path: Path, size: tuple[int, int]) -> None:
    """A JPEG that compresses badly (noise), far over the embedding budget."""
    image = Image.effect_noise(size, 90).convert("RGB")
    image.save(path, "JPEG", quality=95)


def test_large_screenshots_are_shrunk_into_their_budget(tmp_path):
    _noisy_jpeg(tmp_path / "big.jpg", (1280, 4000))
    embed = Embedder(tmp_path)
    for budget in (THUMBNAIL, CROP):
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


def test_fifty_article_run_stays_under_15_mb(tmp_path):
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
    size = len(reports.render(run, "html", tmp_path).encode("utf-8"))
    assert size < 15_000_000, size


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
