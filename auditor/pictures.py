"""Pictures for the HTML report, cut in Pillow from as few browser screenshots as possible.

Per viewport one screenshot of the first screen; every element on it is cut from that image.
Elements further down share one full-page capture per page at most. Crops carry a drawn outline,
so the page itself is never changed to take them. Files are small JPEGs beside report.json.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

THUMB_WIDTH = 360
CROP_MAX = (480, 320)
QUALITY = 60
MARGIN = 16  # CSS px of context around an element in its crop
CLIP_MAX = (800, 600)  # CSS px: the largest part of the page one crop shows
# A full-page capture stops here (CSS px): Chromium's texture limit is 16384 device px, and
# elements further down are rare among findings.
FULL_PAGE_MAX_HEIGHT = 8000
OUTLINE = (208, 2, 27)


def _jpeg(image: Image.Image, max_size: tuple[int, int]) -> bytes:
    image = image.convert("RGB")
    image.thumbnail(max_size)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return out.getvalue()


@dataclass
class Screen:
    """One screenshot of the page: the part from ``top`` (CSS px, page coordinates) down,
    ``scale`` device pixels per CSS px."""

    image: Image.Image
    top: float
    scale: float

    @classmethod
    def from_capture(cls, data: bytes, css_width: int, top: float = 0.0) -> "Screen":
        """A browser's screenshot (JPEG or PNG)."""
        image = Image.open(io.BytesIO(data))
        image.load()
        return cls(image, top, image.width / max(1, css_width))

    @property
    def css_height(self) -> float:
        return self.image.height / self.scale

    def holds(self, box: dict) -> bool:
        """Whether the whole element lies inside this screenshot."""
        return box["y"] >= self.top and box["y"] + box["height"] <= self.top + self.css_height

    def thumbnail(self) -> bytes:
        return _jpeg(self.image, (THUMB_WIDTH, THUMB_WIDTH * 30))

    def crop(self, box: dict) -> bytes | None:
        """The element with a margin around it and an outline drawn, at most CLIP_MAX CSS px."""
        clip = crop_clip({**box, "y": box["y"] - self.top}, self.image.width / self.scale, self.css_height)
        if clip is None:
            return None
        s = self.scale
        part = self.image.crop((round(clip["x"] * s), round(clip["y"] * s),
                                round((clip["x"] + clip["width"]) * s), round((clip["y"] + clip["height"]) * s)))
        part = part.convert("RGB")
        left, top = (box["x"] - clip["x"]) * s, (box["y"] - self.top - clip["y"]) * s
        width = max(2, round(3 * s))
        ImageDraw.Draw(part).rectangle(
            (left - width, top - width, left + box["width"] * s + width - 1, top + box["height"] * s + width - 1),
            outline=OUTLINE, width=width)
        return _jpeg(part, CROP_MAX)


def crop_clip(box: dict, width: float, height: float, margin: int = MARGIN) -> dict | None:
    """The element's box plus a margin, kept inside the picture and at most CLIP_MAX CSS px."""
    x = max(0.0, box["x"] - margin)
    y = max(0.0, box["y"] - margin)
    right = min(float(width), box["x"] + box["width"] + margin)
    bottom = min(float(height), box["y"] + box["height"] + margin)
    clip_w, clip_h = min(right - x, float(CLIP_MAX[0])), min(bottom - y, float(CLIP_MAX[1]))
    if clip_w < 4 or clip_h < 4:
        return None
    return {"x": x, "y": y, "width": clip_w, "height": clip_h}


def rounded_box(box: dict) -> list[int]:
    """[x, y, width, height] in whole CSS px, for report.json."""
    return [round(box["x"]), round(box["y"]), max(1, round(box["width"])), max(1, round(box["height"]))]


class AssetStore:
    """Files under ``<output>/assets/``; report.json refers to them by relative path."""

    def __init__(self, output: Path | None):
        self.root = output / "assets" if output else None

    def save(self, page_url: str, name: str, data: bytes) -> str | None:
        if self.root is None:
            return None
        self.root.mkdir(parents=True, exist_ok=True)
        stem = hashlib.sha1(page_url.encode("utf-8")).hexdigest()[:12]
        path = self.root / f"{stem}-{name}.jpg"
        path.write_bytes(data)
        return f"assets/{path.name}"
