"""doc.kind, doc.unit and doc.year from the title; staff.* and org.* from 机构设置及人员情况."""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetdoc.extract.base import Context
from budgetdoc.extract.identify import identify
from budgetdoc.extract.patterns import NUM, Rule, in_first, rule
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


def _person(word: str, key: str) -> Rule:
    # "在职人员45人,减少10人" (003) and "在职315人,减少20人" (001): the change is optional.
    return rule(rf"(?<!离){word}(?:人员)?(?P<n>{NUM}人)(?:,(?P<c_dir>增加|减少)(?P<c>{NUM}人))?",
                n=key, c=f"{key}.change")


_STAFF = (
    rule(rf"实有人数(?P<n>{NUM}人)", n="staff.total"),
    rule(rf"编制数(?:为)?(?P<n>{NUM}人?)", n="staff.authorized"),
    _person("在职", "staff.active"),
    _person("离休", "staff.lixiu"),
    _person("退休", "staff.retired"),
    rule(rf"下属(?P<n>{NUM}家)预算单位", n="org.subunits"),
    rule(rf"行政单位(?P<n>{NUM}家)", n="org.admin_units"),
    rule(rf"事业单位(?P<n>{NUM}家)", n="org.institutions"),
    rule(rf"下设(?P<n>{NUM}个)(?:处室|科室|内设机构|部门)", n="org.divisions"),
)
_NO_SUBUNITS = re.compile(r"无下属(?:预算)?单位")


def extract_staff(ctx: Context) -> Iterator[Fact]:
    """staff.* and org.* of 机构设置及人员情况 (both document kinds)."""
    yield from in_first(ctx, _STAFF, "org")
    section = ctx.first("org")
    if section is not None:
        for match in ctx.finditer(_NO_SUBUNITS, section):
            yield ctx.fact("org.subunits", 0, *match.span())
            break
