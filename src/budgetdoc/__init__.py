"""budgetdoc — 预决算公开文档解析与检查: read, extract, check, store and generate disclosure documents."""

from __future__ import annotations

from budgetdoc.errors import BudgetdocError, NotDisclosureError, UnreadableError
from budgetdoc.model import Cell, DocKind, Document, Fact, Finding, PerfTable, Row, Section, Severity, Source, Table
from budgetdoc.pipeline import load

__all__ = [
    "BudgetdocError", "Cell", "DocKind", "Document", "Fact", "Finding", "NotDisclosureError", "PerfTable", "Row",
    "Section", "Severity", "Source", "Table", "UnreadableError", "load",
]
__version__ = "0.1.0"
