"""alt-too-long: the alt is longer than RuleSettings.alt_max_length (250 characters by default).

Needs review (``needs_review=True``): on the 106 real pages it was right 6 times and debatable once
(86%, docs/precision.md): a 274-character alt that is mostly a good description, which many would
accept. How long is too long is a judgement the length alone cannot make, so its findings are
shown apart and never fail the run.
"""
from __future__ import annotations

from auditor.model import Snapshot
from auditor.registry import RuleSettings, rule

from ._image_violation import image_violation
from ._images import named_images
from ._text import collapse, quote

SHORTEN_ADVICE = ("Shorten the alt to a sentence or two about what the photo shows, and move the rest "
                  "into the caption or the article.")


@rule(
    id="alt-too-long",
    impact="minor",
    wcag=["1.1.1"],
    audience="editor",
    needs_review=True,
    title="Alt text is too long",
    why="A screen reader reads a long alt in one breath and cannot pause or skim it, and some cut it "
        "off; sighted readers never see it at all.",
    fix="Keep the alt to a sentence or two that says what the photo shows; put background, names and "
        "context in the caption or the body text, where everyone can read them.",
    failing_example='<img src="flood.jpg" alt="Residents wade through flood water … (300 more characters '
                    'of background on the storm, the forecast and the council\'s response)">',
    passing_example='<img src="flood.jpg" alt="Residents wade through knee-deep flood water on the high '
                    'street.">',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    limit = settings.alt_max_length
    for image, name in named_images(snapshot):
        # The collector caps the texts it sends and keeps the alt's whole length beside it.
        length = len(name) if collapse(image.get("aria_label")) else max(len(name), image.get("alt_length") or 0)
        if length > limit:
            yield image_violation(image, f"Alt text is {length} characters long (over {limit}): "
                                         f"{quote(name, 80)}.", snapshot, settings,
                                  advice=SHORTEN_ADVICE, length=length)
