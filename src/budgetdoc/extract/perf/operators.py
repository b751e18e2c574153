"""Indicator targets as printed (``>=5 套``, ``＜=25 万元``, ``提高``) split into operator, value and unit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from budgetdoc.amounts import AmountError, parse_amount, to_halfwidth

_OPERATORS = {"≥": ">=", "≤": "<=", ">=": ">=", "<=": "<=", ">": ">", "<": "<", "=": "=", "==": "="}
_SPACES = re.compile(r"\s+")
_DEADLINE = re.compile(r"\d{4}年.*")
_OPERATOR_VALUE = re.compile(r"^(?:≥|≤|[<>＜＞]\s*=?|=)\s*-?\d")
_TARGET = re.compile(r"^(?P<op>≥|≤|[<>]\s*=|[<>]|==?)?\s*(?P<num>-?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>.*)$")


@dataclass(frozen=True, slots=True)
class Target:
    """A parsed target: ``op`` is ``""`` for a qualitative target; ``value`` None when no number prints."""

    op: str
    value: Decimal | None
    unit: str


def parse_target(text: str) -> Target:
    """Split a printed target into operator, number and unit.

    >>> parse_target("＞=800 家")
    Target(op='>=', value=Decimal('800'), unit='家')
    >>> parse_target("提高")
    Target(op='', value=None, unit='')
    """
    compact = _SPACES.sub("", to_halfwidth(text))
    if _DEADLINE.fullmatch(compact):  # a deadline (2024年5月30日) is a date, not a quantity
        return Target("", None, "")
    match = _TARGET.match(compact)
    if not match:
        return Target("", None, "")
    try:
        value = parse_amount(match["num"])
    except AmountError:  # pragma: no cover - the regex admits only numbers
        return Target("", None, "")
    op = _OPERATORS.get((match["op"] or "").replace(" ", ""), "")
    return Target(op, value, match["unit"])


def is_operator_value(text: str) -> bool:
    """Whether a printed piece starts with a comparison operator followed by a number (``>=90%``, ``=2次``)."""
    return bool(_OPERATOR_VALUE.match(to_halfwidth(text.strip())))
