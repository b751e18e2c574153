"""Mutation testing of the checker: change one checkable printed figure, re-parse, expect a finding there.

A figure is *checkable* when some rule that actually ran on the document (passed or found something, not
only deferred) read its fact key. The mutation changes the units digit of the printed number (``2,639.05`` →
``2,638.05``, ``97.78%`` → ``98.78%``), which keeps the text length and so every other figure's location.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from budgetdoc.check import check
from budgetdoc.check.base import Subject
from budgetdoc.check.catalog import CATALOG
from budgetdoc.model import Cell, Deferred, Document, Fact, Severity
from budgetdoc.pipeline import parse_raw
from budgetdoc.read import RawDocument, read

_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


class _Recording(dict):  # type: ignore[type-arg]
    """A dict that remembers which keys were looked up."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Fact:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        self.read.add(key)
        return super().get(key, default)


def checkable_facts(doc: Document) -> list[Fact]:
    """Numeric facts (first statement of each key) read by a rule that did not merely defer."""
    used: set[str] = set()
    for rule in CATALOG:
        if not rule.applies_to(doc.kind):
            continue
        subject = Subject(doc)
        subject.facts = _Recording(subject.facts)
        outcomes = list(rule.run(rule, subject))
        if any(not isinstance(o, Deferred) for o in outcomes):
            used |= subject.facts.read
    first = doc.facts_by_key()
    return [f for key, f in first.items() if key in used and not isinstance(f.value, bool)
            and isinstance(f.value, (Decimal, int)) and _DIGITS.search(f.source.text)]


def mutate(text: str, fact: Fact) -> str | None:
    """The text with the units digit of ``fact``'s printed number changed (+1, 9 → 8), or None."""
    match = _DIGITS.search(text, fact.source.offset, fact.source.end_offset)
    if match is None:
        return None
    return _bump(text, match)


def _bump(text: str, match: re.Match[str]) -> str:
    number = match.group(0)
    units = number.find(".") - 1 if "." in number else len(number) - 1
    position = match.start() + units
    digit = int(text[position])
    new = str(digit + 1) if digit < 9 else "8"
    return text[:position] + new + text[position + 1 :]


@dataclass(frozen=True, slots=True)
class Outcome:
    fact: Fact
    caught: bool
    """A new warning or error points at the mutated line."""
    rules: tuple[str, ...]
    noticed: bool = False
    """At least a new info (rounding-level) finding points at it: the change is below the printed precision."""


def try_mutation(raw: RawDocument, baseline: set[tuple[str, str]], fact: Fact) -> Outcome | None:
    """Mutate one figure, re-parse and re-check; None when the figure cannot be mutated."""
    text = mutate(raw.text, fact)
    if text is None:
        return None
    doc = parse_raw(dataclasses.replace(raw, text=text))
    new = [f for f in check(doc).findings
           if (f.rule, f.message) not in baseline
           and any(s.line <= fact.source.line <= s.end_line for s in f.sources)]
    serious = [f for f in new if f.severity.rank >= Severity.WARNING.rank]
    return Outcome(fact, bool(serious), tuple(sorted({f.rule for f in serious})), noticed=bool(new))


def run_mutations(path: str | Path, keys: Iterable[str] | None = None) -> Iterator[Outcome]:
    """Mutate each checkable figure of one document in turn (or only those under ``keys``).

    Caught means a new warning or error whose sources include the mutated line.
    """
    raw: RawDocument = read(path)
    baseline_doc = parse_raw(raw)
    baseline = {(f.rule, f.message) for f in check(baseline_doc).findings}
    wanted = set(keys) if keys is not None else None
    for fact in checkable_facts(baseline_doc):
        if wanted is not None and fact.key not in wanted:
            continue
        outcome = try_mutation(raw, baseline, fact)
        if outcome is not None:
            yield outcome


def _family(key: str) -> str:
    """``three.reception.final`` → ``three``, ``perf.table[…].indicator[…].score`` → ``perf.table``."""
    head = key.split("[")[0]
    return head if head.startswith("perf.table") else head.split(".")[0]


_FIGURE = re.compile(r"\d[\d,]*\.\d+|\d[\d,]*(?=\s*(?:万元|元|%|人|辆|个|次|批|台|套|家|项))")
"""A printed figure: a number with decimals, or a whole number with its unit (years and list numbers are not)."""


@dataclass(frozen=True, slots=True)
class FigureOutcome:
    line: int
    text: str
    family: str
    """The fact key family that claims the figure, or ``未抽取`` when no fact does."""
    caught: bool


def mutate_figure(raw: RawDocument, match: re.Match[str]) -> RawDocument:
    """The document with one printed figure changed, in its text and in every table cell that prints it.

    A PDF's ruled tables are rebuilt by the reader from the same text layer; a cell whose source covers the
    figure prints it too, so the mutation reaches the table readers as a retyped figure in the file would.
    """
    text = _bump(raw.text, match)
    if not raw.tables:
        return dataclasses.replace(raw, text=text)
    old, new = match.group(0), text[match.start() : match.end()]

    def cell(c: Cell) -> Cell:
        src = c.source
        if src is None or not src.offset <= match.start() < src.end_offset or old not in c.text:
            return c
        return dataclasses.replace(c, text=c.text.replace(old, new, 1))

    tables = tuple(dataclasses.replace(t, rows=tuple(dataclasses.replace(r, cells=tuple(map(cell, r.cells)))
                                                     for r in t.rows)) for t in raw.tables)
    return dataclasses.replace(raw, text=text, tables=tables)


def run_every_figure(path: str | Path, stride: int = 1) -> Iterator[FigureOutcome]:
    """Mutate every printed figure of a document (every ``stride``-th), not only those a rule reads.

    A figure no extracted fact claims can only be caught by rules that read the text itself (slips, items
    against tables …); its family is reported as ``未抽取`` so the gaps show where extraction stops.
    """
    raw: RawDocument = read(path)
    baseline_doc = parse_raw(raw)
    baseline = {(f.rule, f.message) for f in check(baseline_doc).findings}
    spans = [(f.source.offset, f.source.end_offset, _family(f.key)) for f in baseline_doc.facts]
    for index, match in enumerate(_FIGURE.finditer(raw.text)):
        if index % stride:
            continue
        family = next((k for a, b, k in spans if a <= match.start() < b), "未抽取")
        line = raw.text.count("\n", 0, match.start()) + 1
        doc = parse_raw(mutate_figure(raw, match))
        caught = any((f.rule, f.message) not in baseline and f.severity.rank >= Severity.WARNING.rank
                     and any(s.line <= line <= s.end_line for s in f.sources) for f in check(doc).findings)
        yield FigureOutcome(line, match.group(0), family, caught)
