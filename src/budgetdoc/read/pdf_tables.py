"""Tables of a PDF rebuilt from its ruling lines and the positions of its characters.

Pure geometry: the PDF library stays in ``read/pdf.py``, which hands over glyphs and ruling edges per page.
Budget tables are drawn as full grids (thin filled rectangles, one rectangle per cell, or line paths), so
the grid's distinct x and y positions give the columns and rows; a vertical edge that does not cross a band
is a merged (column-spanning) cell, and a horizontal edge missing under a cell is a row-spanning one.
Continuations on the next page (续表, repeated headers) are merged into the table they continue.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from budgetdoc.amounts import parse_amount, to_halfwidth
from budgetdoc.model import Cell, Row, Source, Table
from budgetdoc.tables.catalog import identify_table, split_number
from budgetdoc.tables.codes import parse_code, split_code_label

_TOL = 2.0
_MIN_CELL = 3.0
# Body rows start at the first printed amount: decimals, or integers with thousands separators (元 tables).
_AMOUNT = re.compile(r"^-?(?:\d[\d,]*\.\d+|\d{1,3}(?:,\d{3})+)$")
# 栏次 rows (1 2 3 …, or ** under the name column) number the columns; they are not part of a column's name.
_COLUMN_NUMBER = re.compile(r"^(?:\d{1,2}|\*+|栏次)$")
_UNIT_RE = re.compile(r"单位[:：]?\s*(万元|千元|元)")
_CONTINUED = re.compile(r"续表|\(续\)|（续）")
# A title line that the catalogue does not know still reads as one: short, no figures, ends in 表 (and maybe
# a bracketed qualifier such as （按功能分类）).
_TITLE_LIKE = re.compile(r"^[^\d,.:]*?(?:\d{4}年)?[^,.:]{2,40}?表(?:\([^)]{1,12}\))?$")
# An outline heading ((十一)国有资本经营预算支出表 in an explanation) is text about a table, not its title.
_HEADING = re.compile(r"^(?:\(?[一二三四五六七八九十]+[)、]|第[一二三四五六七八九十]+部分)")
_NUMBER_ONLY = re.compile(r"^(?:公开|预算|决算)?(?:表\d{1,2}|\d{1,2}(?:-\d{1,2})?表)$")
_HEADER_MAX = 6
# 本表无数据 / 本表为空表 / 此表为空 under an empty table (the explanations' wording is read by extract/)
_EMPTY_NOTE = re.compile(r"(?:本|此)表(?:无数据|为空)|为空表")
_NOTE_LINES = 3
# A 万元 figure is exact in Decimal: dividing by 10⁴ only moves the decimal point.
# Titles are looked up for many candidate lines and cells; the catalogue match is pure, so cache it.
_identify = functools.lru_cache(maxsize=8192)(identify_table)
_FIRST = operator.itemgetter(0)
_X0 = operator.attrgetter("x0")
_TO_WAN = {"万元": Decimal(1), "千元": Decimal("0.1"), "元": Decimal("0.0001")}


@dataclass(slots=True)
class Glyph:
    """One printed piece of text (a character, or an OCR word) with its box in top-down PDF points."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    offset: int = -1
    """Offset of the first character in the reader's text, once the line is laid out."""

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Edge:
    """A ruling line: horizontal at y=``pos`` from ``lo`` to ``hi`` in x, or vertical at x=``pos``."""

    horizontal: bool
    pos: float
    lo: float
    hi: float


@dataclass(slots=True)
class GridCell:
    r0: int
    r1: int
    c0: int
    c1: int
    box: tuple[float, float, float, float]
    glyphs: list[Glyph] = field(default_factory=list)
    _text: str | None = None

    @property
    def text(self) -> str:
        """The cell's text; computed once, after every glyph has been placed."""
        if self._text is None:
            self._text = _join(self.glyphs)
        return self._text


@dataclass(slots=True)
class Grid:
    """One ruled table on one page: its x and y rulings and its cells (row-major)."""

    page: int
    xs: list[float]
    ys: list[float]
    cells: list[GridCell]
    slots: dict[tuple[int, int], GridCell] | None = None
    """(row band, column band) → the cell covering it, built on first use."""

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def rows(self) -> list[list[GridCell]]:
        out: list[list[GridCell]] = [[] for _ in range(len(self.ys) - 1)]
        for cell in self.cells:
            out[cell.r0].append(cell)
        return [sorted(r, key=lambda c: c.c0) for r in out if r]


def amount_in_wan(text: str, unit: str) -> Decimal | None:
    """A printed cell amount converted exactly to 万元 (``12,345.678901`` 元 → ``1.2345678901``)."""
    value = parse_amount(text)
    if value is None:
        return None
    return value * _TO_WAN.get(unit, Decimal(1))


def _join(glyphs: Sequence[Glyph]) -> str:
    """Cell text: lines top to bottom joined without a break (a wrapped cell is one phrase)."""
    lines = group_lines(glyphs)
    return "".join(line_text(line) for line in lines)


def group_lines(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into visual lines (by vertical centre), each sorted left to right."""
    if len(glyphs) <= 1:
        return [list(glyphs)] if glyphs else []
    if _one_line(glyphs):
        return [list(glyphs)]
    # runs for every page and every table cell: plain loops and C-level sort keys, no per-glyph lambdas
    keyed = [((g.top + g.bottom) / 2, g) for g in glyphs]
    keyed.sort(key=_FIRST)
    lines: list[list[Glyph]] = []
    line: list[Glyph] = []
    centre = height = 0.0
    for cy, glyph in keyed:
        if line and abs(cy - centre) <= height * 0.45:
            line.append(glyph)
            centre += (cy - centre) / len(line)
        else:
            line = [glyph]
            lines.append(line)
            centre = cy
            height = glyph.bottom - glyph.top
            if height < 1.0:
                height = 1.0
    for line in lines:
        if len(line) > 1:
            line.sort(key=_X0)
    return lines


def _one_line(glyphs: Sequence[Glyph]) -> bool:
    """Whether the grouping below would return ``glyphs`` as they are: one line already left to right.

    Most table cells hold a single printed line in reading order; this answers for them without sorting.
    """
    cys = [(g.top + g.bottom) / 2 for g in glyphs]
    low = min(cys)
    first = glyphs[cys.index(low)]
    height = first.bottom - first.top
    if height < 1.0:
        height = 1.0
    # a hair inside the tolerance: the running centre below may differ from the true mean by a rounding
    if max(cys) - low >= height * 0.45 - 1e-6:
        return False
    previous = glyphs[0].x0
    for glyph in glyphs[1:]:
        if glyph.x0 <= previous:
            return False
        previous = glyph.x0
    return True


def line_text(line: Sequence[Glyph], start: int | None = None) -> str:
    """The text of one line: glyph texts with a single space wherever the printed gap is wide.

    Args:
        line: The glyphs of one line, left to right.
        start: When given, each glyph also records its ``offset`` in a text where this line begins at
            ``start`` (the reader lays out pages and places glyphs in one pass).
    """
    out: list[str] = []
    position = start or 0
    prev_x1: float | None = None
    prev_height = 0.0
    for glyph in line:
        height = own_height = glyph.bottom - glyph.top
        if prev_x1 is not None:
            if prev_height > height:
                height = prev_height
            if height < 1.0:
                height = 1.0
            if glyph.x0 - prev_x1 > height * 0.3:
                out.append(" ")
                position += 1
        text = glyph.text
        if start is not None:
            glyph.offset = position
            position += len(text)
        out.append(text)
        prev_x1, prev_height = glyph.x1, own_height
    return "".join(out)


def _cluster(values: Sequence[float], tol: float = _TOL) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= tol:
            continue
        out.append(value)
    return out


def _merge(edges: Sequence[Edge]) -> list[Edge]:
    """Collinear pieces joined: PDFs often draw one ruling as many short segments."""
    out: list[Edge] = []
    run: Edge | None = None
    hi = 0.0
    # a run of joined pieces becomes one Edge when it ends (frozen records are costly to rebuild per piece)
    for edge in sorted(edges, key=lambda e: (round(e.pos / _TOL), e.lo)):
        if run is not None and abs(run.pos - edge.pos) <= _TOL and edge.lo <= hi + _TOL:
            if edge.hi > hi:
                hi = edge.hi
            continue
        if run is not None:
            out.append(run if hi == run.hi else Edge(run.horizontal, run.pos, run.lo, hi))
        run, hi = edge, edge.hi
    if run is not None:
        out.append(run if hi == run.hi else Edge(run.horizontal, run.pos, run.lo, hi))
    return out


def _regions(hs: list[Edge], vs: list[Edge]) -> list[tuple[list[Edge], list[Edge]]]:
    """Connected groups of crossing edges: each is one table."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.lo - _TOL <= v.pos <= h.hi + _TOL and v.lo - _TOL <= h.pos <= v.hi + _TOL:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Edge], list[Edge]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def page_grids(page: int, glyphs: Sequence[Glyph], edges: Sequence[Edge]) -> list[Grid]:
    """The ruled tables of one page, with each glyph placed in the cell that holds its centre."""
    hs = _merge([e for e in edges if e.horizontal])
    vs = _merge([e for e in edges if not e.horizontal])
    grids = []
    for region_h, region_v in _regions(hs, vs):
        grid = _grid(page, region_h, region_v)
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda g: g.ys[0])
    # each glyph goes to the cell covering its centre: (row band, column band) → cell, found by bisect
    boxes = [(grid.xs, grid.ys, _slots(grid), *grid.box) for grid in grids]
    bisect_right = bisect.bisect_right
    for glyph in glyphs:
        cx, cy = (glyph.x0 + glyph.x1) / 2, (glyph.top + glyph.bottom) / 2
        for xs, ys, slots, x0, top, x1, bottom in boxes:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                cell = slots.get((bisect_right(ys, cy) - 1, bisect_right(xs, cx) - 1))
                if cell is not None:
                    cell.glyphs.append(glyph)
                break
    return [g for g in grids if any(c.glyphs for c in g.cells)]


def _by_position(edges: Sequence[Edge], positions: list[float]) -> list[list[tuple[float, float]]]:
    """The (lo, hi) extents of the edges at each clustered position."""
    out: list[list[tuple[float, float]]] = [[] for _ in positions]
    for edge in edges:
        index = bisect.bisect_right(positions, edge.pos + _TOL) - 1
        if index >= 0 and abs(positions[index] - edge.pos) <= _TOL:
            out[index].append((edge.lo, edge.hi))
    return out


def _covered(extents: list[tuple[float, float]], at: float) -> bool:
    for lo, hi in extents:
        if lo - _TOL <= at <= hi + _TOL:
            return True
    return False


def _grid(page: int, hs: list[Edge], vs: list[Edge]) -> Grid | None:
    xs = _cluster([v.pos for v in vs])
    ys = _cluster([h.pos for h in hs])
    if len(xs) < 2 or len(ys) < 2:
        return None
    v_at = _by_position(vs, xs)
    h_at = _by_position(hs, ys)
    cells: list[GridCell] = []
    above: dict[int, GridCell] = {}
    for r in range(len(ys) - 1):
        top, bottom = ys[r], ys[r + 1]
        if bottom - top < _MIN_CELL:
            continue
        mid = (top + bottom) / 2
        splits = [i for i in range(len(xs)) if i in (0, len(xs) - 1) or _covered(v_at[i], mid)]
        current: dict[int, GridCell] = {}
        for c0, c1 in zip(splits, splits[1:], strict=False):
            if xs[c1] - xs[c0] < _MIN_CELL:
                continue
            cx = (xs[c0] + xs[c1]) / 2
            prev = above.get(c0)
            if prev is not None and prev.c1 == c1 and not _covered(h_at[r], cx):
                prev.r1 = r + 1
                prev.box = (prev.box[0], prev.box[1], prev.box[2], bottom)
                current[c0] = prev
                continue
            cell = GridCell(r, r + 1, c0, c1, (xs[c0], top, xs[c1], bottom))
            cells.append(cell)
            current[c0] = cell
        above = current
    return Grid(page, xs, ys, cells) if cells else None


def _slots(grid: Grid) -> dict[tuple[int, int], GridCell]:
    if grid.slots is None:
        grid.slots = {(r, c): cell for cell in grid.cells
                      for r in range(cell.r0, cell.r1) for c in range(cell.c0, cell.c1)}
    return grid.slots


# --- from page grids to document tables -------------------------------------------------------------------

SourceFn = Callable[[Sequence[Glyph], int, tuple[float, float, float, float]], Source | None]
"""Makes the Source of some glyphs on a page (the reader knows the text offsets)."""


@dataclass(slots=True)
class Caption:
    """The text printed above a table: its title line and the 单位 it states."""

    title: str = ""
    unit: str = ""
    continued: bool = False
    glyphs: list[Glyph] = field(default_factory=list)
    number: str = ""
    """A table number printed on the last caption line by itself (公开02表), waiting for its title."""


def caption_above(grid: Grid, lines: Sequence[list[Glyph]], doc_kind: str | None = None) -> Caption:
    """The title and unit printed in the lines just above ``grid`` (up to 5 lines)."""
    top = grid.ys[0]
    above = [line for line in lines if line and max(g.bottom for g in line) <= top + _TOL]
    above.sort(key=lambda line: line[0].top)
    return read_caption(above[-5:], doc_kind)


def read_caption(lines: Sequence[list[Glyph]], doc_kind: str | None = None) -> Caption:
    """Title (with a number printed on the line before it), unit and 续表 mark of caption lines, top down."""
    caption = Caption()
    previous: tuple[str, list[Glyph]] | None = None
    for line in lines:
        compact = re.sub(r"\s+", "", to_halfwidth(line_text(line)))
        if match := _UNIT_RE.search(compact):
            caption.unit = match.group(1)
        if _CONTINUED.search(compact):
            caption.continued = True
        number, rest = split_number(compact)
        rest = rest.lstrip(":")
        # every catalogued name holds 表; checking that first keeps the catalogue off most lines
        if rest and "表" in rest and len(rest) <= 60 and not _NUMBER_ONLY.match(compact) and (
                _TITLE_LIKE.match(rest) or _identify(rest, doc_kind) is not None):
            caption.title, caption.glyphs = f"{number} {rest}" if number else rest, list(line)
            if previous and _NUMBER_ONLY.match(previous[0]):
                caption.title = f"{previous[0]} {caption.title}"
                caption.glyphs = [*previous[1], *line]
        previous = (compact, list(line))
    if previous and _NUMBER_ONLY.match(previous[0]):
        caption.number = previous[0]
    return caption


def _peel_caption(rows: list[list[GridCell]], caption: Caption, doc_kind: str | None) -> list[list[GridCell]]:
    """Leading grid rows that hold the title or the unit line (some templates box them) join the caption."""
    peeled = 0
    lines: list[list[Glyph]] = []
    for row in rows:
        filled = [c for c in row if c.text.strip()]
        if _is_body(row):
            break
        if filled:
            row_lines = group_lines([g for c in filled for g in c.glyphs])
            probe = read_caption(row_lines, doc_kind)
            joined = "".join(c.text for c in filled).replace(" ", "")
            if not (probe.title or probe.unit or probe.continued or _NUMBER_ONLY.match(joined)
                    or joined.startswith(("部门", "编制部门"))):
                break
            lines.extend(row_lines)
        peeled += 1
    if lines:
        inner = read_caption(lines, doc_kind)
        if inner.title and caption.number and not split_number(inner.title)[0]:
            inner.title = f"{caption.number} {inner.title}"
        caption.unit = inner.unit or caption.unit
        caption.continued = caption.continued or inner.continued
        if inner.title:
            caption.title, caption.glyphs = inner.title, inner.glyphs
    return rows[peeled:]


def _is_body(cells: Sequence[GridCell]) -> bool:
    texts = [to_halfwidth(c.text).strip() for c in cells]
    if any(_AMOUNT.match(t) for t in texts):
        return True
    first = next((t for t in texts if t), "")
    return bool(first) and split_code_label(first)[0] is not None


def _header_rows(rows: list[list[GridCell]]) -> int:
    for index, row in enumerate(rows[: _HEADER_MAX + 1]):
        if _is_body(row):
            return index
    # an empty table (no figures at all): everything above its last 合计 row is header (an earlier 合计 names
    # a column)
    totals = [i for i, row in enumerate(rows)
              if next((c.text.replace(" ", "") for c in row if c.text.strip()), "") in ("合计", "总计")]
    return totals[-1] if totals else min(1, len(rows))


def _column_paths(header: list[list[GridCell]], starts: list[int]) -> tuple[tuple[str, ...], ...]:
    paths = []
    for i, c in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else None
        path: list[str] = []
        for row in header:
            for cell in row:
                if cell.c0 <= c < cell.c1 and (end is None or cell.c0 < end):
                    text = cell.text.replace(" ", "")
                    if text and not _COLUMN_NUMBER.match(text) and (not path or path[-1] != text):
                        path.append(text)
        paths.append(tuple(path))
    return tuple(paths)


def _row_code(texts: list[str], scheme: str | None) -> tuple[str, str, str, str]:
    """(code, level, parent, label) of a body row whose code is split over 类/款/项 cells or in one cell."""
    digits: list[str] = []
    label = ""
    for text in texts:
        compact = text.strip()
        if compact.isdigit() and len(compact) in (2, 3, 5, 7) and not label:
            digits.append(compact)
            continue
        if compact:
            label = compact
            break
    code = None
    if digits:
        printed = " ".join(digits)
        for candidate in ((scheme,) if scheme else ("function", "economic")):
            code = parse_code(printed, candidate)
            if code:
                break
    elif label:
        code, rest = split_code_label(label, scheme)
        if code:
            label = rest
    if code is None:
        return "", "", "", label
    return code.code, code.level, code.parent, label


@dataclass(slots=True)
class _Building:
    caption: Caption
    page: int
    xs: list[float]
    header: list[list[GridCell]]
    starts: list[int]
    rows: list[Row] = field(default_factory=list)
    source: Source | None = None
    empty: str = ""


def build_tables(
    pages: Sequence[tuple[int, list[Grid], list[list[Glyph]]]],
    make_source: SourceFn,
    doc_kind: str | None = None,
) -> list[Table]:
    """Document tables from the grids of each page; a grid with no title of its own that follows a table
    on the previous page with the same columns (or under a 续表 caption) continues it."""
    built: list[_Building] = []
    pending: Caption | None = None
    for page, grids, lines in pages:
        owners: dict[int, _Building] = {}
        """id(grid) → the table its last segment went to, for the note printed under the grid."""
        segments = [(g, i, seg) for g in grids for i, seg in enumerate(_segments(g.rows(), doc_kind))]
        for grid, index, rows in segments:
            caption = caption_above(grid, lines, doc_kind) if index == 0 else Caption()
            if pending is not None and not caption.title:
                caption = pending  # the title printed at the foot of the previous page
            pending = None
            rows = _peel_caption(rows, caption, doc_kind)
            if not rows:
                # a boxed title with its table on the next page
                pending = caption if caption.title else None
                continue
            last = built[-1] if built else None
            if last is not None and _continues(last, caption, page):
                # a repeated header is skipped; a continuation without one starts right with its rows
                repeated = [[c.text for c in r] for r in rows[: len(last.header)]]
                if last.header and repeated == [[c.text for c in r] for r in last.header]:
                    rows = rows[len(last.header):]
                last.page = page
                last.rows.extend(_rows(rows, last.starts, last.xs, make_source, page, _scheme(last.caption)))
                owners[id(grid)] = last
                continue
            nhead = _header_rows(rows)
            header, body = rows[:nhead], rows[nhead:]
            if not caption.title and len(rows) < 2:
                continue
            starts = sorted({c.c0 for r in rows for c in r})
            table = _Building(caption, page, grid.xs, header, starts)
            if caption.glyphs:
                x0 = min(g.x0 for g in caption.glyphs)
                box = (x0, min(g.top for g in caption.glyphs), max(g.x1 for g in caption.glyphs),
                       max(g.bottom for g in caption.glyphs))
                table.source = make_source(caption.glyphs, page, box)
            table.rows.extend(_rows(body, starts, grid.xs, make_source, page, _scheme(caption)))
            built.append(table)
            owners[id(grid)] = table
        for grid in grids:
            if id(grid) in owners and (note := _empty_note(grid, grids, lines)):
                owners[id(grid)].empty = note
        pending = _caption_below(grids, lines, doc_kind) or pending
    return [_finish(b, doc_kind) for b in built]


def _empty_note(grid: Grid, grids: list[Grid], lines: Sequence[list[Glyph]]) -> str:
    """The note printed under a grid that says its table has no figures (注:…故本表无数据。), or ""."""
    bottom = grid.ys[-1]
    below_next = min((g.ys[0] for g in grids if g.ys[0] >= bottom - _TOL and g is not grid), default=None)
    under = sorted((line for line in lines if line and min(g.top for g in line) >= bottom - _TOL
                    and (below_next is None or max(g.bottom for g in line) <= below_next + _TOL)),
                   key=lambda line: line[0].top)[:_NOTE_LINES]
    texts = [line_text(line).strip() for line in under]
    for index, text in enumerate(texts):
        if _EMPTY_NOTE.search(to_halfwidth(text)):
            # a wrapped note starts at its 注 line
            first = next((i for i in range(index, -1, -1) if texts[i].startswith("注")), index)
            return "".join(texts[first:index + 1])
    return ""


def _caption_below(grids: list[Grid], lines: Sequence[list[Glyph]], doc_kind: str | None) -> Caption | None:
    """A table title printed under the last table of a page (or on a page without one), whose table
    starts on the next page."""
    bottom = max((g.ys[-1] for g in grids), default=0.0)
    below = [line for line in lines if line and min(g.top for g in line) >= bottom - _TOL]
    below.sort(key=lambda line: line[0].top)
    caption = read_caption(below[-3:], doc_kind)
    return caption if caption.title and not _HEADING.match(caption.title) else None


def _segments(rows: list[list[GridCell]], doc_kind: str | None) -> list[list[list[GridCell]]]:
    """A grid split where a row holds nothing but a table title: two tables boxed in one ruling."""
    out: list[list[list[GridCell]]] = [[]]
    for row in rows:
        filled = [c for c in row if c.text.strip()]
        if any(_is_body(r) for r in out[-1]) and len(filled) == 1 and not _is_body(row):
            probe = read_caption(group_lines(filled[0].glyphs), doc_kind)
            if probe.title:
                out.append([])
        out[-1].append(row)
    return [segment for segment in out if segment]


def _continues(last: _Building, caption: Caption, page: int) -> bool:
    """A grid continues the table before it when it is on the next page and has no title of its own (or
    repeats the same title, or says 续表)."""
    if last.page not in (page - 1, page) or (last.page == page and not caption.continued):
        return False
    return caption.continued or not caption.title or caption.title == last.caption.title


def _scheme(caption: Caption) -> str | None:
    return "economic" if "经济分类" in caption.title or "基本支出" in caption.title else None


def _rows(body: list[list[GridCell]], starts: list[int], xs: list[float], make_source: SourceFn, page: int,
          scheme: str | None) -> list[Row]:
    """Rows placed by x position into the table's columns (a continuation's grid may be offset)."""
    out = []
    start_xs = [xs[s] for s in starts]
    for cells in body:
        by_start: dict[int, Cell] = {}
        texts: list[str] = []
        row_glyphs: list[Glyph] = []
        for cell in cells:
            text = cell.text
            # the last column starting left of the cell (xs ascend, so a bisect over the starts' x finds it)
            index = bisect.bisect_right(start_xs, cell.box[0] + 3) - 1
            column = starts[index] if index >= 0 else (starts[0] if starts else 0)
            source = make_source(cell.glyphs, page, cell.box) if cell.glyphs else None
            by_start[column] = Cell(text=text, source=source)
            row_glyphs.extend(cell.glyphs)
        ordered = [by_start.get(s, Cell(text="")) for s in starts]
        texts = [c.text for c in ordered]
        if not any(t.strip() for t in texts):
            continue
        code, level, parent, label = _row_code(texts, scheme)
        x0 = min(c.box[0] for c in cells)
        box = (x0, min(c.box[1] for c in cells), max(c.box[2] for c in cells), max(c.box[3] for c in cells))
        out.append(Row(cells=tuple(ordered), code=code, level=level, parent=parent, label=label,
                       source=make_source(row_glyphs, page, box) if row_glyphs else None))
    return out


def _drop_empty_columns(b: _Building) -> tuple[tuple[tuple[str, ...], ...], tuple[Row, ...]]:
    """Columns with neither a header nor any text (hairline slivers of the grid) are dropped."""
    columns = _column_paths(b.header, b.starts)
    keep = [i for i, path in enumerate(columns)
            if path or any(i < len(r.cells) and r.cells[i].text.strip() for r in b.rows)]
    rows = tuple(replace(r, cells=tuple(r.cells[i] for i in keep if i < len(r.cells))) for r in b.rows)
    return tuple(columns[i] for i in keep), rows


def _finish(b: _Building, doc_kind: str | None) -> Table:
    spec = _identify(b.caption.title, doc_kind) if b.caption.title else None
    number, name = split_number(b.caption.title) if b.caption.title else ("", "")
    columns, rows = _drop_empty_columns(b)
    return Table(
        name=name,
        number=number,
        kind=spec.kind if spec else "",
        columns=columns,
        rows=rows,
        unit=b.caption.unit or "万元",
        empty_statement=b.empty,
        source=b.source,
    )
