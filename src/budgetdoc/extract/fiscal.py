"""fiscal.*, gpb.* and basic.*: 财政拨款收支总体, 一般公共预算财政拨款支出 (总体/结构/具体) and 基本支出."""

from __future__ import annotations

from collections.abc import Iterator

from budgetdoc.extract.base import Context
from budgetdoc.extract.patterns import AMOUNT, COMPARED, PCT, budget_vs_final, change, in_first, rule
from budgetdoc.model import DocKind, Fact

_FISCAL = (
    rule(rf"财政拨款收入总计(?P<a>{AMOUNT})", a="fiscal.income_total"),
    rule(rf"年初财政拨款结转和结余(?P<a>{AMOUNT})", a="fiscal.carryover_begin"),
    rule(rf"本年财政拨款收入(?P<a>{AMOUNT})", a="fiscal.income_current"),
    rule(rf"财政拨款支出总计(?P<a>{AMOUNT})", a="fiscal.expense_total"),
    rule(rf"年末财政拨款结转和结余(?P<a>{AMOUNT})", a="fiscal.carryover_end"),
    rule(rf"本年财政拨款支出(?P<a>{AMOUNT})", a="fiscal.expense_current"),
    rule(rf"{COMPARED}{change('c')}", c="fiscal.change", c_pct="fiscal.change_pct"),
    rule(budget_vs_final("b"), b_budget="fiscal.budget_initial", b_final="fiscal.final",
         b_dev="fiscal.deviation_pct"),
)

_GPB_TOTAL = (
    rule(rf"一般公共预算财政拨款支出(?P<a>{AMOUNT}),占本年支出合计的(?P<p>{PCT})",
         a="gpb.total", p="gpb.share_of_expense_current"),
    rule(rf"{COMPARED}{change('c')}", c="gpb.change", c_pct="gpb.change_pct"),
    rule(budget_vs_final("b"), b_budget="gpb.budget_initial", b_final="gpb.final", b_dev="gpb.deviation_pct"),
)

# Names keep the normalized brackets: 政府办公厅(室)及相关机构事务 (see docs/facts.md).
_NAME = r"[^\n:,;。]+?"
_GPB_STRUCTURE = (
    # One per line (the samples) or one after another in a sentence (主要用于以下方面:…(类)…;…(类)…).
    rule(rf"(?m)(?:^|(?<=[:;,。]))(?:\d+[.、])?(?P<lei>{_NAME})\(类\)(?P<a>{AMOUNT}),占(?P<p>{PCT})",
         a="gpb.category[{lei}]", p="gpb.category[{lei}].pct"),
)
_GPB_ITEMS = (
    # 比上年 (the samples) or 年初预算 (other templates) comes with the amount; what the item was used
    # for may stand between the name and the figures.
    rule(rf"(?m)^(?:\d+[.、])?(?P<lei>{_NAME})\(类\)(?P<kuan>{_NAME})\(款\)(?P<xiang>{_NAME})\(项\)[^\n]*?"
         rf"(?:年初预算(?:数)?为?(?P<b>{AMOUNT}),)?支出决算(?:数)?为?(?P<a>{AMOUNT})"
         rf"(?:,?比上年(?:决算)?{change('c')})?",
         a="gpb.item[{lei}/{kuan}/{xiang}]", b="gpb.item[{lei}/{kuan}/{xiang}].budget_initial",
         c="gpb.item[{lei}/{kuan}/{xiang}].change", c_pct="gpb.item[{lei}/{kuan}/{xiang}].change_pct"),
)

_BASIC = (
    rule(rf"基本支出(?P<a>{AMOUNT})", a="basic.total"),
    rule(rf"人员经费(?P<a>{AMOUNT})", a="basic.personnel"),
    rule(rf"公用经费(?P<a>{AMOUNT})", a="basic.public"),
)


def extract_fiscal(ctx: Context) -> Iterator[Fact]:
    """财政拨款收支总体 (四), 一般公共预算财政拨款支出 (五) and its 基本支出 (六) of a 部门决算."""
    if ctx.kind is not DocKind.FINAL_ACCOUNTS:
        return
    yield from in_first(ctx, _FISCAL, "fiscal")
    yield from in_first(ctx, _GPB_TOTAL, "gpb_total", "gpb")
    yield from in_first(ctx, _GPB_STRUCTURE, "gpb_structure")
    yield from in_first(ctx, _GPB_ITEMS, "gpb_items")
    yield from in_first(ctx, _BASIC, "basic")
