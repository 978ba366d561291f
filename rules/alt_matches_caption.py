"""alt-matches-caption: the alt repeats the photo's caption, so the photo is never described.

The alt (credit set aside) is compared with the rendered caption (credit set aside) after
normalisation; a match is equality or difflib similarity at or above
RuleSettings.caption_match_threshold (0.9 by default; see ``rules._text.nearly_equal``).
"""
from __future__ import annotations

from auditor.model import Snapshot
from auditor.registry import RuleSettings, rule

from ._credit import strip_credit
from ._image_violation import image_violation
from ._images import named_images, rendered_caption
from ._text import normalise, quote, similarity

REPEAT_ADVICE = ("Describe what the photo shows that the caption does not say (the scene, the people, "
                 "what they are doing); the caption is read out as well.")


@rule(
    id="alt-matches-caption",
    impact="moderate",
    wcag=["1.1.1"],
    audience="editor",
    title="Alt text repeats the photo caption",
    why="A screen reader reads the alt text and then the caption, so its user hears the same words "
        "twice and never learns what the photo shows.",
    fix="Write an alt text that describes the photo itself (who, what, where, what is happening), "
        "and leave the news context and the credit to the caption.",
    failing_example='<figure><img src="fire.jpg" alt="Firefighters battle a blaze near Athens on Tuesday.">\n'
                    '  <figcaption>Firefighters battle a blaze near Athens on Tuesday. '
                    '<span class="credit">Photo: AP</span></figcaption></figure>',
    passing_example='<figure><img src="fire.jpg" alt="Two firefighters aim a hose at burning pine trees '
                    'beside a road.">\n  <figcaption>Firefighters battle a blaze near Athens on Tuesday. '
                    '<span class="credit">Photo: AP</span></figcaption></figure>',
)
def check(snapshot: Snapshot, settings: RuleSettings):
    threshold = settings.caption_match_threshold
    for image, name in named_images(snapshot, teasers=False):
        caption = rendered_caption(image)
        if caption is None:
            continue
        alt = strip_credit(name, caption.credit)
        if not alt:
            continue
        score = similarity(normalise(alt), normalise(caption.body))
        if score < threshold:
            continue
        how = "repeats" if score == 1.0 else f"nearly repeats ({score:.0%} alike)"
        yield image_violation(
            image, f"Alt text {quote(name)} {how} the caption {quote(caption.body)}.",
            snapshot, settings, advice=REPEAT_ADVICE, similarity=round(score, 3))
