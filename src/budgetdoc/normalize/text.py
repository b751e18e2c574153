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

from budgetdoc.amounts import to_halfwidth
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
_ASCII_ALNUM = re.compile(r"[0-9A-Za-z%.]")


def heading_level(line: str) -> int:
    """The outline level a normalized line starts with, or 0."""
    for level, pattern in enumerate(HEADING_PATTERNS, start=1):
        if pattern.match(line):
            return level
    return 0


@dataclass(**FROZEN)
class Paragraph:
    """A span of the normalized text that came from raw lines ``first_line``..``last_line``."""

    start: int
    end: int
    first_line: int
    last_line: int


class NormalizedText:
    """The normalized text, its paragraphs, and the offset map back to the raw text."""

    __slots__ = ("_norm_starts", "_raw_starts", "locator", "paragraphs", "raw", "text", "dropped_lines")

    def __init__(self, raw: RawDocument) -> None:
        self.raw = raw
        self.locator = Locator(raw)
        pieces: list[str] = []
        norm_starts: list[int] = []
        raw_starts: list[int] = []
        paragraphs: list[Paragraph] = []
        dropped: list[int] = []
        length = 0
        para_start = para_first = -1
        prev_line = ""
        prev_lineno = -1

        def close() -> None:
            nonlocal para_start, length
            if para_start >= 0 and length > para_start:
                paragraphs.append(Paragraph(start=para_start, end=length, first_line=para_first,
                                            last_line=prev_lineno))
                pieces.append("\n")
                norm_starts.append(length)
                raw_starts.append(self.locator.line_span(prev_lineno)[1])
                length += 1
            para_start = -1

        lines = raw.text.split("\n")
        word_layout = _is_word_layout(lines)
        blanks = 0
        offset = 0
        for lineno, line in enumerate(lines, start=1):
            line_offset = offset
            offset += len(line) + 1
            folded = to_halfwidth(line)
            stripped = folded.strip()
            if not stripped:
                blanks += 1
                continue
            if not word_layout and blanks >= 2 and _PAGE_NUMBER.fullmatch(stripped) and _next_blank(lines, lineno):
                dropped.append(lineno)
                blanks = 0
                continue
            starts_new = (
                para_start < 0
                or word_layout
                or line.startswith("\t")
                or prev_line.endswith("。")
                or heading_level(stripped)
                or heading_level(prev_line) in (1, 2, 3) and len(prev_line) < 40 and "。" not in prev_line
                or _is_table_title(stripped) or _is_table_title(prev_line)
                or (prev_line[-1:].isdigit() and stripped[:1].isdigit())
            )
            blanks = 0
            if starts_new:
                close()
                para_start, para_first = length, lineno
            # Keep a space only between two ASCII alphanumerics (``615.39 615.39``, ``201 06 01``).
            pos = 0
            for match in _SPACES.finditer(folded):
                length = _emit(folded, pos, match.start(), line_offset, pieces, norm_starts, raw_starts, length)
                before, after = folded[match.start() - 1 : match.start()], folded[match.end() : match.end() + 1]
                if before and after and _ASCII_ALNUM.match(before) and _ASCII_ALNUM.match(after):
                    pieces.append(" ")
                    norm_starts.append(length)
                    raw_starts.append(line_offset + match.start())
                    length += 1
                pos = match.end()
            length = _emit(folded, pos, len(folded), line_offset, pieces, norm_starts, raw_starts, length)
            prev_line, prev_lineno = stripped, lineno
        close()
        self.text = "".join(pieces)
        self._norm_starts = norm_starts
        self._raw_starts = raw_starts
        self.paragraphs = tuple(paragraphs)
        self.dropped_lines = tuple(dropped)

    def raw_offset(self, index: int) -> int:
        """Raw offset of the normalized character at ``index``."""
        run = bisect.bisect_right(self._norm_starts, index) - 1
        return self._raw_starts[run] + (index - self._norm_starts[run])

    def source(self, start: int, end: int) -> Source:
        """The source of the normalized span [start, end): raw lines, columns and the snippet as printed."""
        end = max(end, start + 1)
        return self.locator.source(self.raw_offset(start), self.raw_offset(end - 1) + 1)

    def paragraph_at(self, index: int) -> Paragraph:
        """The paragraph containing the normalized offset ``index``."""
        starts = [p.start for p in self.paragraphs]
        return self.paragraphs[max(bisect.bisect_right(starts, index) - 1, 0)]


def _emit(folded: str, start: int, end: int, line_offset: int, pieces: list[str], norm_starts: list[int],
          raw_starts: list[int], length: int) -> int:
    if end <= start:
        return length
    pieces.append(folded[start:end])
    norm_starts.append(length)
    raw_starts.append(line_offset + start)
    return length + end - start


def _next_blank(lines: list[str], lineno: int) -> bool:
    return lineno >= len(lines) or not lines[lineno].strip()


def _is_word_layout(lines: list[str]) -> bool:
    """Word exports put one paragraph on a line; PDF exports follow (almost) every line by a blank one."""
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    if not nonempty:
        return False
    followed_by_blank = sum(1 for i in nonempty if i + 1 < len(lines) and not lines[i + 1].strip())
    return followed_by_blank < len(nonempty) * 0.4


_TABLE_TITLE = re.compile(r"(绩效(目标)?自评表|绩效目标表|项目支出绩效自评表)(\((\d{4})年度\))?$")


def _is_table_title(line: str) -> bool:
    compact = line.replace(" ", "")
    return len(compact) < 40 and bool(_TABLE_TITLE.search(compact))


def is_table_title(line: str) -> bool:
    """Whether a normalized line is the title of a 绩效 table (项 目 支 出 绩 效 自 评 表 included)."""
    return _is_table_title(line)
