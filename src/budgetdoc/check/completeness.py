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


def run_sections(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """Every section the national template requires for this kind is present."""
    present = {sec.kind for sec in s.doc.sections}
    required = REQUIRED_SECTIONS.get(s.doc.kind, ())
    if required and len(present & set(required)) * 3 < len(required):
        # Under a third of the outline: a separately published part (tables only, a 绩效 attachment).
        yield rule.finding("文档只包含部分内容（可能是单独公开的报表或附件），未逐项检查章节完整性",
                           expected="、".join(SECTION_NAMES[k] for k in required), actual="大部分章节未找到",
                           severity=Severity.WARNING)
        return
    for kind in required:
        if kind in present:
            yield PASSED
        else:
            yield rule.finding(f"缺少“{SECTION_NAMES[kind]}”部分", expected=SECTION_NAMES[kind], actual="未找到")


def run_overview(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """部门概况 states 主要职能 and 机构设置."""
    for kind, name, words in (("functions", "主要职能", re.compile(r"主要职能|职责")),
                              ("org", "机构设置", re.compile(r"机构设置|内设机构|单位构成|人员情况"))):
        if s.sections_of(kind) or words.search(s.doc.text[:20000]):
            yield PASSED
        else:
            yield rule.finding(f"单位概况未说明{name}", expected=name, actual="未找到")


_EMPTY = re.compile(r"(无|没有|未).{0,40}(收入|支出|资金|结转|结余)|空表|无数据")
_AMOUNT = re.compile(r"\d[\d,]*\.\d+万元")


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
    "ops": ("机关运行经费", re.compile(r"\d[\d,]*\.\d+万元|不适用|(无|未).{0,10}机关运行经费")),
    "procurement": ("政府采购", re.compile(r"\d[\d,]*\.\d+万元|(无|未).{0,20}政府采购")),
    "assets": ("国有资产占用", re.compile(r"车辆|固定资产|房屋")),
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


def run_glossary(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """名词解释 defines the terms every reader needs."""
    sections = s.sections_of("glossary")
    if not sections:
        yield rule.deferred("section:glossary")
        return
    body = "".join(s.body(sec) for sec in sections)
    terms = GLOSSARY_TERMS.get(s.doc.kind, ())
    missing = [t for t in terms if t not in body]
    if missing:
        yield rule.finding("名词解释未解释：" + "、".join(missing), expected="、".join(terms),
                           actual="缺少 " + "、".join(missing), sources=[sections[0].source])
    else:
        yield PASSED
