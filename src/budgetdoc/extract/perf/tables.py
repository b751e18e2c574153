"""Find every 绩效自评表 / 绩效目标表 and build one ``PerfTable`` per table from its raw lines."""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from budgetdoc.amounts import AmountError, parse_amount, to_halfwidth
from budgetdoc.extract.base import Context
from budgetdoc.extract.perf.grid import grid_funding, grid_indicators, grid_total, indicator_grid
from budgetdoc.extract.perf.indicators import join_text, pdf_indicators, word_indicators
from budgetdoc.extract.perf.labels import (FUNDING_LABELS, FUNDING_START, GOAL_LABELS, HEADER_FIELDS,
                                           header_columns, label_regex, labels_regex, which)
from budgetdoc.extract.perf.layout import Piece, compact, display_width, line_pieces, word_rows
from budgetdoc.model import FundingRow, Indicator, PerfTable, Section, Source, Table
from budgetdoc.normalize.text import heading_level
from budgetdoc.read.base import Locator

FUNDING_FIELDS = ("budget_initial", "budget_full", "executed", "weight", "execution_rate", "score")
"""The 资金 columns of a 自评表 in the national template's order (年初预算数 … 得分)."""
ALLOCATION_FIELDS = ("budget_initial", "", "budget_full", "executed", "execution_rate", "", "", "weight", "score")
"""The 资金安排和使用情况 grid (年初安排① 年中调整② 小计③ 拨付④ 支出实现率⑤ 结余⑥ 结余率⑦ 分值 得分): the
columns FundingRow has no field for (调整, 结余, 结余率) are read and dropped; only the 合计 row carries 分值/得分."""

_FIELD_OF_LABEL = {"项目名称": "project", "主管部门": "department", "部门（单位）名称": "department",
                   "单位名称": "department", "部门名称（盖章）": "department", "部门名称": "department",
                   "预算单位": "department", "实施单位": "implementer"}
_TOKEN = re.compile(r"[^\s]+")
_HEADER_SPAN = 90
"""How far into the indicator block (whitespace removed) the header's column names can reach."""
_YEAR = re.compile(r"[(（]\s*(\d{4})\s*年")
_PERCENT_NUMBER = re.compile(r"^\d+%?$")
_SCORE_PIECE = re.compile(r"\d[\d,]*(?:\.\d+)?分?")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_VALUE = re.compile(r"^(?:-?\d[\d,]*(?:\.\d+)?%?|[-—－–]+)$")


@dataclass(frozen=True, slots=True)
class Region:
    """A table's raw lines ``first``..``last`` and the text they span."""

    locator: Locator
    first: int
    last: int
    skip: frozenset[int]

    @property
    def start(self) -> int:
        return self.locator.line_span(self.first)[0]

    @property
    def end(self) -> int:
        return self.locator.line_span(self.last)[1]

    @property
    def text(self) -> str:
        return self.locator.raw.text[self.start : self.end]

    def find(self, label: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        """The first match of a label at raw offset ≥ ``start`` (pattern tolerating line breaks)."""
        end = self.end if end is None else end
        return label_regex(label).search(self.locator.raw.text, max(start, self.start), end)

    def source(self, start: int, end: int) -> Source:
        text = self.locator.raw.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return self.locator.source(start, end)

    def line_of(self, offset: int) -> int:
        return self.locator.line_col(offset)[0]


def find_perf_tables(ctx: Context) -> Iterator[PerfTable]:
    """Every 绩效 table of the document, one record each, in document order."""
    sections = ctx.sections_of("perf_table")
    locator = ctx.norm.locator
    skip = frozenset(ctx.norm.dropped_lines)
    for index, section in enumerate(sections):
        first = section.source.line
        if index + 1 < len(sections):
            last = sections[index + 1].source.line - 1
        else:
            last = _last_line(locator, first, locator.line_col(ctx.norm.raw_offset(section.end - 1))[0])
        table = build_table(Region(locator, first, last, skip), section, ctx.year)
        table = from_grid(table, ctx.tables, (first, last))
        ctx.warnings.extend(table.warnings)
        yield table


def from_grid(table: PerfTable, grids: Sequence[Table], lines: tuple[int, int]) -> PerfTable:
    """The table's indicators, 资金 rows and 总分 from the ruled grid of its page, where the PDF has one.

    The text lines of a PDF run a row's cells together; the grid keeps each cell in its box. The grid is used
    only when it holds at least as many indicators as the lines gave, so a partial grid never loses rows.
    """
    grid = indicator_grid(grids, table.source.page if table.source else None, lines)
    if grid is None:
        return table
    indicators = grid_indicators(grid)
    if not indicators or len(indicators) < len(table.indicators) or \
            _filled_indicators(indicators) < _filled_indicators(table.indicators):
        return table  # a partial grid, or one whose cells it could not place: the lines read more
    funding = grid_funding(grid, lines)
    if _filled(funding) < _filled(table.funding):
        funding = table.funding  # a grid whose 资金 cells are merged or missing: the lines read more
    total = grid_total(grid)
    return replace(table, indicators=tuple(indicators), funding=funding,
                   total_score=total if total is not None else table.total_score,
                   warnings=tuple(w for w in table.warnings if "指标" not in w and "资金行" not in w))


def _filled_indicators(rows: Sequence[Indicator]) -> int:
    return sum(bool(row.target) + bool(row.actual) + (row.weight is not None) + (row.score is not None)
               for row in rows)


def _filled(rows: Sequence[FundingRow]) -> int:
    fields = ("budget_initial", "budget_full", "executed", "weight", "execution_rate", "score")
    return sum(getattr(row, name) is not None for row in rows for name in fields)


def _last_line(locator: Locator, first: int, last: int) -> int:
    """The last table of a document runs to the next heading the outline ignored inside tables ((五) …)."""
    for lineno in range(first + 1, last + 1):
        text = to_halfwidth(locator.line_text(lineno)).strip()
        if 0 < heading_level(text) <= 3:
            return lineno - 1
    return last


def build_table(region: Region, section: Section, default_year: int | None) -> PerfTable:
    """One PerfTable from the raw lines of a table."""
    title = section.title
    kind = "target" if "目标表" in title else "self_eval"
    scope = "project" if title.startswith("项目") else "overall"
    label = f"{title}（第 {region.first} 行）"
    word = _is_word_layout(region)
    warnings: list[str] = []
    sources: list[tuple[str, Source]] = []
    year_match = _YEAR.search(region.text[:200])
    year = int(year_match.group(1)) if year_match else default_year

    funding_at = _first_of(region, FUNDING_START, region.start)
    header_end = funding_at.start() if funding_at else region.end
    goal_at = _first_of(region, GOAL_LABELS, region.start)
    if goal_at and goal_at.start() < header_end:
        header_end = goal_at.start()
    fields = _header_fields(region, region.start, header_end)
    project = fields.pop("project", ("", None))
    if scope == "overall":
        project = ("整体", None)
    if project[1] is not None:
        sources.append(("project", region.source(*project[1])))
    indicator_at = region.find("一级")
    indicator_start = indicator_at.start() if indicator_at else region.end
    total_at = region.find("总分", indicator_start)
    indicator_end = total_at.start() if total_at else region.end

    funding: tuple[FundingRow, ...] = ()
    if funding_at:
        goal_after = _first_of(region, GOAL_LABELS, funding_at.start())
        funding_end = min(goal_after.start() if goal_after else indicator_start, indicator_start)
        funding = _funding(region, funding_at.start(), funding_end, kind, label, warnings)
    goal_target, goal_actual = _goals(region, goal_at, funding_at, indicator_start, kind, word, label,
                                      warnings)

    indicators: list[Indicator] = []
    if indicator_at:
        indicators, found_warnings = _indicators(region, indicator_start, indicator_end, word, label)
        warnings.extend(found_warnings)
    total_score = None
    if total_at:
        total_score, total_source = _total(region, total_at.end(), word)
        if total_source is not None:
            sources.append(("total_score", total_source))
    return PerfTable(
        kind=kind, scope=scope, title=title, year=year, project=project[0],
        department=fields.pop("department", ("", None))[0],
        implementer=fields.pop("implementer", ("", None))[0],
        extra=tuple((name, value) for name, (value, _) in fields.items()),
        funding=funding, goal_target=goal_target, goal_actual=goal_actual, indicators=tuple(indicators),
        total_score=total_score, source=region.source(region.start, region.end),
        warnings=tuple(warnings), sources=tuple(sources),
    )


def _is_word_layout(region: Region) -> bool:
    lines = region.text.split("\n")
    nonblank = [line for line in lines if line.strip()]
    return bool(nonblank) and sum(line.startswith("\t") for line in nonblank) > len(nonblank) / 2


def _first_of(region: Region, labels: tuple[str, ...], start: int) -> re.Match[str] | None:
    return labels_regex(labels).search(region.locator.raw.text, start, region.end)


def _header_fields(region: Region, start: int, end: int) -> dict[str, tuple[str, tuple[int, int] | None]]:
    """项目名称 / 主管部门 / 实施单位 … : each value is the text up to the next label, with its raw span
    (only the project's is located, so the others' Source records are never built)."""
    text = region.locator.raw.text
    found = list(labels_regex(HEADER_FIELDS).finditer(text, start, end))
    out: dict[str, tuple[str, tuple[int, int] | None]] = {}
    for index, match in enumerate(found):
        value_end = found[index + 1].start() if index + 1 < len(found) else end
        value = join_text(text[match.end() : value_end].split())
        if not value:
            continue
        label = HEADER_FIELDS[which(match)]
        out[_FIELD_OF_LABEL.get(label, label)] = (value, (match.end(), value_end))
    return out


def _funding(region: Region, start: int, end: int, kind: str, label: str, warnings: list[str],
             ) -> tuple[FundingRow, ...]:
    """The 资金 rows: each label followed by its printed values (``-``/``—`` for an empty cell)."""
    text = region.locator.raw.text
    found = list(labels_regex(FUNDING_LABELS).finditer(text, start, end))
    rows: list[FundingRow] = []
    fields: tuple[str, ...] = FUNDING_FIELDS
    expected = len(FUNDING_FIELDS) if kind == "self_eval" else 1
    accepted = {expected}
    if found and label_regex("年中调整").search(text, start, found[0].start()):
        fields, expected = ALLOCATION_FIELDS, len(ALLOCATION_FIELDS)
        accepted = {expected, expected - 2}
    for index, match in enumerate(found):
        value_end = found[index + 1].start() if index + 1 < len(found) else end
        tokens = [(m.group(), match.end() + m.start(), match.end() + m.end())
                  for m in _TOKEN.finditer(text[match.end() : value_end])]
        tokens = [t for t in tokens if _VALUE.match(to_halfwidth(t[0]))]
        if not tokens:
            continue
        tokens = _join_split_numbers(text, tokens, expected)
        name = compact(FUNDING_LABELS[which(match)]).replace("(", "（").replace(")", "）").replace(":", "：")
        if len(tokens) not in accepted:
            warnings.append(f"{label}：资金行“{name}”印有 {len(tokens)} 个数，应为 {expected} 个，未读取")
            continue
        values: dict[str, Decimal | None] = {}
        cell_sources: list[tuple[str, Source]] = []
        for field_name, (token, token_start, token_end) in zip(fields, tokens, strict=False):
            if not field_name:
                continue
            values[field_name] = _amount(token)
            if values[field_name] is not None:
                cell_sources.append((field_name, region.locator.source(token_start, token_end)))
        rows.append(FundingRow(label=name, **values, source=region.source(match.start(), tokens[-1][2]),
                               sources=tuple(cell_sources)))
    return tuple(rows)


Token = tuple[str, int, int]


def _join_split_numbers(text: str, tokens: list[Token], expected: int) -> list[Token]:
    """``100.0`` / ``0%`` on two lines is one number: glue line-broken pieces until the count fits."""
    tokens = list(tokens)
    index = 0
    while len(tokens) > expected and index < len(tokens) - 1:
        (first, start, _), (second, _, end) = tokens[index], tokens[index + 1]
        between = text[tokens[index][2] : tokens[index + 1][1]]
        if "\n" in between and "." in first and _PERCENT_NUMBER.match(second):
            tokens[index : index + 2] = [(first + second, start, end)]
            continue
        index += 1
    return tokens


def _amount(token: str) -> Decimal | None:
    try:
        return parse_amount(token.replace("%", ""))
    except AmountError:
        return None


def _goals(region: Region, goal_at: re.Match[str] | None, funding_at: re.Match[str] | None,
           indicator_start: int, kind: str, word: bool, label: str, warnings: list[str]) -> tuple[str, str]:
    """预期目标 and 实际完成情况 (a 目标表 prints only the goal)."""
    if goal_at is None:
        return "", ""
    start = goal_at.end()
    end = indicator_start
    if kind == "self_eval":
        actual_label = region.find("实际完成情况", start, end)
        if actual_label is None:
            return "", ""
        start = actual_label.end()
    elif funding_at is not None and start < funding_at.start() < end:
        end = funding_at.start()
    first_line, last_line = _line_range(region, start, end)
    if word:
        rows = word_rows(region.locator, first_line, last_line)
        cells = [c.text for row in rows for c in row if c.text]
        if kind == "target":
            return join_text(cells), ""
        if len(cells) >= 2:
            return cells[-2], cells[-1]
        return (cells[0] if cells else ""), ""
    numbers = [n for n in range(first_line, last_line + 1)
               if n not in region.skip and region.locator.line_text(n).strip()]
    lines = [region.locator.line_text(n).strip() for n in numbers]
    if kind == "target":
        return join_text(lines), ""
    if len(lines) == 1 and len(lines[0].split()) == 2:
        return tuple(lines[0].split())  # type: ignore[return-value]
    split, close = _goal_split(lines)
    if split is None:
        warnings.append(f"{label}：无法区分预期目标与实际完成情况，全部作为预期目标")
        return join_text(lines), ""
    if close:
        warnings.append(f"{label}：预期目标与实际完成情况的分界不确定，从原文第 {numbers[split]} 行起作为实际完成情况")
    return join_text(lines[:split]), join_text(lines[split:])


def _line_range(region: Region, start: int, end: int) -> tuple[int, int]:
    """The raw lines holding [start, end): a line is left out when the span only touches its blank edge."""
    text = region.locator.raw.text
    first = region.line_of(start)
    if not text[start : text.find("\n", start) if "\n" in text[start:] else len(text)].strip():
        first += 1
    last = region.line_of(end)
    line_start = region.locator.line_span(last)[0]
    if not text[line_start:end].strip():
        last -= 1
    return first, max(first, last)


def _goal_split(lines: list[str]) -> tuple[int | None, bool]:
    """Where the 实际完成情况 column starts in the flattened goal cells.

    The two cells print one after the other, each wrapped at its own column width, so every line but a
    cell's last has (nearly) the same width. The split chosen leaves the most uniform full lines on both
    sides, preferring a split after a short line or a full stop.

    Returns:
        The index of the first 实际完成情况 line (None when there is a single line) and whether another
        split fits (almost) as well, which the caller reports.
    """
    widths = [display_width(line) for line in lines]
    best, best_cost = None, float("inf")
    costs: list[float] = []
    for k in range(1, len(lines)):
        short = k >= 2 and widths[k - 1] < widths[k - 2] - 2
        stop = lines[k - 1].endswith(("。", "；"))
        before, after = widths[: k - 1], widths[k : len(lines) - 1]
        cost = 0.0
        for full, last in ((before, widths[k - 1]), (after, widths[-1])):
            if full:
                median = statistics.median(full)
                # A cell's last line may be shorter than its full lines, never wider.
                cost += sum(abs(w - median) for w in full) + max(0.0, last - median - 2)
        # A full stop ends a paragraph more surely than a short line, which may just be an early wrap.
        cost -= 6 if stop else 3 if short else 0
        costs.append(cost)
        if cost < best_cost:
            best, best_cost = k, cost
    close = sum(1 for cost in costs if cost <= best_cost + 1) > 1
    return best, close


def _indicators(region: Region, start: int, end: int, word: bool, label: str,
                ) -> tuple[list[Indicator], list[str]]:
    first_line, last_line = _line_range(region, start, end)
    if word:
        rows = word_rows(region.locator, first_line, last_line)
        if not rows:
            return [], [f"{label}：未找到指标表头"]
        body = [r for r in rows[1:] if any(c.text for c in r)]
        return word_indicators(region.locator, rows[0], body, label)
    pieces = line_pieces(region.locator, first_line, last_line, region.skip)
    pieces = [p for p in pieces if start <= p.start < end]
    header, body = _split_header(pieces)
    columns = header_columns(" ".join(p.text for p in header))
    return pdf_indicators(region.locator, body, columns, label)


def _split_header(pieces: list[Piece]) -> tuple[list[Piece], list[Piece]]:
    """Header pieces run up to the last one that completes a column name; the rows follow."""
    joined = ""
    ends: list[int] = []
    for piece in pieces:
        joined += compact(piece.text)
        ends.append(len(joined))
        if len(joined) >= _HEADER_SPAN:  # the names are looked for in the first 90 characters only
            break
    last_end = 0
    head = joined[:_HEADER_SPAN]
    for names in ("得分", "偏差原因分析及改进措施", "佐证资料", "分值权重", "权重"):
        pos = head.rfind(names)
        if pos >= 0:
            last_end = max(last_end, pos + len(names))
    cut = next((i + 1 for i, e in enumerate(ends) if e >= last_end), 0)
    header, body = pieces[:cut], pieces[cut:]
    # The rotated 年度绩效指标完成情况 cell prints one character per line between the header and the rows.
    while body and compact(body[0].text) in "年度绩效指标完成情况" and len(compact(body[0].text)) <= 2:
        body = body[1:]
    return header, body


def _total(region: Region, start: int, word: bool) -> tuple[Decimal | None, Source | None]:
    """总分: the last number of the 总分 row (the score, after the 100 it is out of)."""
    text = region.locator.raw.text
    end = region.end
    if not word:
        # 总分 100 / 88 / 分 may wrap: read numbers until the 分 that closes the row or any other text.
        numbers = []
        for match in _TOKEN.finditer(text[start:end]):
            if not _SCORE_PIECE.fullmatch(match.group()) and match.group() != "分":
                break
            numbers.append(match)
            if match.group().endswith("分"):
                break
        end = start + (numbers[-1].end() if numbers else 0)
    else:
        blank = text.find("\n\n", start)
        end = min(end, blank if blank >= 0 else end)
    numbers = list(_NUMBER.finditer(text[start:end]))
    if not numbers:
        return None, None
    match = numbers[-1]
    return _amount(match.group()), region.locator.source(start + match.start(), start + match.end())
