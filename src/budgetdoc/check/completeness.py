"""Required sections and statements per document kind, read from the outline and the section text.

These rules read the text rather than facts: whether a document *says* something must not depend on
whether an extractor already understands how it says it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetdoc.check.base import PASSED, Outcome, Rule, Subject
from budgetdoc.extract.identify import EXPECTED_SECTIONS, SECTION_NAMES
from budgetdoc.model import DocKind


def run_sections(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """Every section the national template requires for this kind is present."""
    present = {sec.kind for sec in s.doc.sections}
    for kind in EXPECTED_SECTIONS.get(s.doc.kind, ()):
        if kind in present:
            yield PASSED
        else:
            yield rule.finding(f"缺少“{SECTION_NAMES[kind]}”部分", expected=SECTION_NAMES[kind], actual="未找到")


def run_overview(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """部门概况 states 主要职能 and 机构设置."""
    for kinds, name in ((("functions",), "主要职能"), (("org",), "机构设置")):
        if s.sections_of(*kinds) or name in s.doc.text[:20000]:
            yield PASSED
        else:
            yield rule.finding(f"单位概况未说明{name}", expected=name, actual="未找到")


_EMPTY = re.compile(r"(无|没有|未).{0,40}(收入|支出|资金|结转|结余)|空表|无数据")
_AMOUNT = re.compile(r"\d[\d,]*\.\d+万元")


def run_fund_tables_explained(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """政府性基金 / 国有资本经营: either figures or an explicit 无…/为空表 statement."""
    for kind, name in (("gov_fund", "政府性基金"), ("soe_capital", "国有资本经营")):
        sections = [sec for sec in s.sections_of(kind) if sec.level <= 3]
        if not sections:
            continue  # the missing section itself is completeness.sections' finding
        body = s.body(sections[0])
        if _AMOUNT.search(body) or _EMPTY.search(body):
            yield PASSED
        else:
            yield rule.finding(f"{name}预算财政拨款情况既无金额也未说明为空表", expected="金额或“为空表”说明",
                               actual="未找到", sources=[sections[0].source])


_MENTIONS = {
    "ops": ("机关运行经费", re.compile(r"\d[\d,]*\.\d+万元|不适用|(无|未).{0,10}机关运行经费")),
    "procurement": ("政府采购", re.compile(r"\d[\d,]*\.\d+万元|(无|未).{0,20}政府采购")),
    "assets": ("国有资产占用", re.compile(r"车辆|固定资产|房屋")),
    "perf": ("预算绩效", re.compile(r"自评|绩效目标|绩效评价")),
}


def run_statements(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """机关运行经费, 政府采购, 国有资产 and 绩效 sections carry their figures or an explicit 无."""
    for kind, (name, pattern) in _MENTIONS.items():
        sections = s.sections_of(kind)
        if not sections:
            continue
        if pattern.search(s.body(sections[0])):
            yield PASSED
        else:
            yield rule.finding(f"“{name}”部分没有金额，也没有明确说明无此项", expected="金额或“无”的说明",
                               actual="未找到", sources=[sections[0].source])


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
