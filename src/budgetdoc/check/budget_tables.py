"""Tables: a parent code equals the sum of its children, column by column; a 合计/小计 column equals the columns
its heading spans; a 合计 row equals the top-level rows; rows split into 基本 + 项目."""

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
    coded = [i for i, path in enumerate(table.columns) if path and _CODE_HEADER.search(path[-1])]
    # a code printed over adjacent 类 | 款 | 项 columns is one code column, not three panels
    starts = [i for i in coded if i - 1 not in coded]
    if len(starts) < 2:
        return [table]
    out = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(table.columns)
        width = next(w for w in range(1, end - start + 1) if start + w not in coded)
        rows = []
        for row in table.rows:
            cells = row.cells[start:end]
            code = "".join(c.text for c in cells[:width]).replace(" ", "")
            if not _CODE_TEXT.fullmatch(code):
                code = ""
            label = cells[width].text if len(cells) > width else ""
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
            yield from (o for o in _column_verdict(rule, table, _column_name(table, index), outcomes)
                        if not (isinstance(o, Finding) and o.sources
                                and (o.sources[0].path, o.sources[0].offset) in owned))


def _column_verdict(rule: Rule, table: Table, what: str, outcomes: list[Outcome]) -> Iterator[Outcome]:
    """A column's outcomes as they are, or one deferral when most of them miss: a column misread by the table
    reader (two panels side by side, shifted cells) would otherwise give a dozen arithmetic errors."""
    errors = [o for o in outcomes if isinstance(o, Finding) and o.severity is not Severity.INFO]
    if len(errors) >= 2 and len(errors) * 2 >= len(outcomes):
        yield rule.deferred(f"table[{table.name}]「{what}」")
    else:
        yield from outcomes


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


_TOTAL = re.compile(r"(?:合计|总计|小计|总数)$")


def _numeric(table: Table) -> set[int]:
    """Columns that print amounts: a cell parses as one, and the header names no code or name column."""
    out = set()
    for index, path in enumerate(table.columns):
        if not path or _CODE_COLUMN.search(path[-1]) or path[-1] in ("项目", "序号", "行次"):
            continue
        if any(index < len(r.cells) and r.cells[index].text.strip() and _amount(r.cells[index]) is not None
               for r in table.rows):
            out.add(index)
    return out


def column_sums(table: Table) -> list[tuple[int, list[int]]]:
    """(total column, part columns) as the header tree declares them.

    A column headed 合计 / 小计 / 本年收入合计 equals the columns under the same heading beside it; a
    sub-heading with columns of its own counts by its 小计. Columns headed 其中 are parts of a part, not of
    the total; a heading whose parts cannot all be told (a sub-heading without 小计, the same header twice)
    gives nothing. Beside a top-level 合计 a block with its own sub-heading may be a memo across the others
    (2026年政府采购项目 | 小计 | 其中…), so there a sub-heading counts only when it prints no 小计 and no 其中:
    then its own columns are the parts (基本支出 | 人员支出 | 日常公用支出).
    """
    numeric = _numeric(table)
    paths = table.columns
    if len({paths[i] for i in numeric}) < len(numeric):
        return []
    out = []
    for total in sorted(numeric):
        path = paths[total]
        if not _TOTAL.search(path[-1]):
            continue
        group = path[:-1]
        heads: dict[str, list[int]] = {}
        for index in sorted(numeric - {total}):
            other = paths[index]
            if len(other) > len(group) and other[: len(group)] == group:
                heads.setdefault(other[len(group)], []).append(index)
        parts: list[int] = []
        for head, members in heads.items():
            if head.startswith("其中"):
                continue
            if len(members) == 1 and len(paths[members[0]]) == len(group) + 1:
                parts.append(members[0])
                continue
            sub = [m for m in members if len(paths[m]) == len(group) + 2 and _TOTAL.search(paths[m][-1])]
            leaves = all(len(paths[m]) == len(group) + 2 and not paths[m][-1].startswith("其中") for m in members)
            if not sub and leaves:
                parts.extend(members)  # 基本支出 | 人员经费 | 日常公用支出 with no 小计: its columns are the parts
                continue
            if len(sub) != 1 or not group:
                parts = []
                break
            parts.append(sub[0])
        if len(parts) >= 2:
            out.append((total, parts))
    return out


def _sum_outcomes(rule: Rule, table: Table, label: str, cells: list[tuple[Cell, list[Cell]]],
                  what: str) -> Iterator[Outcome]:
    """One outcome per (printed total, its parts); a column where most miss was read wrong and is deferred."""
    outcomes: list[Outcome] = []
    for total, parts in cells:
        printed = _amount(total)
        values = [_amount(c) for c in parts]
        if printed is None or all(v is None for v in values):
            continue
        expected = sum((v for v in values if v is not None), Decimal(0))  # a blank cell prints a zero
        diff = printed - expected
        if diff == 0:
            outcomes.append(PASSED)
            continue
        rounding = diff.copy_abs() <= slack(printed, *(v for v in values if v is not None))
        sources = [x.source for x in (total, *parts) if x.source is not None]
        outcomes.append(rule.finding(
            f"{table.name} {label}「{what}」{fmt(printed)} ≠ 各栏之和 {fmt(expected)}（差 {fmt(abs(diff))}）"
            + ("，在舍入误差范围内" if rounding else ""),
            expected=fmt(expected), actual=fmt(printed), keys=[f"table[{table.name}]"], sources=sources,
            severity=Severity.INFO if rounding else None))
    yield from _column_verdict(rule, table, what, outcomes)


def _row_label(row: Row) -> str:
    return row.label or next((c.text for c in row.cells if c.text.strip() and _amount(c) is None), "")


def _money_tables(s: Subject) -> Iterator[Table]:
    """The catalogue's 预算/决算 tables; 绩效 tables have rules of their own."""
    return (t for t in s.doc.tables if t.kind and "perf" not in t.kind)


def run_column_sums(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """Each row's 合计/小计 cell equals the cells of the columns its heading spans (合计 = 基本支出 + 项目支出,
    基本支出小计 = 人员经费 + 公用经费, 本年收入合计 = 财政拨款收入 + … + 其他收入)."""
    for table in _money_tables(s):
        for total, parts in column_sums(table):
            cells = [(r.cells[total], [r.cells[p] for p in parts]) for r in table.rows
                     if max(total, *parts) < len(r.cells)]
            yield from _sum_outcomes(rule, table, "各行", cells, _column_name(table, total))


def run_total_row(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """A coded table's one 合计 row equals its top-level rows (the 类, or the 项 where only 项 are listed)."""
    for table in _money_tables(s):
        coded = [r for r in table.rows if r.code]
        codes = {r.code for r in coded}
        totals = [r for r in table.rows if not r.code and _row_label(r).replace(" ", "") in ("合计", "总计")]
        if len(coded) < 2 or len(totals) != 1 or len(codes) < len(coded):
            continue  # several units' blocks, or no single 合计 row: nothing says which rows it adds
        rows = [r for r in coded if not any(r.code[:n] in codes for n in (3, 5) if n < len(r.code))]
        if len({len(r.code) for r in rows}) != 1:
            continue  # a 项 whose 类 is missing (misread or not printed): the top level is not known
        for index in sorted(_numeric(table)):
            cells = [(totals[0].cells[index], [r.cells[index] for r in rows if index < len(r.cells)])] \
                if index < len(totals[0].cells) else []
            yield from _sum_outcomes(rule, table, "合计行", cells, _column_name(table, index))


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


__all__ = ["column_sums", "panels", "run_column_sums", "run_function_split", "run_table_hierarchy", "run_total_row"]
