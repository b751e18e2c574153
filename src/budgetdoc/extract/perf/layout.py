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
            or bool(re.fullmatch(r"万[\u4e00-\u9fff]", text)))


_NUMBER_PIECE = re.compile(r"^-?\d[\d,]*(?:\.\d+)?(?:%|[\u4e00-\u9fff]{1,4})?$")


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


def display_width(text: str) -> int:
    """Printed width: 2 for a CJK character, 1 for ASCII; tells full wrapped lines from a cell's last."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text.strip())


def classify(text: str) -> str:
    """``O``, ``N`` or ``T`` for a piece's text."""
    folded = to_halfwidth(text).strip()
    if is_operator_value(folded):
        return "O"
    if _NUMBER_PIECE.match(folded.replace(" ", "")):
        # Only a bare number up to 100 can be a 分值/得分; amounts, counts with units and years are ``M``.
        bare = re.fullmatch(r"\d{1,3}(?:\.\d+)?", folded.strip())
        return "N" if bare and float(bare.group()) <= 100 else "M"
    return "T"


def line_pieces(locator: Locator, first: int, last: int, skip: frozenset[int] = frozenset()) -> list[Piece]:
    """The pieces of raw lines ``first``..``last`` (1-based, inclusive), skipping blank and ``skip`` lines."""
    pieces: list[Piece] = []
    for lineno in range(first, last + 1):
        if lineno in skip:
            continue
        start, _ = locator.line_span(lineno)
        line = locator.line_text(lineno)
        found = [(m.group(), start + m.start(), start + m.end()) for m in re.finditer(r"\S+", line)]
        merged: list[Piece] = []
        for text, begin, end in found:
            prev = merged[-1] if merged else None
            folded = to_halfwidth(text)
            # Any single character right after a number on its line is its unit (=5 门).
            unit = is_unit(folded) or bool(re.fullmatch(r"[\u4e00-\u9fff]", folded))
            if prev and prev.kind in "ONM" and unit and not re.search(r"[\u4e00-\u9fff%]$", prev.text):
                merged[-1] = Piece(locator.raw.text[prev.start:end], prev.start, end, lineno,
                                   "M" if prev.kind == "N" else prev.kind)
                continue
            merged.append(Piece(text, begin, end, lineno, classify(text)))
        pieces.extend(merged)
    return _join_split_operators(locator, pieces)


def _join_split_operators(locator: Locator, pieces: list[Piece]) -> list[Piece]:
    """``＜`` / ``=135`` / ``万元`` on three lines is one target: glue a lone operator to the number after it."""
    out: list[Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        folded = to_halfwidth(piece.text)
        if prev and re.fullmatch(r"[<>＜＞≥≤]", to_halfwidth(prev.text)) and re.match(r"=?\s*-?\d", folded):
            out[-1] = Piece(prev.text + piece.text, prev.start, piece.end, prev.line, "O")
            continue
        if prev and prev.kind in "ONM" and piece.line != prev.line and _continues_unit(prev.text, folded):
            out[-1] = Piece(prev.text + piece.text, prev.start, piece.end, prev.line,
                            "M" if prev.kind == "N" else prev.kind)
            continue
        out.append(piece)
    return out


def _continues_unit(before: str, text: str) -> bool:
    """Whether ``text`` on the next line completes the number before it (``=9724 平方`` / ``米``)."""
    tail = re.search(r"[\u4e00-\u9fff/%]+$", before.replace(" ", ""))
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
    return re.sub(r"\s+", "", to_halfwidth(text))
