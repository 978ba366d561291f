"""The rule pack: one module per rule, named after its id (dashes become underscores), plus the
one generic adapter for axe-core (``axe_adapter``, with its words in ``axe_rules``).

``catalogue()`` is how the pack is handed to the engine. Modules are found by listing the
package, so adding a rule is adding a file; importing them is what records each ``@rule``.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from auditor.registry import Catalogue, all_rules

from . import axe_adapter

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    if not _module.startswith("_") and not _module.startswith("axe_"):
        importlib.import_module(f"{__name__}.{_module}")

axe_metadata = axe_adapter.metadata


@cache
def catalogue() -> Catalogue:
    """Every news rule by id, and the axe-core adapter."""
    return Catalogue(rules=all_rules(), axe_check=axe_adapter.violations, axe_meta=axe_adapter.metadata,
                     same_problem=axe_adapter.SAME_PROBLEM)
