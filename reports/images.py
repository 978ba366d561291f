"""Screenshots embedded as data: URIs, kept small.

Paths in the model are relative to the folder report.json lives in. A path that is missing, leaves
that folder, or is not a JPEG, PNG, WebP or GIF is skipped (None), never an error: the report
still renders. Images larger than their budget are scaled down and re-encoded as JPEG, and all
images together have a ceiling, so a run of 50 articles stays under 15 MB whatever the engine
stored.
"""
from __future__ import annotations

import base64
import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

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
    quality: int = 65
    top_only: bool = False  # cut a taller image to its top part instead of shrinking it whole


# A page thumbnail per viewport (the report shows its top part), and the crop of one element.
# With 4 thumbnails and a few crops per article, 50 articles stay near 10 MB in the worst case.
THUMBNAIL = Budget(max_bytes=30_000, max_width=360, max_height=640, top_only=True)
CROP = Budget(max_bytes=20_000, max_width=480, max_height=320)
# A viewport's screenshot on an article's own page, whole (it may be the full page): markers sit on it.
SCREEN = Budget(max_bytes=260_000, max_width=360, max_height=8000)
# All embedded images of one report together, as they stand in the file (base64). Past it, further
# images are left out (the report says so) rather than growing the file without bound.
MAX_TOTAL_BYTES = 13_000_000


def mime_type(data: bytes) -> str | None:
    for signature, mime in _SIGNATURES:
        if data.startswith(signature):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


class Embedder:
    """Turns model paths into data: URIs; each distinct image is shrunk once per report."""

    def __init__(self, base_dir: Path, max_total: int = MAX_TOTAL_BYTES):
        self.base_dir = Path(os.path.abspath(base_dir))
        self.max_total = max_total
        self.total = 0  # characters of data: URIs handed out so far
        self._cache: dict[tuple[bytes, Budget], str | None] = {}

    def __call__(self, rel_path: str | None, budget: Budget) -> str | None:
        """A data: URI for the image at ``rel_path``, or None when it is unusable or the report's
        image ceiling is reached. Every use counts towards the ceiling: each one is in the file."""
        if not rel_path:
            return None
        data = self._read(rel_path)
        if data is None:
            return None
        key = (hashlib.sha256(data).digest(), budget)
        if key not in self._cache:
            self._cache[key] = _encode(data, budget)
        uri = self._cache[key]
        if uri is None or self.total + len(uri) > self.max_total:
            return None
        self.total += len(uri)
        return uri

    def dimensions(self, rel_path: str | None) -> tuple[int, int] | None:
        """Width and height of the image at ``rel_path`` as stored (before any shrinking)."""
        data = self._read(rel_path) if rel_path else None
        return _dimensions(data) if data else None

    def _read(self, rel_path: str) -> bytes | None:
        # Lexical containment: a path from report.json may not climb out with ".." or be absolute,
        # while a folder the user linked in (assets -> elsewhere) still works.
        path = Path(os.path.normpath(self.base_dir / rel_path))
        if not path.is_relative_to(self.base_dir) or not path.is_file():
            return None
        try:
            return path.read_bytes()
        except OSError:
            return None


def _encode(data: bytes, budget: Budget) -> str | None:
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
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except Exception:  # noqa: BLE001 - an unreadable image is skipped, not fatal
        return None


def shrink(data: bytes, budget: Budget) -> bytes | None:
    """Fit into the budget's box and byte limit as JPEG: lower the quality first, then the size.

    None when the image cannot be read.
    """
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format == "JPEG" and image.width > budget.max_width:
                # Decode at a reduced scale straight away: much faster for big screenshots.
                image.draft("RGB", (budget.max_width, image.height * budget.max_width // image.width))
            image = image.convert("RGB")
            if budget.top_only:
                width, height = image.size
                keep = round(width * budget.max_height / budget.max_width)
                if height > keep:
                    image = image.crop((0, 0, width, keep))
            image.thumbnail((budget.max_width, budget.max_height))
            quality = budget.quality
            while True:
                out = io.BytesIO()
                image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
                if out.tell() <= budget.max_bytes or min(image.size) <= 16:
                    return out.getvalue()
                if quality > 45:
                    quality = 45
                else:
                    image = image.resize((max(1, image.width * 3 // 4), max(1, image.height * 3 // 4)))
    except Exception:  # noqa: BLE001
        return None
