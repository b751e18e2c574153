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

_TOKEN = re.compile(rf"(?<![\d.,])(?:{NUMBER})(?![\d])")


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
    ``name``), or ``unclaimed``."""


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
    if re.fullmatch(r"(19|20)\d{2}", token) and after[:1] in ("年", "-", "/", "."):
        return "year"
    if re.fullmatch(r"(19|20)\d{2}", token) and (before.endswith(("〔", "[", "(", "（")) or after[:1] in "〕]）)"):
        return "year"
    if after[:1] in ("月", "日", "号") or re.match(r"^(月|日)", after):
        return "date"
    if before.endswith("第") or after[:1] in ("次会议",):
        return "ordinal"
    if at_line_start and re.match(r"[.、．]", after[:1]) and re.fullmatch(r"\d{1,2}", token):
        return "heading"
    if after.startswith(("万元(含)", "万元（含）")) or before.endswith("单价"):
        return "name"
    return ""


def number_tokens(doc: Document) -> list[NumberToken]:
    """Every number in scope, each classified."""
    text = doc.source_text
    start, end = _scope(doc)
    claimed = sorted((f.source.offset, f.source.end_offset) for f in doc.facts)
    tokens: list[NumberToken] = []
    for match in _TOKEN.finditer(text, start, end):
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
