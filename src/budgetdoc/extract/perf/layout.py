"""Raw lines of a 绩效 table → located pieces, for both text layouts.

PDF-flattened text (000, 001, 002, 004) prints a row's cells as space-separated pieces, wraps a cell over many
short lines and centres merged cells vertically; Word exports (003) print one cell per tab-indented line with
an empty line between rows. Everything here keeps raw offsets so each value can be located.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from budgetdoc.amounts import to_halfwidth
from budgetdoc.extract.perf.operators import is_operator_value
from budgetdoc.read.base import Locator

UNITS = frozenset(
    "件 次 个 户 万元 元 人 家 株 期 套 项 份 天 日 月 年 小时 种 页 万页 篇 场 台 辆 册 本 所 名 人次 批 条 座 处 类 亩 吨 "
    "轮 分 课时 期次 公里 米 平方米 间 盏 批次 周 工作日 个工作日 户次 万人次 张 部 组 家次 亿元 棵 公顷 立方米 个百分点 "
    "万 平方 摄氏 摄氏度 分钟 秒 季度 辆次 万册 万份 万人 千人 GB 兆 个月 年度".split()
)
"""Units printed after a number in a separate piece (``=10 件``); they are glued back to the number."""

def is_unit(text: str) -> bool:
    """``件``, ``万条``, ``次/月``: a unit printed apart from its number."""
    parts = text.removeprefix("万").split("/")
    # 万 followed by any one character (万条, and the misprinted 万余 of 002) is a unit too.
    return (text in UNITS or all(part in UNITS for part in parts)
            or bool(_WAN_UNIT.fullmatch(text)))


_NUMBER_PIECE = re.compile(r"^-?\d[\d,]*(?:\.\d+)?(?:%|[\u4e00-\u9fff]{1,4})?$")
_WAN_UNIT = re.compile(r"万[\u4e00-\u9fff]")
_BARE = re.compile(r"\d{1,3}(?:\.\d+)?")
_PIECE = re.compile(r"\S+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ENDS_CJK_OR_PERCENT = re.compile(r"[\u4e00-\u9fff%]$")
_LONE_OPERATOR = re.compile(r"[<>＜＞≥≤]")
_STARTS_NUMBER = re.compile(r"=?\s*-?\d")
_UNIT_TAIL = re.compile(r"[\u4e00-\u9fff/%]+$")
_SPACES = re.compile(r"\s+")
_VALUE_FIRST = frozenset("≥≤<>＜＞=＝-－")


@dataclass(frozen=True, slots=True)
class Piece:
    """A whitespace-separated piece of one raw line (a number glued to its unit counts as one piece)."""

    text: str
    start: int
    end: int
    line: int
    kind: str = "T"
    """``O`` operator value (``>=90%``), ``N`` bare number ≤ 100 (``18``, ``8.00``), ``M`` other number
    (``2 次``, ``100%``, ``2024``), ``T`` text."""

    @property
    def width(self) -> int:
        return display_width(self.text)


class _CharWidths(dict[str, int]):
    """Width per character, looked up in unicodedata once per distinct character."""

    def __missing__(self, char: str) -> int:
        width = self[char] = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        return width


_WIDTHS = _CharWidths()


def display_width(text: str) -> int:
    """Printed width: 2 for a CJK character, 1 for ASCII; tells full wrapped lines from a cell's last."""
    return sum(map(_WIDTHS.__getitem__, text.strip()))


def classify(text: str) -> str:
    """``O``, ``N`` or ``T`` for a piece's text."""
    # Operators and numbers start with one of these (full-width forms included): most pieces are text,
    # and need neither folding nor a regex.
    first = text.lstrip()[:1]
    if not first or not (first in _VALUE_FIRST or first.isdecimal()):
        return "T"
    folded = to_halfwidth(text).strip()
    if is_operator_value(folded):
        return "O"
    if _NUMBER_PIECE.match(folded.replace(" ", "")):
        # Only a bare number up to 100 can be a 分值/得分; amounts, counts with units and years are ``M``.
        bare = _BARE.fullmatch(folded.strip())
        return "N" if bare and float(bare.group()) <= 100 else "M"
    return "T"


def line_pieces(locator: Locator, first: int, last: int, skip: frozenset[int] = frozenset()) -> list[Piece]:
    """The pieces of raw lines ``first``..``last`` (1-based, inclusive), skipping blank and ``skip`` lines."""
    pieces: list[Piece] = []
    raw = locator.raw.text
    lineno, pos = first, locator.line_span(first)[0]
    prev: Piece | None = None
    # One scan over the whole range; counting the newlines between two pieces keeps the line number.
    for match in _PIECE.finditer(raw, pos, locator.line_span(last)[1]):
        text, begin, end = match.group(), match.start(), match.end()
        newlines = raw.count("\n", pos, begin)
        pos = end
        if newlines:
            lineno += newlines
            prev = None
        if lineno in skip:
            continue
        if prev is not None and prev.kind in "ONM":
            folded = to_halfwidth(text)
            # Any single character right after a number on its line is its unit (=5 门).
            unit = is_unit(folded) or _CJK.fullmatch(folded) is not None
            if unit and not _ENDS_CJK_OR_PERCENT.search(prev.text):
                prev = Piece(raw[prev.start:end], prev.start, end, lineno,
                             "M" if prev.kind == "N" else prev.kind)
                pieces[-1] = prev
                continue
        # classify's own first test, inlined: most pieces are text.
        kind = classify(text) if text[0] in _VALUE_FIRST or text[0].isdecimal() else "T"
        prev = Piece(text, begin, end, lineno, kind)
        pieces.append(prev)
    return _join_split_operators(locator, pieces)


def _join_split_operators(locator: Locator, pieces: list[Piece]) -> list[Piece]:
    """``＜`` / ``=135`` / ``万元`` on three lines is one target: glue a lone operator to the number after it."""
    out: list[Piece] = []
    for piece in pieces:
        if not out:
            out.append(piece)
            continue
        prev = out[-1]
        if (len(prev.text) == 1 and _LONE_OPERATOR.fullmatch(to_halfwidth(prev.text))
                and _STARTS_NUMBER.match(to_halfwidth(piece.text))):
            out[-1] = Piece(prev.text + piece.text, prev.start, piece.end, prev.line, "O")
            continue
        if (prev.kind in "ONM" and piece.line != prev.line
                and _continues_unit(prev.text, to_halfwidth(piece.text))):
            out[-1] = Piece(prev.text + piece.text, prev.start, piece.end, prev.line,
                            "M" if prev.kind == "N" else prev.kind)
            continue
        out.append(piece)
    return out


def _continues_unit(before: str, text: str) -> bool:
    """Whether ``text`` on the next line completes the number before it (``=9724 平方`` / ``米``)."""
    tail = _UNIT_TAIL.search(before.replace(" ", ""))
    if tail is None:
        return is_unit(text)
    return tail.group() != "%" and is_unit(tail.group() + text)


@dataclass(frozen=True, slots=True)
class WordCell:
    """One cell of a cell-per-line table: its text (stripped) and raw span; empty cells have an empty text."""

    text: str
    start: int
    end: int
    line: int


def word_rows(locator: Locator, first: int, last: int) -> list[list[WordCell]]:
    """Rows of a cell-per-line table: each non-empty line is a cell, an empty line ends the row."""
    rows: list[list[WordCell]] = []
    current: list[WordCell] = []
    for lineno in range(first, last + 1):
        line = locator.line_text(lineno)
        if line == "":
            if current:
                rows.append(current)
            current = []
            continue
        start, _ = locator.line_span(lineno)
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        current.append(WordCell(stripped, start + lead, start + lead + len(stripped), lineno))
    if current:
        rows.append(current)
    return rows


def compact(text: str) -> str:
    """Text with all whitespace removed and full-width forms folded, as keys and labels compare."""
    return _SPACES.sub("", to_halfwidth(text))
