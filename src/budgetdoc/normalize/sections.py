"""The outline: 第一部分 / 一、 / （一） / 1. headings into sections, each identified by its title.

Templates number sections differently (the "三公" section is 九 in 003 and 七 in 000), so a section's
``kind`` comes from words in its title, never from its number.
"""

from __future__ import annotations

import bisect
import re

from budgetdoc.model import Section
from budgetdoc.normalize.text import NormalizedText, heading_level, is_table_title

# (kind, title pattern), first match wins: more specific titles come before the ones they contain
# (财政拨款收入支出决算总体 contains 收入支出决算总体; 基本支出决算 contains 支出决算).
SECTION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("perf_table", r"绩效.{0,4}(自评|目标)表|项目支出绩效自评表"),
        ("three_public", r"三公"),
        ("gov_fund", r"政府性基金"),
        ("soe_capital", r"国有资本经营"),
        ("ops", r"机关运行经费|单位运行经费"),
        ("procurement", r"政府采购"),
        ("assets", r"国有资产"),
        ("basic", r"基本支出(决算|预算)|一般公共预算基本支出情况"),
        ("projects", r"项目支出情况说明"),
        ("carryover", r"上年结转结余"),
        ("gpb_total", r"一般公共预算财政拨款支出(决算|预算)总体|当年拨款规模"),
        ("gpb_structure", r"(决算|预算|拨款)结构"),
        ("gpb_items", r"(决算|预算|拨款)具体"),
        ("gpb", r"一般公共预算财政拨款支出|一般公共预算当年拨款"),
        ("fiscal", r"财政拨款收(入)?支(出)?(决算|预算)?(情况的?)?总体"),
        ("summary", r"收(入)?支(出)?(决算|预算)(情况)?总体"),
        ("income", r"收入(决算|预算)"),
        ("expense", r"支出(决算|预算)"),
        ("perf", r"绩效"),
        ("other_important", r"其他重要事项"),
        ("other", r"其他需(要)?说明"),
        ("functions", r"职能|职责"),
        ("org", r"机构设置|人员(情况|构成|编制)"),
        ("glossary", r"名词解释"),
        ("tables", r"报表|附表|公开表"),
        ("overview", r"概况"),
        ("explanation", r"情况说明"),
    )
)

_TITLE_END = re.compile(r"[。:;]|,(?!\d{3})")  # not the thousands comma of 2,216.44


def title_kind(title: str) -> str:
    """The canonical kind of a section title, or ``""``."""
    for kind, pattern in SECTION_KINDS:
        if pattern.search(title):
            return kind
    return ""


def find_sections(norm: NormalizedText) -> tuple[Section, ...]:
    """Every heading of the outline, with its span and path.

    Inside a 绩效 table (from its title to the next 一、 or 第X部分 heading) only level 1 and 2 headings
    count: the tables' cells hold numbered goals that are not part of the outline.
    """
    text = norm.text
    heads: list[tuple[int, int, int, str]] = []  # (level, start, end-of-title, title)
    in_table = False
    part = ""  # kind of the current 第X部分
    for para in norm.paragraphs:
        line = text[para.start : para.end]
        level = heading_level(line)
        if level == 1:
            part = title_kind(line[:40])
        elif part == "tables" and level:
            # The table part holds table rows (一、本年收入 17,690.90 …) and lists, not an outline.
            continue
        if is_table_title(line):
            in_table = True
            title = line.replace(" ", "")
            heads.append((3, para.start, para.end, title))
            continue
        if not level or (in_table and level > 2):
            continue
        if level <= 2:
            in_table = False
        match = _TITLE_END.search(line) if level >= 3 else None
        cut = match.start() if match else len(line)
        cut = min(cut, 40)
        heads.append((level, para.start, para.start + cut, line[:cut]))
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    for index, (level, start, title_end, title) in enumerate(heads):
        end = len(text)
        for later_level, later_start, _, _ in heads[index + 1 :]:
            if later_level <= level:
                end = later_start
                break
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        sections.append(
            Section(
                title=title,
                level=level,
                kind=_kind_in(stack, title),
                path=tuple(t for _, t in stack),
                start=start,
                end=end,
                source=norm.source(start, title_end),
            )
        )
    return tuple(sections)


def _kind_in(stack: list[tuple[int, str]], title: str) -> str:
    """A section's kind; under 名词解释 or the table list, entries are terms, not explanation sections."""
    if len(stack) > 1:
        part = title_kind(stack[0][1]) if stack[0][0] == 1 else ""
        if part == "glossary":
            return "glossary_entry"
        if part == "tables":
            return "table_list"
    return title_kind(title)


_starts_cache: tuple[tuple[Section, ...], list[int]] | None = None


def section_at(sections: tuple[Section, ...], index: int) -> Section | None:
    """The deepest section containing the normalized offset ``index``.

    Sections are in document order and nest, so the deepest one containing ``index`` is the last one
    starting at or before it that still contains it: a bisect, then a short walk back.
    """
    global _starts_cache  # noqa: PLW0603 - one document's starts, reused for all its facts
    if _starts_cache is None or _starts_cache[0] is not sections:
        _starts_cache = (sections, [s.start for s in sections])
    pos = bisect.bisect_right(_starts_cache[1], index) - 1
    while pos >= 0:
        section = sections[pos]
        if index < section.end:
            return section
        pos -= 1
    return None
