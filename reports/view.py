"""The view model: every grouping, count and ordering the reports show, decided here in Python.

Templates only loop and print. The Markdown, JUnit and SARIF writers use the small helpers
(viewport states, rule metadata, top problems, what was not audited); the HTML uses ``build``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit

from auditor import wcag
from auditor.model import IMPACTS, AuditRun, Finding, PageResult, failing_findings, impact_rank

from .images import CROP, THUMBNAIL, Budget

FAIL, PASS, NOT_AUDITED = "fail", "pass", "not-audited"
STATE_LABELS = {FAIL: "fails", PASS: "passes", NOT_AUDITED: "not audited"}

IMPACT_WORDS = {
    "critical": "blocks some readers completely",
    "serious": "makes the page very hard to use for some readers",
    "moderate": "makes the page harder to use",
    "minor": "a small annoyance",
}

# Template findings (same rule and selector) on at least this many pages are shown once for the run.
RECURRING_MIN_PAGES = 2
TOP_PROBLEMS = 5

Embed = Callable[[str | None, Budget], "str | None"]


# ---------------------------------------------------------------------------------------------
# Helpers shared by every format


def viewport_names(run: AuditRun) -> list[str]:
    """The run's viewports in audit order, then any other name a page mentions."""
    names = list(run.viewports)
    for page in run.pages:
        extra = [*page.viewports_audited, *page.viewport_errors]
        extra += [vp for f in page.findings for vp in f.viewports]
        names += [vp for vp in extra if vp not in names]
    return list(dict.fromkeys(names))


def audited_viewports(page: PageResult, names: list[str]) -> list[str]:
    """Viewports actually audited on this page: listed as audited and without an error."""
    if page.status != "audited":
        return []
    return [vp for vp in names if vp in page.viewports_audited and vp not in page.viewport_errors]


def viewport_states(page: PageResult, failing: list[str], names: list[str]) -> dict[str, str]:
    """fail / pass / not-audited per viewport. A viewport that was not audited never passes."""
    audited = set(audited_viewports(page, names))
    return {vp: FAIL if vp in failing else PASS if vp in audited else NOT_AUDITED for vp in names}


def rule_meta(run: AuditRun, finding: Finding) -> dict:
    """The rule's metadata, filled from the finding where run.rules lacks it."""
    meta = dict(run.rules.get(finding.rule) or {})
    meta.setdefault("id", finding.rule)
    meta.setdefault("engine", finding.engine)
    meta.setdefault("impact", finding.impact)
    meta.setdefault("wcag", list(finding.wcag))
    meta.setdefault("audience", finding.audience)
    for key in ("title", "why", "fix", "help_url"):
        if not meta.get(key):
            meta[key] = {"title": finding.title or finding.rule, "help_url": finding.help_url}.get(key, "")
    meta.setdefault("page_level", finding.selector is None)
    return meta


def safe_href(url: str | None) -> str | None:
    """The URL if it is an http(s) URL fit for an href, else None (javascript:, data:, junk)."""
    if not url or any(ch in url for ch in "\r\n\t\0"):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def page_label(page: PageResult) -> str:
    return page.headline or page.title or page.url


def finding_order(finding: Finding) -> tuple:
    return (-impact_rank(finding.impact), finding.rule, finding.selector or "")


def gate_text(run: AuditRun) -> dict:
    """The CI gate in words: status passed/failed/error, a label and one sentence."""
    summary = run.summary()
    status, fail_on = summary["gate"], run.fail_on
    failing = len(list(failing_findings(run)))
    if status == "error":
        sentence = ("Some pages or screen sizes could not be audited, so the CI check reports an "
                    f"error (exit code {summary['exit_code']}).")
    elif status == "failed":
        sentence = (f"{plural(failing, 'problem')} at or above “{fail_on}”, so the CI check fails "
                    f"(exit code {summary['exit_code']}).")
    elif fail_on == "never":
        sentence = "The CI check ignores problems (fail-on: never)."
    else:
        sentence = f"No problem at or above “{fail_on}”, so the CI check passes."
    label = {"passed": "Passed", "failed": "Failed", "error": "Error: not everything was audited"}
    return {"status": status, "label": label[status], "sentence": sentence, "fail_on": fail_on,
            "failing": failing, "exit_code": summary["exit_code"]}


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def join_names(names: list[str]) -> str:
    """XS -> "XS"; XS, SM -> "XS and SM"; XS, SM, MD -> "XS, SM and MD"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


@dataclass
class Problem:
    """One rule across the run: how often it was found and on which pages."""

    rule: str
    title: str
    impact: str
    findings: int
    pages: list[PageResult]


def top_problems(run: AuditRun, limit: int | None = TOP_PROBLEMS) -> list[Problem]:
    """Rules by the number of pages they affect, then impact, then number of findings."""
    problems: dict[str, Problem] = {}
    for page in run.pages:
        for finding in page.findings:
            problem = problems.get(finding.rule)
            if problem is None:
                meta = rule_meta(run, finding)
                problem = problems[finding.rule] = Problem(finding.rule, meta["title"], finding.impact, 0, [])
            problem.findings += 1
            if impact_rank(finding.impact) > impact_rank(problem.impact):
                problem.impact = finding.impact
            if not any(p is page for p in problem.pages):
                problem.pages.append(page)
    ordered = sorted(problems.values(),
                     key=lambda p: (-len(p.pages), -impact_rank(p.impact), -p.findings, p.rule))
    return ordered[:limit] if limit else ordered


@dataclass
class NotAudited:
    page: PageResult
    index: int  # position of the page in run.pages
    viewport: str | None  # None: the whole page
    reason: str


def not_audited(run: AuditRun) -> list[NotAudited]:
    """Every page and viewport that could not be audited, with its reason, in run order."""
    names = viewport_names(run)
    items = []
    for index, page in enumerate(run.pages):
        if page.status != "audited":
            items.append(NotAudited(page, index, None, page.error or "the page could not be audited"))
            continue
        for vp in names:
            if vp in page.viewport_errors:
                items.append(NotAudited(page, index, vp, page.viewport_errors[vp] or "not audited"))
    return items


# ---------------------------------------------------------------------------------------------
# The HTML view model


@dataclass
class Badge:
    viewport: str
    state: str
    label: str


@dataclass
class WcagRef:
    sc: str
    name: str
    level: str
    url: str


@dataclass
class Photo:
    crop: str | None
    crop_alt: str
    caption: str | None
    alt: str | None
    alt_note: str  # how the current alt reads: quoted text, "no alt attribute", "empty"
    suggestion: str | None


@dataclass
class PageRef:
    anchor: str
    label: str
    viewports: str  # "fails at XS and SM"
    message: str | None  # only when it says something the group's message does not


@dataclass
class FindingView:
    anchor: str
    rule: str
    engine_label: str
    impact: str
    audience: str
    title: str
    why: str
    fix: str
    message: str
    messages: list[tuple[str, str]]
    badges: list[Badge]
    selector: str | None
    html: str
    help_href: str | None
    help_text: str
    wcag: list[WcagRef]
    related: list[str]
    suggestion: str | None
    photo: Photo | None
    crop: str | None
    crop_alt: str
    seen_on: str | None = None
    pages: list[PageRef] = field(default_factory=list)


@dataclass
class SiteWideRef:
    anchor: str
    title: str
    impact: str


@dataclass
class Shot:
    viewport: str
    size: str
    src: str | None
    alt: str
    note: str | None  # why there is no picture


@dataclass
class Heading:
    level: int
    text: str
    outside: bool  # outside the article body (site template)


@dataclass
class Outline:
    viewports: str
    headings: list[Heading]


@dataclass
class PageView:
    anchor: str
    number: int
    label: str
    url: str
    href: str | None
    final_url: str | None
    status: str
    error: str | None
    viewport_errors: list[tuple[str, str]]
    audited_at: str
    shots: list[Shot]
    editor: list[FindingView]
    template: list[FindingView]
    site_wide: list[SiteWideRef]
    outlines: list[Outline]
    editor_empty: str
    template_empty: str
    toc_note: str


@dataclass
class ImpactRow:
    impact: str
    count: int
    meaning: str


@dataclass
class ProblemRow:
    title: str
    rule: str
    impact: str
    where: str


@dataclass
class ErrorRow:
    anchor: str
    label: str
    where: str
    reason: str


@dataclass
class RunView:
    title: str
    stats: list[tuple[str, int]]
    impacts: list[ImpactRow]
    total: int
    gate: dict
    interrupted: bool
    problems: list[ProblemRow]
    errors: list[ErrorRow]
    site_wide: list[FindingView]
    articles: int
    pages: list[PageView]
    viewports: list[tuple[str, str]]  # name, "375 × 667"
    about: list[tuple[str, str]]
    impact_filters: list[str]


def build(run: AuditRun, embed: Embed) -> RunView:
    names = viewport_names(run)
    audited_pages = [p for p in run.pages if p.status == "audited"]
    groups = _recurring(run)
    site_wide = []
    group_anchor: dict[tuple, str] = {}
    for number, (key, members) in enumerate(groups, 1):
        anchor = f"site-{number}"
        group_anchor[key] = anchor
        site_wide.append(_group_view(run, anchor, members, names, len(audited_pages), embed))

    pages = [_page_view(run, i, page, names, group_anchor, embed) for i, page in enumerate(run.pages)]

    full = sum(1 for p in audited_pages if not p.viewport_errors)
    stats = [("Pages in this run", len(run.pages)),
             ("Audited at every screen size", full),
             ("Audited at some screen sizes only", len(audited_pages) - full),
             ("Could not be audited", len(run.pages) - len(audited_pages))]
    by_impact = run.summary()["findings_by_impact"]
    impacts = [ImpactRow(i, by_impact.get(i, 0), IMPACT_WORDS[i]) for i in reversed(IMPACTS)]
    problems = [ProblemRow(p.title, p.rule, p.impact,
                           f"on {plural(len(p.pages), 'page')}, {plural(p.findings, 'place')}")
                for p in top_problems(run)]
    errors = [ErrorRow(f"page-{e.index + 1}", page_label(e.page),
                       "the whole page" if e.viewport is None else f"at {e.viewport}", e.reason)
              for e in not_audited(run)]
    sizes = [(vp, _size(run, vp)) for vp in names]
    settings = run.settings
    about = [("Tool", f"{run.tool.get('name', 'newsaudit')} {run.tool.get('version', '')}".strip()),
             ("axe-core", run.axe_version or "not recorded"),
             ("Screen sizes", ", ".join(f"{n} ({s})" if s else n for n, s in sizes)),
             ("Started", run.started or "not recorded"),
             ("Finished", run.finished or "not recorded")]
    for key, label in (("backend", "Browser backend"), ("viewport_mode", "Viewport mode"),
                       ("fail_on", "Fail on")):
        if settings.get(key):
            about.append((label, str(settings[key])))
    count = len(run.pages)
    return RunView(
        title=f"Accessibility report for {plural(count, 'article')}",
        stats=stats, impacts=impacts, total=sum(r.count for r in impacts), gate=gate_text(run),
        interrupted=run.interrupted, problems=problems, errors=errors, site_wide=site_wide,
        articles=len(audited_pages), pages=pages, viewports=sizes, about=about,
        impact_filters=list(reversed(IMPACTS)),
    )


def _size(run: AuditRun, vp: str) -> str:
    size = run.viewports.get(vp) or {}
    return f"{size['width']} × {size['height']}" if "width" in size and "height" in size else ""


def _recurring(run: AuditRun) -> list[tuple[tuple, list[tuple[int, PageResult, Finding]]]]:
    """Template findings on two or more pages, keyed by (rule, selector), most widespread first."""
    seen: dict[tuple, list[tuple[int, PageResult, Finding]]] = {}
    for index, page in enumerate(run.pages):
        for finding in page.findings:
            if finding.audience == "template":
                members = seen.setdefault(finding.key, [])
                if not any(i == index for i, _, _ in members):
                    members.append((index, page, finding))
    groups = [(key, members) for key, members in seen.items() if len(members) >= RECURRING_MIN_PAGES]

    def order(item):
        key, members = item
        worst = max(impact_rank(f.impact) for _, _, f in members)
        return (-len(members), -worst, key[0], key[1] or "")

    return sorted(groups, key=order)


def _group_view(run, anchor, members, names, audited_count, embed) -> FindingView:
    _, first_page, first = members[0]
    worst = max((f for _, _, f in members), key=lambda f: impact_rank(f.impact))
    states: dict[str, str] = {}
    for vp in names:
        page_states = [viewport_states(p, f.viewports, names)[vp] for _, p, f in members]
        states[vp] = (FAIL if FAIL in page_states else NOT_AUDITED if NOT_AUDITED in page_states else PASS)
    view = _finding_view(run, anchor, first_page, first, names, embed, states=states)
    view.impact = worst.impact
    view.seen_on = f"Seen on {len(members)} of {plural(audited_count, 'article')}"
    view.pages = [PageRef(f"page-{i + 1}", page_label(p), "fails at " + join_names(f.viewports),
                          f.message if f.message != first.message else None)
                  for i, p, f in members]
    return view


def _finding_view(run, anchor, page, finding, names, embed, states=None) -> FindingView:
    meta = rule_meta(run, finding)
    states = states or viewport_states(page, finding.viewports, names)
    badges = [Badge(vp, state, STATE_LABELS[state]) for vp, state in states.items()]
    crop_vp = finding.viewports[0] if finding.viewports else ""
    crop = embed(finding.crop, CROP)
    evidence = finding.evidence or {}
    photo = None
    if any(key in evidence for key in ("alt", "caption", "src")):
        alt = evidence.get("alt")
        note = "no alt attribute" if alt is None else "empty (marked as decorative)" if alt == "" else ""
        photo = Photo(crop=crop, crop_alt=f"The photo this problem is about, cropped from the page at {crop_vp}",
                      caption=evidence.get("caption"), alt=alt or None, alt_note=note,
                      suggestion=finding.suggestion)
    help_href = safe_href(finding.help_url or meta.get("help_url"))
    wcag_urls = {wcag.understanding_url(sc) for sc in finding.wcag}
    if help_href in wcag_urls:
        help_href = None  # already linked as the WCAG criterion
    engine_label = "axe-core rule" if finding.engine == "axe" else "newsaudit rule"
    return FindingView(
        anchor=anchor, rule=finding.rule, engine_label=engine_label, impact=finding.impact,
        audience=finding.audience, title=finding.title or meta["title"], why=meta.get("why") or "",
        fix=meta.get("fix") or "", message=finding.message,
        messages=[(vp, finding.messages[vp]) for vp in names if vp in finding.messages],
        badges=badges,
        selector=finding.selector, html=finding.html or "",
        help_href=help_href, help_text=(f"{finding.rule} documentation from axe-core" if finding.engine == "axe"
                   else f"documentation of {finding.rule}"),
        wcag=[WcagRef(sc, wcag.name(sc), wcag.CRITERIA.get(sc, ("", "", ""))[1], wcag.understanding_url(sc))
              for sc in finding.wcag],
        related=list(finding.related), suggestion=finding.suggestion, photo=photo,
        crop=None if photo else crop,
        crop_alt=f"{finding.title or meta['title']}: the element at {crop_vp}, outlined",
    )


def _page_view(run, index, page, names, group_anchor, embed) -> PageView:
    number = index + 1
    anchor = f"page-{number}"
    audited = audited_viewports(page, names)
    errors = [(vp, page.viewport_errors[vp]) for vp in names if vp in page.viewport_errors]
    missing = [vp for vp in names if vp not in audited]
    editor, template, site_wide = [], [], []
    for j, finding in enumerate(sorted(page.findings, key=finding_order), 1):
        if finding.audience == "template" and finding.key in group_anchor:
            meta = rule_meta(run, finding)
            site_wide.append(SiteWideRef(group_anchor[finding.key], finding.title or meta["title"], finding.impact))
            continue
        view = _finding_view(run, f"{anchor}-f{j}", page, finding, names, embed)
        (editor if finding.audience == "editor" else template).append(view)

    if page.status != "audited":
        audited_at = "Not audited."
    elif not missing:
        audited_at = f"Audited at {join_names(audited)}."
    else:
        audited_at = (f"Audited at {join_names(audited) or 'no screen size'}; "
                      f"not audited at {join_names(missing)}.")
    where = f"at {join_names(audited)}" if audited else ""
    caveat = f" {join_names(missing)} could not be checked." if missing and audited else ""
    editor_empty = f"No problem found in the article {where}.{caveat}"
    template_empty = f"No problem found in the site template {where}.{caveat}"

    shots = []
    if page.screenshots and page.status == "audited":
        for vp in names:
            size = _size(run, vp)
            src = embed(page.screenshots.get(vp), THUMBNAIL)
            note = None
            if vp in missing:
                note = f"Not audited at {vp}."
            elif src is None:
                note = f"No screenshot at {vp}."
            if src is None and vp not in page.screenshots and vp not in missing:
                continue
            shots.append(Shot(vp, size, src, f"Top of the page at {vp}, {size.replace(' × ', ' by ')} pixels"
                              if size else f"Top of the page at {vp}", note))

    if page.status != "audited":
        toc_note = "could not be audited"
    else:
        parts = [f"{len(editor)} in the article", f"{len(template) + len(site_wide)} in the template"]
        toc_note = ", ".join(parts) + (f"; not audited at {join_names(missing)}" if missing else "")

    return PageView(
        anchor=anchor, number=number, label=page_label(page), url=page.url, href=safe_href(page.url),
        final_url=page.final_url if page.final_url and page.final_url != page.url else None,
        status=page.status, error=page.error if page.status != "audited" else None,
        viewport_errors=errors, audited_at=audited_at, shots=shots, editor=editor, template=template,
        site_wide=site_wide, outlines=_outlines(page, names), editor_empty=editor_empty,
        template_empty=template_empty, toc_note=toc_note,
    )


def _outlines(page: PageResult, names: list[str]) -> list[Outline]:
    """The heading outline per viewport; viewports with the same outline share one list."""
    groups: list[tuple[list[str], list[Heading]]] = []
    for vp in names:
        if vp not in page.outline:
            continue
        headings = [Heading(int(h.get("level") or 2), (h.get("text") or "").strip(), not h.get("in_article"))
                    for h in page.outline[vp]]
        for vps, existing in groups:
            if existing == headings:
                vps.append(vp)
                break
        else:
            groups.append(([vp], headings))
    return [Outline(join_names(vps), headings) for vps, headings in groups]
