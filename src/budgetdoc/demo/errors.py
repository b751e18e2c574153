"""Mistakes deliberately put into a few demo documents, the kinds hand-written disclosures really contain.

Each one edits the generated text the way a person editing the Word file would (a retyped figure, a dropped
sentence), so the checker has something true to find. Every injection is listed in the corpus manifest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from budgetdoc.model import Severity


@dataclass(frozen=True, slots=True)
class Injection:
    """One kind of deliberate mistake."""

    code: str
    description: str
    keys: tuple[str, ...]
    """The fact keys whose printed value or explanation the mistake breaks."""
    apply: Callable[[str], str]
    severity: Severity = Severity.ERROR
    """How surely the checker can call it: a figure that contradicts another is an error; a reason the text
    does not give is a warning, since a reason may be worded in ways no search is sure to know."""


def _sub_once(pattern: str, replace: Callable[[re.Match[str]], str]) -> Callable[[str], str]:
    compiled = re.compile(pattern)

    def apply(text: str) -> str:
        new, count = compiled.subn(replace, text, count=1)
        if count != 1:
            msg = f"注入失败：找不到 {pattern}"
            raise ValueError(msg)
        return new
    return apply


def _bump(number: str, delta: str) -> str:
    """A printed amount with ``delta`` added, printed the same way (thousands separators, 2 decimals)."""
    from decimal import Decimal  # noqa: PLC0415 - tiny helper, kept local

    return f"{Decimal(number.replace(',', '')) + Decimal(delta):,.2f}"


INJECTIONS = (
    Injection("income-total-typo", "收入总计抄错：第二部分一中的收入总计比各项之和多 10.00 万元",
              ("summary.income_total",),
              _sub_once(r"(年度收入总计)([\d,]+\.\d{2})", lambda m: m[1] + _bump(m[2], "10.00"))),
    Injection("share-typo", "占比抄错：收入决算中财政拨款收入的占比少写 1.00 个百分点",
              ("income.fiscal.pct",),
              _sub_once(r"(财政拨款收入[\d,]+\.\d{2}万元，占)(\d+\.\d{2})%",
                        lambda m: m[1] + _bump(m[2], "-1.00" if float(m[2]) >= 1 else "1.00") + "%")),
    Injection("three-direction", "方向词写反：“三公”经费总额的“增加/减少”与金额变化不符",
              ("three.change",),
              _sub_once(r"(“三公”经费支出[\d,]+\.\d{2}万元，比上年)(增加|减少)([\d,]+\.\d{2}万元，)(增长|下降)",
                        lambda m: m[1] + ("减少" if m[2] == "增加" else "增加") + m[3]
                        + ("下降" if m[4] == "增长" else "增长"))),
    Injection("ops-reason-missing", "缺少原因说明：机关运行经费增减后没有“主要原因是”",
              ("ops.change",),
              _sub_once(r"(机关运行经费支出[\d,]+\.\d{2}万元，比上年[^，]+，[^，]+)，主要原因是：[^\n]*",
                        lambda m: m[1] + "。"),
              Severity.WARNING),
    Injection("procurement-sum", "政府采购合计抄错：服务支出少写 5.00 万元，货物+工程+服务 ≠ 总额",
              ("procurement.total", "procurement.services"),
              _sub_once(r"(政府采购服务支出)([\d,]+\.\d{2})", lambda m: m[1] + _bump(m[2], "-5.00")
                        if float(m[2].replace(",", "")) >= 5 else m[1] + _bump(m[2], "5.00"))),
)
BY_CODE = {i.code: i for i in INJECTIONS}
