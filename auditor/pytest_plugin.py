"""The `newsaudit` pytest plugin: accessibility checks inside a project's own Playwright or
Selenium tests.

    def test_story_page(page, newsaudit):        # pytest-playwright's page, or a Selenium driver
        page.goto("https://staging.news.example/2026/storm.html")
        newsaudit.check(page)                     # fails the test with the new findings

The settings are the CLI's: ./newsaudit.toml (or --newsaudit-config FILE), its [[ignore]]
entries, and --newsaudit-baseline PATH for "only new findings fail". --newsaudit-report DIR writes
one report of every check in the session.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from . import api, ci
from .config import ConfigError, find_config
from .model import AuditRun, Finding, failing_findings
from .browsers.borrowed import is_async_page

MAX_MESSAGE = 160  # characters of a finding's message in the failure text (it is the page's text)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("newsaudit", "accessibility checks of news pages (newsaudit)")
    group.addoption("--newsaudit-report", metavar="DIR", help="Write one report of every newsaudit.check into DIR.")
    group.addoption("--newsaudit-baseline", metavar="PATH",
                    help="An earlier report.json: only findings not in it fail a check.")
    group.addoption("--newsaudit-config", metavar="FILE",
                    help="Config file (default: ./newsaudit.toml or [tool.newsaudit] in ./pyproject.toml).")


class Checks:
    """The session's settings and gate, and every run its checks made."""

    def __init__(self, config: pytest.Config):
        report = config.getoption("newsaudit_report")
        try:
            table, source = find_config(config.getoption("newsaudit_config"))
            settings = api.build_settings({}, table, source or "config")
            self.gate = ci.prepare(table, source or "config", baseline_path=config.getoption("newsaudit_baseline"),
                                   update_baseline=False, shard=None, sarif_category=None, inputs=([], [], [], []))
        except ConfigError as error:
            raise pytest.UsageError(f"newsaudit: {error}") from None
        # Pictures only for a report that shows them; without a report nothing is written.
        self.report = Path(report) if report else None
        self.settings = dataclasses.replace(settings, output=self.report,
                                            screenshots=settings.screenshots and self.report is not None)
        self.runs: list[AuditRun] = []

    def judge(self, run: AuditRun) -> AuditRun:
        """The run, kept for the report, and a copy with the baseline and ignores applied."""
        self.runs.append(run)
        judged = AuditRun.from_dict(run.to_dict())
        self.gate.apply(judged, self.settings, quiet=True)
        return judged

    def combined(self) -> AuditRun:
        first = self.runs[0]
        rules: dict = {}
        for run in self.runs:
            rules.update(run.rules)
        run = dataclasses.replace(
            first, pages=[page for run in self.runs for page in run.pages], rules=dict(sorted(rules.items())),
            started=min(r.started for r in self.runs), finished=max(r.finished for r in self.runs))
        self.gate.apply(run, self.settings, quiet=True)
        return run

    def write_report(self) -> Path | None:
        if self.report is None or not self.runs:
            return None
        api.write_reports(self.combined(), self.report, self.settings.formats)
        return self.report


class NewsAudit:
    """The `newsaudit` fixture: ``check(page)`` for a Playwright Page or a Selenium WebDriver."""

    def __init__(self, checks: Checks):
        self._checks = checks
        self.settings = checks.settings

    def check(self, page: Any) -> AuditRun:
        """Audit the page as it stands at the configured viewports; fail the test when it has new
        findings at or above fail_on, or could not be audited. Returns the run."""
        if is_async_page(page):
            raise TypeError("an async Playwright page: use `await newsaudit.check_async(page)`")
        run = api.audit_driver(page, self.settings) if _is_webdriver(page) else api.audit_page(page, self.settings)
        return self._verdict(run)

    async def check_async(self, page: Any) -> AuditRun:
        return self._verdict(await api.audit_page_async(page, self.settings))

    def _verdict(self, run: AuditRun) -> AuditRun:
        judged = self._checks.judge(run)
        problems = failure_text(judged)
        if problems:
            pytest.fail(problems, pytrace=False)
        return judged


def _is_webdriver(page: Any) -> bool:
    return hasattr(page, "execute_script") and hasattr(page, "get_window_size")


def _one_line(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 1] + "…"


def failure_text(run: AuditRun) -> str:
    """What a failed check says: the page's errors, then each new finding, worst first."""
    lines = []
    for page in run.pages:
        if page.status == "error":
            lines.append(f"{page.url}: could not be audited: {_one_line(page.error or '')}")
        for name, reason in page.viewport_errors.items():
            lines.append(f"{page.url}: {name} could not be audited: {_one_line(reason)}")
    failing: list[Finding] = list(failing_findings(run))
    if failing:
        url = run.pages[0].url if run.pages else ""
        lines.append(f"newsaudit: {len(failing)} new finding{'s' * (len(failing) != 1)} at or above "
                     f"--fail-on {run.fail_on} on {url}:")
        for finding in failing:
            where = finding.selector or "(the page)"
            lines.append(f"  {finding.impact:8} {finding.rule}  {_one_line(where)}  at {', '.join(finding.viewports)}: "
                         f"{_one_line(finding.message or finding.title)}")
    return "\n".join(lines)


CHECKS = pytest.StashKey[Checks]()


@pytest.fixture
def newsaudit(request: pytest.FixtureRequest) -> NewsAudit:
    # Made at the first check, so that a session that never checks reads no config.
    config = request.config
    if CHECKS not in config.stash:
        config.stash[CHECKS] = Checks(config)
    return NewsAudit(config.stash[CHECKS])


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    checks = config.stash.get(CHECKS, None)
    if checks is None:
        return
    written = checks.write_report()
    if written is not None:
        terminalreporter.write_line(f"newsaudit: report of {len(checks.runs)} checks in {written}/")
