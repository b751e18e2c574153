"""Chinese names of fact keys, for messages (the vocabulary of docs/facts.md)."""

from __future__ import annotations

import re

LABELS = {
    "staff.total": "实有人数", "staff.active": "在职人员", "staff.lixiu": "离休人员", "staff.retired": "退休人员",
    "summary.income_total": "收入总计", "summary.income_current": "本年收入合计",
    "summary.income_nonfiscal_balance_used": "使用非财政拨款结余", "summary.income_carryover_begin": "年初结转和结余",
    "summary.expense_total": "支出总计", "summary.expense_current": "本年支出合计",
    "summary.expense_surplus_distribution": "结余分配", "summary.expense_carryover_end": "年末结转和结余",
    "summary": "收入支出总体",
    "income.current": "本年收入", "income.fiscal": "财政拨款收入", "income.superior_subsidy": "上级补助收入",
    "income.business": "事业收入", "income.operating": "经营收入", "income.affiliated_remit": "附属单位上缴收入",
    "income.other": "其他收入",
    "expense.current": "本年支出", "expense.basic": "基本支出", "expense.project": "项目支出",
    "expense.remit_superior": "上缴上级支出", "expense.operating": "经营支出",
    "expense.affiliated_subsidy": "对附属单位补助支出",
    "fiscal.income_total": "财政拨款收入总计", "fiscal.carryover_begin": "年初财政拨款结转和结余",
    "fiscal.income_current": "本年财政拨款收入", "fiscal.expense_total": "财政拨款支出总计",
    "fiscal.carryover_end": "年末财政拨款结转和结余", "fiscal.expense_current": "本年财政拨款支出",
    "fiscal": "财政拨款收入支出总体", "fiscal.budget_initial": "财政拨款年初预算数", "fiscal.final": "财政拨款决算数",
    "gpb.total": "一般公共预算财政拨款支出", "gpb": "一般公共预算财政拨款支出",
    "gpb.share_of_expense_current": "一般公共预算财政拨款支出占本年支出合计比例",
    "gpb.budget_initial": "一般公共预算财政拨款年初预算数", "gpb.final": "一般公共预算财政拨款决算数",
    "basic.total": "一般公共预算财政拨款基本支出", "basic.personnel": "人员经费", "basic.public": "公用经费",
    "three.total": "“三公”经费", "three": "“三公”经费", "three.overseas": "因公出国(境)费",
    "three.vehicle": "公务用车购置及运行维护费", "three.reception": "公务接待费",
    "three.vehicle_purchase": "公务用车购置费", "three.vehicle_operation": "公务用车运行维护费",
    "three.overseas_groups": "因公出国(境)团组数", "three.overseas_persons": "因公出国(境)人次",
    "three.vehicles_purchased": "公务用车购置数", "three.vehicles_owned": "公务用车保有量",
    "three.fixed_asset_vehicles": "国有资产中固定资产车辆", "three.reception_batches": "国内公务接待批次",
    "three.reception_persons": "国内公务接待人次", "three.budget": "“三公”经费全年预算数",
    "three.final": "“三公”经费决算数",
    "ops.total": "机关运行经费", "ops": "机关运行经费",
    "procurement.total": "政府采购支出总额", "procurement.goods": "政府采购货物支出",
    "procurement.works": "政府采购工程支出", "procurement.services": "政府采购服务支出",
    "procurement.sme": "授予中小企业合同金额", "procurement.sme_pct": "授予中小企业合同金额占比",
    "procurement.small_micro": "授予小微企业合同金额", "procurement.small_micro_pct": "授予小微企业合同金额占比",
    "assets.vehicles": "国有资产占用车辆数",
    "perf.overall_tables": "整体支出绩效自评表个数", "perf.overall_budget": "整体绩效全年预算总额",
    "perf.overall_executed": "整体绩效实际执行总额", "perf.projects": "预算绩效评价项目个数",
    "perf.projects_budget": "绩效评价项目全年预算数", "perf.projects_executed": "绩效评价项目全年执行数",
    "budget.income_total": "收入总计(预算)", "budget.expense_total": "支出总计(预算)",
    "budget.gpb": "一般公共预算拨款", "budget.gov_fund": "政府性基金预算拨款",
    "budget.soe_capital": "国有资本经营预算拨款", "budget.unit_funds": "单位资金", "budget.carryover": "上年结转结余",
    "budget.basic": "基本支出(预算)", "budget.reserve": "单位预留机动经费(预算)",
    "budget.carryover_end": "年末结转结余(预算)", "budget.project": "项目支出(预算)", "budget.personnel": "人员经费(预算)",
    "budget.public": "公用经费(预算)", "budget.three.total": "“三公”经费预算", "budget.three": "“三公”经费预算",
    "budget.three.overseas": "因公出国(境)费预算", "budget.three.reception": "公务接待费预算",
    "budget.three.vehicle": "公务用车购置及运行维护费预算", "budget.three.vehicle_purchase": "公务用车购置费预算",
    "budget.three.vehicle_operation": "公务用车运行维护费预算", "budget.ops": "机关运行经费预算",
    "budget.procurement.total": "政府采购预算", "budget.procurement.goods": "政府采购货物预算",
    "budget.procurement.works": "政府采购工程预算", "budget.procurement.services": "政府采购服务预算",
}
_SUFFIXES = {
    "pct": "占比", "change": "比上年增减额", "change_pct": "比上年增减率", "budget": "全年预算数",
    "final": "决算数", "deviation_pct": "预决算差异率", "budget_initial": "年初预算数", "basic": "基本支出",
    "project": "项目支出", "executed": "全年执行数", "budget_full": "全年预算数", "execution_rate": "执行率",
    "execution_score": "执行率得分", "total_score": "总分",
}
_BRACKET = re.compile(r"^(?P<family>[\w.]+)\[(?P<name>[^\]]+)\](?:\.(?P<rest>.+))?$")
_FAMILIES = {"gpb.category": "{}(类)", "gpb.item": "{}(项)", "budget.function": "功能科目{}",
             "budget.economic": "经济科目{}", "budget.project": "项目“{}”", "perf.table": "绩效表“{}”"}


def label(key: str) -> str:
    """The Chinese name of a fact key (the key itself when it has none)."""
    if key in LABELS:
        return LABELS[key]
    match = _BRACKET.match(key)
    if match:
        name = _FAMILIES.get(match["family"], "{}").format(match["name"].rsplit("/", 1)[-1])
        rest = match["rest"]
        if not rest:
            return name
        return name + "".join(_SUFFIXES.get(part, part) for part in rest.split("."))
    head, _, last = key.rpartition(".")
    if head and last in _SUFFIXES:
        return label(head) + _SUFFIXES[last]
    return key
