"""The one result model: snapshots in, findings and runs out.

Everything here is plain data with to_dict()/from_dict(), so a rule test can hand-build a Snapshot
and a report can be re-rendered from report.json without a browser.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Iterable

SCHEMA_VERSION = 1

# Ordered weakest first, as axe-core orders them.
IMPACTS = ("minor", "moderate", "serious", "critical")
THIRD_PARTY = "third-party"  # inside the site's ad or embed regions
AUDIENCES = ("editor", "template", THIRD_PARTY)
ENGINES = ("newsaudit", "axe")


def impact_rank(impact: str | None) -> int:
    """Position of an impact in IMPACTS; unknown or missing impacts rank lowest."""
    return IMPACTS.index(impact) if impact in IMPACTS else -1


def _build(cls, data: dict):
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int

    def to_dict(self) -> dict:
        return {"width": self.width, "height": self.height}


@dataclass
class Snapshot:
    """What one load of one page at one viewport yielded.

    ``facts`` holds the groups collected in the page (see docs/facts.md): document, images,
    headings, links, tab_order, skip_links, landmarks. ``axe`` holds axe-core's violations and
    incomplete results, each node already given our own selector (``selector``) and ``in_article``.
    """

    url: str
    viewport: str
    width: int
    height: int
    final_url: str = ""
    inner_width: int | None = None
    backend: str = ""
    axe_version: str = ""
    facts: dict = field(default_factory=dict)
    axe: dict = field(default_factory=dict)

    def group(self, name: str) -> Any:
        """A fact group; lists default to empty so rules never special-case a missing group."""
        value = self.facts.get(name)
        if value is None:
            return {} if name in ("document", "landmarks") else []
        return value

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Snapshot":
        return _build(cls, data)


@dataclass
class Violation:
    """One rule's verdict that one element (selector) or the page (selector None) fails."""

    selector: str | None
    message: str
    html: str = ""
    suggestion: str | None = None
    evidence: dict = field(default_factory=dict)
    # Set by rules whose impact or audience depends on the element (axe, headings).
    impact: str | None = None
    audience: str | None = None
    rule: str | None = None  # only the axe adapter fills this: one adapter, many axe rule ids
    help_url: str | None = None
    title: str | None = None
    wcag: tuple[str, ...] | None = None

    @classmethod
    def at(cls, element: dict, message: str, *, suggestion: str | None = None, audience: str | None = None,
           impact: str | None = None, **evidence) -> "Violation":
        """A verdict on one element the collector gathered (its selector and HTML snippet come with it)."""
        return cls(selector=element.get("selector"), html=element.get("html", ""), message=message,
                   suggestion=suggestion, evidence=evidence, audience=audience, impact=impact)


@dataclass
class Finding:
    """One rule's verdict on one element (or the page), merged across viewports."""

    rule: str
    engine: str
    impact: str
    wcag: list[str]
    viewports: list[str]
    selector: str | None
    html: str
    message: str
    help_url: str
    suggestion: str | None = None
    audience: str = "template"
    title: str = ""
    related: list[str] = field(default_factory=list)
    evidence: dict = field(default_factory=dict)
    # Viewport name -> message, where a viewport said something different from ``message``.
    messages: dict = field(default_factory=dict)
    crop: str | None = None  # path of an element screenshot, relative to report.json
    # CI gating (auditor/fingerprint.py, baseline.py, ignores.py): the same problem on the same
    # page keeps its fingerprint; "new" | "unchanged" against a --baseline, else None; an
    # [[ignore]] entry that applies: {"reason", "until"}.
    fingerprint: str = ""
    baseline: str | None = None
    ignored: dict | None = None
    # Viewport name -> [x, y, width, height] of the element in CSS px from the page's top left.
    boxes: dict = field(default_factory=dict)
    image_loaded: bool | None = None  # for an <img>: whether its file loaded (None: not measured)
    # From a rule demoted to "needs review": reported, never failing the gate. Written to
    # report.json only when true, so reports of runs without such rules stay as they were.
    needs_review: bool = False

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.rule, self.selector)

    def to_dict(self) -> dict:
        data = asdict(self)
        if not data["needs_review"]:
            del data["needs_review"]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Finding":
        return _build(cls, data)


@dataclass
class PageResult:
    url: str
    final_url: str = ""
    title: str = ""
    headline: str = ""
    status: str = "audited"  # "audited" | "error" | "not audited" (the run ended before it started)
    error: str | None = None
    viewport_errors: dict = field(default_factory=dict)
    viewports_audited: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # Viewport name -> list of {"level", "text", "selector", "in_article"} (rendered headings).
    outline: dict = field(default_factory=dict)
    # Viewport name -> path of a screenshot, relative to report.json.
    screenshots: dict = field(default_factory=dict)
    # Viewport name -> measured window.innerWidth.
    inner_widths: dict = field(default_factory=dict)
    seconds: float = 0.0  # wall time of the page's audit, all viewports
    # The consent banner: {"found": bool, "platform", "mode", "dismissed", "how" or "reason"}.
    consent: dict = field(default_factory=dict)
    tries: int = 1  # loads it took, with --retries (the most any viewport needed)
    fail_on: str | None = None  # a [[pages]] fail_on for this page, over the run's
    browser_node: str = ""  # the Selenium Grid node that audited it (its URI), when on a Grid

    def to_dict(self) -> dict:
        data = asdict(self)
        data["findings"] = [f.to_dict() for f in self.findings]
        # Written only when they say something, so reports of ordinary runs stay as they were.
        for key, default in (("consent", {}), ("tries", 1), ("fail_on", None), ("browser_node", "")):
            if data[key] == default:
                del data[key]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "PageResult":
        page = _build(cls, data)
        page.findings = [Finding.from_dict(f) for f in data.get("findings", [])]
        return page


@dataclass
class AuditRun:
    tool: dict
    axe_version: str
    viewports: dict  # name -> {"width", "height"}, in audit order
    pages: list[PageResult] = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    rules: dict = field(default_factory=dict)  # rule id -> metadata, for reports
    started: str = ""
    finished: str = ""
    interrupted: bool = False
    schema_version: int = SCHEMA_VERSION
    # With --baseline: {"path", "tool_version", "finished"} of the baseline, and its findings that
    # are gone now (each a finding dict plus the page "url"); see auditor/baseline.py.
    baseline: dict | None = None
    fixed: list = field(default_factory=list)
    # The [[ignore]] entries and what became of them ("applied", "expired", "unmatched").
    ignores: list = field(default_factory=list)
    # Why the run ended early: "SIGINT", "SIGTERM", "SIGHUP" or "internal error: <reason>"; "" if it did not.
    ended_by: str = ""

    @property
    def fail_on(self) -> str:
        return self.settings.get("fail_on", "serious")

    def summary(self) -> dict:
        by_impact = {impact: 0 for impact in reversed(IMPACTS)}
        for page in self.pages:
            for finding in page.findings:
                by_impact[finding.impact] = by_impact.get(finding.impact, 0) + 1
        errors = sum(1 for p in self.pages if p.status == "error" or p.viewport_errors)
        summary = {
            "pages": len(self.pages),
            "audited": sum(1 for p in self.pages if p.status == "audited"),
            "errors": errors,
            "not_audited": sum(1 for p in self.pages if p.status == NOT_AUDITED),
            "findings": sum(by_impact.values()),
            "findings_by_impact": by_impact,
            "ignored": sum(1 for p in self.pages for f in p.findings if f.ignored is not None),
            "gate": gate(self),
            "exit_code": exit_code(self),
        }
        if self.baseline is not None:
            states = [f.baseline for p in self.pages for f in p.findings]
            summary["baseline"] = {"new": states.count("new"), "unchanged": states.count("unchanged"),
                                   "fixed": len(self.fixed)}
        return summary

    def to_dict(self) -> dict:
        return {
            "schema_version": self.schema_version,
            "tool": self.tool,
            "axe_version": self.axe_version,
            "viewports": self.viewports,
            "settings": self.settings,
            "started": self.started,
            "finished": self.finished,
            "interrupted": self.interrupted,
            "ended_by": self.ended_by,
            "rules": self.rules,
            "pages": [p.to_dict() for p in self.pages],
            "baseline": self.baseline,
            "fixed": self.fixed,
            "ignores": self.ignores,
            "summary": self.summary(),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "AuditRun":
        version = data.get("schema_version")
        if version != SCHEMA_VERSION:
            raise ValueError(f"report.json has schema_version {version!r}; this newsaudit reads {SCHEMA_VERSION}")
        run = _build(cls, data)
        run.pages = [PageResult.from_dict(p) for p in data.get("pages", [])]
        return run


def counts_for_gate(finding: Finding) -> bool:
    """An ignored finding never counts; against a baseline only a new one does."""
    return finding.ignored is None and finding.baseline != "unchanged"


def failing_findings(run: AuditRun) -> Iterable[Finding]:
    """Findings at or above the --fail-on threshold (a [[pages]] fail_on over the run's) that count
    for the gate; a finding that needs review never counts."""
    def failing(page: PageResult) -> list[Finding]:
        fail_on = page.fail_on or run.fail_on
        if fail_on == "never":
            return []
        return [f for f in page.findings if impact_rank(f.impact) >= impact_rank(fail_on) and counts_for_gate(f) and not f.needs_review]

    return [f for p in run.pages for f in failing(p)]


# The gate's whole vocabulary; report renderers show exactly these words.
GATES = ("passed", "failed", "error", "incomplete", "not gated")
NOT_AUDITED = "not audited"


def gate(run: AuditRun) -> str:
    """"incomplete" (the run ended early), "error" (something could not be audited), "failed"
    (findings at or above --fail-on), "not gated" (--fail-on never) or "passed"."""
    if run.interrupted or any(p.status == NOT_AUDITED for p in run.pages):
        return "incomplete"
    if any(p.status == "error" or p.viewport_errors for p in run.pages):
        return "error"
    if run.fail_on == "never":
        return "not gated"
    return "failed" if failing_findings(run) else "passed"


# Exit codes: the README's table says the same. 1 only ever means findings.
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_NOT_AUDITED, EXIT_INTERNAL = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # SIGINT (Ctrl-C)
# A signal that ends the run exits 128 + its number, as a shell reports a process it killed.
EXIT_BY_SIGNAL = {"SIGINT": 130, "SIGTERM": 143, "SIGHUP": 129}
INTERNAL_ERROR = "internal error"


def exit_code(run: AuditRun) -> int:
    if run.ended_by.startswith(INTERNAL_ERROR):
        return EXIT_INTERNAL
    if run.interrupted:
        return EXIT_BY_SIGNAL.get(run.ended_by, EXIT_INTERRUPTED)
    return {"passed": EXIT_OK, "not gated": EXIT_OK, "failed": EXIT_FINDINGS, "error": EXIT_NOT_AUDITED,
            "incomplete": EXIT_INTERNAL}[gate(run)]
