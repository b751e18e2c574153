"""绩效自评表: execution rate and its score, indicator scores against a scoring rule, weights, total, reasons.

Regions score differently (003 deducts for over-achievement of an ``=`` target), so indicator scores are
checked against configurable rule sets: a printed score is accepted when one of the accepted sets gives it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from budgetdoc.amounts import NUMBER, to_halfwidth
from budgetdoc.check.base import PASSED, Outcome, Rule, Subject
from budgetdoc.check.tolerance import HUNDRED, Interval, fmt, slack, unit_of
from budgetdoc.model import FundingRow, Indicator, PerfTable, Severity, Source

ONE = Decimal(1)
ScoringRule = Callable[[str, Decimal, Decimal, Decimal], Decimal | None]
"""(operator, target A, actual B, weight) → the score the rule gives, or None when it does not say."""


def national(op: str, target: Decimal, actual: Decimal, weight: Decimal) -> Decimal | None:
    """财政部 practice: 正向 min(1, B/A), 反向 min(1, A/B), 等于 full when met else proportional."""
    if op in (">=", ">"):
        return weight * min(ONE, actual / target) if target else weight
    if op in ("<=", "<"):
        return weight if actual <= target else (weight * target / actual if actual else weight)
    if op == "=":
        if actual == target:
            return weight
        if not target or not actual:
            return Decimal(0)
        return weight * min(actual / target, target / actual)
    return None


def deduct_deviation(op: str, target: Decimal, actual: Decimal, weight: Decimal) -> Decimal | None:
    """Regional variant (seen in 003): an ``=`` target loses the share it is missed by in either direction."""
    if op == "=" and target:
        return max(Decimal(0), weight * (ONE - abs(actual - target) / target))
    return national(op, target, actual, weight)


def band_60(op: str, target: Decimal, actual: Decimal, weight: Decimal) -> Decimal | None:
    """Band practice seen in 000/002 (昌吉): completion 实际/目标 (costs too) of 100% or more scores full marks,
    below 60% nothing, linear between (委托第三方维护经费 <=14万元, 实际 13万元: 5 × (13/14 − 0.6) / 0.4 = 4.11)."""
    if op not in (">=", ">", "<=", "<", "=") or not target:
        return None
    ratio = actual / target
    if ratio >= 1:
        return weight
    if ratio < Decimal("0.6"):
        return Decimal(0)
    return weight * (ratio - Decimal("0.6")) / Decimal("0.4")


def all_or_nothing(op: str, target: Decimal, actual: Decimal, weight: Decimal) -> Decimal | None:
    """Practice for 成本/约束性 indicators in many regions: full marks when the target is met, none when not
    (基本经费投入成本 ≤3843.67万元, 实际 4262.96: 0)."""
    met = {">=": actual >= target, ">": actual > target, "<=": actual <= target, "<": actual < target,
           "=": actual == target}.get(op)
    if met is None:
        return None
    return weight if met else Decimal(0)


RULE_SETS: dict[str, ScoringRule] = {"national": national, "deduct_deviation": deduct_deviation, "band_60": band_60,
                                     "all_or_nothing": all_or_nothing}
"""Indicator scoring rules by name; ``check(perf_rule_sets=…)`` narrows which are accepted."""
DEFAULT_RULE_SETS = tuple(RULE_SETS)


def _sources(*items: object) -> list[Source]:
    return [getattr(i, "source") for i in items if getattr(i, "source", None) is not None]


def _tables(s: Subject) -> list[PerfTable]:
    return [t for t in s.doc.perf_tables if t.kind == "self_eval"]


def run_execution_rate(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """执行率 = 全年执行数 / 全年预算数 on every funding row that prints a rate."""
    for table in _tables(s):
        for row in table.funding:
            if row.execution_rate is None:
                continue
            if row.executed is None or row.budget_full is None:
                yield rule.deferred(f"perf.table[{table.project}].executed")
                continue
            base = Interval.printed(row.budget_full)
            if base.contains_zero():
                continue
            ratio = (Interval.printed(row.executed) / base).scale(HUNDRED)
            gap = Interval.printed(row.execution_rate).distance(ratio)
            if gap == 0:
                yield PASSED
                continue
            exact = row.executed / row.budget_full * HUNDRED
            yield rule.finding(
                f"“{table.project}”执行率 {fmt(row.execution_rate)}% ≠ 全年执行数 / 全年预算数 = "
                f"{fmt(row.executed)} / {fmt(row.budget_full)} = {fmt(exact, 2)}%",
                expected=f"{fmt(exact, 2)}%", actual=f"{fmt(row.execution_rate)}%",
                keys=[f"perf.table[{table.project}].execution_rate"], sources=_sources(row, table),
                severity=Severity.INFO if gap <= unit_of(row.execution_rate) else None)


def proportional(rate: Decimal, weight: Decimal) -> Decimal:
    """National practice: 分值 × min(执行率, 100%)."""
    return weight * min(rate, HUNDRED) / HUNDRED


def band_60_95(rate: Decimal, weight: Decimal) -> Decimal:
    """Band practice seen in 000/002/004 (昌吉): ≥ 95% full, below 60% nothing, linear from 60% to 100% between."""
    if rate >= 95:
        return weight
    if rate < 60:
        return Decimal(0)
    return weight * (rate - 60) / 40


EXECUTION_RULE_SETS: dict[str, Callable[[Decimal, Decimal], Decimal]] = {
    "national": proportional, "band_60_95": band_60_95}
"""执行率得分 rules; each is non-decreasing in the rate, so a rate interval maps onto a score interval."""


def run_execution_score(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """执行率得分 is what one of the accepted execution rules gives for the printed 执行率."""
    for table in _tables(s):
        for row in table.funding:
            if row.score is None or row.weight is None:
                continue
            if row.execution_rate is None:
                yield rule.deferred(f"perf.table[{table.project}].execution_rate")
                continue
            rate = Interval.printed(row.execution_rate)
            declared = [n for n in s.perf_rule_sets if n in EXECUTION_RULE_SETS]
            names = declared or list(EXECUTION_RULE_SETS)
            gaps = [Interval.printed(row.score).distance(
                Interval(EXECUTION_RULE_SETS[n](rate.lo, row.weight), EXECUTION_RULE_SETS[n](rate.hi, row.weight)))
                for n in names]
            gap = min(gaps, default=Decimal(0))
            if gap == 0:
                yield PASSED
                continue
            expected = " 或 ".join(fmt(EXECUTION_RULE_SETS[n](row.execution_rate, row.weight), 2) for n in names)
            # Regions score execution by their own bands and the table rarely prints the rule: a score that
            # fits none of the known rules is worth a look, not a proven contradiction, unless the user named
            # the region's rule (check(perf_rule_sets=…)).
            yield rule.finding(
                f"“{table.project}”执行率得分 {fmt(row.score)}，按分值 {fmt(row.weight)}、执行率 "
                f"{fmt(row.execution_rate)}% 应为 {expected}" + ("" if declared else "（按已知评分规则；本地区规则可能不同）"), expected=expected,
                actual=fmt(row.score), keys=[f"perf.table[{table.project}].execution_score"],
                sources=_sources(row, table),
                severity=Severity.INFO if gap <= unit_of(row.score) else Severity.ERROR if declared else Severity.WARNING)


def _execution(table: PerfTable) -> tuple[Decimal | None, Decimal | None]:
    """(weight, score) of the execution-rate line: the funding row that carries them."""
    for row in table.funding:
        if row.weight is not None or row.score is not None:
            return row.weight, row.score
    return None, None


def run_weights(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """执行率分值 + Σ 指标分值 = 100."""
    for table in _tables(s):
        weight, _ = _execution(table)
        weights = [i.weight for i in table.indicators]
        if not table.indicators or weight is None or any(w is None for w in weights):
            yield rule.deferred(f"perf.table[{table.project}].indicator.weight")
            continue
        total = weight + sum(weights, Decimal(0))  # type: ignore[arg-type]
        if total == HUNDRED:
            yield PASSED
        else:
            yield rule.finding(f"“{table.project}”分值合计 {fmt(total)} ≠ 100（执行率 {fmt(weight)} + 指标 "
                               f"{fmt(total - weight)}）", expected="100", actual=fmt(total),
                               keys=[f"perf.table[{table.project}].indicator.weight"], sources=_sources(table))


def run_total_score(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """总分 = 执行率得分 + Σ 指标得分, and 总分 ≤ 100."""
    for table in _tables(s):
        if table.total_score is None:
            continue
        _, score = _execution(table)
        scores = [i.score for i in table.indicators]
        if score is None or not scores or any(v is None for v in scores):
            yield rule.deferred(f"perf.table[{table.project}].indicator.score")
            continue
        expected = score + sum(scores, Decimal(0))  # type: ignore[arg-type]
        diff = table.total_score - expected
        if diff == 0 and table.total_score <= HUNDRED:
            yield PASSED
            continue
        rounding = diff.copy_abs() <= slack(table.total_score, score, *scores)  # type: ignore[arg-type]
        yield rule.finding(f"“{table.project}”总分 {fmt(table.total_score)} ≠ 执行率得分 + 指标得分之和 = "
                           f"{fmt(expected)}（差 {fmt(diff)}）", expected=fmt(expected),
                           actual=fmt(table.total_score), keys=[f"perf.table[{table.project}].total_score"],
                           sources=_sources(table),
                           severity=Severity.INFO if rounding and table.total_score <= HUNDRED else None)


_NUMBER = re.compile(NUMBER)


def _actual_value(indicator: Indicator) -> Decimal | None:
    numbers = _NUMBER.findall(to_halfwidth(indicator.actual).replace(",", ""))
    return Decimal(numbers[0]) if len(numbers) == 1 else None


_UNIT = re.compile(r"[^\d.\s<>=≤≥,]+$")


def _same_unit(indicator: Indicator) -> bool:
    """Whether target and actual are printed in the same unit (or either has none)."""
    units = [_UNIT.search(to_halfwidth(text).strip()) for text in (indicator.target, indicator.actual)]
    return not all(units) or units[0].group(0) == units[1].group(0)  # type: ignore[union-attr]


def run_indicator_scores(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """Each 得分 lies in [0, 分值] and, for a quantitative target, is what an accepted scoring rule gives."""
    rule_sets = tuple(n for n in s.perf_rule_sets if n in RULE_SETS) or DEFAULT_RULE_SETS
    for table in _tables(s):
        for ind in table.indicators:
            if ind.score is None or ind.weight is None:
                continue
            key = f"perf.table[{table.project}].indicator[{ind.name}].score"
            if ind.score < 0 or ind.score > ind.weight:
                yield rule.finding(f"“{table.project}”指标“{ind.name}”得分 {fmt(ind.score)} 超出 0–{fmt(ind.weight)}",
                                   expected=f"0–{fmt(ind.weight)}", actual=fmt(ind.score), keys=[key],
                                   sources=_sources(ind, table), severity=Severity.ERROR)
                continue
            actual = _actual_value(ind)
            if not ind.target_op or ind.target_value is None or actual is None or not _same_unit(ind):
                continue  # qualitative targets (or 万元 against %) are scored by bands a reader cannot recompute
            given = [RULE_SETS[name](ind.target_op, ind.target_value, actual, ind.weight) for name in rule_sets]
            given = [g for g in given if g is not None]
            if not given:
                continue
            if any(abs(g - ind.score) <= unit_of(ind.score) for g in given):
                yield PASSED
                continue
            options = " 或 ".join(dict.fromkeys(fmt(g, 2) for g in given))
            yield rule.finding(
                f"“{table.project}”指标“{ind.name}”得分 {fmt(ind.score)}，按评分规则（目标 {ind.target}，实际 "
                f"{ind.actual}，分值 {fmt(ind.weight)}）应为 {options}",
                expected=fmt(given[0], 2), actual=fmt(ind.score), keys=[key], sources=_sources(ind, table),
                severity=Severity.WARNING)


def run_deviation_reasons(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """An indicator scored below its weight says why (偏差原因分析及改进措施).

    Some 整体 tables have no 偏差原因 column at all (002, 004): the gap is then the template's as much as
    the unit's, so it is a warning rather than an error.
    """
    for table in _tables(s):
        has_column = any(i.deviation_reason.strip() for i in table.indicators)
        for ind in table.indicators:
            if ind.score is None or ind.weight is None or ind.score >= ind.weight:
                continue
            if ind.deviation_reason.strip(" -/无"):
                yield PASSED
                continue
            # Whether the printed table has a 偏差原因 column cannot be told from empty cells: say only what is seen.
            where = "" if has_column else "（本表没有任何指标填写偏差原因）"
            yield rule.finding(f"“{table.project}”指标“{ind.name}”得分 {fmt(ind.score)} 低于分值 "
                               f"{fmt(ind.weight)}，未说明偏差原因{where}", expected="偏差原因分析及改进措施",
                               actual="空", keys=[f"perf.table[{table.project}].indicator[{ind.name}]"],
                               sources=_sources(ind, table), severity=None if has_column else Severity.WARNING)


__all__ = ["DEFAULT_RULE_SETS", "all_or_nothing", "run_funding_sums", "EXECUTION_RULE_SETS", "RULE_SETS", "band_60", "band_60_95", "deduct_deviation", "national",
           "proportional"]


_TOTAL_ROW = re.compile(r"合计|年度资金总额|年度预算总额")
_SUBTOTAL_ROW = re.compile(r"小计$")
_SUB_ITEM = re.compile(r"^[①②③④⑤⑥⑦⑧⑨]|^[(（]\d+[)）]")
_FUNDING_FIELDS = (("budget_initial", "年初预算数"), ("budget_full", "全年预算数"), ("executed", "全年执行数"))


def funding_groups(table: PerfTable) -> list[tuple[FundingRow, list[FundingRow]]]:
    """(total row, its parts): 合计 over the top-level rows, each 小计 over the ①②③ rows below it."""
    rows = list(table.funding)
    out: list[tuple[FundingRow, list[FundingRow]]] = []
    total = next((r for r in rows if _TOTAL_ROW.search(r.label)), None)
    tops = [r for r in rows if r is not total and not _SUB_ITEM.search(r.label)]
    if total is not None and len(tops) >= 2:
        out.append((total, tops))
    for index, row in enumerate(rows):
        if _SUBTOTAL_ROW.search(row.label):
            items = []
            for below in rows[index + 1 :]:
                if not _SUB_ITEM.search(below.label):
                    break
                items.append(below)
            if items:
                out.append((row, items))
    return out


def run_funding_sums(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """资金来源 rows add up in every column: 合计 = Σ top-level rows, 小计 = Σ its ①②③ rows.

    One finding per row that misses, naming every column it misses in: one wrong 小计 is one defect.
    """
    for table in s.doc.perf_tables:
        for head, parts in funding_groups(table):
            misses: list[tuple[str, Decimal, Decimal, bool, list[Source]]] = []
            for field, name in _FUNDING_FIELDS:
                printed = getattr(head, field)
                values = [getattr(p, field) for p in parts]
                if printed is None or any(v is None for v in values):
                    continue
                expected = sum(values, Decimal(0))  # type: ignore[arg-type]
                if printed == expected:
                    yield PASSED
                    continue
                rounding = (printed - expected).copy_abs() <= slack(printed, *values)  # type: ignore[arg-type]
                cells = [src for row in (head, *parts) for f, src in row.sources if f == field]
                misses.append((name, printed, expected, rounding, cells))
            if not misses:
                continue
            detail = "；".join(f"{name} {fmt(printed)} ≠ {fmt(expected)}" for name, printed, expected, _, _ in misses)
            yield rule.finding(
                f"“{table.project}”资金行“{head.label}”不等于 " + " + ".join(p.label for p in parts) + f"：{detail}",
                expected="；".join(fmt(m[2]) for m in misses), actual="；".join(fmt(m[1]) for m in misses),
                keys=[f"perf.table[{table.project}].funding[{head.label}]"],
                sources=[src for m in misses for src in m[4]] or _sources(head, table),
                severity=Severity.INFO if all(m[3] for m in misses) else None)
