"""Reasons: every reported change or budget deviation gives one, and it says something concrete."""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetdoc.amounts import to_halfwidth
from budgetdoc.check.base import PASSED, Outcome, Rule, Subject
from budgetdoc.check.labels import label
from budgetdoc.model import Fact

REASON = re.compile(r"主要(原因|是|用于)|原因(是|为|主要|:)|由于|因为|系")
_CLAUSE_END = re.compile(r"[。;]")
_NEXT_SENTENCE_REASON = re.compile(r"(?:主要(?:原因|是)|原因|是由于|由于|因为|此项[^。]{0,16}原因)")
# A total whose change is explained item by item: 比上年增加14.18万元，具体如下：1.…主要原因是…
_ITEMIZED = re.compile(r"具体(?:情况)?如下|其中")
_LIST_ITEM = re.compile(r"(?:\d+[.、](?!\d)|\([一二三四五六七八九十\d]+\))")
# A heading line: a list marker and a few words, no figure, no sentence (（二）政府采购情况, 三、名词解释).
_HEADING = re.compile(r"(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[.、])[^\d,，。;；:：]{1,20}")
_REASON_TEXT = re.compile(r"(?:主要原因(?:是|为)?|原因(?:是|为)|主要是|由于|因为)[:,]?(?P<text>[^。;]*)")
BOILERPLATE = ("工作需要", "业务需要", "据实列支", "按实际支出", "厉行节约", "严格控制", "压减开支", "正常增长",
               "正常变动", "实际需要", "无重大变化", "其他原因")
_CHANGE = re.compile(r"(?!staff\.).+\.(change|deviation_pct)")  # staff changes need no reason


def _after(s: Subject, fact: Fact, size: int = 400) -> str:
    """The clause that follows a figure, whitespace and page breaks removed, up to the sentence end.

    A reason printed as the next sentence (``增长1.54%。主要原因是…``) belongs to the clause too.
    """
    raw = s.doc.source_text[fact.source.end_offset : fact.source.end_offset + size]
    text = to_halfwidth(re.sub(r"\s+", "", raw)).replace("，", ",").replace("：", ":").replace("；", ";")
    end = _CLAUSE_END.search(text)
    if end is None:
        return text
    rest = text[end.end() :]
    if _NEXT_SENTENCE_REASON.match(rest):
        second = _CLAUSE_END.search(rest)
        return text[: end.start()] + "," + (rest[: second.start()] if second else rest)
    return text[: end.start()]


def _reported_changes(s: Subject) -> Iterator[Fact]:
    for match in s.keys_like(_CHANGE):
        value = s.amount(match.group(0))
        if value is not None and value != 0:
            yield s.facts[match.group(0)]


def _itemized_reason(s: Subject, fact: Fact, size: int = 400) -> bool:
    """The change is broken down (具体如下, 其中) and a reason follows within the breakdown."""
    after = _after(s, fact)
    following = _next_sentence(s, fact)
    if not _ITEMIZED.search(after) and not _ITEMIZED.match(following) and not _LIST_ITEM.match(following):
        return False
    # 具体如下 announces the items, headed or not; without it the items must be in the figure's own section
    raw = s.doc.source_text[fact.source.end_offset : fact.source.end_offset + size] if _ITEMIZED.search(after) \
        else _in_section(s, fact, size)
    return bool(REASON.search(to_halfwidth(re.sub(r"\s+", "", raw))))


def _in_section(s: Subject, fact: Fact, size: int) -> str:
    """The text after a figure up to the next heading: a breakdown's items are in the figure's own section,
    and the next section's words (（二）政府采购情况 …) explain nothing about it."""
    raw = s.doc.source_text[fact.source.end_offset : fact.source.end_offset + size]
    lines = raw.split("\n")
    for index, line in enumerate(lines[1:], start=1):
        if _HEADING.fullmatch(to_halfwidth(line.strip())):
            return "\n".join(lines[:index])
    return raw


def _next_sentence(s: Subject, fact: Fact) -> str:
    text = to_halfwidth(re.sub(r"\s+", "", _in_section(s, fact, 200)))
    end = _CLAUSE_END.search(text)
    return text[end.end():] if end else ""


def run_reason_present(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """比上年增加/减少 and 预决算差异 that are not zero are followed by a 主要原因 clause, or broken down into
    items that give theirs."""
    for fact in _reported_changes(s):
        if REASON.search(_after(s, fact)) or _itemized_reason(s, fact):
            yield PASSED
        else:
            yield rule.finding(f"{label(fact.key)}不为 0，但没有说明原因", expected="主要原因说明",
                               actual="未找到", keys=[fact.key], sources=[fact.source])


def run_reason_specific(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """A reason names something concrete: not only 工作需要/据实列支, and at least 8 characters."""
    for fact in _reported_changes(s):
        match = _REASON_TEXT.search(_after(s, fact))
        if match is None:
            continue  # no reason at all is run_reason_present's finding
        reason = match["text"].strip(":, ")
        substance = re.sub("|".join(BOILERPLATE) + r"|[^\u4e00-\u9fff]", "", reason)
        if len(substance) >= 8:
            yield PASSED
        else:
            yield rule.finding(f"{label(fact.key)}的原因说明过于笼统：“{reason}”", expected="具体项目、事项或政策",
                               actual=reason, keys=[fact.key], sources=[fact.source])
