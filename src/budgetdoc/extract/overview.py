"""summary.*, income.* and expense.*: sections 一 to 三 of 部门决算情况说明."""

from __future__ import annotations

from collections.abc import Iterator

from budgetdoc.extract.base import Context
from budgetdoc.extract.patterns import AMOUNT, COMPARED, PCT, change, in_first, rule
from budgetdoc.model import DocKind, Fact

_SUMMARY = (
    rule(rf"收入总计(?P<a>{AMOUNT})", a="summary.income_total"),
    rule(rf"本年收入合计(?P<a>{AMOUNT})", a="summary.income_current"),
    rule(rf"使用非财政拨款结余(?:\(含专用结余\))?(?P<a>{AMOUNT})", a="summary.income_nonfiscal_balance_used"),
    rule(rf"年初结转和结余(?P<a>{AMOUNT})", a="summary.income_carryover_begin"),
    # Not 收入支出总计 (one figure for both, in some templates): that would half-state it.
    rule(rf"(?<!收入)支出总计(?P<a>{AMOUNT})", a="summary.expense_total"),
    rule(rf"本年支出合计(?P<a>{AMOUNT})", a="summary.expense_current"),
    rule(rf"结余分配(?P<a>{AMOUNT})", a="summary.expense_surplus_distribution"),
    rule(rf"年末结转和结余(?P<a>{AMOUNT})", a="summary.expense_carryover_end"),
    rule(rf"{COMPARED}{change('c')}", c="summary.change", c_pct="summary.change_pct"),
)

INCOME_ITEMS = (("财政拨款收入", "fiscal"), ("上级补助收入", "superior_subsidy"), ("事业收入", "business"),
                ("经营收入", "operating"), ("附属单位上缴收入", "affiliated_remit"), ("其他收入", "other"))
EXPENSE_ITEMS = (("基本支出", "basic"), ("项目支出", "project"), ("上缴上级支出", "remit_superior"),
                 ("经营支出", "operating"), ("对附属单位补助支出", "affiliated_subsidy"))


def _shares(family: str, items: tuple[tuple[str, str], ...]) -> tuple:
    return tuple(rule(rf"{label}(?P<a>{AMOUNT}),占(?P<p>{PCT})", a=f"{family}.{key}",
                      p=f"{family}.{key}.pct") for label, key in items)


_INCOME = (rule(rf"本年收入(?P<a>{AMOUNT})", a="income.current"), *_shares("income", INCOME_ITEMS))
_EXPENSE = (rule(rf"本年支出(?P<a>{AMOUNT})", a="expense.current"), *_shares("expense", EXPENSE_ITEMS))


def extract_overview(ctx: Context) -> Iterator[Fact]:
    """收入支出总体, 收入 and 支出 of a 部门决算."""
    if ctx.kind is not DocKind.FINAL_ACCOUNTS:
        return
    yield from in_first(ctx, _SUMMARY, "summary")
    yield from in_first(ctx, _INCOME, "income")
    yield from in_first(ctx, _EXPENSE, "expense")
