"""perf.overall_* and perf.projects_* of 预算绩效的情况说明 (the text before the first 绩效 table).

The tables themselves (``perf.table[...]``) are another extractor's. Figures of the narrative that
have no key of their own (``开展党组理论学习中心组学习17次``) become ``perf.narrative[<clause>]`` facts,
the clause as printed with the figure replaced by ``N``: they are stated, so they are facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetdoc.extract.base import Context
from budgetdoc.extract.patterns import AMOUNT, NUM, apply_rules, explained, rule, value_of
from budgetdoc.extract.unclaimed import NUMBER_TOKEN, classify_non_figure
from budgetdoc.model import DocKind, Fact

_SUMMARY = (
    rule(rf"整体支出绩效(?:目标)?自评表(?P<n>{NUM}个)", n="perf.overall_tables"),
    rule(rf"全年预算总额(?P<a>{AMOUNT})", a="perf.overall_budget"),
    rule(rf"实际执行总额(?P<a>{AMOUNT})", a="perf.overall_executed"),
    rule(rf"预算绩效评价项目(?P<n>{NUM}个)", n="perf.projects"),
    rule(rf"全年预算数(?P<a>{AMOUNT})", a="perf.projects_budget"),
    rule(rf"全年执行数(?P<a>{AMOUNT})", a="perf.projects_executed"),
    rule(rf"整体支出绩效自评(?:综合)?得分(?P<s>{NUM}分)", s="perf.overall_score"),
)

_UNIT = re.compile(r"余?(?:万元|平方米|人次|批次|场次|台\(套\)|[个件篇次项家人轮辆台场批天分%])?")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_STOP = ",;。:、!?\n"


def clause_label(text: str, start: int, end: int, unit_end: int) -> str:
    """The clause around the figure at [start, end), the figure replaced by ``N``.

    A clause runs between punctuation; a bracketed aside before the figure stays in (``党(总)支部``),
    one that opens before it ends the clause (``(其中研讨交流11次)``).
    """
    lo, depth = start, 0
    while lo > 0:
        char = text[lo - 1]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                break
            depth -= 1
        elif char in _STOP and depth == 0:
            break
        lo -= 1
    hi = unit_end
    while hi < len(text) and text[hi] not in _STOP and text[hi] not in "()":
        hi += 1
    return text[lo:start] + "N" + text[end:hi]


def extract_perf_summary(ctx: Context) -> Iterator[Fact]:
    """The 绩效 summary counts and amounts of a 部门决算, and every other figure of its narrative."""
    if ctx.kind is not DocKind.FINAL_ACCOUNTS:
        return
    for section in explained(ctx, "perf"):
        tables = [s.start for s in ctx.sections if s.kind == "perf_table" and s.start > section.start]
        end = min([*tables, section.end])
        if NUMBER_TOKEN.search(ctx.text, section.start, end):  # not a title in a table of contents
            yield from _narrative(ctx, section.start, end)
            return


def _narrative(ctx: Context, start: int, end: int) -> Iterator[Fact]:
    """The summary rules' facts in [start, end), then a narrative fact for every other figure."""
    facts = list(apply_rules(ctx, _SUMMARY, start, end))
    yield from facts
    claimed = [(f.source.offset, f.source.end_offset) for f in facts]
    text = ctx.text
    for match in NUMBER_TOKEN.finditer(text, start, end):
        lo, hi = match.span()
        raw = ctx.norm.raw_offset(lo)
        if any(a <= raw < b for a, b in claimed) or classify_non_figure(text, lo, hi):
            continue
        paragraph = ctx.norm.paragraph_at(lo)
        if "。" not in text[paragraph.start : paragraph.end]:
            continue  # a table row or a caption, not the narrative: the table extractors' business
        unit_end = _UNIT.match(text, hi).end()
        label = clause_label(text, lo, hi, unit_end)
        if len(_CJK.findall(label)) < 2:
            continue  # no words to name it by: not a narrative statement
        yield ctx.fact(f"perf.narrative[{label}]", value_of(text[lo:unit_end]), lo, unit_end)
