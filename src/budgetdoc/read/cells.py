"""Shared by the DOCX, XLSX and HTML readers: text lines that remember the table cell they came from."""

from __future__ import annotations

import hashlib
import re
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from budgetdoc.model import Cell, Row, Table
from budgetdoc.read.base import CellRef, Locator, RawDocument
from budgetdoc.tables.catalog import identify_table, split_number
from budgetdoc.tables.codes import split_code_label

# What python-docx and openpyxl raise on a damaged package: a broken zip or deflate stream, a member
# missing, XML that does not parse (lxml's and ElementTree's errors are SyntaxError/ValueError subclasses),
# or well-formed XML whose values do not fit (an attribute the schema types as int holding text).
DAMAGED_PACKAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError, SyntaxError,
                   TypeError, IndexError, AttributeError, NotImplementedError, RecursionError)


@dataclass(slots=True)
class LineBuilder:
    """Collects paragraphs and table cells, one text line each, and rebuilds the tables as ``Table``s."""

    path: Path
    fmt: str
    lines: list[str] = field(default_factory=list)
    cells: list[CellRef | None] = field(default_factory=list)
    grids: list[tuple[str, list[list[tuple[str, int]]]]] = field(default_factory=list)
    """Per table: its caption and rows of (cell text, line number of the cell or 0)."""
    warnings: list[str] = field(default_factory=list)

    def paragraph(self, text: str) -> None:
        text = " ".join(text.split())
        if text:
            self.lines.append(text)
            self.cells.append(None)

    def table(self, rows: list[list[str]], caption: str = "") -> None:
        """Add one table: every cell a line (empty cells too, so row and column stay countable).

        Without an explicit ``caption`` the paragraphs just above the table (title, 单位 line) are used.
        """
        if not caption:
            above: list[str] = []
            for text, cell in zip(reversed(self.lines), reversed(self.cells), strict=True):
                if cell is not None or len(above) == 3:
                    break
                above.insert(0, text)
            caption = "\n".join(above)
        index = len(self.grids)
        grid: list[list[tuple[str, int]]] = []
        for r, row in enumerate(rows):
            out = []
            for c, text in enumerate(row):
                text = " ".join(str(text).split())
                self.lines.append(text)
                self.cells.append((index, r, c))
                out.append((text, len(self.lines)))
            grid.append(out)
        self.grids.append((caption, grid))

    def build(self, data: bytes) -> RawDocument:
        raw = RawDocument(path=str(self.path), text="\n".join(self.lines), format=self.fmt,
                          line_cells=tuple(self.cells), warnings=tuple(self.warnings),
                          sha256=hashlib.sha256(data).hexdigest())
        locator = Locator(raw)
        tables = [_table(caption, grid, locator) for caption, grid in self.grids if grid]
        return replace(raw, tables=tuple(tables))


def _table(caption: str, grid: list[list[tuple[str, int]]], locator: Locator) -> Table:
    header_count = next((i for i, row in enumerate(grid) if any(_is_amount(t) for t, _ in row)), 1)
    header, body = grid[:header_count], grid[header_count:]
    width = max(len(r) for r in grid)
    columns = []
    for c in range(width):
        path: list[str] = []
        for row in header:
            text = row[c][0] if c < len(row) else ""
            if text and (not path or path[-1] != text):
                path.append(text)
        columns.append(tuple(path))
    rows = []
    for row in body:
        cells = tuple(Cell(text=t, source=locator.line_source(line) if t else None) for t, line in row)
        if not any(c.text for c in cells):
            continue
        first = next((c.text for c in cells if c.text), "")
        code, label = split_code_label(first)
        if code is None and len(cells) > 1:
            label = first
        rows.append(Row(cells=cells, code=code.code if code else "", level=code.level if code else "",
                        parent=code.parent if code else "", label=label,
                        source=locator.line_source(row[0][1])))
    compact = caption.replace("：", ":").replace(" ", "")
    unit = "元" if re.search(r"单位:元", compact) else "万元"
    parts = caption.split("\n")
    title = next((p for p in reversed(parts) if re.search(r"表(?:\(.{1,12}\)|（.{1,12}）)?$", p)), "")
    number, name = split_number(title) if title else ("", "")
    spec = identify_table(title) if title else None
    return Table(name=name, number=number, kind=spec.kind if spec else "", columns=tuple(columns),
                 rows=tuple(rows), unit=unit)


def _is_amount(text: str) -> bool:
    compact = text.replace(",", "").replace(" ", "")
    return bool(compact) and compact.lstrip("-").replace(".", "", 1).isdigit() and "." in compact
