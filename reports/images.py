"""Screenshots embedded as data: URIs, kept small.

Paths in the model are relative to the folder report.json lives in. A path that is missing, leaves
that folder, or is not a JPEG, PNG, WebP or GIF is skipped (None), never an error: the report
still renders. Images larger than their budget are scaled down and re-encoded as JPEG, so a run
of 50 articles stays well under 15 MB whatever the engine stored.
"""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

# Signature -> MIME type. Decided by content, never by the file name.
_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


@dataclass(frozen=True)
class Budget:
    """Largest file embedded as it is, and the box a larger one is scaled into."""

    max_bytes: int
    max_width: int
    max_height: int
    quality: int = 70


# A page thumbnail per viewport, and the crop of one element.
THUMBNAIL = Budget(max_bytes=60_000, max_width=480, max_height=900)
CROP = Budget(max_bytes=40_000, max_width=560, max_height=420)


def mime_type(data: bytes) -> str | None:
    for signature, mime in _SIGNATURES:
        if data.startswith(signature):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


class Embedder:
    """Turns model paths into data: URIs; each file is read and encoded once per report."""

    def __init__(self, base_dir: Path):
        self.base_dir = Path(base_dir).resolve()
        self._cache: dict[tuple[str, Budget], str | None] = {}

    def __call__(self, rel_path: str | None, budget: Budget) -> str | None:
        if not rel_path:
            return None
        key = (rel_path, budget)
        if key not in self._cache:
            self._cache[key] = self._load(rel_path, budget)
        return self._cache[key]

    def _load(self, rel_path: str, budget: Budget) -> str | None:
        path = (self.base_dir / rel_path).resolve()
        if not path.is_relative_to(self.base_dir) or not path.is_file():
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        mime = mime_type(data)
        if mime is None:
            return None
        if len(data) > budget.max_bytes or _too_big(data, budget):
            shrunk = shrink(data, budget)
            if shrunk is None:
                return None
            data, mime = shrunk, "image/jpeg"
        return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _too_big(data: bytes, budget: Budget) -> bool:
    size = _dimensions(data)
    return size is not None and (size[0] > budget.max_width or size[1] > budget.max_height)


def _dimensions(data: bytes) -> tuple[int, int] | None:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except Exception:  # noqa: BLE001 - an unreadable image is skipped, not fatal
        return None


def shrink(data: bytes, budget: Budget) -> bytes | None:
    """Scale into the budget's box and re-encode as JPEG; None when the image cannot be read."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image = image.convert("RGB")
            image.thumbnail((budget.max_width, budget.max_height))
            quality = budget.quality
            while True:
                out = io.BytesIO()
                image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
                if out.tell() <= budget.max_bytes or quality <= 35:
                    return out.getvalue()
                quality -= 10
    except Exception:  # noqa: BLE001
        return None
