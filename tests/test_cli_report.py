"""`newsaudit report` re-renders an earlier report.json without a browser; `newsaudit rules` lists."""
import json

from click.testing import CliRunner

from auditor.cli import main
from auditor.model import AuditRun, Finding, PageResult


def write_run(folder):
    finding = Finding(rule="heading-h1-missing", engine="newsaudit", impact="serious", wcag=["1.3.1"],
                      viewports=["XS"], selector=None, html="", message="No h1 <b>here</b>", help_url="",
                      crop="assets/crop.jpg")
    page = PageResult(url="https://news.example/a", status="audited", viewports_audited=["XS", "LG"],
                      findings=[finding], screenshots={"XS": "assets/shot.jpg"})
    run = AuditRun(tool={"name": "newsaudit", "version": "test"}, axe_version="4.12.1",
                   viewports={"XS": {"width": 375, "height": 667}, "LG": {"width": 1280, "height": 800}},
                   pages=[page], settings={"fail_on": "serious"})
    (folder / "assets").mkdir(parents=True)
    (folder / "assets" / "shot.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    (folder / "assets" / "crop.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    (folder / "report.json").write_text(json.dumps(run.to_dict()), encoding="utf-8")
    return folder / "report.json"


def test_report_re_renders_into_another_folder_with_its_screenshots(tmp_path):
    source = write_run(tmp_path / "run")
    result = CliRunner().invoke(main, ["report", str(source), "--format", "md,sarif,junit,html",
                                       "-o", str(tmp_path / "again")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "again"
    assert {p.name for p in out.iterdir()} == {"summary.md", "report.sarif", "junit.xml", "report.html", "assets",
                                            "articles"}
    assert (out / "assets" / "crop.jpg").is_file() and (out / "assets" / "shot.jpg").is_file()
    assert "heading-h1-missing" in (out / "report.sarif").read_text(encoding="utf-8")
    assert "<b>here</b>" not in (out / "report.html").read_text(encoding="utf-8")


def test_report_errors_are_one_line_and_exit_2(tmp_path):
    source = write_run(tmp_path / "run")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text('{"schema_version": 7}', encoding="utf-8")
    for args, words in [([str(tmp_path / "missing.json")], "no such file"),
                        ([str(bad)], "not valid JSON"),
                        ([str(other)], "schema_version"),
                        ([str(source), "--format", "pdf"], "unknown format 'pdf'")]:
        result = CliRunner().invoke(main, ["report", *args])
        assert result.exit_code == 2 and words in result.output, (args, result.output)
        assert "Traceback" not in result.output


def test_rules_lists_the_catalogue_as_text_and_json():
    text = CliRunner().invoke(main, ["rules"])
    assert text.exit_code == 0 and "alt-matches-caption" in text.output and "skip-link-missing" in text.output
    listed = json.loads(CliRunner().invoke(main, ["rules", "--format", "json"]).output)
    assert {r["id"] for r in listed} >= {"alt-matches-caption", "heading-h1-not-headline", "reflow-horizontal-scroll"}
    assert all(r["engine"] == "newsaudit" and r["wcag"] for r in listed)
