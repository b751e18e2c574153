"""three.* (财政拨款“三公”经费) and the empty-table statements gov_fund.empty / soe_capital.empty."""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetdoc.extract.base import Context
from budgetdoc.extract.patterns import (AMOUNT, NUM, PCT, Rule, budget_vs_final, change, explained, in_first,
                                        rule)
from budgetdoc.model import DocKind, Fact

_OVERSEAS = r"因公出国\(境\)费(?:用)?"
_VEHICLE = r"公务用车购置及运行(?:维护)?费"
_RECEPTION = r"公务接待费"
_ITEMS = ((_OVERSEAS, "overseas"), (_VEHICLE, "vehicle"), (_RECEPTION, "reception"))
_BUDGET_ITEMS = ((_OVERSEAS, "overseas"), (r"公务用车购置费", "vehicle_purchase"),
                 (r"公务用车运行(?:维护)?费", "vehicle_operation"), (_RECEPTION, "reception"))


def _item_rules() -> Iterator[Rule]:
    for label, key in _ITEMS:
        # The opening paragraph: amount, share and change of each item.
        yield rule(rf"{label}(?:支出)?(?P<a>{AMOUNT}),占(?P<p>{PCT}),比上年{change('c')}",
                   a=f"three.{key}", p=f"three.{key}.pct", c=f"three.{key}.change",
                   c_pct=f"three.{key}.change_pct")
        # 具体情况: the item again, then what it was spent on.
        yield rule(rf"{label}(?:支出)?(?P<a>{AMOUNT}),(?:开支内容|其中)", a=f"three.{key}")
    for label, key in _BUDGET_ITEMS:
        yield rule(rf"{label}{budget_vs_final('b')}", b_budget=f"three.{key}.budget",
                   b_final=f"three.{key}.final",
                   b_dev=f"three.{key}.deviation_pct")


_THREE = (
    rule(rf"“三公”经费(?:支出)?(?P<a>{AMOUNT}),比上年{change('c')}",
         a="three.total", c="three.change", c_pct="three.change_pct"),
    rule(rf"“三公”经费(?:支出)?{budget_vs_final('b')}", b_budget="three.budget", b_final="three.final",
         b_dev="three.deviation_pct"),
    *_item_rules(),
    rule(rf"公务用车购置费(?P<a>{AMOUNT})", a="three.vehicle_purchase"),
    rule(rf"公务用车运行(?:维护)?费(?P<a>{AMOUNT})", a="three.vehicle_operation"),
    rule(rf"团组(?P<n>{NUM}个)", n="three.overseas_groups"),
    rule(rf"因公出国\(境\)(?P<n>{NUM}人次)", n="three.overseas_persons"),
    rule(rf"公务用车购置数(?P<n>{NUM}辆)", n="three.vehicles_purchased"),
    rule(rf"公务用车保有量(?P<n>{NUM}辆)", n="three.vehicles_owned"),
    rule(rf"固定资产车辆(?P<n>{NUM}辆)", n="three.fixed_asset_vehicles"),
    rule(rf"国内公务接待(?P<b>{NUM}批次),(?P<p>{NUM}人次)", b="three.reception_batches", p="three.reception_persons"),
)

_EMPTY = re.compile(r"[^,。;:]*表为空表")


def extract_three_public(ctx: Context) -> Iterator[Fact]:
    """财政拨款“三公”经费支出决算情况说明 of a 部门决算."""
    if ctx.kind is not DocKind.FINAL_ACCOUNTS:
        return
    yield from in_first(ctx, _THREE, "three_public")


def extract_empty_tables(ctx: Context) -> Iterator[Fact]:
    """gov_fund.empty / soe_capital.empty: true where the section says its table is empty (空表)."""
    if ctx.kind is not DocKind.FINAL_ACCOUNTS:
        return
    for kind, key in (("gov_fund", "gov_fund.empty"), ("soe_capital", "soe_capital.empty")):
        match = next((m for s in explained(ctx, kind) for m in ctx.finditer(_EMPTY, s)), None)
        if match is not None:
            yield ctx.fact(key, True, *match.span())
