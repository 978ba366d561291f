"""The precision keys: every news-rule finding on the real news pages, judged by reading the page.

The keys are the JSON files in ``precision/`` (one per corpus, named after its folder in ../shared:
``news-pages.json``, ``news-pages-more.json``), each a sorted list of

    {"page": "<file name>", "rule": "<rule id>", "selector": "<selector or null>",
     "verdict": "right" | "wrong" | "debatable", "why": "<one line>"}

Precision is right / judged: a debatable finding counts as not right.

Run as a script to print the table per rule, or to rewrite it in docs/precision.md:

    python tests/external/precision_keys.py            # print the table
    python tests/external/precision_keys.py --update   # rewrite the table in docs/precision.md
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

KEYS_DIR = Path(__file__).resolve().parent / "precision"
DOC = Path(__file__).resolve().parents[2] / "docs" / "precision.md"
VERDICTS = ("right", "wrong", "debatable")
FIELDS = ("page", "rule", "selector", "verdict", "why")
BEGIN, END = "<!-- precision table: begin -->", "<!-- precision table: end -->"

Key = tuple  # (page, rule, selector)


class KeyError_(ValueError):
    """A key file that is not in the documented format."""


def load_keys(folder: Path = KEYS_DIR) -> dict[str, dict[Key, dict]]:
    """corpus (the key file's stem) -> (page, rule, selector) -> entry, for every key file in ``folder``.

    A malformed entry, or one finding judged twice (in one file or in two), is an error, never silently
    one of the two verdicts.
    """
    corpora: dict[str, dict[Key, dict]] = {}
    seen: dict[Key, str] = {}
    for path in sorted(Path(folder).glob("*.json")):
        entries = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(entries, list):
            raise KeyError_(f"{path.name}: a list of verdicts expected")
        judged = corpora.setdefault(path.stem, {})
        for number, entry in enumerate(entries):
            where = f"{path.name} entry {number}"
            if not isinstance(entry, dict) or set(entry) != set(FIELDS):
                raise KeyError_(f"{where}: the fields are exactly {', '.join(FIELDS)}")
            if entry["verdict"] not in VERDICTS:
                raise KeyError_(f"{where}: verdict {entry['verdict']!r} is not one of {', '.join(VERDICTS)}")
            if not (isinstance(entry["why"], str) and entry["why"].strip()):
                raise KeyError_(f"{where}: no why")
            key = (entry["page"], entry["rule"], entry["selector"])
            if key in seen:
                raise KeyError_(f"{where}: {key} is already judged in {seen[key]}")
            seen[key] = path.name
            judged[key] = entry
    return corpora


def tally(entries) -> dict[str, Counter]:
    """rule id -> Counter of verdicts, for an iterable of key entries."""
    counts: dict[str, Counter] = {}
    for entry in entries:
        counts.setdefault(entry["rule"], Counter())[entry["verdict"]] += 1
    return counts


def precision(counts: Counter) -> float | None:
    judged = sum(counts[v] for v in VERDICTS)
    return counts["right"] / judged if judged else None


def _cells(counts: Counter | None) -> str:
    if not counts or not sum(counts.values()):
        return "| | "
    return f"| {counts['right']} / {counts['wrong']} / {counts['debatable']} | {precision(counts):.0%} "


def table(corpora: dict[str, dict[Key, dict]]) -> str:
    """The Markdown table: per rule, right / wrong / debatable / precision for each corpus and together."""
    names = sorted(corpora)
    per_corpus = {name: tally(corpora[name].values()) for name in names}
    together = tally(entry for name in names for entry in corpora[name].values())
    groups = [*names, "together"]
    head = "| rule " + "".join(f"| {g}: right / wrong / debatable | precision " for g in groups) + "|"
    rule_line = "| --- " + "| ---: | ---: " * len(groups) + "|"
    lines = [head, rule_line]
    for rule in sorted(together):
        lines.append(f"| `{rule}` " + "".join(_cells(per_corpus[n].get(rule)) for n in names)
                     + _cells(together[rule]) + "|")
    totals = [sum(per_corpus[n].values(), Counter()) for n in names] + [sum(together.values(), Counter())]
    lines.append("| **all news rules** " + "".join(_cells(c) for c in totals) + "|")
    return "\n".join(lines)


def update_doc(doc: Path = DOC) -> None:
    text = doc.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    doc.write_text(text[:start] + "\n" + table(load_keys()) + "\n" + text[end:], encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        update_doc()
    elif sys.argv[1:]:
        sys.exit("usage: python tests/external/precision_keys.py [--update]")
    else:
        print(table(load_keys()))
