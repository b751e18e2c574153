"""Required sections and statements per document kind, read from the outline and the section text.

These rules read the text rather than facts: whether a document *says* something must not depend on
whether an extractor already understands how it says it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetdoc.check.base import PASSED, Outcome, Rule, Subject
from budgetdoc.extract.identify import EXPECTED_SECTIONS, SECTION_NAMES
from budgetdoc.model import DocKind, Severity


REQUIRED_SECTIONS = {
    DocKind.FINAL_ACCOUNTS: EXPECTED_SECTIONS[DocKind.FINAL_ACCOUNTS],
    # Budget explanations are titled differently from region to region (部门财务收支预算总体情况 …); only the
    # sections checks.md A6 requires by subject, whose words are stable, are demanded.
    DocKind.BUDGET: ("three_public", "ops", "procurement", "assets", "glossary"),
}


# The words a section's subject is printed with, however its heading is worded (财政拨款收入支出总表说明 for
# 财政拨款收支总体情况); looked for in the whole text outside the table of contents.
_SUBJECT_WORDS = {
    "summary": r"收入支出(决算|预算)?总(体情况|表)|收支(预算|决算)?总(体情况|表)|财务收支",
    "income": r"收入(决算|预算)?(情况|总表|表)",
    "expense": r"支出(决算|预算)?(情况|总表|表)",
    "fiscal": r"财政拨款收(入)?支(出)?(决算|预算)?总",
    "gpb": r"一般公共预算(财政拨款)?(支出|拨款)",
    "basic": r"基本支出",
    "three_public": r"三公",
    "gov_fund": r"政府性基金",
    "soe_capital": r"国有资本经营",
    "ops": r"机关运行经费",
    "procurement": r"政府采购",
    "assets": r"国有资产",
    "perf": r"绩效",
    "glossary": r"名词解释|名称解释",
}
_TOC_LINE = re.compile(r"[…．.·]{3,}\s*\d*\s*$")


def body_lines(s: Subject) -> list[str]:
    """The document's lines without its table of contents (dotted leaders to a page number)."""
    return [line for line in s.doc.text.splitlines() if not _TOC_LINE.search(line)]


def is_partial(s: Subject) -> bool:
    """A separately published part: the tables only, or a 绩效 attachment, not the explanation.

    Under a third of the outline the national template requires is present.
    """
    present = {sec.kind for sec in s.doc.sections}
    required = REQUIRED_SECTIONS.get(s.doc.kind, ())
    return bool(required) and len(present & set(required)) * 3 < len(required)


def run_sections(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """Every section the national template requires for this kind is present, or its subject is stated."""
    required = REQUIRED_SECTIONS.get(s.doc.kind, ())
    if is_partial(s):
        yield rule.finding("文档只包含部分内容（可能是单独公开的报表或附件），未逐项检查章节完整性",
                           expected="、".join(SECTION_NAMES[k] for k in required), actual="大部分章节未找到",
                           severity=Severity.INFO)
        return
    present = {sec.kind for sec in s.doc.sections}
    text = "\n".join(body_lines(s))
    for kind in required:
        if kind in present or re.search(_SUBJECT_WORDS[kind], text):
            yield PASSED
        else:
            # Searched for and not found: the heading may be worded in a way we do not know.
            yield rule.finding(f"未找到“{SECTION_NAMES[kind]}”部分（全文也未提及，可能缺少或标题措辞不同）",
                               expected=SECTION_NAMES[kind], actual="未找到", severity=Severity.WARNING)


def run_overview(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """部门概况 states 主要职能 and 机构设置."""
    if is_partial(s):
        yield rule.deferred("部分公开（仅报表或附件），不含单位概况")
        return
    for kind, name, words in (("functions", "主要职能", re.compile(r"主要职能|职责|职能")),
                              ("org", "机构设置", re.compile(r"机构设置|内设机构|单位构成|人员情况|机构编制|下属"
                                                         r"(预算)?单位|所属(预算)?单位|预算单位"))):
        if s.sections_of(kind) or words.search(s.doc.text[:30000]):
            yield PASSED
        else:
            yield rule.finding(f"单位概况未说明{name}", expected=name, actual="未找到", severity=Severity.WARNING)


_EMPTY = re.compile(r"(无|没有|未).{0,40}(收入|支出|资金|结转|结余|预算|安排)|空表|无数据|为空|为0|为零|0(\.0+)?\s*万?元")
_AMOUNT = re.compile(r"\d[\d,]*(\.\d+)?\s*万?元")


def run_fund_tables_explained(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """政府性基金 / 国有资本经营: either figures or an explicit 无…/为空表 statement."""
    for kind, name in (("gov_fund", "政府性基金"), ("soe_capital", "国有资本经营")):
        section = s.main_section(kind)
        if section is None:
            continue  # the missing section itself is completeness.sections' finding
        body = s.body(section)
        if _AMOUNT.search(body) or _EMPTY.search(body):
            yield PASSED
        else:
            yield rule.finding(f"{name}预算财政拨款情况既无金额也未说明为空表", expected="金额或“为空表”说明",
                               actual="未找到", sources=[section.source])


_MENTIONS = {
    # A stated zero (0万元, 为0, 没有) is a statement: only silence is a finding.
    "ops": ("机关运行经费", re.compile(r"\d[\d,]*(\.\d+)?\s*万?元|不适用|(无|未|没有).{0,10}机关运行经费|为0|为零")),
    "procurement": ("政府采购", re.compile(r"\d[\d,]*(\.\d+)?\s*万?元|(无|未|没有).{0,20}政府采购|为0|为零")),
    "assets": ("国有资产占用", re.compile(r"车辆|车\s*\d+\s*辆|固定资产|房屋|设备|资产")),
    "perf": ("预算绩效", re.compile(r"自评|绩效目标|绩效评价")),
}


def run_statements(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """机关运行经费, 政府采购, 国有资产 and 绩效 sections carry their figures or an explicit 无."""
    for kind, (name, pattern) in _MENTIONS.items():
        section = s.main_section(kind)
        if section is None:
            continue
        if pattern.search(s.body(section)):
            yield PASSED
        else:
            yield rule.finding(f"“{name}”部分没有金额，也没有明确说明无此项", expected="金额或“无”的说明",
                               actual="未找到", sources=[section.source])


GLOSSARY_TERMS = {
    DocKind.FINAL_ACCOUNTS: ("财政拨款收入", "事业收入", "年初结转和结余", "基本支出", "项目支出", "三公", "机关运行经费"),
    DocKind.BUDGET: ("财政拨款", "基本支出", "项目支出", "三公", "机关运行经费"),
}


def glossary_text(s: Subject) -> str:
    """The text after every 名词解释 heading that is not a table-of-contents line (its sub-items are often read
    as sections of their own, so the section's span alone is not the glossary)."""
    lines = s.doc.text.splitlines()
    headings = [i for i, line in enumerate(lines)
                if re.search(r"名[词称]解释", line) and not _TOC_LINE.search(line) and len(line.strip()) < 30]
    if not headings:
        return ""
    # The last such heading: a table of contents without dotted leaders names it first.
    start = headings[-1]
    out = [lines[start]]
    for line in lines[start + 1 : start + 80]:
        if _PART_END.match(line.strip()):
            break
        out.append(line)
    return "\n".join(out)


_PART_END = re.compile(r"第[一二三四五六七八九十]+部分|附件|(预算|公开)?\d+表|表\s*\d+\s*$|.{0,20}(预算|决算)(报)?表$")


def run_glossary(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """名词解释 defines the terms every reader needs."""
    body = glossary_text(s)
    if not body:
        yield rule.deferred("section:glossary")
        return
    terms = GLOSSARY_TERMS.get(s.doc.kind, ())
    compact = re.sub(r"\s+", "", body)
    missing = [t for t in terms if t not in compact]
    sections = s.sections_of("glossary")
    if missing:
        yield rule.finding("名词解释未解释：" + "、".join(missing), expected="、".join(terms),
                           actual="缺少 " + "、".join(missing), sources=[sections[-1].source] if sections else [])
    else:
        yield PASSED
