"""``perf.table[<项目>]…`` facts from the PerfTable records, each located at the cell it was read from."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from budgetdoc.extract.base import Context
from budgetdoc.model import Fact, FundingRow, PerfTable, Source, Value
from budgetdoc.normalize import section_at

TOTAL_ROWS = ("年度资金总额", "合计", "年度预算总额")
"""The funding row whose amounts are the table's: the project total, the 整体 table's 合计."""


def table_keys(tables: tuple[PerfTable, ...]) -> list[str]:
    """``perf.table[<项目>]`` per table; a project printed twice gets ``#2``, ``#3`` … in document order."""
    seen: Counter[str] = Counter()
    keys = []
    for table in tables:
        name = re.sub(r"\s+", "", table.project) or "未命名"
        seen[name] += 1
        keys.append(f"perf.table[{name}]" if seen[name] == 1 else f"perf.table[{name}#{seen[name]}]")
    return keys


def indicator_keys(names: list[str]) -> list[str]:
    """``indicator[<三级指标>]`` per row; a name printed twice in one table gets ``#2``, ``#3`` …"""
    seen: Counter[str] = Counter()
    keys = []
    for name in names:
        name = re.sub(r"\s+", "", name) or "未命名"
        seen[name] += 1
        keys.append(f"indicator[{name}]" if seen[name] == 1 else f"indicator[{name}#{seen[name]}]")
    return keys


def extract_perf_facts(ctx: Context) -> Iterator[Fact]:
    """Facts of every 绩效 table found by ``find_perf_tables``."""
    for key, table in zip(table_keys(ctx.perf_tables), ctx.perf_tables, strict=True):
        section = _section_path(ctx, table)

        def fact(name: str, value: Value | None, source: Source | None, prefix: str = key) -> Iterator[Fact]:
            if value is not None and value != "" and source is not None:
                yield Fact(key=f"{prefix}.{name}", value=value, source=source, section=section)

        total = _total_row(table.funding)
        if total is not None:
            cells = dict(total.sources)
            for name in ("budget_initial", "budget_full", "executed"):
                yield from fact(name, getattr(total, name), cells.get(name))
        rate_row = next((row for row in table.funding if row.execution_rate is not None), None)
        if rate_row is not None:
            cells = dict(rate_row.sources)
            yield from fact("execution_rate", rate_row.execution_rate, cells.get("execution_rate"))
            yield from fact("execution_score", rate_row.score, cells.get("score"))
        yield from fact("total_score", table.total_score, dict(table.sources).get("total_score"))
        names = [indicator.name for indicator in table.indicators]
        for ikey, indicator in zip(indicator_keys(names), table.indicators, strict=True):
            cells = dict(indicator.sources)
            prefix = f"{key}.{ikey}"
            for name, value in (("target", indicator.target), ("actual", indicator.actual),
                                ("weight", indicator.weight), ("score", indicator.score)):
                yield from fact(name, value, cells.get(name), prefix)


def _total_row(rows: tuple[FundingRow, ...]) -> FundingRow | None:
    for label in TOTAL_ROWS:
        for row in rows:
            if row.label == label:
                return row
    return None


def _section_path(ctx: Context, table: PerfTable) -> str:
    if table.source is None:
        return ""
    for section in ctx.sections_of("perf_table"):
        if section.source.line == table.source.line:
            found = section_at(ctx.sections, section.start)
            return " > ".join(found.path) if found else ""
    return ""


__all__ = ["extract_perf_facts", "indicator_keys", "table_keys"]
