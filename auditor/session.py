"""The CLI's `audit`, over the library (auditor/api.py): a journal that --resume reads, report.json
live as pages finish, passwords masked in everything printed or written, the CI gate, and reports
written however the run ends (finished, a signal, or an internal error). A usage error is a ConfigError with one line, which
the CLI prints before it exits 2."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path
from typing import NoReturn

import click

from . import __version__, api, ci, journal, live_report, secret_values, site
from .browsers import NoBrowser
from .config import ConfigError, find_config
from .engine import Target, describe_rules, now
from .inputs import InputError, to_targets
from .localserver import LocalServer
from .model import EXIT_USAGE, INTERNAL_ERROR, AuditRun, exit_code
from .progress import Reporter
from .redact import Redactor
from .settings import Settings
from .signals import Stopped, run_until_signal

# Masks passwords in everything the command prints or writes; it learns them from the inputs.
REDACT = Redactor()


def fail(message: str) -> NoReturn:
    raise ConfigError(message)


def exit_usage(message: str) -> NoReturn:
    """A usage or configuration error: one line on stderr, exit 2."""
    click.echo(f"newsaudit: error: {REDACT.text(secret_values.scrub(message))}", err=True)
    sys.exit(EXIT_USAGE)


class AuditCommand:
    """One `audit`: settings and targets (prepare), then the audit and its reports (execute)."""

    settings: Settings
    targets: list[Target]
    header: dict
    gate: ci.Gate

    def __init__(self):
        self.results: list = []
        self.started = now()
        self.live: live_report.LiveReport | None = None
        self.server = LocalServer()

    def prepare(self) -> None:
        raise NotImplementedError

    def stopped_early(self, ended_by: str) -> int:
        settings = getattr(self, "settings", None)
        run = api.build_run([], [], settings or Settings(), {}, self.started, ended_by)
        if settings is not None:
            write_reports(run, settings.output, list(settings.formats))
        return exit_code(run)

    def settings_from(self, flags: dict, table: dict, source: str | None) -> Settings:
        settings = api.build_settings(flags, table, source or "config")
        check_output(settings.output)
        return settings

    def gate_from(self, table: dict, source: str | None, gating: dict, inputs: tuple) -> ci.Gate:
        return ci.prepare(table, source or "config", baseline_path=gating.get("baseline_path"),
                          update_baseline=bool(gating.get("update_baseline")),
                          shard=tuple(gating["shard"]) if gating.get("shard") else None,
                          sarif_category=gating.get("sarif_category"), inputs=inputs)

    def journal(self) -> journal.Journal:
        return journal.Journal.start(self.settings.output, self.header)

    def run_so_far(self, info: dict, ended_by: str = "") -> AuditRun:
        return REDACT.run(api.build_run(self.targets, self.results, self.settings, info, self.started, ended_by))

    def start_live(self, texts: list[str | None], info: dict) -> live_report.LiveReport | None:
        """report.json from now on as pages finish; the pages resumed from the journal are in it."""
        for index, page in enumerate(self.results):
            if page is not None and texts[index] is None:
                texts[index] = live_report.dumps(REDACT.data(page.to_dict()))
        catalogue = api.catalogue()
        try:
            return live_report.LiveReport.start(
                self.settings.output, self.run_so_far(info), texts,
                clean=lambda data: secret_values.scrub_data(REDACT.data(data)),
                describe=lambda page, used: describe_rules(page, catalogue, info, used))
        except OSError:
            return None  # a full disk, say: the final write says so

    def execute(self, quiet: bool) -> int:
        settings = self.settings
        log = self.journal()
        reporter = Reporter(len(self.targets), quiet=quiet, redact=REDACT.text,
                            done=sum(r is not None for r in self.results))

        info: dict = {}
        texts: list[str | None] = [None] * len(self.targets)  # finished pages' JSON until report.json is live
        live_tried = False

        def page_done(index, page) -> None:
            nonlocal live_tried
            text = live_report.dumps(REDACT.data(page.to_dict()))
            log.page(index, text)
            if self.live is not None:
                self.live.page(index, page, text)
            elif not live_tried:
                texts[index] = text
                # Live from the first page a browser audited: a run that finds no browser leaves an
                # earlier run's report.json as it was. Tried once: a full disk is not asked again.
                if self.targets[index].error is None:
                    live_tried = True
                    self.live = self.start_live(texts, info)
            reporter.page_done(page)

        ended_by = ""
        try:
            with reporter:
                ended_by = run_until_signal(
                    lambda: api.audit_targets(self.targets, settings, page_done, self.results, info=info))
        except (NoBrowser, site.LoginFailed) as error:
            self.server.stop()
            log.close(finished=True)  # nothing was audited: nothing to resume
            fail(str(error))
        except Exception as error:  # noqa: BLE001 - a bug: say so, and keep what was audited
            ended_by = f"{INTERNAL_ERROR}: {type(error).__name__}: {error}".splitlines()[0]
            if os.environ.get("NEWSAUDIT_DEBUG"):
                traceback.print_exc()
        finally:
            self.server.stop()
            if self.live is not None:
                self.live.close()
        run = self.run_so_far(info, ended_by)
        self.gate.apply(run, settings, quiet)
        try:
            write_reports(run, settings.output, list(settings.formats))
        except Stopped:
            pass  # a second signal while writing: the journal still holds every finished page
        except Exception as error:  # noqa: BLE001 - a renderer's bug: report.json at least
            run.interrupted, run.ended_by = True, f"{INTERNAL_ERROR}: writing the reports failed: {error}"
            ended_by = run.ended_by.splitlines()[0]
            write_reports(run, settings.output, ["json"])
        log.close(finished=not run.interrupted)
        if ended_by.startswith(INTERNAL_ERROR):
            click.echo(f"newsaudit: {REDACT.text(ended_by)} (a bug: the pages audited so far are in "
                       f"{settings.output}/; NEWSAUDIT_DEBUG=1 shows where it happened)", err=True)
        if not quiet:
            click.echo(secret_values.scrub(summary_line(run, settings.output)), err=True)
        return exit_code(run)


class Fresh(AuditCommand):
    """``inputs``: the pages, --urls files, --sitemap and --feed locations, as given."""

    def __init__(self, flags: dict, gating: dict, inputs: tuple, config_path: str | None, limit: int | None):
        super().__init__()
        self.flags, self.gating, self.inputs = flags, gating, inputs
        self.config_path, self.limit = config_path, limit

    def prepare(self) -> None:
        table, source = find_config(self.config_path)
        self.settings = self.settings_from(self.flags, table, source)
        self.gate = self.gate_from(table, source, self.gating, self.inputs)
        pages, url_files, sitemaps, feeds = self.inputs
        locations = [*pages, *map(api.UrlList, url_files), *map(api.Sitemap, sitemaps), *map(api.Feed, feeds)]
        try:
            entries = api.entries(locations, self.settings, self.limit)
        except InputError as error:
            fail(str(error))
        if not entries:
            fail("nothing to audit: give URLs, local files or folders, --urls, --sitemap or --feed")
        for entry in entries:
            REDACT.learn(getattr(entry, "location", entry))
        self.targets = self.gate.select(to_targets(entries, self.server))
        self.results = [None] * len(self.targets)
        # Secrets never reach the journal: --resume takes them again from the command line.
        self.header = {"version": __version__, "started": self.started,
                       "flags": secret_values.scrub_data(REDACT.data(self.flags)), "gating": self.gating,
                       "config": REDACT.data(table), "config_source": source,
                       "targets": [REDACT.data(journal.target_record(t)) for t in self.targets]}
        api.serve(self.targets, self.server, self.settings)


class Resumed(AuditCommand):
    """--resume DIR: the settings and pages of the run in DIR's journal; flags given now win (a
    Grid URL's password, say, which the journal never holds), and URLs given now lend their
    passwords to the pages they name."""

    def __init__(self, folder: Path, flags: dict, logins: list[str], config_path: str | None):
        super().__init__()
        self.folder, self.flags, self.logins, self.config_path = folder, flags, logins, config_path

    def prepare(self) -> None:
        if self.config_path:
            fail("--resume uses the settings of the interrupted run: give no --config")
        try:
            self.header, done = journal.read(self.folder)
        except journal.JournalError as error:
            fail(str(error))
        flags = {k: v for k, v in self.header.get("flags", {}).items()}
        flags.update({k: v for k, v in self.flags.items() if v not in (None, [], ())})
        flags["output"] = str(self.folder)
        table, source = self.header.get("config") or {}, self.header.get("config_source")
        self.settings = self.settings_from(flags, table, source)
        self.gate = self.gate_from(table, source, self.header.get("gating") or {}, ([], [], [], []))
        self.started = self.header.get("started") or self.started
        logins = {REDACT.text(url): url for url in self.logins}
        self.targets = []
        for record in self.header["targets"]:
            target = journal.target_from(record)
            if target.path:
                target.fetch_url = self.server.url_for(Path(target.path))
            elif target.error is None:
                target.fetch_url = logins.get(target.url, target.fetch_url or target.url)
            self.targets.append(target)
        self.results = [done.get(i) for i in range(len(self.targets))]
        api.serve(self.targets, self.server, self.settings)

    def journal(self) -> journal.Journal:
        return journal.Journal.resume(self.settings.output)


def check_output(output: Path) -> None:
    """The output folder can be made and written, checked before any page is audited."""
    if output.exists() and not output.is_dir():
        fail(f"the output path {output} is a file, not a folder: choose another with -o")
    try:
        output.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=output):
            pass
    except OSError as error:
        fail(f"cannot write the reports to {output}: {error.strerror or error}")


def write_reports(run: AuditRun, output: Path, formats: list[str]) -> None:
    try:
        api.write_reports(run, output, formats)
    except OSError as error:
        fail(f"could not write the reports to {output}: {error.strerror or error}")


def summary_line(run: AuditRun, output: Path) -> str:
    s = run.summary()
    by_impact = ", ".join(f"{n} {impact}" for impact, n in s["findings_by_impact"].items() if n)
    interrupted = " (interrupted: pages finished so far)" if run.interrupted else ""
    return (f"{s['audited']} of {s['pages']} pages audited, {s['errors']} with errors; "
            f"{s['findings']} findings ({by_impact or 'none'}); gate {s['gate']} at --fail-on "
            f"{run.fail_on}{interrupted}. Reports in {output}/")


def copy_assets(run: AuditRun, source: Path, target: Path) -> None:
    """Screenshots are referenced relative to report.json; bring them along to a new folder."""
    for page in run.pages:
        paths = list(page.screenshots.values()) + [f.crop for f in page.findings if f.crop]
        for rel in paths:
            src = source / rel
            if src.is_file():
                (target / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, target / rel)
