"""Dependencies point one way (docs/DESIGN: the core knows no rules, reports or browsers; rules and
reports know only the core; only auditor/browsers/ talks to a browser library). Every import
counts, at the top of a module or inside a function."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# The core: the result model, rule metadata and the registry, merging, and the pure helpers they
# and the renderers share. Nothing in it touches a browser, a rule module or a report.
CORE = {"auditor.model", "auditor.registry", "auditor.merge", "auditor.wcag", "auditor.fingerprint",
        "auditor.untrusted",
        "auditor"}  # the package itself: its __init__ holds only the version (`from auditor import wcag`)
BROWSER_LIBRARIES = {"playwright", "selenium"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, as absolute dotted names."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            found.add(prefix)
            found.update(f"{prefix}.{alias.name}" for alias in node.names)  # `from . import x` names modules
    return found


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def ours(name: str) -> bool:
    return name.split(".")[0] in ("auditor", "rules", "reports")


def known(name: str) -> str:
    """The module a dotted import name is (``auditor.model.Finding`` is auditor.model)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ROOT.joinpath(*parts[:end])
        if candidate.with_suffix(".py").is_file() or (candidate / "__init__.py").is_file():
            return ".".join(parts[:end])
    return name


def test_the_scanner_sees_relative_imports_and_imports_inside_functions():
    # A test of the test: it must be able to fail.
    found = imports(ROOT / "auditor" / "browsers" / "__init__.py")
    assert "auditor.settings" in found and "auditor.browsers.playwright_backend" in found  # the latter in make_backend
    assert "playwright.async_api" in imports(ROOT / "auditor" / "browsers" / "borrowed.py")


@pytest.mark.parametrize("path", [ROOT / "auditor" / f"{m.split('.')[1]}.py" for m in sorted(CORE) if "." in m],
                         ids=lambda p: p.stem)
def test_the_core_imports_only_the_core(path):
    ours_imported = {known(name) for name in imports(path) if ours(name)}
    assert ours_imported <= CORE, sorted(ours_imported - CORE)


@pytest.mark.parametrize("path", modules("rules") + modules("reports"), ids=lambda p: module_name(p))
def test_rules_and_reports_import_only_the_core_and_their_own_package(path):
    own = module_name(path).split(".")[0]
    outside = {known(name) for name in imports(path) if ours(name) and name.split(".")[0] != own}
    assert outside <= CORE, sorted(outside - CORE)
    if own == "reports":
        assert not any(name.split(".")[0] == "rules" for name in imports(path))


@pytest.mark.parametrize("path", modules("auditor") + modules("rules") + modules("reports"),
                         ids=lambda p: module_name(p))
def test_only_the_browsers_package_imports_playwright_or_selenium(path):
    if module_name(path).startswith("auditor.browsers"):
        return
    libraries = {name.split(".")[0] for name in imports(path)} & BROWSER_LIBRARIES
    assert not libraries, f"{module_name(path)} imports {sorted(libraries)}"


def test_importing_the_core_loads_no_rule_report_or_browser_module():
    """What the modules do when imported, not only what they say: a fresh interpreter."""
    code = ("import sys; import auditor.model, auditor.registry, auditor.merge; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rules', 'reports', 'playwright', "
            "'selenium') or m.startswith('auditor.browsers')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
