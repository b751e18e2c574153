"""Small synthetic documents for the checker tests: one printed line per fact, every fact located.

The figures of ``CLEAN_FINAL`` are those of sample 000 (昌吉回族自治州财政局 2023 年度部门决算), which add up.
"""

from __future__ import annotations

from decimal import Decimal

from budgetdoc.model import DocKind, Document, Fact, PerfTable, Section, Source, Table, Value

PATH = "synthetic.txt"

CLEAN_FINAL: dict[str, Value] = {
    "summary.income_total": Decimal("3039.73"), "summary.income_current": Decimal("2698.88"),
    "summary.income_nonfiscal_balance_used": Decimal("0.00"), "summary.income_carryover_begin": Decimal("340.85"),
    "summary.expense_total": Decimal("3039.73"), "summary.expense_current": Decimal("2722.67"),
    "summary.expense_surplus_distribution": Decimal("0.00"), "summary.expense_carryover_end": Decimal("317.06"),
    "summary.change": Decimal("218.72"), "summary.change_pct": Decimal("7.75"),
    "income.current": Decimal("2698.88"), "income.fiscal": Decimal("2639.05"), "income.fiscal.pct": Decimal("97.78"),
    "income.other": Decimal("59.83"), "income.other.pct": Decimal("2.22"),
    "expense.current": Decimal("2722.67"), "expense.basic": Decimal("1566.90"), "expense.basic.pct": Decimal("57.55"),
    "expense.project": Decimal("1155.77"), "expense.project.pct": Decimal("42.45"),
    "fiscal.income_total": Decimal("2639.05"), "fiscal.carryover_begin": Decimal("0.00"),
    "fiscal.income_current": Decimal("2639.05"), "fiscal.expense_total": Decimal("2639.05"),
    "fiscal.carryover_end": Decimal("0.00"), "fiscal.expense_current": Decimal("2639.05"),
    "fiscal.budget_initial": Decimal("2951.66"), "fiscal.final": Decimal("2639.05"),
    "fiscal.deviation_pct": Decimal("-10.59"),
    "gov_fund.empty": True, "soe_capital.empty": True,
    "gpb.total": Decimal("2639.05"), "gpb.share_of_expense_current": Decimal("96.93"),
    "gpb.change": Decimal("500.16"), "gpb.change_pct": Decimal("23.38"),
    "gpb.item[一般公共服务支出/财政事务/行政运行]": Decimal("826.17"),
    "gpb.item[一般公共服务支出/财政事务/行政运行].change": Decimal("-186.12"),
    "gpb.item[一般公共服务支出/财政事务/行政运行].change_pct": Decimal("-18.39"),
    "basic.total": Decimal("1543.11"), "basic.personnel": Decimal("1397.80"), "basic.public": Decimal("145.31"),
    "three.total": Decimal("32.94"), "three.change": Decimal("-0.28"), "three.change_pct": Decimal("-0.84"),
    "three.overseas": Decimal("0.00"), "three.vehicle": Decimal("31.99"), "three.reception": Decimal("0.95"),
    "three.vehicle.pct": Decimal("97.12"), "three.reception.pct": Decimal("2.88"),
    "three.vehicle_purchase": Decimal("0.00"), "three.vehicle_operation": Decimal("31.99"),
    "three.overseas_groups": 0, "three.vehicles_purchased": 0, "three.reception_batches": 10,
    "ops.total": Decimal("145.31"), "ops.change": Decimal("-3.92"), "ops.change_pct": Decimal("-2.63"),
    "procurement.total": Decimal("540.02"), "procurement.goods": Decimal("110.73"),
    "procurement.works": Decimal("46.51"), "procurement.services": Decimal("382.78"),
    "procurement.sme": Decimal("461.10"), "procurement.sme_pct": Decimal("85.39"),
    "procurement.small_micro": Decimal("265.53"), "procurement.small_micro_pct": Decimal("49.17"),
    "staff.total": 131, "staff.active": 73, "staff.lixiu": 0, "staff.retired": 58,
}
"""Figures printed in sample 000, consistent with each other."""

REASON = "，主要原因是：本年增加建设网络安全防御平台项目经费。"

SECTION_LINES = (
    ("overview", 1, "第一部分单位概况"), ("functions", 2, "一、主要职能"), ("org", 2, "二、机构设置及人员情况"),
    ("summary", 2, "一、收入支出决算总体情况说明"), ("income", 2, "二、收入决算情况说明"),
    ("expense", 2, "三、支出决算情况说明"), ("fiscal", 2, "四、财政拨款收入支出决算总体情况说明"),
    ("gpb", 2, "五、一般公共预算财政拨款支出决算情况说明"), ("basic", 2, "六、一般公共预算财政拨款基本支出决算情况说明"),
    ("three_public", 2, "七、财政拨款“三公”经费支出决算情况说明 单位全年安排的因公出国(境)团组0个，因公出国(境)0人次。"
     "公务用车购置数0辆，公务用车保有量8辆。单位全年安排的国内公务接待10批次，95人次。"),
    ("gov_fund", 2, "八、政府性基金预算财政拨款收入支出决算情况说明 我单位本年度无政府性基金预算财政拨款收入，为空表。"),
    ("soe_capital", 2, "九、国有资本经营预算财政拨款收入支出决算情况说明 我单位本年度无国有资本经营预算财政拨款收入，为空表。"),
    ("ops", 3, "(一)机关运行经费支出情况 机关运行经费支出145.31万元。"),
    ("procurement", 3, "(二)政府采购情况 政府采购支出总额540.02万元。"),
    ("assets", 3, "(三)国有资产占用情况说明 车辆6辆。"), ("perf", 2, "十一、预算绩效的情况说明 整体支出绩效自评表1个。"),
    ("glossary", 1, "第三部分专业名词解释 财政拨款收入、事业收入、年初结转和结余、基本支出、项目支出、“三公”经费、机关运行经费。"),
)


def make_doc(facts: dict[str, Value], *, kind: DocKind = DocKind.FINAL_ACCOUNTS, sections: bool = True,
             reasons: bool = True, unit: str = "测试单位", year: int = 2023, path: str = PATH,
             tables: tuple[Table, ...] = (), perf_tables: tuple[PerfTable, ...] = ()) -> Document:
    """A document whose text prints each fact on its own line (``key：value``), located like the parser does.

    ``.change`` and ``.deviation_pct`` lines carry a concrete reason clause unless ``reasons`` is False.
    """
    lines: list[str] = []
    located: list[Fact] = []
    outline: list[Section] = []
    offset = 0

    def add(line: str) -> int:
        nonlocal offset
        start = offset
        lines.append(line)
        offset += len(line) + 1
        return start

    if sections:
        for kind_id, level, title in SECTION_LINES:
            start = add(title)
            source = Source(path=path, line=len(lines), column=1, end_line=len(lines), end_column=len(title),
                            text=title, offset=start, end_offset=start + len(title))
            outline.append(Section(title=title, level=level, kind=kind_id, path=(title,), start=start,
                                   end=start + len(title), source=source))
    for key, value in facts.items():
        printed = {True: "是", False: "否"}.get(value, None) if isinstance(value, bool) else str(value)
        suffix = REASON if reasons and (key.endswith(".change") or key.endswith(".deviation_pct")) else ""
        start = add(f"{key}：{printed}{suffix}")
        column = len(key) + 2
        source = Source(path=path, line=len(lines), column=column, end_line=len(lines),
                        end_column=column + len(printed) - 1, text=printed, offset=start + column - 1,
                        end_offset=start + column - 1 + len(printed))
        located.append(Fact(key=key, value=value, source=source))
    text = "\n".join(lines) + "\n"
    return Document(path=path, kind=kind, unit=unit, year=year, text=text, source_text=text,
                    sections=tuple(outline), facts=tuple(located), tables=tables, perf_tables=perf_tables)


def line_of(doc: Document, key: str) -> int:
    return next(f.source.line for f in doc.facts if f.key == key)
