"""The concept lexicon (``lexicon.yaml``) loaded once and compiled for the clause and table readers.

A concept is declared once with its printed names, the fact key it gives per document kind and scope, and
the keys of its measures; see the header of ``lexicon.yaml`` for the format.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

import yaml

from budgetdoc.model import DocKind

MONEY, COUNT = "money", "count"
PLAIN = "plain"
ALL = "all"


@dataclass(frozen=True, slots=True)
class Concept:
    """One figure as documents name it."""

    id: str
    names: tuple[str, ...]
    keys: dict[str, dict[str, tuple[str, ...]]]
    """doc kind → scope → fact keys (usually one)."""
    measures: dict[str, dict[str, str]] = field(default_factory=dict)
    """doc kind → measure → fact key; a kind listed here gives no fact for an unlisted measure."""
    change: dict[str, dict[str, str]] = field(default_factory=dict)
    unit: str = MONEY
    labels: tuple[str, ...] = ()
    """Row labels and column headers of the standard tables, besides the names."""
    flow: str = ""
    """``income`` or ``expense``: a figure of the other flow is not this concept's."""
    not_names: tuple[str, ...] = ()
    """Longer words ending in a name that name something else."""

    def keys_for(self, kind: DocKind, scope: str, measure: str) -> tuple[str, ...]:
        """The keys of a figure of this concept, or () when the scope or measure is not this concept's."""
        by_scope = self.keys.get(kind.value, {})
        if scope not in by_scope:
            return ()
        measures = self.measures.get(kind.value)
        if measures is None:
            return by_scope[scope] if measure in (PLAIN, _OWN_MEASURE[kind]) else ()
        key = measures.get(measure)
        if key is None:
            return ()
        # a measured key replaces the scope's plain key; a list of plain keys stays a list
        return (key,) if measure != PLAIN or len(by_scope[scope]) == 1 else by_scope[scope]

    def change_keys(self, kind: DocKind, scope: str, keys: tuple[str, ...]) -> tuple[str, ...]:
        override = self.change.get(kind.value, {}).get(scope)
        return (override,) if override else tuple(f"{key}.change" for key in keys)


_OWN_MEASURE = {DocKind.FINAL_ACCOUNTS: "final", DocKind.BUDGET: "budget", DocKind.UNKNOWN: PLAIN}
"""The measure a document of each kind prints by default: 决算 in a 部门决算, 预算 in a 部门预算."""


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True, eq=False)
class Lexicon:
    scopes: dict[str, tuple[str, ...]]
    measures: dict[str, tuple[str, ...]]
    concepts: tuple[Concept, ...]
    counted: dict[str, tuple[str, ...]]
    tables: dict[str, dict[str, object]] = field(default_factory=dict)
    """table kind → its default ``scope`` and the concept of its ``total`` column."""
    totals: frozenset[str] = frozenset()

    @functools.cached_property
    def scope_re(self) -> re.Pattern[str]:
        """Scope words in a run, anchored at the end of a string."""
        words = [w for ws in self.scopes.values() for w in ws]
        return re.compile(rf"(?:{_alternation(words)})+$")

    @functools.cached_property
    def scope_word_re(self) -> re.Pattern[str]:
        return re.compile(_alternation([w for ws in self.scopes.values() for w in ws]))

    @functools.cached_property
    def measure_re(self) -> re.Pattern[str]:
        return re.compile(_alternation([w for ws in self.measures.values() for w in ws]))

    def scope_of(self, word: str) -> str:
        return next(scope for scope, words in self.scopes.items() if word in words)

    def measure_of(self, word: str) -> str:
        return next(measure for measure, words in self.measures.items() if word in words)

    def names_re(self, kind: DocKind, unit: str) -> re.Pattern[str]:
        """Every name of a concept that gives facts in documents of ``kind``, longest first."""
        return _names_re(self, kind, unit)

    def concept_of(self, kind: DocKind, name: str) -> Concept | None:
        return _by_name(self, kind).get(name)

    def concept_by_label(self, kind: DocKind, label: str) -> Concept | None:
        """The concept a table's row label or column header names (labels first, then names)."""
        return _by_label(self, kind).get(label)

    def concept_by_id(self, cid: str) -> Concept | None:
        return next((c for c in self.concepts if c.id == cid), None)


@functools.cache
def _by_name(lexicon: Lexicon, kind: DocKind) -> dict[str, Concept]:
    return {name: c for c in lexicon.concepts if kind.value in c.keys for name in c.names}


@functools.cache
def _by_label(lexicon: Lexicon, kind: DocKind) -> dict[str, Concept]:
    found = _by_name(lexicon, kind).copy()
    found.update({label: c for c in lexicon.concepts if kind.value in c.keys for label in c.labels})
    return found


@functools.cache
def _names_re(lexicon: Lexicon, kind: DocKind, unit: str) -> re.Pattern[str]:
    names = [n for c in lexicon.concepts if kind.value in c.keys and c.unit == unit for n in c.names]
    return re.compile(_alternation(names))


def _keys(table: dict[str, object]) -> dict[str, dict[str, tuple[str, ...]]]:
    return {kind: {scope: (key,) if isinstance(key, str) else tuple(key) for scope, key in by_scope.items()}
            for kind, by_scope in table.items()}


def _fold(name: str) -> str:
    # The normalizer folds full-width brackets to ASCII; names are written as printed.
    return name.replace("（", "(").replace("）", ")").replace(" ", "")


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon of the package (``extract/lexicon.yaml``), parsed once."""
    data = yaml.safe_load(resources.files("budgetdoc.extract").joinpath("lexicon.yaml").read_text("utf-8"))
    concepts = tuple(
        Concept(id=cid, names=tuple(_fold(n) for n in spec["names"]), keys=_keys(spec["keys"]),
                measures={k: dict(v) for k, v in (spec.get("measures") or {}).items()},
                change={k: dict(v) for k, v in (spec.get("change") or {}).items()},
                unit=spec.get("unit", MONEY), labels=tuple(_fold(n) for n in spec.get("labels", ())), flow=spec.get("flow", ""),
                not_names=tuple(_fold(n) for n in spec.get("not", ())))
        for cid, spec in data["concepts"].items())
    return Lexicon(scopes={k: tuple(v) for k, v in data["scopes"].items()},
                   measures={k: tuple(v) for k, v in data["measures"].items()},
                   concepts=concepts,
                   counted={k: tuple(_fold(n) for n in v) for k, v in data.get("counted", {}).items()},
                   tables={k: dict(v) for k, v in data.get("tables", {}).items()},
                   totals=frozenset(_fold(n) for n in data.get("totals", ())))
