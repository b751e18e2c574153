"""Documents of one unit checked together: last year's figures, and the budget behind the final accounts."""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetdoc.check.base import PASSED, Outcome, Rule, Subject
from budgetdoc.check.labels import label
from budgetdoc.check.percentages import change_base
from budgetdoc.check.tolerance import fmt, slack
from budgetdoc.model import DocKind, Document

_CHANGE = re.compile(r"(?P<p>.+)\.change")


def _one(related: tuple[Document, ...], kind: DocKind, year: int | None) -> Document | None:
    if year is None:
        return None
    return next((d for d in related if d.kind is kind and d.year == year), None)


def run_previous_year(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """比上年增减 = this year's figure − the figure last year's document of the same kind printed."""
    last = _one(s.related, s.doc.kind, s.doc.year - 1 if s.doc.year else None)
    if last is None:
        return
    before = Subject(last)
    for match in s.keys_like(_CHANGE):
        base = change_base(s, match["p"])
        change, now, then = s.amount(match.group(0)), s.amount(base), before.amount(base)
        if change is None or now is None:
            continue
        if then is None:
            yield rule.deferred(f"{last.year}:{base}")
            continue
        expected = now - then
        if (change - expected).copy_abs() <= slack(change, now, then):
            yield PASSED
            continue
        yield rule.finding(
            f"{label(match.group(0))} {fmt(change)} ≠ 本年 {fmt(now)} - {last.year} 年{label(base)} {fmt(then)} = "
            f"{fmt(expected)}（差 {fmt(change - expected)}）", expected=fmt(expected), actual=fmt(change),
            keys=[match.group(0), base],
            sources=[s.facts[match.group(0)].source, s.facts[base].source, before.facts[base].source])


# (key in the final accounts, key in the same year's budget)
BUDGET_PAIRS = (
    ("gpb.budget_initial", "budget.gpb"),
    ("three.budget", "budget.three.total"),
    ("three.overseas.budget", "budget.three.overseas"),
    ("three.reception.budget", "budget.three.reception"),
    ("three.vehicle_purchase.budget", "budget.three.vehicle_purchase"),
    ("three.vehicle_operation.budget", "budget.three.vehicle_operation"),
)


def run_budget_vs_final(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """The final accounts' 年初预算数 equal the figures of the published budget of the same year."""
    if s.doc.kind is not DocKind.FINAL_ACCOUNTS:
        return
    budget = _one(s.related, DocKind.BUDGET, s.doc.year)
    if budget is None:
        return
    other = Subject(budget)
    for mine, theirs in BUDGET_PAIRS:
        a, b = s.amount(mine), other.amount(theirs)
        if a is None and b is None:
            continue
        if a is None or b is None:
            yield rule.deferred(mine if a is None else f"{budget.path}:{theirs}")
            continue
        if a == b:
            yield PASSED
            continue
        yield rule.finding(f"{label(mine)} {fmt(a)} ≠ {budget.year} 年部门预算{label(theirs)} {fmt(b)}（差 {fmt(a - b)}）",
                           expected=fmt(b), actual=fmt(a), keys=[mine, theirs],
                           sources=[s.facts[mine].source, other.facts[theirs].source])
