"""The HTML view model: every grouping, count and ordering the HTML report shows, decided here.

Templates only loop and print. The report is an index (the gate, what editors and the web team
have to do, the template problems once per component, the list of articles) plus one page per
article (its checklist in impact order, its screenshots with numbered markers, the template
problems seen on it, what needs review). Counts name their unit: a *problem* is one rule on one
element (or the page); a *template problem* is one rule on one component of the site template.

The helpers the other formats share live in ``reports.common`` and are re-exported here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from auditor import wcag
from auditor.model import IMPACTS, AuditRun, Finding, PageResult

from . import components as comp
from .common import (  # noqa: F401  (re-exported for the other formats)
    FAIL, IMPACT_WORDS, NOT_AUDITED, PASS, STATE_LABELS, TOP_PROBLEMS, NotAudited, Problem,
    audited_viewports, baseline_state, finding_order, gate_text, ignored, join_names, kind_of,
    THIRD_PARTY, needs_review, not_audited, page_conditions, page_label, plural, rule_meta, run_baseline, safe_href, top_problems,
    viewport_label, viewport_names, viewport_states, viewport_word, where_it_fails)
from .images import CROP, SCREEN, Budget

Embed = Callable[[str | None, Budget], "str | None"]
Dimensions = Callable[[str | None], "tuple[int, int] | None"]

OPEN_ITEMS = 5  # checklist items shown open; the rest are folded
EXAMPLES = 3  # places shown for one template problem
COMPONENT_CROPS = 60  # template problems in the index that get a picture (its weight at scale)
COMPONENTS_SHOWN = 400  # template problems listed in the index; report.json has every one
MARKERS_PER_ITEM = 5
MARKER_SIZE = 24  # CSS px, the smallest touch target WCAG 2.5.8 allows
MARKER_GAP = 28  # CSS px between marker corners on a screenshot shown SHOT_WIDTH wide
SHOT_WIDTH = 360


def article_href(index: int) -> str:
    """Where article ``index`` (0-based, run order) is written, relative to report.html."""
    return f"articles/{index + 1:04d}.html"


# ---------------------------------------------------------------------------------------------
# Shared pieces


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
    alt_note: str  # how the current alt reads when there is none: "no alt attribute", "empty"
    suggestion: str | None
    not_loaded: bool  # the image file did not load when the page was audited


@dataclass
class MarkerLink:
    viewport: str
    words: str
    anchor: str


@dataclass
class Item:
    """One thing to fix on one article: what, why, how, where, and its picture."""

    number: int
    anchor: str
    open: bool
    rule: str
    engine_label: str
    title: str
    impact: str
    where: str  # "only on phones"
    new: bool
    why: str
    fix: str
    message: str
    messages: list[tuple[str, str]]
    photo: Photo | None
    crop: str | None
    crop_alt: str
    selector: str | None
    html: str
    related: list[str]
    help_href: str | None
    wcag: list[WcagRef]
    markers: list[MarkerLink] = field(default_factory=list)
    places: str | None = None  # template items: "12 places on this article"
    component_href: str | None = None  # template items: the problem in the index
    ignored: str | None = None  # "until 2026-12-31: vendor fix pending"


def _wcag(finding: Finding) -> list[WcagRef]:
    return [WcagRef(sc, *wcag.CRITERIA.get(sc, ("", ""))[:2], wcag.understanding_url(sc)) for sc in finding.wcag]


def _help_href(finding: Finding, meta: dict) -> str | None:
    href = safe_href(finding.help_url or meta.get("help_url"))
    return None if href in {wcag.understanding_url(sc) for sc in finding.wcag} else href


def _fix(meta: dict, finding: Finding) -> str:
    """The editor's fix (in the CMS) for an editor finding, the template fix otherwise."""
    if finding.audience == "editor" and meta.get("fix_editor"):
        return meta["fix_editor"]
    return meta.get("fix") or ""


def _photo(finding: Finding, crop: str | None, where: str) -> Photo | None:
    evidence = finding.evidence or {}
    if not any(key in evidence for key in ("alt", "caption", "src")) and finding.image_loaded is None:
        return None
    alt = evidence.get("alt")
    note = "no alt attribute" if alt is None else "empty (marked as decorative)" if alt == "" else ""
    not_loaded = finding.image_loaded is False
    crop_alt = (f"The place of the photo on the page {where}: the photo did not load" if not_loaded
                else f"The photo this problem is about, as it appears on the page {where}")
    return Photo(crop=crop, crop_alt=crop_alt, caption=evidence.get("caption"), alt=alt or None,
                 alt_note=note, suggestion=finding.suggestion, not_loaded=not_loaded)


def _item(run, number, page, finding, names, embed, with_crop=True) -> Item:
    meta = rule_meta(run, finding)
    audited = audited_viewports(page, names) or list(finding.viewports)
    where = where_it_fails(list(finding.viewports), audited)
    crop = embed(finding.crop, CROP) if with_crop else None
    photo = _photo(finding, crop, where)
    skip = ignored(finding)
    title = meta.get("title") or finding.title or finding.rule
    message = finding.message
    if message.startswith(f"{title}: "):  # axe messages lead with the title the item already shows
        message = message[len(title) + 2:]
        message = message[:1].upper() + message[1:]
    return Item(
        number=number, anchor=f"item-{number}", open=number <= OPEN_ITEMS, rule=finding.rule,
        engine_label="axe-core rule" if finding.engine == "axe" else "newsaudit rule",
        title=title, impact=finding.impact, where=where,
        new=baseline_state(finding) == "new", why=meta.get("why") or "", fix=_fix(meta, finding),
        message=message,
        messages=[("" if text.startswith(f"At {vp}") else f"At {vp}: ", text)
                  for vp in names for text in [finding.messages.get(vp)] if text],
        photo=photo, crop=None if photo else crop,
        crop_alt=f"{meta.get('title') or finding.rule}: the element, outlined in red",
        selector=finding.selector, html=finding.html or "", related=list(finding.related),
        help_href=_help_href(finding, meta), wcag=_wcag(finding),
        ignored=(f"{skip.get('reason') or 'no reason given'}"
                 + (f" (until {skip['until']})" if skip.get("until") else "")) if skip else None,
    )


def _order(finding: Finding) -> tuple:
    """New first (when there is a baseline), then worst impact, then rule and place."""
    return (baseline_state(finding) != "new", *finding_order(finding))


def _must_fix(finding: Finding) -> bool:
    return not needs_review(finding) and ignored(finding) is None


# ---------------------------------------------------------------------------------------------
# Screenshots and markers


@dataclass
class Marker:
    number: int
    anchor: str  # the marker's id
    target: str  # the item's id
    css_class: str
    left: float  # percent of the screenshot's width
    top: float  # percent of its height
    label: str


@dataclass
class Shot:
    viewport: str
    words: str  # "phones (XS, 375 px)"
    src: str | None
    alt: str
    note: str | None
    open: bool
    markers: list[Marker]


def _shots(run, page, names, items: list[tuple[Item, Finding | list[Finding]]], embed, dims) -> list[Shot]:
    shots = []
    audited = audited_viewports(page, names)
    for vp in names:
        if vp not in page.screenshots and vp in audited:
            continue
        width = (run.viewports.get(vp) or {}).get("width") or page.inner_widths.get(vp) or 0
        src = embed(page.screenshots.get(vp), SCREEN) if vp in audited else None
        size = dims(page.screenshots.get(vp)) if src else None
        note = None if src else (f"Not audited on {viewport_word(vp)}." if vp not in audited
                                 else f"No screenshot on {viewport_word(vp)}.")
        markers = []
        if src and size and width:
            height = size[1] * width / size[0]  # CSS px of the page the screenshot covers
            markers = _markers(vp, items, width, height)
        label = viewport_label(run, vp)
        shots.append(Shot(vp, label, src, f"The page on {label}, with numbered markers at the problems"
                          if markers else f"The page on {label}", note, not shots, markers))
    return [s for s in shots if s.src or s.note]


def _markers(vp: str, items, width: float, height: float) -> list[Marker]:
    """Markers at the top left of each item's boxes, nudged apart so none covers another."""
    scale = SHOT_WIDTH / width
    taken: list[tuple[float, float]] = []
    markers = []
    for item, findings in items:
        boxes = [f.boxes[vp] for f in findings if vp in (f.boxes or {})][:MARKERS_PER_ITEM]
        for k, box in enumerate(boxes):
            x, y = box[0] * scale, box[1] * scale
            if y + MARKER_SIZE > height * scale or x < -MARKER_SIZE:
                continue  # below what the screenshot shows
            x = min(max(0.0, x), SHOT_WIDTH - MARKER_SIZE)
            y = max(0.0, y)
            while any(abs(x - tx) < MARKER_GAP and abs(y - ty) < MARKER_GAP for tx, ty in taken):
                x += MARKER_GAP
                if x > SHOT_WIDTH - MARKER_SIZE:
                    x, y = 0.0, y + MARKER_GAP
            if y + MARKER_SIZE > height * scale:
                continue
            taken.append((x, y))
            anchor = f"mark-{vp}-{item.number}" + (f"-{k + 1}" if k else "")
            markers.append(Marker(item.number, anchor, item.anchor, f"m-{vp}-{item.number}-{k + 1}",
                                  round(100 * x / SHOT_WIDTH, 2), round(100 * y / (height * scale), 3),
                                  f"Problem {item.number}"))
            if k == 0:
                item.markers.append(MarkerLink(vp, viewport_word(vp), anchor))
    return markers


def marker_css(shots: list[Shot]) -> str:
    """Marker positions as classes: the report's CSP allows no style attributes."""
    return "".join(f".{m.css_class}{{left:{m.left}%;top:{m.top}%}}" for s in shots for m in s.markers)


# ---------------------------------------------------------------------------------------------
# One article


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
class ArticleView:
    number: int
    label: str
    title: str
    url: str
    href: str | None
    final_url: str | None
    index_href: str
    status: str
    error: str | None
    viewport_errors: list[tuple[str, str]]
    audited_at: str
    summary: str
    checklist: list[Item]
    template: list[Item]
    third_party: list[Item]
    conditions: list[str]  # how the page was reached: its consent banner, the tries it took
    review: list[Item]
    skipped: list[Item]
    shots: list[Shot]
    outlines: list[Outline]
    pictures_note: str | None
    css: str
    impact_filters: list[str]


def article(run: AuditRun, index: int, embed: Embed, dims: Dimensions,
            component_of: dict | None = None, names: list[str] | None = None) -> ArticleView:
    """One article's page. ``component_of`` (from the index) links its template problems there;
    ``names`` saves working out the run's viewports again for each of many articles."""
    page = run.pages[index]
    names = names or viewport_names(run)
    audited = audited_viewports(page, names)
    missing = [vp for vp in names if vp not in audited]
    ordered = sorted(page.findings, key=_order)
    editor = [f for f in ordered if f.audience == "editor" and _must_fix(f)]
    template = [f for f in ordered if f.audience == "template" and _must_fix(f)]
    third_party = [f for f in ordered if f.audience == THIRD_PARTY and _must_fix(f)]
    review = [f for f in ordered if needs_review(f) and ignored(f) is None]
    skipped = [f for f in ordered if ignored(f) is not None]

    number = 0
    marked: list[tuple[Item, list[Finding]]] = []

    def items(findings: list[Finding]) -> list[Item]:
        nonlocal number
        out = []
        for finding in findings:
            number += 1
            item = _item(run, number, page, finding, names, embed)
            marked.append((item, [finding]))
            out.append(item)
        return out

    checklist = items(editor)
    template_items = []
    wanted = {id(f) for f in template}
    for group in comp.components([(index, page)], lambda f: id(f) in wanted):
        number += 1
        first = group.members[0][2]
        item = _item(run, number, page, first, names, embed)
        item.title = _component_title(item.title, group)
        item.places = plural(len(group.members), "place") + " on this article"
        if component_of and group.key in component_of:
            item.component_href = f"../report.html#{component_of[group.key]}"
        marked.append((item, [f for _, _, f in group.members]))
        template_items.append(item)
    third_party_items = items(third_party)
    review_items = items(review)
    skipped_items = items(skipped)
    shots = _shots(run, page, names, marked, embed, dims) if page.status == "audited" else []

    if page.status != "audited":
        audited_at, summary = "Not audited.", f"This article could not be audited: {page.error or 'no reason recorded'}."
    else:
        audited_at = "Audited on " + join_names([viewport_label(run, vp) for vp in audited]) + "."
        if missing:
            audited_at += f" Not audited on {join_names([viewport_word(vp) for vp in missing])} ({', '.join(missing)})."
        parts = [f"{plural(len(checklist), 'problem')} to fix in this article" if checklist
                 else "Nothing to fix in this article"]
        if template_items:
            parts.append(f"{plural(len(template_items), 'template problem')} seen here, for the web team")
        if third_party_items:
            parts.append(f"{plural(len(third_party_items), 'problem')} inside ads and embeds")
        if review_items:
            parts.append(f"{len(review_items)} to review")
        summary = "; ".join(parts) + "."
    return ArticleView(
        number=index + 1, label=page_label(page), title=f"Article {index + 1}: {page_label(page)}",
        url=page.url, href=safe_href(page.url),
        final_url=(page.final_url if page.final_url and page.final_url != page.url and safe_href(page.url)
                   else None),
        index_href="../report.html", status=page.status,
        error=page.error if page.status != "audited" else None,
        viewport_errors=[(vp, page.viewport_errors[vp]) for vp in names if vp in page.viewport_errors],
        audited_at=audited_at, summary=summary, checklist=checklist, template=template_items,
        third_party=third_party_items, conditions=page_conditions(page),
        review=review_items, skipped=skipped_items, shots=shots, outlines=_outlines(page, names),
        pictures_note=_pictures_note(run) if page.status == "audited" and not page.screenshots else None,
        css=marker_css(shots), impact_filters=list(reversed(IMPACTS)),
    )


def _pictures_note(run: AuditRun) -> str | None:
    if run.settings.get("screenshots", True):
        return None
    return ("No pictures were taken in this run: they are taken when the HTML report is asked for, "
            "or with --screenshots.")


def _component_title(title: str, group: comp.Component) -> str:
    return f"{title} in {group.area}" if group.area else title


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


# ---------------------------------------------------------------------------------------------
# The index


@dataclass
class Example:
    article: str
    href: str
    where: str
    selector: str | None
    html: str


@dataclass
class ComponentView:
    anchor: str
    title: str
    impact: str
    where: str  # "on 37 of 40 articles, 184 places"
    site: str | None  # shown when the run spans several sites
    why: str
    fix: str
    rule: str
    engine_label: str
    help_href: str | None
    wcag: list[WcagRef]
    examples: list[Example]
    crop: str | None
    crop_alt: str


@dataclass
class ArticleRow:
    number: int
    label: str
    href: str
    url: str
    editor: str  # "3 problems", "nothing to fix"
    template: str
    review: str | None
    new: str | None
    status: str  # "audited", "partly", "error"
    note: str | None


@dataclass
class ErrorRow:
    href: str
    label: str
    where: str
    reason: str


@dataclass
class IndexView:
    title: str
    gate: dict
    editors: str
    web_team: str
    baseline: str | None
    total: str
    impacts: list[tuple[str, int, str]]
    errors: list[ErrorRow]
    components: list[ComponentView]
    components_hidden: str | None
    articles: list[ArticleRow]
    review: str | None
    third_party: str | None
    ignored: str | None
    viewports: list[str]
    about: list[tuple[str, str]]
    pictures_note: str | None
    impact_filters: list[str]
    component_of: dict = field(default_factory=dict)  # Component.key -> anchor


def index(run: AuditRun, embed: Embed) -> IndexView:
    names = viewport_names(run)
    audited_pages = [p for p in run.pages if p.status == "audited"]
    groups = comp.components(list(enumerate(run.pages)), lambda f: f.audience == "template" and _must_fix(f))
    sites = {g.site for g in groups}
    component_views, component_of = [], {}
    for k, group in enumerate(groups, 1):
        anchor = f"template-{k}"
        component_of[group.key] = anchor
        if k <= COMPONENTS_SHOWN:
            component_views.append(_component_view(run, anchor, group, len(audited_pages), names,
                                                   embed, k <= COMPONENT_CROPS, len(sites) > 1))
    hidden = len(groups) - len(component_views)

    rows, kinds, editor_pages = [], {}, 0
    template_pages = set()
    for group in groups:
        template_pages.update(group.pages)
    per_page_components: dict[int, int] = {}
    for group in groups:
        for i in group.pages:
            per_page_components[i] = per_page_components.get(i, 0) + 1
    review_total = 0
    for i, page in enumerate(run.pages):
        editor = [f for f in page.findings if f.audience == "editor" and _must_fix(f)]
        review_total += sum(1 for f in page.findings if needs_review(f) and ignored(f) is None)
        if editor:
            editor_pages += 1
        for f in editor:
            kinds.setdefault(kind_of(f.rule), set()).add((i, f.selector))
        rows.append(_row(run, i, page, names, editor, per_page_components.get(i, 0)))

    if editor_pages:
        things = sorted(kinds.items(), key=lambda kv: (-len(kv[1]), kv[0][0]))
        editors = (f"{plural(editor_pages, 'article needs', 'articles need')} changes: "
                   + ", ".join(plural(len(v), one, many) for (one, many), v in things) + ".")
    else:
        editors = "No article needs changes by an editor."
    web_team = (f"{plural(len(groups), 'template problem')}, on {plural(len(template_pages), 'article')}."
                if groups else "No template problem.")
    base = run_baseline(run)
    baseline = (f"Compared with the baseline: {base.get('new', 0)} new, {base.get('unchanged', 0)} unchanged, "
                f"{base.get('fixed', 0)} fixed (problems)." if base else None)
    ignored_total = sum(1 for p in run.pages for f in p.findings if ignored(f) is not None)
    third_party_total = sum(1 for p in run.pages for f in p.findings if f.audience == THIRD_PARTY and _must_fix(f))
    by_impact = {i: 0 for i in IMPACTS}
    for p in run.pages:
        for f in p.findings:
            if _must_fix(f):
                by_impact[f.impact] = by_impact.get(f.impact, 0) + 1
    settings = run.settings
    about = [("Tool", f"{run.tool.get('name', 'newsaudit')} {run.tool.get('version', '')}".strip()),
             ("axe-core", run.axe_version or "not recorded"),
             ("Screen sizes", ", ".join(viewport_label(run, vp) for vp in names)),
             ("Started", run.started or "not recorded"),
             ("Finished", run.finished or "not recorded")]
    for key, label in (("backend", "Browser backend"), ("viewport_mode", "Viewport mode"), ("fail_on", "Fail on")):
        if settings.get(key):
            about.append((label, str(settings[key])))
    return IndexView(
        title=f"Accessibility report for {plural(len(run.pages), 'article')}",
        gate=gate_text(run), editors=editors, web_team=web_team, baseline=baseline,
        total=plural(sum(by_impact.values()), "problem"),
        impacts=[(i, by_impact[i], IMPACT_WORDS[i]) for i in reversed(IMPACTS)],
        errors=[ErrorRow(article_href(e.index), page_label(e.page),
                         "the whole page" if e.viewport is None else f"on {viewport_label(run, e.viewport)}",
                         e.reason) for e in not_audited(run)],
        components=component_views,
        components_hidden=(f"{plural(hidden, 'more template problem')} with fewer places "
                           f"{'is' if hidden == 1 else 'are'} listed in report.json and on each article's page."
                           if hidden else None),
        articles=rows,
        review=(f"{plural(review_total, 'problem')} from rules under review "
                f"{'is' if review_total == 1 else 'are'} listed apart on each article's page, not as must-fix."
                if review_total else None),
        third_party=(f"{plural(third_party_total, 'problem')} inside ads and embeds (the site profile's "
                     f"ad and embed regions) {'is' if third_party_total == 1 else 'are'} listed apart on each "
                     "article's page, for whoever supplies them." if third_party_total else None),
        ignored=(f"{plural(ignored_total, 'problem')} {'is' if ignored_total == 1 else 'are'} ignored on purpose "
                 "and listed apart on each article's page." if ignored_total else None),
        viewports=[viewport_label(run, vp) for vp in names], about=about,
        pictures_note=_pictures_note(run), impact_filters=list(reversed(IMPACTS)), component_of=component_of,
    )


def _row(run, i, page, names, editor: list[Finding], components_here: int) -> ArticleRow:
    audited = audited_viewports(page, names)
    review = sum(1 for f in page.findings if needs_review(f) and ignored(f) is None)
    new = sum(1 for f in page.findings if baseline_state(f) == "new" and _must_fix(f))
    if page.status != "audited":
        status, note = "error", f"Not audited: {page.error or 'no reason recorded'}"
    elif len(audited) < len(names):
        missing = [vp for vp in names if vp not in audited]
        status, note = "partly", f"Not audited on {join_names([viewport_word(vp) for vp in missing])}"
    else:
        status, note = "audited", None
    return ArticleRow(
        number=i + 1, label=page_label(page), href=article_href(i), url=page.url,
        editor=plural(len(editor), "problem") if editor else ("not audited" if status == "error" else "nothing to fix"),
        template=plural(components_here, "template problem") if components_here else "none",
        review=f"{review} to review" if review else None, new=f"{new} new" if new else None,
        status=status, note=note)


def _component_view(run, anchor, group: comp.Component, audited_count, names, embed, with_crop, show_site):
    _, first_page, first = group.members[0]
    meta = rule_meta(run, first)
    pages = group.pages
    title = _component_title(meta.get("title") or first.title or first.rule, group)
    where = f"on {len(pages)} of {plural(audited_count, 'article')}, {plural(len(group.members), 'place')}"
    examples, seen = [], set()
    for i, page, finding in group.members:
        if i in seen:
            continue
        seen.add(i)
        audited = audited_viewports(page, names) or list(finding.viewports)
        examples.append(Example(page_label(page), article_href(i),
                                where_it_fails(list(finding.viewports), audited), finding.selector, finding.html or ""))
        if len(examples) == EXAMPLES:
            break
    crop = None
    if with_crop:
        crop = next((c for c in (embed(f.crop, CROP) for _, _, f in group.members if f.crop) if c), None)
    return ComponentView(
        anchor=anchor, title=title, impact=group.impact, where=where,
        site=group.site.removeprefix("file:") if show_site else None,
        why=meta.get("why") or "", fix=meta.get("fix") or "", rule=first.rule,
        engine_label="axe-core rule" if first.engine == "axe" else "newsaudit rule",
        help_href=_help_href(first, meta), wcag=_wcag(first), examples=examples, crop=crop,
        crop_alt=f"{title}: one of its places, outlined in red")
