"""The 绩效自评表 attached in section 十一, in the cell-per-line layout of a Word export (sample 003).

A table is given by base facts ``perf.table[<项目>].budget_initial|budget_full|executed`` and, per 三级指标,
``perf.table[<项目>].indicator[<名称>].target|actual`` (printed strings) and ``.weight|score``; 执行率, 执行率得分
and 总分 are derived here. The 整体 table is ``perf.table[整体]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from budgetdoc.generate.derive import CENT, HUNDRED, money, pct
from budgetdoc.model import Value

EXECUTION_WEIGHT = Decimal(10)
_TABLE = re.compile(r"^perf\.table\[(?P<project>[^\]]+)\]\.(?P<field>budget_initial|budget_full|executed)$")
_INDICATOR = re.compile(r"^perf\.table\[(?P<project>[^\]]+)\]\.indicator\[(?P<name>[^\]]+)\]\.(?P<field>\w+)$")
DEFAULT_LEVELS = "产出指标/数量指标"


def perf_projects(facts: Mapping[str, Value]) -> list[str]:
    """The 项目 names that have a table, 整体 first, in input order."""
    names = list(dict.fromkeys(m["project"] for k in facts if (m := _TABLE.match(k))))
    return sorted(names, key=lambda n: n != "整体")


def indicators(facts: Mapping[str, Value], project: str) -> list[str]:
    """The 三级指标 names of one table, in input order."""
    prefix = f"perf.table[{project}].indicator["
    return list(dict.fromkeys(m["name"] for k in facts if k.startswith(prefix) and (m := _INDICATOR.match(k))))


def derive_perf(base: Mapping[str, Value], out: dict[str, Value]) -> None:
    """Add every table's base facts and its derived 执行率, 执行率得分 and 总分 (projects only) to ``out``."""
    for project in perf_projects(base):
        key = f"perf.table[{project}]"
        for field in ("budget_initial", "budget_full", "executed"):
            out[f"{key}.{field}"] = money(base[f"{key}.{field}"])
        rate = pct(Decimal(out[f"{key}.executed"]), Decimal(out[f"{key}.budget_full"]))
        score = (EXECUTION_WEIGHT * min(rate, HUNDRED) / HUNDRED).quantize(CENT)
        out[f"{key}.execution_rate"] = rate
        out[f"{key}.execution_score"] = score
        total = score
        for name in indicators(base, project):
            ind = f"{key}.indicator[{name}]"
            # A parsed table may leave a cell empty (an indicator without its 实际完成值): print it empty.
            for field in ("target", "actual"):
                if f"{ind}.{field}" in base:
                    out[f"{ind}.{field}"] = _text(base[f"{ind}.{field}"])
            for field in ("weight", "score"):
                if f"{ind}.{field}" in base:
                    out[f"{ind}.{field}"] = Decimal(base[f"{ind}.{field}"])
            total += Decimal(base.get(f"{ind}.score", 0))
        if project != "整体":
            out[f"{key}.total_score"] = total


def _text(value: Value) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _num(value: Value) -> str:
    return f"{Decimal(value):,.2f}"


def _cell(facts: Mapping[str, Value], key: str) -> str:
    return _weight(facts[key]) if key in facts else ""


def _weight(value: Value) -> str:
    return format(Decimal(value).normalize(), "f")


def table_lines(facts: Mapping[str, Value], project: str, unit: str, year: int,
                levels: Mapping[str, str] | None = None, goals: tuple[str, str] = ("", "")) -> list[str]:
    """One 自评表 as printed by a Word export: one cell per tab-indented line, a blank line between rows."""
    key = f"perf.table[{project}]"
    overall = project == "整体"
    rows: list[list[str]] = [["单位整体支出绩效自评表" if overall else "项目支出绩效自评表"], [f"（{year}年度）"]]
    rows.append(["单位名称", unit] if overall else ["项目名称", project, "实施单位", unit])
    head = "部门资金（万元）" if overall else "项目资金（万元）"
    rows.append([head, "资金来源" if overall else "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    label = "合计" if overall else "年度资金总额"
    rows.append(["", label, _num(facts[f"{key}.budget_initial"]), _num(facts[f"{key}.budget_full"]),
                 _num(facts[f"{key}.executed"]), _weight(EXECUTION_WEIGHT), f"{Decimal(facts[f'{key}.execution_rate']):.2f}%",
                 f"{Decimal(facts[f'{key}.execution_score']):.2f}"])
    rows.append(["年度总体目标", "预期目标", "实际完成情况"])
    rows.append(["", goals[0] or "按期完成年度工作任务。", goals[1] or "已按期完成年度工作任务。"])
    rows.append(["一级指标", "二级指标", "三级指标", "预期指标值", "分值", "实际完成指标值", "得分"])
    previous = ("", "")
    for name in indicators(facts, project):
        ind = f"{key}.indicator[{name}]"
        level1, level2 = ((levels or {}).get(name) or DEFAULT_LEVELS).split("/")
        shown = (level1 if level1 != previous[0] else "", level2 if (level1, level2) != previous else "")
        previous = (level1, level2)
        rows.append([*shown, name, str(facts.get(f"{ind}.target", "")), _cell(facts, f"{ind}.weight"),
                     str(facts.get(f"{ind}.actual", "")), _cell(facts, f"{ind}.score")])
    if not overall:
        # As sample 003 prints it: the full mark, empty cells, then the score with 分.
        rows.append(["总分", "100", "", "", "", f"{Decimal(facts[f'{key}.total_score']):.2f}分"])
    lines: list[str] = []
    for row in rows:
        lines += [f"\t{cell}" for cell in row] + [""]
    return lines
