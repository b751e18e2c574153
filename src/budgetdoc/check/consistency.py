"""The same figure stated twice: in two sections, or in the text and in the 绩效 tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from budgetdoc.check.base import PASSED, Outcome, Rule, Subject
from budgetdoc.check.identities import judge_sum
from budgetdoc.check.labels import label
from budgetdoc.check.tolerance import fmt, slack
from budgetdoc.model import Finding, FundingRow, PerfTable, Severity

_EMPTY_FUNDS = ("gov_fund.empty", "soe_capital.empty")


def run_gpb_is_all_fiscal(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """With empty 政府性基金 and 国有资本经营 tables, 一般公共预算 spending is all of 财政拨款 spending (四 vs 五)."""
    if s.get("gpb.total") is None and s.get("fiscal.expense_current") is None:
        return
    missing = [k for k in ("gpb.total", "fiscal.expense_current", *_EMPTY_FUNDS) if s.get(k) is None]
    if missing:
        yield rule.deferred(*missing)
        return
    if not all(s.facts[k].value is True for k in _EMPTY_FUNDS):
        return  # other funds exist: 五 is only part of 四, nothing to equate
    yield judge_sum(rule, s.facts["gpb.total"], [(s.facts["fiscal.expense_current"], 1)])
    for gpb, fiscal in (("gpb.budget_initial", "fiscal.budget_initial"), ("gpb.final", "fiscal.final")):
        if s.get(gpb) is not None and s.get(fiscal) is not None:
            yield judge_sum(rule, s.facts[gpb], [(s.facts[fiscal], 1)])


def funding_total(table: PerfTable) -> FundingRow | None:
    """The 年度资金总额 (or 合计) row of a 绩效 table: the one that holds the whole budget."""
    for row in table.funding:
        if "总额" in row.label or "合计" in row.label:
            return row
    return table.funding[0] if table.funding else None


def _self_evals(s: Subject, scope: str) -> list[PerfTable]:
    return [t for t in s.doc.perf_tables if t.kind == "self_eval" and t.scope == scope]


def run_perf_counts(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """Section 十一 says N 整体 tables and M projects with totals; the attached tables must say the same.

    A count that differs is a warning (a table may be printed elsewhere); the totals are compared only when
    the counts agree, and then a difference is an error (002 prints 579.64 for tables that add up to 579.46).
    """
    counts_agree: dict[str, bool] = {}
    for key, scope in (("perf.overall_tables", "overall"), ("perf.projects", "project")):
        fact = s.get(key)
        if fact is None:
            continue
        count = len(_self_evals(s, scope))
        counts_agree[scope] = count == fact.value
        if count == fact.value:
            yield PASSED
        else:
            yield rule.finding(f"{label(key)} {fact.value} 个，但文中附有 {count} 张{'整体' if scope == 'overall' else '项目'}"
                               "绩效自评表", expected=str(count), actual=str(fact.value), keys=[key],
                               sources=[fact.source], severity=Severity.WARNING)
    for key, scope, field in (("perf.projects_budget", "project", "budget_full"),
                              ("perf.projects_executed", "project", "executed"),
                              ("perf.overall_budget", "overall", "budget_full"),
                              ("perf.overall_executed", "overall", "executed")):
        fact = s.get(key)
        if fact is None or not isinstance(fact.value, Decimal):
            continue
        rows = [funding_total(t) for t in _self_evals(s, scope)]
        values = [getattr(r, field) if r else None for r in rows]
        if not counts_agree.get(scope, bool(rows)) or not values or any(v is None for v in values):
            yield rule.deferred(f"perf_tables.{scope}.{field}")
            continue
        expected = sum(values, Decimal(0))  # type: ignore[arg-type]
        diff = fact.value - expected
        if diff.copy_abs() <= slack(fact.value, *values):  # type: ignore[arg-type]
            yield PASSED
            continue
        sources = [fact.source, *(r.source for r in rows if r is not None and r.source is not None)]
        yield rule.finding(f"{label(key)} {fmt(fact.value)} ≠ 所附绩效自评表合计 {fmt(expected)}（差 {fmt(abs(diff))}）",
                           expected=fmt(expected), actual=fmt(fact.value), keys=[key], sources=sources,
                           severity=Severity.ERROR)


_CLAIMS_EQUAL = re.compile(r"一致|相同|相等")


def run_ops_public_budget(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """机关运行经费 against 公用经费 in a 部门预算.

    The two are the same figure only for a unit of 行政单位 alone: a 街道 with 事业单位, or a template that
    counts 行政经费 items, prints two different figures legitimately. A difference is therefore a note
    for the inspector, and a warning only where the document itself says the two agree (与…“商品和服务支出”一致).
    """
    ops, public = s.get("budget.ops"), s.get("budget.public")
    if ops is None or public is None:
        return
    outcome = judge_sum(rule, s.facts["budget.ops"], [(s.facts["budget.public"], 1)])
    if isinstance(outcome, Finding) and outcome.severity is Severity.WARNING:
        claimed = any(_CLAIMS_EQUAL.search(s.doc.text[sec.start:sec.end]) for sec in s.doc.sections
                      if sec.kind == "ops")
        if not claimed:
            outcome = replace(outcome, severity=Severity.INFO)
    yield outcome
