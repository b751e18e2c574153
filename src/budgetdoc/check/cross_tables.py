"""One figure, one value: a 类 amount across the tables of one scope, a 项 amount in the text against the table
rows of that 项, the amount an item is titled with against the amount its sentence gives, and shares of one
whole that should add up to 100 %.

These read the rebuilt tables and the printed text, not extracted facts: a table column can be misread, so a
difference is a warning that names every place the figure was printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from budgetdoc.amounts import AmountError, parse_amount
from budgetdoc.check.base import PASSED, Outcome, Rule, Subject
from budgetdoc.check.slips import located
from budgetdoc.check.tolerance import HUNDRED, Interval, fmt, places_of, unit_of
from budgetdoc.model import Row, Severity, Source, Table

_AMOUNT = re.compile(r"-?\d[\d,]*\.\d+")
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\d+[.、]|[(（][一二三四五六七八九十\d]+[)）])\s*")
_CENT = Decimal("0.01")


def _wan(text: str, table: Table) -> Decimal | None:
    """A printed amount cell in 万元 (元 tables divided by 10,000), or None for text and codes."""
    text = text.strip()
    if not _AMOUNT.fullmatch(text):
        return None
    try:
        value = parse_amount(text)
    except AmountError:
        return None
    return value / 10000 if table.unit == "元" else value


def scope(name: str) -> str:
    """全口径, 财政拨款 or the fund a table title names."""
    for word in ("一般公共预算", "政府性基金", "国有资本经营", "财政拨款"):
        if word in name:
            return word
    return "全口径"


def _expense_side(table: Table) -> bool:
    """A table whose 类 rows carry the whole expense of the 类 (not only its 基本 or 项目 part)."""
    if "基本支出" in table.name or "项目支出" in table.name:
        return False
    return "支出" in table.name or "收支" in table.name


def _first_amount(table: Table, cells: tuple, start: int) -> tuple[Decimal, Source | None] | None:  # noqa: ANN401
    for cell in cells[start:]:
        value = _wan(cell.text, table)
        if value is not None:
            return value, cell.source
        if cell.text.strip() and not _AMOUNT.fullmatch(cell.text.strip()):
            return None  # the next label came before any amount: the row prints none for this one
    return None


def class_amounts(s: Subject) -> dict[tuple[str, str], list[tuple[Decimal, Table, Source | None]]]:
    """(scope, 类 name) → every amount printed for that 类 in an expense table: the coded 类 rows (2xx) and the
    numbered 类 lines of the 总表 (八、社会保障和就业支出 326.71)."""
    names = {row.label for t in s.doc.tables for row in t.rows
             if row.level == "类" and len(row.code) == 3 and row.code.startswith("2") and row.label}
    out: dict[tuple[str, str], list[tuple[Decimal, Table, Source | None]]] = {}
    for table in s.doc.tables:
        if not _expense_side(table) or table.empty_statement:
            continue
        seen: set[str] = set()  # tables that list several units repeat the 类 per unit: the first is the total
        for row in table.rows:
            for index, cell in enumerate(row.cells):
                name = _NUMBERING.sub("", cell.text).strip()
                if name not in names:
                    continue
                if row.code and not (len(row.code) == 3 and row.code.startswith("2")):
                    continue
                found = _first_amount(table, row.cells, index + 1)
                if found is not None and name not in seen:
                    seen.add(name)
                    out.setdefault((scope(table.name), name), []).append((found[0], table, found[1]))
    return out


def run_class_across_tables(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """A 类's amount is the same in every expense table of one scope (收入支出决算总表 and 支出决算表 …)."""
    for (where, name), printed in class_amounts(s).items():
        values = {v.quantize(_CENT) for v, _, _ in printed}
        if len(printed) < 2:
            continue
        if len(values) == 1:
            yield PASSED
            continue
        shown = "；".join(f"{t.name} {fmt(v.quantize(_CENT))}" for v, t, _ in printed)
        yield rule.finding(f"{name}(类)在{where}的各表中金额不一致：{shown}", expected="各表金额相同",
                           actual="、".join(fmt(v) for v in sorted(values)), keys=[f"table.class[{name}]"],
                           sources=[src for _, _, src in printed if src])


# --- a 项 amount stated in the text against the table rows of that 项 ---------------------------------------

_ITEM = re.compile(r"(?P<path>[^\s“”。；;，,:：0-9.、]{2,80}?)[（(]项[)）]”?(?:支出|预算数?|决算数?)?(?:为|安排)?"
                   r"(?P<amount>\d[\d,]*\.\d+)万元")
_PART = re.compile(r"(?P<name>[^（()）]+?)[（(](?P<level>类|款)[)）]")


def _item_rows(s: Subject) -> list[tuple[str, str, str, Row, Table]]:
    """(类 label, 款 label, 项 label, row, table) for every coded 项 row of a function-classified table."""
    out = []
    for table in s.doc.tables:
        labels = {row.code: row.label for row in table.rows if row.code}
        for row in table.rows:
            if row.level == "项" and len(row.code) == 7 and row.code.startswith("2"):
                out.append((labels.get(row.code[:3], ""), labels.get(row.code[:5], ""), row.label, row, table))
    return out


def run_item_text_table(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """“…（类）…（款）…（项）” X万元 in the text is printed in some amount cell of that 项's table rows."""
    rows = _item_rows(s)
    if not rows:
        return
    for match, source in located(s, _ITEM):
        path = match.group("path")
        parts = {m.group("level"): m.group("name") for m in _PART.finditer(path)}
        tail = _PART.sub("", path)  # the 项 name, or 款+项 run together (人大事务行政运行)
        candidates = [r for r in rows if r[2] and tail.endswith(r[2])
                      and (not parts.get("类") or parts["类"] == r[0]) and (not parts.get("款") or parts["款"] == r[1])]
        if not candidates:
            continue
        longest = max(len(r[2]) for r in candidates)
        candidates = [r for r in candidates if len(r[2]) == longest]
        stated = parse_amount(match.group("amount"))
        printed = [(v, c.source, t) for *_, row, t in candidates for c in row.cells
                   if (v := _wan(c.text, t)) is not None]
        if not printed:
            continue
        if any(_same(v, stated, t) for v, _, t in printed):
            yield PASSED
            continue
        shown = "、".join(dict.fromkeys(f"{fmt(v.quantize(_CENT))}" for v, _, _ in printed))
        yield rule.finding(f"文中“{match.group(0)[:60]}”与表中该项金额（{shown}）均不相同",
                           expected=shown, actual=fmt(stated), keys=[f"table.item[{candidates[0][3].code}]"],
                           sources=[source, *(src for _, src, _ in printed[:3] if src)])


def _same(value: Decimal, stated: Decimal, table: Table) -> bool:
    """The table's amount printed as the text prints it: 元 tables are rounded or cut to 万元 (877,080.00元 is
    printed 87.71 or 87.70), so anything within one cent is the same figure."""
    if table.unit == "元":
        return abs(value - stated) < _CENT
    return value.quantize(_CENT) == stated


# --- the amount an item is titled with against the amount its sentence gives ---------------------------------

_ITEM_SENTENCE = re.compile(r"[（(]项[)）]”(?P<title>\d[\d,]*\.\d+)万元[^“]{0,120}?(?P<year>20\d\d)年(?:预算)?安排"
                            r"(?P<said>\d[\d,]*\.\d+)万元")


def run_item_restated(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """“…（项）”350.35万元 … 2024年预算安排352.67万元: the same arrangement stated twice with two values."""
    for match, source in located(s, _ITEM_SENTENCE):
        if s.doc.year is not None and int(match.group("year")) != s.doc.year:
            continue
        title, said = parse_amount(match.group("title")), parse_amount(match.group("said"))
        if title == said:
            yield PASSED
            continue
        yield rule.finding(f"同一项目的{match.group('year')}年安排前后两个金额：标题 {fmt(title)} 万元，句中 {fmt(said)} 万元",
                           expected=fmt(title), actual=fmt(said), sources=[source])


_N = r"\d[\d,]*(?:\.\d+)?"
_AGAINST_EXECUTED = re.compile(
    rf"(?:20\d\d年|上年)(?:当年)?(?:预算)?执行数(?:为|是)?(?P<last>{_N})万元[,，;；]?"
    rf"(?:20\d\d年|本年)(?:预算安排|预算数为?)(?P<now>{_N})万元[,，]?"
    rf"比(?:20\d\d年|上年)(?:当年)?(?:预算)?执行数(?:(?P<dir>增加|减少|增长|下降)(?P<pct>{_N})%|(?P<flat>持平))")


def run_change_against_executed(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """“2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%”:
    the rate is (安排 − 执行数) / 执行数 of the two figures it follows, in the direction its word says."""
    for match, source in located(s, _AGAINST_EXECUTED):
        last, now = parse_amount(match.group("last")), parse_amount(match.group("now"))
        if match.group("flat"):
            if Interval.printed(last).distance(Interval.printed(now)) == 0:
                yield PASSED
            else:
                yield rule.finding(f"上年执行数 {fmt(last)} 万元、本年安排 {fmt(now)} 万元，但文中称“持平”",
                                   expected="增加或减少", actual="持平", sources=[source])
            continue
        if last == 0:
            continue  # no rate against a zero base: percent.change's concern, not a second finding here
        printed = parse_amount(match.group("pct"))
        signed = -printed if match.group("dir") in ("减少", "下降") else printed
        ratio = ((Interval.printed(now) - Interval.printed(last)) / Interval.printed(last)).scale(HUNDRED)
        gap = Interval.printed(signed).distance(ratio)
        if gap == 0:
            yield PASSED
            continue
        expected = fmt((now - last) / last * HUNDRED, places_of(printed))
        rounding = gap <= unit_of(printed)
        yield rule.finding(
            f"比上年执行数{match.group('dir')}{fmt(printed)}% ≠ ({fmt(now)} − {fmt(last)}) / {fmt(last)} × 100% = "
            f"{expected}%" + ("，在舍入误差范围内" if rounding else ""),
            expected=f"{expected}%", actual=f"{fmt(signed)}%", sources=[source],
            severity=Severity.INFO if rounding else None)


# --- shares of one whole -----------------------------------------------------------------------------------

_THREE_SHARE = re.compile(r"占“?三公”?经费(?:预算)?(?:总额)?的?(?P<pct>\d+(?:\.\d+)?)%")


def run_three_shares(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """The shares of the three 三公 items, stated one after another, add up to 100 %."""
    found = list(located(s, _THREE_SHARE))
    groups: list[list[tuple[re.Match[str], Source]]] = []
    for item in found:
        if groups and item[1].offset - groups[-1][-1][1].offset < 600:
            groups[-1].append(item)
        else:
            groups.append([item])
    for group in groups:
        if len(group) != 3:
            continue  # only the three items together make the whole
        total = sum((Decimal(m.group("pct")) for m, _ in group), Decimal(0))
        if abs(total - 100) <= Decimal("0.1"):
            yield PASSED
            continue
        yield rule.finding(f"“三公”经费三项所占比例 {' + '.join(m.group('pct') + '%' for m, _ in group)} = {fmt(total)}%，"
                           "应为 100%（比例的分母可能不是“三公”经费合计）", expected="100%", actual=f"{fmt(total)}%",
                           sources=[src for _, src in group])


__all__ = ["class_amounts", "run_change_against_executed", "run_class_across_tables", "run_item_restated",
           "run_item_text_table", "run_three_shares", "scope"]
