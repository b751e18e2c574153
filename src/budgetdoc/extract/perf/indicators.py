"""Indicator rows (一级/二级/三级, target, actual, weight, score …) from both text layouts.

PDF-flattened layout: the value cells of a row (target, actual, weight, score, and the short text cells
between them) are matched as a pattern over the kinds of the pieces (see ``layout.Piece.kind``), built from
the header's column order. Text pieces between two matched rows hold, in order, the trailing text cells of
the previous row (偏差原因, 赋分规则, 佐证资料, or the rest of its wrapped name), merged 一级/二级 cells, and the
wrapped name of the next row. The name is told from the text before it by its wrap width: a wrapped cell's
lines are all as wide as the column except the last.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from budgetdoc.amounts import AmountError, parse_amount, to_halfwidth
from budgetdoc.extract.perf.labels import LEVEL1, LEVEL2, header_columns
from budgetdoc.extract.perf.layout import Piece, WordCell, display_width
from budgetdoc.extract.perf.operators import parse_target
from budgetdoc.model import Indicator, Source
from budgetdoc.read.base import Locator

NUMERIC = frozenset({"weight", "score", "completion_rate"})
VALUE = frozenset({"target", "actual"}) | NUMERIC
_SYMBOL = {"target": "[OQD]", "actual": "[ONMQD]?", "weight": "N", "score": "N", "completion_rate": "N"}
_TEXT_SYMBOL = "[TNMQDB]+?"
_LAST_YEAR_SYMBOL = "[TNMQDOB]+?"
"""上年完成值 may print an operator (``＜=2%``); other text cells between values may not."""
_DATE = re.compile(r"[=<>≤≥]*\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:前|底|内|以前|之前)*")
_DATE_START = re.compile(r"[=＝<＜>＞≤≥]*\d")
"""How a date starts, before folding to half-width (``\\d`` matches full-width digits too)."""
_ASCII_ALNUM = frozenset(string.digits + string.ascii_letters)
_ASCII_ALNUM_PERCENT = _ASCII_ALNUM | {"%"}
_LOOSE_SPACE = re.compile(r"(?<![0-9A-Za-z%])\s+|\s+(?![0-9A-Za-z])")
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


_RULE_OR_EVIDENCE = re.compile(r"^(?:(?:[,，、]?(?:工作资料|说明材料|正式材料|原始凭证))+|.*赋分|分)$")
"""赋分规则 / 佐证资料 cells as the 目标表 templates print them: never part of the next row's name."""

BASIS_WORDS = frozenset("计划标准 历史标准 行业标准 其他标准 预算支出标准 政策制度 年度计划".split())
"""指标值设定依据 as the 目标表 templates print it; a 目标表 row's free-text target is found before one."""


@dataclass(frozen=True, slots=True)
class _Match:
    """One row's value cells: piece index spans per matched column, and where the row's values start."""

    start: int
    end: int
    groups: tuple[tuple[int, int], ...]


@dataclass(slots=True)
class _Row:
    cells: dict[str, list[Piece]] = field(default_factory=dict)
    level1: str = ""
    level2: str = ""


def join_text(texts: Sequence[str]) -> str:
    """Cell text from wrapped pieces: whitespace dropped except between two ASCII letters or digits."""
    parts: list[str] = []
    last = ""
    for text in texts:
        text = text.strip()
        if not text:
            continue
        if last in _ASCII_ALNUM_PERCENT and text[0] in _ASCII_ALNUM:
            parts.append(" ")
        parts.append(text)
        last = text[-1]
    return _LOOSE_SPACE.sub("", "".join(parts))


def _decimal(text: str) -> Decimal | None:
    match = _NUMBER.search(to_halfwidth(text))
    if not match:
        return None
    try:
        return parse_amount(match.group())
    except AmountError:
        return None


def build_indicator(level1: str, level2: str, cells: dict[str, tuple[str, Source | None]],
                    row_source: Source | None) -> Indicator:
    """An Indicator from cell texts keyed by field name; numbers parsed, the target's operator split."""
    texts = {name: text for name, (text, _) in cells.items()}
    target = parse_target(texts.get("target", ""))
    return Indicator(
        level1=level1, level2=level2, name=texts.get("name", ""),
        target=texts.get("target", ""), target_op=target.op, target_value=target.value,
        target_unit=target.unit,
        actual=texts.get("actual", ""),
        weight=_decimal(texts.get("weight", "")), score=_decimal(texts.get("score", "")),
        completion_rate=texts.get("completion_rate", ""), basis=texts.get("basis", ""),
        last_year=texts.get("last_year", ""), scoring_rule=texts.get("scoring_rule", ""),
        evidence=texts.get("evidence", ""), deviation_reason=texts.get("deviation_reason", ""),
        source=row_source,
        sources=tuple((name, src) for name, (text, src) in cells.items() if src is not None and text),
    )


# --- PDF-flattened layout -------------------------------------------------------------------------------


def _mark_pieces(pieces: list[Piece]) -> list[Piece]:
    """Dates split over lines (``2024`` / ``年 5月`` / ``30日``) become one ``D`` piece; a short text directly
    before a value on the same line is a qualitative target or actual (``Q``: 提高, 长期, 达标)."""
    texts = [p.text for p in pieces]
    # A date starts with a number and has a 月 within its six pieces: most tables print none.
    maybe_dates = {i for i, text in enumerate(texts)
                   if _DATE_START.match(text) and "月" in "".join(texts[i : i + 6])}
    out = _join_dates(pieces, texts, maybe_dates) if maybe_dates else list(pieces)
    for k in range(len(out) - 1, -1, -1):
        piece = out[k]
        if piece.kind != "T":
            continue
        if piece.text.strip() in BASIS_WORDS:
            out[k] = Piece(piece.text, piece.start, piece.end, piece.line, "B")
            continue
        # Walking backwards, ``nxt`` already carries its own Q mark.
        nxt = out[k + 1] if k + 1 < len(out) else None
        after = out[k + 2] if k + 2 < len(out) else None
        follows = nxt is not None and nxt.line == piece.line and (
            nxt.kind in "ONM" or nxt.kind == "Q" and after is not None and after.kind in "NM")
        if follows and len(piece.text) <= 8 and not piece.text.endswith("。"):
            out[k] = Piece(piece.text, piece.start, piece.end, piece.line, "Q")
    return _join_wrapped_targets(out)


def _join_dates(pieces: list[Piece], texts: list[str], maybe_dates: set[int]) -> list[Piece]:
    """``pieces`` with each date printed over several of them joined into one ``D`` piece; a date is only
    looked for at the indices of ``maybe_dates``."""
    out: list[Piece] = []
    i = 0
    while i < len(pieces):
        joined = None
        if i in maybe_dates:
            for j in range(min(len(pieces), i + 6), i, -1):
                text = "".join(texts[i:j])
                if "月" in text and _DATE.fullmatch(text := to_halfwidth(text)):
                    joined = Piece(text, pieces[i].start, pieces[j - 1].end, pieces[i].line, "D")
                    i = j
                    break
        if joined is not None:
            out.append(joined)
            continue
        out.append(pieces[i])
        i += 1
    return out


def _join_wrapped_targets(pieces: list[Piece]) -> list[Piece]:
    """``＞=1566`` / ``7`` / ``其他标准``: a target number wrapped onto the next line, before its 设定依据."""
    out: list[Piece] = []
    for k, piece in enumerate(pieces):
        prev = out[-1] if out else None
        nxt = pieces[k + 1] if k + 1 < len(pieces) else None
        if (prev is not None and prev.kind == "O" and prev.text[-1:].isdigit() and piece.kind == "N"
                and piece.text.isdigit() and piece.line != prev.line and nxt is not None and nxt.kind == "B"
                and _alone(pieces, piece) and (len(out) < 2 or out[-2].line != prev.line)):
            out[-1] = Piece(prev.text + piece.text, prev.start, piece.end, prev.line, "O")
            continue
        out.append(piece)
    return out


def _alone(pieces: list[Piece], piece: Piece) -> bool:
    return sum(1 for p in pieces if p.line == piece.line) == 1


_TERMS = LEVEL1 | LEVEL2
_TERM_HEADS: dict[str, frozenset[str]] = {
    head: frozenset(t for t in _TERMS if t.startswith(head) and t != head)
    for head in {t[:n] for t in _TERMS for n in range(len(t))}
}
"""Each proper prefix of a term → the terms it starts (looked up once per piece instead of scanning)."""


def _merge_split_terms(pieces: list[Piece]) -> list[Piece]:
    """A merged 一级/二级 cell centred on a row prints around it (``满意`` / ``度指`` … row … ``标``; ``社会`` …
    row … ``效益`` / ``指标``): glue the pieces after the row back to the start of the term and drop them there.

    Only a term that straddles a row's values is glued, and never a tail that completes the piece printed
    just before it (``质量`` / ``指标``).
    """
    pieces = list(pieces)
    i = 0
    while i < len(pieces):
        # A head starts with this piece, so the piece alone must begin a term: most pieces stop here.
        if pieces[i].kind != "T" or pieces[i].text.strip() not in _TERM_HEADS:
            i += 1
            continue
        for h in (3, 2, 1):
            head_pieces = pieces[i : i + h]
            if len(head_pieces) < h or any(p.kind != "T" for p in head_pieces):
                continue
            head = "".join(p.text.strip() for p in head_pieces)
            terms = _TERM_HEADS.get(head)
            if not terms:
                continue
            contiguous = any(head + "".join(p.text.strip() for p in pieces[i + h : i + h + m]) in _TERMS
                             for m in (1, 2, 3))
            if not contiguous and _glue_tail(pieces, i, h, head, terms):
                break
        i += 1
    return pieces


def _glue_tail(pieces: list[Piece], i: int, h: int, head: str, terms: frozenset[str]) -> bool:
    for j in range(i + h + 1, min(len(pieces), i + h + 12)):
        if not any(p.kind in "ONMQD" for p in pieces[i + h : j]):
            continue
        for m in (3, 2, 1):
            tail_pieces = pieces[j : j + m]
            tail = "".join(p.text.strip() for p in tail_pieces)
            before = pieces[j - 1].text.strip()
            if (head + tail in terms and all(p.kind == "T" for p in tail_pieces)
                    and before + tail not in _TERMS):
                pieces[i] = replace(pieces[i], text=head, end=pieces[i + h - 1].end)
                del pieces[j : j + m]
                del pieces[i + 1 : i + h]
                pieces[i] = replace(pieces[i], text=head + tail)
                return True
    return False


def _vocab_cells(pieces: list[Piece]) -> dict[int, tuple[int, str]]:
    """Start index → (end index, term) of merged 一级/二级 cells printed as one or more pieces."""
    cells: dict[int, tuple[int, str]] = {}
    texts = [p.text.strip() for p in pieces]
    i = 0
    while i < len(pieces):
        if texts[i] not in _TERM_HEADS and texts[i] not in _TERMS:  # no term starts with this piece
            i += 1
            continue
        for j in range(min(len(pieces), i + 5), i, -1):
            text = "".join(texts[i:j])
            if text in _TERMS:
                cells[i] = (j, text)
                i = j - 1
                break
        i += 1
    return cells


def _lines(pieces: list[Piece]) -> list[list[Piece]]:
    groups: list[list[Piece]] = []
    for piece in pieces:
        if groups and groups[-1][-1].line == piece.line:
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return groups


def _carve_name(segment: list[Piece], previous_line: int) -> tuple[list[Piece], list[Piece]]:
    """Split a run of text before a row into (text of earlier cells, the row's wrapped name).

    Text printed on ``previous_line``, the line where the previous row's values end, belongs to that row.
    """
    lines = _lines(segment)
    if not lines or lines[-1][0].line == previous_line:
        return segment, []
    taken = [lines[-1]]
    last_width = display_width(" ".join(p.text for p in lines[-1]))
    full = None
    for line in reversed(lines[:-1]):
        text = "".join(p.text for p in line)
        width = display_width(text)
        if text.endswith("。") or line[0].line == previous_line or _RULE_OR_EVIDENCE.match(text):
            break
        if full is None:
            if width < last_width - 3:
                break
            full = width
        elif abs(width - full) > 2:
            break
        taken.insert(0, line)
    name = [p for line in taken for p in line]
    return segment[: len(segment) - len(name)], name


def _split_cells(pieces: list[Piece], count: int) -> list[list[Piece]]:
    """Split the text of ``count`` wrapped cells printed one after another at their short last lines."""
    if count <= 1 or not pieces:
        return [pieces] + [[] for _ in range(count - 1)]
    if len({p.line for p in pieces}) == 1 and len(pieces) >= count:
        # One printed line (直接赋分 工作资料): the cells are its space-separated pieces.
        return [[p] for p in pieces[: count - 1]] + [pieces[count - 1 :]]
    cells: list[list[Piece]] = [[]]
    widths: list[int] = []
    for line in _lines(pieces):
        width = display_width("".join(p.text for p in line))
        cells[-1].extend(line)
        widths.append(width)
        ends_cell = len(widths) == 1 and len(line) > 1 or len(widths) > 1 and width < widths[-2]
        if len(cells) < count and ends_cell:
            cells.append([])
            widths = []
    cells = [c for c in cells if c]
    while len(cells) < count:
        cells.append([])
    return cells[: count - 1] + [[p for c in cells[count - 1:] for p in c]]


def pdf_indicators(locator: Locator, pieces: list[Piece], columns: list[str], title: str,
                   ) -> tuple[list[Indicator], list[str]]:
    """Indicator rows of a PDF-flattened table from the pieces after its header.

    Returns:
        The indicators and the warnings about text that could not be assigned to a row.
    """
    warnings: list[str] = []
    value_cols = [c for c in columns if c in VALUE]
    if not value_cols or "name" not in columns:
        return [], [f"{title}：指标表头无法识别（{'、'.join(columns) or '无'}）"]
    first = columns.index(value_cols[0])
    last = max(columns.index(c) for c in value_cols)
    matched_cols = columns[first : last + 1]
    trailing_cols = [c for c in columns[last + 1 :] if c not in ("level1", "level2", "name")]
    pieces = _mark_pieces(_merge_split_terms(pieces))
    vocab = _vocab_cells(pieces)
    symbols = "".join(p.kind for p in pieces)
    # Vocabulary cells must not be read as values: mask them.
    masked = list(symbols)
    for start, (end, _) in vocab.items():
        for k in range(start, end):
            masked[k] = "V"
    matches = _find_rows("".join(masked), matched_cols, pieces)
    if not matches:
        return [], [f"{title}：未找到任何指标行"]
    rows: list[_Row] = []
    level1 = level2 = ""
    pending_l1: list[_Row] = []
    cursor = 0
    for match in matches:
        previous = rows[-1] if rows else None
        segment: list[Piece] = []
        leftovers: list[Piece] = []
        k = cursor
        while k < match.start:
            if k in vocab:
                end, term = vocab[k]
                leftovers.extend(segment)
                segment = []
                is_l1 = term in LEVEL1 and (term not in LEVEL2 or (end in vocab))
                if is_l1:
                    level1, level2 = term, ""
                    for row in pending_l1:
                        row.level1 = term
                    if pending_l1:
                        warnings.append(f"{title}：一级指标“{term}”印在其首行之后，已用于前 {len(pending_l1)} 行")
                    pending_l1 = []
                else:
                    level2 = term
                k = end
                continue
            segment.append(pieces[k])
            k += 1
        earlier, name = _carve_name(segment, pieces[cursor - 1].line if cursor else -1)
        leftovers.extend(earlier)
        if leftovers:
            if previous is not None:
                _attach_trailing(previous, leftovers, trailing_cols)
            else:
                warnings.append(f"{title}：第 1 行之前的文字无法归属：{join_text([p.text for p in leftovers])}")
        row = _Row(level1=level1, level2=level2)
        row.cells["name"] = name
        for col, (group_start, group_end) in zip(matched_cols, match.groups, strict=True):
            row.cells[col] = pieces[group_start:group_end]
        if not level1:
            pending_l1.append(row)
        rows.append(row)
        cursor = match.end
    covered = {k for start, (end, _) in vocab.items() for k in range(start, end)}
    tail = [p for i, p in enumerate(pieces[cursor:], start=cursor) if i not in covered]
    if tail and rows:
        _attach_trailing(rows[-1], tail, trailing_cols)
    indicators = []
    for index, row in enumerate(rows, start=1):
        if not row.cells.get("name"):
            warnings.append(f"{title}：第 {index} 行指标名称缺失")
        cells: dict[str, tuple[str, Source | None]] = {}
        for col, found in row.cells.items():
            if found:
                cells[col] = (join_text([p.text for p in found]), _span(locator, found))
        everything = [p for found in row.cells.values() for p in found]
        row_source = _span(locator, everything) if everything else None
        indicators.append(build_indicator(row.level1, row.level2, cells, row_source))
    return indicators, warnings


def _find_rows(symbols: str, columns: list[str], pieces: list[Piece]) -> list[_Match]:
    """Rows whose target is a value (``>=5 套``, 提高, a date); then, in the text left between them, 目标表
    rows whose target is free text (``明显`` / ``提升``), recognised by the 指标值设定依据 printed after it."""
    groups = "".join(
        f"({_SYMBOL[c]})" if c in _SYMBOL else f"({_LAST_YEAR_SYMBOL if c == 'last_year' else _TEXT_SYMBOL})"
        for c in columns)
    found = [_Match(m.start(), m.end(), tuple(m.span(g) for g in range(1, len(columns) + 1)))
             for m in _row_matches(re.compile(groups), symbols, 0, len(symbols), pieces)]
    if columns[:2] != ["target", "basis"]:
        return found
    free = re.compile(groups.replace(f"({_SYMBOL['target']})", "([TMN]+?)", 1).replace(
        f"({_TEXT_SYMBOL})", "(B)", 1))
    bounds = [0] + [e for m in found for e in (m.start, m.end)] + [len(symbols)]
    extra: list[_Match] = []
    for gap_start, gap_end in zip(bounds[::2], bounds[1::2], strict=True):
        for m in _row_matches(free, symbols, gap_start, gap_end, pieces):
            target_start = m.start(1) + _free_target_offset(pieces[m.start(1) : m.end(1)])
            spans = ((target_start, m.end(1)),) + tuple(m.span(g) for g in range(2, len(columns) + 1))
            extra.append(_Match(target_start, m.end(), spans))
    return sorted(found + extra, key=lambda m: m.start)


def _row_matches(pattern: re.Pattern[str], symbols: str, start: int, end: int, pieces: list[Piece],
                 ) -> Iterator[re.Match[str]]:
    """Non-overlapping matches that end a printed row: a number right after the match on the same line
    means the match began one cell too early (a short name read as a qualitative target)."""
    pos = start
    while (match := pattern.search(symbols, pos, end)) is not None:
        after = match.end()
        if (after < len(pieces) and pieces[after].kind in "NM" and match.end() > match.start()
                and pieces[after].line == pieces[after - 1].line):
            pos = match.start() + 1
            continue
        yield match
        pos = max(match.end(), match.start() + 1)


def _free_target_offset(found: list[Piece]) -> int:
    """How many pieces of a free-text run are earlier text and name, before the narrow target column."""
    lines = _lines(found)
    run = 0
    for line in reversed(lines):
        if display_width("".join(p.text for p in line)) > 10:
            break
        run += 1
    run = max(run, 1)
    first_target = len(lines) - run
    # The name's own short last line sits right after a full-width name line: it is not the target's.
    before = lines[first_target - 1] if first_target > 0 else []
    if 0 < first_target < len(lines) - 1 and display_width("".join(p.text for p in before)) >= 16:
        first_target += 1
    return sum(len(line) for line in lines[:first_target])


def _attach_trailing(row: _Row, found: list[Piece], trailing_cols: list[str]) -> None:
    """Text after a row's values: its trailing text cells, or the rest of its wrapped name if it has none."""
    if not trailing_cols:
        row.cells["name"] = row.cells.get("name", []) + found
        return
    filled = [c for c in trailing_cols if row.cells.get(c)]
    remaining = [c for c in trailing_cols if c not in filled]
    if not remaining:
        row.cells[trailing_cols[-1]] = row.cells[trailing_cols[-1]] + found
        return
    for col, cell in zip(remaining, _split_cells(found, len(remaining)), strict=True):
        if cell:
            row.cells[col] = cell


def _span(locator: Locator, found: list[Piece]) -> Source:
    start = min([p.start for p in found])
    end = max([p.end for p in found])
    return locator.source(start, end)


# --- cell-per-line layout -------------------------------------------------------------------------------


def word_indicators(locator: Locator, header: list[WordCell], rows: list[list[WordCell]], title: str,
                    ) -> tuple[list[Indicator], list[str]]:
    """Indicator rows of a cell-per-line table: each row's cells aligned to the header from the right."""
    warnings: list[str] = []
    columns: list[str] = []
    for cell in header:
        found = header_columns(cell.text)
        columns.append(found[0] if found else "")
    indicators: list[Indicator] = []
    level1 = level2 = ""
    for index, row in enumerate(rows, start=1):
        if len(row) < len(columns):
            warnings.append(f"{title}：指标第 {index} 行只有 {len(row)} 个单元格（表头 {len(columns)} 列），未读取")
            continue
        # A merged cell spanning all indicator rows (年度绩效指标完成情况) prints left of 一级指标.
        cells_in_order = row[len(row) - len(columns):]
        cells: dict[str, tuple[str, Source | None]] = {}
        for col, cell in zip(columns, cells_in_order, strict=True):
            if col and cell.text:
                cells[col] = (cell.text, locator.source(cell.start, cell.end))
        level1 = cells.pop("level1", (level1, None))[0]
        level2_cell = cells.pop("level2", None)
        if level2_cell:
            level2 = level2_cell[0]
        elif "level1" in columns and row[len(row) - len(columns) + columns.index("level1")].text:
            level2 = ""
        span = [c for c in cells_in_order if c.text]
        row_source = locator.source(span[0].start, span[-1].end) if span else None
        indicators.append(build_indicator(level1, level2, cells, row_source))
    return indicators, warnings
