"""What an image finding suggests: a real alt when the tool can know one, else a fill-in prompt.

The tool never sees the photo, so it can propose an alt only when one follows from the alt already
there (the alt without its "Image of" prefix). A proposal is offered only when it passes every alt
rule we have, checked by running those rules on the image with the proposal in place. It is never
the caption copied: that is what alt-matches-caption forbids. Otherwise the suggestion says what is
needed and gives the caption's facts (the names in it) and what the caption already says, so that
the editor describes the photo instead of repeating its caption.
"""
from __future__ import annotations

import re

from auditor.model import Snapshot
from auditor.registry import RuleSettings

from . import all_rules
from ._caption import propose_alt
from ._images import image_name, rendered_caption
from ._text import collapse, quote
from ._words import NOT_FACTS

# The rules a proposed alt must pass: every rule that judges an image's text alternative.
ALT_RULE_PREFIXES = ("alt-", "captioned-image-")
# A marker on the image a proposal is tried on, so that its violations suggest nothing themselves.
_TRIAL = "_trial"
_FACTS = 4
_CAPTION_QUOTE = 160
_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’«»„"


def alt_rule_problems(image: dict, snapshot: Snapshot, settings: RuleSettings) -> list[str]:
    """The ids of the alt rules that report ``image`` in ``snapshot`` (the image put in its place)."""
    images = [image if other.get("selector") == image.get("selector") else other
              for other in snapshot.group("images")]
    trial = Snapshot(url=snapshot.url, viewport=snapshot.viewport, width=snapshot.width,
                     height=snapshot.height, facts={**snapshot.facts, "images": images})
    found = []
    for rule_id, rule in all_rules().items():
        if rule_id.startswith(ALT_RULE_PREFIXES):
            if any(v.selector == image.get("selector") for v in rule.check(trial, settings)):
                found.append(rule_id)
    return found


def passes_every_alt_rule(alt: str, image: dict, snapshot: Snapshot, settings: RuleSettings) -> bool:
    trial = {**image, "alt": alt, "alt_length": len(alt), _TRIAL: True,
             "aria_label": alt if collapse(image.get("aria_label")) else None}
    return not alt_rule_problems(trial, snapshot, settings)


def caption_facts(text: str) -> list[str]:
    """The names a caption gives (runs of capitalised words), which a description may use."""
    facts: list[str] = []

    def keep(run: list[str], at_start: bool) -> None:
        name = " ".join(run)
        if run and not (at_start and len(run) == 1) and name.casefold() not in NOT_FACTS and name not in facts:
            facts.append(name)

    for sentence in re.split(r"(?<=[.!?。])\s+", text[:600]):
        run: list[str] = []
        start = True
        for index, word in enumerate(sentence.split()):
            clean = word.strip(_PUNCTUATION)
            if clean[:1].isupper():
                if not run:
                    start = index == 0
                run.append(clean)
                if word[-1:] in ",;:)":  # "Hazard, Ky.": a comma ends the name
                    keep(run, start)
                    run = []
            else:
                keep(run, start)
                run = []
        keep(run, start)
        if len(facts) >= _FACTS:
            break
    return facts[:_FACTS]


def fill_in_prompt(image: dict) -> str | None:
    """"Describe what the photo shows of: …. The caption already says: …", or None without a caption."""
    caption = rendered_caption(image)
    if caption is None:
        return None
    says = propose_alt(caption.text, caption.credit) or caption.body
    facts = caption_facts(says)
    ask = f"Describe what the photo shows of: {', '.join(facts)}." if facts else "Describe what the photo shows."
    return f"{ask} The caption already says: {quote(says, _CAPTION_QUOTE)}"


def suggestion(image: dict, snapshot: Snapshot, settings: RuleSettings, advice: str,
               candidate: str | None = None) -> str | None:
    if image.get(_TRIAL):
        return None
    candidate = collapse(candidate)
    # A proposal longer than alt-too-long allows would fail it: no need to try the rules.
    if (candidate and len(candidate) <= settings.alt_max_length and candidate != image_name(image)
            and passes_every_alt_rule(candidate, image, snapshot, settings)):
        return f"Proposed alt: {quote(candidate, 10_000)}"
    return fill_in_prompt(image) or advice
