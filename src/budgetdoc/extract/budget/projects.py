"""七、项目支出情况说明: one description per project, each field as a located fact.

Keys (see docs/budget.md), ``<项目>`` being the 项目名称 as printed without whitespace:
``budget.project_desc[<项目>].amount`` 预算安排规模, ``.unit`` 项目承担单位, ``.period`` 资金执行时间,
``.basis[<n>]`` each document cited in 设立的政策依据 (1-based, in printed order), ``.allocation[<label>]`` each
资金分配 item, and ``.allocation[<label>/<sub>]`` for the items a (其中…) names inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetdoc.amounts import NUMBER, parse_amount
from budgetdoc.extract.base import Context
from budgetdoc.model import Fact

_FIELDS = ("项目名称", "设立的政策依据", "预算安排规模", "项目承担单位", "资金分配情况", "资金执行时间")
_FIELD_RE = re.compile(rf"(?P<name>{'|'.join(_FIELDS)}):")
# A cited document: 《title》 and the 文号 printed right after it, in brackets or not.
_CITED = re.compile(r"《[^《》]+》(?:\(?[^()《》,、;。]{0,12}〔\d{4}〕\d+号\)?)?")
# Patterns below are used with fullmatch(text, start, end): they span exactly one segment.
_ITEM = re.compile(rf"(?P<label>.*?)(?:共计)?(?<![\d.,])(?P<amount>{NUMBER})万元(?P<tail>.*)", re.S)
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+是|\d+[、.])")
_NESTED = re.compile(r"\s*\(?其中(?:包括)?:?(?P<body>.*?)\)?\s*", re.S)


def project_facts(ctx: Context) -> Iterator[Fact]:
    """Facts of every project description under the 项目支出情况说明 section."""
    for section in ctx.sections_of("projects"):
        for sub in ctx.sections:
            if sub.level > section.level and section.start <= sub.start < section.end and "项目名称" in sub.title:
                yield from _project(ctx, sub.start, sub.end)


def _fields(text: str, start: int, end: int) -> dict[str, tuple[int, int]]:
    """Field name → span of its value, in normalized offsets."""
    marks = [(m.group("name"), m.start(), m.end()) for m in _FIELD_RE.finditer(text, start, end)]
    spans: dict[str, tuple[int, int]] = {}
    for index, (name, _, value_start) in enumerate(marks):
        value_end = marks[index + 1][1] if index + 1 < len(marks) else end
        while value_end > value_start and text[value_end - 1] in "\n 。":
            value_end -= 1
        spans.setdefault(name, (value_start, value_end))
    return spans


def _project(ctx: Context, start: int, end: int) -> Iterator[Fact]:
    text = ctx.text
    spans = _fields(text, start, end)
    if "项目名称" not in spans:
        return
    name = _flat(text[slice(*spans["项目名称"])])
    key = f"budget.project_desc[{name}]"
    yield ctx.fact(f"{key}.name", name, *spans["项目名称"])
    if "预算安排规模" in spans:
        s, e = spans["预算安排规模"]
        match = re.compile(NUMBER).search(text, s, e)
        if match:
            yield ctx.fact(f"{key}.amount", parse_amount(match.group()), match.start(), match.end())
    for field, suffix in (("项目承担单位", "unit"), ("资金执行时间", "period")):
        if field in spans:
            yield ctx.fact(f"{key}.{suffix}", _flat(text[slice(*spans[field])]), *spans[field])
    if "设立的政策依据" in spans:
        s, e = spans["设立的政策依据"]
        for number, match in enumerate(_CITED.finditer(text, s, e), start=1):
            yield ctx.fact(f"{key}.basis[{number}]", _flat(match.group()), match.start(), match.end())
    if "资金分配情况" in spans:
        yield from _allocations(ctx, key, *spans["资金分配情况"])


def _segments(text: str, start: int, end: int, separators: str) -> Iterator[tuple[int, int]]:
    """Spans of ``text[start:end]`` split at top-level ``separators`` (not inside brackets)."""
    depth, seg = 0, start
    for index in range(start, end):
        char = text[index]
        depth += char == "("
        depth -= char == ")" and depth > 0
        if depth == 0 and char in separators:
            yield seg, index
            seg = index + 1
    yield seg, end


def _allocations(ctx: Context, key: str, start: int, end: int) -> Iterator[Fact]:
    text = ctx.text
    parent = ""
    for seg_start, seg_end in _segments(text, start, end, ";。"):
        nested = _NESTED.fullmatch(text, seg_start, seg_end)
        if nested and parent:
            # "其中业务设备购置费用 43.34 万元，物业管理费用 95.00 万元" after the item it splits.
            yield from _items(ctx, key, parent, *nested.span("body"), ",、")
            continue
        match = _ITEM.fullmatch(text, seg_start, seg_end)
        if not match:
            continue
        label = _ORDINAL.sub("", _flat(match.group("label"))).rstrip(",").replace(",按照", "按照")
        yield ctx.fact(f"{key}.allocation[{label}]", parse_amount(match.group("amount")), *match.span("amount"))
        parent = label
        inner = _NESTED.fullmatch(text, *match.span("tail"))
        if inner:  # "…费用 49.00 万元（其中包括：师资费 14.40 万元、…）"
            yield from _items(ctx, key, label, *inner.span("body"), "、,")


def _items(ctx: Context, key: str, parent: str, start: int, end: int, separators: str) -> Iterator[Fact]:
    text = ctx.text
    pending = ""  # "笔试、面试命题 13.00 万元": a piece without an amount belongs to the next label
    for seg_start, seg_end in _segments(text, start, end, separators):
        match = _ITEM.fullmatch(text, seg_start, seg_end)
        if not match:
            pending += _flat(text[seg_start:seg_end + 1])
            continue
        label = pending + _flat(match.group("label"))
        pending = ""
        yield ctx.fact(f"{key}.allocation[{parent}/{label}]", parse_amount(match.group("amount")),
                       *match.span("amount"))


def _flat(text: str) -> str:
    return text.strip().replace("\n", "")
