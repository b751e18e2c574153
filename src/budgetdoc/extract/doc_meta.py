"""doc.kind, doc.unit and doc.year from the title; staff.* and org.* from 机构设置及人员情况."""

from __future__ import annotations

from collections.abc import Iterator

from budgetdoc.extract.base import Context
from budgetdoc.extract.identify import identify
from budgetdoc.model import DocKind, Fact


def extract_doc(ctx: Context) -> Iterator[Fact]:
    """The title facts, each pointing at the words of the title it was read from."""
    ident = identify(ctx.norm, ctx.sections)
    if ident.kind_span and ident.kind is not DocKind.UNKNOWN:
        yield ctx.fact("doc.kind", ident.kind.value, *ident.kind_span)
    if ident.unit_span:
        yield ctx.fact("doc.unit", ident.unit, *ident.unit_span)
    if ident.year_span and ident.year is not None:
        yield ctx.fact("doc.year", ident.year, *ident.year_span)
