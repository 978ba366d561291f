"""Checks that every alt an image finding proposes is a real one (issue 8, item 4).

A proposal ("Proposed alt: …") must pass every alt rule when put in the image's place, and must not
be the caption copied; anything else a finding suggests is a prompt for the editor, never an alt.
Used on snapshots gathered in real Chromium (``gathering.gather_snapshots``) from the fixture site and
the real news pages.
"""
from __future__ import annotations

import re

from auditor.model import Snapshot
from auditor.registry import RuleSettings
from rules import all_rules
from rules._credit import strip_credit
from rules._text import nearly_equal

PROPOSED = re.compile(r'Proposed alt: "(.*)"', re.DOTALL)


def alt_rules():
    return [rule for rule_id, rule in all_rules().items() if rule_id.startswith(("alt-", "captioned-image-"))]


def with_alt(snapshot: Snapshot, selector: str, alt: str) -> Snapshot:
    images = [dict(image, alt=alt, alt_length=len(alt), aria_label=alt if image.get("aria_label") else None)
              if image.get("selector") == selector else image for image in snapshot.group("images")]
    return Snapshot(url=snapshot.url, viewport=snapshot.viewport, width=snapshot.width, height=snapshot.height,
                    facts={**snapshot.facts, "images": images})


def suggestion_problems(snapshot: Snapshot, settings: RuleSettings = RuleSettings()) -> tuple[int, list[str]]:
    """(how many image findings there were, what is wrong with their suggestions)."""
    findings, problems = 0, []
    images = {image.get("selector"): image for image in snapshot.group("images")}
    for rule in alt_rules():
        for violation in rule.check(snapshot, settings):
            findings += 1
            where = f"{snapshot.url} {snapshot.viewport} {rule.id} {violation.selector}"
            if not violation.suggestion:
                problems.append(f"{where}: no suggestion")
                continue
            proposal = PROPOSED.fullmatch(violation.suggestion)
            if not proposal:
                continue
            alt = proposal.group(1)
            caption = (images[violation.selector].get("caption") or {}).get("text")
            if caption and nearly_equal(alt, strip_credit(caption), settings.caption_match_threshold):
                problems.append(f"{where}: proposes the caption {alt!r}")
            trial = with_alt(snapshot, violation.selector, alt)
            for other in alt_rules():
                if any(v.selector == violation.selector for v in other.check(trial, settings)):
                    problems.append(f"{where}: the proposal {alt!r} fails {other.id}")
    return findings, problems
