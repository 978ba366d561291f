"""The rules run in a child process under a time budget, off the event loop.

A rule is pure Python over a Snapshot, but a regex can be slow on hostile text, and Python's
regex engine holds the GIL: run on the event loop (or in a thread) it would freeze signals, the
per-step bounds and every other page. In a child process it cannot: past the budget the child is
killed, the snapshot's viewport gets an error that names the rule, and a new child takes the next
snapshot.
"""
from __future__ import annotations

import asyncio
import importlib
import os
import signal
import socket
import subprocess
import sys
from multiprocessing.connection import Connection

from .merge import Verdict
from .model import Snapshot
from .registry import AxeCheck, Rule, RuleSettings

# Seconds for every rule over one snapshot together; real pages need well under a second.
RULES_BUDGET = 30.0
AXE = "axe-core results"  # the adapter, which runs first
READY = "ready"
# Seconds a new child may take to import the rules (a loaded machine is slow); not the rules' budget.
STARTUP_BUDGET = 120.0


def _function(module: str, name: str):
    value = importlib.import_module(module)
    for part in name.split("."):
        value = getattr(value, part)
    return value


def _serve(conn: Connection) -> None:
    """The child: the axe adapter and the rules to run first, then for each snapshot received one
    message per rule, then None."""
    axe, checks, rule_settings = conn.recv()
    axe_check = _function(*axe) if axe else None
    functions = [(rule_id, _function(module, name)) for rule_id, module, name in checks]
    conn.send(READY)
    while True:
        try:
            snapshot = conn.recv()
        except (EOFError, OSError):
            return
        if axe_check is not None:
            try:
                conn.send((AXE, list(axe_check(snapshot)), None))
            except Exception as error:  # noqa: BLE001 - reported, never fatal
                conn.send((AXE, [], f"axe-core's results could not be read: {type(error).__name__}: {error}"))
        for rule_id, check in functions:
            try:
                conn.send((rule_id, list(check(snapshot, rule_settings)), None))
            except Exception as error:  # noqa: BLE001 - one broken rule must not sink the run
                conn.send((rule_id, [], f"rule {rule_id} failed: {type(error).__name__}: {error}"))
        conn.send(None)


class RuleRunner:
    """One child process that judges snapshots, one at a time; one per engine worker."""

    def __init__(self, rules: list[Rule], rule_settings: RuleSettings, budget: float = RULES_BUDGET,
                 axe_check: AxeCheck | None = None):
        self.rules = {r.id: r for r in rules}
        self.axe_check = axe_check  # axe-core's results into violations, run before the rules
        self.rule_settings = rule_settings
        self.budget = budget
        self.process = None
        self.conn: Connection | None = None

    def _start(self) -> None:
        # A plain child interpreter, not multiprocessing: no fork of a process with threads, and
        # no re-import of whatever script is __main__.
        parent, child = socket.socketpair()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "auditor.rulerunner", str(child.fileno())], pass_fds=(child.fileno(),),
            env=env, stdin=subprocess.DEVNULL)
        child.close()
        self.conn = Connection(parent.detach())
        checks = [(r.id, r.check.__module__, r.check.__qualname__) for r in self.rules.values()]
        axe = (self.axe_check.__module__, self.axe_check.__qualname__) if self.axe_check else None
        self.conn.send((axe, checks, self.rule_settings))

    async def judge(self, snapshot: Snapshot) -> tuple[list[Verdict], list[str]]:
        """Every rule over one snapshot: verdicts, and errors (a rule that raised, or the rule that
        was still running when the budget ran out, and those never run)."""
        if self.process is None or self.process.poll() is not None:
            self.stop()
            self._start()
            if await self._receive(STARTUP_BUDGET) != READY:
                self.stop()
                return [], [f"the news rules could not be started within {STARTUP_BUDGET:g} s"]
        try:
            return await self._judge(snapshot)
        except BaseException:
            self.stop()  # cancelled mid-snapshot: its answers must not reach the next one
            raise

    async def _judge(self, snapshot: Snapshot) -> tuple[list[Verdict], list[str]]:
        await asyncio.to_thread(self.conn.send, snapshot)  # a big snapshot fills the pipe for a while
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.budget
        waiting = [AXE, *self.rules] if self.axe_check else [*self.rules]
        verdicts, errors = [], []
        while waiting:
            message = await self._receive(deadline - loop.time())
            if message is None:
                break
            rule_id, violations, error = message
            waiting.remove(rule_id)
            rule = self.rules.get(rule_id)
            verdicts += [Verdict(snapshot.viewport, v, rule) for v in violations]
            if error:
                errors.append(error)
        else:
            await self._receive(deadline - loop.time())  # the end marker
            return verdicts, errors
        died = self.process.poll() is not None
        self.stop()  # killed mid-rule: the next snapshot gets a new child
        running, skipped = waiting[0], waiting[1:]
        if died:
            error = f"the rules' process stopped unexpectedly while {running} ran"
        else:
            error = (f"rule {running} did not finish within {self.budget:g} s (the page's text is too long or "
                     "too complex for it)")
        if skipped:
            error += f"; not run: {', '.join(skipped)}"
        return verdicts, errors + [error]

    async def _receive(self, timeout: float):
        """The child's next message, or None when none comes in time (or the child died)."""
        if timeout <= 0:
            return None
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        fd = self.conn.fileno()
        loop.add_reader(fd, lambda: ready.done() or ready.set_result(None))
        try:
            await asyncio.wait_for(ready, timeout)
        except asyncio.TimeoutError:
            return None
        finally:
            loop.remove_reader(fd)
        try:
            return await asyncio.to_thread(self.conn.recv)  # a message may still be arriving
        except (EOFError, OSError):
            return None

    def stop(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self.process = None


if __name__ == "__main__":  # the child: python -m auditor.rulerunner FD
    # Ctrl-C reaches the whole process group; the parent answers it and ends this process, which
    # must not print a KeyboardInterrupt traceback of its own meanwhile.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _serve(Connection(int(sys.argv[1])))
