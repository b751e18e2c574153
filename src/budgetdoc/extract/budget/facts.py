"""``budget.*`` facts of a 部门预算: every row of the rebuilt tables, and the figures the 第三部分 explanations
state (amount, 占 %, 比上年预算 增减 and 增减率, signed). Keys are documented in docs/budget.md.

A figure printed both in a table and in the explanations gives one fact for each place, under the same key
and the table's first, so ``Document.value`` reads the table and a check can compare every statement.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from budgetdoc.amounts import NUMBER, parse_amount, parse_int, parse_percent, signed, to_halfwidth
from budgetdoc.extract.base import Context
from budgetdoc.extract.budget.projects import project_facts
from budgetdoc.extract.table_facts import label_text as _label
from budgetdoc.model import Cell, DocKind, Fact, Row, Section, Table

_N = NUMBER
# The rate is optional: against a zero last year no rate may be printed (checks.md #35).
_CHANGE = (rf"(?:,?(?:比上年预算)?(?P<dir>增加|减少)(?P<change>{_N})万元(?:,?(?P<dir2>增长|下降)(?P<change_pct>{_N})%)?)?")


def extract_budget(ctx: Context) -> Iterator[Fact]:
    """All ``budget.*`` facts of a budget document (nothing for other kinds)."""
    if ctx.kind is not DocKind.BUDGET:
        return
    tables = {t.kind: t for t in ctx.tables}
    keyed: set[str] = set()
    for fact in _table_facts(tables):
        if fact.key not in keyed:  # a label printed twice in a table (本年 and 上年结转 rows): the first
            keyed.add(fact.key)
            yield fact
    placed: set[tuple[str, int]] = set()
    for fact in (*_explanations(ctx), *project_facts(ctx)):
        if (fact.key, fact.source.offset) not in placed:
            placed.add((fact.key, fact.source.offset))
            yield fact


# --- tables ---------------------------------------------------------------------------------------------
# Tables come from the text finder (Xinjiang layout) or from a PDF/DOCX/XLSX reader (any layout), so columns
# are found by their header words and rows by their labels, never by position.

_T1_LABELS = {"收入总计": "income_total", "支出总计": "expense_total", "一般公共预算拨款": "gpb",
              "一般公共预算拨款收入": "gpb", "一般公共预算资金": "gpb", "基金预算拨款": "gov_fund",
              "政府性基金预算拨款收入": "gov_fund", "国有资本经营预算拨款": "soe_capital",
              "国有资本经营预算拨款收入": "soe_capital", "财政专户核拨": "special_account",
              "财政专户管理资金收入": "special_account", "单位资金": "unit_funds", "上年结转结余": "carryover"}
_THREE_LABELS = {"合计": "total", "“三公”经费财政拨款预算总额": "total", "因公出国(境)费": "overseas",
                 "因公出国(境)费用": "overseas", "公务接待费": "reception", "公务用车购置及运行费(小计)": "vehicle",
                 "公务用车购置及运行费": "vehicle", "公务用车购置及运行维护费": "vehicle",
                 "公务用车购置费": "vehicle_purchase", "公务用车运行费": "vehicle_operation",
                 "公务用车运行维护费": "vehicle_operation"}
_TOTAL_LABELS = ("合计", "总计")


def _amount(cell: Cell) -> bool:
    try:
        parse_amount(cell.text)
    except ValueError:
        return False
    return cell.source is not None


def _cell_fact(key: str, cell: Cell | None, table: Table) -> Fact | None:
    if cell is None or not _amount(cell):
        return None
    value = parse_amount(cell.text)
    if table.unit == "元":
        value = value.scaleb(-4)  # facts are in 万元 whatever the table prints; exact, no rounding
    return Fact(key=key, value=value, source=cell.source,  # type: ignore[arg-type]
                section=f"{table.number}{table.name}")


def _col(table: Table, *words: str) -> int | None:
    """The first column whose header names one of ``words`` (its leaf, or the group of a 小计 leaf)."""
    for index, path in enumerate(table.columns):
        if not path:
            continue
        leaf = path[-1]
        if leaf in words or leaf in ("小计", "项目支出总数") and len(path) > 1 and path[-2] in words:
            return index
        if leaf == "项目支出总数" and "项目支出" in words:
            return index
    return None


def _at(row: Row, index: int | None) -> Cell | None:
    return row.cells[index] if index is not None and index < len(row.cells) else None


def _is_total(row: Row) -> bool:
    return not row.code and any(_label(c.text) in _TOTAL_LABELS for c in row.cells if not _amount(c))


def _labelled(table: Table, labels: dict[str, str]) -> Iterator[tuple[str, Cell]]:
    """(key, amount cell) for each label cell followed by an amount, in rows printed label-then-figure."""
    for row in table.rows:
        for index, cell in enumerate(row.cells[:-1]):
            key = labels.get(_label(cell.text))
            if key and _amount(row.cells[index + 1]):
                yield key, row.cells[index + 1]


def _table_facts(tables: dict[str, Table]) -> Iterator[Fact]:
    made: list[Fact | None] = []
    if (t1 := tables.get("budget.t01_income_expense")) is not None:
        made += [_cell_fact(f"budget.{key}", cell, t1) for key, cell in _labelled(t1, _T1_LABELS)]
    if (t3 := tables.get("budget.t03_expense")) is not None:
        made += _function_rows(t3, "budget.function")
    if (t5 := tables.get("budget.t05_general_expense")) is not None:
        made += _function_rows(t5, "budget.gpb_function")
    if (t6 := tables.get("budget.t06_general_basic")) is not None:
        total = _col(t6, "合计")
        made += [_cell_fact(f"budget.economic[{row.code}]", _at(row, total), t6)
                 for row in _one_row_per_code(t6)]
        for row in filter(_is_total, t6.rows):
            made += [_cell_fact("budget.personnel", _at(row, _col(t6, "人员经费")), t6),
                     _cell_fact("budget.public", _at(row, _col(t6, "公用经费")), t6)]
    if (t7 := tables.get("budget.t07_general_project")) is not None:
        name, total = _col(t7, "项目名称"), _col(t7, "合计")
        unit: Cell | None = None  # the unit subtotal row the projects are printed under
        for row in t7.rows:
            project = _at(row, name)
            if not row.code and not _is_total(row):
                unit = next((c for c in row.cells if c.text and c.source and not _amount(c)), unit)
            elif project is not None and project.text:
                # keyed by the name folded as the explanations print it: （）→()
                key = f"budget.project[{to_halfwidth(project.text)}]"
                made.append(_cell_fact(key, _at(row, total), t7))
                if unit is not None and unit.source is not None:
                    made.append(Fact(key=f"{key}.unit", value=unit.text, source=unit.source,
                                     section=f"{t7.number}{t7.name}"))
    if (t10 := tables.get("budget.t08_three_public")) is not None:
        made += [_cell_fact(f"budget.three.{key}", cell, t10) for key, cell in _labelled(t10, _THREE_LABELS)]
        # tables that print the items as columns (one figure row)
        for label, key in _THREE_LABELS.items():
            index = next((i for i, path in enumerate(t10.columns) if path and _label(path[-1]) == label),
                         None)
            if index is not None and key != "total" or label == "“三公”经费财政拨款预算总额":
                made += [_cell_fact(f"budget.three.{key}", _at(row, index), t10) for row in t10.rows[:1]]
    yield from (f for f in made if f is not None)


def _one_row_per_code(table: Table) -> list[Row]:
    """Coded rows whose code no other row repeats: a table that crosses 功能 with 经济分类 (one row per
    pair, as Beijing's 支出总表 does) states no single figure for a code."""
    counts = Counter(row.code for row in table.rows if row.code)
    return [row for row in table.rows if row.code and counts[row.code] == 1]


def _function_rows(table: Table, prefix: str) -> list[Fact | None]:
    made: list[Fact | None] = []
    total, basic, project = _col(table, "合计"), _col(table, "基本支出"), _col(table, "项目支出")
    for row in _one_row_per_code(table):
        if row.code:
            key = f"{prefix}[{row.code}]"
            made += [_cell_fact(key, _at(row, total), table),
                     _cell_fact(f"{key}.basic", _at(row, basic), table),
                     _cell_fact(f"{key}.project", _at(row, project), table)]
    split = {"budget.function": ("budget.basic", "budget.project"),
             "budget.gpb_function": ("budget.gpb_basic", "budget.gpb_project")}[prefix]
    for row in filter(_is_total, table.rows):
        made += [_cell_fact(split[0], _at(row, basic), table), _cell_fact(split[1], _at(row, project), table)]
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
    (("fiscal",), "budget.gpb", r"收入预算包括:一般公共预算拨款"),
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
# A 科目 name may hold a bracketed part of its own: 政府办公厅(室)及相关机构事务(款).
_SUBJECT = r"(?:[^\s:;,。()]|\((?!(?:类|款|项)\))[^\s:;,。()]*\))+"
_ITEM = re.compile(rf"(?P<path>(?:{_SUBJECT}\((?:类|款|项)\))+):(?:\d{{4}}年)?预算数为(?P<amount>{_N})万元{_CHANGE}")
_CATEGORY = re.compile(rf"(?P<name>[^\s:;,。()\d、]+)\(类\)(?P<amount>{_N})万元,占(?P<pct>{_N})%")
_ASSETS = (
    ("budget.assets.house_area", rf"房屋(?P<v>{_N})平方米"),
    ("budget.assets.house_value", rf"平方米,价值(?P<v>{_N})万元"),
    ("budget.assets.vehicles", r"车辆(?P<v>\d+)辆"),
    ("budget.assets.vehicles_value", rf"车辆\d+辆,价值(?P<v>{_N})万元"),
    ("budget.assets.official_vehicles", r"一般公务用车(?P<v>\d+)辆"),
    ("budget.assets.official_vehicles_value", rf"一般公务用车\d+辆,价值(?P<v>{_N})万元"),
    ("budget.assets.enforcement_vehicles", r"执法执勤用车(?P<v>\d+)辆"),
    ("budget.assets.enforcement_vehicles_value", rf"执法执勤用车\d+辆,价值(?P<v>{_N})万元"),
    ("budget.assets.other_vehicles", r"其他车辆(?P<v>\d+)辆"),
    ("budget.assets.other_vehicles_value", rf"其他车辆\d+辆,价值(?P<v>{_N})万元"),
    ("budget.assets.new_equipment_over_500k", r"安排购置50万元以上大型设备(?P<v>\d+)台"),
    ("budget.assets.new_equipment_over_1m", r"安排购置50万元以上大型设备\d+台,单位价值100万元以上大型设备(?P<v>\d+)台"),
    ("budget.assets.furniture_value", rf"办公家具价值(?P<v>{_N})万元"),
    ("budget.assets.other_value", rf"其他资产价值(?P<v>{_N})万元"),
    ("budget.assets.equipment_over_500k", r"单位价值50万元以上大型设备(?P<v>\d+)台"),
    ("budget.assets.equipment_over_1m", r"单位价值100万元以上大型设备(?P<v>\d+)台"),
)
_COUNTS = {f"budget.assets.{name}" for name in (
    "vehicles", "official_vehicles", "enforcement_vehicles", "other_vehicles", "equipment_over_500k",
    "equipment_over_1m", "new_equipment_over_500k", "new_equipment_over_1m")}
# 四、财政拨款收支总体: "一般公共预算支出包括：一般公共服务支出 14,874.48 万元，主要用于…；社会保障…"
_FISCAL_CATEGORY = re.compile(rf"(?:支出包括:|;)(?P<name>[^\s:;,。()\d]+?支出)(?P<amount>{_N})万元")
# (四) 预算绩效情况: the count and amount of each group of 绩效目标.
_PERF = (
    ("budget.perf.overall_targets", "budget.perf.overall_amount", r"整体预算绩效目标"),
    ("budget.perf.fiscal_projects", "budget.perf.fiscal_projects_amount", r"当年财政拨款项目"),
    ("budget.perf.nonfiscal_projects", "budget.perf.nonfiscal_projects_amount", r"当年非财政拨款项目"),
)


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
            pattern = re.compile(
                rf"{label}(?P<dir>增加|减少)(?P<change>{_N})万元(?:,(?P<dir2>增长|下降)(?P<change_pct>{_N})%)?")
            match = next(ctx.finditer(pattern, section), None)
            if match:
                yield from _changes(ctx, key, match)
    for section in _sections(ctx, ("gpb_structure",)):
        for match in ctx.finditer(_CATEGORY, section):
            key = f"budget.gpb_category[{match.group('name')}]"
            yield ctx.fact(key, parse_amount(match.group("amount")), *match.span("amount"))
            yield ctx.fact(f"{key}.pct", parse_percent(match.group("pct")), *match.span("pct"))
    for section in _sections(ctx, ("fiscal",)):
        for match in ctx.finditer(_FISCAL_CATEGORY, section):
            yield ctx.fact(f"budget.gpb_category[{match.group('name')}]", parse_amount(match.group("amount")),
                           *match.span("amount"))
    for section in _sections(ctx, ("perf",)):
        for count_key, amount_key, label in _PERF:
            pattern = re.compile(rf"{label}(?P<n>\d+)个,涉及(?:预算)?金额(?P<amount>{_N})万元")
            match = next(ctx.finditer(pattern, section), None)
            if match:
                yield ctx.fact(count_key, parse_int(match.group("n")), *match.span("n"))
                yield ctx.fact(amount_key, parse_amount(match.group("amount")), *match.span("amount"))
    for section in _sections(ctx, ("gpb_items",)):
        for match in ctx.finditer(_ITEM, section):
            printed = re.sub(r"^\d+、", "", match.group("path"))
            path = "/".join(re.findall(rf"({_SUBJECT})\((?:类|款|项)\)", printed))
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
        if match.group("change_pct"):
            change_pct = signed(parse_percent(match.group("change_pct")), match.group("dir2"))
            yield ctx.fact(f"{key}.change_pct", change_pct, match.start("dir2"), match.end("change_pct"))
