"""Excel input shaped like the nine standard 部门决算 tables, as a unit exports them from its budget system.

Sheets ``表1 收入支出决算总表`` … ``表9 财政拨款“三公”经费支出决算表`` hold the tables exactly as the generator
draws them (generate/tables.py), so a workbook written by ``write_tables_workbook`` reads back to the same facts.
What the nine tables do not carry (比上年 changes, 年初预算, staff and 三公 counts, 政府采购, 资产, 自评表) is on
sheet ``其他数据`` (键 | 值), and the reasons and prose on sheet ``说明`` (键 | 文字), as in the key/value workbook.
Totals printed in the tables (合计, 本年收入合计, 收入总计 …) are not read: they are derived again.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from budgetdoc.errors import UsageError
from budgetdoc.generate.derive import derive
from budgetdoc.generate.inputs import FactSet, notes_rows, read_notes_sheet
from budgetdoc.generate.tables import ITEM_INDENT, ITEM_JOIN, T1_EXPENSE, T1_INCOME, T9_THREE, nine_tables

OTHER_SHEET = "其他数据"
# Base facts the nine tables carry (leaf cells); everything else of the input goes to 其他数据.
_T1_BASE = {key for _, key in (*T1_INCOME[:6], *T1_INCOME[7:9], *T1_EXPENSE[:5], T1_EXPENSE[6])}


def is_tables_workbook(sheetnames: list[str]) -> bool:
    """Whether a workbook has the nine-table shape (a sheet whose name starts with 表1)."""
    return any(name.startswith("表1 ") or name == "表1" for name in sheetnames)


def _in_tables(key: str) -> bool:
    if key in _T1_BASE or key in {"fiscal.carryover_begin", "basic.personnel", "basic.public",
                                  "gov_fund.empty", "soe_capital.empty"}:
        return True
    if key.startswith("gpb.item[") and key.endswith("]"):
        return True
    return any(key in (budget, final) for _, budget, final in T9_THREE[1:])


def write_tables_workbook(fs: FactSet, path: str | Path) -> None:
    """Write a fact set as the nine-table workbook (the inverse of reading one)."""
    from openpyxl import Workbook  # noqa: PLC0415 - only Excel input needs it

    book = Workbook()
    book.remove(book.active)
    for spec in nine_tables(derive(fs.facts)):
        sheet = book.create_sheet(f"{spec.number} {spec.name}"[:31])
        sheet.append(["单位：万元"])
        sheet.append(list(spec.header))
        for row in spec.rows:
            sheet.append(list(row))
        if spec.empty_statement:
            sheet.append([spec.empty_statement])
    other = book.create_sheet(OTHER_SHEET)
    other.append(["键", "值"])
    for key, value in fs.facts.items():
        if not _in_tables(key):
            other.append([key, format(value, "f") if isinstance(value, Decimal) else value])
    notes = book.create_sheet("说明")
    for row in notes_rows(fs):
        notes.append(row)
    book.save(path)


def _sheet(book: Any, number: str, path: Path) -> list[list[str]]:
    name = next((n for n in book.sheetnames if n == number or n.startswith(number + " ")), None)
    if name is None:
        raise UsageError(str(path), f"工作簿缺少“{number}”工作表")
    # Only ASCII whitespace is trimmed: T5's items are indented with a full-width space.
    return [["" if c is None else str(c).strip(" \t\r\n") for c in row]
            for row in book[name].iter_rows(values_only=True)]


def _by_label(rows: list[list[str]], label: str, col: int, path: Path, sheet: str) -> str:
    for row in rows:
        for i, cell in enumerate(row):
            if cell == label and i + col < len(row):
                return row[i + col]
    raise UsageError(str(path), f"{sheet}中找不到“{label}”行")


def read_tables_workbook(book: Any, path: Path) -> FactSet:
    """The base facts of a nine-table workbook, with 其他数据 and 说明.

    Raises:
        UsageError: a table sheet or one of its rows is missing.
    """
    facts: dict[str, Any] = {}
    t1 = _sheet(book, "表1", path)
    for label, key in (*T1_INCOME, *T1_EXPENSE):
        if key in _T1_BASE:
            facts[key] = _by_label(t1, label, 1, path, "表1")
    facts["fiscal.carryover_begin"] = _by_label(_sheet(book, "表4", path), "年初财政拨款结转和结余", 1, path, "表4")
    category = ""
    for row in _sheet(book, "表5", path)[2:]:
        label, value = (row + ["", ""])[:2]
        if not label or label == "合计" or not value:
            continue
        if label.startswith(ITEM_INDENT):
            facts[f"gpb.item[{category}/{label.strip().replace(ITEM_JOIN, '/')}]"] = value
        else:
            category = label
    t6 = _sheet(book, "表6", path)
    facts["basic.personnel"] = _by_label(t6, "人员经费", 1, path, "表6")
    facts["basic.public"] = _by_label(t6, "公用经费", 1, path, "表6")
    for number, key in (("表7", "gov_fund.empty"), ("表8", "soe_capital.empty")):
        total = next((r for r in _sheet(book, number, path) if r and r[0] == "合计"), [])
        facts[key] = not any(cell for cell in total[1:])
    t9 = _sheet(book, "表9", path)
    for label, budget, final in T9_THREE[1:]:
        facts[budget] = _by_label(t9, label, 1, path, "表9")
        facts[final] = _by_label(t9, label, 2, path, "表9")
    if OTHER_SHEET in book.sheetnames:
        for row in book[OTHER_SHEET].iter_rows(min_row=2, values_only=True):
            if row and row[0] is not None and row[1] is not None:
                facts[str(row[0]).strip()] = row[1]
    reasons, notes = read_notes_sheet(book, path)
    return FactSet(facts=facts, reasons=reasons, notes=notes)
