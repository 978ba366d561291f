"""alt-duplicate-in-gallery: several different photos of one gallery share the same alt.

A gallery is the images of one ``<figure>`` and, more broadly, the rendered images of the article
body (galleries are often one figure per photo). Photos count as different when their ``src``
differs; the same photo shown twice may carry the same alt. Alts that alt-placeholder,
alt-credit-only or alt-filename already report are left to those rules.
"""
from __future__ import annotations

from collections import defaultdict

from auditor.model import Snapshot
from auditor.registry import RuleSettings, rule

from ._alt import filename_reason, is_placeholder
from ._credit import is_credit
from ._images import image_violation, named_images
from ._text import normalise, quote

UNIQUE_ADVICE = "Describe what this photo shows that the others in the gallery do not."


def _groups(snapshot: Snapshot, settings: RuleSettings) -> dict[tuple[str, str], list[tuple[dict, str]]]:
    """(group, normalised alt) -> the images in that group with that alt."""
    groups: dict[tuple[str, str], list[tuple[dict, str]]] = defaultdict(list)
    for image, name in named_images(snapshot):
        if (is_placeholder(name, settings.placeholder_words) or is_credit(name)
                or filename_reason(name, image.get("src"))):
            continue
        if image.get("figure"):
            groups[("figure", image["figure"]), normalise(name)].append((image, name))
        if image.get("in_article"):
            groups[("article", ""), normalise(name)].append((image, name))
    return groups


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
    # An image in both a figure and the article is reported once, for the larger of its groups.
    best: dict[str, tuple[int, str, dict, str]] = {}
    for (group, _alt), members in _groups(snapshot, settings).items():
        photos = len({image.get("src") or image.get("selector") for image, _name in members})
        if photos < 2:
            continue
        for image, name in members:
            selector = image.get("selector")
            if selector not in best or photos > best[selector][0]:
                best[selector] = (photos, group[0], image, name)
    for photos, where, image, name in best.values():
        yield image_violation(image, f"Alt text {quote(name)} is used on {photos} different photos in this "
                                     f"{where}.", settings.caption_match_threshold,
                              advice=UNIQUE_ADVICE, photos=photos)
