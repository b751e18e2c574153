"""Coded tables: a parent code equals the sum of its children, column by column; rows split into 基本 + 项目."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from budgetdoc.amounts import AmountError, parse_amount
from budgetdoc.check.base import PASSED, Outcome, Rule, Subject
from budgetdoc.check.identities import coded_parents, compare_sum, terms
from budgetdoc.check.tolerance import fmt, slack
from budgetdoc.model import Cell, Finding, Row, Severity, Table


def _amount(cell: Cell) -> Decimal | None:
    text = cell.text.strip()
    if text in ("", "-", "—", "/"):
        return Decimal(0) if text else None
    try:
        return parse_amount(text)
    except AmountError:
        return None


_CODE_COLUMN = re.compile(r"编码|代码|名称|科目$")
FACT_HIERARCHIES = ("budget.function", "budget.gpb_function", "budget.economic")
"""Coded fact families with a hierarchy rule of their own (budget.*-hierarchy in the catalog)."""


def _segments(code: str) -> set[str]:
    """The ways a code is printed in separate cells: ``2010601`` → 201, 06, 01, 20106, 2010601."""
    return {code[:3], code[3:5], code[5:7], code[:5], code} - {""}


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


_CODE_HEADER = re.compile(r"编码|代码")
_CODE_TEXT = re.compile(r"\d{3}(\d{2}){0,2}")


def panels(table: Table) -> list[Table]:
    """A table printed as panels side by side (人员经费 | 公用经费, each with its own 科目编码 column) as one
    table per panel, each row coded by its own panel's code cell.

    Read as one table, the left panel's code would govern the right panel's amounts (301 工资福利支出 against
    302's 94.65), and every parent there would be reported wrong.
    """
    starts = [i for i, path in enumerate(table.columns) if path and _CODE_HEADER.search(path[-1])]
    if len(starts) < 2:
        return [table]
    out = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(table.columns)
        rows = []
        for row in table.rows:
            cells = row.cells[start:end]
            code = cells[0].text.replace(" ", "") if cells else ""
            if not _CODE_TEXT.fullmatch(code):
                code = ""
            label = cells[1].text if len(cells) > 1 else ""
            rows.append(Row(cells=cells, code=code, label=label, source=row.source))
        out.append(Table(name=table.name, number=table.number, kind=table.kind, columns=table.columns[start:end],
                         rows=tuple(rows), unit=table.unit, source=table.source))
    return out


def run_table_hierarchy(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """For every coded row with children, each numeric column equals the children's sum.

    A column where most parents miss is one the table reader did not rebuild right (two panels side by
    side, shifted cells): it is deferred, not reported as a dozen arithmetic errors. A cell that is the
    parent fact of a budget.*-hierarchy rule is that rule's to report, so one mismatch is one finding.
    """
    owned = {(fact.source.path, fact.source.offset)
             for family in FACT_HIERARCHIES for fact, _ in coded_parents(s, family)}
    for table in (panel for whole in s.doc.tables for panel in panels(whole)):
        by_column: dict[int, list[Outcome]] = {}
        for position, parent in enumerate(table.rows):
            children = _children(table.rows, position) if parent.code else []
            for index, cell in enumerate(parent.cells if children else ()):
                outcome = _compare_column(rule, table, parent, children, index, cell)
                if outcome is not None:
                    by_column.setdefault(index, []).append(outcome)
        for index, outcomes in by_column.items():
            errors = [o for o in outcomes if isinstance(o, Finding) and o.severity is not Severity.INFO]
            if len(errors) >= 2 and len(errors) * 2 >= len(outcomes):
                yield rule.deferred(f"table[{table.name}]「{_column_name(table, index)}」")
            else:
                yield from (o for o in outcomes if not (isinstance(o, Finding) and o.sources
                                                        and (o.sources[0].path, o.sources[0].offset) in owned))


def _compare_column(rule: Rule, table: Table, parent: Row, children: list[Row], index: int,
                    cell: Cell) -> Outcome | None:
    if _CODE_COLUMN.search(_column_name(table, index)) or cell.text.strip() in _segments(parent.code):
        return None  # 科目编码 cells (201 / 06 / 01) are not amounts
    printed = _amount(cell)
    values = [(_amount(c.cells[index]) if index < len(c.cells) else None) for c in children]
    if printed is None or any(v is None for v in values):
        return None
    expected = sum(values, Decimal(0))  # type: ignore[arg-type]
    diff = printed - expected
    if diff == 0:
        return PASSED
    rounding = diff.copy_abs() <= slack(printed, *values)  # type: ignore[arg-type]
    sources = [x for x in (cell.source or parent.source,
                           *((c.cells[index].source or c.source) for c in children)) if x]
    return rule.finding(
        f"{table.name} {parent.code} {parent.label}「{_column_name(table, index)}」{fmt(printed)} ≠ "
        f"下级科目之和 {fmt(expected)}（差 {fmt(abs(diff))}）" + ("，在舍入误差范围内" if rounding else ""),
        expected=fmt(expected), actual=fmt(printed), keys=[f"table[{table.name}].{parent.code}"],
        sources=sources, severity=Severity.INFO if rounding else None)


def run_function_split(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """``<family>[c] = <family>[c].basic + <family>[c].project`` for the family the rule code names.

    ``budget.function-split`` checks 部门支出表 rows (``budget.function``), ``budget.gpb-function-split`` the
    一般公共预算支出表 rows (``budget.gpb_function``).
    """
    family = "budget.gpb_function[" if "gpb" in rule.code else "budget.function["
    for key in [k for k in s.facts if k.startswith(family) and k.endswith("]")]:
        # A blank 基本/项目 cell is not extracted: the other side alone must then make the total.
        parts = terms(key + ".basic?", key + ".project?")
        if any(s.get(t.key) is not None for t in parts):
            outcome = compare_sum(rule, s, key, parts)
            if outcome is not None:
                yield outcome


__all__ = ["panels", "run_function_split", "run_table_hierarchy"]
