"""What a document is: kind (部门决算/部门预算), unit and year, read from its title and structure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetdoc.model import DocKind, Section
from budgetdoc.normalize import NormalizedText

# A part heading (第二部分2024年部门预算公开表) is not a unit name.
_UNIT = r"(?!第[一二三四五六七八九十]+部分)[\u4e00-\u9fff()“”\"]{2,40}?"
_TITLES = (
    re.compile(rf"(?m)^(?P<unit>{_UNIT})(?P<year>20\d{{2}})年度?(?:部门|单位)?(?:\(?汇总\)?)?(?P<kind>决算|预算)"),
    re.compile(rf"(?m)^(?P<year>20\d{{2}})年度?(?P<unit>{_UNIT})(?:部门|单位)(?:\(?汇总\)?)?(?P<kind>决算|预算)"),
    re.compile(rf"(?m)^第一部分(?P<year>20\d{{2}})年度?(?P<unit>{_UNIT})(?:部门|单位)?概况"),
    # PDF cover pages: the unit on its own line above "2024年度部门决算", or named under a regional title
    # ("上海市普陀区2025年区级部门预算" / "预算主管部门：上海市普陀区财政局").
    re.compile(rf"(?m)^(?P<unit>{_UNIT})\n(?P<year>20\d{{2}})年度?(?:部门|单位)(?P<kind>决算|预算)"),
    re.compile(rf"(?m)^[\u4e00-\u9fff]{{0,12}}?(?P<year>20\d{{2}})年[\u4e00-\u9fff]{{0,4}}?部门(?P<kind>决算|预算)\n?"
               rf"(?:预算主管部门|主管部门|部门名称):(?P<unit>{_UNIT})(?:目录|$)"),
)
# Files of tables only (公开01表 …, 预算01表 …) or a lone 绩效自评表 name the unit in a table caption.
# (PDF lines may be joined into one paragraph, so neither is anchored at a line start.)
_TABLE_NUMBER = re.compile(r"(?:公开|预算|决算)\d{1,2}表|(?m:^)表\d{1,2}(?:\n|[\u4e00-\u9fff])")
# 整体支出绩效目标表 heads run straight on from the name into their first column (财政拨款).
_UNIT_CAPTION = re.compile(rf"(?:(?:编制)?部门:|部门名称:?|\(单位\)名称)(?P<unit>{_UNIT})"
                           r"(?:单位:|金额单位|部门预算编码|财政拨款|\n)")
_YEAR_ANY = re.compile(r"(20\d{2})年")
# In a file of tables, the year of a table's title (2026年部门收支总表, 2019年政府采购预算表) or of its 预算/决算
# wording, not a date in a note (截至2024年12月31日).
_YEAR_TITLE = re.compile(r"(20\d{2})年度?(?:部门|单位)?(?:预算|决算|[\u4e00-\u9fff“”()]{2,24}?表)")
_KIND_WORDS = {
    DocKind.FINAL_ACCOUNTS: re.compile(r"(?:部门|单位)决算|决算公开|决算情况说明|决算表"),
    DocKind.BUDGET: re.compile(r"(?:部门|单位)预算(?!绩效)|预算公开|预算情况说明|预算公开表"),
}
# Sections every disclosure of the national template has, whatever its numbering.
CORE_SECTIONS = frozenset(
    {"summary", "income", "expense", "fiscal", "gpb", "basic", "three_public", "gov_fund", "soe_capital",
     "glossary", "functions", "org", "overview", "explanation"}
)
EXPECTED_SECTIONS = {
    DocKind.FINAL_ACCOUNTS: ("summary", "income", "expense", "fiscal", "gpb", "basic", "three_public",
                             "gov_fund", "soe_capital", "ops", "procurement", "assets", "perf", "glossary"),
    DocKind.BUDGET: ("summary", "income", "expense", "fiscal", "gpb", "basic", "three_public", "gov_fund",
                     "soe_capital", "ops", "procurement", "assets", "glossary"),
}
SECTION_NAMES = {
    "summary": "收入支出总体情况", "income": "收入情况", "expense": "支出情况", "fiscal": "财政拨款收支总体情况",
    "gpb": "一般公共预算财政拨款支出情况", "basic": "基本支出情况", "three_public": "“三公”经费",
    "gov_fund": "政府性基金", "soe_capital": "国有资本经营", "ops": "机关运行经费", "procurement": "政府采购",
    "assets": "国有资产占用", "perf": "预算绩效", "glossary": "名词解释",
}


@dataclass(frozen=True, slots=True)
class Identity:
    """The title facts of a document, and where the title was printed (normalized offsets)."""

    kind: DocKind
    unit: str
    year: int | None
    unit_span: tuple[int, int] | None
    year_span: tuple[int, int] | None
    kind_span: tuple[int, int] | None
    is_disclosure: bool


_last: tuple[NormalizedText, tuple[Section, ...], Identity] | None = None


def identify(norm: NormalizedText, sections: tuple[Section, ...]) -> Identity:
    """Identify kind, unit and year; ``is_disclosure`` is False for text that is not a 预决算公开 document."""
    global _last  # noqa: PLW0603 - the pipeline and the doc.* extractor ask about the same document
    if _last is not None and _last[0] is norm and _last[1] is sections:
        return _last[2]
    ident = _identify(norm, sections)
    _last = (norm, sections, ident)
    return ident


def _identify(norm: NormalizedText, sections: tuple[Section, ...]) -> Identity:
    head = norm.text[:3000]
    counts = {kind: len(pattern.findall(norm.text)) for kind, pattern in _KIND_WORDS.items()}
    kind = DocKind.UNKNOWN
    if any(counts.values()):
        kind = max(counts, key=lambda k: counts[k])
    unit, year, unit_span, year_span, kind_span = "", None, None, None, None
    # the title printed first wins, whichever pattern reads it (a later sentence may match an earlier pattern)
    found = [m for m in (pattern.search(head) for pattern in _TITLES) if m]
    for match in sorted(found, key=lambda m: m.start())[:1]:
        if match:
            unit = match.group("unit").strip("“”\"")
            unit_span = match.span("unit")
            year = int(match.group("year"))
            year_span = match.span("year")
            if "kind" in match.groupdict():
                kind_span = match.span("kind")
                kind = DocKind.FINAL_ACCOUNTS if match.group("kind") == "决算" else DocKind.BUDGET
            break
    if kind_span is None and kind is not DocKind.UNKNOWN:
        # A title without the kind word (第一部分2024年自治区财政厅部门概况): the first 部门预算/决算 wording says it.
        first = _KIND_WORDS[kind].search(norm.text)
        kind_span = first.span() if first else None
    tables_only = len(_TABLE_NUMBER.findall(norm.text)) >= 3 or "绩效自评表" in head[:200]
    if tables_only and unit_span is None:
        if "绩效自评表" in head[:200]:
            # a self-evaluation published on its own: none of a 决算's sections or tables are due
            kind = DocKind.PERF_SELF
        elif kind is DocKind.UNKNOWN:
            kind = DocKind.BUDGET if head.count("预算") >= head.count("决算") else DocKind.FINAL_ACCOUNTS
        if match := _UNIT_CAPTION.search(norm.text):
            unit, unit_span = match.group("unit"), match.span("unit")
        if year is None and (found := _YEAR_TITLE.search(norm.text) or _YEAR_ANY.search(norm.text)):
            year, year_span = int(found.group(1)), found.span(1)
    known = {s.kind for s in sections} & CORE_SECTIONS
    is_disclosure = kind is not DocKind.UNKNOWN and (
        len(known) >= 3 or (unit_span is not None and len(known) >= 1) or tables_only)
    return Identity(kind, unit, year, unit_span, year_span, kind_span, is_disclosure)


def missing_sections(kind: DocKind, sections: tuple[Section, ...]) -> list[str]:
    """Names of the sections a document of ``kind`` should have and does not."""
    present = {s.kind for s in sections}
    return [SECTION_NAMES[k] for k in EXPECTED_SECTIONS.get(kind, ()) if k not in present]
