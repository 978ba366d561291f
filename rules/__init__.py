"""The rule pack: one module per rule, named after its id (dashes become underscores).

Importing this package registers every rule with ``auditor.registry``; modules are found by
listing the package, so adding a rule is adding a file.
"""
from __future__ import annotations

import importlib
import pkgutil

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    if not _module.startswith("_"):
        importlib.import_module(f"{__name__}.{_module}")
