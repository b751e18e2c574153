"""The nine standard 部门决算 tables (收入支出决算总表 … 国有资本经营预算财政拨款收入支出决算表) from derived facts.

The tables are built from the same facts as the text, so text and tables cannot disagree. They carry what a
fact set holds: T1's spending side is shown by spending type and T5 by 功能分类 item, without the codes the
budget system adds (a fact set has no codes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from budgetdoc.model import Value


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One table ready to render: printed cells only."""

    number: str
    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty_statement: str = ""


# Row labels and the fact each row prints; shared with the workbook reader, which reads them back.
T1_INCOME = (("一般公共预算财政拨款收入", "income.fiscal"), ("上级补助收入", "income.superior_subsidy"),
             ("事业收入", "income.business"), ("经营收入", "income.operating"),
             ("附属单位上缴收入", "income.affiliated_remit"), ("其他收入", "income.other"),
             ("本年收入合计", "summary.income_current"),
             ("使用非财政拨款结余（含专用结余）", "summary.income_nonfiscal_balance_used"),
             ("年初结转和结余", "summary.income_carryover_begin"), ("收入总计", "summary.income_total"))
T1_EXPENSE = (("基本支出", "expense.basic"), ("项目支出", "expense.project"),
              ("上缴上级支出", "expense.remit_superior"), ("经营支出", "expense.operating"),
              ("对附属单位补助支出", "expense.affiliated_subsidy"), ("本年支出合计", "summary.expense_current"),
              ("结余分配", "summary.expense_surplus_distribution"),
              ("年末结转和结余", "summary.expense_carryover_end"), ("支出总计", "summary.expense_total"))
T9_THREE = (("合计", "three.budget", "three.final"), ("因公出国（境）费", "three.overseas.budget", "three.overseas"),
            ("公务用车购置费", "three.vehicle_purchase.budget", "three.vehicle_purchase"),
            ("公务用车运行维护费", "three.vehicle_operation.budget", "three.vehicle_operation"),
            ("公务接待费", "three.reception.budget", "three.reception"))
ITEM_INDENT = "　"
"""T5 prints a 类 row, then its items indented as ``款 — 项``."""
ITEM_JOIN = " — "


def _a(facts: Mapping[str, Value], key: str) -> str:
    return f"{Decimal(facts[key]):,.2f}"


def nine_tables(facts: Mapping[str, Value]) -> tuple[TableSpec, ...]:
    """The nine tables in the order of the 2024 template (as sample 003 lists them)."""
    def a(key: str) -> str:
        return _a(facts, key)

    income, expense = T1_INCOME, T1_EXPENSE
    t1_rows = []
    for i in range(max(len(income), len(expense))):
        left = (income[i][0], a(income[i][1])) if i < len(income) else ("", "")
        right = (expense[i][0], a(expense[i][1])) if i < len(expense) else ("", "")
        t1_rows.append(left + right)
    items = [k for k in facts if k.startswith("gpb.item[") and k.endswith("]")]
    categories = [k for k in facts if k.startswith("gpb.category[") and k.endswith("]")]
    t5_rows = [("合计", a("gpb.total"))]
    for category in categories:
        name = category[len("gpb.category["):-1]
        t5_rows.append((name, a(category)))
        t5_rows += [(ITEM_INDENT + k[len("gpb.item["):-1].split("/", 1)[1].replace("/", ITEM_JOIN), a(k))
                    for k in items if k[len("gpb.item["):].startswith(name + "/")]
    three = T9_THREE
    empty_header = ("项目", "年初结转和结余", "本年收入", "本年支出", "年末结转和结余")
    return (
        TableSpec("表1", "收入支出决算总表", ("收入项目", "决算数", "支出项目", "决算数"), tuple(t1_rows)),
        TableSpec("表2", "收入决算表", ("项目", "本年收入合计", *(x[0] for x in income[:6])),
                  (("合计", a("summary.income_current"), *(a(x[1]) for x in income[:6])),)),
        TableSpec("表3", "支出决算表", ("项目", "本年支出合计", *(x[0] for x in expense[:5])),
                  (("合计", a("summary.expense_current"), *(a(x[1]) for x in expense[:5])),)),
        TableSpec("表4", "财政拨款收入支出决算总表", ("收入项目", "决算数", "支出项目", "决算数"), (
            ("年初财政拨款结转和结余", a("fiscal.carryover_begin"), "本年财政拨款支出", a("fiscal.expense_current")),
            ("本年财政拨款收入", a("fiscal.income_current"), "年末财政拨款结转和结余", a("fiscal.carryover_end")),
            ("收入总计", a("fiscal.income_total"), "支出总计", a("fiscal.expense_total")))),
        TableSpec("表5", "一般公共预算财政拨款支出决算表", ("科目名称", "支出决算"), tuple(t5_rows)),
        TableSpec("表6", "一般公共预算财政拨款基本支出决算表", ("项目", "决算数"), (
            ("人员经费", a("basic.personnel")), ("公用经费", a("basic.public")), ("合计", a("basic.total")))),
        TableSpec("表7", "政府性基金预算财政拨款收入支出决算表", empty_header, (("合计", "", "", "", ""),),
                  "本单位本年度无政府性基金预算财政拨款收入、支出及结转和结余，本表为空表。"
                  if facts.get("gov_fund.empty", True) else ""),
        TableSpec("表8", "国有资本经营预算财政拨款收入支出决算表", empty_header, (("合计", "", "", "", ""),),
                  "本单位本年度无国有资本经营预算财政拨款收入、支出及结转和结余，本表为空表。"
                  if facts.get("soe_capital.empty", True) else ""),
        TableSpec("表9", "财政拨款“三公”经费支出决算表", ("项目", "全年预算数", "决算数"),
                  tuple((label, a(b), a(f)) for label, b, f in three)),
    )
