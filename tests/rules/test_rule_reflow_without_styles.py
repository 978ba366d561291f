"""reflow-horizontal-scroll on pages laid out without their own stylesheets (blocked or offline).

Shaped like the real pages of ../shared/news-pages*: responsive articles whose CSS did not load
overflow through images sized by their attributes (not judged), and desktop layouts with no
responsive viewport (judged, whatever their CSS).
"""
import pytest

from snapshots import document, run, snapshot

WIDE = {"selector": "#ad-slot", "html": '<div id="ad-slot" style="width:970px">', "right": 970, "width": 970}


def reflow(**facts):
    return run("reflow-horizontal-scroll", snapshot("XS", document=document(client_width=375, scroll_width=970,
                                                                           widest=WIDE, **facts)))


def test_responsive_page_without_its_stylesheets_is_not_judged():
    assert reflow(viewport_meta="width=device-width, initial-scale=1", stylesheets={"linked": 3, "missing": 3}) == []


def test_responsive_page_with_its_stylesheets_is_judged():
    [violation] = reflow(viewport_meta="width=device-width,initial-scale=1", stylesheets={"linked": 3, "missing": 0})
    assert violation.message.endswith("(its right edge at 970 px).")
    assert "viewport_meta" not in violation.evidence


@pytest.mark.parametrize("meta, words", [
    (None, "The page has no responsive viewport meta tag, so phones get the desktop layout."),
    ("width=1140", "The page sets a fixed layout width (width=1140), so phones get the desktop layout."),
])
def test_desktop_layout_is_judged_even_without_stylesheets_and_says_why(meta, words):
    [violation] = reflow(viewport_meta=meta, stylesheets={"linked": 2, "missing": 2})
    assert violation.message.endswith(words)
    assert violation.evidence["viewport_meta"] == meta


def test_device_width_is_recognised_whatever_its_spacing_and_case():
    assert reflow(viewport_meta="initial-scale=1, WIDTH = device-width", stylesheets={"linked": 1, "missing": 1}) == []
