"""The bundled axe-core's rule catalogue (ids and tags), read from its source without a browser.

Used to accept axe rule ids in ``--disable`` and to know which axe rules ran for ``--axe-tags``
(JUnit has one testcase per rule that ran). Selection follows axe-core's own ``matchTags``: with
tags given, a rule runs when it has one of them, unless it is tagged ``experimental`` or
``deprecated`` and that tag was not asked for.
"""
from __future__ import annotations

import re
from functools import cache

from . import scripts

# Each rule in axe.min.js starts `{id:"image-alt",` and lists `tags:[...]` before its next brace.
_RULE = re.compile(r'\{id:"([a-z0-9-]+)",[^{}]*?tags:\[([^\]]*)\]')
_EXCLUDED = ("experimental", "deprecated")


@cache
def catalogue() -> dict[str, tuple[str, ...]]:
    """axe rule id -> its tags."""
    rules: dict[str, tuple[str, ...]] = {}
    for match in _RULE.finditer(scripts.axe_source()):
        tags = tuple(t.strip().strip('"') for t in match.group(2).split(",") if t.strip())
        rules.setdefault(match.group(1), tags)
    return rules


def selected(tags: tuple[str, ...] | list[str], disabled=()) -> list[str]:
    """The axe rule ids that run for these tags, less the disabled ones."""
    wanted = set(tags)
    out = []
    for rule_id, rule_tags in catalogue().items():
        if rule_id in disabled or not wanted.intersection(rule_tags):
            continue
        if any(t in rule_tags and t not in wanted for t in _EXCLUDED):
            continue
        out.append(rule_id)
    return sorted(out)
