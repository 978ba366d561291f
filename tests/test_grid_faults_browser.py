"""A real Selenium Grid, a hub and two node processes from the Grid jar on 127.0.0.1: pages spread
over both nodes, each naming its node (issue 13); one node is killed mid-run, its pages are audited
again on the other, and nothing is lost (issue 9)."""
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request

import pytest

from badserver import BadServer, closed_port
from test_faults_browser import DEADLINE, Audit
from test_selenium_browser import GRID_JAR_DIR, grid_jar

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which("chromedriver"), reason="no chromedriver on PATH"),
]


def start(tmp_path, name, *args):
    log = open(tmp_path / f"{name}.log", "w")
    # Loopback only; the node uses the chromedriver on PATH and never downloads one.
    process = subprocess.Popen(["java", "-jar", str(grid_jar()), *args], stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    process.log = log
    return process


def stop(process):
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()
    process.log.close()


def nodes_up(hub_url):
    try:
        with urllib.request.urlopen(hub_url + "/status", timeout=5) as response:
            status = json.load(response)["value"]
    except (OSError, ValueError, KeyError):
        return []
    return [n["uri"] for n in status.get("nodes", []) if n.get("availability") == "UP"]


@pytest.fixture
def grid(tmp_path):
    if not shutil.which("java") or grid_jar() is None:
        pytest.skip(f"a Selenium Grid needs java and the server jar in {GRID_JAR_DIR} (bash .ci/setup fetches it)")
    hub_port, publish, subscribe = closed_port(), closed_port(), closed_port()
    bus = ["--publish-events", f"tcp://127.0.0.1:{publish}", "--subscribe-events", f"tcp://127.0.0.1:{subscribe}"]
    # A short health check, so the hub soon stops offering the node that is killed.
    processes = [start(tmp_path, "hub", "hub", "--host", "127.0.0.1", "--port", str(hub_port),
                       "--healthcheck-interval", "5", *bus)]
    node_ports = [closed_port(), closed_port()]
    for number, port in enumerate(node_ports):
        processes.append(start(tmp_path, f"node{number}", "node", "--host", "127.0.0.1", "--port", str(port), *bus,
                               "--selenium-manager", "false", "--max-sessions", "1", "--heartbeat-period", "2",
                               "--session-timeout", "120"))
    hub_url = f"http://127.0.0.1:{hub_port}"
    try:
        deadline = time.monotonic() + DEADLINE
        while len(nodes_up(hub_url)) < 2:
            if time.monotonic() > deadline or any(p.poll() is not None for p in processes):
                pytest.fail("the Grid did not come up with two nodes:\n" + (tmp_path / "hub.log").read_text()[-2000:])
            time.sleep(1)
        yield hub_url, processes[1:]
    finally:
        for process in processes:
            stop(process)


def test_a_grid_node_killed_mid_run_loses_no_page(tmp_path, grid):
    hub_url, nodes = grid
    with BadServer(slow_seconds=2) as bad:
        urls = [bad.url(f"/slow?grid{i}") for i in range(6)]
        audit = Audit(*urls, "--backend", "selenium", "--grid-url", hub_url, "--concurrency", "2",
                      "--viewports", "XS", "--no-screenshots", "--format", "json", "-o", tmp_path / "out")
        audit.wait_for_lines(1)
        os.killpg(nodes[0].pid, signal.SIGKILL)  # the node and the browsers it started
        returncode, stderr = audit.finish()
    assert returncode == 0, stderr
    assert "Traceback" not in stderr
    pages = json.loads((tmp_path / "out" / "report.json").read_text())["pages"]
    assert [(p["url"], p["status"]) for p in pages] == [(u, "audited") for u in urls]


def test_pages_spread_evenly_over_both_nodes_and_each_names_its_node(tmp_path, grid):
    hub_url, _ = grid
    with BadServer(slow_seconds=1) as bad:
        urls = [bad.url(f"/slow?spread{i}") for i in range(6)]
        audit = Audit(*urls, "--backend", "selenium", "--grid-url", hub_url, "--concurrency", "2",
                      "--viewports", "XS", "--no-screenshots", "--format", "json", "-o", tmp_path / "out")
        returncode, stderr = audit.finish()
    assert returncode == 0, stderr
    pages = json.loads((tmp_path / "out" / "report.json").read_text())["pages"]
    served = [page.get("browser_node", "") for page in pages]
    # One session per node and one node per worker: each node audits about half the pages.
    assert {node.rstrip("/") for node in served} == {uri.rstrip("/") for uri in nodes_up(hub_url)}, served
    assert len(set(served)) == 2 and all(served.count(node) >= 2 for node in set(served)), served
