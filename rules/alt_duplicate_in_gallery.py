"""alt-duplicate-in-gallery: several different photos of one gallery share the same alt.

A gallery is the photos of one gallery, slideshow or carousel container (the collector's
``gallery``) in the article, or else the article's own photos. Only photos count (``rules._images``: never icons, pixels or teasers),
and photos are different when they are different files: the same file in other sizes (size
suffixes, srcset candidates, CDN resize parameters) is one photo and may carry the same alt. Alts
that alt-placeholder, alt-credit-only or alt-filename already report are left to those rules.
"""
from __future__ import annotations

from collections import defaultdict

from auditor.model import Snapshot
from auditor.registry import RuleSettings, rule

from ._alt import filename_reason, is_placeholder
from ._credit import is_credit
from ._image_violation import image_violation
from ._images import image_lang, image_urls, named_images, photo_keys
from ._text import normalise, quote

UNIQUE_ADVICE = "Describe what this photo shows that the others in the gallery do not."


def _groups(snapshot: Snapshot, settings: RuleSettings) -> dict[tuple[str, str], list[tuple[dict, str]]]:
    """((where, gallery), normalised alt) -> the photos in that gallery with that alt."""
    groups: dict[tuple[str, str], list[tuple[dict, str]]] = defaultdict(list)
    for image, name in named_images(snapshot, teasers=False):
        if not image.get("in_article"):
            continue
        if (is_placeholder(name, settings.placeholder_words, image_lang(image, snapshot)) or is_credit(name)
                or filename_reason(name, image_urls(image))):
            continue
        where = ("gallery", image["gallery"]) if image.get("gallery") else ("article", "")
        groups[where, normalise(name)].append((image, name))
    return groups


def different_photos(images: list[dict]) -> int:
    """How many different files the images show; two sharing any file stem are one photo."""
    seen: list[frozenset[str]] = []
    for image in images:
        keys = photo_keys(image) or frozenset({image.get("selector") or ""})
        overlapping = [s for s in seen if s & keys]
        seen = [s for s in seen if not s & keys] + [keys.union(*overlapping)]
    return len(seen)


@rule(
    id="alt-duplicate-in-gallery",
    impact="minor",
    wcag=["1.1.1"],
    audience="editor",
    title="Several photos share the same alt text",
    why="Each photo of a gallery shows something different, but a screen reader user hears the same "
        "words for every one and cannot tell them apart.",
    fix="Give each photo its own alt text that says what that photo shows.",
    failing_example='<figure class="gallery">\n  <img src="march-1.jpg" alt="Climate march in Berlin">\n'
                    '  <img src="march-2.jpg" alt="Climate march in Berlin"></figure>',
    passing_example='<figure class="gallery">\n  <img src="march-1.jpg" alt="Marchers fill the street '
                    'in front of the Brandenburg Gate">\n  <img src="march-2.jpg" alt="A girl holds a '
                    'hand-painted sign reading \'There is no planet B\'"></figure>',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    for ((where, _gallery), _alt), members in _groups(snapshot, settings).items():
        photos = different_photos([image for image, _name in members])
        if photos < 2:
            continue
        for image, name in members:
            yield image_violation(image, f"Alt text {quote(name)} is used on {photos} different photos in this "
                                         f"{where}.", snapshot, settings, advice=UNIQUE_ADVICE, photos=photos)
