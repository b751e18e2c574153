"""Rows (dicts with the same keys) → CSV, XLSX, Parquet or JSON, written whole or not at all.

Amounts stay exact: ``Decimal`` is written as its printed digits (CSV/JSON), an Excel number from its text
(XLSX), and ``decimal128`` (Parquet).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from budgetdoc.errors import UsageError
from budgetdoc.files import write_atomically
from budgetdoc.labels import label
from budgetdoc.serialize import plain

__all__ = ["EXPORT_COLUMNS", "FORMATS", "LABELS", "export_bytes", "headers", "with_labels", "write_export"]

FORMATS = ("csv", "xlsx", "parquet", "json")

EXPORT_COLUMNS = ("unit", "year", "kind", "key", "label", "value_text", "value_num", "value_type", "section", "line",
                  "snippet", "doc_id")
LABELS = {"unit": "单位", "unit_id": "单位编号", "year": "年度", "kind": "类型", "key": "键", "label": "名称", "key_labels": "涉及项目", "value_text": "值",
          "value_num": "数值", "value_type": "值类型", "section": "章节", "line": "行", "snippet": "原文",
          "doc_id": "文档", "rule": "规则", "severity": "级别", "message": "说明", "expected": "应为",
          "actual": "实为", "keys": "涉及键"}
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "parquet": "application/vnd.apache.parquet", "json": "application/json"}


def headers(columns: Sequence[str]) -> list[str]:
    """Column titles: the Chinese name of a record field, or of a fact key with the key beside it."""
    return [LABELS.get(c) or (f"{label(c)}（{c}）" if label(c) != c else c) for c in columns]


def _csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers(columns))
    for row in rows:
        writer.writerow(["" if row.get(c) is None else plain(row.get(c)) for c in columns])
    # The BOM lets Excel open the Chinese headers as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def legal(value: Any) -> Any:
        # XML 1.0 has no control characters; a query string or a damaged file can still carry them
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    book = Workbook(write_only=True)
    sheet = book.create_sheet("数据")
    sheet.append([legal(h) for h in headers(columns)])
    for row in rows:
        sheet.append([legal(_cell(row.get(c))) for c in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        # Excel has no decimal type; the normalized printed digits are the closest it holds.
        return float(value) if len(value.as_tuple().digits) <= 15 else format(value, "f")
    return plain(value)


def _parquet(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrays = []
    for c in columns:
        values = [row.get(c) for row in rows]
        if any(isinstance(v, Decimal) for v in values):
            arrays.append(pa.array(values, type=pa.decimal128(20, 6)))
        else:
            arrays.append(pa.array([plain(v) for v in values]))
    table = pa.Table.from_arrays(arrays, names=list(columns))
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _json(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> bytes:
    data = [{c: plain(row.get(c)) for c in columns} for row in rows]
    return json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")


_WRITERS = {"csv": _csv, "xlsx": _xlsx, "parquet": _parquet, "json": _json}


def export_bytes(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] = EXPORT_COLUMNS) -> bytes:
    """The file content of ``rows`` in ``fmt``.

    Raises:
        UsageError: ``fmt`` is not one of ``FORMATS``.
    """
    if fmt not in _WRITERS:
        raise UsageError(fmt, f"不支持的导出格式，可选：{'、'.join(FORMATS)}")
    return _WRITERS[fmt](with_labels(rows, columns), columns)


def with_labels(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> Sequence[dict[str, Any]]:
    """Rows with the Chinese name of their key (``label``) or keys (``key_labels``) when those columns are asked for."""
    if "label" not in columns and "key_labels" not in columns:
        return rows
    out = []
    for row in rows:
        extra: dict[str, Any] = {}
        if "label" in columns and "label" not in row and row.get("key"):
            extra["label"] = label(str(row["key"]))
        if "key_labels" in columns and "key_labels" not in row:
            extra["key_labels"] = "、".join(label(k) for k in _keys(row.get("keys")))
        out.append(row | extra if extra else row)
    return out


def _keys(value: Any) -> list[str]:
    """A finding's keys as stored (a JSON list or comma-separated text) or as a list."""
    if isinstance(value, (list, tuple)):
        return [str(k) for k in value]
    text = str(value or "").strip()
    if text.startswith("["):
        return [str(k) for k in json.loads(text)]
    return [k.strip() for k in text.split(",") if k.strip()]


def write_export(rows: Sequence[dict[str, Any]], fmt: str, path: str | Path,
                 columns: Sequence[str] = EXPORT_COLUMNS) -> None:
    """Write ``rows`` to ``path`` atomically: a failed export never leaves a half-written file."""
    write_atomically(path, export_bytes(rows, fmt, columns))
