"""Runs the audit: pages × viewports through one browser, rules over each snapshot, merged findings."""
from __future__ import annotations

import asyncio
import datetime as dt
import time
from dataclasses import dataclass
from typing import Callable

from . import __version__, axe_rules, pictures, regions, retries, scripts, secret_values, site, steps
from .browsers import Backend, BrowserError, BrowserLost, NoBrowser, Tab, make_backend
from .browsers.errors import not_html
from .gather import gather
from .merge import Verdict, merge
from .model import NOT_AUDITED, AuditRun, PageResult, Snapshot, Viewport
from .pages_config import settings_for
from .registry import Catalogue, Rule
from .rulerunner import RuleRunner
from .settings import Settings

MAX_CROPS_PER_PAGE = 40
# A page with more elements or text than this that runs out of time is called large, not busy.
LARGE_PAGE_ELEMENTS = 20_000
LARGE_PAGE_TEXT = 200_000
# Seconds that stopping the browser may take once the run is over or interrupted.
STOP_BUDGET = 15
NEVER_STARTED = "not audited: the run ended before this page was started"
CUT_SHORT = "not audited: the run ended while this page was being audited"
# What report.json says of a page while the run goes (auditor/live_report.py).
NOT_YET = ("not audited yet: the run was still going when report.json was written (if it was killed "
           "then, newsaudit audit --resume finishes it)")


@dataclass
class Target:
    """One page to audit: ``url`` is what the report shows, ``fetch_url`` what the browser loads
    (a local file's URL on the built-in server), ``error`` a reason it cannot be audited at all."""

    url: str
    fetch_url: str = ""
    error: str | None = None
    path: str | None = None  # a local file's absolute path (served again on --resume)


# Called as each page finishes, with its index in the targets.
Progress = Callable[[int, PageResult], None]


def news_rules(settings: Settings, catalogue: Catalogue) -> list[Rule]:
    return [r for r in catalogue.rules.values() if r.id not in settings.disabled_rules]


def rule_runner(settings: Settings, catalogue: Catalogue) -> RuleRunner:
    return RuleRunner(news_rules(settings, catalogue), settings.rule_settings, axe_check=catalogue.axe_check)


class PageNotLoaded(Exception):
    """The first load failed: the page is an error, with no viewport to try."""


class PageAudit:
    """One page through every viewport, in one worker's tab."""

    def __init__(self, tab: Tab, target: Target, settings: Settings, rules: RuleRunner,
                 assets: pictures.AssetStore, backend_name: str, same_problem: dict, borrowed: bool = False):
        self.tab, self.target, self.settings, self.rules = tab, target, settings, rules
        self.same_problem = same_problem  # axe rule -> news rules: one finding where both fire
        # A page the caller had open: audited as it stands, resized through the viewports, never loaded.
        self.borrowed = borrowed
        # The rule process runs the run's rules; a [[pages]] table may switch some off for this page.
        self.rule_ids = {rule_id for rule_id in rules.rules if rule_id not in settings.disabled_rules}
        self.marks = None
        self.assets, self.backend_name = assets, backend_name
        self.page = PageResult(url=target.url)
        self.verdicts: list[Verdict] = []
        self.crop_by_selector: dict[str, str] = {}  # one picture per element is enough
        self.boxes: dict[str, dict] = {}  # selector -> viewport -> [x, y, width, height]
        self.loaded: dict[str, bool] = {}  # <img> selector -> whether its file loaded
        self.full_page_taken = False
        self.axe_version = ""
        self.axe_rules: dict[str, dict] = {}
        self.elements = self.text = 0  # counted after each load, to tell a large page from a busy one

    async def run(self) -> PageResult:
        started = time.monotonic()
        try:
            return await self._run()
        finally:
            self.page.seconds = round(time.monotonic() - started, 3)  # JUnit's times

    async def _run(self) -> PageResult:
        settings = self.settings
        loaded = self.borrowed
        if self.borrowed:
            self.page.final_url = self.target.url
        # A script that keeps the page busy forever would hang every call into it: bound each step.
        budget = 2 * settings.browser.timeout + 10 + site.extra_seconds(settings.site)
        for index, viewport in enumerate(settings.viewports):
            try:
                snapshot = await asyncio.wait_for(self.visit(index, viewport, loaded), budget)
                loaded = True
                # The rules have their own budget, in their own process: no page is blamed for them.
                verdicts = await self.judge_viewport(viewport, snapshot)
                if self.settings.screenshots and self.assets.root is not None:
                    try:
                        await asyncio.wait_for(self.take_pictures(viewport, verdicts), budget)
                    except asyncio.TimeoutError:
                        await self.tab.reset(hung=True)  # pictures are a courtesy; a hung page is not reused
                        loaded = False
            except PageNotLoaded as error:
                self.page.status, self.page.error = "error", str(error)
                return self.page  # the page itself cannot be loaded: no viewport will be
            except BrowserLost:
                raise  # the whole browser is gone: the worker restarts it and retries the page
            except (BrowserError, asyncio.TimeoutError) as error:
                reason = str(error) or self.timeout_reason(viewport, budget)
                self.page.viewport_errors[viewport.name] = reason
                if isinstance(error, asyncio.TimeoutError) or "crash" in reason:
                    await self.tab.reset(hung=True)  # a hung or crashed renderer is not reused
                    loaded = False
        if not self.page.viewports_audited:
            self.page.status = "error"
            self.page.error = next(iter(self.page.viewport_errors.values()), "no viewport could be audited")
        self.page.findings = merge(self.verdicts, [v.name for v in settings.viewports], self.same_problem)
        self.page.browser_node = self.tab.browser_node
        self.attach_pictures()
        return self.page

    def timeout_reason(self, viewport: Viewport, budget: float) -> str:
        size = []
        if self.elements > LARGE_PAGE_ELEMENTS:
            size.append(f"{self.elements:,} elements")
        if self.text > LARGE_PAGE_TEXT:
            size.append(f"{self.text:,} characters of text")
        if size:
            return (f"auditing {viewport.name} took longer than {budget:g} s: the page has {' and '.join(size)}, "
                    "too much to audit in that time (a larger --timeout allows more)")
        return f"the page stopped responding for {budget:g} s (a script kept it busy)"

    async def visit(self, index: int, viewport: Viewport, loaded: bool) -> Snapshot:
        """Load (or resize to) one viewport and gather its snapshot."""
        if (self.settings.viewport_mode == "resize" or self.borrowed) and loaded:
            await self.tab.set_viewport(viewport.width, viewport.height)
        else:
            if index > 0:
                await self.tab.clear_site_data()
            await self.tab.set_viewport(viewport.width, viewport.height)
            try:
                info, tries = await retries.load(self.tab, self.target.fetch_url or self.target.url,
                                                 self.settings.site.retries)
            except BrowserLost:
                raise
            except BrowserError as error:
                if index == 0:
                    raise PageNotLoaded(str(error)) from None
                raise
            self.page.tries = max(self.page.tries, tries)
            try:
                banner = await site.after_load(self.tab, self.settings.site)
            except steps.StepFailed as error:
                raise PageNotLoaded(str(error)) from None
            self.page.consent = self.page.consent if self.page.consent.get("found") else banner
            self.page.final_url = info.final_url
            await self.check_document(index)
        return await self.gather_viewport(viewport)

    async def check_document(self, index: int) -> None:
        """What the browser made of the response: a PDF sent without a Content-Type is sniffed
        into Chromium's viewer, which is no article to audit. Counts the elements, too."""
        kind, self.elements, self.text = await self.tab.evaluate(
            "() => [document.contentType || '', document.getElementsByTagName('*').length,"
            " (document.body && document.body.textContent || '').length]")
        reason = not_html(str(kind).lower())
        if reason:
            reason = reason.replace("the server sent", "the browser opened it as")
            raise PageNotLoaded(reason) if index == 0 else BrowserError(reason)

    async def gather_viewport(self, viewport: Viewport) -> Snapshot:
        snapshot = await gather(self.tab, self.target.url, self.page.final_url, viewport,
                                self.settings.gather, self.backend_name)
        marks = await regions.classify(self.tab, snapshot, self.settings.gather)
        snapshot = regions.scope(snapshot, marks)
        self.axe_version = snapshot.axe_version
        for rule in snapshot.axe.get("violations", []):
            self.axe_rules[rule["id"]] = {"title": rule.get("help", ""), "why": rule.get("description", "")}
        document = snapshot.group("document")
        self.page.title = self.page.title or document.get("title", "")
        self.page.headline = self.page.headline or document.get("headline") or ""
        self.page.inner_widths[viewport.name] = snapshot.inner_width
        self.page.outline[viewport.name] = [
            {"level": h["level"], "text": h["text"], "selector": h["selector"], "in_article": h["in_article"]}
            for h in snapshot.group("headings") if h.get("rendered") and not h.get("aria_hidden")]
        self.marks = marks
        return snapshot

    async def judge_viewport(self, viewport: Viewport, snapshot: Snapshot) -> list[Verdict]:
        verdicts, errors = await self.rules.judge(snapshot)
        # The rule process runs the run's rules; a [[pages]] table may switch some off here.
        verdicts = [v for v in verdicts if v.rule is None or v.rule.id in self.rule_ids]
        regions.assign_audience(verdicts, self.marks)
        self.verdicts.extend(verdicts)
        if errors:
            raise BrowserError("; ".join(errors))
        self.page.viewports_audited.append(viewport.name)
        return verdicts

    async def take_pictures(self, viewport: Viewport, verdicts: list[Verdict]) -> None:
        """One screenshot of the first screen; each element's crop cut from it in Pillow. Elements
        below the first screen share one full-page capture per page, taken at the first viewport
        that needs it. Boxes of every element are kept per viewport, for the report's markers."""
        try:
            await self.tab.evaluate("() => scrollTo(0, 0)")
            screen = await asyncio.to_thread(pictures.Screen.from_capture, await self.tab.screenshot(), viewport.width)
            selectors = list(dict.fromkeys(v.violation.selector for v in verdicts if v.violation.selector))
            measured = await self.tab.evaluate(scripts.function(*scripts.BOXES), {"selectors": selectors})
            boxes = measured["boxes"]
            for selector, box in boxes.items():
                self.boxes.setdefault(selector, {})[viewport.name] = pictures.rounded_box(box)
                if box.get("loaded") is not None:
                    self.loaded.setdefault(selector, box["loaded"])
            wanted = [s for s in selectors if s in boxes and s not in self.crop_by_selector]
            below = [s for s in wanted if not screen.holds(boxes[s])]
            full = None
            if below and not self.full_page_taken and len(self.crop_by_selector) < MAX_CROPS_PER_PAGE:
                full, boxes = await self.full_page(viewport, measured["page_height"], selectors, boxes)
            # Pillow's work, off the event loop, where it would hold up the other workers' pages.
            await asyncio.to_thread(self.cut, viewport, full or screen, wanted, boxes)
        except BrowserError:
            pass  # pictures are a courtesy: a failed screenshot never fails the audit

    async def full_page(self, viewport: Viewport, page_height: int, selectors: list[str], boxes: dict):
        """The whole page (up to FULL_PAGE_MAX_HEIGHT) in one capture, by making the viewport as
        tall as the page for a moment; boxes are measured again in that layout, so the crops
        match the capture, while the boxes kept for markers stay the reader's."""
        self.full_page_taken = True
        height = min(max(page_height, viewport.height), pictures.FULL_PAGE_MAX_HEIGHT)
        try:
            await self.tab.set_viewport(viewport.width, height)
            await self.tab.evaluate("() => scrollTo(0, 0)")
            remeasured = await self.tab.evaluate(scripts.function(*scripts.BOXES), {"selectors": selectors})
            full = await asyncio.to_thread(pictures.Screen.from_capture, await self.tab.screenshot(), viewport.width)
        finally:
            await self.tab.set_viewport(viewport.width, viewport.height)
        return full, {**boxes, **remeasured["boxes"]}

    def cut(self, viewport: Viewport, shot: pictures.Screen, wanted: list[str], boxes: dict) -> None:
        """The viewport's thumbnail, and the crop of each element ``wanted`` that ``shot`` holds
        (boxes were measured in the layout of the capture they cut from)."""
        self.page.screenshots[viewport.name] = self.assets.save(self.target.url, viewport.name, shot.thumbnail())
        for selector in wanted:
            if len(self.crop_by_selector) >= MAX_CROPS_PER_PAGE:
                break
            data = shot.crop(boxes[selector]) if shot.holds(boxes[selector]) else None
            if data:
                name = f"{viewport.name}-crop{len(self.crop_by_selector)}"
                self.crop_by_selector[selector] = self.assets.save(self.target.url, name, data)

    def attach_pictures(self) -> None:
        for finding in self.page.findings:
            finding.crop = self.crop_by_selector.get(finding.selector) if finding.selector else None
            finding.boxes = dict(self.boxes.get(finding.selector, {})) if finding.selector else {}
            if finding.selector in self.loaded:
                finding.image_loaded = self.loaded[finding.selector]


class Worker:
    """One worker: a tab, a rule process, and the page it is on."""

    def __init__(self, backend: Backend, settings: Settings, catalogue: Catalogue, assets: pictures.AssetStore):
        self.backend, self.settings, self.assets, self.catalogue = backend, settings, assets, catalogue
        self.rules = rule_runner(settings, catalogue)
        self.tab: Tab | None = None

    async def audit(self, target: Target) -> tuple[PageResult, PageAudit | None]:
        """One page; when the browser dies under it, a new browser and one more try."""
        reason = ""
        for attempt in (1, 2):
            try:
                if self.tab is None:
                    self.tab = await self.backend.new_tab()
                await self.tab.reset()
                page_settings = settings_for(self.settings, target.url)
                audit = PageAudit(self.tab, target, page_settings, self.rules, self.assets, self.backend.name,
                                  self.catalogue.same_problem)
                page = await audit.run()
                if page_settings.fail_on != self.settings.fail_on:
                    page.fail_on = page_settings.fail_on
                return page, audit
            except (BrowserLost, NoBrowser) as error:
                reason = str(error)
                await self.drop_tab()
                try:
                    await self.backend.recover()
                except NoBrowser as error:
                    reason = f"{reason}; a new browser could not be started: {error}"
                    break
            except BrowserError as error:  # a tab that could not be set up for this page
                await self.drop_tab()
                return PageResult(url=target.url, status="error", error=str(error)), None
        retried = " (tried twice)" if attempt == 2 else ""
        return PageResult(url=target.url, status="error", error=f"{reason}{retried}"), None

    async def drop_tab(self) -> None:
        if self.tab is not None:
            try:
                await asyncio.wait_for(self.tab.close(), STOP_BUDGET)
            except (BrowserError, asyncio.TimeoutError):
                pass  # a tab of a dead browser
            self.tab = None

    async def close(self) -> None:
        self.rules.stop()
        await self.drop_tab()


async def audit_targets(targets: list[Target], settings: Settings, catalogue: Catalogue,
                        progress: Progress | None = None, results: list | None = None,
                        backend: Backend | None = None, info: dict | None = None) -> dict:
    """Audit every target; fills ``results`` (by input order) as pages finish, so an interrupted run
    still has what was done, and ``info["in_flight"]`` with the pages being audited. Returns facts
    about the run (browser and axe versions)."""
    results = results if results is not None else [None] * len(targets)
    assets = pictures.AssetStore(settings.output if settings.screenshots else None)
    info = info if info is not None else {}
    info.update({"browser": "", "axe_version": scripts.axe_version(), "in_flight": set()})
    pending = [(i, t) for i, t in enumerate(targets) if t.error is None and results[i] is None]
    for i, target in enumerate(targets):
        if target.error is not None and results[i] is None:
            results[i] = PageResult(url=target.url, status="error", error=target.error)
            if progress:
                progress(i, results[i])
    if not pending:
        return info
    backend = backend or make_backend(settings.backend, settings.browser)
    await backend.start()
    try:
        await site.before_run(backend, settings)
        info["browser"] = backend.version
        queue: asyncio.Queue = asyncio.Queue()
        for item in pending:
            queue.put_nowait(item)

        async def work() -> None:
            worker = Worker(backend, settings, catalogue, assets)
            try:
                while not queue.empty():
                    index, target = queue.get_nowait()
                    info["in_flight"].add(index)
                    results[index], audit = await worker.audit(target)
                    info["in_flight"].discard(index)
                    secret_values.scrub_page(results[index])
                    if audit is not None:
                        info["axe_version"] = audit.axe_version or info["axe_version"]
                        info.setdefault("axe_rules", {}).update(audit.axe_rules)
                    info["browser"] = backend.version or info["browser"]
                    if progress:
                        progress(index, results[index])
            finally:
                await worker.close()

        workers = max(1, min(settings.concurrency, len(pending)))
        await asyncio.gather(*(work() for _ in range(workers)))
    finally:
        try:
            await asyncio.wait_for(backend.stop(), STOP_BUDGET)
        except (asyncio.TimeoutError, BrowserError):
            pass  # the report matters more than a tidy browser exit
    return info


async def audit_open_page(tab: Tab, url: str, settings: Settings, catalogue: Catalogue,
                          version: str = "") -> tuple[PageResult, dict]:
    """The page open in ``tab`` (a caller's own, browsers/borrowed.py) at every viewport, as it
    stands: no load, no consent answer, no steps. Returns its result and facts about the run."""
    settings = settings_for(settings, url)
    runner = rule_runner(settings, catalogue)
    assets = pictures.AssetStore(settings.output if settings.screenshots else None)
    audit = PageAudit(tab, Target(url, fetch_url=url), settings, runner, assets, getattr(tab, "name", ""),
                      catalogue.same_problem, borrowed=True)
    try:
        page = await audit.run()
    finally:
        runner.stop()
    secret_values.scrub_page(page)
    return page, {"browser": version, "axe_version": audit.axe_version or scripts.axe_version(),
                  "axe_rules": audit.axe_rules}


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def describe_rules(page: PageResult, catalogue: Catalogue, info: dict, used: dict) -> None:
    """Add the metadata of each rule behind the page's findings to ``used`` (rule id -> metadata)."""
    for finding in page.findings:
        if finding.rule in catalogue.rules:
            used[finding.rule] = catalogue.rules[finding.rule].metadata()
        else:
            used.setdefault(finding.rule, catalogue.axe_meta(finding, info.get("axe_rules", {}).get(finding.rule, {})))


def build_run(targets: list[Target], results: list, settings: Settings, info: dict,
              started: str, ended_by: str = "", *, catalogue: Catalogue) -> AuditRun:
    """The run so far; a page without a result is listed as not audited, never left out. The
    catalogue describes the rules that made the findings."""
    in_flight = info.get("in_flight", set())
    pages = [r if r is not None else
             PageResult(url=t.url, status=NOT_AUDITED, error=CUT_SHORT if i in in_flight else NEVER_STARTED)
             for i, (t, r) in enumerate(zip(targets, results))]
    used: dict = {}
    for page in pages:
        describe_rules(page, catalogue, info, used)
    described = settings.describe()
    # What ran, for JUnit's one testcase per rule: the catalogue's news rules and the axe rules the
    # tags select, less what was disabled.
    disabled_axe = {rule_id for rule_id, on in settings.gather.axe_rules if not on}
    news = [r for r in catalogue.rules if r not in settings.disabled_rules]
    described["rules_run"] = sorted(news + axe_rules.selected(settings.gather.axe_tags, disabled_axe))
    described["disabled_rules"] = sorted(set(settings.disabled_rules) | disabled_axe)
    return AuditRun(
        tool={"name": "newsaudit", "version": __version__, "browser": info.get("browser", "")},
        axe_version=info.get("axe_version", ""),
        viewports={v.name: v.to_dict() for v in settings.viewports},
        pages=pages, settings=described, rules=dict(sorted(used.items())),
        started=started, finished=now(), interrupted=bool(ended_by), ended_by=ended_by)
