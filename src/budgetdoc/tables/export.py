"""Any parsed ``Table`` (from text, PDF, DOCX, XLSX or HTML) as JSON records, CSV or an XLSX workbook.

Outputs are written to a temporary file beside the target and renamed into place, so a failure never
leaves a half-written file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from budgetdoc.files import write_atomically
from budgetdoc.model import Table
from budgetdoc.serialize import source_dict

ROW_HEADS = ("编码", "级次", "上级编码")


def column_names(table: Table) -> list[str]:
    """One name per column: the header path joined with ``/`` (``财政拨款(补助)/一般公共预算``)."""
    width = max((len(r.cells) for r in table.rows), default=len(table.columns))
    names = ["/".join(path) for path in table.columns]
    return names + [f"列{i}" for i in range(len(names) + 1, width + 1)]


def table_dict(table: Table) -> dict[str, Any]:
    """The JSON shape of a table: identity, columns, and each row with its code, level and located cells."""
    return {
        "number": table.number, "name": table.name, "kind": table.kind, "unit": table.unit,
        "columns": [list(path) for path in table.columns],
        "empty_statement": table.empty_statement,
        "source": source_dict(table.source) if table.source else None,
        "rows": [
            {"code": row.code, "level": row.level, "parent": row.parent, "label": row.label,
             "cells": [{"text": c.text, "source": source_dict(c.source) if c.source else None}
                       for c in row.cells]}
            for row in table.rows
        ],
    }


def row_values(table: Table) -> list[list[str]]:
    """Each row as 编码, 级次, 上级编码 followed by its cell texts, padded to the column count."""
    width = len(column_names(table))
    return [[row.code, row.level, row.parent, *(c.text for c in row.cells), *[""] * (width - len(row.cells))]
            for row in table.rows]


def title(table: Table) -> str:
    return f"{table.number} {table.name}".strip()


def csv_text(tables: Sequence[Table]) -> str:
    """All tables in one CSV: per table a title line, a header line, its rows, and a blank line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for table in tables:
        writer.writerow([title(table), f"单位:{table.unit}", table.empty_statement])
        writer.writerow([*ROW_HEADS, *column_names(table)])
        writer.writerows(row_values(table))
        writer.writerow([])
    return buffer.getvalue()


def write_text(text: str, out: Path, encoding: str = "utf-8") -> None:
    write_atomically(out, text.encode(encoding), parents=True)


def write_csv(tables: Sequence[Table], out: Path) -> None:
    write_text(csv_text(tables), out, encoding="utf-8-sig")


def write_xlsx(tables: Sequence[Table], out: Path) -> None:
    """One sheet per table, named by its number (or position), header path joined with ``/``."""
    from openpyxl import Workbook  # imported here: only this export needs it

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for index, table in enumerate(tables, start=1):
        name = (table.number or f"表{index}")[:31]
        while name in used:
            name = f"{name[:28]}-{index}"
        used.add(name)
        sheet = book.create_sheet(name)
        sheet.append([title(table), f"单位:{table.unit}"])
        if table.empty_statement:
            sheet.append([table.empty_statement])
        sheet.append([*ROW_HEADS, *column_names(table)])
        for values in row_values(table):
            sheet.append(values)
    if not tables:
        book.create_sheet("无表格")
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomically(out, buffer.getvalue(), parents=True)
