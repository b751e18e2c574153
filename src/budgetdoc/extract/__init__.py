"""Normalized document → facts. Each extractor owns some key families; all are listed in EXTRACTORS."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from budgetdoc.extract.base import Context, Extractor
from budgetdoc.extract.budget import extract_budget, find_budget_tables
from budgetdoc.extract.clauses import read_clauses
from budgetdoc.extract.doc_meta import extract_doc, extract_staff
from budgetdoc.extract.fiscal import extract_fiscal
from budgetdoc.extract.other_important import extract_other_important
from budgetdoc.extract.overview import extract_overview
from budgetdoc.extract.perf import extract_perf_facts, find_perf_tables
from budgetdoc.extract.perf_summary import extract_perf_summary
from budgetdoc.extract.table_facts import read_codes, read_tables
from budgetdoc.extract.three_public import extract_empty_tables, extract_three_public
from budgetdoc.model import Fact, PerfTable, Table
from budgetdoc.tables.catalog import identify_by_header, identify_table

__all__ = ["EXTRACTORS", "READERS", "TABLE_FINDERS", "Context", "Extractor", "TableFinder", "extract", "find_tables"]

TableFinder = Callable[[Context], Iterable[Table | PerfTable]]
"""Finds tables printed in the text itself (PDF-flattened or cell-per-line), before facts are extracted."""

TABLE_FINDERS: tuple[TableFinder, ...] = (find_budget_tables, find_perf_tables)
"""Every built-in table finder; their tables are in ``ctx.tables`` / ``ctx.perf_tables`` for the extractors."""

EXTRACTORS: tuple[Extractor, ...] = (extract_doc, extract_staff, extract_overview, extract_fiscal, extract_three_public,
                                      extract_empty_tables, extract_other_important, extract_perf_summary,
                                      extract_budget, extract_perf_facts)
"""Every built-in extractor, in the order they run. A fact key may be produced by one extractor only."""

Reader = Callable[[Context, Sequence[Fact]], Iterable[Fact]]
"""A lexicon reader: it sees the facts already made and claims only figures none of them claims."""

READERS: tuple[Reader, ...] = (read_tables, read_clauses, read_codes)
"""The lexicon readers (``extract/lexicon.yaml``), run after the extractors, each seeing all facts before it."""


def find_tables(ctx: Context, finders: Sequence[TableFinder] = TABLE_FINDERS) -> None:
    """Run the table finders and add what they find to the context."""
    for finder in finders:
        try:
            found = list(finder(ctx))
        except Exception:  # noqa: BLE001 - same reason as in extract()
            last = traceback.format_exc().strip().splitlines()[-1]
            ctx.warnings.append(f"表格识别 {finder.__name__} 出错：{last}")
            continue
        ctx.tables += tuple(t for t in found if isinstance(t, Table))
        ctx.perf_tables += tuple(t for t in found if isinstance(t, PerfTable))
    ctx.tables = tuple(_by_header(t, ctx) for t in ctx.tables)


def _by_header(table: Table, ctx: Context) -> Table:
    """An untitled table named by its header rows (tables/catalog.py)."""
    if table.kind or table.name:
        return table
    # a title the reader took for the first header row (财政拨款政府性基金支出预算表 > 部门： > 功能科目代码)
    spec = next((found for path in table.columns[:1] for word in path[:1]
                 if (found := identify_table(word, ctx.kind)) is not None), None)
    spec = spec or identify_by_header(table.columns, ctx.kind)
    return replace(table, kind=spec.kind, name=spec.name) if spec is not None else table


def extract(ctx: Context, extractors: Sequence[Extractor] = EXTRACTORS) -> tuple[Fact, ...]:
    """Run the extractors; one that crashes becomes a warning and the others still run."""
    facts: list[Fact] = []
    for extractor in extractors:
        try:
            facts.extend(extractor(ctx))
        except Exception:  # noqa: BLE001 - a bug in one extractor must not lose the rest of the document
            last = traceback.format_exc().strip().splitlines()[-1]
            ctx.warnings.append(f"提取器 {extractor.__name__} 出错：{last}")
    # The lexicon's readers come last and take only what the template extractors left unclaimed.
    for reader in READERS:
        try:
            facts.extend(list(reader(ctx, tuple(facts))))
        except Exception:  # noqa: BLE001 - same reason as above
            last = traceback.format_exc().strip().splitlines()[-1]
            ctx.warnings.append(f"提取器 {reader.__name__} 出错：{last}")
    return tuple(facts)
