"""The rule pack: one module per rule, named after its id (dashes become underscores), plus the
one generic adapter for axe-core (``axe_adapter``, with its words in ``axe_rules``).

``catalogue()`` is how the pack is handed to the engine. Modules are found by listing the
package, so adding a rule is adding a file; nothing registers itself on import, the catalogue
collects each module's ``@rule`` check when first asked.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from auditor.registry import Catalogue, Rule, collect, lookup

from . import axe_adapter

axe_metadata = axe_adapter.metadata


def _rule_modules() -> list:
    return [importlib.import_module(f"{__name__}.{name}")
            for name in sorted(m.name for m in pkgutil.iter_modules(__path__))
            if not name.startswith(("_", "axe_"))]


@cache
def all_rules() -> dict[str, Rule]:
    """Every news rule of the pack, by id."""
    return collect(_rule_modules())


def get(rule_id: str) -> Rule:
    return lookup(all_rules(), rule_id)


@cache
def catalogue() -> Catalogue:
    """Every news rule by id, and the axe-core adapter."""
    return Catalogue(rules=all_rules(), axe_check=axe_adapter.violations, axe_meta=axe_adapter.metadata,
                     same_problem=axe_adapter.SAME_PROBLEM)
