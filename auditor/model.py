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
        tally = Tally(self.fail_on)
        for page in self.pages:
            tally.add(page)
        return tally.summary(self)

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


def page_failing(page: PageResult, run_fail_on: str) -> list[Finding]:
    """The page's findings at or above its --fail-on threshold (a [[pages]] fail_on over the
    run's) that count for the gate; a finding that needs review never counts."""
    fail_on = page.fail_on or run_fail_on
    if fail_on == "never":
        return []
    return [f for f in page.findings
            if impact_rank(f.impact) >= impact_rank(fail_on) and counts_for_gate(f) and not f.needs_review]


def failing_findings(run: AuditRun) -> Iterable[Finding]:
    """Every page's findings that fail the gate (page_failing)."""
    return [f for p in run.pages for f in page_failing(p, run.fail_on)]


# The gate's whole vocabulary; report renderers show exactly these words.
GATES = ("passed", "failed", "error", "incomplete", "not gated")
NOT_AUDITED = "not audited"


@dataclass
class Tally:
    """The counts behind a run's summary and its gate, added page by page: AuditRun.summary()
    adds every page, and the live report.json (auditor/live_report.py) each page once as it
    finishes."""

    fail_on: str
    pages: int = 0
    audited: int = 0
    errors: int = 0
    not_audited: int = 0
    ignored: int = 0
    failing: int = 0
    by_impact: dict = field(default_factory=lambda: {impact: 0 for impact in reversed(IMPACTS)})
    baseline_states: dict = field(default_factory=dict)

    def add(self, page: PageResult) -> None:
        self.pages += 1
        self.audited += page.status == "audited"
        self.errors += page.status == "error" or bool(page.viewport_errors)
        self.not_audited += page.status == NOT_AUDITED
        for finding in page.findings:
            self.by_impact[finding.impact] = self.by_impact.get(finding.impact, 0) + 1
            self.ignored += finding.ignored is not None
            self.baseline_states[finding.baseline] = self.baseline_states.get(finding.baseline, 0) + 1
        self.failing += len(page_failing(page, self.fail_on))

    def gate(self, interrupted: bool) -> str:
        """"incomplete" (the run ended early), "error" (something could not be audited), "failed"
        (findings at or above --fail-on), "not gated" (--fail-on never) or "passed"."""
        if interrupted or self.not_audited:
            return "incomplete"
        if self.errors:
            return "error"
        if self.fail_on == "never":
            return "not gated"
        return "failed" if self.failing else "passed"

    def summary(self, run: AuditRun) -> dict:
        """The summary report.json carries; ``run`` lends what is not counted page by page."""
        gate_word = self.gate(run.interrupted)
        summary = {
            "pages": self.pages,
            "audited": self.audited,
            "errors": self.errors,
            "not_audited": self.not_audited,
            "findings": sum(self.by_impact.values()),
            "findings_by_impact": dict(self.by_impact),
            "ignored": self.ignored,
            "gate": gate_word,
            "exit_code": exit_code_for(gate_word, run.interrupted, run.ended_by),
        }
        if run.baseline is not None:
            summary["baseline"] = {"new": self.baseline_states.get("new", 0),
                                   "unchanged": self.baseline_states.get("unchanged", 0), "fixed": len(run.fixed)}
        return summary


def gate(run: AuditRun) -> str:
    """The run's gate word (Tally.gate)."""
    return run.summary()["gate"]


# Exit codes: the README's table says the same. 1 only ever means findings.
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_NOT_AUDITED, EXIT_INTERNAL = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # SIGINT (Ctrl-C)
# A signal that ends the run exits 128 + its number, as a shell reports a process it killed.
EXIT_BY_SIGNAL = {"SIGINT": 130, "SIGTERM": 143, "SIGHUP": 129}
INTERNAL_ERROR = "internal error"


def exit_code(run: AuditRun) -> int:
    return run.summary()["exit_code"]


def exit_code_for(gate_word: str, interrupted: bool, ended_by: str) -> int:
    if ended_by.startswith(INTERNAL_ERROR):
        return EXIT_INTERNAL
    if interrupted:
        return EXIT_BY_SIGNAL.get(ended_by, EXIT_INTERRUPTED)
    return {"passed": EXIT_OK, "not gated": EXIT_OK, "failed": EXIT_FINDINGS, "error": EXIT_NOT_AUDITED,
            "incomplete": EXIT_INTERNAL}[gate_word]
