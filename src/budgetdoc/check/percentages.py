"""Printed percentages recomputed from printed amounts: shares, changes on last year, budget deviations.

A printed percentage is accepted when some true values within the rounding of its inputs give it; a miss by
at most one unit of its last printed digit beyond that is a rounding slip (info), anything more is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from budgetdoc.check.base import PASSED, Outcome, Passed, Rule, Subject
from budgetdoc.check.labels import label
from budgetdoc.check.tolerance import HUNDRED, Interval, fmt, places_of, total, unit_of
from budgetdoc.model import Fact, Severity

Linear = Sequence[tuple[str, int]]
"""Σ weight × value of keys."""


def judge_ratio(rule: Rule, s: Subject, printed_key: str, numerator: Linear, denominator: Linear,
                formula: str) -> Outcome:
    """Compare the printed percentage under ``printed_key`` with numerator / denominator × 100."""
    keys = [printed_key, *(k for k, _ in numerator), *(k for k, _ in denominator)]
    missing = [k for k in dict.fromkeys(keys) if s.amount(k) is None]
    if missing:
        return rule.deferred(*missing)
    printed = s.amount(printed_key)
    assert printed is not None
    num = total([(s.amount(k), w) for k, w in numerator])  # type: ignore[misc]
    den = total([(s.amount(k), w) for k, w in denominator])  # type: ignore[misc]
    num_value = sum((s.amount(k) * w for k, w in numerator), Decimal(0))  # type: ignore[operator]
    den_value = sum((s.amount(k) * w for k, w in denominator), Decimal(0))  # type: ignore[operator]
    facts = [s.facts[k] for k in dict.fromkeys(keys)]
    if den.contains_zero():
        # 上年数或预算数为 0: a percentage is meaningless unless nothing changed and it says 0.
        if printed == 0 and num.contains_zero():
            return PASSED
        return rule.finding(f"{label(printed_key)} {fmt(printed)}%，但按 {formula} 计算时分母为 {fmt(den_value)}，"
                            "不应给出百分比", expected="不适用（分母为 0）", actual=f"{fmt(printed)}%",
                            keys=[f.key for f in facts], sources=[f.source for f in facts], severity=Severity.WARNING)
    ratio = (num / den).scale(HUNDRED)
    gap = Interval.printed(printed).distance(ratio)
    if gap == 0:
        return PASSED
    exact = num_value / den_value * HUNDRED
    severity = Severity.INFO if gap <= unit_of(printed) else None
    return _finding(rule, facts, printed, exact, formula, num_value, den_value, severity,
                    "在舍入误差范围内" if severity else "")


def _finding(rule: Rule, facts: list[Fact], printed: Decimal, exact: Decimal, formula: str,
             num: Decimal, den: Decimal, severity: Severity | None, note: str) -> Outcome:
    places = places_of(printed)
    expected = fmt(exact, places) + "%"
    message = (f"{label(facts[0].key)} {fmt(printed)}% ≠ {formula} = {fmt(num)} / {fmt(den)} × 100% = {expected}"
               f"（差 {fmt(printed - exact, places)} 个百分点）" + (f"，{note}" if note else ""))
    return rule.finding(message, expected=expected, actual=f"{fmt(printed)}%", keys=[f.key for f in facts],
                        sources=[f.source for f in facts], severity=severity)


SHARES: tuple[tuple[str, str], ...] = (
    (r"income\.(?P<x>\w+)\.pct", "income.current"),
    (r"expense\.(?P<x>\w+)\.pct", "expense.current"),
    (r"three\.(?P<x>overseas|vehicle|reception)\.pct", "three.total"),
    (r"gpb\.category\[(?P<x>[^\]]+)\]\.pct", "gpb.total"),
    (r"budget\.(?P<x>gpb|gov_fund|soe_capital|unit_funds|carryover_fiscal|carryover)\.pct", "budget.income_total"),
    (r"budget\.(?P<x>basic|project)\.pct", "budget.expense_total"),
    (r"budget\.gpb_category\[(?P<x>[^\]]+)\]\.pct", "budget.gpb_total"),
)
"""(printed share key, whole): the part is the share key without ``.pct``."""
_SHARE_RES = tuple((re.compile(p), whole) for p, whole in SHARES)


def run_shares(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """占 X%: part / whole × 100."""
    for pattern, whole in _SHARE_RES:
        shares = [m.group(0) for m in s.keys_like(pattern)]
        parts = [k.removesuffix(".pct") for k in shares if s.amount(k.removesuffix(".pct")) is not None]
        for key in shares:
            part = key.removesuffix(".pct")
            outcome = judge_ratio(rule, s, key, [(part, 1)], [(whole, 1)], f"{label(part)} / {label(whole)}")
            if not isinstance(outcome, Passed) and len(parts) > 1 and part in parts and isinstance(
                    judge_ratio(rule, s, key, [(part, 1)], [(p, 1) for p in parts], ""), Passed):
                # 占本年支出预算: of the parts the sentences list (基本 + 项目), which a total with a
                # carry-over line (年终结转结余) exceeds
                outcome = PASSED
            yield outcome
    for share, part, whole in (("gpb.share_of_expense_current", "gpb.total", "summary.expense_current"),
                               ("procurement.sme_pct", "procurement.sme", "procurement.total"),
                               ("procurement.small_micro_pct", "procurement.small_micro", "procurement.total")):
        if s.get(share) is not None:
            if share == "gpb.share_of_expense_current" and s.get(whole) is None:
                whole = "expense.current"
            yield judge_ratio(rule, s, share, [(part, 1)], [(whole, 1)], f"{label(part)} / {label(whole)}")


_CHANGE_BASES = {"summary": "summary.income_total", "fiscal": "fiscal.income_total"}


def change_base(s: Subject, prefix: str) -> str:
    """The key of this year's figure a ``<prefix>.change`` compares with last year's."""
    if prefix in _CHANGE_BASES:
        return _CHANGE_BASES[prefix]
    if s.get(prefix) is None and s.get(prefix + ".total") is not None:
        return prefix + ".total"
    return prefix


_CHANGE_PCT = re.compile(r"(?P<p>.+)\.change_pct")


def run_changes(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """比上年增长 Y%: change / (this year − change) × 100; the direction words are in the signs."""
    for match in s.keys_like(_CHANGE_PCT):
        prefix = match["p"]
        base, change = change_base(s, prefix), prefix + ".change"
        yield judge_ratio(rule, s, match.group(0), [(change, 1)], [(base, 1), (change, -1)],
                          "增减额 / 上年数（本年数 - 增减额）")


_DEVIATION = re.compile(r"(?P<p>.+)\.deviation_pct")


def run_deviations(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """预决算差异率: (决算 − 预算) / 预算 × 100."""
    for match in s.keys_like(_DEVIATION):
        prefix = match["p"]
        budget = prefix + (".budget_initial" if s.get(prefix + ".budget_initial") is not None else ".budget")
        final = prefix + ".final"
        yield judge_ratio(rule, s, match.group(0), [(final, 1), (budget, -1)], [(budget, 1)],
                          "（决算数 - 预算数）/ 预算数")


def run_part_within_whole(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """A part never exceeds its whole: 小微企业 ≤ 中小企业 ≤ 政府采购总额."""
    for part, whole in (("procurement.small_micro", "procurement.sme"), ("procurement.sme", "procurement.total")):
        a, b = s.amount(part), s.amount(whole)
        if a is None and b is None:
            continue
        if a is None or b is None:
            yield rule.deferred(part if a is None else whole)
            continue
        if a > b:
            yield rule.finding(f"{label(part)} {fmt(a)} 大于 {label(whole)} {fmt(b)}", expected=f"≤ {fmt(b)}",
                               actual=fmt(a), keys=[part, whole],
                               sources=[s.facts[part].source, s.facts[whole].source])
        else:
            yield PASSED
