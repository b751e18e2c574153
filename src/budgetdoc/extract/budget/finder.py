"""The 部门预算 tables printed in text (PDF-extracted, one printed line per line) rebuilt as ``Table`` records.

A table starts at its number line (``表 1``) and title, its header runs from the 编制部门 line to the
``※ 1 2 …`` column-number line (or to the first line with a figure), and it ends at the next table or
第X部分 heading. A repeated 编制部门 line is a continuation page: its header is skipped and its rows join the
table. Rows wrapped over several lines (long names) are joined until the line that prints the figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from budgetdoc.amounts import NUMBER, parse_amount
from budgetdoc.extract.base import Context
from budgetdoc.extract.budget.layouts import LAYOUTS, Layout, generic_layout
from budgetdoc.extract.budget.solve import Resolver, candidates
from budgetdoc.model import Cell, DocKind, Row, Source, Table
from budgetdoc.read import Locator
from budgetdoc.tables import identify_table, parse_code, split_number
from budgetdoc.tables.catalog import TableSpec

_NUMBER_LINE = re.compile(r"^\s*(?:(?:附表|表)\s*\d+(?:-\d+)?|(?:公开|预算|部门)\s*\d+(?:-\d+)?\s*表)\s*$")
_PART = re.compile(r"^\s*第[一二三四五六七八九十]+部分")
_HEADER_START = re.compile(r"^\s*编制(?:部门|单位)\s*[:：]\s*(?P<unit>.*?)\s+(?:金额)?单位\s*[:：]\s*(?P<money>万元|元)")
_COLUMN_NUMBERS = re.compile(r"^\s*(?:※\s*)+(?P<nums>(?:\d+\s*)+)$")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_EMPTY = re.compile(r"为空表")
_AMOUNT = re.compile(rf"(?<![\d.,])(?:{NUMBER})(?![\d.,])")
_TRAILING_AMOUNTS = re.compile(rf"(?:\s*(?:{NUMBER}))+\s*$")
_CODE_START = re.compile(r"^\s*(\d{3}(?:\s+\d{2}){0,2})(?=\s|$)")
_TOTAL_WORDS = re.compile(r"^(总计|合计|收入总计|支出总计)$")
# Right half of a 收入|支出 line: a function 类 code and its name, or the 支出总计 label.
_RIGHT_START = re.compile(r"(?:(?<=\s)|^)(?:2\d\d\s+[\u4e00-\u9fff]|支\s*出\s*总\s*计)")


@dataclass(slots=True)
class _Span:
    """Text with its raw offsets."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class _Draft:
    spec: TableSpec
    number: str
    title_span: _Span
    unit: str = "万元"
    width: int | None = None
    lines: list[_Span] = field(default_factory=list)
    empty: _Span | None = None


def find_budget_tables(ctx: Context) -> Iterator[Table]:
    """Every catalogued 部门预算 table printed in the text of a budget document."""
    if ctx.kind is not DocKind.BUDGET or ctx.tables:
        return  # a reader that found the tables itself (PDF, DOCX, XLSX) knows their cells better
    locator = ctx.norm.locator
    for draft in _drafts(ctx.norm.raw.text):
        table = _build(draft, locator, ctx.warnings)
        if table is not None:
            yield table


def _lines(text: str) -> Iterator[_Span]:
    offset = 0
    for line in text.split("\n"):
        yield _Span(line, offset, offset + len(line))
        offset += len(line) + 1


def _drafts(text: str) -> Iterator[_Draft]:
    lines = [line for line in _lines(text) if line.text.strip()]
    draft: _Draft | None = None
    in_header = False
    index = 0
    while index < len(lines):
        line = lines[index]
        started = _table_start(lines, index)
        if started is not None:
            if draft is not None:
                yield draft
            draft, index = started
            in_header = True
            continue
        if draft is None:
            index += 1
            continue
        if _PART.match(line.text):
            yield draft
            draft = None
        elif (header := _HEADER_START.match(line.text)) is not None:
            draft.unit = header.group("money")
            in_header = True
        elif in_header:
            numbers = _COLUMN_NUMBERS.match(line.text)
            if numbers:
                draft.width = len(numbers.group("nums").split())
                in_header = False
            elif _AMOUNT.search(line.text) and "※" not in line.text:  # 收入|支出 tables have no ※ line
                in_header = False
                draft.lines.append(line)
        elif _EMPTY.search(line.text):
            draft.empty = _statement(lines, index)
        elif not _PAGE_NUMBER.match(line.text):
            draft.lines.append(line)
        index += 1
    if draft is not None:
        yield draft


def _table_start(lines: list[_Span], index: int) -> tuple[_Draft, int] | None:
    """A table number line and its title (on the same or the next line)."""
    line = lines[index]
    number, rest = split_number(line.text)
    if not number:
        return None
    title_index = index
    if not rest and _NUMBER_LINE.match(line.text) and index + 1 < len(lines):
        title_index = index + 1
        rest = lines[title_index].text.strip()
    spec = identify_table(rest, DocKind.BUDGET)
    if spec is None:
        return None
    title_line = lines[title_index]
    lead = len(title_line.text) - len(title_line.text.lstrip())
    title = _Span(rest, title_line.start + lead, title_line.start + lead + len(title_line.text.strip()))
    return _Draft(spec=spec, number=number, title_span=title), title_index + 1


def _statement(lines: list[_Span], index: int) -> _Span:
    """The 为空表 sentence on its line (the tables print it on one line; the explanations wrap theirs)."""
    line = lines[index]
    start = line.start + len(line.text) - len(line.text.lstrip())
    return _Span(line.text.strip(), start, line.end)


# --- rows -----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _RawRow:
    pieces: list[_Span]
    values: list[_Span]
    code: str = ""
    code_span: _Span | None = None
    right: _RawRow | None = None


def _split_values(line: _Span) -> tuple[_Span, list[_Span]]:
    """A line's text part and the figures printed at its end."""
    match = _TRAILING_AMOUNTS.search(line.text)
    if not match or match.start() == 0 and _CODE_START.match(line.text):
        cut = len(line.text)
    else:
        cut = match.start()
    head = _Span(line.text[:cut], line.start, line.start + cut)
    values = [_Span(m.group(), line.start + cut + m.start(), line.start + cut + m.end())
              for m in _AMOUNT.finditer(line.text[cut:])]
    return head, values


def _code_of(head: _Span, scheme: str) -> tuple[str, _Span | None, _Span]:
    match = _CODE_START.match(head.text)
    code = parse_code(match.group(1), scheme) if match and scheme else None
    if match and code:
        code_span = _Span(match.group(1), head.start + match.start(1), head.start + match.end(1))
        rest = head.text[match.end():]
        lead = len(rest) - len(rest.lstrip())
        return code.code, code_span, _Span(rest.strip(), code_span.end + lead, head.end)
    return "", None, head


def _rows(draft: _Draft, layout: Layout) -> list[_RawRow]:
    if layout.two_sided:
        return [_two_sided(line, layout) for line in draft.lines]
    rows: list[_RawRow] = []
    current: _RawRow | None = None
    for line in draft.lines:
        head, values = _split_values(line)
        code, code_span, label = _code_of(head, layout.scheme)
        # A row goes on over the next lines until it prints its figures; a code always starts a new one.
        if current is None or code:
            current = _RawRow(pieces=[], values=[], code=code, code_span=code_span)
            rows.append(current)
        if label.text.strip():
            current.pieces.append(label)
        current.values.extend(values)
        if values or not layout.scheme:
            current = None
    return rows


def _two_sided(line: _Span, layout: Layout) -> _RawRow:
    match = _RIGHT_START.search(line.text)
    cut = match.start() if match else len(line.text)
    left = _Span(line.text[:cut].rstrip(), line.start, line.start + len(line.text[:cut].rstrip()))
    head, values = _split_values(left)
    row = _RawRow(pieces=[head] if head.text.strip() else [], values=values)
    if match:
        right_line = _Span(line.text[cut:], line.start + cut, line.end)
        right_head, right_values = _split_values(right_line)
        code, code_span, label = _code_of(right_head, "function")
        row.right = _RawRow(pieces=[label], values=right_values, code=code, code_span=code_span)
    return row


def _join(locator: Locator, pieces: list[_Span]) -> Cell:
    if not pieces:
        return Cell(text="")
    text = "".join(re.sub(r"\s+", "", p.text) for p in pieces)
    return Cell(text=text, source=locator.source(pieces[0].start, pieces[-1].end))


# --- tables ---------------------------------------------------------------------------------------------


def _build(draft: _Draft, locator: Locator, warnings: list[str]) -> Table | None:
    layout = LAYOUTS.get(draft.spec.kind)
    width = draft.width
    # The known layout only where the printed column numbers (or, for 收入|支出 tables, the two halves)
    # confirm it; any other table keeps its figures in columns named by position.
    if layout is None or not (width == len(layout.amounts) or width is None and layout.two_sided):
        width = width or max((len(_split_values(line)[1]) for line in draft.lines), default=0)
        if not width and draft.empty is None:
            return None
        layout = generic_layout(width)
    raw_rows = _rows(draft, layout)
    title_source = locator.source(draft.title_span.start, draft.title_span.end)
    name = re.sub(r"\s+", "", draft.title_span.text)
    if layout.two_sided:
        rows = _two_sided_rows(raw_rows, layout, locator)
    else:
        rows = _coded_rows(raw_rows, layout, locator, warnings, f"{draft.number}{name}")
    empty = draft.empty.text if draft.empty is not None else ""
    return Table(name=name, number=draft.number, kind=draft.spec.kind, columns=layout.columns,
                 rows=tuple(rows), unit=draft.unit, empty_statement=empty, source=title_source)


def _amounts(row: _RawRow) -> list[Decimal]:
    return [parse_amount(v.text) for v in row.values]


def _amount_cells(locator: Locator, values: list[_Span], cols: tuple[int, ...], width: int) -> list[Cell]:
    """``width`` cells, the printed ``values`` placed in columns ``cols`` and the rest empty."""
    cells = [Cell(text="") for _ in range(width)]
    for span, col in zip(values, cols, strict=True):
        cells[col] = Cell(text=span.text, source=locator.source(span.start, span.end))
    return cells


def _code_cell(locator: Locator, row: _RawRow) -> Cell:
    if row.code_span is None:
        return Cell(text="")
    return Cell(text=row.code_span.text, source=locator.source(row.code_span.start, row.code_span.end))


def _coded_rows(raw_rows: list[_RawRow], layout: Layout, locator: Locator, warnings: list[str],
                title: str) -> list[Row]:
    width = len(layout.amounts)
    values = [_amounts(r) for r in raw_rows]
    options = [candidates(v, layout, width) if v else [] for v in values]
    children, roots = _hierarchy(raw_rows, layout)
    resolver = Resolver(values, options, children, width)
    choice = resolver.resolve(roots)
    unplaced = [i for i, v in enumerate(values) if v and i not in choice]
    if unplaced or resolver.guessed:
        warnings.append(f"{title}：{len(unplaced) + len(resolver.guessed)} 行的数字与上下级合计不符，列按常见位置推断")
    rows: list[Row] = []
    for index, raw in enumerate(raw_rows):
        # a row the solver could not place keeps its figures left to right (and loses any beyond the width)
        cols = choice.get(index) or tuple(range(min(len(values[index]), width)))
        amounts = _amount_cells(locator, raw.values[: len(cols)], cols, width)
        code = parse_code(raw.code, layout.scheme) if raw.code and layout.scheme else None
        lead = _lead_cells(raw, layout, locator)
        label = lead[-1].text if lead else ""
        source = _row_source(locator, raw)
        rows.append(Row(cells=(*lead, *amounts), code=code.code if code else "",
                        level=code.level if code else "", parent=code.parent if code else "", label=label,
                        source=source))
    return rows


def _lead_cells(raw: _RawRow, layout: Layout, locator: Locator) -> list[Cell]:
    """编码, 名称 (and 项目名称 for 表7, where the text after the 项 name is the project)."""
    name = _join(locator, raw.pieces)
    if not layout.scheme:
        return [name] + [Cell(text="") for _ in layout.lead[1:]]
    if len(layout.lead) == 3:
        function_name, project = _split_project(raw, locator)
        return [_code_cell(locator, raw), function_name, project]
    return [_code_cell(locator, raw), name]


def _split_project(raw: _RawRow, locator: Locator) -> tuple[Cell, Cell]:
    """A 表7 row prints 功能分类科目名称 then 项目名称; only 项 rows carry a project."""
    if not raw.pieces:
        return Cell(text=""), Cell(text="")
    if len(raw.code) != 7:
        return _join(locator, raw.pieces), Cell(text="")
    first = raw.pieces[0]
    parts = first.text.split(None, 1)
    name_span = _Span(parts[0], first.start, first.start + len(parts[0]))
    rest: list[_Span] = []
    if len(parts) == 2:
        offset = first.text.index(parts[1], len(parts[0]))
        rest.append(_Span(parts[1], first.start + offset, first.end))
    rest.extend(raw.pieces[1:])
    return _join(locator, [name_span]), _join(locator, rest)


def _row_source(locator: Locator, raw: _RawRow) -> Source | None:
    spans = [s for s in (raw.code_span, *raw.pieces, *raw.values) if s is not None]
    if not spans:
        return None
    return locator.source(min(s.start for s in spans), max(s.end for s in spans))


def _hierarchy(raw_rows: list[_RawRow], layout: Layout) -> tuple[dict[int, list[int]], list[int]]:
    """Parent → children by code level; 总计 is the root, a codeless row (a unit subtotal in 表7) a level."""
    children: dict[int, list[int]] = {}
    roots: list[int] = []
    stack: list[tuple[int, int]] = []  # (depth, row index)
    for index, raw in enumerate(raw_rows):
        label = "".join(p.text for p in raw.pieces).replace(" ", "")
        if not layout.scheme or _TOTAL_WORDS.match(label):
            depth = 0
        elif raw.code:
            depth = 1 + len(raw.code) // 2  # 类 2, 款 3, 项 4
        else:
            depth = 1
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if stack and depth:
            children.setdefault(stack[-1][1], []).append(index)
        else:
            roots.append(index)
        stack.append((depth, index))
    return children, roots


def _two_sided_rows(raw_rows: list[_RawRow], layout: Layout, locator: Locator) -> list[Row]:
    left_width = len(layout.amounts) - layout.right_amounts
    right_layout = Layout(lead=(), amounts=layout.amounts[left_width:],
                          sums=tuple((t - left_width, tuple(p - left_width for p in parts))
                                     for t, parts in layout.sums if t >= left_width),
                          priority=tuple(p - left_width for p in layout.priority if p >= left_width))
    rows: list[Row] = []
    for raw in raw_rows:
        left = _amount_cells(locator, raw.values[:left_width], tuple(range(len(raw.values[:left_width]))),
                             left_width)
        cells = [_join(locator, raw.pieces), *left]
        code = None
        right = raw.right
        if right is not None:
            options = candidates(_amounts(right), right_layout, layout.right_amounts) if right.values \
                else [()]
            cols = options[0] if options else tuple(range(min(len(right.values), layout.right_amounts)))
            code = parse_code(right.code, "function") if right.code else None
            name = _join(locator, right.pieces)
            code_cell = _code_cell(locator, right)
            label_source = _row_source(locator, _RawRow(pieces=right.pieces, values=[], code_span=right.code_span))
            label_cell = Cell(text=f"{code_cell.text} {name.text}".strip(), source=label_source)
            amounts = _amount_cells(locator, right.values[: len(cols)], cols, layout.right_amounts)
            cells += [label_cell, *amounts]
        else:
            cells += [Cell(text="")] * (1 + layout.right_amounts)
        rows.append(Row(cells=tuple(cells), code=code.code if code else "", level=code.level if code else "",
                        parent=code.parent if code else "", label=cells[0].text,
                        source=_row_source(locator, raw if right is None else _RawRow(
                            pieces=[*raw.pieces, *right.pieces], values=[*raw.values, *right.values]))))
    return rows
