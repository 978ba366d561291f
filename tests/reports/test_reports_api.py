"""The interface the CLI calls: FORMATS, render, write, UnknownFormat."""
from __future__ import annotations

import json
import os

import pytest

import reports
from auditor.model import AuditRun
from sample_run import SAMPLE_DIR, build_run


def test_formats_in_order():
    assert list(reports.FORMATS.items()) == [
        ("json", "report.json"), ("html", "report.html"), ("junit", "junit.xml"),
        ("sarif", "report.sarif"), ("md", "summary.md")]


def test_json_is_the_model(run):
    text = reports.render(run, "json", SAMPLE_DIR)
    assert text == json.dumps(run.to_dict(), indent=2, ensure_ascii=False)
    assert AuditRun.from_dict(json.loads(text)).to_dict() == run.to_dict()


def test_unknown_format_names_the_choices(run, tmp_path):
    with pytest.raises(reports.UnknownFormat, match="valid formats: json, html, junit, sarif, md") as info:
        reports.render(run, "pdf", SAMPLE_DIR)
    assert isinstance(info.value, ValueError) and "'pdf'" in str(info.value)
    out = tmp_path / "out"
    with pytest.raises(reports.UnknownFormat):
        reports.write(run, out, ["json", "pdf"])
    assert not out.exists()  # checked before anything is written


def test_write_creates_the_folder_and_every_file(tmp_path):
    out = tmp_path / "a" / "b"
    paths = reports.write(build_run(), out, ["md", "json", "md", "sarif"])
    assert paths == [out / "summary.md", out / "report.json", out / "report.sarif"]
    assert sorted(os.listdir(out)) == ["report.json", "report.sarif", "summary.md"]  # no temp files left
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["schema_version"] == 1


def test_write_is_atomic(tmp_path, monkeypatch):
    """A failure while writing leaves the previous file as it was and no temporary file behind."""
    (tmp_path / "report.json").write_text("old", encoding="utf-8")

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(reports.os, "replace", fail)
    with pytest.raises(OSError):
        reports.write(build_run(), tmp_path, ["json"])
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["report.json"]
    monkeypatch.undo()
    reports.write(build_run(), tmp_path, ["json"])
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["schema_version"] == 1


def test_write_html_embeds_screenshots_relative_to_out_dir(tmp_path):
    out = tmp_path / "report"
    (out / "assets").mkdir(parents=True)
    for name in os.listdir(SAMPLE_DIR / "assets"):
        (out / "assets" / name).write_bytes((SAMPLE_DIR / "assets" / name).read_bytes())
    (path,) = reports.write(build_run(), out, ["html"])
    assert path.read_text(encoding="utf-8") == reports.render(build_run(), "html", SAMPLE_DIR)
