"""alt-credit-only: the alt is only a photo credit or an agency name ("AP Photo", "© Name")."""
from __future__ import annotations

from auditor.model import Snapshot
from auditor.registry import RuleSettings, rule

from ._credit import is_credit
from ._image_violation import image_violation
from ._images import is_logo_file, named_images, rendered_caption
from ._text import normalise, quote

CREDIT_ADVICE = ("Describe what the photo shows (who, what, where); the credit belongs in the caption, "
                 "where sighted readers see it too.")


def _is_caption_credit(name: str, image: dict) -> bool:
    """The alt is the text of the caption's credit element, whatever form that credit takes."""
    credit = normalise((image.get("caption") or {}).get("credit"))
    return bool(credit) and normalise(name) == credit


def _is_logo(image: dict) -> bool:
    # A logo's alt names whose logo it is, which is what a credit-like alt does: an agency's name on
    # a linked image outside the story with no caption ("Reuters" in a footer's data-provider line),
    # or any image whose file is named a logo ("© Quanta Magazine" on the source's logo).
    linked = bool(image.get("link")) and not image.get("in_article") and rendered_caption(image) is None
    return linked or is_logo_file(image)


@rule(
    id="alt-credit-only",
    impact="serious",
    wcag=["1.1.1"],
    audience="editor",
    title="Alt text is only the photo credit",
    why="A screen reader reads who took the photo, or the agency's name, but not what the photo shows.",
    fix="Put the credit in the caption or credit line, and write an alt text that describes the photo.",
    failing_example='<img src="summit.jpg" alt="REUTERS/Yves Herman">',
    passing_example='<img src="summit.jpg" alt="EU leaders pose for a group photo on the steps of the '
                    'council building.">',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    for image, name in named_images(snapshot):
        if _is_logo(image):
            continue
        if is_credit(name) or _is_caption_credit(name, image):
            yield image_violation(image, f"Alt text {quote(name)} is only a photo credit.",
                                  snapshot, settings, advice=CREDIT_ADVICE)
