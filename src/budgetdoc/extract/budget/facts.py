"""``budget.*`` facts of a 部门预算: every row of the rebuilt tables, and the figures the 第三部分 explanations
state (amount, 占 %, 比上年预算 增减 and 增减率, signed). Keys are documented in docs/budget.md.

A figure printed both in a table and in the explanations is keyed once, from the table; the explanation adds
only what the table does not print (shares, changes, 0 written in words).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetdoc.amounts import NUMBER, parse_amount, parse_int, parse_percent, signed, to_halfwidth
from budgetdoc.extract.base import Context
from budgetdoc.extract.budget.projects import project_facts
from budgetdoc.model import Cell, DocKind, Fact, Row, Section, Table

_N = NUMBER
_CHANGE = (rf"(?:,?(?:比上年预算)?(?P<dir>增加|减少)(?P<change>{_N})万元,?(?P<dir2>增长|下降)(?P<change_pct>{_N})%)?")


def extract_budget(ctx: Context) -> Iterator[Fact]:
    """All ``budget.*`` facts of a budget document (nothing for other kinds)."""
    if ctx.kind is not DocKind.BUDGET:
        return
    seen: set[str] = set()
    for fact in _all(ctx):
        if fact.key not in seen:
            seen.add(fact.key)
            yield fact


def _all(ctx: Context) -> Iterator[Fact]:
    tables = {t.kind: t for t in ctx.tables}
    yield from _table_facts(tables)
    yield from _explanations(ctx)
    yield from project_facts(ctx)


# --- tables ---------------------------------------------------------------------------------------------


def _cell_fact(key: str, cell: Cell, table: Table) -> Fact | None:
    if not cell.text or cell.source is None:
        return None
    return Fact(key=key, value=parse_amount(cell.text), source=cell.source, section=f"{table.number}{table.name}")


def _col(table: Table, *path: str) -> int:
    return table.columns.index(tuple(path))


def _total_row(table: Table) -> Row | None:
    return next((r for r in table.rows if not r.code and r.cells[1].text in ("总计", "合计")), None)


def _table_facts(tables: dict[str, Table]) -> Iterator[Fact]:
    made: list[Fact | None] = []
    if (t1 := tables.get("budget.t01_income_expense")) is not None:
        labels = {"收入总计": "income_total", "一般公共预算拨款": "gpb", "基金预算拨款": "gov_fund",
                  "国有资本经营预算拨款": "soe_capital", "财政专户核拨": "special_account", "单位资金": "unit_funds",
                  "上年结转结余": "carryover"}
        for row in t1.rows:
            label = re.sub(r"^[一二三四五六七八九十\d]+[、.]", "", row.cells[0].text)
            key = labels.get(label)
            if key and not label.startswith("其中") and f"budget.{key}" not in {f.key for f in made if f}:
                made.append(_cell_fact(f"budget.{key}", row.cells[1], t1))
            if row.cells[2].text == "支出总计":
                made.append(_cell_fact("budget.expense_total", row.cells[3], t1))
    if (t3 := tables.get("budget.t03_expense")) is not None:
        made += _function_rows(t3, "budget.function", "支出预算")
    if (t5 := tables.get("budget.t05_general_expense")) is not None:
        made += _function_rows(t5, "budget.gpb_function", "一般公共预算支出")
    if (t6 := tables.get("budget.t06_general_basic")) is not None:
        head = "一般公共预算基本支出"
        for row in t6.rows:
            if row.code:
                made.append(_cell_fact(f"budget.economic[{row.code}]", row.cells[_col(t6, head, "合计")], t6))
        if (total := _total_row(t6)) is not None:
            made.append(_cell_fact("budget.personnel", total.cells[_col(t6, head, "人员经费")], t6))
            made.append(_cell_fact("budget.public", total.cells[_col(t6, head, "公用经费")], t6))
    if (t7 := tables.get("budget.t07_general_project")) is not None:
        for row in t7.rows:
            project = to_halfwidth(row.cells[2].text)  # the same name the explanations print, folded alike
            if project:
                made.append(_cell_fact(f"budget.project[{project}]", row.cells[_col(t7, "项目支出", "合计")], t7))
    if (t10 := tables.get("budget.t08_three_public")) is not None:
        names = {"合计": "total", "因公出国(境)费": "overseas", "公务接待费": "reception",
                 "公务用车购置及运行费(小计)": "vehicle", "公务用车购置及运行费": "vehicle",
                 "公务用车购置费": "vehicle_purchase", "公务用车运行费": "vehicle_operation"}
        for row in t10.rows:
            label = row.cells[0].text.translate(str.maketrans("（）", "()")).removeprefix("其中:").removeprefix("其中：")
            if label in names:
                made.append(_cell_fact(f"budget.three.{names[label]}", row.cells[1], t10))
    yield from (f for f in made if f is not None)


def _function_rows(table: Table, prefix: str, head: str) -> list[Fact | None]:
    made: list[Fact | None] = []
    total, basic, project = _col(table, head, "合计"), _col(table, head, "基本支出"), _col(table, head, "项目支出")
    for row in table.rows:
        if row.code:
            key = f"{prefix}[{row.code}]"
            made += [_cell_fact(key, row.cells[total], table), _cell_fact(f"{key}.basic", row.cells[basic], table),
                     _cell_fact(f"{key}.project", row.cells[project], table)]
    if prefix == "budget.function" and (row := _total_row(table)) is not None:
        made += [_cell_fact("budget.basic", row.cells[basic], table),
                 _cell_fact("budget.project", row.cells[project], table)]
    if prefix == "budget.gpb_function" and (row := _total_row(table)) is not None:
        made += [_cell_fact("budget.gpb_basic", row.cells[basic], table),
                 _cell_fact("budget.gpb_project", row.cells[project], table)]
    return made


# --- explanations ---------------------------------------------------------------------------------------

# (section kinds, key, label as printed) for "label N 万元，占 P%，比上年预算增加 C 万元，增长 Q%".
_STATEMENTS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("summary",), "budget.income_total", r"收支总预算"),
    (("income",), "budget.income_total", r"部门收入预算"),
    (("income",), "budget.gpb", r"(?<![上级])一般公共预算"),
    (("income",), "budget.gov_fund", r"(?<![上级])政府性基金预算"),
    (("income",), "budget.soe_capital", r"(?<![上级])国有资本经营预算"),
    (("income",), "budget.unit_funds", r"单位资金"),
    (("income",), "budget.carryover_fiscal", r"财政拨款结转"),
    (("expense",), "budget.expense_total", r"支出预算"),
    (("expense",), "budget.basic", r"基本支出"),
    (("expense",), "budget.project", r"项目支出"),
    (("fiscal",), "budget.fiscal_total", r"财政拨款收支总预算"),
    (("gpb_total",), "budget.gpb_total", r"一般公共预算拨款合计"),
    (("gpb_total",), "budget.gpb_basic", r"基本支出"),
    (("gpb_total",), "budget.gpb_project", r"项目支出"),
    (("basic",), "budget.gpb_basic", r"一般公共预算基本支出"),
    (("basic",), "budget.personnel", r"人员经费"),
    (("basic",), "budget.public", r"公用经费"),
    (("three_public",), "budget.three.total", r"“三公”经费预算数为"),
    (("three_public",), "budget.three.overseas", r"因公出国\(境\)费"),
    (("three_public",), "budget.three.vehicle_purchase", r"公务用车购置费"),
    (("three_public",), "budget.three.vehicle_operation", r"公务用车运行费"),
    (("three_public",), "budget.three.reception", r"公务接待费"),
    (("ops",), "budget.ops", r"机关运行经费财政拨款预算"),
    (("procurement",), "budget.procurement.total", r"政府采购预算"),
    (("procurement",), "budget.procurement.goods", r"政府采购货物预算"),
    (("procurement",), "budget.procurement.works", r"政府采购工程预算"),
    (("procurement",), "budget.procurement.services", r"政府采购服务预算"),
    (("procurement",), "budget.procurement.sme_reserved", r"面向中小企业预留政府采购项目预算金额"),
    (("procurement",), "budget.procurement.small_micro_reserved", r"小微企业预留政府采购项目预算金额"),
)
# 三公 changes are printed without amounts: "其中：因公出国（境）费增加 0.00 万元，增长 0.00%".
_THREE_CHANGES = (("budget.three.total", r"“三公”经费预算比上年预算"), ("budget.three.overseas", r"因公出国\(境\)费"),
                  ("budget.three.vehicle_purchase", r"公务用车购置费"),
                  ("budget.three.vehicle_operation", r"公务用车运行费"), ("budget.three.reception", r"公务接待费"))
_ITEM = re.compile(rf"(?P<path>(?:[^\s:;,。()]+\((?:类|款|项)\))+):(?:\d{{4}}年)?预算数为(?P<amount>{_N})万元{_CHANGE}")
_CATEGORY = re.compile(rf"(?P<name>[^\s:;,。()\d、]+)\(类\)(?P<amount>{_N})万元,占(?P<pct>{_N})%")
_ASSETS = (
    ("budget.assets.house_area", rf"房屋(?P<v>{_N})平方米"), ("budget.assets.house_value", rf"平方米,价值(?P<v>{_N})万元"),
    ("budget.assets.vehicles", rf"车辆(?P<v>\d+)辆"), ("budget.assets.vehicles_value", rf"车辆\d+辆,价值(?P<v>{_N})万元"),
    ("budget.assets.official_vehicles", rf"一般公务用车(?P<v>\d+)辆"),
    ("budget.assets.furniture_value", rf"办公家具价值(?P<v>{_N})万元"),
    ("budget.assets.other_value", rf"其他资产价值(?P<v>{_N})万元"),
    ("budget.assets.equipment_over_500k", r"单位价值50万元以上大型设备(?P<v>\d+)台"),
    ("budget.assets.equipment_over_1m", r"单位价值100万元以上大型设备(?P<v>\d+)台"),
)
_COUNTS = {"budget.assets.vehicles", "budget.assets.official_vehicles", "budget.assets.equipment_over_500k",
           "budget.assets.equipment_over_1m"}


def _sections(ctx: Context, kinds: tuple[str, ...]) -> list[Section]:
    # The outline lists the tables part too; figures are read from the 第三部分 explanations only.
    return [s for s in ctx.sections_of(*kinds) if s.path and "公开表" not in s.path[0]]


def _explanations(ctx: Context) -> Iterator[Fact]:
    for kinds, key, label in _STATEMENTS:
        pattern = re.compile(rf"{label}(?P<amount>{_N})万元(?:,占(?P<pct>{_N})%)?{_CHANGE}")
        for section in _sections(ctx, kinds):
            match = next(ctx.finditer(pattern, section), None)
            if match:
                yield from _statement(ctx, key, match)
                break
    for section in _sections(ctx, ("three_public",)):
        for key, label in _THREE_CHANGES:
            pattern = re.compile(rf"{label}(?P<dir>增加|减少)(?P<change>{_N})万元,(?P<dir2>增长|下降)(?P<change_pct>{_N})%")
            match = next(ctx.finditer(pattern, section), None)
            if match:
                yield from _changes(ctx, key, match)
    for section in _sections(ctx, ("gpb_structure",)):
        for match in ctx.finditer(_CATEGORY, section):
            key = f"budget.gpb_category[{match.group('name')}]"
            yield ctx.fact(key, parse_amount(match.group("amount")), *match.span("amount"))
            yield ctx.fact(f"{key}.pct", parse_percent(match.group("pct")), *match.span("pct"))
    for section in _sections(ctx, ("gpb_items",)):
        for match in ctx.finditer(_ITEM, section):
            printed = re.sub(r"^\d+、", "", match.group("path"))
            path = "/".join(re.findall(r"([^()]+)\((?:类|款|项)\)", printed))
            yield from _statement(ctx, f"budget.gpb_item[{path}]", match)
    for section in _sections(ctx, ("assets",)):
        for key, pattern in _ASSETS:
            match = next(ctx.finditer(re.compile(pattern), section), None)
            if match:
                value = parse_int(match.group("v")) if key in _COUNTS else parse_amount(match.group("v"))
                yield ctx.fact(key, value, *match.span("v"))


def _statement(ctx: Context, key: str, match: re.Match[str]) -> Iterator[Fact]:
    yield ctx.fact(key, parse_amount(match.group("amount")), *match.span("amount"))
    if match.groupdict().get("pct"):
        yield ctx.fact(f"{key}.pct", parse_percent(match.group("pct")), *match.span("pct"))
    yield from _changes(ctx, key, match)


def _changes(ctx: Context, key: str, match: re.Match[str]) -> Iterator[Fact]:
    if match.group("change"):
        yield ctx.fact(f"{key}.change", signed(parse_amount(match.group("change")), match.group("dir")),
                       match.start("dir"), match.end("change"))
        yield ctx.fact(f"{key}.change_pct", signed(parse_percent(match.group("change_pct")), match.group("dir2")),
                       match.start("dir2"), match.end("change_pct"))
