"""alt-placeholder: the alt is boilerplate ("image", "photo 3", "16x9 Image", "Bild", "写真", "图片").

The words are those of the image's language (its own ``lang`` or the page's) and English; the lists
are in ``rules._words``. An SVG icon whose alt is the glyph it shows ("×", "…") is not judged:
its alt names a control, poorly, and no photo is an SVG file.
"""
from __future__ import annotations

import re

from auditor.model import Snapshot
from auditor.registry import RuleSettings, rule

from ._alt import is_placeholder
from ._image_violation import image_violation
from ._images import file_name, image_lang, image_urls, named_images
from ._text import collapse, quote

# Close, more, next/previous, menu, expand: the glyphs that icons in controls show.
_CONTROL_GLYPHS = re.compile(r"[×✕✖✗⨯…›‹»«<>+−→←↑↓▲▼▶◀☰⋯⋮]|\.\.\.")


def _icon_glyph(image: dict, name: str) -> bool:
    """An SVG icon whose alt is the glyph it shows ("×" on a share menu's close icon, "…" on its
    "more"): a poor name for a control, but no photo's placeholder. Photos are never SVG files."""
    return bool(_CONTROL_GLYPHS.fullmatch(collapse(name))) and any(
        file_name(url).casefold().endswith(".svg") for url in image_urls(image))


@rule(
    id="alt-placeholder",
    impact="serious",
    wcag=["1.1.1"],
    audience="editor",
    title="Alt text is a placeholder",
    why='A screen reader announces "image" or "photo" and nothing more, so its user knows there is '
        "a picture but not what it shows.",
    fix="Replace the placeholder with a short description of what the photo shows. If the CMS fills "
        "in a default, make the alt field required instead.",
    failing_example='<img src="storm.jpg" alt="16x9 Image">',
    passing_example='<img src="storm.jpg" alt="Waves break over the harbour wall in Brighton.">',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    for image, name in named_images(snapshot):
        if _icon_glyph(image, name):
            continue
        if is_placeholder(name, settings.placeholder_words, image_lang(image, snapshot)):
            yield image_violation(image, f"Alt text {quote(name)} is a placeholder that says nothing "
                                         f"about the photo.", snapshot, settings)
