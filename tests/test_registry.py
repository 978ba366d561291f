"""@rule marks a check and registers nothing; collect() builds the rule table from modules and refuses bad packs."""
import types

import pytest

from auditor.registry import RegistryError, Rule, collect, rule


def _module(name, rule_id=None):
    module = types.ModuleType(name)
    if rule_id:
        @rule(id=rule_id, impact="minor", wcag=["1.1.1"], audience="editor", title="t", why="w", fix="f")
        def check(snapshot, settings):
            return []
        module.check = check
    return module


def test_marking_keeps_the_function_and_carries_the_metadata():
    module = _module("rules.sample_rule", "sample-rule")
    assert isinstance(module.check.rule, Rule) and module.check.rule.check is module.check
    assert list(collect([module])) == ["sample-rule"]


def test_collect_orders_by_id_and_refuses_duplicates_and_unmarked_modules():
    assert list(collect([_module("b", "b-rule"), _module("a", "a-rule")])) == ["a-rule", "b-rule"]
    with pytest.raises(RegistryError, match="defined twice"):
        collect([_module("x", "same"), _module("y", "same")])
    with pytest.raises(RegistryError, match="no check marked with @rule"):
        collect([_module("rules.helper")])


def test_bad_metadata_is_refused_where_it_is_written():
    with pytest.raises(RegistryError, match="impact"):
        rule(id="r", impact="huge", wcag=["1.1.1"], audience="editor", title="t", why="w", fix="f")
