"""(Document, other documents) → Report: rules registered in one catalogue; never raises on data."""

from __future__ import annotations

import traceback
from collections.abc import Sequence

from budgetdoc.check.base import Passed, Rule, Subject, matches
from budgetdoc.model import Deferred, Document, Finding, Report, Severity

__all__ = ["check", "check_all", "selected_rules", "unknown_codes"]


def selected_rules(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> tuple[Rule, ...]:
    """The catalogue filtered by code or group prefix (``arithmetic``, ``arithmetic.income-total``)."""
    from budgetdoc.check.catalog import CATALOG  # the catalogue imports every rule module

    return tuple(r for r in CATALOG if (not select or matches(r.code, select)) and not matches(r.code, ignore))


def unknown_codes(codes: Sequence[str]) -> list[str]:
    """The codes (or prefixes) among ``codes`` that name no rule of the catalogue."""
    from budgetdoc.check.catalog import CATALOG

    return [c for c in codes if c and not any(matches(r.code, [c]) for r in CATALOG)]


def check_all(docs: Sequence[Document], **options: object) -> list[tuple[Document, Report]]:
    """Check several documents; those of one unit are each other's ``related`` documents (cross rules)."""
    by_unit: dict[str, list[Document]] = {}
    for doc in docs:
        by_unit.setdefault(doc.unit or doc.path, []).append(doc)
    return [(doc, check(doc, related=by_unit[doc.unit or doc.path], **options)) for doc in docs]  # type: ignore[arg-type]


def check(
    doc: Document,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    related: Sequence[Document] = (),
    perf_rule_sets: Sequence[str] = (),
) -> Report:
    """Check one document; ``related`` are other documents of the same unit (last year's, the budget).

    Args:
        doc: the parsed document.
        select: rule codes or code prefixes to run (all when empty).
        ignore: rule codes or code prefixes to skip.
        related: other documents of the same unit, for the ``cross.*`` rules.
        perf_rule_sets: 绩效 scoring rule sets to accept (``performance.RULE_SETS``); all when empty.

    Returns:
        The findings (most serious first, then in document order), the deferred rules and the pass count.
    """
    subject = Subject(doc, related=tuple(d for d in related if d is not doc), perf_rule_sets=tuple(perf_rule_sets))
    findings: list[Finding] = []
    deferred: list[Deferred] = []
    passed = 0
    for rule in selected_rules(select, ignore):
        if not rule.applies_to(doc.kind):
            continue
        try:
            outcomes = list(rule.run(rule, subject))
        except Exception:  # noqa: BLE001 - one broken rule must not hide the others' findings
            last = traceback.format_exc().strip().splitlines()[-1]
            findings.append(Finding(rule=rule.code, severity=Severity.INFO, message=f"规则运行出错：{last}"))
            continue
        for outcome in outcomes:
            if isinstance(outcome, Finding):
                findings.append(outcome)
            elif isinstance(outcome, Deferred):
                deferred.append(outcome)
            elif isinstance(outcome, Passed):
                passed += 1
    findings.sort(key=lambda f: (-f.severity.rank, f.sources[0].offset if f.sources else -1))
    return Report(path=doc.path, findings=tuple(findings), deferred=_merge(deferred), passed=passed)


def _merge(deferred: list[Deferred]) -> tuple[Deferred, ...]:
    """One entry per rule, listing every missing input once."""
    merged: dict[str, list[str]] = {}
    for item in deferred:
        merged.setdefault(item.rule, [])
        merged[item.rule] += [m for m in item.missing if m not in merged[item.rule]]
    return tuple(Deferred(rule=rule, missing=tuple(missing)) for rule, missing in merged.items())
