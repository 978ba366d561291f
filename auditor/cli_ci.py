"""``newsaudit diff`` and ``newsaudit merge``: the CI commands that work on report.json files."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import reports
from reports.markdown import text as md_text

from . import baseline, fingerprint
from .config import FAIL_ON_CHOICES, ConfigError
from .session import copy_assets, exit_usage as fail, summary_line, write_reports
from .model import EXIT_FINDINGS, EXIT_OK, AuditRun, exit_code, impact_rank

DIFF_FORMATS = ("text", "md", "json")
GROUPS = ("new", "fixed", "unchanged")


def _load(location: str, what: str) -> AuditRun:
    try:
        return baseline.load(location, what)
    except baseline.BaselineError as error:
        fail(str(error))
        raise  # unreachable: fail exits


def diff_groups(old: AuditRun, new: AuditRun) -> dict[str, list[dict]]:
    """new, fixed and unchanged findings, each as a finding dict with its page ``url``, in page order
    and then by rule: exactly what ``--baseline`` marks."""
    baseline.compare(new, old)
    groups: dict[str, list[dict]] = {g: [] for g in GROUPS}
    for page in new.pages:
        for finding in page.findings:
            groups[finding.baseline].append({**finding.to_dict(), "url": page.url})
    groups["fixed"] = list(new.fixed)
    for items in groups.values():
        items.sort(key=lambda f: (fingerprint.page_key(f["url"]), f["rule"], f["selector"] or ""))
    return groups


def _gating(groups: dict, fail_on: str) -> list[dict]:
    if fail_on == "never":
        return []
    threshold = impact_rank(fail_on)
    return [f for f in groups["new"] if impact_rank(f["impact"]) >= threshold and f.get("ignored") is None]


def render_diff(groups: dict, fmt: str, gating: list[dict], fail_on: str) -> str:
    if fmt == "json":
        counts = {g: len(items) for g, items in groups.items()}
        return json.dumps({"counts": counts, "fail_on": fail_on, "gate": "failed" if gating else "passed",
                           **groups}, indent=2, ensure_ascii=False)
    md = fmt == "md"
    esc = md_text if md else (lambda s: " ".join(str(s).split()))
    lines = [("## " if md else "") + f"newsaudit diff: {len(groups['new'])} new, {len(groups['fixed'])} fixed, "
             f"{len(groups['unchanged'])} unchanged; gate {'failed' if gating else 'passed'} at --fail-on {fail_on}"]
    for group in GROUPS:
        items = groups[group]
        if not items:
            continue
        lines += ["", ("### " if md else "") + f"{group.capitalize()} ({len(items)})"]
        page = None
        for item in items:
            if item["url"] != page:
                page = item["url"]
                lines.append(("- " if md else "  ") + esc(page))
            where = item["selector"] or "the page"
            ignored = " (ignored)" if item.get("ignored") else ""
            rule = f"`{item['rule']}`" if md else item["rule"]
            lines.append(f"{'  - ' if md else '    '}{rule} {item['impact']}: {esc(where)}{ignored}")
    return "\n".join(lines) + "\n"


def register(main: click.Group) -> None:
    main.add_command(diff_command)
    main.add_command(merge_command)


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "format_", type=click.Choice(DIFF_FORMATS), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(FAIL_ON_CHOICES), help="Lowest impact of a new finding that fails "
              "(default: NEW's own --fail-on).")
def diff_command(old, new, format_, fail_on):
    """New, fixed and unchanged findings between two report.json files (or report folders).

    Exit 1 when a new finding is at or above --fail-on, else 0."""
    old_run, new_run = _load(old, "old report"), _load(new, "new report")
    fail_on = fail_on or new_run.fail_on
    groups = diff_groups(old_run, new_run)
    gating = _gating(groups, fail_on)
    click.echo(render_diff(groups, format_, gating, fail_on), nl=False)
    sys.exit(EXIT_FINDINGS if gating else EXIT_OK)


def merge_runs(runs: list[AuditRun]) -> AuditRun:
    """Shard runs as one run: pages back in input order, everything else combined."""
    first = runs[0]
    for run in runs[1:]:
        for what, a, b in (("viewports", first.viewports, run.viewports),
                           ("tool version", first.tool.get("version"), run.tool.get("version")),
                           ("--fail-on", first.fail_on, run.fail_on)):
            if a != b:
                fail(f"cannot merge reports with different {what}: {a!r} and {b!r}")
    placed = []
    for number, run in enumerate(runs):
        positions = (run.settings.get("shard") or {}).get("positions") or []
        for i, page in enumerate(run.pages):
            placed.append(((positions[i] if i < len(positions) else 10**9 + i), number, page))
    seen, pages = set(), []
    for _, _, page in sorted(placed, key=lambda p: (p[0], p[1])):
        if page.url not in seen:  # the same folder given twice counts once
            seen.add(page.url)
            pages.append(page)
    settings = dict(first.settings)
    settings.pop("shard", None)
    category = (settings.get("sarif") or {}).get("category")
    if category and "-shard-" in category:
        settings["sarif"] = {**settings["sarif"], "category": category.rsplit("-shard-", 1)[0]}
    rules = {}
    for run in runs:
        rules.update(run.rules)
    merged = AuditRun(
        tool=first.tool, axe_version=first.axe_version, viewports=first.viewports, pages=pages,
        settings=settings, rules=dict(sorted(rules.items())),
        started=min(r.started for r in runs), finished=max(r.finished for r in runs),
        interrupted=any(r.interrupted for r in runs),
        baseline=next((r.baseline for r in runs if r.baseline is not None), None),
        fixed=[f for r in runs for f in r.fixed], ignores=_merge_ignores(runs))
    return merged


def _merge_ignores(runs: list[AuditRun]) -> list[dict]:
    """An entry applied if it applied in any shard; its matches add up."""
    merged: dict[str, dict] = {}
    for run in runs:
        for entry in run.ignores:
            key = json.dumps({k: v for k, v in entry.items() if k not in ("status", "matched")}, sort_keys=True)
            if key not in merged:
                merged[key] = dict(entry)
                continue
            merged[key]["matched"] += entry["matched"]
            if entry["status"] == "applied":
                merged[key]["status"] = "applied"
    return list(merged.values())


@click.command("merge")
@click.argument("folders", nargs=-1, required=True)
@click.option("--output", "-o", default="newsaudit-report", show_default=True, help="Folder for the merged reports.")
@click.option("--format", "format_", default="json,html,junit,sarif,md", show_default=True,
              help="Comma list of formats to write.")
@click.option("--baseline", "baseline_path", metavar="PATH", help="Compare the merged run with this report.json.")
@click.option("--update-baseline", is_flag=True, help="Write the merged run to --baseline PATH.")
@click.option("--fail-on", type=click.Choice(FAIL_ON_CHOICES), help="Gate of the merged run (default: the shards' "
              "own, so shards can run with --fail-on never and the merge gates).")
@click.option("--quiet", "-q", is_flag=True, help="No summary line.")
def merge_command(folders, output, format_, baseline_path, update_baseline, fail_on, quiet):
    """Combine the report folders of `audit --shard K/N` runs into one run: same pages, findings and
    gate as one big run. Exits like `audit` (1 when the gate fails)."""
    formats = [f.strip() for f in format_.split(",") if f.strip()]
    unknown = [f for f in formats if f not in reports.FORMATS]
    if unknown:
        fail(f"unknown format {unknown[0]!r}; choose from: {', '.join(reports.FORMATS)}")
    if update_baseline and not baseline_path:
        fail("--update-baseline needs --baseline PATH: the file to write")
    runs = [_load(folder, "shard report") for folder in folders]
    run = merge_runs(runs)
    if fail_on:
        run.settings["fail_on"] = fail_on
    if baseline_path and not (update_baseline and not baseline.report_path(baseline_path).exists()):
        baseline.compare(run, _load(baseline_path, "baseline"), baseline_path)
    out = Path(output)
    for folder in folders:
        source = baseline.report_path(folder).parent
        if source.resolve() != out.resolve():
            copy_assets(run, source, out)
    try:
        write_reports(run, out, formats)
    except ConfigError as error:
        fail(str(error))
    if update_baseline:
        baseline.write(run, baseline_path)
    if not quiet:
        click.echo(summary_line(run, out), err=True)
    sys.exit(exit_code(run))
