"""A parsed ``Document`` and its ``Report`` as rows of the store's tables."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from budgetdoc.model import Deferred, Document, Finding, Report, Source
from budgetdoc.serialize import plain

_LIMIT = Decimal("1e14")  # DECIMAL(20,6) holds 14 integer digits
_SCALE = Decimal("0.000001")


def number(value: object) -> Decimal | None:
    """The DECIMAL(20,6) a value stores as, or None for text, booleans and out-of-range numbers."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        return None
    try:
        num = Decimal(value).quantize(_SCALE)
    except InvalidOperation:
        return None
    return num if abs(num) < _LIMIT else None


def value_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(plain(value))


def source_cells(source: Source | None) -> tuple[Any, ...]:
    if source is None:
        return (None,) * 8
    return (source.line, source.column, source.end_line, source.end_column, source.offset, source.end_offset,
            source.text, source.page)


def _line(source: Source | None) -> int | None:
    return None if source is None else source.line


def _json(value: object) -> str:
    return json.dumps(plain(value), ensure_ascii=False)


FACT_COLUMNS = ("doc_id", "seq", "key", "value_text", "value_num", "value_type", "section",
                "line", "col", "end_line", "end_col", "src_offset", "src_end", "snippet", "page", "origin")
FINDING_COLUMNS = ("doc_id", "seq", "rule", "severity", "message", "expected", "actual", "keys",
                   "line", "col", "end_line", "end_col", "src_offset", "src_end", "snippet", "page")


DEFERRED_COLUMNS = ("doc_id", "seq", "rule", "missing")


def finding_rows(doc_id: str, findings: Sequence[Finding], start: int = 0) -> list[tuple]:
    """Rows of ``findings`` in FINDING_COLUMNS order, numbered from ``start``."""
    return [(doc_id, i, f.rule, f.severity.value, f.message, f.expected, f.actual, ",".join(f.keys),
             *source_cells(f.sources[0] if f.sources else None)) for i, f in enumerate(findings, start)]


def deferred_rows(doc_id: str, deferred: Sequence[Deferred], start: int = 0) -> list[tuple]:
    """Rows of ``deferred`` in DEFERRED_COLUMNS order, numbered from ``start``."""
    return [(doc_id, i, d.rule, ",".join(d.missing)) for i, d in enumerate(deferred, start)]


def child_rows(doc_id: str, doc: Document, report: Report) -> dict[str, tuple[tuple[str, ...], list[tuple]]]:
    """Every child table's (columns, rows) for one document."""
    out: dict[str, tuple[tuple[str, ...], list[tuple]]] = {}
    out["facts"] = (FACT_COLUMNS, [
        (doc_id, i, f.key, value_text(f.value), number(f.value), type(f.value).__name__, f.section,
         *source_cells(f.source), f.source.origin) for i, f in enumerate(doc.facts)])
    out["findings"] = (FINDING_COLUMNS, finding_rows(doc_id, report.findings))
    out["sections"] = (("doc_id", "seq", "title", "level", "kind", "path", "norm_start", "norm_end", "line"), [
        (doc_id, i, s.title, s.level, s.kind, " > ".join(s.path), s.start, s.end, s.source.line)
        for i, s in enumerate(doc.sections)])
    out["deferred"] = (DEFERRED_COLUMNS, deferred_rows(doc_id, report.deferred))
    perf, funding, indicators = [], [], []
    for t, table in enumerate(doc.perf_tables):
        perf.append((doc_id, t, table.kind, table.scope, table.title, table.year, table.project, table.department,
                     table.implementer, table.goal_target, table.goal_actual, number(table.total_score),
                     _line(table.source)))
        funding += [(doc_id, t, i, r.label, number(r.budget_initial), number(r.budget_full), number(r.executed),
                     number(r.weight), number(r.execution_rate), number(r.score)) for i, r in enumerate(table.funding)]
        indicators += [(doc_id, t, i, n.level1, n.level2, n.name, n.target, n.target_op, number(n.target_value),
                        n.target_unit, n.actual, number(n.weight), number(n.score), n.completion_rate,
                        n.deviation_reason, _line(n.source)) for i, n in enumerate(table.indicators)]
    out["perf_tables"] = (("doc_id", "seq", "kind", "scope", "title", "year", "project", "department",
                           "implementer", "goal_target", "goal_actual", "total_score", "line"), perf)
    out["perf_funding"] = (("doc_id", "table_seq", "seq", "label", "budget_initial", "budget_full", "executed",
                            "weight", "execution_rate", "score"), funding)
    out["indicators"] = (("doc_id", "table_seq", "seq", "level1", "level2", "name", "target", "target_op",
                          "target_value", "target_unit", "actual", "weight", "score", "completion_rate",
                          "deviation_reason", "line"), indicators)
    tables, table_rows = [], []
    for t, table in enumerate(doc.tables):
        tables.append((doc_id, t, table.name, table.number, table.kind, table.unit, table.empty_statement,
                       _json(table.columns), _line(table.source)))
        table_rows += [(doc_id, t, i, r.code, r.level, r.parent, r.label, _json([c.text for c in r.cells]),
                        _line(r.source)) for i, r in enumerate(table.rows)]
    out["budget_tables"] = (("doc_id", "seq", "name", "number", "kind", "unit", "empty_statement", "columns",
                             "line"), tables)
    out["budget_rows"] = (("doc_id", "table_seq", "seq", "code", "level", "parent", "label", "cells", "line"),
                          table_rows)
    return out
