"""The rule model: a rule is code + Chinese title + severity + kinds + a function of the document.

A rule's function yields outcomes: ``PASSED``, a ``Finding`` or a ``Deferred``. A rule that yields nothing
for a document is counted as not applicable (e.g. no ``*.change_pct`` facts to recompute): it neither
passes nor defers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from budgetdoc.model import Deferred, DocKind, Document, Fact, Finding, Section, Severity, Source

FINAL = (DocKind.FINAL_ACCOUNTS,)
BUDGET = (DocKind.BUDGET,)
BOTH = (DocKind.FINAL_ACCOUNTS, DocKind.BUDGET)
PERF = (DocKind.FINAL_ACCOUNTS, DocKind.BUDGET, DocKind.PERF_SELF)
"""Rules of the 绩效 tables: also for a 绩效自评表 published on its own."""


class Passed:
    """One run of a rule that found nothing wrong."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "PASSED"


PASSED = Passed()
Outcome = Finding | Deferred | Passed


@dataclass(slots=True)
class Subject:
    """The document under check, indexed for rules: facts by key, sections by kind, related documents."""

    doc: Document
    related: tuple[Document, ...] = ()
    facts: dict[str, Fact] = field(default_factory=dict)
    stated: dict[str, list[Fact]] = field(default_factory=dict)
    perf_rule_sets: tuple[str, ...] = ()
    """Names of the 绩效 scoring rule sets to accept (``performance.RULE_SETS``); empty = all of them."""

    def __post_init__(self) -> None:
        for fact in self.doc.facts:
            self.facts.setdefault(fact.key, fact)
            self.stated.setdefault(fact.key, []).append(fact)

    def get(self, key: str) -> Fact | None:
        return self.facts.get(key)

    def amount(self, key: str) -> Decimal | None:
        """The value of ``key`` when it is a number (amounts, percents and counts), else None."""
        fact = self.facts.get(key)
        if fact is None or isinstance(fact.value, bool) or not isinstance(fact.value, (Decimal, int)):
            return None
        return Decimal(fact.value)

    def keys_like(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """Full matches of ``pattern`` over the fact keys, in document order."""
        for key in self.facts:
            match = pattern.fullmatch(key)
            if match:
                yield match

    def sections_of(self, *kinds: str) -> list[Section]:
        """Outline sections of ``kinds``; numbered list items (level 4) are not sections of their own."""
        return [s for s in self.doc.sections if s.kind in kinds and s.level <= 3]

    def main_section(self, kind: str) -> Section | None:
        """The explanation section of ``kind``: not a table-of-contents line, not a heading of the tables part.

        Published PDFs print a 目录 and the tables' own headings (七、财政拨款“三公”经费支出决算表) with the same
        words as the explanation; the one with the most text is the explanation.
        """
        candidates = [sec for sec in self.sections_of(kind)
                      if "表" not in sec.path[0][-8:] and sec.end - sec.start > len(sec.title) + 5]
        return max(candidates, key=lambda sec: sec.end - sec.start, default=None)

    def body(self, section: Section) -> str:
        return self.doc.text[section.start : section.end]

    def heading_source(self, kind: str) -> tuple[Source, ...]:
        found = self.sections_of(kind)
        return (found[0].source,) if found else ()


@dataclass(frozen=True, slots=True)
class Rule:
    """One entry of the catalogue."""

    code: str
    """Stable id, ``group.name`` (``arithmetic.income-total``): the handle for --select/--ignore."""
    title: str
    """Chinese title shown to users."""
    description: str
    severity: Severity
    """The severity of a real violation; rounding-level differences are reported as info."""
    kinds: tuple[DocKind, ...]
    run: Callable[[Rule, Subject], Iterable[Outcome]]
    """Called as ``run(rule, subject)``; the rule is passed so one function can serve several rules."""

    @property
    def group(self) -> str:
        return self.code.split(".", 1)[0]

    def applies_to(self, kind: DocKind) -> bool:
        return kind in self.kinds

    def finding(self, message: str, *, expected: str = "", actual: str = "", keys: Iterable[str] = (),
                sources: Iterable[Source] = (), severity: Severity | None = None) -> Finding:
        return Finding(rule=self.code, severity=severity or self.severity, message=message, expected=expected,
                       actual=actual, keys=tuple(keys), sources=tuple(sources))

    def deferred(self, *missing: str) -> Deferred:
        return Deferred(rule=self.code, missing=tuple(missing))


def matches(code: str, patterns: Iterable[str]) -> bool:
    """Whether ``code`` is named by one of ``patterns``: a full code or a group prefix (``arithmetic``)."""
    return any(code == p or code.startswith(p.rstrip(".") + ".") for p in patterns if p)
