"""What every reader yields: the document's text with the coordinates that locate each line in the file."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from budgetdoc.model import FROZEN, Source, Table

BBox = tuple[float, float, float, float]
CellRef = tuple[int, int, int]


@dataclass(**FROZEN)
class RawDocument:
    """A file as text, before any interpretation.

    ``text`` is what the reader produced: the file itself for ``.txt``, one line per text line (PDF) or
    paragraph / table cell (DOCX, XLSX, HTML) otherwise. The ``line_*`` tuples, when given, hold one entry
    per line of ``text`` and say where that line sits in the original file.
    """

    path: str
    text: str
    format: str
    """``txt``, ``pdf``, ``docx``, ``xlsx`` or ``html``."""
    encoding: str = ""
    pages: int | None = None
    line_pages: tuple[int | None, ...] | None = None
    line_boxes: tuple[BBox | None, ...] | None = None
    line_cells: tuple[CellRef | None, ...] | None = None
    """(table, row, col) of the cell a line came from, for DOCX/XLSX/HTML tables."""
    tables: tuple[Table, ...] = ()
    """Tables the reader could rebuild from the file's own structure (ruling lines, DOCX tables)."""
    warnings: tuple[str, ...] = ()
    sha256: str = ""


class Locator:
    """Turns character offsets of a raw text into ``Source`` records (1-based lines and columns)."""

    __slots__ = ("_line_starts", "raw")

    def __init__(self, raw: RawDocument) -> None:
        self.raw = raw
        starts = [0]
        text = raw.text
        pos = text.find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self._line_starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of the character at ``offset``."""
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def line_text(self, line: int) -> str:
        """The raw text of a 1-based line, without its newline."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.raw.text)
        return self.raw.text[start:end]

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def line_span(self, line: int) -> tuple[int, int]:
        """Raw offsets [start, end) of a 1-based line, without its newline."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.raw.text)
        return start, end

    def source(self, offset: int, end_offset: int) -> Source:
        """The source of the raw span [offset, end_offset)."""
        end_offset = max(end_offset, offset + 1)
        line, column = self.line_col(offset)
        end_line, end_column = self.line_col(end_offset - 1)
        raw = self.raw
        page = bbox = cell = None
        if raw.line_pages is not None:
            page = raw.line_pages[line - 1]
        if raw.line_boxes is not None:
            boxes = [b for b in raw.line_boxes[line - 1 : end_line] if b is not None]
            if boxes:
                bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                        max(b[2] for b in boxes), max(b[3] for b in boxes))
        if raw.line_cells is not None:
            cell = raw.line_cells[line - 1]
        return Source(
            path=raw.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            text=raw.text[offset:end_offset],
            offset=offset,
            end_offset=end_offset,
            page=page,
            bbox=bbox,
            table=cell[0] if cell else None,
            row=cell[1] if cell else None,
            col=cell[2] if cell else None,
        )

    def line_source(self, line: int) -> Source:
        """The source of a whole 1-based line (stripped of surrounding blanks)."""
        start, end = self.line_span(line)
        text = self.raw.text[start:end]
        stripped = text.strip()
        if not stripped:
            return self.source(start, end)
        lead = len(text) - len(text.lstrip())
        return self.source(start + lead, start + lead + len(stripped))
