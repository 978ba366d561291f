"""Defaults < config file < flags, and precise errors for everything unknown."""
import pytest

from auditor.api import build_settings
from auditor.config import ConfigError, find_config


def names(settings):
    return [(v.name, v.width, v.height) for v in settings.viewports]


def test_defaults():
    s = build_settings({}, {})
    assert names(s) == [("XS", 375, 667), ("SM", 640, 960), ("MD", 768, 1024), ("LG", 1280, 800)]
    assert s.viewport_mode == "resize" and s.fail_on == "serious" and s.browser.block_ads
    assert s.browser.timeout == 30 and s.formats == ("json", "html", "junit", "sarif", "md")


def test_flags_override_file_override_defaults():
    table = {"fail_on": "minor", "viewports": ["XS", "LG"], "timeout": 5, "alt_max_length": 120}
    s = build_settings({"fail_on": "critical"}, table)
    assert s.fail_on == "critical"
    assert names(s) == [("XS", 375, 667), ("LG", 1280, 800)]
    assert s.browser.timeout == 5 and s.rule_settings.alt_max_length == 120


def test_viewport_subset_and_override_and_addition():
    s = build_settings({"viewports": ["lg,XS"], "viewport": ["XS=320x640", "xl=1920x1080"]}, {})
    assert names(s) == [("LG", 1280, 800), ("XS", 320, 640)]
    s = build_settings({"viewport": ["XL=1920x1080"]}, {})
    assert names(s)[-1] == ("XL", 1920, 1080) and len(names(s)) == 5


@pytest.mark.parametrize("flags, table, words", [
    ({"viewports": ["XXL"]}, {}, ["unknown viewport 'XXL'", "XS, SM, MD, LG"]),
    ({"viewport": ["XL=wide"]}, {}, ["WIDTHxHEIGHT"]),
    ({"format": ["json,pdf"]}, {}, ["unknown format 'pdf'", "json, html, junit, sarif, md"]),
    ({"disable": ["no-such-rule"]}, {}, ["unknown rule 'no-such-rule'", "heading-h1-missing"]),
    ({"fail_on": "bad"}, {}, ["critical, serious, moderate, minor, never"]),
    ({"viewport_mode": "zoom"}, {}, ["reload, resize"]),
    ({}, {"colour": "red"}, ["unknown key 'colour'", "valid keys"]),
    ({}, {"timeout": "soon"}, ["timeout must be a int or float"]),
    ({"concurrency": 0}, {}, ["from 1 to 64"]),
    ({"concurrency": 10_000}, {}, ["from 1 to 64"]),
    ({"viewport": ["XL=99999x99999"]}, {}, ["out of range", "100 to 4096 px"]),
    ({"viewport": ["TINY=10x10"]}, {}, ["out of range"]),
    ({}, {"viewport": {"XL": "5000x800"}}, ["out of range"]),
    ({"timeout": float("nan")}, {}, ["above 0 and at most 3600"]),
    ({"timeout": float("inf")}, {}, ["above 0 and at most 3600"]),
    ({"timeout": 1e308}, {}, ["above 0 and at most 3600"]),
    ({"timeout": -1.0}, {}, ["above 0"]),
    ({}, {"timeout": True}, ["above 0"]),
    ({"backend": "lynx"}, {}, ["playwright, selenium"]),
])
def test_bad_settings_are_one_clear_error(flags, table, words):
    with pytest.raises(ConfigError) as error:
        build_settings(flags, table)
    for word in words:
        assert word in str(error.value)


def test_config_file_discovery(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert find_config(None) == ({}, None)
    (tmp_path / "pyproject.toml").write_text('[tool.newsaudit]\nfail_on = "minor"\n')
    assert find_config(None)[0] == {"fail_on": "minor"}
    (tmp_path / "newsaudit.toml").write_text('caption_selector = ".cap"\n')
    assert find_config(None)[0] == {"caption_selector": ".cap"}
    (tmp_path / "bad.toml").write_text("x = [\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        find_config("bad.toml")
    with pytest.raises(ConfigError, match="not found"):
        find_config("missing.toml")


def test_pictures_only_for_a_format_that_shows_them_unless_asked():
    assert build_settings({}, {}).screenshots  # all formats, html among them
    assert not build_settings({"format": ["json,sarif"]}, {}).screenshots
    assert build_settings({"format": ["json"], "screenshots": True}, {}).screenshots
    assert not build_settings({"screenshots": False}, {}).screenshots
