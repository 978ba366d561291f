"""The one-line reasons for a load that ended on Chromium's error page, and the visible_wait setting."""
import pytest

from auditor.browsers.errors import error_page_reason, load_error
from auditor.api import build_settings
from auditor.config import ConfigError
from auditor.gather import GatherOptions


def test_a_redirect_that_failed_names_where_it_went_and_why():
    state = {"code": "ERR_SSL_PROTOCOL_ERROR", "url": "https://127.0.0.1:8000/story"}
    assert error_page_reason(state, "http://127.0.0.1:8000/") == (
        "the page redirected to https://127.0.0.1:8000/story, which did not answer: "
        "127.0.0.1:8000 did not answer over https (ERR_SSL_PROTOCOL_ERROR)")


def test_the_page_itself_failing_is_the_plain_reason():
    state = {"code": "ERR_CONNECTION_REFUSED", "url": "http://127.0.0.1:9/"}
    assert error_page_reason(state, "http://127.0.0.1:9") == "connection refused by 127.0.0.1:9"


def test_certificate_problems_are_named_apart_from_a_server_without_https():
    assert load_error("net::ERR_CERT_DATE_INVALID", "https://news.example/") == \
        "TLS certificate problem on news.example (ERR_CERT_DATE_INVALID)"
    assert load_error("net::ERR_SSL_PROTOCOL_ERROR", "https://news.example/") == \
        "news.example did not answer over https (ERR_SSL_PROTOCOL_ERROR)"


def test_a_long_failed_url_is_shortened():
    reason = error_page_reason({"code": "ERR_NAME_NOT_RESOLVED", "url": "https://x.example/" + "a" * 500},
                               "https://news.example/")
    assert len(reason) < 250 and "…" in reason


def test_visible_wait_defaults_once_and_is_configurable():
    assert build_settings({}, {}).gather.visible_wait == GatherOptions.visible_wait == 5.0
    assert build_settings({}, {"visible_wait": 0}).gather.visible_wait == 0
    with pytest.raises(ConfigError, match="visible_wait"):
        build_settings({}, {"visible_wait": -1})
