"""budgetdoc — 预决算公开文档解析与检查: read, extract, check, store and generate disclosure documents."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from budgetdoc.errors import BudgetdocError, NotDisclosureError, UnreadableError
    from budgetdoc.model import (Cell, DocKind, Document, Fact, Finding, PerfTable, Row, Section, Severity, Source,
                                 Table)
    from budgetdoc.pipeline import load

__all__ = [
    "BudgetdocError", "Cell", "DocKind", "Document", "Fact", "Finding", "NotDisclosureError", "PerfTable", "Row",
    "Section", "Severity", "Source", "Table", "UnreadableError", "load",
]
__version__ = "0.1.0"

# Loaded on first use, so that ``budgetdoc --version`` and every command start without the whole pipeline.
_HOMES = {"BudgetdocError": "errors", "NotDisclosureError": "errors", "UnreadableError": "errors", "load": "pipeline"}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'budgetdoc' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"budgetdoc.{_HOMES.get(name, 'model')}"), name)
    globals()[name] = value
    return value
