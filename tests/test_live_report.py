"""report.json while the run goes (auditor/live_report.py): after every finished page the file is
whole JSON, holds that page, lists every other page as not audited yet, and its summary is the
one the model gives those pages; the journal writes the same page text."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor import api, journal, live_report
from auditor.engine import NOT_YET, Target, describe_rules
from auditor.model import AuditRun, Finding, PageResult
from auditor.settings import Settings

IMPACTS = ("minor", "moderate", "serious", "critical")


def finding(rule: str, impact: str, selector: str = "img") -> Finding:
    return Finding(rule=rule, engine="axe", impact=impact, wcag=[], viewports=["XS"], selector=selector,
                   html="<img>", message="m", help_url="")


def page(n: int, impacts: list[str], status: str = "audited") -> PageResult:
    return PageResult(url=f"http://127.0.0.1/a{n}", status=status, error="gone" if status == "error" else None,
                      viewports_audited=["XS"] if status == "audited" else [],
                      findings=[finding(f"rule-{i % 3}", impact, f"#x{i}") for i, impact in enumerate(impacts)])


class Run:
    """What the session does, without a browser: pages finish in some order."""

    def __init__(self, folder, count: int, fail_on: str = "serious"):
        self.folder = folder
        self.settings = api.build_settings({"fail_on": fail_on, "output": str(folder)})
        self.targets = [Target(url=f"http://127.0.0.1/a{n}") for n in range(count)]
        self.results: list = [None] * count
        self.texts: list = [None] * count
        self.info = {"axe_rules": {}}
        self.live = None

    def run_so_far(self) -> AuditRun:
        return api.build_run(self.targets, self.results, self.settings, self.info, "2026-12-01T00:00:00Z")

    def finish(self, index: int, result: PageResult) -> None:
        self.results[index] = result
        text = live_report.dumps(result.to_dict())
        if self.live is None:
            self.texts[index] = text
            catalogue = api.catalogue()
            self.live = live_report.LiveReport.start(
                self.folder, self.run_so_far(), self.texts, clean=lambda d: d,
                describe=lambda p, used: describe_rules(p, catalogue, self.info, used))
        else:
            self.live.page(index, result, text)

    def on_disk(self) -> dict:
        return json.loads((self.folder / "report.json").read_text(encoding="utf-8"))


def expected_summary(run: Run) -> dict:
    """The model's summary of the pages finished and, for the rest, not-audited placeholders."""
    whole = run.run_so_far()
    return whole.summary()


def test_each_finished_page_leaves_whole_json_with_the_rest_not_audited_yet(tmp_path):
    run = Run(tmp_path, 3)
    run.finish(1, page(1, ["serious", "minor"]))
    doc = run.on_disk()
    assert [p["url"] for p in doc["pages"]] == ["http://127.0.0.1/a1", "http://127.0.0.1/a0", "http://127.0.0.1/a2"]
    assert [p["status"] for p in doc["pages"]] == ["audited", "not audited", "not audited"]
    assert doc["pages"][1]["error"] == NOT_YET
    assert doc["finished"] == "" and doc["summary"]["gate"] == "incomplete"
    assert doc["summary"] == expected_summary(run)
    assert set(doc["rules"]) == {"rule-0", "rule-1"}

    run.finish(0, page(0, [], status="error"))  # shorter than the entry it replaces: spaces pad it
    on_disk = (tmp_path / "report.json").read_bytes()
    assert on_disk.endswith(b" ") and on_disk.rstrip(b" ").endswith(b"}\n")
    assert run.on_disk()["summary"] == expected_summary(run)
    run.finish(2, page(2, ["critical"]))
    run.live.close()
    doc = run.on_disk()
    assert [p["url"][-2:] for p in doc["pages"]] == ["a1", "a0", "a2"]  # finish order while live
    assert doc["summary"] == expected_summary(run)
    assert doc["summary"]["gate"] == "error" and doc["summary"]["not_audited"] == 0
    assert AuditRun.from_dict(doc).summary() == doc["summary"]  # newsaudit report reads it as it is


def test_an_earlier_report_is_replaced_whole_and_the_journal_writes_the_same_page(tmp_path):
    (tmp_path / "report.json").write_text("x" * 100_000, encoding="utf-8")  # longer than the live one
    run = Run(tmp_path, 2)
    run.finish(0, page(0, ["moderate"]))
    assert run.on_disk()["summary"]["pages"] == 2
    log = journal.Journal.start(tmp_path, {"targets": [{"url": t.url} for t in run.targets]})
    log.page(0, run.texts[0])
    log.close(finished=False)
    _, done = journal.read(tmp_path)
    assert done[0] == run.results[0]


def test_a_live_report_is_whole_after_every_page_in_any_order(tmp_path_factory):
    @settings(max_examples=40, deadline=None)
    @given(st.lists(st.tuples(st.lists(st.sampled_from(IMPACTS), max_size=6), st.sampled_from(["audited", "error"])),
                    min_size=1, max_size=8),
           st.randoms(use_true_random=False), st.sampled_from(["serious", "never", "minor"]))
    def check(pages, rng, fail_on):
        folder = tmp_path_factory.mktemp("live")
        run = Run(folder, len(pages), fail_on)
        order = list(range(len(pages)))
        rng.shuffle(order)
        for step, index in enumerate(order, 1):
            impacts, status = pages[index]
            run.finish(index, page(index, impacts, status))
            doc = run.on_disk()
            assert [p["url"][-2:] for p in doc["pages"][:step]] == [f"a{i}" for i in order[:step]]
            assert len(doc["pages"]) == len(pages)
            assert doc["summary"] == expected_summary(run)
        run.live.close()

    check()


def test_a_full_disk_stops_the_updates_and_leaves_the_last_whole_report(tmp_path, monkeypatch):
    run = Run(tmp_path, 3)
    run.finish(0, page(0, ["serious"]))
    before = run.on_disk()

    def full(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(live_report.os, "pwrite", full)
    run.finish(1, page(1, ["minor"]))  # no exception reaches the run
    monkeypatch.undo()
    run.finish(2, page(2, []))  # and no later page is written over a report it could not finish
    assert run.live.fd is None and run.on_disk() == before


def test_a_report_json_that_cannot_be_replaced_leaves_nothing_behind(tmp_path):
    (tmp_path / "report.json").mkdir()  # a folder where the report goes: the final write says so
    run = Run(tmp_path, 2)
    with pytest.raises(OSError):  # the session takes it as no live report (session.start_live)
        run.finish(0, page(0, []))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
