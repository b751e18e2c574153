"""Regex fragments shared by the extractors, and the rule engine that turns their matches into facts.

Patterns match the *normalized* text (no spaces, ASCII digits and brackets). A rule's value groups
capture the number *with its unit* (``3,039.73万元``, ``97.78%``, ``131人``) so that a fact's source
is the printed figure as a reader would point at it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from budgetdoc.amounts import NUMBER, parse_amount, parse_int, signed
from budgetdoc.extract.base import Context
from budgetdoc.model import Fact, Section, Value

NUM = rf"(?:{NUMBER})"
"""A printed number, as a regex fragment without a group."""
AMOUNT = rf"(?:{NUMBER})万元"
"""An amount in 万元, unit included."""
PCT = rf"(?:{NUMBER})%"
"""A percentage, sign included."""
DIRECTION = r"(?:增加|减少|上升|下降|增长|降低|持平)"

_LEADING_NUMBER = re.compile(NUMBER)
_DECIMAL_UNITS = ("万元", "元", "%", "平方米", "分")


def change(name: str) -> str:
    """``增加218.72万元,增长7.75%`` with groups ``name``/``name_pct`` and their direction words."""
    return (rf"(?P<{name}_dir>增加|减少)(?P<{name}>{AMOUNT}),?"
            rf"(?P<{name}_pct_dir>增长|下降|降低)(?P<{name}_pct>{PCT})")


COMPARED = r"与(?:上年|20\d{2}年度?)相比,(?:[^,。;:\d]{0,24}?)"
"""``与上年相比,`` or ``与2023年度相比,收入支出总计`` before a change."""


def budget_vs_final(name: str) -> str:
    """``全年预算数0.95万元,决算数0.95万元,预决算差异率0.00%`` (the 年初 form too)."""
    return (rf"(?:全年|年初)预算数(?:为)?(?P<{name}_budget>{AMOUNT}),决算数(?:为)?(?P<{name}_final>{AMOUNT}),"
            rf"预决算差异率(?:为)?(?P<{name}_dev>{PCT})")


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern and the fact key each of its value groups gives (``{group}`` fills a template)."""

    pattern: re.Pattern[str]
    keys: tuple[tuple[str, str], ...]


def rule(pattern: str, **keys: str) -> Rule:
    """A rule from a pattern and ``group=key`` pairs; a group ``<g>_dir`` gives ``<g>`` its sign."""
    return Rule(re.compile(pattern), tuple(keys.items()))


def value_of(printed: str, direction: str | None = None) -> Value:
    """The value of a printed figure with its unit: ``Decimal`` for amounts/percents, ``int`` for counts."""
    match = _LEADING_NUMBER.match(printed)
    if match is None:
        msg = f"不是数字: {printed!r}"
        raise ValueError(msg)
    number, unit = match.group(), printed[match.end() :]
    value: Decimal | int
    value = parse_amount(number) if "." in number or unit.startswith(_DECIMAL_UNITS) else parse_int(number)
    # signed() would turn a printed 0.00 into -0.00 after 减少; a zero change has no sign.
    if direction and value != 0:
        signed_value = signed(Decimal(value), direction)
        value = signed_value if isinstance(value, Decimal) else int(signed_value)
    return value


def apply_rules(ctx: Context, rules: Iterable[Rule], start: int, end: int) -> Iterator[Fact]:
    """Facts of every rule match in the normalized span [start, end); a figure is claimed once."""
    taken: set[tuple[int, int]] = set()
    for item in rules:
        for match in item.pattern.finditer(ctx.text, start, end):
            groups = match.groupdict()
            for group, template in item.keys:
                printed = groups.get(group)
                if printed is None or match.span(group) in taken:
                    continue
                taken.add(match.span(group))
                names = {k: v or "" for k, v in groups.items()}
                key = template.format_map(names) if "{" in template else template
                yield ctx.fact(key, value_of(printed, groups.get(f"{group}_dir")), *match.span(group))


def in_sections(ctx: Context, rules: Iterable[Rule], sections: Iterable[Section]) -> Iterator[Fact]:
    """Apply ``rules`` within each of ``sections``."""
    rules = tuple(rules)
    for section in sections:
        yield from apply_rules(ctx, rules, section.start, section.end)


def explained(ctx: Context, kind: str) -> list[Section]:
    """The sections of ``kind`` in the explanation part (第二部分 of a 决算), in document order.

    Part 一's list of 主要职能 can hold titles of the same words (``7.贯彻执行…国有资产管理法规``), so
    sections before the explanation part count only for 概况 kinds (org, functions). A table of contents
    repeats every title with no body, hence a list: the first one that states something is the section.
    """
    if kind in ("org", "functions", "overview"):
        return ctx.sections_of(kind)
    begin = next((s.start for s in ctx.sections if s.level == 1 and s.kind == "explanation"), 0)
    return [s for s in ctx.sections if s.kind == kind and s.start >= begin]


def in_first(ctx: Context, rules: Iterable[Rule], *kinds: str) -> Iterator[Fact]:
    """Apply ``rules`` within the first section of the first of ``kinds`` where they find anything."""
    rules = tuple(rules)
    for kind in kinds:
        for section in explained(ctx, kind):
            # In reading order, so that a section's facts print together whatever the rule order.
            found = apply_rules(ctx, rules, section.start, section.end)
            facts = sorted(found, key=lambda fact: fact.source.offset)
            if facts:
                yield from facts
                return
