"""A fact set from what ``budgetdoc parse --format json`` writes: re-typesetting a parsed document.

The parse shape is ``{"document": {...}, "facts": [{"key", "value", "section", "source"}, ...]}``, every figure
the document prints, base and derived alike. The base figures feed ``derive`` as from any input; the printed
values of derived figures are kept as ``FactSet.stated`` and win over the computed ones, so that
``parse(generate(parse(doc)))`` gives back what the document printed — slips included, which the gate then
reports as it would for the original. The 绩效 narrative clauses (``perf.narrative[…N…]``) and the
整体自评得分 become the 成效 text (``notes.perf``) again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from budgetdoc.errors import UsageError
from budgetdoc.model import Value

_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_NARRATIVE = re.compile(r"^perf\.narrative\[(?P<clause>.+)\]$")


def is_parsed(data: Any) -> bool:
    """Whether data has the ``budgetdoc parse --format json`` shape (a list of located facts)."""
    return (isinstance(data, Mapping) and isinstance(data.get("facts"), list)
            and all(isinstance(f, Mapping) and "key" in f and "value" in f for f in data["facts"]))


def _typed(raw: Any) -> Value:
    """A JSON value as the parser held it: Decimals are written as strings, texts stay texts."""
    if isinstance(raw, bool | int):
        return raw
    if isinstance(raw, float):
        return Decimal(repr(raw))
    if isinstance(raw, str) and _NUMBER.match(raw):
        try:
            return Decimal(raw)
        except InvalidOperation:
            return raw
    return str(raw)


def parsed_facts(data: Mapping[str, Any], path: str) -> dict[str, Value]:
    """The first value printed under each key (the checker reports a key printed twice with two values)."""
    facts: dict[str, Value] = {}
    for fact in data["facts"]:
        key = str(fact["key"])
        if not key:
            raise UsageError(path, "事实缺少键（key）")
        facts.setdefault(key, _typed(fact["value"]))
    return facts


def _figure(value: Value) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def perf_text(facts: Mapping[str, Value]) -> str:
    """The 成效 sentence of section 十一 from the narrative clauses and the 整体自评得分, in printed order."""
    clauses = [m["clause"].replace("N", _figure(v), 1) for k, v in facts.items() if (m := _NARRATIVE.match(k))]
    if "perf.overall_score" in facts:
        clauses.insert(0, f"整体支出绩效自评得分{_figure(facts['perf.overall_score'])}分")
    return "，".join(clauses) + "。" if clauses else ""


def parsed_input(data: Mapping[str, Any], path: str) -> dict[str, Any]:
    """The generator's input shape (``facts``, ``notes``, ``stated``) from a parsed document."""
    facts = parsed_facts(data, path)
    document = data.get("document") or {}
    for key, name in (("doc.unit", "unit"), ("doc.year", "year"), ("doc.kind", "kind")):
        if key not in facts and document.get(name) not in (None, ""):
            facts[key] = document[name]
    notes: dict[str, Any] = {}
    text = perf_text(facts)
    if text:
        notes["perf"] = text
    base = {k: v for k, v in facts.items() if not _NARRATIVE.match(k)}
    return {"facts": base, "notes": notes, "stated": facts}
