"""Rounding tolerance from printed precision, as interval arithmetic over the true values.

A printed ``3,039.73`` stands for any true value in [3039.725, 3039.735]. A sum of printed figures, or a
percentage computed from them, is accepted when some choice of true values within those intervals gives
the printed result; only a difference beyond that is a real error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from budgetdoc.amounts import precision

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval of possible true values."""

    lo: Decimal
    hi: Decimal

    @classmethod
    def printed(cls, value: Decimal | int) -> Interval:
        """The true values a printed figure may stand for (integers are exact counts)."""
        if isinstance(value, int):
            return cls(Decimal(value), Decimal(value))
        half = precision(value)
        return cls(value - half, value + half)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def scale(self, factor: Decimal) -> Interval:
        a, b = self.lo * factor, self.hi * factor
        return Interval(min(a, b), max(a, b))

    def contains_zero(self) -> bool:
        return self.lo <= 0 <= self.hi

    def __truediv__(self, other: Interval) -> Interval:
        """Quotient interval; the divisor must not contain zero."""
        if other.contains_zero():
            raise ZeroDivisionError("divisor interval contains zero")
        candidates = [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
        return Interval(min(candidates), max(candidates))

    def distance(self, other: Interval) -> Decimal:
        """How far apart two intervals are; 0 when they overlap."""
        if self.hi < other.lo:
            return other.lo - self.hi
        if other.hi < self.lo:
            return self.lo - other.hi
        return Decimal(0)


def total(terms: Iterable[tuple[Decimal | int, int]]) -> Interval:
    """The interval of Σ weight × value over printed values with weights ±1."""
    out = Interval(Decimal(0), Decimal(0))
    for value, weight in terms:
        part = Interval.printed(value)
        out = out + (part if weight > 0 else -part)
    return out


def slack(*values: Decimal | int) -> Decimal:
    """How far a sum or difference of these printed figures may be off from rounding alone."""
    return sum((Interval.printed(v).hi - v for v in values), Decimal(0))


def unit_of(value: Decimal | int) -> Decimal:
    """One unit of the last printed digit (0.01 for ``97.78``): the size of a rounding-level slip."""
    if isinstance(value, int):
        return Decimal(1)
    return precision(value) * 2


def fmt(value: Decimal | int | None, places: int | None = None) -> str:
    """A figure as documents print it: thousands separators, the printed number of decimals."""
    if value is None:
        return "—"
    if isinstance(value, int):
        return f"{value:,}"
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return f"{value:,}"


def places_of(value: Decimal | int) -> int:
    if isinstance(value, int):
        return 0
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
