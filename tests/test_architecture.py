"""The dependency rule: data flows one way, and the core vocabulary imports nothing of ours."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "budgetdoc"

# stage -> the stages it may import (besides itself); serialize turns records into plain data and is a leaf.
# Anything not listed may import anything below cli/web.
ALLOWED = {
    "model": set(),
    "amounts": set(),
    "errors": set(),
    "budgets": {"errors"},
    "files": {"model", "errors"},
    "serialize": {"model"},
    "read": {"model", "amounts", "errors", "budgets", "tables"},
    "normalize": {"model", "amounts", "errors", "read"},
    "tables": {"model", "amounts", "errors", "files", "serialize"},
    "extract": {"model", "amounts", "errors", "files", "read", "normalize", "tables", "serialize"},
    "check": {"model", "amounts", "errors", "read", "normalize", "extract", "tables", "serialize", "pipeline"},
}
NOBODY_IMPORTS = {"cli"}
ENTRY_POINTS = {"__main__", "cli"}


def _stage(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0].removesuffix(".py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("budgetdoc."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("budgetdoc."))
    return found


def test_stages_import_only_upstream():
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        stage = _stage(path)
        imported = _imports(path) - {stage}
        if stage in ALLOWED and not imported <= ALLOWED[stage]:
            problems.append(f"{path.relative_to(PACKAGE)} imports {sorted(imported - ALLOWED[stage])}")
        if stage not in ENTRY_POINTS and imported & NOBODY_IMPORTS:
            problems.append(f"{path.relative_to(PACKAGE)} imports the CLI")
    assert problems == []
