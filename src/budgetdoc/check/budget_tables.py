"""Coded tables: a parent code equals the sum of its children, column by column; rows split into 基本 + 项目."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetdoc.amounts import AmountError, parse_amount
from budgetdoc.check.base import PASSED, Outcome, Rule, Subject
from budgetdoc.check.identities import judge_sum
from budgetdoc.check.tolerance import fmt, slack
from budgetdoc.model import Cell, Row, Severity, Table


def _amount(cell: Cell) -> Decimal | None:
    text = cell.text.strip()
    if text in ("", "-", "—", "/"):
        return Decimal(0) if text else None
    try:
        return parse_amount(text)
    except AmountError:
        return None


def _column_name(table: Table, index: int) -> str:
    if index < len(table.columns) and table.columns[index]:
        return "/".join(table.columns[index])
    return f"第{index + 1}列"


def _children(rows: tuple[Row, ...], index: int) -> list[Row]:
    """The rows one level below ``rows[index]`` in its contiguous block.

    Tables that list several units (本级, 机关服务中心 …) repeat the same codes per unit, so a parent's
    children are the rows after it up to the next uncoded row or the next code outside it.
    """
    parent = rows[index].code
    out = []
    for row in rows[index + 1 :]:
        if not row.code or not row.code.startswith(parent) or len(row.code) <= len(parent):
            break
        if len(row.code) == len(parent) + 2 and "其中" not in row.label:
            out.append(row)
    return out


def run_table_hierarchy(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """For every coded row with children, each numeric column equals the children's sum."""
    for table in s.doc.tables:
        for position, parent in enumerate(table.rows):
            children = _children(table.rows, position) if parent.code else []
            if not children:
                continue
            for index, cell in enumerate(parent.cells):
                printed = _amount(cell)
                values = [(_amount(c.cells[index]) if index < len(c.cells) else None) for c in children]
                if printed is None or any(v is None for v in values):
                    continue
                expected = sum(values, Decimal(0))  # type: ignore[arg-type]
                diff = printed - expected
                if diff == 0:
                    yield PASSED
                    continue
                rounding = diff.copy_abs() <= slack(printed, *values)  # type: ignore[arg-type]
                sources = [x for x in (cell.source or parent.source,
                                       *((c.cells[index].source or c.source) for c in children)) if x]
                yield rule.finding(
                    f"{table.name} {parent.code} {parent.label}「{_column_name(table, index)}」{fmt(printed)} ≠ "
                    f"下级科目之和 {fmt(expected)}（差 {fmt(diff)}）", expected=fmt(expected), actual=fmt(printed),
                    keys=[f"table[{table.name}].{parent.code}"], sources=sources,
                    severity=Severity.INFO if rounding else None)


def run_function_split(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """budget.function[c] = budget.function[c].basic + budget.function[c].project."""
    for key in [k for k in s.facts if k.startswith("budget.function[") and k.endswith("]")]:
        basic, project = s.get(key + ".basic"), s.get(key + ".project")
        if basic is None and project is None:
            continue
        if basic is None or project is None:
            yield rule.deferred(key + (".basic" if basic is None else ".project"))
            continue
        yield judge_sum(rule, s.facts[key], [(basic, 1), (project, 1)])


__all__ = ["run_function_split", "run_table_hierarchy"]
