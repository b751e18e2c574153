"""The eleven budget tables of sample 001 rebuilt from its PDF-extracted text.

Expected rows are copied from the sample's text (表3 lines 428–472, 表6 lines 635–701, 表7 lines 766–897);
the identities are checked on the parsed data.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetdoc.model import Table
from tests.conftest import sample_doc

D = Decimal
ROUNDING = Decimal("0.02")


def _tables() -> dict[str, Table]:
    return {t.number: t for t in sample_doc("001").tables}


def _amount(table: Table, row_index: int, *path: str) -> Decimal:
    text = table.rows[row_index].cells[table.columns.index(tuple(path))].text
    return D(text.replace(",", "")) if text else D(0)


def _rows(table: Table, *heads: tuple[str, ...]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(r.code, r.cells[1].text, tuple(r.cells[table.columns.index(h)].text for h in heads)) for r in table.rows]


def test_all_eleven_tables_found_with_kinds_and_units() -> None:
    tables = _tables()
    assert list(tables) == [f"表{i}" for i in range(1, 12)]
    assert tables["表1"].kind == "budget.t01_income_expense"
    assert tables["表7"].kind == "budget.t07_general_project"
    assert tables["表10"].name == "财政拨款“三公”经费支出情况表"
    assert all(t.unit == "万元" for t in tables.values())


def test_empty_tables_keep_their_statement() -> None:
    tables = _tables()
    assert tables["表8"].rows == () and tables["表8"].empty_statement == (
        "自治区财政厅 2024 年没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。")
    assert tables["表9"].empty_statement.endswith("国有资本经营预算支出情况表为空表。")
    assert tables["表11"].empty_statement.endswith("上年结转结余情况明细表为空表。")
    assert all(not tables[n].empty_statement for n in ("表1", "表3", "表7"))


_T3 = [
    ("", "总计", ("17,690.90", "7,585.83", "10,105.07")),
    ("201", "一般公共服务支出", ("15,301.24", "5,196.17", "10,105.07")),
    ("20106", "财政事务", ("15,301.24", "5,196.17", "10,105.07")),
    ("2010601", "行政运行", ("4,074.63", "4,074.63", "")),
    ("2010602", "一般行政管理事务", ("2,204.00", "", "2,204.00")),
    ("2010603", "机关服务", ("1,814.65", "389.89", "1,424.76")),
    ("2010604", "预算改革业务", ("561.00", "", "561.00")),
    ("2010605", "财政国库业务", ("1,843.00", "", "1,843.00")),
    ("2010607", "信息化建设", ("1,647.68", "", "1,647.68")),
    ("2010650", "事业运行", ("731.66", "731.66", "")),
    ("2010699", "其他财政事务支出", ("2,424.63", "", "2,424.63")),
    ("208", "社会保障和就业支出", ("1,329.37", "1,329.37", "")),
    ("20805", "行政事业单位养老支出", ("1,329.37", "1,329.37", "")),
    ("2080501", "行政单位离退休", ("610.63", "610.63", "")),
    ("2080502", "事业单位离退休", ("65.52", "65.52", "")),
    ("2080505", "机关事业单位基本养老保险缴费支出", ("653.22", "653.22", "")),
    ("210", "卫生健康支出", ("570.37", "570.37", "")),
    ("21011", "行政事业单位医疗", ("570.37", "570.37", "")),
    ("2101101", "行政单位医疗", ("237.24", "237.24", "")),
    ("2101102", "事业单位医疗", ("68.96", "68.96", "")),
    ("2101103", "公务员医疗补助", ("264.18", "264.18", "")),
    ("221", "住房保障支出", ("489.92", "489.92", "")),
    ("22102", "住房改革支出", ("489.92", "489.92", "")),
    ("2210201", "住房公积金", ("489.92", "489.92", "")),
]


def test_table3_every_row() -> None:
    t3 = _tables()["表3"]
    heads = [("支出预算", h) for h in ("合计", "基本支出", "项目支出")]
    assert _rows(t3, *heads) == _T3
    assert [(r.level, r.parent) for r in t3.rows[1:4]] == [("类", ""), ("款", "201"), ("项", "20106")]
    assert t3.rows[3].cells[0].text == "201 06 01"
    assert t3.rows[3].cells[0].source is not None and t3.rows[3].cells[0].source.line == 434


_T6 = [
    ("", "总计", ("7,585.83", "6,696.83", "889.00")),
    ("301", "工资福利支出", ("6,020.68", "6,020.68", "")),
    ("30101", "基本工资", ("1,621.35", "1,621.35", "")), ("30102", "津贴补贴", ("1,287.01", "1,287.01", "")),
    ("30103", "奖金", ("939.30", "939.30", "")), ("30107", "绩效工资", ("263.78", "263.78", "")),
    ("30108", "机关事业单位基本养老保险缴费", ("653.22", "653.22", "")),
    ("30110", "职工基本医疗保险缴费", ("331.28", "331.28", "")),
    ("30111", "公务员医疗补助缴费", ("285.78", "285.78", "")),
    ("30112", "其他社会保障缴费", ("26.55", "26.55", "")), ("30113", "住房公积金", ("489.92", "489.92", "")),
    ("30199", "其他工资福利支出", ("122.48", "122.48", "")),
    ("302", "商品和服务支出", ("889.00", "", "889.00")),
    ("30201", "办公费", ("89.85", "", "89.85")), ("30202", "印刷费", ("34.00", "", "34.00")),
    ("30205", "水费", ("17.00", "", "17.00")), ("30206", "电费", ("130.00", "", "130.00")),
    ("30207", "邮电费", ("18.69", "", "18.69")), ("30208", "取暖费", ("70.00", "", "70.00")),
    ("30209", "物业管理费", ("2.00", "", "2.00")), ("30211", "差旅费", ("250.38", "", "250.38")),
    ("30216", "培训费", ("11.20", "", "11.20")), ("30217", "公务接待费", ("10.00", "", "10.00")),
    ("30228", "工会经费", ("81.65", "", "81.65")), ("30229", "福利费", ("73.49", "", "73.49")),
    ("30231", "公务用车运行维护费", ("84.29", "", "84.29")),
    ("30299", "其他商品和服务支出", ("16.46", "", "16.46")),
    ("303", "对个人和家庭的补助", ("676.15", "676.15", "")),
    ("30301", "离休费", ("67.37", "67.37", "")), ("30302", "退休费", ("543.32", "543.32", "")),
    ("30305", "生活补助", ("4.20", "4.20", "")), ("30399", "其他对个人和家庭的补助", ("61.25", "61.25", "")),
]


def test_table6_every_row() -> None:
    t6 = _tables()["表6"]
    heads = [("一般公共预算基本支出", h) for h in ("合计", "人员经费", "公用经费")]
    assert _rows(t6, *heads) == _T6
    assert {r.level for r in t6.rows if r.code} == {"类", "款"}


_T7 = [  # (code, project, 合计) for every project row
    ("2010602", "财政业务费", "2,179.00"),
    ("2010602", "财政业务费（全区财政系统党务干部培训经费）", "25.00"),
    ("2010604", "财政预算管理工作经费", "101.00"),
    ("2010604", "自治区预算绩效管理工作经费", "460.00"),
    ("2010605", "自治区国库代理银行手续费", "1,400.00"),
    ("2010605", "国库业务管理", "443.00"),
    ("2010607", "“金财工程”运行维护费", "1,647.68"),
    ("2010699", "社保资金管理系统运维费", "48.00"),
    ("2010699", "资产信息系统开发运行维护费", "260.00"),
    ("2010699", "财政票据管理业务经费", "100.00"),
    ("2010699", "自治区财政监督检查专项经费", "295.60"),
    ("2010699", "新疆会计领军（后备）人才培养专项经费", "180.00"),
    ("2010699", "政府采购信息系统建设与维护费", "214.00"),
    ("2010699", "自治区地方政府债务管理系统部署及运维费", "370.00"),
    ("2010699", "新疆涉农惠农补贴资金管理系统运维服务经费", "139.04"),
    ("2010699", "财政改革经费", "282.99"),
    ("2010699", "自治区巩固拓展脱贫攻坚成果同乡村振兴有效衔接资金绩效评价及指导评估项目经费", "185.00"),
    ("2010699", "自治区会考办考务经费", "350.00"),
    ("2010603", "机关后勤保障服务费", "998.00"),
]


def test_table7_every_project_under_its_unit() -> None:
    t7 = _tables()["表7"]
    total = t7.columns.index(("项目支出", "合计"))
    projects = [(r.code, r.cells[2].text, r.cells[total].text) for r in t7.rows if r.cells[2].text]
    assert projects == _T7
    units = [(i, r.cells[1].text) for i, r in enumerate(t7.rows) if not r.code and r.cells[1].text != "总计"]
    assert [u for _, u in units] == ["新疆维吾尔自治区财政厅本级", "新疆维吾尔自治区财政厅机关服务中心"]
    # each unit subtotal equals the projects printed under it
    bounds = [i for i, _ in units] + [len(t7.rows)]
    for start, end in zip(bounds, bounds[1:], strict=False):
        under = sum(_amount(t7, i, "项目支出", "合计") for i in range(start + 1, end) if t7.rows[i].cells[2].text)
        assert under == _amount(t7, start, "项目支出", "合计")
    row = next(r for r in t7.rows if r.cells[2].text == "财政业务费")
    assert [c.text for c in row.cells[3:]].count("") == 6  # 合计 and four of the ten 经济分类 columns printed


_T7_NAMES = {"2010602": "一般行政管理事务", "2010603": "机关服务", "2010604": "预算改革业务",
             "2010605": "财政国库业务", "2010607": "信息化建设", "2010699": "其他财政事务支出"}
_T7_SPLIT = {"财政业务费": ["2,179.00", "315.00", "1,534.00", "230.00", "100.00"],  # line 768
             "机关后勤保障服务费": ["998.00", "254.00", "700.66", "43.34"]}  # line 894


def test_table7_rows_keep_their_function_name_and_printed_figures() -> None:
    t7 = _tables()["表7"]
    for row in t7.rows:
        project = row.cells[2].text
        if not project:
            continue
        assert row.cells[1].text == _T7_NAMES[row.code], project
        printed = [c.text for c in row.cells[3:] if c.text]
        # figures keep their printed order; a single-item project prints its 合计 and one 经济分类 figure
        assert printed == _T7_SPLIT.get(project, [row.cells[3].text] * 2), project
        assert all(c.source is not None and c.source.text == c.text for c in row.cells[3:] if c.text)


def test_totals_agree_across_tables() -> None:
    tables = _tables()
    t1, t2, t3 = tables["表1"], tables["表2"], tables["表3"]
    income_total = next(r for r in t1.rows if r.cells[0].text == "收入总计")
    assert D(income_total.cells[1].text.replace(",", "")) == D("17690.90")
    assert _amount(t2, 0, "总计") == _amount(t3, 0, "支出预算", "合计") == D("17690.90")


@pytest.mark.parametrize(("number", "head"), [("表2", ("总计",)), ("表3", ("支出预算", "合计")),
                                              ("表5", ("一般公共预算支出", "合计")),
                                              ("表6", ("一般公共预算基本支出", "合计"))])
def test_parent_rows_are_sums_of_children(number: str, head: tuple[str, ...]) -> None:
    table = _tables()[number]
    rows = table.rows
    leaf = max(len(r.code) for r in rows)
    for index, row in enumerate(rows):
        if not row.code or len(row.code) == leaf:
            continue
        kids = [i for i, r in enumerate(rows) if r.parent == row.code]
        assert kids, row.code
        # printed figures are rounded one by one: 表6 prints 301 = 6,020.68 over items adding up to 6,020.67
        assert abs(sum(_amount(table, i, *head) for i in kids) - _amount(table, index, *head)) <= ROUNDING, row.code
    top = [i for i, r in enumerate(rows) if r.code and not r.parent]
    assert abs(sum(_amount(table, i, *head) for i in top) - _amount(table, 0, *head)) <= ROUNDING


@pytest.mark.parametrize(("number", "head", "parts"), [
    ("表3", "支出预算", ("基本支出", "项目支出")),
    ("表5", "一般公共预算支出", ("基本支出", "项目支出")),
    ("表6", "一般公共预算基本支出", ("人员经费", "公用经费")),
])
def test_split_adds_up_on_every_row(number: str, head: str, parts: tuple[str, str]) -> None:
    table = _tables()[number]
    for index in range(len(table.rows)):
        assert _amount(table, index, head, "合计") == sum(_amount(table, index, head, p) for p in parts)


def test_table7_projects_sum_to_table5_project_total() -> None:
    tables = _tables()
    t5, t7 = tables["表5"], tables["表7"]
    projects = sum(_amount(t7, i, "项目支出", "合计") for i, r in enumerate(t7.rows) if r.cells[2].text)
    assert projects == _amount(t5, 0, "一般公共预算支出", "项目支出") == D("9678.31")


def test_three_public_table() -> None:
    t10 = _tables()["表10"]
    assert [(r.cells[0].text, r.cells[1].text, r.cells[2].text) for r in t10.rows] == [
        ("合计", "113.29", "113.29"), ("因公出国（境）费", "19.00", "19.00"), ("公务接待费", "10.00", "10.00"),
        ("公务用车购置及运行费（小计）", "84.29", "84.29"), ("其中：公务用车购置费", "", ""),
        ("公务用车运行费", "84.29", "84.29")]


def test_two_sided_table_keeps_both_halves() -> None:
    t4 = _tables()["表4"]
    first = t4.rows[0]
    assert first.cells[0].text == "一、财政拨款（补助）" and first.cells[1].text == "17,264.14"
    assert first.cells[2].text == "201 一般公共服务支出" and first.code == "201" and first.level == "类"
    assert [c.text for c in first.cells[3:]] == ["14,874.48", "14,874.48", "", ""]
    assert len(t4.rows) == 31  # 30 类 lines and the 总计 line


def test_every_row_of_001_settled_by_its_sums() -> None:
    assert not [w for w in sample_doc("001").warnings if "推断" in w or "表格识别" in w or "extract_budget" in w]


def test_unknown_layout_keeps_figures_in_positional_columns(tmp_path) -> None:  # noqa: ANN001
    # A 部门支出总表 whose ※ line numbers 4 columns where the Xinjiang layout has 3: the figures stay in
    # printed order under 列1…列N instead of being guessed into the wrong columns.
    from budgetdoc.extract.base import Context
    from budgetdoc.extract.budget import find_budget_tables
    from budgetdoc.model import DocKind
    from budgetdoc.normalize import NormalizedText, find_sections
    from budgetdoc.read import read

    path = tmp_path / "b.txt"
    path.write_text("第二部分 部门预算公开表\n预算03表\n部门支出总表\n编制部门：某局 单位：万元\n"
                    "科目 合计 基本 项目 其他\n※ ※ 1 2 3 4\n总计 10.00 6.00 4.00\n"
                    "201 一般公共服务支出 10.00 6.00 4.00\n第三部分 说明\n", encoding="utf-8")
    norm = NormalizedText(read(path))
    ctx = Context(norm=norm, sections=find_sections(norm), kind=DocKind.BUDGET)
    [table] = find_budget_tables(ctx)
    assert (table.number, table.kind) == ("预算03表", "budget.t03_expense")
    assert table.columns == (("项目",), ("列1",), ("列2",), ("列3",), ("列4",))
    assert [c.text for c in table.rows[1].cells] == ["201一般公共服务支出", "10.00", "6.00", "4.00", ""]
