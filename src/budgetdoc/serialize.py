"""Records → JSON-ready dicts: the shapes other tools read (Decimal as a string, exactly as printed)."""

from __future__ import annotations

import dataclasses
import enum
from decimal import Decimal
from typing import Any

from budgetdoc.model import Document, Fact, Source


def plain(value: Any) -> Any:
    """Any record as JSON-ready data: Decimal → str without thousands separators, enums → value."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def source_dict(source: Source) -> dict[str, Any]:
    """The public shape of a source: 1-based lines and columns, the snippet, and PDF/table coordinates."""
    out: dict[str, Any] = {
        "line": source.line,
        "column": source.column,
        "end_line": source.end_line,
        "end_column": source.end_column,
        "text": source.text,
    }
    if source.origin != "text":
        out["origin"] = source.origin
    if source.page is not None:
        out["page"] = source.page
    if source.bbox is not None:
        out["bbox"] = [round(v, 2) for v in source.bbox]
    for name in ("table", "row", "col"):
        if getattr(source, name) is not None:
            out[name] = getattr(source, name)
    return out


def fact_dict(fact: Fact) -> dict[str, Any]:
    return {"key": fact.key, "value": plain(fact.value), "section": fact.section,
            "source": source_dict(fact.source)}


def document_dict(doc: Document) -> dict[str, Any]:
    """The ``budgetdoc parse --format json`` shape."""
    return {
        "document": {"path": doc.path, "kind": doc.kind.value, "unit": doc.unit, "year": doc.year},
        "facts": [fact_dict(f) for f in doc.facts],
        "warnings": list(doc.warnings),
    }
