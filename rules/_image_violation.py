"""The violation every image rule yields: alt, caption and src as evidence, plus a suggestion.

Apart from ``_images`` because the suggestion runs the image rules, which import ``_images``.
"""
from __future__ import annotations

from auditor.model import Snapshot, Violation
from auditor.registry import RuleSettings

from ._images import DESCRIBE_ADVICE, rendered_caption
from ._suggest import suggestion
from ._text import collapse


def image_violation(image: dict, message: str, snapshot: Snapshot, settings: RuleSettings,
                    advice: str = DESCRIBE_ADVICE, candidate: str | None = None,
                    **extra_evidence) -> Violation:
    """The violation every image rule yields: alt, caption and src as evidence, plus a suggestion."""
    caption = rendered_caption(image)
    evidence = {"alt": image.get("alt"), "caption": caption.text if caption else None,
                "src": image.get("src") or ""}
    if collapse(image.get("aria_label")):
        evidence["aria_label"] = image.get("aria_label")
    evidence.update(extra_evidence)
    return Violation.at(image, message, suggestion=suggestion(image, snapshot, settings, advice, candidate),
                        **evidence)
