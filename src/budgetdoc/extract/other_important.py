"""ops.*, procurement.* and assets.*: 其他重要事项的情况说明 (机关运行经费, 政府采购, 国有资产占用)."""

from __future__ import annotations

from collections.abc import Iterator

from budgetdoc.extract.base import Context
from budgetdoc.extract.patterns import AMOUNT, NUM, PCT, change, in_first, rule
from budgetdoc.model import DocKind, Fact

# A 事业单位 reports its 公用经费 where a 行政单位 reports 机关运行经费 (002): both are ops.total.
_OPS = (
    rule(rf"(?:机关运行经费|公用经费)(?:支出)?(?P<a>{AMOUNT}),比上年{change('c')}",
         a="ops.total", c="ops.change", c_pct="ops.change_pct"),
)

_PROCUREMENT = (
    rule(rf"政府采购支出总额(?:为)?(?P<a>{AMOUNT})", a="procurement.total"),
    rule(rf"政府采购货物支出(?P<a>{AMOUNT})", a="procurement.goods"),
    rule(rf"政府采购工程支出(?P<a>{AMOUNT})", a="procurement.works"),
    rule(rf"政府采购服务支出(?P<a>{AMOUNT})", a="procurement.services"),
    rule(rf"授予中小企业合同金额(?P<a>{AMOUNT}),占政府采购支出总额的(?P<p>{PCT})",
         a="procurement.sme", p="procurement.sme_pct"),
    rule(rf"授予小微企业合同金额(?P<a>{AMOUNT}),占政府采购支出总额的(?P<p>{PCT})",
         a="procurement.small_micro", p="procurement.small_micro_pct"),
)

_ASSETS = (
    rule(rf"固定资产原值(?P<a>{AMOUNT})", a="assets.fixed_original_value"),
    rule(rf"房屋(?P<n>{NUM}平方米),价值(?P<a>{AMOUNT})", n="assets.house_area", a="assets.house_value"),
    rule(rf"车辆(?P<n>{NUM}辆),价值(?P<a>{AMOUNT})", n="assets.vehicles", a="assets.vehicles_value"),
    # 用途 as printed, brackets normalized: assets.vehicles[副部(省)级及以上领导用车].
    rule(rf"(?:其中:|、)(?P<use>[^,、:;。\n]+?用车)(?P<n>{NUM}辆)", n="assets.vehicles[{use}]"),
    rule(rf"单价100万元\(含\)以上(?:的)?设备(?:\(不含车辆\))?(?P<n>{NUM}台\(套\))", n="assets.equipment_over_1m"),
)


def extract_other_important(ctx: Context) -> Iterator[Fact]:
    """机关运行经费, 政府采购 and 国有资产占用 of a 部门决算."""
    if ctx.kind is not DocKind.FINAL_ACCOUNTS:
        return
    yield from in_first(ctx, _OPS, "ops")
    yield from in_first(ctx, _PROCUREMENT, "procurement")
    yield from in_first(ctx, _ASSETS, "assets")
