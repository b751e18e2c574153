"""Printing slips and template residue an inspector finds by reading: notes naming another table, filled tables
marked empty, a page printed twice, a rate against a zero base, a reason that goes the other way than the
change, the template of another government level.

They read printed text, not extracted figures, so what they cannot prove is a warning that says why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from budgetdoc.amounts import AmountError, parse_amount
from budgetdoc.check.base import PASSED, Outcome, Rule, Subject
from budgetdoc.model import Source, Table

# --- empty-table notes -----------------------------------------------------------------------------------

_SUBJECTS = ("政府性基金", "国有资本经营", "三公", "机关运行经费")
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def _subjects(text: str) -> set[str]:
    return {w for w in _SUBJECTS if w in text}


def _amounts(table: Table) -> list[tuple[Decimal, Source | None]]:
    """Non-zero amounts printed in the table's cells (codes and counts of a 行次 column excluded)."""
    out = []
    for row in table.rows:
        for cell in row.cells:
            text = cell.text.strip()
            if not _NUMBER.fullmatch(text) or "." not in text:
                continue  # amounts print decimals; codes (2010101) and 行次 (1, 2 …) do not
            try:
                value = parse_amount(text)
            except AmountError:
                continue
            if value:
                out.append((value, cell.source))
    return out


def run_empty_note_subject(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """An empty-table note speaks of the table it stands under (a 国有资本经营 table's note names 国有资本经营)."""
    for table in s.doc.tables:
        note = table.empty_statement
        if not note:
            continue
        own, said = _subjects(table.name), _subjects(note)
        if not own or not said:
            continue
        if own & said:
            yield PASSED
            continue
        yield rule.finding(
            f"{table.name}的空表说明讲的是{'、'.join(sorted(said))}，不是本表（{'、'.join(sorted(own))}）：“{note}”",
            expected=f"说明本表{'、'.join(sorted(own))}为空", actual=note, keys=[f"table[{table.name}].empty_statement"],
            sources=[table.source] if table.source else [])


def run_filled_marked_empty(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """A table whose note says it is empty prints no non-zero amount."""
    for table in s.doc.tables:
        if not table.empty_statement:
            continue
        filled = _amounts(table)
        if not filled:
            yield PASSED
            continue
        shown = "、".join(f"{v:,}" for v, _ in filled[:6])
        yield rule.finding(f"{table.name}注明为空表，但表中印有金额 {shown}", expected="无金额（空表）",
                           actual=shown, keys=[f"table[{table.name}].empty_statement"],
                           sources=[src for _, src in filled[:6] if src] or ([table.source] if table.source else []))


# --- a page printed twice --------------------------------------------------------------------------------

_MIN_REPEAT = 3


def run_repeated_block(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """A run of numbered items (the same heading and the same text) printed twice: a page repeated."""
    # Prose only: the rows of two tables (收支总表, 财政拨款收支总表) legitimately repeat each other.
    items = [sec for sec in s.doc.sections if sec.end - sec.start > 40 and re.search("[。，]", s.body(sec))]
    seen: dict[str, int] = {}
    run: list[int] = []
    reported = False
    for index, sec in enumerate(items):
        body = s.body(sec)
        first = seen.get(body)
        if first is not None and (not run or run[-1] == index - 1):
            run.append(index)
        else:
            if len(run) >= _MIN_REPEAT:
                yield _repeat(rule, s, items, run)
                reported = True
            run = [index] if first is not None else []
        seen.setdefault(body, index)
    if len(run) >= _MIN_REPEAT:
        yield _repeat(rule, s, items, run)
    elif not reported and items:
        yield PASSED


def _repeat(rule: Rule, s: Subject, items: list, run: list[int]) -> Outcome:  # noqa: ANN001
    first, last = items[run[0]], items[run[-1]]
    pages = sorted({p for p in (first.source.page, last.source.page) if p})
    where = f"（第 {'–'.join(str(p) for p in pages)} 页）" if pages else ""
    return rule.finding(f"“{first.title[:30]}”起的 {len(run)} 段文字与前文逐字重复{where}，疑为重复印出",
                        expected="只印一次", actual=f"重复 {len(run)} 段", sources=[first.source, last.source])


# --- rates against a zero base ---------------------------------------------------------------------------

_ZERO_RATE = re.compile(
    r"(?P<what>(增加|减少|增长|下降|变化)(?P<change>\d[\d,]*(?:\.\d+)?)万元)[，,、]?(增长|下降|增加|减少)0(?:\.0+)?%")
_ZERO_BUDGET = re.compile(
    r"(?P<actual>\d[\d,]*(?:\.\d+)?)万元[，,]完成(?:年初)?预算(?:数)?0(?:\.0+)?万元的0(?:\.0+)?%")


def run_zero_base_rates(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """A non-zero change printed with a 0% rate, or a non-zero outturn as 0% of a zero budget.

    With a zero base the rate is undefined; with a non-zero base a change that large is not 0%.
    """
    for pattern, group in ((_ZERO_RATE, "change"), (_ZERO_BUDGET, "actual")):
        for match, source in located(s, pattern):
            value = _value(match.group(group))
            if value is None or value == 0:
                continue
            said = "的变化" if group == "change" else "的决算数占预算 0 万元的比例"
            yield rule.finding(f"“{match.group(0)}”：{match.group(group)}万元{said}不会是 0%；基数为 0 时不应给出百分比",
                               expected="基数为 0 时不给增减率（或按基数计算）", actual="0%", sources=[source])


_NO_PREVIOUS = re.compile(r"比上年[^。；;]{0,12}?(?:变化|增加|减少)(?P<change>\d[\d,]*(?:\.\d+)?)万元[，,]?(?:增长|下降)"
                          r"(?P<rate>\d+(?:\.\d+)?)%[^。]{0,60}?无(?P<year>\d{4})年决算数")


def run_no_previous_year(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """“比上年变化 0 万元，增长 0%；…无 2018 年决算数”: a change and a rate against a figure the text says does
    not exist (a unit founded this year)."""
    for match, source in located(s, _NO_PREVIOUS):
        yield rule.finding(f"“{match.group(0)[:60]}”：文中说明无{match.group('year')}年决算数，却给出比上年增减额和增减率",
                           expected="无上年数时不作比较", actual=f"{match.group('change')}万元，{match.group('rate')}%",
                           sources=[source])


def _value(text: str) -> Decimal | None:
    try:
        return parse_amount(text)
    except AmountError:
        return None


def located(s: Subject, pattern: re.Pattern[str]) -> Iterator[tuple[re.Match[str], Source]]:
    """Matches of ``pattern`` over the printed text with whitespace removed (PDF text breaks lines inside
    sentences), each with a Source in the reader's text: its line, offsets and the page it was printed on."""
    raw = s.doc.source_text or s.doc.text
    keep = [i for i, ch in enumerate(raw) if not ch.isspace()]
    compact = "".join(raw[i] for i in keep)
    # The Document keeps no page per line: the page of the located thing on the nearest line stands in.
    anchors = {src.line: src.page for src in _sources(s) if src.page is not None}
    for match in pattern.finditer(compact):
        start, end = keep[match.start()], keep[match.end() - 1] + 1
        line = raw.count("\n", 0, start) + 1
        nearest = min(anchors, key=lambda at: (abs(at - line), at < line), default=None)
        page = anchors[nearest] if nearest is not None else None
        column = start - (raw.rfind("\n", 0, start) + 1) + 1
        end_line = raw.count("\n", 0, end) + 1
        yield match, Source(path=s.doc.path, line=line, column=column, end_line=end_line,
                            end_column=end - (raw.rfind("\n", 0, end) + 1), text=raw[start:end], offset=start,
                            end_offset=end, page=page)


def _sources(s: Subject) -> Iterator[Source]:
    """Every located thing of the document: facts and section headings."""
    yield from (fact.source for fact in s.doc.facts)
    yield from (sec.source for sec in s.doc.sections)


# --- a reason that runs against the change ---------------------------------------------------------------

_ITEM_CHANGE = re.compile(r"(?P<dir>增加|减少|增长|下降)\d[\d,]*(?:\.\d+)?(?:%|万元)[。；;]主要原因是[:：]"
                          r"(?P<reason>[^。\n]{0,60}?)(?P<rdir>经费|支出|资金|预算)(?P<rword>增加|减少)。")
_UP = ("增加", "增长")


def run_reason_direction(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """“比上年减少 2.98%。主要原因是：…经费增加。”: the reason names the opposite direction of the change."""
    for match, source in located(s, _ITEM_CHANGE):
        up = match.group("dir") in _UP
        if up == (match.group("rword") in _UP):
            yield PASSED
            continue
        yield rule.finding(f"“{match.group(0)[:60]}”：变化为{match.group('dir')}，原因却说{match.group('rdir')}"
                           f"{match.group('rword')}", expected=f"原因与“{match.group('dir')}”一致",
                           actual=f"{match.group('rdir')}{match.group('rword')}",
                           sources=[source])


# --- the template of another government level ------------------------------------------------------------

_LEVEL_PHRASE = re.compile(r"(?P<level>[省市区县])级(预算主管部门|财政有经费领拨关系|财政拨款安排)")


def unit_level(unit: str) -> str:
    """省 / 市 / 区 / 县: the government level a unit's name places it at (上海市普陀区… → 区)."""
    tail = re.sub(r"（.*?）|\(.*?\)", "", unit)
    if re.search(r"[\u4e00-\u9fff]{1,5}[区县](?!域)", tail.split("市", 1)[-1] if "市" in tail else ""):
        return "区" if re.search(r"[\u4e00-\u9fff]{1,5}区", tail.split("市", 1)[-1]) else "县"
    if "市" in tail or "州" in tail or "盟" in tail:
        return "市"
    if "省" in tail or "自治区" in tail:
        return "省"
    return ""


def run_template_level(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """Definitions that name another level (市级预算主管部门 in a 区级 budget) are left over from a template."""
    level = unit_level(s.doc.unit or "")
    if not level:
        return
    others = [(m, src) for m, src in located(s, _LEVEL_PHRASE) if m.group("level") != level]
    if not others:
        yield PASSED
        return
    phrases = "、".join(dict.fromkeys(m.group(0) for m, _ in others))
    yield rule.finding(f"{s.doc.unit}为{level}级单位，文中却写“{phrases}”，疑为套用其他层级模板",
                       expected=f"{level}级", actual=phrases, sources=[src for _, src in others[:3]])


__all__ = ["located", "run_empty_note_subject", "run_no_previous_year", "run_filled_marked_empty", "run_reason_direction", "run_repeated_block",
           "run_template_level", "run_zero_base_rates", "unit_level"]
