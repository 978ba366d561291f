"""Pictures in real Chromium: one screenshot per viewport and at most one full-page capture per
page, every crop cut from them in Pillow at the element's place, boxes kept per viewport, and a
photo whose file did not load marked so."""
from __future__ import annotations

import asyncio

import pytest
from PIL import Image

from auditor.browsers import BrowserOptions
from auditor.browsers.playwright_backend import PlaywrightBackend
from auditor.api import Target, audit_targets, build_settings
from badserver import serve

pytestmark = pytest.mark.browser


class CountingBackend(PlaywrightBackend):
    """The real backend; its tabs count the screenshots they take."""

    def __init__(self, options):
        super().__init__(options)
        self.shots = 0

    async def new_tab(self):
        tab = await super().new_tab()
        real = tab.screenshot

        async def screenshot(clip=None):
            self.shots += 1
            return await real(clip)

        tab.screenshot = screenshot
        return tab


def _audit(out, **flags):
    """tests/pages/pictures.html audited into ``out``: the page and the number of screenshots."""
    server, (url,) = serve("pictures.html")
    settings = build_settings({"concurrency": 1, "output": str(out), "format": ["json"], **flags}, {})
    results = [None]
    backend = CountingBackend(BrowserOptions())
    try:
        asyncio.run(audit_targets([Target(url, fetch_url=url)], settings, results=results, backend=backend))
    finally:
        server.stop()
    return results[0], backend.shots


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    out = tmp_path_factory.mktemp("pictures")
    page, shots = _audit(out, viewports=["XS,LG"], screenshots=True)
    return out, page, {f.selector: f for f in page.findings if f.rule == "image-alt"}, shots


def test_one_screenshot_per_viewport_and_one_full_page_capture(audited):
    out, page, _, shots = audited
    assert shots == 2 + 1
    assert set(page.screenshots) == {"XS", "LG"}
    with Image.open(out / page.screenshots["XS"]) as shot:
        assert shot.height > 3 * shot.width  # the XS picture is the full page (the green photo is far down)


def test_crops_are_cut_at_the_element(audited):
    out, _, found, _ = audited
    for selector, colour in (("#red", (220, 20, 20)), ("#green", (20, 160, 40))):
        with Image.open(out / found[selector].crop) as crop:
            centre = crop.convert("RGB").getpixel((crop.width // 2, crop.height // 2))
        assert all(abs(a - b) < 40 for a, b in zip(centre, colour)), (selector, centre)


def test_boxes_per_viewport_and_whether_the_photo_loaded(audited):
    _, _, found, _ = audited
    assert set(found) == {"#red", "#missing", "#green"}
    for finding in found.values():
        assert set(finding.boxes) == {"XS", "LG"}
        assert finding.boxes["XS"][2:] == [200, 100]
    assert found["#green"].boxes["XS"][1] > 3000
    assert found["#red"].image_loaded is True and found["#green"].image_loaded is True
    assert found["#missing"].image_loaded is False


def test_no_pictures_without_a_format_that_shows_them(tmp_path):
    page, shots = _audit(tmp_path, viewports=["XS"])
    assert shots == 0 and page.screenshots == {} and not (tmp_path / "assets").exists()
