"""When the page a --login-script left has settled: loaded, not being left, and the same for a
short quiet while. Both backends poll the page with ``PROBE`` and feed this what it answered."""
from __future__ import annotations

import time

from .. import scripts

POLL_S = 0.1
QUIET_POLLS = 5  # 0.5 s unchanged: a form submitted from a short timer has started to leave by then
WATCH = scripts.source("login_watch.js")
PROBE = "[location.href, document.readyState === 'complete' && !window.__newsauditLeaving]"


class Settling:
    """Bounded by the page timeout: a page that never settles (a request that hangs) is given up
    on, and the cookies it has are kept as they are."""

    def __init__(self, timeout_s: float):
        self.deadline = time.monotonic() + timeout_s
        self.last, self.same = None, 0

    def settled(self, answer) -> bool:
        """``answer`` is what ``PROBE`` gave, or None when the page could not answer (between
        documents)."""
        if answer is not None and answer[1]:
            self.same = self.same + 1 if answer == self.last else 1
        else:
            self.same = 0
        self.last = answer
        return self.same >= QUIET_POLLS

    @property
    def given_up(self) -> bool:
        return time.monotonic() >= self.deadline
