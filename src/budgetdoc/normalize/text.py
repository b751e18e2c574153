"""Join hard-wrapped lines into paragraphs and fold full-width forms, keeping a map back to the raw text.

The PDF-extracted samples (000, 002, 004) break lines inside words and numbers (``1,566.90 万`` / ``元``,
``本年收入合`` / ``计``), put a blank line after every line and print page numbers alone on a line; the
Word-extracted sample (003) has one paragraph per line. Both come out as the same normalized text: one
paragraph per ``\\n``, no whitespace except between two ASCII letters or digits, full-width digits and
punctuation folded to ASCII. Every normalized character keeps the raw offset it came from.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from budgetdoc.amounts import FULL_TO_HALF, to_halfwidth
from budgetdoc.model import FROZEN, Source
from budgetdoc.read.base import Locator, RawDocument

HEADING_PATTERNS = (
    re.compile(r"第[一二三四五六七八九十]+部分"),
    re.compile(r"[一二三四五六七八九十]{1,3}、"),
    re.compile(r"\([一二三四五六七八九十]{1,3}\)"),
    re.compile(r"\d{1,2}[.、](?!\d)"),
)
"""Outline markers at levels 1 (第一部分) to 4 (1.), matched at the start of a normalized line."""

_PAGE_NUMBER = re.compile(r"[-—]?\s*(?:第\s*)?\d{1,3}\s*(?:页)?\s*[-—]?(?:\s*共\s*\d+\s*页)?")
_SPACES = re.compile(r"\s+")
_PIECE = re.compile(r"[^\s]+|(?<=[0-9A-Za-z%.])(\s)+(?=[0-9A-Za-z%.])")
_KEPT_SPACE = re.compile(r"(?<=[0-9A-Za-z%.])\s+(?=[0-9A-Za-z%.])")
"""A run of printed characters, or (group 1) whitespace kept between two ASCII alphanumerics."""
_FULLWIDTH = re.compile("[" + "".join(chr(c) for c in FULL_TO_HALF) + "]")
_NONBLANK_LINE = re.compile(r"(?m)^(?=[^\n]*\S)[^\n]*")


_HEADING = re.compile("|".join(f"({p.pattern})" for p in HEADING_PATTERNS))


_HEADING_START = frozenset("第一二三四五六七八九十(0123456789")


def heading_level(line: str) -> int:
    """The outline level a normalized line starts with, or 0."""
    if line[:1] not in _HEADING_START:  # most lines: skip the regex
        return 0
    match = _HEADING.match(line)
    return match.lastindex or 0 if match else 0


@dataclass(**FROZEN)
class Paragraph:
    """A span of the normalized text that came from raw lines ``first_line``..``last_line``."""

    start: int
    end: int
    first_line: int
    last_line: int


class NormalizedText:
    """The normalized text, its paragraphs, and the offset map back to the raw text."""

    __slots__ = ("_folded", "_line_maps", "_norm_starts", "_para_starts", "_raw_starts", "_spaced",
                 "dropped_lines", "locator", "paragraphs", "raw", "text")

    def __init__(self, raw: RawDocument) -> None:
        self.raw = raw
        self.locator = Locator(raw)
        pieces: list[str] = []
        norm_starts: list[int] = []
        raw_starts: list[int] = []
        paragraphs: list[Paragraph] = []
        dropped: list[int] = []
        spaced: dict[int, tuple[int, int]] = {}
        length = 0
        para_start = para_first = -1
        prev_line = ""
        prev_lineno = prev_end = 0
        prev_level = 0
        prev_table_title = False
        # Folding keeps lengths, so the whole text is folded once; only its non-blank lines are visited
        # (half the lines of a PDF export are blank), their numbers counted from the newlines skipped.
        text = _fold(raw.text)
        found = list(_NONBLANK_LINE.finditer(text))
        linenos: list[int] = []
        lineno, pos = 1, 0
        for match in found:
            lineno += text.count("\n", pos, match.start())
            pos = match.start()
            linenos.append(lineno)
        # Text from a PDF's own text layer is wrapped at the printed line ends, blank lines or not.
        word_layout = raw.format != "pdf" and _is_word_layout(linenos, text.count("\n") + 1)
        last_nonblank = 0
        for match, lineno in zip(found, linenos, strict=True):
            blanks = lineno - last_nonblank - 1
            last_nonblank = lineno
            folded = match.group()
            line_offset = match.start()
            stripped = folded.strip()
            page_number = blanks >= 2 and _PAGE_NUMBER.fullmatch(stripped) and _next_blank(text, match.end())
            if page_number and not word_layout:
                dropped.append(lineno)
                continue
            level = heading_level(stripped)
            table_title = _is_table_title(stripped)
            starts_new = (
                para_start < 0
                or word_layout
                or folded.startswith("\t")
                or prev_line.endswith("。")
                or level
                or prev_level in (1, 2, 3) and len(prev_line) < 40 and "。" not in prev_line
                or table_title or prev_table_title
                or (prev_line[-1:].isdigit() and stripped[:1].isdigit())
            )
            if starts_new:
                length = _close_paragraph(para_start, para_first, prev_lineno, prev_end, length, paragraphs,
                                          pieces, norm_starts, raw_starts)
                para_start, para_first = length, lineno
            if _SPACES.search(folded):
                # Keep a space only between two ASCII alphanumerics (``615.39 615.39``, ``201 06 01``); the
                # offsets inside such a line are mapped when asked for (see raw_offset).
                folded = _SPACES.sub("", _KEPT_SPACE.sub("\0", folded)).replace("\0", " ")
                spaced[len(norm_starts)] = (line_offset, match.end())
            pieces.append(folded)
            norm_starts.append(length)
            raw_starts.append(line_offset)
            length += len(folded)
            prev_line, prev_lineno, prev_end = stripped, lineno, match.end()
            prev_level, prev_table_title = level, table_title
        _close_paragraph(para_start, para_first, prev_lineno, prev_end, length, paragraphs, pieces, norm_starts,
                         raw_starts)
        self.text = "".join(pieces)
        self._norm_starts = norm_starts
        self._raw_starts = raw_starts
        self.paragraphs = tuple(paragraphs)
        self._para_starts = [p.start for p in paragraphs]
        self.dropped_lines = tuple(dropped)
        self._folded = text
        self._spaced = spaced
        self._line_maps: dict[int, tuple[list[int], list[int]]] = {}

    def raw_offset(self, index: int) -> int:
        """Raw offset of the normalized character at ``index``."""
        run = bisect.bisect_right(self._norm_starts, index) - 1
        if run in self._spaced:
            norm_starts, raw_starts = self._line_map(run)
            piece = bisect.bisect_right(norm_starts, index) - 1
            return raw_starts[piece] + (index - norm_starts[piece])
        return self._raw_starts[run] + (index - self._norm_starts[run])

    def _line_map(self, run: int) -> tuple[list[int], list[int]]:
        """Normalized and raw starts of the pieces of a line that had whitespace in it."""
        found = self._line_maps.get(run)
        if found is None:
            norm_starts: list[int] = []
            raw_starts: list[int] = []
            length = self._norm_starts[run]
            for piece in _PIECE.finditer(self._folded, *self._spaced[run]):
                norm_starts.append(length)
                raw_starts.append(piece.start())
                length += 1 if piece.lastindex else piece.end() - piece.start()
            found = self._line_maps[run] = (norm_starts, raw_starts)
        return found

    def source(self, start: int, end: int) -> Source:
        """The source of the normalized span [start, end): raw lines, columns and the snippet as printed."""
        end = max(end, start + 1)
        return self.locator.source(self.raw_offset(start), self.raw_offset(end - 1) + 1)

    def paragraph_at(self, index: int) -> Paragraph:
        """The paragraph containing the normalized offset ``index``."""
        return self.paragraphs[max(bisect.bisect_right(self._para_starts, index) - 1, 0)]


def _fold(text: str) -> str:
    """``to_halfwidth`` for a whole document: only the (few) full-width characters are looked up."""
    return _FULLWIDTH.sub(lambda m: to_halfwidth(m.group()), text)


def _close_paragraph(start: int, first_line: int, last_line: int, raw_end: int, length: int,
                     paragraphs: list[Paragraph], pieces: list[str], norm_starts: list[int],
                     raw_starts: list[int]) -> int:
    """End the open paragraph (if it has text) with a newline mapped to the end of its last raw line."""
    if start < 0 or length <= start:
        return length
    paragraphs.append(Paragraph(start=start, end=length, first_line=first_line, last_line=last_line))
    pieces.append("\n")
    norm_starts.append(length)
    raw_starts.append(raw_end)
    return length + 1


def _next_blank(text: str, line_end: int) -> bool:
    """Whether the line after the one ending at ``line_end`` is blank (or there is none)."""
    if line_end >= len(text):
        return True
    after = text.find("\n", line_end + 1)
    return not text[line_end + 1 : len(text) if after < 0 else after].strip()


def _is_word_layout(linenos: list[int], line_count: int) -> bool:
    """Word exports put one paragraph on a line; PDF exports follow (almost) every line by a blank one.

    ``linenos`` are the numbers of the non-blank lines, in order.
    """
    if not linenos:
        return False
    followed_by_blank = sum(1 for a, b in zip(linenos, linenos[1:]) if b != a + 1)
    followed_by_blank += linenos[-1] < line_count
    return followed_by_blank < len(linenos) * 0.4


_TABLE_TITLE = re.compile(r"(绩效(目标)?自评表|绩效目标表|项目支出绩效自评表)(\((\d{4})年度\))?$")


def _is_table_title(line: str) -> bool:
    if "表" not in line:
        return False
    compact = line.replace(" ", "")
    return len(compact) < 40 and bool(_TABLE_TITLE.search(compact))


def is_table_title(line: str) -> bool:
    """Whether a normalized line is the title of a 绩效 table (项 目 支 出 绩 效 自 评 表 included)."""
    return _is_table_title(line)
