"""Property-based tests over everything that comes from outside: config files, URL lists, sitemap
and feed XML, viewport specs and command-line values. Whatever Hypothesis makes up, the answer is
a value or one of our own one-line errors, never a traceback or an undocumented exit code."""
import os
import string
import tomllib

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.cli import main
from auditor.api import build_settings
from auditor.config import KEYS, VIEWPORT_PX, ConfigError, find_config, parse_viewport_option
from auditor.inputs import InputError, feed_entries, is_http, sitemap_entries, to_targets, url_list_entries
from auditor.localserver import LocalServer

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
DOCUMENTED_EXIT_CODES = {0, 1, 2, 3, 4, 129, 130, 143}

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                    st.text(max_size=30))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                          max_size=4), max_leaves=8)
tables = st.dictionaries(st.sampled_from(sorted(KEYS)) | st.text(max_size=10), values, max_size=6)


@FUZZ
@given(tables)
def test_config_tables_give_settings_or_one_config_error(table):
    try:
        result = build_settings({}, table)
    except ConfigError as error:
        assert "\n" not in str(error)
        return
    assert 0 < result.browser.timeout <= 3600 and 1 <= result.concurrency <= 64
    assert all(VIEWPORT_PX[0] <= v.width <= VIEWPORT_PX[1] for v in result.viewports)


toml_text = st.one_of(st.text(max_size=200),
                      st.builds(lambda k, v: f"{k} = {v}\n", st.sampled_from(sorted(KEYS)),
                                st.sampled_from(["1", "nan", "inf", "-1", "1e308", '"x"', "[1, 2]", "{a = 1}",
                                                 "true", '"99999x99999"', '{ XL = "1x1" }'])))


@FUZZ
@given(toml_text)
def test_config_files_load_or_fail_with_one_config_error(tmp_path, text):
    path = tmp_path / "newsaudit.toml"
    path.write_text(text, encoding="utf-8")
    try:
        table, _ = find_config(str(path))
        build_settings({}, table)
    except ConfigError as error:
        assert "\n" not in str(error).strip() or isinstance(error.__context__, tomllib.TOMLDecodeError)


@FUZZ
@given(st.text(max_size=40) | st.builds(lambda n, w, h: f"{n}={w}x{h}", st.text(string.ascii_letters, min_size=1,
                                                                                 max_size=4),
                                         st.integers(-5, 10**7), st.integers(-5, 10**7)))
def test_viewport_specs_are_bounded_or_refused(text):
    try:
        viewport = parse_viewport_option(text)
    except ConfigError:
        return
    assert VIEWPORT_PX[0] <= viewport.width <= VIEWPORT_PX[1] and VIEWPORT_PX[0] <= viewport.height <= VIEWPORT_PX[1]


url_parts = st.sampled_from(["http://", "https://", "file://", "ftp://", "//", "[", "]", "::1", "@", ":", "%",
                             "\0", " ", "\n", "..", "/", "?", "#", "host", "99999", "pw@", "a.example", "\u202e"])
urlish = st.lists(url_parts | st.text(max_size=5), max_size=8).map("".join)


@FUZZ
@given(st.lists(urlish, max_size=8))
def test_url_lists_give_a_target_or_an_error_row_for_every_line(tmp_path, lines):
    # An existing folder (such as "/") would be walked for real: that bound has its own test.
    lines = [line.replace("\0", "") for line in lines]
    lines = [line for line in lines if not os.path.isdir(line.strip().removeprefix("file://"))]
    path = tmp_path / "urls.txt"
    path.write_text("\n".join(lines), encoding="utf-8", errors="replace")
    try:
        entries = url_list_entries(str(path))
    except InputError:
        return
    for target in to_targets(entries, LocalServer()):
        assert (target.error is None) != (not target.fetch_url) or target.error
        assert target.error is None or "\n" not in target.error


xml_pieces = st.sampled_from([
    "<?xml version='1.0'?>", "<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>", "</urlset>",
    "<sitemapindex>", "</sitemapindex>", "<sitemap>", "</sitemap>", "<url>", "</url>", "<loc>", "</loc>",
    "<rss>", "</rss>", "<channel>", "</channel>", "<item>", "</item>", "<link>", "</link>", "<feed>", "</feed>",
    "<entry>", "</entry>", "<link href='file:///etc/'/>", "<lastmod>2026-13-45</lastmod>",
    "<pubDate>Mon, 99 Foo 2026</pubDate>", "<!DOCTYPE x [<!ENTITY a 'b'>]>", "&a;", "file:///etc/passwd",
    "http://[::1", "https://news.example/a", "../x.xml", "child.xml", "<![CDATA[", "]]>", "\x00", "é",
])
xml_docs = st.lists(xml_pieces | st.text(max_size=6), max_size=20).map("".join)


@FUZZ
@given(xml_docs, st.sampled_from([sitemap_entries, feed_entries]))
def test_sitemap_and_feed_xml_give_entries_or_one_input_error(tmp_path, text, read):
    (tmp_path / "child.xml").write_text("<urlset><url><loc>https://news.example/c</loc></url></urlset>")
    path = tmp_path / "source.xml"
    path.write_bytes(text.encode("utf-8", errors="replace"))
    try:
        entries = read(str(path))
    except InputError as error:
        assert "\n" not in str(error)
        return
    for entry in entries:
        assert entry.error or is_http(entry.location)  # never a local path from inside a sitemap or feed


cli_values = st.sampled_from(["nan", "inf", "-inf", "1e308", "0", "-1", "1", "30", "abc", "", "99999", "1e-300"])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cli_values, cli_values, st.sampled_from(["XL=99999x99999", "XL=1x1", "XL=375x667", "=", "XL=axb", "x"]),
       st.sampled_from(["missing.html", "http://[::1", "ftp://x.example/", "http://", "mailto:a@b"]))
def test_command_line_values_end_in_a_documented_exit_code(tmp_path, timeout, concurrency, viewport, target):
    result = CliRunner().invoke(main, ["audit", target, "--timeout", timeout, "--concurrency", concurrency,
                                       "--viewport", viewport, "-o", str(tmp_path / "out"), "--format", "json",
                                       "-q"])
    assert result.exit_code in DOCUMENTED_EXIT_CODES, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
