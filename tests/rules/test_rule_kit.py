"""Every rule comes with what CONTRIBUTING.md's "Adding a rule" asks for, or this fails and says what is missing.

- a unit test: a test module in tests/rules/ that calls something with the rule's id (``selectors(
  "alt-placeholder", ...)``), not only a mention in a docstring;
- a fixture element on the bundled site and an expected-findings entry for it
  (``fixtures/site/<page>.expected.json``), whose ``#id`` exists on that page.
"""
import ast
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from rules import all_rules

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "fixtures" / "site"
# These test the catalogue as a whole (every id at once), not any one rule.
WHOLE_CATALOGUE = {"test_rule_catalogue.py", "test_rule_kit.py"}


def ids_called_in_tests() -> set[str]:
    """String constants passed as call arguments in the rule test modules."""
    found = set()
    for path in sorted((ROOT / "tests" / "rules").glob("test_*.py")):
        if path.name in WHOLE_CATALOGUE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    for leaf in ast.walk(arg):
                        if isinstance(leaf, ast.Constant) and isinstance(leaf.value, str):
                            found.add(leaf.value)
    return found


def expected_entries() -> dict[str, list[tuple[str, str | None]]]:
    """rule id -> [(page, selector)] over every expected-findings file of the fixture site."""
    entries: dict[str, list[tuple[str, str | None]]] = {}
    for path in sorted(SITE.glob("*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        for finding in expected["findings"]:
            entries.setdefault(finding["rule"], []).append((expected["page"], finding["selector"]))
    return entries


class ElementIds(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name == "id" and value)


def ids_on(page: str) -> set[str]:
    parser = ElementIds()
    parser.feed((SITE / page).read_text(encoding="utf-8"))
    return parser.ids


CALLED = ids_called_in_tests()
EXPECTED = expected_entries()


@pytest.mark.parametrize("rule_id", sorted(all_rules()))
def test_the_rule_has_a_unit_test(rule_id):
    assert rule_id in CALLED, (
        f"no test in tests/rules/ calls anything with {rule_id!r}: add unit tests on hand-built "
        f"snapshots (tests/rules/snapshots.py), failing and passing cases (CONTRIBUTING.md, step 3)")


@pytest.mark.parametrize("rule_id", sorted(all_rules()))
def test_the_rule_has_a_fixture_element_and_an_expected_finding(rule_id):
    entries = EXPECTED.get(rule_id)
    assert entries, (f"no fixtures/site/*.expected.json lists {rule_id!r}: add an element that fails it "
                     f"to a fixture page and its entry to that page's expected findings (CONTRIBUTING.md, step 4)")
    page_level = all_rules()[rule_id].page_level
    for page, selector in entries:
        if page_level:
            assert selector is None, f"{page}: {rule_id} is page-level, so its selector is null"
            continue
        assert selector and selector.startswith("#"), f"{page}: {rule_id}'s element needs an id (selector '#id')"
        assert selector[1:] in ids_on(page), f"{page} has no element {selector} for {rule_id}"


def test_the_kit_can_fail():
    # A rule id nobody tests is caught: the checks above are not vacuous.
    assert "no-such-rule" not in CALLED and "no-such-rule" not in EXPECTED
    assert "skip-link-missing" in CALLED and EXPECTED["skip-link-missing"]
