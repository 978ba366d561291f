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
# Places listed under one rule on one page; the rest are counted (all are in report.json). Keeps a
# page with hundreds of identical axe findings readable, and the file small.
PLACES_SHOWN = 25
# Element screenshots per card (photo findings always get theirs): the crops are most of a large
# report's weight, and the first few show what the rest look like.
CROPS_PER_CARD = 8
# A site-wide place lists its articles; past this many the list is folded.
PAGES_UNFOLDED = 6

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
    if status == "incomplete":
        sentence = (f"The run ended before every page was audited, so the CI check is incomplete "
                    f"(exit code {summary['exit_code']}).")
    elif status == "error":
        sentence = ("Some pages or screen sizes could not be audited, so the CI check reports an "
                    f"error (exit code {summary['exit_code']}).")
    elif status == "failed":
        sentence = (f"{plural(failing, 'problem')} at or above “{fail_on}”, so the CI check fails "
                    f"(exit code {summary['exit_code']}).")
    elif fail_on == "never":
        sentence = "The CI check ignores problems (fail-on: never)."
    else:
        sentence = f"No problem at or above “{fail_on}”, so the CI check passes."
    label = {"passed": "Passed", "failed": "Failed", "error": "Error: not everything was audited",
             "incomplete": "Incomplete: the run ended early", "not gated": "Not gated"}
    return {"status": status, "label": label.get(status, status), "sentence": sentence, "fail_on": fail_on,
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
    message: str | None  # only when it says something the place's own message does not


@dataclass
class Place:
    """One element (or the page) that fails a rule: where, what, and what it looks like."""

    anchor: str
    impact: str
    message: str
    messages: list[tuple[str, str]]  # (prefix such as "At SM: ", message) where a viewport differs
    badges: list[Badge]
    selector: str | None
    html: str
    related: list[str]
    suggestion: str | None
    photo: Photo | None
    crop: str | None
    crop_alt: str
    seen_on: str | None = None  # site-wide places: "Seen on 3 of 4 articles"
    pages: list[PageRef] = field(default_factory=list)
    fold_pages: bool = False  # a long list of articles is folded away


@dataclass
class Card:
    """One rule on one page (or, site-wide, across the run): explained once, then its places."""

    anchor: str
    rule: str
    engine_label: str
    impact: str  # the worst impact among its places
    audience: str
    title: str
    why: str
    fix: str
    help_href: str | None
    help_text: str
    wcag: list[WcagRef]
    places: list[Place]
    count: str | None  # "3 places"; None for one
    hidden: str | None  # "and 12 more places like these …", when the list is cut
    seen_on: str | None = None


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
    editor: list[Card]
    template: list[Card]
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
    site_wide: list[Card]
    pages: list[PageView]
    viewports: list[tuple[str, str]]  # name, "375 × 667"
    about: list[tuple[str, str]]
    impact_filters: list[str]


def build(run: AuditRun, embed: Embed) -> RunView:
    names = viewport_names(run)
    audited_pages = [p for p in run.pages if p.status == "audited"]
    site_wide, card_of = _site_wide_cards(run, names, len(audited_pages), embed)
    pages = [_page_view(run, i, page, names, card_of, embed) for i, page in enumerate(run.pages)]

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
    return RunView(
        title=f"Accessibility report for {plural(len(run.pages), 'article')}",
        stats=stats, impacts=impacts, total=sum(r.count for r in impacts), gate=gate_text(run),
        interrupted=run.interrupted, problems=problems, errors=errors, site_wide=site_wide,
        pages=pages, viewports=sizes, about=about, impact_filters=list(reversed(IMPACTS)),
    )


def _size(run: AuditRun, vp: str) -> str:
    size = run.viewports.get(vp) or {}
    return f"{size['width']} × {size['height']}" if "width" in size and "height" in size else ""


Member = tuple[int, PageResult, Finding]  # page index, page, finding


def _recurring(run: AuditRun) -> dict[tuple, list[Member]]:
    """Template findings on two or more pages, keyed by (rule, selector)."""
    seen: dict[tuple, list[Member]] = {}
    for index, page in enumerate(run.pages):
        for finding in page.findings:
            if finding.audience == "template":
                members = seen.setdefault(finding.key, [])
                if not any(i == index for i, _, _ in members):
                    members.append((index, page, finding))
    return {key: members for key, members in seen.items() if len(members) >= RECURRING_MIN_PAGES}


def _site_wide_cards(run, names, audited_count, embed) -> tuple[list[Card], dict[tuple, Card]]:
    """One card per rule for the recurring template findings; its places are the (rule, selector)
    keys, most widespread first. Returns the cards and the card of each recurring key."""
    by_rule: dict[str, list[list[Member]]] = {}
    for members in _recurring(run).values():
        by_rule.setdefault(members[0][2].rule, []).append(members)
    cards, card_of = [], {}
    for groups in by_rule.values():
        groups.sort(key=lambda m: (-len(m), -max(impact_rank(f.impact) for _, _, f in m), m[0][2].selector or ""))
    ordered = sorted(by_rule.values(), key=lambda groups: (
        -len({i for m in groups for i, _, _ in m}),
        -max(impact_rank(f.impact) for m in groups for _, _, f in m), groups[0][0][2].rule))
    for number, groups in enumerate(ordered, 1):
        anchor = f"site-{number}"
        places = [_site_wide_place(f"{anchor}-{k}", members, names, audited_count, embed, k <= CROPS_PER_CARD)
                  for k, members in enumerate(groups[:PLACES_SHOWN], 1)]
        first = groups[0][0][2]
        pages_hit = len({i for m in groups for i, _, _ in m})
        card = _card(run, anchor, first, places, len(groups))
        card.seen_on = f"On {pages_hit} of {plural(audited_count, 'article')}"
        if len(places) == 1:
            places[0].seen_on = None  # the card says it already
        cards.append(card)
        for members in groups:
            card_of[members[0][2].key] = card
    return cards, card_of


def _site_wide_place(anchor, members: list[Member], names, audited_count, embed, with_crop) -> Place:
    _, first_page, first = members[0]
    states: dict[str, str] = {}
    for vp in names:
        page_states = [viewport_states(p, f.viewports, names)[vp] for _, p, f in members]
        states[vp] = FAIL if FAIL in page_states else NOT_AUDITED if NOT_AUDITED in page_states else PASS
    place = _place(anchor, first_page, first, names, embed, with_crop, states=states)
    place.impact = max((f.impact for _, _, f in members), key=impact_rank)
    if any(f.message != first.message for _, _, f in members):
        place.message = f"On “{page_label(first_page)}”: {first.message}"
    place.seen_on = f"Seen on {len(members)} of {plural(audited_count, 'article')}"
    place.pages = [PageRef(f"page-{i + 1}", page_label(p), "fails at " + join_names(f.viewports),
                           f.message if f.message != first.message else None)
                   for i, p, f in members]
    place.fold_pages = len(place.pages) > PAGES_UNFOLDED
    return place


def _card(run, anchor, first: Finding, places: list[Place], total: int) -> Card:
    meta = rule_meta(run, first)
    help_href = safe_href(first.help_url or meta.get("help_url"))
    if help_href in {wcag.understanding_url(sc) for sc in first.wcag}:
        help_href = None  # already linked as the WCAG criterion
    engine_label = "axe-core rule" if first.engine == "axe" else "newsaudit rule"
    more = total - len(places)
    return Card(
        anchor=anchor, rule=first.rule, engine_label=engine_label,
        impact=max((p.impact for p in places), key=impact_rank), audience=first.audience,
        title=first.title or meta["title"], why=meta.get("why") or "", fix=meta.get("fix") or "",
        help_href=help_href,
        help_text=(f"{first.rule} documentation from axe-core" if first.engine == "axe"
                   else f"documentation of {first.rule}"),
        wcag=[WcagRef(sc, *wcag.CRITERIA.get(sc, ("", ""))[:2], wcag.understanding_url(sc))
              for sc in first.wcag],
        places=places, count=plural(total, "place") if total > 1 else None,
        hidden=(f"{plural(more, 'more place')} like these {'is' if more == 1 else 'are'} not shown here; "
                "report.json lists every one.") if more > 0 else None,
    )


def _place(anchor, page, finding, names, embed, with_crop=True, states=None) -> Place:
    states = states or viewport_states(page, finding.viewports, names)
    crop_vp = finding.viewports[0] if finding.viewports else ""
    evidence = finding.evidence or {}
    is_photo = any(key in evidence for key in ("alt", "caption", "src"))
    crop = embed(finding.crop, CROP) if with_crop or is_photo else None
    photo = None
    if is_photo:
        alt = evidence.get("alt")
        note = "no alt attribute" if alt is None else "empty (marked as decorative)" if alt == "" else ""
        photo = Photo(crop=crop, crop_alt=f"The photo this problem is about, cropped from the page at {crop_vp}",
                      caption=evidence.get("caption"), alt=alt or None, alt_note=note,
                      suggestion=finding.suggestion)
    title = finding.title or finding.rule
    return Place(
        anchor=anchor, impact=finding.impact, message=finding.message,
        messages=[("" if text.startswith(f"At {vp}") else f"At {vp}: ", text)
                  for vp in names for text in [finding.messages.get(vp)] if text],
        badges=[Badge(vp, state, STATE_LABELS[state]) for vp, state in states.items()],
        selector=finding.selector, html=finding.html or "", related=list(finding.related),
        suggestion=finding.suggestion, photo=photo, crop=None if photo else crop,
        crop_alt=f"{title}: the element at {crop_vp}, outlined",
    )


def _page_cards(run, anchor, page, findings: list[Finding], names, embed) -> list[Card]:
    """One card per rule, worst first; places in report order, cut at PLACES_SHOWN."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=finding_order):
        by_rule.setdefault(finding.rule, []).append(finding)
    ordered = sorted(by_rule.values(), key=lambda fs: (-max(impact_rank(f.impact) for f in fs), -len(fs), fs[0].rule))
    cards = []
    for number, group in enumerate(ordered, 1):
        card_anchor = f"{anchor}-{group[0].audience[0]}{number}"
        places = [_place(f"{card_anchor}-{k}", page, f, names, embed, k <= CROPS_PER_CARD)
                  for k, f in enumerate(group[:PLACES_SHOWN], 1)]
        cards.append(_card(run, card_anchor, group[0], places, len(group)))
    return cards


def _page_view(run, index, page, names, card_of, embed) -> PageView:
    number = index + 1
    anchor = f"page-{number}"
    audited = audited_viewports(page, names)
    errors = [(vp, page.viewport_errors[vp]) for vp in names if vp in page.viewport_errors]
    missing = [vp for vp in names if vp not in audited]
    editor, template, site_wide, shared = [], [], {}, 0
    for finding in sorted(page.findings, key=finding_order):
        if finding.audience == "template" and finding.key in card_of:
            card = card_of[finding.key]
            site_wide.setdefault(card.anchor, SiteWideRef(card.anchor, card.title, card.impact))
            shared += 1
        else:
            (editor if finding.audience == "editor" else template).append(finding)
    editor_cards = _page_cards(run, anchor, page, editor, names, embed)
    template_cards = _page_cards(run, anchor, page, template, names, embed)

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
        parts = [f"{plural(len(editor), 'problem')} in the article",
                 f"{len(template) + shared} in the template"]
        toc_note = ", ".join(parts) + (f"; not audited at {join_names(missing)}" if missing else "")

    return PageView(
        anchor=anchor, number=number, label=page_label(page), url=page.url, href=safe_href(page.url),
        # A local file's final URL is the built-in server's, with a port that means nothing later.
        final_url=(page.final_url if page.final_url and page.final_url != page.url and safe_href(page.url)
                   else None),
        status=page.status, error=page.error if page.status != "audited" else None,
        viewport_errors=errors, audited_at=audited_at, shots=shots, editor=editor_cards,
        template=template_cards, site_wide=list(site_wide.values()), outlines=_outlines(page, names),
        editor_empty=editor_empty, template_empty=template_empty, toc_note=toc_note,
    )


def _outlines(page: PageResult, names: list[str]) -> list[Outline]:
    """The heading outline per viewport; viewports with the same outline share one list."""
    groups: list[tuple[list[str], list[Heading]]] = []
    for vp in names:
        if vp not in page.outline:
            continue
        # "Site template" marks only make sense where some headings were found in the article body.
        marks = any(h.get("in_article") for h in page.outline[vp])
        headings = [Heading(int(h.get("level") or 2), (h.get("text") or "").strip(),
                            marks and not h.get("in_article"))
                    for h in page.outline[vp]]
        for vps, existing in groups:
            if existing == headings:
                vps.append(vp)
                break
        else:
            groups.append(([vp], headings))
    return [Outline(join_names(vps), headings) for vps, headings in groups]
