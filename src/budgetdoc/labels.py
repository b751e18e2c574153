"""Chinese names of every fact key (the vocabulary of docs/facts.md), for the web, the CLI, exports and the API.

``label("three.total")`` is 三公经费合计, ``label("gpb.item[一般公共服务支出/财政事务/行政运行].change")`` names the
item (行政运行(项)比上年增减额), and a key the vocabulary does not list is built from its parts, so a key added
later still reads in Chinese. ``matches(query, key)`` finds keys by Chinese or English.
"""

from __future__ import annotations

import re
from functools import lru_cache

from budgetdoc.check.labels import LABELS as _CHECK_LABELS

LABELS: dict[str, str] = {
    **_CHECK_LABELS,
    "doc.kind": "文档类型", "doc.unit": "单位名称", "doc.year": "年度",
    "staff.authorized": "编制数", "org.subunits": "下属预算单位数", "org.divisions": "内设处室数",
    "org.admin_units": "行政单位数", "org.institutions": "事业单位数",
    "three.total": "“三公”经费合计", "summary.change": "收入支出总计比上年增减额",
    "summary.change_pct": "收入支出总计比上年增减率",
    "gov_fund.empty": "政府性基金预算财政拨款为空表", "soe_capital.empty": "国有资本经营预算财政拨款为空表",
    "assets.fixed_original_value": "固定资产原值", "assets.house_area": "房屋面积(平方米)",
    "assets.house_value": "房屋价值", "assets.vehicles_value": "车辆价值",
    "assets.equipment_over_1m": "单价100万元以上设备(台套)",
    "perf.overall_score": "整体支出绩效自评得分",
    "budget.carryover_fiscal": "上年财政拨款结转", "budget.fiscal_total": "财政拨款收入总计(预算)",
    "budget.gpb_total": "一般公共预算财政拨款合计(预算)", "budget.gpb_basic": "一般公共预算基本支出(预算)",
    "budget.gpb_project": "一般公共预算项目支出(预算)",
    "budget.procurement.sme_reserved": "面向中小企业预留金额",
    "budget.procurement.small_micro_reserved": "面向小微企业预留金额",
    "budget.perf.overall_targets": "整体绩效目标个数", "budget.perf.overall_amount": "整体绩效目标涉及金额",
    "budget.perf.fiscal_projects": "财政拨款绩效目标项目个数",
    "budget.perf.fiscal_projects_amount": "财政拨款绩效目标项目金额",
    "budget.perf.nonfiscal_projects": "非财政拨款绩效目标项目个数",
    "budget.perf.nonfiscal_projects_amount": "非财政拨款绩效目标项目金额",
    "budget.assets.house_area": "房屋面积(平方米，预算)", "budget.assets.house_value": "房屋价值(预算)",
    "budget.assets.vehicles": "车辆数(预算)", "budget.assets.vehicles_value": "车辆价值(预算)",
    "budget.assets.official_vehicles": "公务用车数", "budget.assets.official_vehicles_value": "公务用车价值",
    "budget.assets.enforcement_vehicles": "执法执勤用车数",
    "budget.assets.enforcement_vehicles_value": "执法执勤用车价值",
    "budget.assets.other_vehicles": "其他用车数", "budget.assets.other_vehicles_value": "其他用车价值",
    "budget.assets.furniture_value": "家具价值", "budget.assets.other_value": "其他资产价值",
    "budget.assets.equipment_over_500k": "单价50万元以上设备(台套)",
    "budget.assets.equipment_over_1m": "单价100万元以上设备(台套)",
    "budget.assets.new_equipment_over_500k": "新购单价50万元以上设备(台套)",
    "budget.assets.new_equipment_over_1m": "新购单价100万元以上设备(台套)",
}
"""Exact keys; the check module's names first, then what it has no name for (docs/facts.md, Additions)."""

SUFFIXES: dict[str, str] = {
    "pct": "占比", "change": "比上年增减额", "change_pct": "比上年增减率", "budget": "全年预算数",
    "final": "决算数", "deviation_pct": "预决算差异率", "budget_initial": "年初预算数", "basic": "基本支出",
    "project": "项目支出", "executed": "全年执行数", "budget_full": "全年预算数", "execution_rate": "执行率",
    "execution_score": "执行率得分", "total_score": "总分", "target": "指标值", "actual": "实际完成值",
    "weight": "分值", "score": "得分", "unit": "实施单位", "amount": "金额", "name": "名称", "period": "实施期限",
    "code": "科目编码", "empty": "为空表",
}
"""The last part of a key: what of the figure named before it."""

FAMILIES: dict[str, str] = {
    "gpb.category": "{}(类)", "gpb.item": "{}(项)", "budget.function": "功能科目{}",
    "budget.gpb_function": "一般公共预算功能科目{}", "budget.economic": "经济科目{}",
    "budget.gpb_category": "一般公共预算{}(类)", "budget.gpb_item": "一般公共预算{}(项)",
    "budget.project": "项目“{}”", "budget.project_desc": "项目说明“{}”", "budget.item": "{}(项)",
    "perf.table": "绩效表“{}”", "perf.narrative": "绩效成效：{}", "assets.vehicles": "车辆：{}",
    "indicator": "指标“{}”", "allocation": "资金安排“{}”", "basis": "立项依据{}",
}
"""Bracketed families: ``family[name]`` reads as the format with the name (an item path by its last part)."""

_PART = re.compile(r"(?P<word>[a-z0-9_]+(?:\.[a-z0-9_]+)*?)(?:\[(?P<name>[^\]]*)\])?(?:\.|$)")
_PUNCT = re.compile(r"[\s“”\"'()（）\[\]/.·_\-]+")


@lru_cache(maxsize=8192)
def label(key: str) -> str:
    """The Chinese name of a fact key; never the bare English key for a key of the vocabulary's shape."""
    if key in LABELS:
        return LABELS[key]
    bracket = key.find("[")
    if bracket < 0:
        head, _, last = key.rpartition(".")
        if head and last in SUFFIXES:
            return label(head) + SUFFIXES[last]
        return key
    family, rest = key[:bracket], key[bracket:]
    close = rest.find("]")
    name, tail = rest[1:close], rest[close + 1:].removeprefix(".")
    out = _family(family, name)
    while tail:
        match = _PART.match(tail)
        if match is None or not match.group():
            return out + tail
        word, inner = match["word"], match["name"]
        if inner is not None:
            out += _family(word, inner)
        else:
            out += "".join(SUFFIXES.get(w, w) for w in word.split("."))
        tail = tail[match.end():]
    return out


def _family(family: str, name: str) -> str:
    shown = name.rsplit("/", 1)[-1]
    if family in FAMILIES:
        return FAMILIES[family].format(shown)
    prefix = LABELS.get(family) or label(family)
    return f"{prefix}“{shown}”"


def labelled(key: str) -> dict[str, str]:
    """A key with its Chinese name, the shape the API gives for every key."""
    return {"key": key, "label": label(key)}


def _fold(text: str) -> str:
    return _PUNCT.sub("", text).lower()


def matches(query: str, key: str) -> bool:
    """Whether a search finds a key: its Chinese name or the key itself contains the query (punctuation ignored)."""
    q = _fold(query)
    return not q or q in _fold(key) or q in _fold(label(key))
