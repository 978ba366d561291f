"""The CI gate end to end, in real Chromium: a page changes between two origins, and the baseline,
diff, ignores, SARIF and JUnit all say the same thing about it."""
from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from lxml import etree

from clitools import load_report, run_cli
from sarif_rules import artifact_uris, schema_errors, upload_rule_violations

pytestmark = pytest.mark.browser

XSD = Path(__file__).parent / "reports" / "data" / "junit-10.xsd"

PAGE = """<!doctype html><html lang="en"><head><title>Storm closes schools</title></head><body>
<a href="#story" class="skip">Skip to content</a>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<main id="story"><h1>Storm closes schools</h1>
{extra}
<p>Roads were flooded overnight.</p>
<img src="/media/flood.jpg?w=600" width="60" height="40">
<p>Parents should check the council site. {links}</p>
</main></body></html>"""
# v1: an image without alt (stays) and a "Read more" link (fixed in v2).
V1 = PAGE.format(extra="", links='<a href="/closures">Read more</a>')
# v2: a map inserted above (the image's position shifts), the link fixed, a new "click here" link.
V2 = PAGE.format(extra='<img src="/media/map.jpg" alt="Map of the flooded roads" width="60" height="40">',
                 links='<a href="/closures">School closures list</a> <a href="/map">click here</a>')


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def serve():
    servers = []

    def start(folder: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/article.html"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _site(tmp_path: Path, name: str, html: str) -> Path:
    folder = tmp_path / name
    (folder / "media").mkdir(parents=True)
    (folder / "article.html").write_text(html, encoding="utf-8")
    (folder / "media" / "flood.jpg").write_bytes(b"")
    return folder


def _findings(report: dict) -> dict:
    return {(f["rule"], f["selector"]): f for f in report["pages"][0]["findings"]}


def test_baseline_diff_and_ignores_across_two_origins(tmp_path, serve):
    old_url = serve(_site(tmp_path, "v1", V1))
    new_url = serve(_site(tmp_path, "v2", V2))
    assert old_url != new_url
    common = ["--viewports", "XS", "--fail-on", "moderate", "--no-screenshots", "-q"]

    first = run_cli("audit", old_url, "-o", tmp_path / "r1", *common, cwd=tmp_path)
    assert first.returncode == 1, first.stderr
    old = load_report(tmp_path / "r1")
    old_rules = {rule for rule, _ in _findings(old)}
    assert {"image-alt", "link-text-generic"} <= old_rules

    second = run_cli("audit", new_url, "-o", tmp_path / "r2", "--baseline", tmp_path / "r1" / "report.json",
                     *common, cwd=tmp_path)
    assert second.returncode == 1, second.stderr
    new = load_report(tmp_path / "r2")
    findings = _findings(new)
    new_ones = [f for f in findings.values() if f["baseline"] == "new"]
    # Only the "click here" link is new; the image matched across origins and a shifted position.
    assert [(f["rule"], f["html"]) for f in new_ones] == [("link-text-generic", '<a href="/map">click here</a>')]
    image = next(f for f in findings.values() if f["rule"] == "image-alt")
    assert image["baseline"] == "unchanged"
    old_image = next(f for f in _findings(old).values() if f["rule"] == "image-alt")
    assert image["fingerprint"] == old_image["fingerprint"] and image["selector"] != old_image["selector"]
    fixed = new["fixed"]
    assert [(f["rule"], f["html"]) for f in fixed] == [("link-text-generic", '<a href="/closures">Read more</a>')]
    assert new["summary"]["baseline"] == {"new": 1, "unchanged": len(findings) - 1, "fixed": 1}
    assert new["summary"]["gate"] == "failed"

    # diff says what --baseline said.
    diff = run_cli("diff", tmp_path / "r1", tmp_path / "r2", "--format", "json", cwd=tmp_path)
    assert diff.returncode == 1, diff.stderr
    groups = json.loads(diff.stdout)
    assert [f["fingerprint"] for f in groups["new"]] == [f["fingerprint"] for f in new_ones]
    assert [f["fingerprint"] for f in groups["fixed"]] == [f["fingerprint"] for f in fixed]
    assert sorted(f["fingerprint"] for f in groups["unchanged"]) == sorted(
        f["fingerprint"] for f in findings.values() if f["baseline"] == "unchanged")
    text = run_cli("diff", tmp_path / "r1", tmp_path / "r2", cwd=tmp_path)
    assert text.stdout.startswith("newsaudit diff: 1 new, 1 fixed,") and text.returncode == 1

    # An ignore with a reason hides the new finding; an expired one on the image does nothing.
    (tmp_path / "newsaudit.toml").write_text(f"""
[[ignore]]
rule = "link-text-generic"
url = "/article.html"
selector = "#story > p:nth-of-type(*) > a:nth-of-type(2)"
reason = "The map link is rewritten in ticket WEB-42"
until = 2999-12-31

[[ignore]]
rule = "image-alt"
fingerprint = "{image['fingerprint']}"
reason = "Was accepted once"
until = 2020-01-31

[[ignore]]
rule = "heading-empty"
reason = "An old template"
""", encoding="utf-8")
    third = run_cli("audit", new_url, "-o", tmp_path / "r3", "--baseline", tmp_path / "r1" / "report.json",
                    "--viewports", "XS", "--fail-on", "moderate", "--no-screenshots", cwd=tmp_path)
    assert third.returncode == 0, third.stderr
    ignored = load_report(tmp_path / "r3")
    hidden = [f for f in _findings(ignored).values() if f["ignored"]]
    assert [(f["html"], f["ignored"]) for f in hidden] == [
        ('<a href="/map">click here</a>', {"reason": "The map link is rewritten in ticket WEB-42", "until": "2999-12-31"})]
    assert next(f for f in _findings(ignored).values() if f["rule"] == "image-alt")["ignored"] is None
    assert [e["status"] for e in ignored["ignores"]] == ["applied", "expired", "unmatched"]
    assert "expired on 2020-01-31 and no longer applies" in third.stderr
    assert "'heading-empty'" in third.stderr and "matched no finding" in third.stderr
    assert ignored["summary"]["gate"] == "passed" and ignored["summary"]["ignored"] == 1

    # --disable takes an axe rule id: it is not run at all.
    fourth = run_cli("audit", new_url, "-o", tmp_path / "r4", "--disable", "image-alt", *common, cwd=tmp_path)
    assert fourth.returncode == 1, fourth.stderr
    without = load_report(tmp_path / "r4")
    assert "image-alt" not in {rule for rule, _ in _findings(without)}
    assert "image-alt" not in without["settings"]["rules_run"] and "image-alt" in new["settings"]["rules_run"]

    # SARIF from a URL audit: no http(s) artifact URIs; valid; within code scanning's rules.
    sarif = json.loads((tmp_path / "r2" / "report.sarif").read_text(encoding="utf-8"))
    assert set(artifact_uris(sarif)) == {"newsaudit.toml"}
    assert not schema_errors(sarif) and not upload_rule_violations(sarif)
    assert sarif["runs"][0]["automationDetails"]["id"].startswith("newsaudit-pages/")
    # JUnit: one testcase per rule that ran, valid against junit-10.xsd.
    junit = etree.parse(str(tmp_path / "r2" / "junit.xml"))
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(junit), schema.error_log
    cases = junit.findall("testsuite/testcase")
    assert len(cases) == len(new["settings"]["rules_run"]) > 50
    assert [c.get("name") for c in cases if c.find("failure") is not None] == ["link-text-generic"]
    assert sum(float(c.get("time")) for c in cases) > 0


def test_shards_merge_into_the_same_run_as_one_big_run(tmp_path):
    site = Path(__file__).resolve().parents[1] / "fixtures" / "site"
    pages = [site / name for name in ("link-text-problems.html", "heading-problems.html",
                                      "skip-link-missing.html", "clean-article.html")]
    common = ["--viewports", "XS", "--no-screenshots", "-q", "--format", "json,junit,sarif"]
    whole = run_cli("audit", *pages, "-o", tmp_path / "whole", *common)
    shards = [run_cli("audit", *pages, "-o", tmp_path / f"s{k}", "--shard", f"{k}/2", *common) for k in (1, 2)]
    assert all(s.returncode in (0, 1) for s in shards), [s.stderr for s in shards]
    sizes = [len(load_report(tmp_path / f"s{k}")["pages"]) for k in (1, 2)]
    assert sorted(sizes) != [0, 4] and sum(sizes) == 4  # a real split, every page once
    merged = run_cli("merge", tmp_path / "s1", tmp_path / "s2", "-o", tmp_path / "merged", "--format", "json,junit")
    assert merged.returncode == whole.returncode, merged.stderr
    one, joined = load_report(tmp_path / "whole"), load_report(tmp_path / "merged")
    assert [p["url"] for p in joined["pages"]] == [p["url"] for p in one["pages"]]
    key = lambda report: [[(f["rule"], f["selector"], f["fingerprint"], f["viewports"]) for f in p["findings"]]
                          for p in report["pages"]]
    assert key(joined) == key(one)
    for field in ("pages", "audited", "findings", "findings_by_impact", "gate", "exit_code"):
        assert joined["summary"][field] == one["summary"][field]
