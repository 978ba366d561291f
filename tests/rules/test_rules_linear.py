"""Every news rule finishes on a page whose texts are 1 MB each (issue 9: a 30 KB caption hung a page).

Each text is made of the runs that make a backtracking regex or a nested loop blow up (capitals, a
dot after every word, open brackets, dashes, asset ids, hex, "©", CJK), 1 MB in all; every rotation
of the runs is tried, so that patterns anchored at the start or the end meet each run there. The
rules run in a child process and each must finish within a bound generous enough that only a
non-linear algorithm misses it (a quadratic step over a 100 KB run is 10^10 operations).
"""
from __future__ import annotations

import json
import queue
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from rules import all_rules

BOUND_S = 10  # per rule and text shape; linear rules take a fraction of it
SIZE = 1_000_000
RUNS = ["A" * 10, "AAA ", "a. ", "(", "- ", ". ", "a-", "0123456789abcdef", "© ", "图片", "Photo: ",
        "Smith, left, and Doe (AP Photo/Jane Doe). ", "_1"]

CHILD = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, sys.argv[1])
    from auditor.registry import RuleSettings
    from rules import all_rules
    from snapshots import caption, document, heading, image, link, skip_link, skip_stop, snapshot, tab_stop

    size, runs = int(sys.argv[2]), json.loads(sys.argv[3])
    part = size // len(runs)
    for rotation in range(len(runs)):
      order = runs[rotation:] + runs[:rotation]
      text = "".join((run * (part // len(run) + 1))[:part] for run in order)
      skip = skip_link(text=text, fragment=text[:2000])
      snap = snapshot(
        document=document(title=text, og_title=text, jsonld_headline=text, headline=text, site_name=text),
        images=[image("a", alt=text, caption=caption(text, credit=text[-5000:]), title=text, src="https://x/" + text,
                      files=["https://x/" + text], teaser=None, link={"selector": "#l", "href": text, "text": text}),
                image("b", alt="Photo of " + text, caption=text, gallery="#g"),
                image("c", alt="Photo of " + text, caption=text, gallery="#g", src="https://x/c.jpg")],
        headings=[heading(1, text, "h1"), heading(2, text, "h2")],
        links=[link(text, href="/" + text[:2000], id="l1"), link(text, id="l2", title=text, aria_label=text)],
        tab_order=[tab_stop(text, "t1"), skip_stop(skip)], skip_links=[skip])
      for rule_id, rule in all_rules().items():
        print("start", rule_id, rotation, flush=True)
        list(rule.check(snap, RuleSettings()))
        print("done", rule_id, rotation, flush=True)
""")


def run_rules() -> tuple[list[str], str | None]:
    """(rule, rotation) of the rules that finished, and of the one still running when its bound ran out."""
    here = Path(__file__).resolve().parent
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(here), str(SIZE), json.dumps(RUNS)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in child.stdout] + [lines.put(None)],
                     daemon=True).start()
    finished, running = [], None
    try:
        while True:
            # Building a snapshot and each rule get BOUND_S; a hang is caught, never waited out.
            line = lines.get(timeout=BOUND_S)
            if line is None:
                break
            verb, rule_id, rotation = line.split()
            what = f"{rule_id} on a text starting {RUNS[int(rotation)][:12]!r}"
            if verb == "done":
                finished.append(what)
            running = what if verb == "start" else None
    except queue.Empty:
        child.kill()
        return finished, running or "(building a snapshot)"
    assert child.wait() == 0, child.stderr.read()[-3000:]
    return finished, None


def test_every_rule_is_linear_on_one_megabyte_texts():
    finished, stuck = run_rules()
    assert stuck is None, f"did not finish within {BOUND_S} s on 1 MB texts: {stuck}"
    assert len(finished) == len(RUNS) * len(all_rules())
