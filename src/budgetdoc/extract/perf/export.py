"""PerfTable records redrawn as on paper: rich tables for the terminal, one xlsx sheet per table."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

from rich.console import Group
from rich.table import Table as RichTable
from rich.text import Text

from budgetdoc.files import write_atomically
from budgetdoc.model import Indicator, PerfTable
from budgetdoc.serialize import plain

KIND_LABELS = {("self_eval", "overall"): "整体支出绩效自评表", ("self_eval", "project"): "项目支出绩效自评表",
               ("target", "overall"): "部门整体绩效目标表", ("target", "project"): "项目支出绩效目标表"}
FUNDING_HEADER = ("资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率(%)", "得分")
INDICATOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标"), ("target", "指标值"),
    ("actual", "实际完成值"), ("weight", "分值"), ("score", "得分"), ("completion_rate", "完成率"),
    ("basis", "指标值设定依据"), ("last_year", "上年完成情况"), ("scoring_rule", "赋分规则"),
    ("evidence", "佐证资料"), ("deviation_reason", "偏差原因分析及改进措施"),
)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(plain(value))
    return str(value)


def used_columns(table: PerfTable) -> list[tuple[str, str]]:
    """The indicator columns this table prints (empty ones left out), in the 自评表 order."""
    return [(name, label) for name, label in INDICATOR_COLUMNS
            if name in ("level1", "level2", "name")
            or any(getattr(i, name) not in ("", None) for i in table.indicators)]


def indicator_row(indicator: Indicator, columns: list[tuple[str, str]]) -> list[str]:
    return [_cell(getattr(indicator, name)) for name, _ in columns]


def header_lines(table: PerfTable) -> list[str]:
    """The title block: kind, year, project and units as printed."""
    lines = [f"{table.title or KIND_LABELS.get((table.kind, table.scope), '')}（{table.year or ''}年度）"]
    if table.scope == "project":
        lines.append(f"项目名称：{table.project}")
    if table.department:
        implementer = f"    实施单位：{table.implementer}" if table.implementer else ""
        lines.append(f"主管部门/单位：{table.department}{implementer}")
    lines.extend(f"{name}：{value}" for name, value in table.extra)
    return lines


def _rich_table(headers: tuple[str, ...], *, show_lines: bool = False) -> RichTable:
    # Cells wrap instead of being cut: a 三级指标 or 偏差原因 is read in full, as on paper.
    table = RichTable(show_lines=show_lines)
    for header in headers:
        table.add_column(header, overflow="fold")
    return table


def render(table: PerfTable) -> Group:
    """A rich renderable of one table: title block, 资金 rows, goals, indicator rows and 总分."""
    parts: list[object] = [Text(line, style="bold" if i == 0 else "")
                           for i, line in enumerate(header_lines(table))]
    if table.funding:
        funding = _rich_table(FUNDING_HEADER)
        for row in table.funding:
            funding.add_row(row.label, *(_cell(getattr(row, f)) for f in (
                "budget_initial", "budget_full", "executed", "weight", "execution_rate", "score")))
        parts.append(funding)
    if table.goal_target:
        parts.append(Text(f"预期目标：{table.goal_target}"))
    if table.goal_actual:
        parts.append(Text(f"实际完成情况：{table.goal_actual}"))
    columns = used_columns(table)
    indicators = _rich_table(tuple(label for _, label in columns), show_lines=True)
    for indicator in table.indicators:
        indicators.add_row(*indicator_row(indicator, columns))
    parts.append(indicators)
    if table.total_score is not None:
        parts.append(Text(f"总分：{_cell(table.total_score)}"))
    parts.extend(Text(f"警告 {w}", style="yellow") for w in table.warnings)
    return Group(*parts)  # type: ignore[arg-type]


def sheet_title(index: int, table: PerfTable) -> str:
    """An xlsx sheet name (≤31 characters, none of []:*?/\\) unique by its leading number."""
    name = re.sub(r"[\[\]:*?/\\]", "", table.project or table.title)
    return f"{index:02d} {name}"[:31]


def write_xlsx(tables: tuple[PerfTable, ...], path: str | Path) -> None:
    """One sheet per table, indicator rows as rows; written to a temporary file then moved into place.

    Raises:
        UsageError: the file cannot be written there.
    """
    from openpyxl import Workbook  # noqa: PLC0415 - only this export needs it

    book = Workbook()
    book.remove(book.active)
    for index, table in enumerate(tables, start=1):
        sheet = book.create_sheet(sheet_title(index, table))
        for line in header_lines(table):
            sheet.append([line])
        if table.funding:
            sheet.append(list(FUNDING_HEADER))
            for row in table.funding:
                sheet.append([row.label, *(_cell(getattr(row, f)) for f in (
                    "budget_initial", "budget_full", "executed", "weight", "execution_rate", "score"))])
        sheet.append(["预期目标", table.goal_target])
        sheet.append(["实际完成情况", table.goal_actual])
        columns = used_columns(table)
        sheet.append([label for _, label in columns])
        for indicator in table.indicators:
            sheet.append(indicator_row(indicator, columns))
        sheet.append(["总分", _cell(table.total_score)])
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomically(path, buffer.getvalue())
