"""The `newsaudit` command: a thin click layer over inputs, the engine and the reports."""
from __future__ import annotations

import json
import os
import sys
import tempfile
import traceback
from pathlib import Path

import click

from . import __version__, ci, cli_ci, journal
from .browsers import NoBrowser
from .config import FAIL_ON_CHOICES, MAX_CONCURRENCY, ConfigError, build_settings, find_config
from .engine import Settings, Target, audit_targets, build_run, now
from .inputs import InputError, feed_entries, newest_first, sitemap_entries, to_targets, url_list_entries
from .localserver import LocalServer
from .model import EXIT_INTERNAL, EXIT_USAGE, INTERNAL_ERROR, AuditRun, exit_code
from .progress import Reporter
from .redact import Redactor
from .registry import all_rules
from . import identity, secret_values, site, urlscope
from .site_cli import flags as site_flags, site_options
from .signals import Stopped, run_until_signal, stop_signals_raise

# Masks passwords in everything the command prints or writes; it learns them from the inputs.
REDACT = Redactor()


def fail(message: str) -> None:
    """A usage or configuration error: one line on stderr, exit 2."""
    click.echo(f"newsaudit: error: {REDACT.text(secret_values.scrub(message))}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsaudit")
def main() -> None:
    """Accessibility audits of news article pages at XS, SM, MD and LG viewports."""


@main.command()
@click.argument("targets", nargs=-1)
@click.option("--urls", "url_files", multiple=True, type=str, help="File with one URL or path per line (# comments).")
@click.option("--sitemap", "sitemaps", multiple=True, help="sitemap.xml, sitemap index or Google News sitemap (URL or file).")
@click.option("--feed", "feeds", multiple=True, help="RSS 2.0 or Atom feed (URL or file).")
@click.option("--limit", type=click.IntRange(min=1), help="Audit only the N newest entries of sitemaps and feeds.")
@click.option("--resume", "resume", metavar="DIR", help="Finish an interrupted run in DIR, without auditing its finished pages again.")
@click.option("--viewports", help="Comma list of viewports to audit, e.g. XS,LG. Default: all.")
@click.option("--viewport", "viewport", multiple=True, metavar="NAME=WxH", help="Add or override a viewport, e.g. XL=1920x1080 (100 to 4096 px).")
@click.option("--viewport-mode", type=str, help="resize: one load per page, resized through the viewports (default); reload: a fresh load per viewport.")
@click.option("--format", "format_", help="Comma list of outputs: json,html,junit,sarif,md (default: all).")
@click.option("--output", "-o", help="Folder for the reports (default: newsaudit-report).")
@click.option("--fail-on", type=str, help=f"Lowest impact that fails the run: {', '.join(FAIL_ON_CHOICES)} (default: serious).")
@click.option("--concurrency", type=int, help=f"Pages in flight at once, 1 to {MAX_CONCURRENCY} (default: CPU cores).")
@click.option("--timeout", type=float, help="Seconds to wait for a page's load event, above 0 and at most 3600 (default: 30).")
@click.option("--block", multiple=True, metavar="GLOB", help="Abort requests whose URL matches this glob (repeatable).")
@click.option("--block-ads/--no-block-ads", default=None, help="Abort requests to common ad and analytics hosts (default: on).")
@click.option("--same-origin-only", is_flag=True, default=None, help="Abort every request outside the audited page's origin.")
@click.option("--allow", multiple=True, metavar="GLOB", help="Still allow these URLs under --same-origin-only (repeatable).")
@click.option("--axe-tags", help="Comma list of axe-core tags to run (default: wcag2a,wcag2aa,wcag21a,wcag21aa,wcag22aa,best-practice).")
@click.option("--disable", multiple=True, metavar="RULE", help="Switch a news rule or an axe-core rule off (repeatable or comma list).")
@click.option("--screenshots/--no-screenshots", default=None, help="Take screenshots (default: only when the HTML report is written).")
@click.option("--backend", type=str, help="Browser driver: playwright (default) or selenium.")
@click.option("--grid-url", help="Selenium Grid / remote WebDriver URL (with --backend selenium).")
@click.option("--browser-path", help="Chromium or Chrome to use (also NEWSAUDIT_BROWSER).")
@click.option("--config", "config_path", help="Config file (default: ./newsaudit.toml or [tool.newsaudit] in ./pyproject.toml).")
@click.option("--quiet", "-q", is_flag=True, help="No progress output.")
@click.option("--baseline", "baseline_path", metavar="PATH", help="An earlier report.json: only new findings fail the gate.")
@click.option("--update-baseline", is_flag=True, help="Write this run to the --baseline PATH as the new baseline.")
@click.option("--shard", type=ci.ShardType(), help="Audit the K-th of N stable shares of the pages (newsaudit merge joins them).")
@click.option("--sarif-category", help="SARIF automationDetails category (default: from the input).")
@site_options
def audit(targets, url_files, sitemaps, feeds, limit, resume, viewports, viewport, viewport_mode, format_, output,
          fail_on, concurrency, timeout, block, block_ads, same_origin_only, allow, axe_tags, disable, screenshots,
          backend, grid_url, browser_path, config_path, quiet, baseline_path, update_baseline, shard, sarif_category,
          **site_values):
    """Audit article pages: URLs, local HTML files or folders, lists, sitemaps and feeds."""
    flags = {
        "viewports": [viewports] if viewports else None, "viewport": list(viewport),
        "viewport_mode": viewport_mode, "format": [format_] if format_ else None, "output": output,
        "fail_on": fail_on, "concurrency": concurrency, "timeout": timeout, "block": list(block),
        "block_ads": block_ads, "same_origin_only": same_origin_only, "allow": list(allow),
        "axe_tags": [axe_tags] if axe_tags else None, "disable": list(disable),
        "screenshots": screenshots, "backend": backend,
        "grid_url": grid_url, "browser_path": browser_path, **site_flags(site_values),
    }
    # The CI options, kept in the journal so that --resume gates the same way.
    gating = {"baseline_path": baseline_path, "update_baseline": update_baseline,
              "shard": list(shard) if shard else None, "sarif_category": sarif_category}
    for location in (*targets, *url_files, *sitemaps, *feeds, grid_url or ""):
        REDACT.learn(location)
    with stop_signals_raise():
        try:
            if resume:
                if url_files or sitemaps or feeds or limit or shard or baseline_path:
                    fail("--resume audits the pages of the interrupted run: give no --urls, --sitemap, --feed, "
                         "--limit, --shard or --baseline")
                run = Resumed(Path(resume), flags, targets, config_path)
            else:
                run = Fresh(flags, gating, targets, url_files, sitemaps, feeds, limit, config_path)
            run.prepare()
        except Stopped as stopped:  # while reading the inputs: a report with no pages yet
            sys.exit(run.stopped_early(stopped.name))
        sys.exit(run.execute(quiet))


class AuditCommand:
    """One `audit`: settings and targets (prepare), then the audit and its reports (execute).
    Every way the audit ends, the reports are written: finished, a signal, or an internal error."""

    settings: Settings
    targets: list[Target]
    header: dict
    gate: ci.Gate

    def __init__(self):
        self.results: list = []
        self.started = now()
        self.server = LocalServer()

    def prepare(self) -> None:
        raise NotImplementedError

    def stopped_early(self, ended_by: str) -> int:
        settings = getattr(self, "settings", None)
        run = build_run([], [], settings or build_settings({}, {}), {}, self.started, ended_by)
        if settings is not None:
            write_reports(run, settings.output, list(settings.formats))
        return exit_code(run)

    def settings_from(self, flags: dict, table: dict, source: str | None) -> Settings:
        try:
            settings = build_settings(flags, table, source or "config")
        except ConfigError as error:
            fail(str(error))
        check_output(settings.output)
        return settings

    def gate_from(self, table: dict, source: str | None, gating: dict, inputs: tuple) -> ci.Gate:
        try:
            return ci.prepare(table, source or "config", baseline_path=gating.get("baseline_path"),
                              update_baseline=bool(gating.get("update_baseline")),
                              shard=tuple(gating["shard"]) if gating.get("shard") else None,
                              sarif_category=gating.get("sarif_category"), inputs=inputs)
        except ConfigError as error:
            fail(str(error))

    def serve_local_files(self) -> None:
        if self.server.mounts:
            base = self.server.start()
            for target in self.targets:
                if target.error is None and target.fetch_url.startswith("/"):
                    target.fetch_url = base + target.fetch_url
        # Credentials and headers go to the origins of the pages being audited, and no others.
        identity.bind(self.settings.browser.identity, [t.fetch_url for t in self.targets if t.error is None])

    def journal(self) -> journal.Journal:
        return journal.Journal.start(self.settings.output, self.header)

    def execute(self, quiet: bool) -> int:
        settings = self.settings
        log = self.journal()
        reporter = Reporter(len(self.targets), quiet=quiet, redact=REDACT.text,
                            done=sum(r is not None for r in self.results))
        def page_done(index, page) -> None:
            log.page(index, REDACT.data(page.to_dict()))
            reporter.page_done(page)

        info: dict = {}
        ended_by = ""
        try:
            with reporter:
                ended_by = run_until_signal(
                    lambda: audit_targets(self.targets, settings, page_done, self.results, info=info))
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
        run = REDACT.run(build_run(self.targets, self.results, settings, info, self.started, ended_by))
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
    def __init__(self, flags, gating, targets, url_files, sitemaps, feeds, limit, config_path):
        super().__init__()
        self.flags, self.gating, self.locations = flags, gating, list(targets)
        self.url_files, self.sitemaps, self.feeds, self.limit = url_files, sitemaps, feeds, limit
        self.config_path = config_path

    def prepare(self) -> None:
        try:
            table, source = find_config(self.config_path)
        except ConfigError as error:
            fail(str(error))
        self.settings = self.settings_from(self.flags, table, source)
        inputs = (self.locations, self.url_files, self.sitemaps, self.feeds)
        self.gate = self.gate_from(table, source, self.gating, inputs)
        site_options = self.settings.site
        in_lists, listed = [], []
        try:
            with identity.fetching(self.settings.browser.identity):  # as the pages are fetched
                for path in self.url_files:
                    in_lists += url_list_entries(path)
                for sitemap in self.sitemaps:
                    listed += sitemap_entries(sitemap)
                for feed in self.feeds:
                    listed += feed_entries(feed)
        except InputError as error:
            fail(str(error))
        entries = [*self.locations, *urlscope.select(in_lists, site_options),
                   *newest_first(urlscope.select(listed, site_options), self.limit)]
        entries = [urlscope.rewrite_entry(entry, site_options) for entry in entries]
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
        self.serve_local_files()


class Resumed(AuditCommand):
    """--resume DIR: the settings and pages of the run in DIR's journal; flags given now win (a
    Grid URL's password, say, which the journal never holds), and URLs given now lend their
    passwords to the pages they name."""

    def __init__(self, folder: Path, flags: dict, targets, config_path):
        super().__init__()
        self.folder, self.flags, self.logins, self.config_path = folder, flags, list(targets), config_path

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
        self.serve_local_files()

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
    import reports

    try:
        reports.write(secret_values.scrub_run(run), output, formats)
    except OSError as error:
        fail(f"could not write the reports to {output}: {error.strerror or error}")


def summary_line(run: AuditRun, output: Path) -> str:
    s = run.summary()
    by_impact = ", ".join(f"{n} {impact}" for impact, n in s["findings_by_impact"].items() if n)
    interrupted = " (interrupted: pages finished so far)" if run.interrupted else ""
    return (f"{s['audited']} of {s['pages']} pages audited, {s['errors']} with errors; "
            f"{s['findings']} findings ({by_impact or 'none'}); gate {s['gate']} at --fail-on "
            f"{run.fail_on}{interrupted}. Reports in {output}/")


@main.command("rules")
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(format_):
    """List the news rule catalogue (axe-core's rules run beside them)."""
    rules = all_rules()
    if format_ == "json":
        click.echo(json.dumps([r.metadata() for r in rules.values()], indent=2, ensure_ascii=False))
        return
    click.echo(f"{'id':32} {'engine':9} {'impact':9} {'audience':9} {'WCAG':12} title")
    for r in rules.values():
        click.echo(f"{r.id:32} {r.engine:9} {r.impact:9} {r.audience:9} {','.join(r.wcag):12} {r.title}")
    click.echo("\nPlus every axe-core rule selected by --axe-tags / axe_tags (default: WCAG 2.0-2.2 A/AA and "
               "best-practice), reported under its axe id with engine 'axe'.")


@main.command("report")
@click.argument("report_json", type=click.Path(dir_okay=False))
@click.option("--format", "format_", default="html,junit,sarif,md", show_default=True,
              help="Comma list of formats to render.")
@click.option("--output", "-o", help="Folder to write into (default: the folder of REPORT_JSON).")
def report_command(report_json, format_, output):
    """Re-render reports from an earlier report.json, without auditing again."""
    import reports

    path = Path(report_json)
    try:
        run = AuditRun.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        fail(f"no such file: {report_json}")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        fail(f"{report_json} is not valid JSON: {error}")
    except (ValueError, TypeError, KeyError) as error:
        fail(f"{report_json} is not a newsaudit report: {error}")
    formats = [f.strip() for f in format_.split(",") if f.strip()]
    unknown = [f for f in formats if f not in reports.FORMATS]
    if unknown:
        fail(f"unknown format {unknown[0]!r}; choose from: {', '.join(reports.FORMATS)}")
    out = Path(output) if output else path.parent
    if out.resolve() != path.parent.resolve():
        _copy_assets(run, path.parent, out)
    write_reports(run, out, formats)
    click.echo(f"wrote {', '.join(reports.FORMATS[f] for f in formats)} to {out}/", err=True)


def _copy_assets(run: AuditRun, source: Path, target: Path) -> None:
    """Screenshots are referenced relative to report.json; bring them along to a new folder."""
    import shutil

    for page in run.pages:
        paths = list(page.screenshots.values()) + [f.crop for f in page.findings if f.crop]
        for rel in paths:
            src = source / rel
            if src.is_file():
                (target / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, target / rel)


cli_ci.register(main)  # newsaudit diff, newsaudit merge
