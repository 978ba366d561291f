"""The precision keys: every news-rule finding on the real news pages, judged by reading the page.

The keys are the JSON files in ``precision/`` (one per corpus, named after its folder in ../shared:
``news-pages.json``, ``news-pages-more.json``), each a sorted list of

    {"page": "<file name>", "rule": "<rule id>", "selector": "<selector or null>",
     "verdict": "right" | "wrong" | "debatable", "why": "<one line>"}

Precision is right / judged: a debatable finding counts as not right.

Run as a script to print the table per rule, or to rewrite it in docs/precision.md; with a run's
report.json (made with the flags of test_precision.py), also the table of that run's findings as
the keys judge them, per rule with its status (gated, or needs review), which --update writes into
the "where the rules stand" section:

    python tests/external/precision_keys.py                        # print the keys' table
    python tests/external/precision_keys.py --update               # rewrite it in docs/precision.md
    python tests/external/precision_keys.py --update --report out/report.json   # and the run's table
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
RUN_BEGIN, RUN_END = "<!-- run table: begin -->", "<!-- run table: end -->"
GATED, REVIEW = "gated", "needs review"

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


def run_findings(report: dict) -> tuple[dict[Key, dict], dict[str, str]]:
    """A report.json's news-rule findings by (page file name, rule, selector), and each news rule's
    status in that run: needs review when the run marked its findings or its metadata so."""
    findings: dict[Key, dict] = {}
    review = {rule_id for rule_id, meta in (report.get("rules") or {}).items()
              if isinstance(meta, dict) and meta.get("needs_review")}
    for page in report["pages"]:
        name = Path(page["url"]).name
        for finding in page["findings"]:
            if finding["engine"] == "newsaudit":
                findings[(name, finding["rule"], finding["selector"])] = finding
                if finding.get("needs_review"):
                    review.add(finding["rule"])
    status = {rule: REVIEW if rule in review else GATED for _, rule, _ in findings}
    return findings, status


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def run_lines(keys: dict[Key, dict], findings: dict[Key, dict], status: dict[str, str]) -> list[str]:
    """Per rule: the verdicts of the run's findings, the findings the keys do not hold yet ("new"),
    precision, and the rule's status; then the gated rules together, those in review, and all."""
    judged = tally(keys[key] for key in findings if key in keys)
    new = Counter(key[1] for key in findings if key not in keys)

    def line(label: str, counts: Counter, new_count: int, state: str) -> str:
        return (f"{label:28} {counts['right']:5} {counts['wrong']:5} {counts['debatable']:5} {new_count:4} "
                f"{_pct(precision(counts)):>9}  {state}")

    lines = [f"{'rule':28} {'right':>5} {'wrong':>5} {'debat':>5} {'new':>4} {'precision':>9}  status"]
    for rule in sorted(set(judged) | set(new)):
        lines.append(line(rule, judged.get(rule, Counter()), new[rule], status.get(rule, GATED)))
    for label, state in (("gated news rules", GATED), ("needs-review rules", REVIEW)):
        rules = {rule for rule in set(judged) | set(new) if status.get(rule, GATED) == state}
        lines.append(line(label, sum((judged.get(r, Counter()) for r in rules), Counter()),
                          sum(new[r] for r in rules), ""))
    lines.append(line("all news rules", sum(judged.values(), Counter()), sum(new.values()), ""))
    review_count = sum(1 for _, rule, _ in findings if status.get(rule) == REVIEW)
    lines.append(f"{len(findings)} news-rule findings, {review_count} of them needs review; "
                 f"{len(keys)} verdicts in the keys")
    return lines


def _replace(text: str, begin: str, end: str, block: str) -> str:
    start, stop = text.index(begin) + len(begin), text.index(end)
    return text[:start] + "\n" + block + "\n" + text[stop:]


def update_doc(doc: Path = DOC, report: Path | None = None) -> None:
    text = _replace(doc.read_text(encoding="utf-8"), BEGIN, END, table(load_keys()))
    if report is not None:
        keys = {key: entry for judged in load_keys().values() for key, entry in judged.items()}
        findings, status = run_findings(json.loads(Path(report).read_text(encoding="utf-8")))
        text = _replace(text, RUN_BEGIN, RUN_END, "```\n" + "\n".join(run_lines(keys, findings, status)) + "\n```")
    doc.write_text(text, encoding="utf-8")


USAGE = "usage: python tests/external/precision_keys.py [--update] [--report REPORT_JSON]"

if __name__ == "__main__":
    args = sys.argv[1:]
    report_path = None
    if "--report" in args:
        at = args.index("--report")
        if at + 1 >= len(args):
            sys.exit(USAGE)
        report_path = Path(args[at + 1])
        del args[at:at + 2]
        if not report_path.is_file():
            sys.exit(f"no report.json at {report_path}")
    if args == ["--update"]:
        update_doc(report=report_path)
    elif args:
        sys.exit(USAGE)
    else:
        print(table(load_keys()))
        if report_path is not None:
            keys = {key: entry for judged in load_keys().values() for key, entry in judged.items()}
            print("\n".join(run_lines(keys, *run_findings(json.loads(report_path.read_text(encoding="utf-8"))))))
