"""A fixed AuditRun that every report test renders.

It covers: editor and template findings, axe and newsaudit findings, a page that could not be
audited, a viewport that could not be audited, template findings recurring across pages (one
page-level, one on an element), a page-level finding on one page only, suggestions, per-viewport
messages, a fully clean page, screenshots that exist, are missing or point outside the report
folder, and untrusted strings carrying ``<script>``, ``"`` and ``</textarea>`` in the title, URL,
alt, caption, snippet, selector, message and help URL.

Screenshots live in ``SAMPLE_DIR/assets`` (small JPEGs checked in, so the HTML golden is stable).
"""
from __future__ import annotations

from pathlib import Path

from auditor.model import AuditRun, Finding, PageResult

SAMPLE_DIR = Path(__file__).parent / "sample"

ALL = ["XS", "SM", "MD", "LG"]

# Untrusted strings, as an audited page could deliver them.
EVIL_TITLE = 'Live: <script>alert("title")</script> "quoted" </textarea><img src=x onerror=alert(2)>'
EVIL_URL = 'https://news.example.com/live?q=<script>alert("url")</script>&x="onmouseover="alert(1)'
EVIL_ALT = '</textarea><script>alert("alt")</script>'
EVIL_CAPTION = '"Caption" <img src=x onerror=alert(3)> </textarea> Photo: AGENCY'
EVIL_SUGGESTION = 'Crowds gather "outside" <b>parliament</b></textarea>'
EVIL_SNIPPET = '<img alt="</textarea><script>alert(&quot;alt&quot;)</script>" src="x" onerror="alert(5)">'
EVIL_SELECTOR = '#live > img[alt="\\"</textarea>"]'
EVIL_LINK = '<a href="javascript:alert(7)">here</a>'
# Markers that must never appear unescaped in the HTML report.
INJECTIONS = ['<script>alert(', '<img src=x onerror', '</textarea><script>', '<b>parliament</b>',
              'onerror="alert(5)"', 'href="javascript:']

RULES = {
    "alt-matches-caption": {
        "id": "alt-matches-caption", "engine": "newsaudit", "impact": "moderate", "wcag": ["1.1.1"],
        "audience": "editor", "page_level": False,
        "title": "The photo's alt text repeats its caption",
        "why": "A screen reader reads the caption and then the same words again, and the photo itself "
               "is never described.",
        "fix": "Write alt text that says what the photo shows; leave names, places and dates to the caption.",
        "help_url": "https://www.w3.org/WAI/WCAG22/Understanding/non-text-content.html",
    },
    "alt-placeholder": {
        "id": "alt-placeholder", "engine": "newsaudit", "impact": "serious", "wcag": ["1.1.1"],
        "audience": "editor", "page_level": False,
        "title": "The photo's alt text is a placeholder",
        "why": "Words such as “image” tell a blind reader nothing about the photo.",
        "fix": "Replace the placeholder with a short description of what the photo shows.",
        "help_url": "https://www.w3.org/WAI/WCAG22/Understanding/non-text-content.html",
    },
    "heading-level-skipped": {
        "id": "heading-level-skipped", "engine": "newsaudit", "impact": "moderate",
        "wcag": ["1.3.1", "2.4.6"], "audience": "template", "page_level": False,
        "title": "A heading level is skipped",
        "why": "Screen-reader users move through a story by its headings; a jump from level 2 to 4 "
               "suggests a missing section.",
        "fix": "Use the next heading level down (h3 after h2), and style it with CSS if it should look smaller.",
        "help_url": "https://www.w3.org/WAI/WCAG22/Understanding/info-and-relationships.html",
    },
    "link-text-generic": {
        "id": "link-text-generic", "engine": "newsaudit", "impact": "moderate", "wcag": ["2.4.4"],
        "audience": "editor", "page_level": False,
        "title": "A link says only “read more” or “here”",
        "why": "Readers who list the links on a page hear “here, here, read more” and cannot tell "
               "where each one goes.",
        "fix": "Make the link text name its destination, for example “Read the full council report”.",
        "help_url": "https://www.w3.org/WAI/WCAG22/Understanding/link-purpose-in-context.html",
    },
    "skip-link-missing": {
        "id": "skip-link-missing", "engine": "newsaudit", "impact": "serious", "wcag": ["2.4.1"],
        "audience": "template", "page_level": True,
        "title": "There is no “skip to content” link",
        "why": "Keyboard users must tab through the whole navigation on every article before they "
               "reach the story.",
        "fix": "Add a “Skip to main content” link as the first thing on the page, pointing at the article.",
        "help_url": "https://www.w3.org/WAI/WCAG22/Understanding/bypass-blocks.html",
    },
    "heading-h1-missing": {
        "id": "heading-h1-missing", "engine": "newsaudit", "impact": "serious",
        "wcag": ["1.3.1", "2.4.6"], "audience": "template", "page_level": True,
        "title": "The page has no main heading",
        "why": "Screen-reader users jump to the h1 to find where the story starts.",
        "fix": "Mark up the article headline as the page's one h1, at every screen size.",
        "help_url": "https://www.w3.org/WAI/WCAG22/Understanding/info-and-relationships.html",
    },
    "reflow-horizontal-scroll": {
        "id": "reflow-horizontal-scroll", "engine": "newsaudit", "impact": "serious", "wcag": ["1.4.10"],
        "audience": "template", "page_level": True,
        "title": "The page scrolls sideways on small screens",
        "why": "Readers who zoom in or read on a phone must scroll left and right on every line.",
        "fix": "Let wide elements shrink to the screen: max-width: 100% on images, tables and embeds.",
        "help_url": "https://www.w3.org/WAI/WCAG22/Understanding/reflow.html",
    },
    "image-alt": {
        "id": "image-alt", "engine": "axe", "impact": "critical", "wcag": ["1.1.1"],
        "audience": "template", "page_level": False, "kind": "content",
        "title": 'Image without alt text',
        "why": 'A blind reader hears nothing, or the file name, where the image is.',
        "fix": 'Give template images (logos, icons) an alt attribute: the text they show, or alt="" when they are decoration.',
        "fix_editor": "In the CMS, fill in the image's alt text field: say what the photo shows, in a sentence.",
        "help_url": "https://dequeuniversity.com/rules/axe/4.10/image-alt?application=axeAPI",
    },
    "color-contrast": {
        "id": "color-contrast", "engine": "axe", "impact": "serious", "wcag": ["1.4.3"],
        "audience": "template", "page_level": False, "kind": "template",
        "title": 'Text too faint against its background',
        "why": 'Readers with low vision, or reading a phone in sunlight, cannot make out pale text.',
        "fix": 'Change the text or background colour in the stylesheet to a contrast of at least 4.5 to 1 (3 to 1 for large text).',
        "fix_editor": "",
        "help_url": "https://dequeuniversity.com/rules/axe/4.10/color-contrast?application=axeAPI",
    },
}


def _finding(rule: str, **fields) -> Finding:
    meta = RULES[rule]
    values = {
        "rule": rule, "engine": meta["engine"], "impact": meta["impact"], "wcag": list(meta["wcag"]),
        "viewports": list(ALL), "selector": None, "html": "", "message": "", "help_url": meta["help_url"],
        "audience": meta["audience"], "title": meta["title"],
    }
    values.update(fields)
    return Finding(**values)


def _skip_link_missing(viewports=ALL) -> Finding:
    return _finding("skip-link-missing", viewports=list(viewports),
                    message="No skip link to the main content among the first three tab stops.")


def _contrast(message: str) -> Finding:
    return _finding(
        "color-contrast", selector="#site-nav > a:nth-of-type(3)",
        html='<a href="/sport" class="nav-link nav-light">Sport</a>', message=message,
        crop="assets/contrast.jpg")


def _outline(h1_at_xs: bool = True) -> dict:
    full = [
        {"level": 1, "text": "Storm closes schools across the region", "selector": "#headline", "in_article": True},
        {"level": 2, "text": "Roads flooded overnight", "selector": "#story > h2:nth-of-type(1)", "in_article": True},
        {"level": 4, "text": "What parents need to know", "selector": "#story > h4:nth-of-type(1)", "in_article": True},
        {"level": 2, "text": "Most read", "selector": "#most-read > h2", "in_article": False},
    ]
    return {vp: (full if (h1_at_xs or vp != "XS") else full[1:]) for vp in ALL}


def build_run() -> AuditRun:
    storm = PageResult(
        url="https://news.example.com/world/2024/storm-closes-schools?utm_source=newsletter&utm_medium=email",
        final_url="https://news.example.com/world/2024/storm-closes-schools",
        title="Storm closes schools across the region | Example News",
        headline="Storm closes schools across the region",
        viewports_audited=list(ALL),
        screenshots={vp: f"assets/p1-{vp}.jpg" for vp in ALL},
        inner_widths={"XS": 375, "SM": 640, "MD": 768, "LG": 1280},
        outline=_outline(h1_at_xs=False),
        consent={"found": True, "platform": "OneTrust", "mode": "reject", "dismissed": True, "how": "button"},
        tries=2,
        findings=[
            _finding(
                "image-alt", selector="#story > div.gallery > img:nth-of-type(2)",
                html='<img src="/media/gallery-2.jpg" width="600">',
                message="Image without alt text: Element does not have an alt attribute",
                audience="editor", crop="assets/p1-gallery.jpg", image_loaded=False,
                boxes={"XS": [16, 420, 343, 190], "LG": [280, 300, 600, 340]}),
            _finding(
                "heading-h1-missing", viewports=["XS"],
                message="No h1 is shown at XS (an h1 exists but is hidden at XS: "
                        "'Storm closes schools across the region').",
                evidence={"hidden_h1": ["#headline"]}),
            _finding(
                "reflow-horizontal-scroll", viewports=["XS"],
                message="The page is 412 px wide at XS (375 px window); widest: "
                        "#story > table:nth-of-type(1).",
                evidence={"widest": "#story > table:nth-of-type(1)"}),
            _skip_link_missing(),
            _contrast("Text too faint against its background: Element has "
                      "insufficient color contrast of 2.9 (foreground color: #8a8a8a, background "
                      "color: #ffffff)"),
            _finding(
                "alt-matches-caption", selector="#story > figure:nth-of-type(1) > img",
                html='<img src="/media/storm.jpg" alt="Flooded road near the school on Tuesday.">',
                message='The alt text repeats the caption: "Flooded road near the school on Tuesday."',
                suggestion="Describe what the photo shows, for example: A car stranded in brown "
                           "floodwater outside a school gate.",
                evidence={"alt": "Flooded road near the school on Tuesday.",
                          "caption": "Flooded road near the school on Tuesday. Photo: Jane Roe/Agency",
                          "src": "https://news.example.com/media/storm.jpg"},
                related=["image-redundant-alt"], crop="assets/p1-photo.jpg", image_loaded=True,
                boxes={"XS": [16, 180, 343, 193], "SM": [16, 200, 608, 342], "LG": [280, 120, 720, 405]}),
            _finding(
                "heading-level-skipped", selector="#story > h4:nth-of-type(1)",
                html="<h4>What parents need to know</h4>", viewports=["XS", "SM"], audience="editor",
                message="The heading “What parents need to know” (h4) follows an h2.",
                messages={"SM": "The heading “What parents need to know” (h4) follows an h2 "
                                "(“Roads flooded overnight”)."}),
            _finding(
                "link-text-generic", selector="#story > p:nth-of-type(5) > a",
                html='<a href="/education/closures">Read more</a>',
                message='The link text "Read more" does not say where the link goes.',
                boxes={"XS": [40, 600, 80, 20], "LG": [300, 700, 80, 20]}),
            _finding(
                "color-contrast", selector="#ad-slot-1 > div > a", audience="third-party", viewports=["LG"],
                html='<a href="https://ads.example/c">Sponsored</a>',
                message="Text too faint against its background: Element has insufficient color contrast "
                        "of 2.1 (foreground color: #bbbbbb, background color: #ffffff)"),
        ],
    )
    live = PageResult(
        url=EVIL_URL, final_url=EVIL_URL, title=EVIL_TITLE, headline=EVIL_TITLE,
        viewports_audited=["XS", "SM", "MD"],
        viewport_errors={"LG": 'Measured innerWidth 1264 differs from 1280 "</textarea><script>alert(8)</script>'},
        screenshots={"XS": "assets/p2-XS.jpg", "SM": "assets/missing.jpg", "MD": "../../../etc/passwd",
                     "LG": "assets/broken.jpg"},
        outline={vp: [{"level": 1, "text": EVIL_TITLE, "selector": "h1", "in_article": True}] for vp in ALL[:3]},
        findings=[
            _finding(
                "alt-placeholder", selector=EVIL_SELECTOR, html=EVIL_SNIPPET, viewports=["XS", "SM", "MD"],
                message=f'The alt text "{EVIL_ALT}" is a placeholder.', suggestion=EVIL_SUGGESTION,
                evidence={"alt": EVIL_ALT, "caption": EVIL_CAPTION, "src": "javascript:alert(4)"},
                help_url='javascript:alert(6)', crop="assets/p2-photo.jpg"),
            _finding(
                "link-text-generic", selector="#live > p:nth-of-type(2) > a", html=EVIL_LINK,
                viewports=["XS", "SM", "MD"],
                message='The link text "here" does not say where the link goes. <script>alert(9)</script>'),
            _skip_link_missing(viewports=["XS", "SM", "MD"]),
            _contrast("Text too faint against its background: Element has "
                      "insufficient color contrast of 3.1 (foreground color: #8a8a8a, background "
                      "color: #fafafa)"),
        ],
    )
    gone = PageResult(url="https://news.example.com/world/2024/gone", status="error",
                      error="HTTP 404 Not Found")
    buses = PageResult(
        url="https://news.example.com/local/2024/bus-lanes", final_url="https://news.example.com/local/2024/bus-lanes",
        title="Council approves new bus lanes", headline="Council approves new bus lanes",
        viewports_audited=list(ALL), findings=[_skip_link_missing()],
    )
    library = PageResult(
        url="https://news.example.com/culture/2024/library-reopens",
        final_url="https://news.example.com/culture/2024/library-reopens",
        title="Library reopens after renovation", headline="Library reopens after renovation",
        viewports_audited=list(ALL), screenshots={"XS": "assets/p5-XS.jpg", "LG": "assets/p5-LG.jpg"},
        outline={vp: [{"level": 1, "text": "Library reopens after renovation", "selector": "h1",
                       "in_article": True}] for vp in ALL},
    )
    pages = [storm, live, gone, buses, library]
    used = {f.rule for p in pages for f in p.findings}
    return AuditRun(
        tool={"name": "newsaudit", "version": "0.1.0"},
        axe_version="4.10.2",
        viewports={"XS": {"width": 375, "height": 667}, "SM": {"width": 640, "height": 960},
                   "MD": {"width": 768, "height": 1024}, "LG": {"width": 1280, "height": 800}},
        pages=pages,
        settings={"fail_on": "serious", "viewport_mode": "reload", "backend": "playwright",
                  "formats": ["json", "html", "junit", "sarif", "md"]},
        rules={rule: RULES[rule] for rule in sorted(used)},
        started="2025-01-15T09:30:00Z",
        finished="2025-01-15T09:31:12Z",
    )


def build_clean_run() -> AuditRun:
    """A run in which everything was audited and nothing failed (the gate passes)."""
    run = build_run()
    run.pages = [run.pages[4]]
    run.rules = {}
    return run
