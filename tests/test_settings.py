"""Each default is written once, as a field's default: the settings the CLI makes from nothing are
the library's bare Settings()."""
from __future__ import annotations

import dataclasses
import os

from auditor.api import build_settings
from auditor.settings import MAX_CONCURRENCY, Settings, SiteOptions


def test_a_bare_settings_is_what_the_cli_builds_from_no_flags_and_no_config():
    assert Settings() == build_settings({}, {})


def test_the_defaults_the_readme_states():
    s = Settings()
    assert [(v.name, v.width, v.height) for v in s.viewports] == [
        ("XS", 375, 667), ("SM", 640, 960), ("MD", 768, 1024), ("LG", 1280, 800)]
    assert s.concurrency == min(os.cpu_count() or 2, MAX_CONCURRENCY)
    assert s.fail_on == "serious" and s.viewport_mode == "resize" and s.browser.timeout == 30
    assert s.gather.axe_tags == ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
    assert s.formats == ("json", "html", "junit", "sarif", "md") and s.screenshots
    assert s.site == SiteOptions() and s.site.consent == "reject" and s.site.retries == 1


def test_a_flag_changes_only_its_own_field():
    flagged = build_settings({"fail_on": "minor", "concurrency": 3}, {})
    assert dataclasses.replace(Settings(), fail_on="minor", concurrency=3) == flagged
