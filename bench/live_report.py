"""What writing report.json as pages finish costs: a finished run's pages replayed through the live
report.json writer (auditor/live_report.py), one by one, as a run hands them over.

    .venv/bin/python bench/live_report.py bench/out/scale/out-1000/report.json

Prints the writer's time per page, apart from making the page's JSON text (which the journal needed
before the live report existed).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from auditor import api, live_report  # noqa: E402
from auditor.engine import Target, describe_rules  # noqa: E402
from auditor.model import PageResult  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report_json", type=Path)
    args = parser.parse_args()
    pages = [PageResult.from_dict(p) for p in json.loads(args.report_json.read_text(encoding="utf-8"))["pages"]]
    catalogue, info = api.catalogue(), {"axe_rules": {}}
    with tempfile.TemporaryDirectory() as folder:
        settings = api.build_settings({"output": folder})
        targets = [Target(url=p.url) for p in pages]
        results: list = [None] * len(pages)
        texts: list = [None] * len(pages)
        live, texts_time, start = None, 0.0, time.perf_counter()
        for index, page in enumerate(pages):
            results[index] = page
            before = time.perf_counter()
            text = live_report.dumps(page.to_dict())
            texts_time += time.perf_counter() - before
            if live is None:
                texts[index] = text
                live = live_report.LiveReport.start(
                    Path(folder), api.build_run(targets, results, settings, info, ""), texts, clean=lambda d: d,
                    describe=lambda p, used: describe_rules(p, catalogue, info, used))
            else:
                live.page(index, page, text)
        total = time.perf_counter() - start
        size = (Path(folder) / live_report.NAME).stat().st_size
        live.close()
    print(f"{len(pages)} pages: the live writer took {(total - texts_time) * 1000 / len(pages):.2f} ms a page "
          f"({total - texts_time:.2f} s in all), the pages' JSON text {texts_time * 1000 / len(pages):.2f} ms a page; "
          f"the live report.json ended at {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
