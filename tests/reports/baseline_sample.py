"""The sample run compared with a baseline: the storm page's first finding is new, its others
unchanged, and one finding of the baseline is fixed."""
from __future__ import annotations

from auditor.model import AuditRun
from sample_run import build_run


def build_baseline_run(**fixed_fields) -> AuditRun:
    run = build_run()
    storm = run.pages[0]
    for finding in storm.findings:
        finding.baseline = "unchanged"
    storm.findings[0].baseline = "new"
    run.baseline = {"path": "baseline/report.json", "tool_version": "0.1.0", "finished": ""}
    run.fixed = [{**storm.findings[1].to_dict(), **fixed_fields, "url": storm.url}]
    return run
