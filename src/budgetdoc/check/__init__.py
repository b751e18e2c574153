"""(Document, other documents) → Report: rules registered in one catalogue; never raises on data."""

from __future__ import annotations

from collections.abc import Sequence

from budgetdoc.model import Document, Report

__all__ = ["check"]


def check(
    doc: Document,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    related: Sequence[Document] = (),
) -> Report:
    """Check one document; ``related`` are other documents of the same unit (last year's, the budget).

    Rules are selected by code or code prefix (``arithmetic``, ``arithmetic.income-total``).
    """
    del select, ignore, related  # the rule catalogue is issue 6's
    return Report(path=doc.path)
