"""Facts from the standard tables of any region, by row label × column header through the concept lexicon.

Two layouts cover the national tables of both kinds:

- **label, figure** pairs (收支总表, 财政拨款收支总表, 基本支出表): a row label and the amount to its right,
  on the 收入 or the 支出 side of the table, which tells what a bare 合计/总计 totals;
- **a total row across named columns** (收入表, 支出表, 一般公共预算支出表, “三公”经费表, one-row tables and the
  unit row Shenzhen prints): each column header names a concept, or the table's own total (合计, 金额 …).

A figure's scope is the scope word of its header or label, else the table's (``tables:`` in lexicon.yaml);
its measure the header's (预算数, 决算数, 2026年预算数: another year's column gives nothing). Sources are
marked ``origin="table"`` so a check can compare them with what the text states. Cells a template
extractor has read already are left to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from decimal import Decimal

from budgetdoc.amounts import parse_amount, to_halfwidth
from budgetdoc.extract.base import Context
from budgetdoc.extract.lexicon import ALL, PLAIN, Concept, Lexicon, lexicon
from budgetdoc.model import Cell, DocKind, Fact, Row, Table

_SIDES = {"收入": "income", "支出": "expense"}
_SIDE_TOTALS = {"income": "income_total", "expense": "expense_total"}
_SIDE_CURRENT = {"income": "income_current", "expense": "expense_current"}
_SKIP_HEADERS = ("行次", "栏次", "科目编码", "功能科目编码", "项目", "项目名称", "科目名称")
_YEAR = re.compile(r"(\d{4})年")
_YEAR_HEADER = re.compile(r"\d{4}年度?(?:预算数|决算数|预算|决算)?")


def label_text(text: str) -> str:
    """A printed row label as looked up: no spaces, ordinal or 其中, half-width brackets."""
    text = re.sub(r"\s+", "", to_halfwidth(text))
    text = re.sub(r"^(?:[一二三四五六七八九十]+、|\d+[、.]|\(\d+\)|\([一二三四五六七八九十]+\))", "", text)
    return text.removeprefix("其中:")


def is_amount(cell: Cell | None) -> bool:
    if cell is None or cell.source is None:
        return False
    try:
        parse_amount(cell.text)
    except ValueError:
        return False
    return True


def cell_value(cell: Cell, table: Table) -> Decimal:
    value = parse_amount(cell.text)
    return value.scaleb(-4) if table.unit == "元" else value  # facts are in 万元; exact, no rounding


class _TableReader:
    def __init__(self, ctx: Context, lex: Lexicon, table: Table, covered: set[int]) -> None:
        self.ctx, self.lex, self.table, self.covered = ctx, lex, table, covered
        config = lex.tables.get(table.kind, {})
        self.scope = str(config.get("scope", ALL))
        self.total = lex.concept_by_id(str(config["total"])) if config.get("total") else None
        # in an income table a column named for funds (一般公共预算) is an income source, elsewhere the
        # funds of the figure named above it
        self.by_source = bool(config.get("by_source"))
        # a table of rows by category (采购品目) whose figures stand in one total column
        self.by_row = bool(config.get("by_row"))
        self.rows = frozenset(config.get("rows") or ())
        self.total_col = next((i for i, path in enumerate(table.columns)
                               if path and label_text(path[-1]) in lex.totals), None)

    def facts(self) -> Iterator[Fact]:
        yield from self._pairs()
        row = self._total_row()
        if row is not None:
            yield from self._across(row)

    # --- layouts ------------------------------------------------------------------------------------

    def _pairs(self) -> Iterator[Fact]:
        columns = self.table.columns
        seen: set[tuple[str | None, str]] = set()  # a label repeated under 上年结转结余 is its breakdown
        for row in self.table.rows:
            for index, cell in enumerate(row.cells[:-1]):
                if is_amount(cell) or not cell.text.strip():
                    continue
                target = index + 1
                # a 行次 column, or a 小计 cell under a group label, stands between label and figure
                while target < len(row.cells) - 1 and (
                        _leaf(columns, target) in ("行次", "栏次") or label_text(row.cells[target].text) == "小计"):
                    target += 1
                figure = row.cells[target]
                if not is_amount(figure) and self.by_row:
                    # 政府采购预算表: the category's row, its figure in the table's total column
                    figure = row.cells[self.total_col] if self.total_col is not None and \
                        self.total_col < len(row.cells) else figure
                    target = self.total_col if is_amount(figure) else target
                if not is_amount(figure):
                    continue
                side = _side(columns, index)
                concept, scope = self._concept(label_text(cell.text), side)
                if concept is not None and (side, concept.id) not in seen and (
                        not self.rows or concept.id in self.rows):
                    seen.add((side, concept.id))
                    yield from self._make(concept, scope, _measure(self.lex, self.ctx, columns, target), figure)

    def _total_row(self) -> Row | None:
        """The row that totals the table: 合计/总计, the unit's own row, the document year's row, or the only row."""
        rows = [r for r in self.table.rows if any(is_amount(c) for c in r.cells)]
        for row in rows:
            if row.code:
                break
            labels = [label_text(c.text) for c in row.cells if c.text.strip() and not is_amount(c)]
            year = next((int(m.group(1)) for lab in labels if (m := _YEAR.fullmatch(lab))), None)
            if year is not None:
                if year == self.ctx.year:
                    return row
                continue
            if not labels or all(lab in self.lex.totals or lab in ("类", "款", "项") for lab in labels):
                return row
            if self.ctx.unit and any(_same_unit(lab, self.ctx.unit) for lab in labels):
                return row
        return rows[0] if len(rows) == 1 and not rows[0].code else None

    def _across(self, row: Row) -> Iterator[Fact]:
        columns = self.table.columns
        for index, cell in enumerate(row.cells):
            if not is_amount(cell) or index >= len(columns) or not columns[index]:
                continue
            path = tuple(label_text(p) for p in columns[index])
            if any(p in _SKIP_HEADERS for p in path[-1:]):
                continue
            concept, scope = self._column_concept(path)
            if concept is not None:
                yield from self._make(concept, scope, _measure(self.lex, self.ctx, columns, index), cell)

    # --- naming -------------------------------------------------------------------------------------

    def _concept(self, label: str, side: str | None) -> tuple[Concept | None, str]:
        kind = self.ctx.kind
        if label in ("合计", "总计") and side:
            cid = _SIDE_TOTALS[side] if label == "总计" else _SIDE_CURRENT[side]
            if self.ctx.kind is DocKind.BUDGET:
                cid = _SIDE_TOTALS[side]
            return self.lex.concept_by_id(cid), self.scope
        concept = self.lex.concept_by_label(kind, label)
        if concept is not None:
            return concept, self.scope
        scoped = self.lex.scope_word_re.match(label)
        if scoped:
            rest = label[scoped.end():]
            concept = self.lex.concept_by_label(kind, rest)
            if concept is not None:
                return concept, self.lex.scope_of(scoped.group())
        return None, self.scope

    def _column_concept(self, path: tuple[str, ...]) -> tuple[Concept | None, str]:
        """The concept of a column: the deepest header naming one, else the table's total."""
        scope = self.scope
        for word in path:
            found = self.lex.scope_word_re.fullmatch(word)
            if found:
                scope = self.lex.scope_of(found.group())
        for depth in range(len(path) - 1, -1, -1):
            word = path[depth]
            if word in self.lex.totals or _YEAR_HEADER.fullmatch(word) or word in _MEASURE_HEADERS:
                continue
            word = re.sub(r"^\d{4}年度?", "", word)
            if self.lex.scope_word_re.fullmatch(word) and (not self.by_source or self._named_above(path[:depth])):
                continue  # 公务用车购置及运行维护费 > 小计 > 一般公共预算: the funds of a named figure
            concept, _ = self._concept(word, None)
            if concept is not None:
                return concept, scope
            if self.lex.scope_word_re.fullmatch(word):
                continue
            return None, scope  # a header this lexicon does not know: not the table's total either
        if len(path) == 1 and self._total_in_group():
            return None, scope  # a 合计 beside a “三公”经费 group with its own 小计 totals more than 三公
        return self.total, scope

    def _named_above(self, path: tuple[str, ...]) -> bool:
        """Whether a header above names a concept (or the table's total), so a scope word below qualifies it."""
        return any(self._concept(word, None)[0] is not None or (word in self.lex.totals and self.total is not None)
                   for word in path)

    def _total_in_group(self) -> bool:
        if self.total is None:
            return False
        for path in self.table.columns:
            if len(path) > 1:
                concept, _ = self._concept(label_text(path[0]), None)
                if concept is self.total:
                    return True
        return False

    def _make(self, concept: Concept, scope: str, measure: str | None, cell: Cell) -> Iterator[Fact]:
        if measure is None or cell.source is None or cell.source.offset in self.covered:
            return
        keys = concept.keys_for(self.ctx.kind, scope, measure)
        section = f"{self.table.number}{self.table.name}"
        for key in keys:
            yield Fact(key=key, value=cell_value(cell, self.table), source=replace(cell.source, origin="table"),
                       section=section)
        self.covered.add(cell.source.offset)


_MEASURE_HEADERS = frozenset({"预算数", "决算数", "年初预算数", "全年预算数", "金额", "本年预算数"})


def _leaf(columns: Sequence[tuple[str, ...]], index: int) -> str:
    return label_text(columns[index][-1]) if index < len(columns) and columns[index] else ""


def _side(columns: Sequence[tuple[str, ...]], index: int) -> str | None:
    path = columns[index] if index < len(columns) else ()
    return _SIDES.get(label_text(path[0])) if path else None


def _measure(lex: Lexicon, ctx: Context, columns: Sequence[tuple[str, ...]], index: int) -> str | None:
    """The measure a column's header states; None for another year's column (上年, 2025年预算数)."""
    if index >= len(columns):
        return PLAIN
    header = "".join(label_text(p) for p in columns[index])
    year = _YEAR.search(header)
    if year and ctx.year and int(year.group(1)) != ctx.year:
        return None
    if "上年" in header:
        return None
    found = lex.measure_re.findall(header)
    return lex.measure_of(found[-1]) if found else PLAIN


def _same_unit(label: str, unit: str) -> bool:
    fold = to_halfwidth
    return fold(label).startswith(fold(unit)) or fold(unit).startswith(fold(label)) and len(label) >= 4


def read_tables(ctx: Context, claimed: Sequence[Fact]) -> Iterator[Fact]:
    """Facts of the standard tables' totals and labelled figures that no template extractor has read."""
    if ctx.kind is DocKind.UNKNOWN:
        return
    lex = lexicon()
    covered = {fact.source.offset for fact in claimed if fact.source is not None}
    for table in ctx.tables:
        if table.kind in lex.tables:
            yield from _TableReader(ctx, lex, table, covered).facts()


# --- code keys of classification items ------------------------------------------------------------------

_ITEM_KEY = re.compile(r"^(?P<family>budget\.gpb_item|budget\.function_item)\[(?P<path>[^\]]+)\](?P<suffix>.*)$")
_CODED_TABLES = {"budget.gpb_item": ("budget.t05_general_expense", "budget.gpb_function")}


def _codes_by_path(table: Table) -> dict[tuple[str, ...], str]:
    """功能分类 path of names (类/款/项 as printed) → code, from the coded rows of a table."""
    names = {row.code: label_text(row.label) for row in table.rows if row.code and row.label}
    paths: dict[tuple[str, ...], str] = {}
    for code in names:
        parts = [code[:n] for n in (3, 5, 7) if len(code) >= n]
        if all(p in names for p in parts):
            paths[tuple(names[p] for p in parts)] = code
    return paths


def read_codes(ctx: Context, claimed: Sequence[Fact]) -> Iterator[Fact]:
    """The spec's code key for a figure the text states about a classification item by name.

    ``budget.gpb_item[一般公共服务支出/财政事务/行政运行].change`` also gives
    ``budget.gpb_function[2010601].change`` when the document's 一般公共预算支出表 prints that path under
    that code: the text's figure and the table's under one key, for the checks to compare.
    """
    tables = {t.kind: t for t in ctx.tables}
    lookups: dict[str, dict[tuple[str, ...], str]] = {}
    for fact in claimed:
        match = _ITEM_KEY.match(fact.key)
        if match is None or match.group("family") not in _CODED_TABLES or fact.source.origin == "table":
            continue
        table_kind, family = _CODED_TABLES[match.group("family")]
        if table_kind not in tables:
            continue
        if table_kind not in lookups:
            lookups[table_kind] = _codes_by_path(tables[table_kind])
        path = tuple(label_text(p) for p in match.group("path").split("/"))
        code = lookups[table_kind].get(path)
        if code is not None:
            yield replace(fact, key=f"{family}[{code}]{match.group('suffix')}")
