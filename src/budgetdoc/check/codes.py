"""Codes and row numbers as printed: a 款 code printed without its leading zero, a 行次 used twice in one table,
a text total that the table's 总计 row does not print, an item explained with another item's words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from budgetdoc.amounts import AmountError, parse_amount
from budgetdoc.check.base import PASSED, Outcome, Rule, Subject
from budgetdoc.check.slips import located
from budgetdoc.check.tolerance import fmt
from budgetdoc.model import Section, Source, Table

_SEGMENT = re.compile(r"\d{1,2}")


def _segment_columns(table: Table) -> list[int]:
    """Columns holding the 款/项 segment of a code (header 款 or 项 under 科目编码)."""
    return [i for i, path in enumerate(table.columns) if path and path[-1] in ("款", "项")]


def run_truncated_codes(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """A 款/项 segment is printed with two digits (301 02), not one (301 2)."""
    for table in s.doc.tables:
        for index in _segment_columns(table):
            cells = [row.cells[index] for row in table.rows if index < len(row.cells)]
            printed = [c for c in cells if _SEGMENT.fullmatch(c.text.strip())]
            short = [c for c in printed if len(c.text.strip()) == 1]
            if not printed:
                continue
            if not short:
                yield PASSED
                continue
            if len(short) * 2 > len(printed):
                continue  # a column printed one-digit throughout is that region's style, not a slip
            names = [row.cells[index + 1].text if index + 1 < len(row.cells) else "" for row in table.rows
                     if index < len(row.cells) and row.cells[index] in short]
            shown = "、".join(f"{c.text.strip()} {n}" for c, n in zip(short, names, strict=False))
            yield rule.finding(f"{table.name}「{'/'.join(table.columns[index])}」编码少印一位：{shown}（应为两位）",
                               expected="两位编码", actual=shown, keys=[f"table[{table.name}].code"],
                               sources=[c.source for c in short if c.source])


def run_row_numbers(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """No 行次 is printed twice in one table."""
    for table in s.doc.tables:
        columns = [i for i, path in enumerate(table.columns) if path and "行次" in path[-1]]
        if not columns:
            continue
        seen: dict[str, list[tuple[str, Source | None]]] = {}
        for row in table.rows:
            for index in columns:
                if index >= len(row.cells):
                    continue
                text = row.cells[index].text.strip()
                if text.isdigit():
                    label = row.cells[index - 1].text if index else ""
                    seen.setdefault(text, []).append((label, row.cells[index].source))
        twice = {n: rows for n, rows in seen.items() if len(rows) > 1}
        if not seen:
            continue
        if not twice:
            yield PASSED
            continue
        shown = "；".join(f"行次 {n}：" + "、".join(label for label, _ in rows) for n, rows in twice.items())
        yield rule.finding(f"{table.name}中行次重复：{shown}", expected="每行一个行次", actual=shown,
                           keys=[f"table[{table.name}].row_number"],
                           sources=[src for rows in twice.values() for _, src in rows if src])


# --- a total in the text against the table's 总计 row ---------------------------------------------------

_TEXT_TOTAL = re.compile(r"(?P<fiscal>财政拨款)?收入支出总计(?P<amount>\d[\d,]*(?:\.\d+)?)万元")


def _total_row(table: Table) -> list[tuple[Decimal, Source | None]]:
    for row in table.rows:
        texts = [c.text.strip() for c in row.cells]
        if texts and any(t.replace(" ", "") == "总计" for t in texts):
            out = []
            for cell in row.cells:
                try:
                    value = parse_amount(cell.text.strip())
                except AmountError:
                    continue
                out.append((value / 10000 if table.unit == "元" else value, cell.source))
            return out
    return []


def run_total_text_table(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """“（财政拨款）收入支出总计 X 万元” in the text is the 总计 of the 收入支出（财政拨款收入支出）总表."""
    for match, source in located(s, _TEXT_TOTAL):
        fiscal = bool(match.group("fiscal"))
        tables = [t for t in s.doc.tables if "总表" in t.name and ("财政拨款" in t.name) == fiscal
                  and "收入" in t.name and "支出" in t.name]
        if not tables:
            continue
        printed = _total_row(tables[0])
        if not printed:
            continue
        stated = parse_amount(match.group("amount"))
        if any(abs(v - stated) < Decimal("0.01") for v, _ in printed):
            yield PASSED
            continue
        shown = fmt(printed[0][0])
        yield rule.finding(f"文中“{match.group(0)}”与{tables[0].name}的总计 {shown} 万元不同",
                           expected=shown, actual=fmt(stated), keys=[f"table[{tables[0].name}].总计"],
                           sources=[source, *(src for _, src in printed[:1] if src)])


# --- an item explained with another item's words ---------------------------------------------------------

_ITEM_NAME = re.compile(r"^\s*\d+[.、]\s*“?(?P<name>[^”\d]+?)(?:[（(]项[)）])?”?\s*(?:支出|收入)?\s*"
                        r"\d[\d,]*(?:\.\d+)?\s*万元")
_REASON = re.compile(r"(?:主要原因是|主要是因为|原因是)[:：]?")
_USE = re.compile(r"主要用于[:：]?")
_PATH = re.compile(r"[^（()）]+?[（(](?:类|款)[)）]")


def _name(head: str) -> str:
    """The item's own name from its opening (``15.“…（款）机关事业单位职业年金缴费支出（项）”230.28万元``); a
    heading wrapped over two lines is read with its continuation."""
    match = _ITEM_NAME.match(head.replace("\n", ""))
    if not match:
        return ""
    return _PATH.sub("", match.group("name")).strip()


def run_sibling_reason(rule: Rule, s: Subject) -> Iterator[Outcome]:
    """A numbered item's explanation speaks of a sibling item (职业年金缴费支出 … 主要原因是：事业单位离退休经费增加)."""
    items = [sec for sec in s.doc.sections if sec.level == 4]
    groups: dict[tuple[str, ...], list[Section]] = {}
    for sec in items:
        groups.setdefault(sec.path[:-1], []).append(sec)
    for siblings in groups.values():
        names = {id(sec): _name(s.body(sec)[:160]) for sec in siblings}
        for sec in siblings:
            own = names[id(sec)]
            body = s.body(sec)
            if len(own) < 4 or "。" not in body:
                continue  # table rows read as items carry no sentence to judge
            body = body[len(sec.title):]
            # The reason clause when there is one (主要用于 names the item itself, by the template).
            marker = [*_REASON.finditer(body)] or [*_USE.finditer(body)]
            reason = body[marker[-1].end():] if marker else body
            others = [n for o, n in ((o, names[id(o)]) for o in siblings)
                      if o is not sec and len(n) >= 4 and n not in own and own not in n and n in reason]
            if not others:
                yield PASSED
                continue
            if own in reason:
                yield PASSED
                continue
            yield rule.finding(f"“{sec.title[:40]}”的说明讲的是“{others[0]}”，未提本项“{own}”，疑为从其他项复制",
                               expected=own, actual=others[0], sources=[sec.source])


__all__ = ["run_row_numbers", "run_sibling_reason", "run_total_text_table", "run_truncated_codes"]
