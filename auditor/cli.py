"""The `newsaudit` command: a thin click layer over inputs, the engine and the reports."""
from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import click

from . import __version__, ci, cli_ci
from .browsers import NoBrowser
from .config import FAIL_ON_CHOICES, ConfigError, build_settings, find_config
from .engine import audit_targets, build_run, now
from .inputs import InputError, feed_entries, newest_first, sitemap_entries, to_targets, url_list_entries
from .localserver import LocalServer
from .model import EXIT_INTERRUPTED, EXIT_USAGE, AuditRun, exit_code
from .progress import Reporter
from .registry import all_rules
from . import identity, secret_values, site, urlscope
from .site_cli import flags as site_flags, site_options


def fail(message: str) -> None:
    """A usage or configuration error: one line on stderr, exit 2."""
    click.echo(f"newsaudit: error: {secret_values.scrub(message)}", err=True)
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
@click.option("--viewports", help="Comma list of viewports to audit, e.g. XS,LG. Default: all.")
@click.option("--viewport", "viewport", multiple=True, metavar="NAME=WxH", help="Add or override a viewport, e.g. XL=1920x1080.")
@click.option("--viewport-mode", type=str, help="resize: one load per page, resized through the viewports (default); reload: a fresh load per viewport.")
@click.option("--format", "format_", help="Comma list of outputs: json,html,junit,sarif,md (default: all).")
@click.option("--output", "-o", help="Folder for the reports (default: newsaudit-report).")
@click.option("--fail-on", type=str, help=f"Lowest impact that fails the run: {', '.join(FAIL_ON_CHOICES)} (default: serious).")
@click.option("--concurrency", type=int, help="Pages in flight at once (default: CPU cores).")
@click.option("--timeout", type=float, help="Seconds to wait for a page's load event (default: 30).")
@click.option("--block", multiple=True, metavar="GLOB", help="Abort requests whose URL matches this glob (repeatable).")
@click.option("--block-ads/--no-block-ads", default=None, help="Abort requests to common ad and analytics hosts (default: on).")
@click.option("--same-origin-only", is_flag=True, default=None, help="Abort every request outside the audited page's origin.")
@click.option("--allow", multiple=True, metavar="GLOB", help="Still allow these URLs under --same-origin-only (repeatable).")
@click.option("--axe-tags", help="Comma list of axe-core tags to run (default: wcag2a,wcag2aa,wcag21a,wcag21aa,wcag22aa,best-practice).")
@click.option("--disable", multiple=True, metavar="RULE", help="Switch a news rule off (repeatable or comma list).")
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
def audit(targets, url_files, sitemaps, feeds, limit, viewports, viewport, viewport_mode, format_, output,
          fail_on, concurrency, timeout, block, block_ads, same_origin_only, allow, axe_tags, disable, screenshots,
          backend, grid_url, browser_path, config_path, quiet, baseline_path, update_baseline, shard, sarif_category,
          **site_values):
    """Audit article pages: URLs, local HTML files or folders, lists, sitemaps and feeds."""
    try:
        table, source = find_config(config_path)
        settings = build_settings({
            "viewports": [viewports] if viewports else None, "viewport": viewport,
            "viewport_mode": viewport_mode, "format": [format_] if format_ else None, "output": output,
            "fail_on": fail_on, "concurrency": concurrency, "timeout": timeout, "block": list(block),
            "block_ads": block_ads, "same_origin_only": same_origin_only, "allow": list(allow),
            "axe_tags": [axe_tags] if axe_tags else None, "disable": list(disable),
            "screenshots": screenshots, "backend": backend,
            "grid_url": grid_url, "browser_path": browser_path, **site_flags(site_values),
        }, table, source or "config")
        locations = list(targets)
        in_lists, listed = [], []
        with identity.fetching(settings.browser.identity):  # as the pages are fetched
            for path in url_files:
                in_lists += url_list_entries(path)
            for sitemap in sitemaps:
                listed += sitemap_entries(sitemap)
            for feed in feeds:
                listed += feed_entries(feed)
        locations += [e.location for e in urlscope.select(in_lists, settings.site)]
        locations += [e.location for e in newest_first(urlscope.select(listed, settings.site), limit)]
        locations = [urlscope.rewrite(location, settings.site) for location in locations]
        gate = ci.prepare(table, source or "config", baseline_path=baseline_path, update_baseline=update_baseline,
                          shard=shard, sarif_category=sarif_category, inputs=(targets, url_files, sitemaps, feeds))
    except (ConfigError, InputError) as error:
        fail(str(error))
    if not locations:
        fail("nothing to audit: give URLs, local files or folders, --urls, --sitemap or --feed")

    server = LocalServer()
    pages = gate.select(to_targets(locations, server))
    if server.mounts:
        base = server.start()
        for target in pages:
            if target.error is None and target.fetch_url.startswith("/"):
                target.fetch_url = base + target.fetch_url
    identity.bind(settings.browser.identity, [t.fetch_url for t in pages if t.error is None])
    reporter = Reporter(len(pages), quiet=quiet)
    results: list = [None] * len(pages)
    info: dict = {}
    started = now()
    interrupted = False
    try:
        with reporter:
            info = asyncio.run(audit_targets(pages, settings, reporter.page_done, results))
    except KeyboardInterrupt:
        interrupted = True
    except (NoBrowser, site.LoginFailed) as error:
        fail(str(error))  # the finally below still stops the file server
    finally:
        server.stop()
    run = build_run(pages, results, settings, info, started, interrupted)
    gate.apply(run, settings, quiet)
    write_reports(run, settings.output, list(settings.formats))
    code = EXIT_INTERRUPTED if interrupted else exit_code(run)
    if not quiet:
        click.echo(secret_values.scrub(summary_line(run, settings.output)), err=True)
    sys.exit(code)


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
