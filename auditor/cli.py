"""The `newsaudit` command: a thin click layer over the library (auditor/api.py, auditor/session.py)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import reports

from . import __version__, api, ci, cli_ci, session
from .config import FAIL_ON_CHOICES, MAX_CONCURRENCY, ConfigError
from .model import AuditRun
from .session import REDACT, copy_assets, exit_usage as fail, write_reports
from .site_cli import flags as site_flags, site_options
from .signals import Stopped, stop_signals_raise

# Comma lists given once on the command line, split by config.py like the config file's lists.
JOINED = ("viewports", "format", "axe_tags")


def audit_flags(options: dict) -> dict:
    """The audit's options as config.build_settings takes them: lists as lists, None when not given."""
    options = dict(options, format=options.pop("format_"))
    site = site_flags(options)
    core = {k: v for k, v in options.items() if k not in site}
    return {**{k: ([v] if v else None) if k in JOINED else list(v) if isinstance(v, tuple) else v
               for k, v in core.items()}, **site}


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
def audit(targets, url_files, sitemaps, feeds, limit, resume, config_path, quiet, baseline_path, update_baseline,
          shard, sarif_category, **options):
    """Audit article pages: URLs, local HTML files or folders, lists, sitemaps and feeds."""
    flags = audit_flags(options)
    # The CI options, kept in the journal so that --resume gates the same way.
    gating = {"baseline_path": baseline_path, "update_baseline": update_baseline,
              "shard": list(shard) if shard else None, "sarif_category": sarif_category}
    for location in (*targets, *url_files, *sitemaps, *feeds, flags["grid_url"] or ""):
        REDACT.learn(location)
    if resume and (url_files or sitemaps or feeds or limit or shard or baseline_path):
        fail("--resume audits the pages of the interrupted run: give no --urls, --sitemap, --feed, "
             "--limit, --shard or --baseline")
    run = (session.Resumed(Path(resume), flags, list(targets), config_path) if resume else
           session.Fresh(flags, gating, (list(targets), url_files, sitemaps, feeds), config_path, limit))
    with stop_signals_raise():
        try:
            try:
                run.prepare()
            except Stopped as stopped:  # while reading the inputs: a report with no pages yet
                sys.exit(run.stopped_early(stopped.name))
            sys.exit(run.execute(quiet))
        except ConfigError as error:
            fail(str(error))


@main.command("rules")
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(format_):
    """List the news rule catalogue (axe-core's rules run beside them)."""
    rules = api.catalogue().rules
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
        copy_assets(run, path.parent, out)
    try:
        write_reports(run, out, formats)
    except ConfigError as error:
        fail(str(error))
    click.echo(f"wrote {', '.join(reports.FORMATS[f] for f in formats)} to {out}/", err=True)


cli_ci.register(main)  # newsaudit diff, newsaudit merge
