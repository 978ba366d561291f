"""Steps before the audit: a small declarative list from the config (per site or per [[pages]]
pattern), run after each load and before the audit, the same way in both backends.

    steps = ["click #menu-button", "wait-for #menu:not([hidden])", "press Escape",
             "fill #search storm", {fill = "#login input[name=user]", text = "${READER}"},
             "wait 500", "scroll-to-bottom", "wait-for-url */article/*", "goto /2026/storm.html"]

Each step is bounded by step_timeout; a step that fails or runs out of time makes the page an
error that names the step (never its text, which may be a secret).
"""
from __future__ import annotations

import asyncio
import fnmatch
from dataclasses import dataclass
from urllib.parse import urljoin

from . import scripts
from .browsers import BrowserError, Tab

MAX_WAIT_MS = 60_000
ACTIONS = ("click", "fill", "press", "wait-for", "wait-for-url", "wait", "scroll-to-bottom", "goto")
NEEDS = {"click": "a selector", "fill": "a selector and a text", "press": "a key such as Enter",
         "wait-for": "a selector", "wait-for-url": "a URL glob", "wait": "milliseconds", "goto": "a URL"}

# In-page code of the steps (js/steps.js): wait for a shown element, scroll to the bottom.
WAIT_FOR = scripts.function("steps.js", "STEPS.waitFor", helpers=())
SCROLL_TO_BOTTOM = scripts.function("steps.js", "STEPS.scrollToBottom", helpers=())


class StepError(ValueError):
    """A step the config spells wrong (exit 2)."""


class StepFailed(Exception):
    """A step that failed on the page: the page is an error with this reason."""


@dataclass(frozen=True)
class Step:
    action: str
    target: str = ""
    text: str = ""

    def label(self) -> str:
        return f"{self.action} {self.target}".strip()


def parse(value, where: str = "steps") -> Step:
    if isinstance(value, dict):
        actions = [k for k in value if k in ACTIONS]
        extra = [k for k in value if k not in ACTIONS and k != "text"]
        if len(actions) != 1 or extra:
            raise StepError(f"{where}: a step table has one action key ({', '.join(ACTIONS)}) and "
                            "optionally text")
        action = actions[0]
        target, text = str(value[action]), str(value.get("text", ""))
    elif isinstance(value, str):
        action, _, rest = value.strip().partition(" ")
        rest = rest.strip()
        target, text = rest, ""
        if action == "fill":
            target, _, text = rest.partition(" ")
    else:
        raise StepError(f"{where}: a step is a string such as 'click #menu' or a table, not {type(value).__name__}")
    if action not in ACTIONS:
        raise StepError(f"{where}: unknown step {action!r}; choose from: {', '.join(ACTIONS)}")
    if action in NEEDS and not target:
        raise StepError(f"{where}: step {action!r} needs {NEEDS[action]}")
    if action == "scroll-to-bottom" and target:
        raise StepError(f"{where}: scroll-to-bottom takes nothing after it")
    if action == "wait" and (not target.isdigit() or int(target) > MAX_WAIT_MS):
        raise StepError(f"{where}: wait takes milliseconds, at most {MAX_WAIT_MS} (got {target[:20]!r})")
    return Step(action, target, text)


def parse_all(values, where: str = "steps") -> tuple[Step, ...]:
    if not isinstance(values, list):
        raise StepError(f"{where} must be a list of steps")
    return tuple(parse(v, f"{where}[{i + 1}]") for i, v in enumerate(values))


async def run(tab: Tab, steps: tuple[Step, ...], timeout: float) -> None:
    for number, step in enumerate(steps, 1):
        try:
            await asyncio.wait_for(_run_one(tab, step, timeout), timeout + 5)
        except asyncio.TimeoutError:
            raise StepFailed(f"step {number} ({step.label()}) did not finish within {timeout:g} s") from None
        except (BrowserError, StepFailed) as error:
            raise StepFailed(f"step {number} ({step.label()}) failed: {error}") from None


async def _wait_for(tab: Tab, selector: str, timeout: float) -> None:
    state = await tab.evaluate(WAIT_FOR, {"selector": selector, "ms": int(timeout * 1000)})
    if state == "invalid":
        raise StepFailed(f"{selector!r} is not a valid CSS selector")
    if state != "found":
        what = "no element matches it" if state == "missing" else "the element stayed hidden"
        raise StepFailed(f"{what} within {timeout:g} s")


async def _run_one(tab: Tab, step: Step, timeout: float) -> None:
    action = step.action
    if action in ("click", "fill", "wait-for"):
        await _wait_for(tab, step.target, timeout)
    if action == "click":
        await tab.click(step.target, timeout)
    elif action == "fill":
        await tab.fill(step.target, step.text, timeout)
    elif action == "press":
        await tab.press(step.target)
    elif action == "wait":
        await asyncio.sleep(int(step.target) / 1000)
    elif action == "scroll-to-bottom":
        await tab.evaluate(SCROLL_TO_BOTTOM, {"ms": int(timeout * 1000)})
    elif action == "goto":
        here = await tab.evaluate("() => location.href")
        await tab.goto(urljoin(str(here), step.target))
    elif action == "wait-for-url":
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            href = str(await tab.evaluate("() => location.href"))
            if fnmatch.fnmatchcase(href, step.target):
                return
            if loop.time() > end:
                raise StepFailed(f"the address stayed {href[:200]}")
            await asyncio.sleep(0.1)
