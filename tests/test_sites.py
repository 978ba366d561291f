"""Real-site settings without a browser: identity parsing, ${ENV} secrets and their scrubbing,
steps, [[pages]] precedence, URL scope and rewriting, retry classification, the consent table."""
from __future__ import annotations

import datetime as dt

import pytest

from auditor import consent, identity, retries, secret_values, steps, urlscope
from auditor.browsers.selenium_backend import selenium_key
from auditor.api import build_settings
from auditor.config import ConfigError
from auditor.inputs import Entry
from auditor.model import AuditRun, Finding, PageResult, gate
from auditor.pages_config import settings_for
from auditor.settings import SiteOptions


@pytest.fixture(autouse=True)
def no_secrets():
    secret_values.clear()
    yield
    secret_values.clear()


def test_headers_cookies_and_credentials_parse_and_become_secrets():
    who = identity.build({"header": ["X-Token: abc-123-xyz"], "cookie": ["sid=cookie-val;domain=.site.example;secure"],
                          "http_credentials": "ed:pa:ss:word"}, {"headers": {"x-token": "old-one", "Accept": "text/html"}})
    assert who.headers == {"Accept": "text/html", "X-Token": "abc-123-xyz"}  # the flag wins, by name
    assert who.cookies == [{"name": "sid", "value": "cookie-val", "domain": ".site.example", "secure": True, "path": "/"}]
    assert who.credentials == ("ed", "pa:ss:word")
    assert who.describe() == {"headers": ["Accept", "X-Token"], "cookies": ["sid"], "http_credentials": "ed:***"}
    assert secret_values.scrub("abc-123-xyz cookie-val pa:ss:word text/html") == "*** *** *** ***"


def test_cookies_without_a_domain_belong_to_the_audited_origins():
    who = identity.build({"cookie": ["sid=value1"]}, {})
    identity.bind(who, ["https://news.example/a", "https://news.example/b", "http://127.0.0.1:8000/x", "story.html"])
    assert [c["url"] for c in who.browser_cookies()] == ["https://news.example/", "http://127.0.0.1:8000/"]


@pytest.mark.parametrize("flags, message", [
    ({"header": ["no colon here-secret"]}, "--header: expected 'Name: value'"),
    ({"cookie": ["novalue-secret"]}, "--cookie: expected name=value"),
    ({"cookie": ["a=b;max-age=3"]}, "unknown attribute 'max-age'"),
    ({"http_credentials": "nobody"}, "--http-credentials: expected user:password"),
    ({"storage_state": "/no/such/state.json"}, "no such file"),
    ({"locale": "de DE"}, "--locale"),
    ({"timezone": "Mars/Olympus Mons"}, "--timezone"),
    ({"consent": "maybe"}, "unknown --consent 'maybe'"),
    ({"retries": 99}, "retries must be a whole number from 0 to 10"),
    ({"rewrite": ["www.site=staging.site"]}, "--rewrite"),
    ({"url_include": ["re:(unclosed"]}, "not a valid regular expression"),
])
def test_bad_site_settings_are_one_line_config_errors(flags, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("'", "'")) as error:
        build_settings(flags, {})
    assert "\n" not in str(error.value) and "secret" not in str(error.value)


def test_a_storage_state_file(tmp_path):
    (tmp_path / "s.json").write_text('{"cookies": [{"name": "sid", "value": "sess-1234", "domain": "a.example",'
                                     ' "path": "/", "expires": -1}], "origins": [{"origin": "https://a.example",'
                                     ' "localStorage": [{"name": "token", "value": "tok-5678"}]}]}')
    who = identity.build({"storage_state": str(tmp_path / "s.json")}, {})
    assert who.cookies == [{"name": "sid", "value": "sess-1234", "domain": "a.example", "path": "/"}]
    assert "tok-5678" in who.storage_script() and secret_values.scrub("tok-5678 sess-1234") == "*** ***"
    (tmp_path / "bad.json").write_text("[1]")
    with pytest.raises(ConfigError, match="expected a JSON object"):
        build_settings({"storage_state": str(tmp_path / "bad.json")}, {})


def test_env_references_in_the_config_are_secrets(monkeypatch):
    monkeypatch.setenv("NEWS_TOKEN", "t0ken-from-env")
    settings = build_settings({}, {"headers": {"X-Token": "${NEWS_TOKEN}"}, "steps": [{"fill": "#pw", "text": "${NEWS_TOKEN}"}]})
    assert settings.browser.identity.headers == {"X-Token": "t0ken-from-env"}
    assert settings.site.steps[0].text == "t0ken-from-env" and settings.site.steps[0].label() == "fill #pw"
    monkeypatch.delenv("NEWS_TOKEN")
    with pytest.raises(ConfigError, match=r"\$\{NEWS_TOKEN\} is not set in the environment"):
        build_settings({}, {"headers": {"X-Token": "${NEWS_TOKEN}"}})


def test_a_run_is_scrubbed_everywhere_but_short_values_are_left_alone():
    secret_values.add("hunter2-pw")
    secret_values.add("on")  # too short to tell from a word
    page = PageResult(url="https://u:hunter2-pw@x.example/", title="Hi hunter2-pw", error="on and on")
    page.findings = [Finding(rule="r", engine="axe", impact="minor", wcag=[], viewports=["XS"], selector="#a",
                             html="<p>hunter2%2Dpw hunter2-pw</p>", message="m", help_url="")]
    run = secret_values.scrub_run(AuditRun(tool={}, axe_version="", viewports={}, pages=[page]))
    text = str(run.to_dict())
    assert "hunter2-pw" not in text and run.pages[0].title == "Hi ***" and run.pages[0].error == "on and on"


def test_steps_parse_from_strings_and_tables():
    parsed = steps.parse_all(["click #menu button", "fill #q storm warning", {"fill": "#login input", "text": "x y"},
                              "press Enter", "wait 250", "scroll-to-bottom", "wait-for-url */live/*", "goto /next"])
    assert [(s.action, s.target, s.text) for s in parsed] == [
        ("click", "#menu button", ""), ("fill", "#q", "storm warning"), ("fill", "#login input", "x y"),
        ("press", "Enter", ""), ("wait", "250", ""), ("scroll-to-bottom", "", ""),
        ("wait-for-url", "*/live/*", ""), ("goto", "/next", "")]


@pytest.mark.parametrize("step, message", [
    ("hover #x", "unknown step 'hover'"), ("click", "needs a selector"), ("wait soon", "wait takes milliseconds"),
    ("wait 999999", "at most 60000"), ({"click": "#a", "fill": "#b"}, "one action key"), (3, "a step is a string"),
    ("scroll-to-bottom now", "takes nothing"),
])
def test_bad_steps_are_named(step, message):
    with pytest.raises(ConfigError, match=r"steps\[1\]: .*" + message):
        build_settings({}, {"steps": [step]})


PAGES_TABLE = {
    "viewports": ["XS", "LG"], "consent": "accept", "fail_on": "serious", "steps": ["click #site-menu"],
    "pages": [
        {"url": "https://news.example/live/*", "viewports": ["XS"], "consent": "keep", "steps": ["click #more"],
         "fail_on": "critical", "exclude": [".ticker"], "disable": ["alt-too-long"]},
        {"url": ["*/live/special*", "*/other"], "fail_on": "never"},
    ],
}


def test_precedence_defaults_then_site_then_page_pattern_then_flags():
    settings = build_settings({}, PAGES_TABLE)
    plain = settings_for(settings, "https://news.example/2026/story")
    live = settings_for(settings, "https://news.example/live/storm")
    special = settings_for(settings, "https://news.example/live/special-1")
    assert plain is settings
    assert [v.name for v in plain.viewports] == ["XS", "LG"] and plain.site.consent == "accept"
    assert plain.site.retries == SiteOptions.retries  # a default nobody set
    assert [v.name for v in live.viewports] == ["XS"] and live.site.consent == "keep"
    assert [s.target for s in live.site.steps] == ["#more"] and live.fail_on == "critical"
    assert live.gather.exclude == (".ticker",) and live.disabled_rules == {"alt-too-long"}
    assert special.fail_on == "never" and special.site.consent == "keep"  # later tables over earlier ones
    assert live.browser is settings.browser  # one browser and identity for the run
    flagged = build_settings({"viewports": ["MD"], "consent": "reject", "fail_on": "minor"}, PAGES_TABLE)
    live = settings_for(flagged, "https://news.example/live/storm")
    assert [v.name for v in live.viewports] == ["MD"] and live.site.consent == "reject" and live.fail_on == "minor"


@pytest.mark.parametrize("pages, message", [
    ([{"steps": []}], r"\[\[pages\]\] 1 needs url"),
    ([{"url": "*", "output": "x"}], "'output' is set for the whole run"),
    ([{"url": "*", "headers": {"a": "b"}}], "'headers' is set for the whole run"),
    ([{"url": "*", "fail_on": "sometimes"}], "unknown --fail-on 'sometimes'"),
    ([{"url": "*", "viewports": ["XXL"]}], "unknown viewport 'XXL'"),
])
def test_bad_pages_tables(pages, message):
    with pytest.raises(ConfigError, match=message):
        build_settings({}, {"pages": pages})


def test_a_page_fail_on_gates_that_page_only():
    finding = Finding(rule="r", engine="axe", impact="serious", wcag=[], viewports=["XS"], selector="#a", html="",
                      message="m", help_url="")
    lenient = PageResult(url="a", findings=[finding], fail_on="critical")
    strict = PageResult(url="b", findings=[finding])
    assert gate(AuditRun(tool={}, axe_version="", viewports={}, pages=[lenient], settings={"fail_on": "serious"})) == "passed"
    assert gate(AuditRun(tool={}, axe_version="", viewports={}, pages=[lenient, strict],
                         settings={"fail_on": "serious"})) == "failed"


def _entries():
    day = lambda n: dt.datetime(2026, 11, n, tzinfo=dt.timezone.utc)  # noqa: E731
    return [Entry("https://www.site.example/news/a", day(1), section="news.xml"),
            Entry("https://www.site.example/news/b", day(3), section="news.xml"),
            Entry("https://www.site.example/sport/c", day(2), section="sport.xml"),
            Entry("https://www.site.example/sport/d", day(4), section="sport.xml"),
            Entry("https://www.site.example/video/e", day(5), section="video.xml")]


def test_url_include_exclude_per_section_limit_and_rewrite():
    options = build_settings({"url_exclude": ["*/video/*"], "limit_per_section": 1,
                              "rewrite": ["https://www.site.example=http://127.0.0.1:9000"]}, {}).site
    chosen = [e.location for e in urlscope.select(_entries(), options)]
    assert chosen == ["https://www.site.example/news/b", "https://www.site.example/sport/d"]
    assert urlscope.rewrite(chosen[0], options) == "http://127.0.0.1:9000/news/b"
    assert urlscope.rewrite("https://other.example/x", options) == "https://other.example/x"
    regex = build_settings({"url_include": [r"re:/(news|video)/[a-e]$"]}, {}).site
    assert [e.location[-1] for e in urlscope.select(_entries(), regex)] == ["a", "b", "e"]


@pytest.mark.parametrize("reason, again", [
    ("the server answered HTTP 503 Service Unavailable", True), ("the server answered HTTP 502", True),
    ("the server answered HTTP 504 Gateway Timeout", True), ("the server answered HTTP 500", False),
    ("the page did not finish loading within 30 s (--timeout)", True),
    ("the connection to news.example was reset", True), ("news.example closed the connection without a response", True),
    ("connection refused by news.example", False), ("the server answered HTTP 404 Not Found", False),
    ("DNS lookup failed: no such host x.example", False),
])
def test_which_failures_are_tried_again(reason, again):
    assert retries.transient(reason) is again


def test_the_consent_table_covers_the_common_platforms():
    table = consent.platforms()
    assert [p["name"] for p in table] == [
        "OneTrust", "Didomi", "Quantcast Choice", "Sourcepoint", "Usercentrics", "Cookiebot", "TrustArc",
        "Google Funding Choices", "IAB TCF (__tcfapi)"]
    assert len({p["id"] for p in table}) == len(table)
    for platform in table:
        assert platform["banner"], platform["id"]
        if platform.get("tcf"):
            assert platform["words"]["reject"] and platform["words"]["accept"]
            assert platform is table[-1]  # the generic one only after every named platform
        else:
            assert platform["reject"] and platform["accept"], platform["id"]


@pytest.mark.parametrize("name, key", [("Enter", "\ue007"), ("Escape", "\ue00c"), ("ArrowDown", "\ue015"),
                                       ("PageDown", "\ue00f"), ("a", "a"), ("NoSuchKey", None)])
def test_playwright_key_names_for_selenium(name, key):
    assert selenium_key(name) == key


def test_scope_selectors_are_kept_whole():
    gather = build_settings({"exclude": [":is(.ad, .promo)"]}, {"ad_selector": ".ad, .sponsored",
                                                                 "embed_selector": "iframe"}).gather
    assert gather.exclude == (":is(.ad, .promo)",) and gather.third_party == (".ad, .sponsored", "iframe")
