"""The CI examples in docs/ci/ are checked as GitHub and GitLab would read them."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs" / "ci"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


def _run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([*map(str, args)], capture_output=True, text=True, timeout=120)


def test_the_github_workflow_passes_actionlint():
    result = _run(_tool("actionlint"), "-no-color", DOCS / "github-actions.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text((DOCS / "github-actions.yml").read_text(encoding="utf-8")
                      .replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    step: []"), encoding="utf-8")
    assert _run(_tool("actionlint"), "-no-color", broken).returncode != 0


@pytest.mark.parametrize("example, schema", [("github-actions.yml", "vendor.github-workflows"),
                                             ("gitlab-ci.yml", "vendor.gitlab-ci")])
def test_examples_match_their_ci_schema(example, schema):
    result = _run(_tool("check-jsonschema"), "--builtin-schema", schema, DOCS / example)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_gitlab_schema_check_can_fail(tmp_path):
    broken = tmp_path / "gitlab-ci.yml"
    broken.write_text((DOCS / "gitlab-ci.yml").read_text(encoding="utf-8").replace("parallel: 4", "parallel: many"),
                      encoding="utf-8")
    assert _run(_tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", broken).returncode != 0


def test_the_examples_use_the_options_that_exist():
    from click.testing import CliRunner

    from auditor.cli import main

    help_text = CliRunner().invoke(main, ["audit", "--help"]).output
    merge_help = CliRunner().invoke(main, ["merge", "--help"]).output
    for option in ("--sitemap", "--limit", "--baseline", "--update-baseline", "--fail-on", "--shard", "--output"):
        assert option in help_text
    for option in ("--baseline", "--update-baseline", "--output", "--fail-on"):
        assert option in merge_help
