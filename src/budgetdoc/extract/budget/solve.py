"""Which column each printed value of a row belongs to, when the text dropped the empty cells.

Every row gets its candidate assignments (values keep their printed order, so a candidate is an increasing
tuple of column indexes) that satisfy the layout's sums, cheapest first. Then rows are resolved top-down
through the code hierarchy: the children of a row must add up, column by column, to the assignment chosen
for it. Where no assignment adds up, the row takes its cheapest one, is reported, and its children are
resolved on their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import combinations

from budgetdoc.extract.budget.layouts import Layout

Vector = tuple[Decimal, ...]
_MAX_CANDIDATES = 64
_MAX_STEPS = 200_000


def tolerance(terms: int) -> Decimal:
    """Rounding a sum of ``terms`` printed two-decimal figures may carry."""
    return Decimal("0.005") * max(terms, 2)


def candidates(values: Sequence[Decimal], layout: Layout, width: int) -> list[tuple[int, ...]]:
    """Valid column assignments of ``values`` over ``width`` amount columns, cheapest first."""
    if len(values) > width:
        return []
    # Integers in the smallest printed unit: the same sums as with Decimal, at a fraction of the cost
    # (this runs for every combination of columns of every row).
    places = max((-v.as_tuple().exponent for v in values if isinstance(v.as_tuple().exponent, int)), default=0)
    scale = 10 ** max(places, 0)
    ints = [int(v * scale) for v in values]
    sums = [(total, tuple(p for p in parts if p < width), int(tolerance(len([p for p in parts if p < width]) + 1)
                                                                * scale * 1000))
            for total, parts in layout.sums if total < width]
    ranks = [layout.rank(c) for c in range(width)]
    found: list[tuple[int, tuple[int, ...]]] = []
    for cols in combinations(range(width), len(values)):
        vector = [0] * width
        for value, col in zip(ints, cols, strict=True):
            vector[col] = value
        if all(_int_sum_holds(vector, total, parts, tol) for total, parts, tol in sums):
            found.append((sum(ranks[c] for c in cols), cols))
    found.sort()
    return [cols for _, cols in found[:_MAX_CANDIDATES]]


def _int_sum_holds(vector: list[int], total: int, parts: tuple[int, ...], tol_milli: int) -> bool:
    if not any(vector[p] for p in parts):
        return True  # a total printed alone: its split is simply not shown
    return abs(vector[total] - sum(vector[p] for p in parts)) * 1000 <= tol_milli


def to_vector(values: Sequence[Decimal], cols: Sequence[int], width: int) -> Vector:
    vector = [Decimal(0)] * width
    for value, col in zip(values, cols, strict=True):
        vector[col] = value
    return tuple(vector)


def _sum_holds(vector: Vector, total: int, parts: Sequence[int]) -> bool:
    parts = [p for p in parts if p < len(vector)]
    if not any(vector[p] for p in parts):
        return True  # a total printed alone: its split is simply not shown
    return abs(vector[total] - sum(vector[p] for p in parts)) <= tolerance(len(parts) + 1)


class Resolver:
    """Chooses one assignment per row so that every parent equals the sum of its children."""

    def __init__(self, values: Sequence[Sequence[Decimal]], options: Sequence[list[tuple[int, ...]]],
                 children: dict[int, list[int]], width: int) -> None:
        self.values = values
        self.options = options
        self.children = children
        self.width = width
        self.choice: dict[int, tuple[int, ...]] = {}
        self.steps = 0
        self.guessed: list[int] = []

    def vector(self, row: int, cols: tuple[int, ...]) -> Vector:
        return to_vector(self.values[row], cols, self.width)

    def resolve(self, roots: Sequence[int]) -> dict[int, tuple[int, ...]]:
        """Assign every row under ``roots``; rows whose sums could not be matched go to ``guessed``."""
        for root in roots:
            self._settle(root)
        return self.choice

    def _settle(self, row: int) -> None:
        options = self.options[row]
        if options:
            for cols in options:
                if self._subtree(row, self.vector(row, cols)):
                    self.choice[row] = cols
                    return
            self.guessed.append(row)
            self.choice[row] = options[0]
        # A row without figures, or whose children do not add up to it: each child is settled on its own.
        for kid in self.children.get(row, []):
            self._settle(kid)

    def _subtree(self, row: int, target: Vector) -> bool:
        kids = [k for k in self.children.get(row, []) if self.options[k]]
        if not kids:
            return True
        tol = tolerance(len(kids) + 1)
        picks: list[tuple[int, ...]] = []

        def walk(index: int, partial: list[Decimal]) -> bool:
            self.steps += 1
            if self.steps > _MAX_STEPS:
                return False
            if index == len(kids):
                if any(abs(partial[c] - target[c]) > tol for c in range(self.width)):
                    return False
                saved = dict(self.choice)
                for kid, cols in zip(kids, picks, strict=True):
                    self.choice[kid] = cols
                chosen = zip(kids, picks, strict=True)
                if all(self._subtree(kid, self.vector(kid, cols)) for kid, cols in chosen):
                    return True
                self.choice = saved
                return False
            for cols in self.options[kids[index]]:
                vector = self.vector(kids[index], cols)
                summed = [p + v for p, v in zip(partial, vector, strict=True)]
                if any(summed[c] > target[c] + tol for c in range(self.width) if target[c] >= 0):
                    continue
                picks.append(cols)
                if walk(index + 1, summed):
                    return True
                picks.pop()
            return False

        return walk(0, [Decimal(0)] * self.width)
