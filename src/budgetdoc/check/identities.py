"""Declared sums over fact keys with ±1 weights (the way XBRL calculation linkbases declare them).

``total = Σ weight × term``. A required term that the document does not state defers the rule; an optional
term (a line the template lets a unit leave out, such as 经营收入) counts as 0 when absent, and a sum that then
misses is only a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from budgetdoc.check.base import PASSED, Outcome, Rule, Subject
from budgetdoc.check.labels import label
from budgetdoc.check.tolerance import fmt, slack, total
from budgetdoc.model import Fact, Finding, Severity


@dataclass(frozen=True, slots=True)
class Term:
    key: str
    weight: int = 1
    optional: bool = False


def terms(*spec: str) -> tuple[Term, ...]:
    """``"a", "-b", "c?"``: a minus sign subtracts, a question mark marks an optional term."""
    out = []
    for item in spec:
        weight = -1 if item.startswith("-") else 1
        key = item.lstrip("-")
        out.append(Term(key.rstrip("?"), weight, key.endswith("?")))
    return tuple(out)


def compare_sum(rule: Rule, s: Subject, total_key: str, parts: Sequence[Term]) -> Outcome | None:
    """One identity check; None when neither the total nor any part is stated (nothing to check)."""
    head = s.get(total_key)
    stated = [(t, s.get(t.key)) for t in parts]
    missing = [t.key for t, f in stated if f is None and not t.optional]
    present = [(t, f) for t, f in stated if f is not None]
    if head is None:
        return rule.deferred(total_key, *missing) if present else None
    if missing or not present:
        return rule.deferred(*(missing or [t.key for t in parts]))
    scopes = mixed_scopes(head, *(f for _, f in present))
    if scopes:
        # 全口径 against 财政拨款 or 一般公共预算 figures: a difference proves nothing (issue 13).
        return rule.deferred(f"口径不同：{scopes}")
    outcome = judge_sum(rule, head, [(f, t.weight) for t, f in present])
    absent = [t.key for t, f in stated if f is None]
    if (absent and isinstance(outcome, Finding) and outcome.severity is rule.severity
            and all(t.weight > 0 for t in parts) and _short(outcome)):
        # The parts fall short and a line the template allows (单位预留机动经费, 年末结转结余, 单位资金) is not
        # stated: that line may hold the difference, so nothing is proven.
        return rule.deferred(*(f"未列明：{label(k)}" for k in absent))
    if absent and isinstance(outcome, Finding) and outcome.severity is rule.severity:
        # An unstated optional line may hold the difference (or the extractor missed it): not proven wrong.
        return replace(outcome, severity=Severity.WARNING,
                       message=outcome.message + "；未列明：" + "、".join(label(k) for k in absent))
    return outcome


def _short(finding: Finding) -> bool:
    """Whether the printed total exceeds the sum of its parts (the finding's actual > expected)."""
    try:
        return Decimal(finding.actual.replace(",", "")) > Decimal(finding.expected.replace(",", ""))
    except ArithmeticError:
        return False


_SCOPE = re.compile(r"一般公共预算|政府性基金|国有资本经营|财政拨款")


def scope_of(fact: Fact) -> str:
    """The fund scope of the table or paragraph a fact was printed in: 全口径 unless its title names a fund."""
    title = fact.section.rsplit(" > ", 1)[-1]
    match = _SCOPE.search(title)
    return match.group(0) if match else "全口径"


def mixed_scopes(*facts: Fact) -> str:
    """``a（全口径）/ b（一般公共预算）`` when facts printed in *tables* of different fund scopes are combined.

    Text paragraphs are titled by the subject they explain, not by scope, so only table facts (whose section
    is a table title ending in 表) are compared.
    """
    tabled = [f for f in facts if f.section.rsplit(" > ", 1)[-1].endswith("表")]
    if len({scope_of(f) for f in tabled}) < 2:
        return ""
    return " / ".join(f"{label(f.key)}（{scope_of(f)}）" for f in tabled)


def judge_sum(rule: Rule, head: Fact, parts: Sequence[tuple[Fact, int]], expression: str = "") -> Outcome:
    """Compare a printed total with the sum of printed parts, within the rounding of all of them."""
    printed = _number(head)
    values = [(_number(f), w) for f, w in parts]
    if printed is None or any(v is None for v, _ in values):
        # A non-numeric value cannot be added up: not a pass, and not an arithmetic finding either.
        return rule.deferred(*(f.key for f in (head, *(f for f, _ in parts)) if _number(f) is None))
    expected = sum((v * w for v, w in values), Decimal(0))  # type: ignore[operator]
    diff = printed - expected
    if diff == 0:
        return PASSED
    # Counts (int facts) are exact; only printed decimals carry rounding.
    rounding = diff.copy_abs() <= slack(head.value, *(f.value for f, _ in parts))  # type: ignore[arg-type]
    expression = expression or _expression(parts)
    message = (f"{label(head.key)} {fmt(printed)} ≠ {expression} = {fmt(expected)}（差 {fmt(abs(diff))}）"
               + ("，在舍入误差范围内" if rounding else ""))
    return rule.finding(message, expected=fmt(expected), actual=fmt(printed),
                        keys=[head.key, *(f.key for f, _ in parts)],
                        sources=[head.source, *(f.source for f, _ in parts)],
                        severity=Severity.INFO if rounding else None)


def _expression(parts: Sequence[tuple[Fact, int]]) -> str:
    out = ""
    for index, (fact, weight) in enumerate(parts):
        sign = (" - " if weight < 0 else " + ") if index else ("-" if weight < 0 else "")
        out += sign + label(fact.key)
    return out


def _number(fact: Fact) -> Decimal | None:
    value = fact.value
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        return None
    return Decimal(value)


def identity(total_key: str, *spec: str, min_present: int = 0):  # noqa: ANN201 - a rule function
    """A rule function checking ``total_key = spec…``; with ``min_present`` all terms may be optional
    but at least that many must be stated."""
    parts = terms(*spec)

    def run(rule: Rule, s: Subject) -> Iterator[Outcome]:
        if min_present and sum(s.get(t.key) is not None for t in parts) < min_present:
            if s.get(total_key) is not None:
                yield rule.deferred(*(t.key for t in parts))
            return
        outcome = compare_sum(rule, s, total_key, parts)
        if outcome is not None:
            yield outcome

    return run


def equal(*keys: str):  # noqa: ANN201 - a rule function
    """A rule function: the figures under ``keys`` (the same figure stated in two places) agree."""

    def run(rule: Rule, s: Subject) -> Iterator[Outcome]:
        present = [k for k in keys if s.get(k) is not None]
        if not present:
            return
        if len(present) < 2:
            yield rule.deferred(*(k for k in keys if k not in present))
            return
        head = s.facts[present[0]]
        for other in present[1:]:
            yield judge_sum(rule, head, [(s.facts[other], 1)])

    return run


def equal_pairs(*pairs: tuple[str, str]):  # noqa: ANN201 - a rule function
    """A rule function: each pair of keys states the same figure."""
    runs = [equal(*pair) for pair in pairs]

    def run(rule: Rule, s: Subject) -> Iterator[Outcome]:
        for one in runs:
            yield from one(rule, s)

    return run


def family_sum(total_pattern: str, part_pattern: str, *, shares: bool = False):  # noqa: ANN201 - a rule function
    """A rule function over bracketed key families: each total equals the sum of the parts it names.

    ``total_pattern`` and ``part_pattern`` are regexes with a group ``p`` that links parts to their total,
    e.g. ``gpb\\.category\\[(?P<p>[^/\\]]+)\\]`` and ``gpb\\.item\\[(?P<p>[^/\\]]+)/[^\\]]+\\]``.
    With ``shares`` the parts' printed ``.pct`` must add up to 100: otherwise the extraction may have
    missed a part, and the rule defers rather than report the missing part as an arithmetic error.
    """
    totals, parts = re.compile(total_pattern), re.compile(part_pattern)

    def run(rule: Rule, s: Subject) -> Iterator[Outcome]:
        groups: dict[str, list[Fact]] = {}
        for match in s.keys_like(parts):
            groups.setdefault(match.groupdict().get("p", ""), []).append(s.facts[match.group(0)])
        for match in s.keys_like(totals):
            members = groups.get(match.groupdict().get("p", ""), [])
            if not members:
                continue
            if shares and not _shares_complete(s, members):
                yield rule.deferred(*(f.key + ".pct" for f in members))
                continue
            yield judge_sum(rule, s.facts[match.group(0)], [(f, 1) for f in members])
    return run


def _shares_complete(s: Subject, members: list[Fact]) -> bool:
    """Whether the members' printed shares add up to 100 % (within their rounding)."""
    pcts = [s.amount(f.key + ".pct") for f in members]
    if any(p is None for p in pcts):
        return False
    spread = total([(p, 1) for p in pcts])  # type: ignore[misc]
    return spread.lo - len(pcts) * Decimal("0.01") <= 100 <= spread.hi + len(pcts) * Decimal("0.01")


def coded_parents(s: Subject, family: str) -> Iterator[tuple[Fact, list[Fact]]]:
    """Each ``family[code]`` fact that has children (``code`` plus two digits), with those children."""
    pattern = re.compile(re.escape(family) + r"\[(?P<code>\d+)\]")
    codes = {m["code"]: s.facts[m.group(0)] for m in s.keys_like(pattern)}
    for code, fact in codes.items():
        children = [f for c, f in codes.items() if c.startswith(code) and len(c) == len(code) + 2]
        if children:
            yield fact, children


def hierarchy(family: str):  # noqa: ANN201 - a rule function
    """A rule function over coded keys (``budget.function[201]``): a parent code equals its children's sum."""

    def run(rule: Rule, s: Subject) -> Iterator[Outcome]:
        for fact, children in coded_parents(s, family):
            yield judge_sum(rule, fact, [(f, 1) for f in children], expression="下级科目之和")
    return run


__all__ = ["Term", "coded_parents", "compare_sum", "mixed_scopes", "scope_of", "equal", "equal_pairs", "family_sum", "hierarchy", "identity", "judge_sum",
           "terms"]
