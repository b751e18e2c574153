"""Nothing silently dropped: every number of the explanation part is a fact or a classified non-figure.

Scope (issue 2): 第一部分 and 第二部分 up to the first 绩效 table. A number is *claimed* when a fact's
source span covers it, and a *non-figure* when its context shows it is a year, a date, an ordinal, a
section number or part of a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetdoc.amounts import NUMBER, to_halfwidth
from budgetdoc.model import Document

NUMBER_TOKEN = re.compile(rf"(?<![\d.,])(?:{NUMBER})(?![\d])")
"""A number as printed, not a piece of a longer one."""
_UNIT_START = tuple("万元人个辆家项次件篇台场批轮天分平%余.,")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class NumberToken:
    """A number printed in the document, with what it was classified as."""

    offset: int
    end_offset: int
    text: str
    line: int
    column: int
    kind: str
    """``fact`` (claimed by a fact), a non-figure class (``year``, ``date``, ``ordinal``, ``heading``,
    ``name``, ``page``), or ``unclaimed``."""


def _skip_space(text: str, pos: int, step: int) -> str:
    while 0 <= pos < len(text) and text[pos].isspace():
        pos += step
    return text[pos] if 0 <= pos < len(text) else ""


def _after(text: str, end: int, n: int = 4) -> str:
    out = []
    pos = end
    while pos < len(text) and len(out) < n:
        if not text[pos].isspace():
            out.append(text[pos])
        pos += 1
    return to_halfwidth("".join(out))


def _before(text: str, start: int, n: int = 4) -> str:
    out: list[str] = []
    pos = start - 1
    while pos >= 0 and len(out) < n:
        if not text[pos].isspace():
            out.append(text[pos])
        pos -= 1
    return to_halfwidth("".join(reversed(out)))


def classify_non_figure(text: str, start: int, end: int) -> str:
    """The non-figure class of the number at raw [start, end), or ``""`` when it may be a figure."""
    token = to_halfwidth(text[start:end])
    after, before = _after(text, end), _before(text, start)
    line_start = text.rfind("\n", 0, start) + 1
    at_line_start = not text[line_start:start].strip()
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if at_line_start and not text[end:line_end].strip() and _blank_around(text, line_start, line_end):
        return "page"
    if re.fullmatch(r"(19|20)\d{2}", token) and after[:1] in ("年", "-", "/", "."):
        return "year"
    bracketed = before.endswith(("〔", "[", "(", "（")) or after[:1] in "〕]）)"
    if re.fullmatch(r"(19|20)\d{2}", token) and bracketed:
        return "year"
    if after[:1] in ("月", "日", "号") or re.match(r"^(月|日)", after):
        return "date"
    if before.endswith("第"):
        return "ordinal"
    if at_line_start and re.match(r"[.、．]", after[:1]) and re.fullmatch(r"\d{1,2}", token):
        return "heading"
    if after.startswith(("万元(含)", "万元（含）")) or before.endswith("单价"):
        return "name"
    if after.startswith("周年"):
        return "ordinal"
    # A number run straight into a word with no unit between: 2024舌尖上的丝绸之路美食节, 12345政务服务便民热线.
    bare_word = bool(_CJK.match(after[:1])) and not after.startswith(_UNIT_START)
    if bare_word and re.fullmatch(r"(19|20)\d{2}", token):
        return "year"
    if bare_word and re.fullmatch(r"\d{5,}", token):
        return "name"
    # An inline list marker: 主要原因是:1.本年在职人员减少。2.本年减少…
    if re.fullmatch(r"\d{1,2}", token) and after[:1] in (".", "、") and not after[1:2].isdigit() and (
            at_line_start or before[-1:] in (":", "。", ";")):
        return "ordinal"
    return ""


def _blank_around(text: str, line_start: int, line_end: int) -> bool:
    """Two blank lines before, one after: where PDF exports print page numbers (normalization drops them)."""
    before = text[max(0, line_start - 3) : line_start]
    after = text[line_end : line_end + 2]
    return not before.strip() and before.count("\n") == 3 and after in ("\n\n", "\n", "")


def number_tokens(doc: Document) -> list[NumberToken]:
    """Every number in scope, each classified."""
    text = doc.source_text
    start, end = _scope(doc)
    claimed = sorted((f.source.offset, f.source.end_offset) for f in doc.facts)
    tokens: list[NumberToken] = []
    for match in NUMBER_TOKEN.finditer(text, start, end):
        lo, hi = match.span()
        kind = "fact" if any(a <= lo and hi <= b for a, b in claimed) else classify_non_figure(text, lo, hi)
        line = text.count("\n", 0, lo) + 1
        column = lo - (text.rfind("\n", 0, lo) + 1) + 1
        tokens.append(NumberToken(lo, hi, match.group(), line, column, kind or "unclaimed"))
    return tokens


def _scope(doc: Document) -> tuple[int, int]:
    """Raw offsets of 第一部分 through the character before the first 绩效 table (or 第三部分)."""
    start = 0
    end = len(doc.source_text)
    for section in doc.sections:
        if section.level == 1 and start == 0:
            start = section.source.offset
        if section.kind == "perf_table" or (section.level == 1 and section.kind in ("glossary", "tables")):
            end = section.source.offset
            break
    return start, end


def unclaimed(doc: Document) -> list[NumberToken]:
    """The numbers in scope that no fact claims and that are not classified as non-figures."""
    return [t for t in number_tokens(doc) if t.kind == "unclaimed"]
