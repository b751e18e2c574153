"""Document/Report ↔ flat Parquet rows, and a lossless JSON form so a batch output can be loaded again.

The flat tables (documents, facts, findings, perf_indicators, table_rows) are for analysts: one row per
thing, money as the printed decimal string, never float. The ``document_json``/``report_json`` columns of
the documents table hold the whole records, so ``ingest_batch`` rebuilds ``Document`` and ``Report``
objects that compare equal to the ones the worker parsed, without parsing again.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import types
import typing
from decimal import Decimal
from typing import Any

import pyarrow as pa

from budgetdoc.model import Document, Report, Source

# A Decimal is tagged because a fact's value may be a Decimal or a str: both would be JSON strings.
_DECIMAL_TAG = "$d"

TABLES = ("documents", "facts", "findings", "perf_indicators", "table_rows")
"""The partitioned datasets of a batch output, in the order they are written."""

PARTITION = pa.schema([("kind", pa.string()), ("year", pa.int32())])

_KEY = [("file_id", pa.string()), ("kind", pa.string()), ("year", pa.int32())]
_WHERE = [("line", pa.int32()), ("page", pa.int32()), ("text", pa.string())]

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(_KEY + [
        ("path", pa.string()), ("unit", pa.string()), ("format", pa.string()), ("encoding", pa.string()),
        ("pages", pa.int32()), ("sections", pa.int32()), ("facts", pa.int32()), ("tables", pa.int32()),
        ("perf_tables", pa.int32()), ("findings", pa.int32()), ("deferred", pa.int32()),
        ("passed", pa.int32()), ("worst", pa.string()), ("warnings", pa.list_(pa.string())),
        ("version", pa.string()), ("document_json", pa.large_string()), ("report_json", pa.large_string()),
    ]),
    "facts": pa.schema(_KEY + [
        ("ordinal", pa.int32()), ("key", pa.string()), ("value", pa.string()), ("value_type", pa.string()),
        ("section", pa.string()), ("column", pa.int32()), ("end_line", pa.int32()),
        ("end_column", pa.int32()), ("offset", pa.int64()), ("end_offset", pa.int64()),
    ] + _WHERE),
    "findings": pa.schema(_KEY + [
        ("ordinal", pa.int32()), ("rule", pa.string()), ("severity", pa.string()), ("message", pa.string()),
        ("expected", pa.string()), ("actual", pa.string()), ("keys", pa.list_(pa.string())),
    ] + _WHERE),
    "perf_indicators": pa.schema(_KEY + [
        ("table_ordinal", pa.int32()), ("ordinal", pa.int32()), ("perf_kind", pa.string()),
        ("scope", pa.string()), ("project", pa.string()), ("department", pa.string()),
        ("level1", pa.string()), ("level2", pa.string()), ("name", pa.string()), ("target", pa.string()),
        ("target_op", pa.string()), ("target_value", pa.string()), ("target_unit", pa.string()),
        ("actual", pa.string()), ("weight", pa.string()), ("score", pa.string()),
        ("completion_rate", pa.string()), ("deviation_reason", pa.string()),
    ] + _WHERE),
    "table_rows": pa.schema(_KEY + [
        ("table_ordinal", pa.int32()), ("ordinal", pa.int32()), ("table_name", pa.string()),
        ("table_number", pa.string()), ("table_kind", pa.string()), ("unit", pa.string()),
        ("code", pa.string()), ("level", pa.string()), ("parent", pa.string()), ("label", pa.string()),
        ("cells", pa.list_(pa.string())),
    ] + _WHERE),
}

SORT_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("file_id",),
    "facts": ("file_id", "ordinal"),
    "findings": ("file_id", "ordinal"),
    "perf_indicators": ("file_id", "table_ordinal", "ordinal"),
    "table_rows": ("file_id", "table_ordinal", "ordinal"),
}


# --- lossless JSON -----------------------------------------------------------------------------------


_MISSING = dataclasses.MISSING
_SCALARS = (str, int, float, bool, type(None))


_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _encode(value: Any) -> Any:
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple or kind is list:
        return [_encode(v) for v in value]
    if kind is Decimal:
        return {_DECIMAL_TAG: str(value)}  # str() keeps the exponent, so the Decimal comes back identical
    fields = _FIELDS.get(kind)
    if fields is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = _FIELDS[kind] = tuple((f.name, f.default) for f in dataclasses.fields(value))
    if fields is not None:
        out = {}
        for name, default in fields:
            item = getattr(value, name)
            # Defaults are restored by the constructor; leaving them out halves the column.
            if default is not _MISSING and type(item) is type(default) and item == default:
                continue
            out[name] = _encode(item)
        return out
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    return value


def to_json(record: Any) -> str:
    """A record (Document, Report, any model dataclass) as compact JSON that ``from_json`` reverses exactly."""
    return json.dumps(_encode(record), ensure_ascii=False, separators=(",", ":"))


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(hint: Any, data: Any) -> Any:
    if data is None:
        return None
    if isinstance(data, dict) and _DECIMAL_TAG in data:
        return Decimal(data[_DECIMAL_TAG])
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        for option in options:
            shape = typing.get_origin(option) or option
            if isinstance(data, dict) and (dataclasses.is_dataclass(shape) or shape is dict):
                return _decode(option, data)
            if isinstance(data, list) and shape is tuple:
                return _decode(option, data)
        return _decode(options[0], data) if len(options) == 1 else data
    if dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        return hint(**{name: _decode(hints[name], item) for name, item in data.items()})
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(data)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in data)
        return tuple(_decode(arg, item) for arg, item in zip(args, data, strict=True))
    if origin is dict:
        value_hint = typing.get_args(hint)[1]
        return {key: _decode(value_hint, item) for key, item in data.items()}
    if hint is float:
        return float(data)
    if hint is Decimal:
        return Decimal(data)
    return data


def from_json(cls: type, text: str) -> Any:
    """The record of type ``cls`` that ``to_json`` wrote."""
    return _decode(cls, json.loads(text))


# --- flat rows ---------------------------------------------------------------------------------------


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _where(source: Source | None) -> dict[str, Any]:
    if source is None:
        return {"line": None, "page": None, "text": None}
    return {"line": source.line, "page": source.page, "text": source.text}


def _value(value: Any) -> tuple[str, str]:
    if isinstance(value, Decimal):
        return format(value, "f"), "decimal"
    if isinstance(value, bool):  # before int: bool is an int
        return ("true" if value else "false"), "bool"
    if isinstance(value, int):
        return str(value), "int"
    return str(value), "str"


def document_rows(doc: Document, report: Report, file_id: str, version: str) -> dict[str, list[dict[str, Any]]]:
    """The rows one document contributes to each dataset of ``TABLES``."""
    key = {"file_id": file_id, "kind": doc.kind.value, "year": doc.year}
    worst = report.worst()
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    rows["documents"].append({
        **key, "path": doc.path, "unit": doc.unit, "format": doc.meta.get("format", ""),
        "encoding": doc.meta.get("encoding", ""), "pages": doc.pages, "sections": len(doc.sections),
        "facts": len(doc.facts), "tables": len(doc.tables), "perf_tables": len(doc.perf_tables),
        "findings": len(report.findings), "deferred": len(report.deferred), "passed": report.passed,
        "worst": worst.value if worst else "", "warnings": list(doc.warnings), "version": version,
        "document_json": to_json(doc), "report_json": to_json(report),
    })
    for i, fact in enumerate(doc.facts):
        value, value_type = _value(fact.value)
        src = fact.source
        rows["facts"].append({
            **key, "ordinal": i, "key": fact.key, "value": value, "value_type": value_type,
            "section": fact.section, "column": src.column, "end_line": src.end_line,
            "end_column": src.end_column, "offset": src.offset, "end_offset": src.end_offset, **_where(src),
        })
    for i, finding in enumerate(report.findings):
        rows["findings"].append({
            **key, "ordinal": i, "rule": finding.rule, "severity": finding.severity.value,
            "message": finding.message, "expected": finding.expected, "actual": finding.actual,
            "keys": list(finding.keys), **_where(finding.sources[0] if finding.sources else None),
        })
    for t, perf in enumerate(doc.perf_tables):
        for i, ind in enumerate(perf.indicators):
            rows["perf_indicators"].append({
                **key, "table_ordinal": t, "ordinal": i, "perf_kind": perf.kind, "scope": perf.scope,
                "project": perf.project, "department": perf.department, "level1": ind.level1,
                "level2": ind.level2, "name": ind.name, "target": ind.target, "target_op": ind.target_op,
                "target_value": _dec(ind.target_value), "target_unit": ind.target_unit, "actual": ind.actual,
                "weight": _dec(ind.weight), "score": _dec(ind.score), "completion_rate": ind.completion_rate,
                "deviation_reason": ind.deviation_reason, **_where(ind.source),
            })
    for t, table in enumerate(doc.tables):
        for i, row in enumerate(table.rows):
            rows["table_rows"].append({
                **key, "table_ordinal": t, "ordinal": i, "table_name": table.name, "table_number": table.number,
                "table_kind": table.kind, "unit": table.unit, "code": row.code, "level": row.level,
                "parent": row.parent, "label": row.label, "cells": [c.text for c in row.cells],
                **_where(row.source),
            })
    return rows


def arrow_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows of dataset ``name`` as an Arrow table with its fixed schema (so empty tables keep their columns)."""
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def records_of(row: dict[str, Any]) -> tuple[Document, Report]:
    """The Document and Report stored in one documents row."""
    return from_json(Document, row["document_json"]), from_json(Report, row["report_json"])
