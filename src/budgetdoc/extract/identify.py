"""What a document is: kind (部门决算/部门预算), unit and year, read from its title and structure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetdoc.model import DocKind, Section
from budgetdoc.normalize import NormalizedText

_UNIT = r"[\u4e00-\u9fff()“”\"]{2,40}?"
_TITLES = (
    re.compile(rf"(?m)^(?P<unit>{_UNIT})(?P<year>20\d{{2}})年度?(?:部门|单位)?(?P<kind>决算|预算)"),
    re.compile(rf"(?m)^(?P<year>20\d{{2}})年度?(?P<unit>{_UNIT})(?:部门|单位)(?P<kind>决算|预算)"),
    re.compile(rf"(?m)^第一部分(?P<year>20\d{{2}})年度?(?P<unit>{_UNIT})(?:部门|单位)?概况"),
)
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


def identify(norm: NormalizedText, sections: tuple[Section, ...]) -> Identity:
    """Identify kind, unit and year; ``is_disclosure`` is False for text that is not a 预决算公开 document."""
    head = norm.text[:3000]
    counts = {kind: len(pattern.findall(norm.text)) for kind, pattern in _KIND_WORDS.items()}
    kind = DocKind.UNKNOWN
    if any(counts.values()):
        kind = max(counts, key=lambda k: counts[k])
    unit, year, unit_span, year_span, kind_span = "", None, None, None, None
    for pattern in _TITLES:
        match = pattern.search(head)
        if match:
            unit = match.group("unit").strip("“”\"")
            unit_span = match.span("unit")
            year = int(match.group("year"))
            year_span = match.span("year")
            if "kind" in match.groupdict():
                kind_span = match.span("kind")
                kind = DocKind.FINAL_ACCOUNTS if match.group("kind") == "决算" else DocKind.BUDGET
            break
    known = {s.kind for s in sections} & CORE_SECTIONS
    is_disclosure = kind is not DocKind.UNKNOWN and (len(known) >= 3 or (unit_span is not None and len(known) >= 1))
    return Identity(kind, unit, year, unit_span, year_span, kind_span, is_disclosure)


def missing_sections(kind: DocKind, sections: tuple[Section, ...]) -> list[str]:
    """Names of the sections a document of ``kind`` should have and does not."""
    present = {s.kind for s in sections}
    return [SECTION_NAMES[k] for k in EXPECTED_SECTIONS.get(kind, ()) if k not in present]
