"""Images and their captions as the image rules see them, and the violation they all build.

An image counts only when it is rendered at the viewport; a caption only when ``caption.rendered``.
The text a rule judges is the image's accessible name as a screen reader would read it:
``aria-label`` (or ``aria-labelledby``) when present, since it overrides ``alt``; else ``alt``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from auditor.model import Snapshot, Violation

from ._caption import propose_alt
from ._credit import strip_credit
from ._text import collapse, nearly_equal

DESCRIBE_ADVICE = ("Describe what the photo shows (who, what, where) in a sentence, without repeating "
                   "the caption or the photo credit.")


@dataclass(frozen=True)
class Caption:
    text: str  # the whole rendered caption, credit included
    credit: str | None
    body: str  # the caption with its credit set aside: what comparisons use


def rendered_caption(image: dict) -> Caption | None:
    """The image's caption when it is rendered at this viewport and says more than a credit."""
    caption = image.get("caption") or {}
    if not caption.get("rendered"):
        return None
    text = collapse(caption.get("text"))
    body = strip_credit(text, caption.get("credit"))
    return Caption(text=text, credit=caption.get("credit"), body=body) if body else None


def has_name_source(image: dict) -> bool:
    """The image has some text alternative: alt, aria-label(ledby) or title."""
    return any(collapse(image.get(key)) for key in ("alt", "aria_label", "title"))


def is_decorative(image: dict) -> bool:
    """Marked as decoration: role presentation/none, aria-hidden, or alt="" with no aria-label."""
    if (image.get("role") or "").strip().lower() in ("presentation", "none") or image.get("aria_hidden"):
        return True
    return image.get("alt") is not None and not collapse(image.get("alt")) and not collapse(image.get("aria_label"))


def image_name(image: dict) -> str:
    """What a screen reader reads for the image: aria-label(ledby) first, then alt."""
    return collapse(image.get("aria_label")) or collapse(image.get("alt"))


def named_images(snapshot: Snapshot) -> Iterator[tuple[dict, str]]:
    """(image, name) for every rendered, non-decorative image that has a non-empty name."""
    for image in snapshot.group("images"):
        if not image.get("rendered") or is_decorative(image):
            continue
        name = image_name(image)
        if name:
            yield image, name


def suggestion(image: dict, threshold: float, advice: str = DESCRIBE_ADVICE) -> str:
    """A proposed alt from the rendered caption, or ``advice`` when the caption gives none.

    The caption's first sentence is offered only when it is not nearly the whole caption (that alt
    would repeat the caption, the very thing alt-matches-caption reports) nor the alt already there.
    """
    caption = rendered_caption(image)
    if caption:
        proposal = propose_alt(caption.text, caption.credit)
        if (proposal and not nearly_equal(proposal, caption.body, threshold)
                and not nearly_equal(proposal, image_name(image), threshold)):
            return f'Proposed alt: "{proposal}"'
    return advice


def image_violation(image: dict, message: str, threshold: float, advice: str = DESCRIBE_ADVICE,
                    **extra_evidence) -> Violation:
    """The violation every image rule yields: alt, caption and src as evidence, plus a suggestion."""
    caption = rendered_caption(image)
    evidence = {"alt": image.get("alt"), "caption": caption.text if caption else None,
                "src": image.get("src") or ""}
    if collapse(image.get("aria_label")):
        evidence["aria_label"] = image.get("aria_label")
    evidence.update(extra_evidence)
    return Violation(selector=image.get("selector"), html=image.get("html", ""), message=message,
                     suggestion=suggestion(image, threshold, advice), evidence=evidence)
