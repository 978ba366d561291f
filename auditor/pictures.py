"""Screenshots for the HTML report: small JPEG thumbnails and element crops, written beside report.json."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image

THUMB_WIDTH = 360
CROP_MAX = (480, 320)
QUALITY = 60


def _jpeg(png: bytes, max_size: tuple[int, int]) -> bytes:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.thumbnail(max_size)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def thumbnail(png: bytes) -> bytes:
    return _jpeg(png, (THUMB_WIDTH, THUMB_WIDTH * 4))


def crop(png: bytes) -> bytes:
    return _jpeg(png, CROP_MAX)


def crop_clip(box: dict, viewport_width: int, viewport_height: int, margin: int = 16) -> dict | None:
    """The element's box plus a margin, kept inside the viewport and at most 800×600 CSS px."""
    x = max(0.0, box["x"] - margin)
    y = max(0.0, box["y"] - margin)
    right = min(float(viewport_width), box["x"] + box["width"] + margin)
    bottom = min(float(viewport_height), box["y"] + box["height"] + margin)
    width, height = min(right - x, 800.0), min(bottom - y, 600.0)
    if width < 4 or height < 4:
        return None
    return {"x": x, "y": y, "width": width, "height": height}


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
