"""How a run ends on a signal: SIGINT (Ctrl-C), SIGTERM (how CI cancels a job) and SIGHUP (a
closed terminal) all stop the audit, let the pages in flight go, and write the report of what was
done. Each exits 128 + its number (130, 143, 129), as the shell would report the signal."""
from __future__ import annotations

import asyncio
import contextlib
import signal
from typing import Awaitable, Callable

STOP_SIGNALS = tuple(s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s)


class Stopped(BaseException):
    """A stop signal arrived outside the event loop (reading inputs, writing reports)."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def _raise_stopped(number, frame):
    raise Stopped(signal.Signals(number).name)


@contextlib.contextmanager
def stop_signals_raise():
    """While inside: a stop signal raises Stopped in the main thread."""
    previous = {s: signal.signal(s, _raise_stopped) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, old in previous.items():
            signal.signal(s, old)


def run_until_signal(work: Callable[[], Awaitable[None]]) -> str:
    """Run ``work()`` in a new event loop; a stop signal cancels it. Returns the signal's name,
    or "" when the work finished by itself."""
    received: list[str] = []

    async def main() -> None:
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()

        def stop(name: str) -> None:
            if not received:  # a second signal while the browser closes changes nothing
                received.append(name)
                task.cancel()

        for s in STOP_SIGNALS:
            loop.add_signal_handler(s, stop, s.name)
        try:
            await work()
        except asyncio.CancelledError:
            if not received:
                raise

    with stop_signals_raise():
        try:
            asyncio.run(main())
        except Stopped as stopped:  # the signal came before the loop took it over
            received.append(stopped.name)
        finally:
            for s in STOP_SIGNALS:  # closing the loop put the default handlers back
                signal.signal(s, _raise_stopped)
    return received[0] if received else ""
