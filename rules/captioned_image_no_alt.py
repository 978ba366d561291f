"""captioned-image-no-alt: a captioned photo has no alt, or is marked as decoration.

A caption that says more than a credit shows the image is content. A caption that is only a credit
("Photo: AP") does not, so that image is left to axe's image-alt rule. An image named by
``aria-label``, ``aria-labelledby`` or ``title`` has a text alternative and passes here. Only photos
with their own caption count (``rules._images``): a tracking pixel never takes the lead photo's
caption, and a teaser card's ``alt=""`` is right, since its link text names the story.
"""
from __future__ import annotations

from auditor.model import Snapshot
from auditor.registry import RuleSettings, rule

from ._image_violation import image_violation
from ._images import has_name_source, is_decorative, photos, rendered_caption
from ._text import quote


def _svg_title(image: dict) -> bool:
    # An <svg role=img> is named by its <title> child, which the collector does not report apart.
    return image.get("tag") == "svg" and "<title" in (image.get("html") or "")


def _problem(image: dict) -> str | None:
    role = (image.get("role") or "").strip().lower()
    if role in ("presentation", "none"):
        return f'is marked as decoration (role="{role}")'
    if image.get("aria_hidden"):
        return "is hidden from screen readers (aria-hidden)"
    if is_decorative(image):
        return 'is marked as decoration (alt="")'
    if not has_name_source(image) and not _svg_title(image):
        return "has no alt attribute" if image.get("tag") in ("img", "input") else "has no text alternative"
    return None


@rule(
    id="captioned-image-no-alt",
    impact="serious",
    wcag=["1.1.1"],
    audience="editor",
    title="Captioned photo has no alt text",
    why="The caption shows the photo is part of the story, but a screen reader either skips the photo "
        "or reads its file name, so its user does not know what it shows.",
    fix="Give the photo an alt text that describes what it shows. Use alt=\"\" only for pictures that "
        "add nothing, and those do not carry captions.",
    failing_example='<figure><img src="court.jpg" alt="">\n'
                    '  <figcaption>The defendant leaves court in Lyon on Monday.</figcaption></figure>',
    passing_example='<figure><img src="court.jpg" alt="A man in a grey suit walks down the court steps '
                    'past photographers.">\n'
                    '  <figcaption>The defendant leaves court in Lyon on Monday.</figcaption></figure>',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    for image in photos(snapshot, teasers=False):
        caption = rendered_caption(image)
        problem = _problem(image) if caption else None
        if problem:
            yield image_violation(image, f"Image {problem}, but its caption {quote(caption.body)} shows it "
                                         f"is part of the story.", snapshot, settings)
