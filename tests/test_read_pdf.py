"""The twelve published PDFs: kind, unit, year, the tables found, and rows read off the rendered pages.

Each text-layer PDF is parsed once per module (OCR off: 001 and 013 each carry one page without text or
image, named in a warning). The scanned sample 026 is read by OCR one page at a time, when the ``ocr`` extra is installed.
Expected rows were read from the pages rendered to PNG, not copied from the parser's output.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pypdfium2 as pdfium
import pytest

from budgetdoc.model import Document
from budgetdoc.normalize import NormalizedText, find_sections
from budgetdoc.extract.identify import identify
from budgetdoc.pipeline import load
from budgetdoc.read import read
from budgetdoc.read.pdf_tables import amount_in_wan
from tests.conftest import SAMPLES

PDFS = {p.name[:3]: p for p in (SAMPLES / "pdf").glob("*.pdf")}

# sample: (kind, unit, year, pages, [(number, name, kind, unit, row count) for each table found])
EXPECTED = {
    "001": ('final_accounts', '上海市普陀区财政局', 2024, 25, [
        ('', '', '', '万元', 3),
        ('', '收入支出决算总表', 'final.t01_income_expense', '万元', 30),
        ('', '收入决算表', 'final.t02_income', '万元', 20),
        ('', '支出决算表', 'final.t03_expense', '万元', 20),
        ('', '财政拨款收入支出决算总表', 'final.t04_fiscal_income_expense', '万元', 32),
        ('', '一般公共预算财政拨款支出决算表', 'final.t05_general_expense', '万元', 20),
        ('', '一般公共预算财政拨款基本支出决算表', 'final.t06_general_basic', '万元', 39),
        ('', '财政拨款“三公”经费支出决算表', 'final.t07_three_public', '万元', 1),
        ('', '政府性基金预算财政拨款收入支出决算表', 'final.t08_fund_expense', '万元', 1),
        ('', '国有资本经营预算财政拨款收入支出决算表', 'final.t09_capital_expense', '万元', 1),
    ]),
    "004": ('budget', '上海市普陀区财政局', 2025, 24, [
        ('', '2025年部门财务收支预算总表', 'budget.t01_income_expense', '元', 8),
        ('', '2025年部门收入预算总表', 'budget.t02_income', '元', 20),
        ('', '2025年部门支出预算总表', 'budget.t03_expense', '元', 20),
        ('', '2025年部门财政拨款收支预算总表', 'budget.t04_fiscal_income_expense', '元', 5),
        ('', '2025年部门一般公共预算支出功能分类预算表', 'budget.t05_general_expense', '元', 20),
        ('', '2025年部门政府性基金预算支出功能分类预算表', 'budget.t09_fund_expense', '元', 1),
        ('', '2025年部门国有资本经营预算支出功能分类预算表', 'budget.t10_capital_expense', '元', 1),
        ('', '2025年部门一般公共预算基本支出部门预算经济分类预算表', 'budget.t06_general_basic', '元', 30),
        ('', '2025年部门“三公”经费和机关运行经费预算表', 'budget.three_public_ops', '万元', 1),
    ]),
    "006": ('budget', '上海市普陀区人民政府万里街道办事处', 2024, 33, [
        ('', '', '', '万元', 16),
        ('', '2024年部门财务收支预算总表', 'budget.t01_income_expense', '元', 10),
        ('', '2024年部门收入预算总表', 'budget.t02_income', '元', 67),
        ('', '2024年部门支出预算总表', 'budget.t03_expense', '元', 67),
        ('', '2024年部门财政拨款收支预算总表', 'budget.t04_fiscal_income_expense', '元', 10),
        ('', '2024年部门一般公共预算支出功能分类预算表', 'budget.t05_general_expense', '元', 67),
        ('', '2024年部门政府性基金预算支出功能分类预算表', 'budget.t09_fund_expense', '元', 1),
        ('', '2024年部门国有资本经营预算支出功能分类预算表', 'budget.t10_capital_expense', '元', 1),
        ('', '2024年部门一般公共预算基本支出部门预算经济分类预算表', 'budget.t06_general_basic', '元', 32),
        ('', '部门“三公”经费和机关运行经费预算表', 'budget.three_public_ops', '万元', 1),
    ]),
    "013": ('budget', '江苏省人大常委会办公厅', 2017, 31, [
        ('', '收支预算总表', 'budget.t01_income_expense', '万元', 25),
        ('', '收入预算总表', 'budget.t02_income', '万元', 15),
        ('', '支出预算总表', 'budget.t03_expense', '万元', 1),
        ('', '财政拨款支出预算表', 'budget.fiscal_expense', '万元', 19),
        ('', '财政拨款基本支出预算表', 'budget.fiscal_basic', '万元', 2),
        # its title read as the first header row: named from there
        ('', '财政拨款政府性基金支出预算表', 'budget.fund_fiscal_expense', '万元', 1),
        ('', '财政拨款收支预算总表', 'budget.t04_fiscal_income_expense', '万元', 4),
        ('', '财政拨款基本支出预算表', 'budget.fiscal_basic', '万元', 24),
        ('', '财政拨款政府性基金支出预算表', 'budget.fund_fiscal_expense', '万元', 1),
        ('', '一般公共预算支出预算表', 'budget.t05_general_expense', '万元', 19),
        ('', '一般公共预算基本支出预算表', 'budget.t06_general_basic', '万元', 24),
        ('', '一般公共预算机关运行经费支出预算表', 'budget.ops_expense', '万元', 22),
        ('', '2017年政府采购预算表', 'budget.procurement', '万元', 26),
    ]),
    "018": ('budget', '江苏省政协办公厅', 2019, 12, [
        ('公开01表', '收支预算总表', 'budget.t01_income_expense', '万元', 23),
        ('公开02表', '收入预算总表', 'budget.t02_income', '万元', 12),
        ('公开03表', '支出预算总表', 'budget.t03_expense', '万元', 1),
        ('公开04表', '财政拨款收支预算总表', 'budget.t04_fiscal_income_expense', '万元', 4),
        ('公开05表', '财政拨款支出预算表(功能科目)', 'budget.fiscal_expense', '万元', 17),
        ('公开06表', '财政拨款基本支出预算表(经济科目)', 'budget.fiscal_basic', '万元', 26),
        ('公开07表', '一般公共预算支出预算表(功能科目)', 'budget.t05_general_expense', '万元', 17),
        ('公开08表', '一般公共预算基本支出预算表(经济科目)', 'budget.t06_general_basic', '万元', 26),
        ('公开09表', '“三公”经费、会议费、培训费支出预算表', 'budget.t08_three_public', '万元', 1),
        ('公开10表', '财政拨款政府性基金支出预算表', 'budget.fund_fiscal_expense', '万元', 1),
        ('公开11表', '一般公共预算机关运行经费支出预算表', 'budget.ops_expense', '万元', 12),
        ('公开12表', '2019年政府采购预算表', 'budget.procurement', '万元', 20),
    ]),
    "022": ('final_accounts', '佛山市轨道交通局', 2019, 31, [
        ('表1', '收入支出决算总表', 'final.t01_income_expense', '万元', 26),
        ('表2', '收入决算表', 'final.t02_income', '万元', 14),
        ('表3', '支出决算表', 'final.t03_expense', '万元', 14),
        ('表4', '财政拨款收入支出决算总表', 'final.t04_fiscal_income_expense', '万元', 27),
        ('表5', '一般公共预算财政拨款支出决算表', 'final.t05_general_expense', '万元', 14),
        ('表6', '一般公共预算财政拨款基本支出决算表', 'final.t06_general_basic', '万元', 54),
        ('表7', '一般公共预算财政拨款“三公”经费支出决算表', 'final.t07_three_public', '万元', 1),
        ('表8', '政府性基金预算财政拨款收入支出决算表', 'final.t08_fund_expense', '万元', 16),
        ('', '', '', '万元', 6),
    ]),
    "023": ('perf_only', '宁德市人民政府办公室', 2024, 1, [
        ('', '部门整体绩效自评表', 'final.perf_overall_self', '万元', 28),
    ]),
    "024": ('budget', '北京市财政局', 2026, 10, [
    ]),
    "025": ('budget', '中国共产党北京市委员会宣传部', 2026, 67, [
        ('预算01表', '收支总表', 'budget.t01_income_expense', '万元', 29),
        ('预算02表', '收入总表', 'budget.t02_income', '万元', 1),
        ('预算03表', '支出总表', 'budget.t03_expense', '万元', 200),
        ('预算04表', '财政拨款收支总表', 'budget.t04_fiscal_income_expense', '万元', 32),
        ('预算05表', '一般公共预算支出表', 'budget.t05_general_expense', '万元', 128),
        ('预算06表', '一般公共预算基本支出表', 'budget.t06_general_basic', '万元', 59),
        ('预算07表', '政府性基金预算支出表', 'budget.t09_fund_expense', '万元', 2),
        ('预算08表', '国有资本经营预算支出表', 'budget.t10_capital_expense', '万元', 1),
        ('预算09表', '财政拨款“三公”经费支出表', 'budget.t08_three_public', '万元', 1),
        ('预算10表', '政府采购预算明细表', 'budget.procurement', '万元', 3),
        ('预算11表', '财政拨款政府购买服务明细表', 'budget.purchase_service', '万元', 103),
        ('预算表12', '项目支出绩效目标表', 'budget.perf_target', '万元', 750),
        ('预算13表', '部门整体支出绩效目标表', 'budget.perf_overall_target', '万元', 25),
    ]),
    "027": ('budget', '深圳市财政局(本级)', 2026, 40, [
        ('', '', '', '万元', 9),
        ('表1', '收支总表', 'budget.t01_income_expense', '万元', 34),
        ('表2', '收入总表', 'budget.t02_income', '万元', 1),
        ('表3', '支出总表', 'budget.t03_expense', '万元', 30),
        ('表4', '基本支出总表', 'budget.basic_total', '万元', 38),
        ('表5', '项目支出总表', 'budget.project_total', '万元', 9),
        ('表6', '财政拨款收支总表', 'budget.t04_fiscal_income_expense', '万元', 35),
        ('表7', '一般公共预算支出表(按功能分类)', 'budget.t05_general_expense', '万元', 30),
        ('表8', '一般公共预算支出表(按经济分类)', 'budget.general_expense_economic', '万元', 43),
        ('表9', '财政拨款“三公”经费支出表', 'budget.t08_three_public', '万元', 3),
        ('表10', '政府性基金预算支出表', 'budget.t09_fund_expense', '万元', 1),
        ('表11', '国有资本经营预算支出表', 'budget.t10_capital_expense', '万元', 1),
    ]),
    "030": ('budget', '杭州市司法局', 2026, 40, [
        ('表1', '2026年市级部门收支预算总表', 'budget.t01_income_expense', '万元', 43),
        ('表2', '2026年市级部门收入预算总表', 'budget.t02_income', '万元', 9),
        ('表3', '2026年市级部门支出预算总表', 'budget.t03_expense', '万元', 41),
        ('表4', '2026年市级部门财政拨款收支预算总表', 'budget.t04_fiscal_income_expense', '万元', 42),
        ('表5', '2026年市级部门一般公共预算支出预算表', 'budget.t05_general_expense', '万元', 40),
        ('表6', '2026年市级部门一般公共预算基本支出预算表', 'budget.t06_general_basic', '万元', 44),
        ('表7', '2026年市级部门一般公共预算“三公”经费预算表', 'budget.t08_three_public', '万元', 8),
        ('表8', '2026年市级部门政府性基金预算支出预算表', 'budget.t09_fund_expense', '万元', 1),
        ('表9', '2026年市级部门国有资本经营预算支出预算表', 'budget.t10_capital_expense', '万元', 1),
        ('表10', '2026年市级部门项目支出预算表', 'budget.project_total', '万元', 32),
        ('表11', '2026年市级部门项目支出绩效表', 'budget.perf_target', '万元', 31),
    ]),
}

_docs: dict[str, Document] = {}


def _doc(sample: str) -> Document:
    if sample not in _docs:
        _docs[sample] = load(PDFS[sample], ocr=False)
    return _docs[sample]


def _table(sample: str, kind: str):
    found = [t for t in _doc(sample).tables if t.kind == kind]
    assert found, f"{sample}: no table {kind}"
    return found[0]


def _cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.mark.parametrize("sample", sorted(EXPECTED))
def test_identity_and_tables(sample: str) -> None:
    kind, unit, year, pages, tables = EXPECTED[sample]
    doc = _doc(sample)
    assert (doc.kind.value, doc.unit, doc.year, doc.pages) == (kind, unit, year, pages)
    assert doc.meta["format"] == "pdf"
    found = [(t.number, t.name, t.kind, t.unit, len(t.rows)) for t in doc.tables if t.source or t.rows]
    assert found == tables


def test_sources_carry_page_and_box() -> None:
    doc = _doc("004")
    table = _table("004", "budget.t02_income")
    cell = table.rows[0].cells[4]
    assert cell.text == "22,186,440.80"
    assert cell.source.page == 10
    x0, top, x1, bottom = cell.source.bbox
    assert 0 < x0 < x1 < 842 and 0 < top < bottom < 595  # landscape page, top-down points
    assert doc.source_text[cell.source.offset:cell.source.end_offset] == "22,186,440.80"
    assert cell.source.text == "22,186,440.80"


def test_004_income_table_split_codes_and_continuation() -> None:
    table = _table("004", "budget.t02_income")
    assert table.unit == "元"
    assert table.columns[:5] == (
        ("项目", "功能分类科目编码", "类"), ("项目", "功能分类科目编码", "款"), ("项目", "功能分类科目编码", "项"),
        ("项目", "功能分类科目名称"), ("收入预算", "合计"))
    assert table.columns[7] == ("收入预算", "事业单位经营收入")
    rows = [(r.code, r.level, r.parent, r.label, r.cells[4].text) for r in table.rows]
    assert rows == [
        ("201", "类", "", "一般公共服务支出", "22,186,440.80"),
        ("20106", "款", "201", "财政事务", "22,186,440.80"),
        ("2010601", "项", "20106", "行政运行", "16,231,840.80"),
        ("2010602", "项", "20106", "一般行政管理事务", "100,000.00"),
        ("2010607", "项", "20106", "信息化建设", "1,666,600.00"),
        ("2010608", "项", "20106", "财政委托业务支出", "4,188,000.00"),
        ("208", "类", "", "社会保障和就业支出", "3,508,644.00"),
        ("20805", "款", "208", "行政事业单位养老支出", "3,508,644.00"),
        ("2080501", "项", "20805", "行政单位离退休", "877,080.00"),
        ("2080505", "项", "20805", "机关事业单位基本养老保险缴费支出", "1,748,327.00"),
        ("2080506", "项", "20805", "机关事业单位职业年金缴费支出", "873,617.00"),
        ("2080599", "项", "20805", "其他行政事业单位养老支出", "9,620.00"),
        # page 11: the header repeated on the continued page is not a row
        ("210", "类", "", "卫生健康支出", "782,164.00"),
        ("21011", "款", "210", "行政事业单位医疗", "782,164.00"),
        ("2101101", "项", "21011", "行政单位医疗", "782,164.00"),
        ("221", "类", "", "住房保障支出", "4,736,957.00"),
        ("22102", "款", "221", "住房改革支出", "4,736,957.00"),
        ("2210201", "项", "22102", "住房公积金", "2,049,197.00"),
        ("2210203", "项", "22102", "购房补贴", "2,687,760.00"),
        ("", "", "", "合计", "31,214,205.80"),
    ]
    assert [r.cells[5].text for r in table.rows] == [r.cells[4].text for r in table.rows]
    assert {r.cells[i].text for r in table.rows for i in (6, 7, 8)} == {""}
    assert [r.cells[0].source.page for r in table.rows[-2:]] == [11, 11]
    # 元 → 万元 exactly
    assert amount_in_wan(table.rows[-1].cells[4].text, table.unit) == Decimal("3121.42058")


def test_001_empty_fund_table_columns() -> None:
    table = _table("001", "final.t08_fund_expense")
    assert table.columns == (
        ("项目", "支出功能分类科目编码", "类"), ("项目", "支出功能分类科目编码", "款"),
        ("项目", "支出功能分类科目编码", "项"), ("项目", "科目名称"), ("年初结转和结余",), ("本年收入",),
        ("本年支出", "小计"), ("本年支出", "基本支出"), ("本年支出", "项目支出"), ("年末结转和结余",))
    assert _cells(table) == [["合计"] + [""] * 9]


def test_006_fiscal_income_expense_yuan_integers() -> None:
    table = _table("006", "budget.t04_fiscal_income_expense")
    assert table.unit == "元"
    assert table.columns[0] == ("财政拨款收入", "项目")
    assert table.columns[4] == ("财政拨款支出", "一般公共预算")
    assert _cells(table) == [
        ["一、一般公共预算资金", "156,211,123", "一、一般公共服务支出", "2,932,700", "2,932,700", "", ""],
        ["二、政府性基金", "", "二、公共安全支出", "1,633,000", "1,633,000", "", ""],
        ["三、国有资本经营预算", "", "三、教育支出", "250,000", "250,000", "", ""],
        ["", "", "四、科学技术支出", "100,000", "100,000", "", ""],
        ["", "", "五、文化旅游体育与传媒支出", "200,000", "200,000", "", ""],
        ["", "", "六、社会保障和就业支出", "19,604,064", "19,604,064", "", ""],
        ["", "", "七、卫生健康支出", "3,223,657", "3,223,657", "", ""],
        ["", "", "八、城乡社区支出", "119,385,303", "119,385,303", "", ""],
        ["", "", "九、住房保障支出", "8,882,399", "8,882,399", "", ""],
        ["收入总计", "156,211,123", "支出总计", "156,211,123", "156,211,123", "", ""],
    ]


@pytest.mark.parametrize(("sample", "income", "basic", "project", "reserve"), [
    ("013", "13,649.07", "7,666.68", "5,853.96", "128.43"),
    ("018", "13,297.11", "6,442.75", "4,968.34", "1,886.02"),
])
def test_jiangsu_fiscal_income_expense(
        sample: str, income: str, basic: str, project: str, reserve: str) -> None:
    table = _table(sample, "budget.t04_fiscal_income_expense")
    assert table.columns == (("收入", "项目名称"), ("收入", "金额"), ("支出", "支出用途", "项目名称"),
                             ("支出", "支出用途", "金额"))
    assert _cells(table) == [
        ["一、一般公共预算", income, "一、基本支出", basic],
        ["二、政府性基金预算", "", "二、项目支出", project],
        ["", "", "三、单位预留机动经费", reserve],
        ["收入合计", income, "支出合计", income],
    ]


def test_022_three_public_final_accounts() -> None:
    table = _table("022", "final.t07_three_public")
    assert table.number == "表7"
    assert table.columns[0] == ("预算数", "合计")
    assert table.columns[3] == ("预算数", "公务用车购置及运行费", "公务用车购置费")
    assert table.columns[11] == ("决算数", "公务接待费")
    assert _cells(table) == [["0.00"] * 6 + ["0.16", "0.00", "0.00", "0.00", "0.00", "0.16"]]


def test_023_self_evaluation_funding_rows() -> None:
    table = _table("023", "final.perf_overall_self")
    rows = [[c for c in r if c] for r in _cells(table)[:6]]
    assert rows == [
        ["合计", "9209.55", "790.22", "9999.77", "8874.74", "88.75", "1125.03", "11.2500", "10", "7"],
        ["财政资金小计", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"],
        ["①中央财政资金", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"],
        ["②省级财政资金", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"],
        ["③地方财政资金", "9209.55", "790.22", "9999.77", "8874.74", "88.75", "1125.03", "11.2500"],
        ["其他资金小计", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"],
    ]


def test_024_explanation_only() -> None:
    doc = _doc("024")
    assert doc.tables == ()
    assert any(line.startswith("2026年度收入预算44169.36万元，比2025年年初预")
               for line in doc.source_text.split("\n"))
    facts = doc.facts_by_key()
    # explanation figures, located on their page of the PDF
    assert facts["budget.expense_total"].value == Decimal("44169.36")
    assert facts["budget.expense_total"].source.page == 7
    assert facts["budget.ops"].value == Decimal("1158.60")


def test_025_six_decimals_kept() -> None:
    table = _table("025", "budget.procurement")
    assert table.number == "预算10表"
    assert table.columns == (("采购类别",), ("金额",))
    assert _cells(table) == [["A-货物", "1,399.795548"], ["C-服务", "24,646.027347"],
                             ["合 计", "26,045.822895"]]
    assert amount_in_wan(table.rows[-1].cells[1].text, table.unit) == Decimal("26045.822895")


def test_027_fund_table() -> None:
    table = _table("027", "budget.t09_fund_expense")
    assert (table.number, table.name) == ("表10", "政府性基金预算支出表")
    assert table.columns == (("预算单位",), ("科目编码",), ("科目名称",), ("支出总计",), ("基本支出",),
                             ("项目支出",))
    assert _cells(table) == [["深圳市财政局（本级）", "", "", "0.00", "0.00", "0.00"]]


def test_030_three_public_by_unit() -> None:
    table = _table("030", "budget.t08_three_public")
    assert table.columns[3] == ("公务用车购置及运行费", "小计")
    assert table.columns[5] == ("公务用车购置及运行费", "公务用车运行维护费")
    assert _cells(table) == [
        ["合计", "413.68", "", "339.68", "151.68", "188.00", "74.00"],
        ["杭州市司法局", "17.00", "", "", "", "", "17.00"],
        ["杭州市东郊监狱", "89.60", "", "74.60", "28.00", "46.60", "15.00"],
        ["杭州市西郊监狱", "101.60", "", "86.60", "49.00", "37.60", "15.00"],
        ["杭州市南郊监狱", "79.30", "", "69.30", "27.50", "41.80", "10.00"],
        ["杭州市北郊监狱", "70.10", "", "60.60", "27.40", "33.20", "9.50"],
        ["杭州市富春强制隔离戒毒所", "54.08", "", "48.58", "19.78", "28.80", "5.50"],
        ["杭州市法律援助中心", "2.00", "", "", "", "", "2.00"],
    ]


def test_textless_pages_of_text_pdfs_are_named_not_ocred() -> None:
    # 001's page 14 holds 22 ruling paths and 013's page 31 one path: no image, so nothing for OCR to read
    assert _doc("001").warnings == ("第 14 页没有可提取的文字，也不是扫描图像，已跳过",)
    assert _doc("013").warnings[0] == "第 31 页没有可提取的文字，也不是扫描图像，已跳过"


def test_026_scanned_cover_through_ocr(tmp_path) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    # the cover page alone: OCR costs seconds per page, and the cover holds the title
    source = pdfium.PdfDocument(PDFS["026"])
    cover = pdfium.PdfDocument.new()
    cover.import_pages(source, [0])
    buffer = io.BytesIO()
    cover.save(buffer)
    path = tmp_path / "026-cover.pdf"
    path.write_bytes(buffer.getvalue())
    raw = read(path)
    assert raw.warnings == ("第 1 页没有可用的文字层，已用 OCR 识别（请核对数字）",)
    lines = raw.text.split("\n")
    assert "北京市政务服务和数据管理局" in lines
    assert raw.line_pages[0] == 1 and raw.line_boxes[0] is not None
    norm = NormalizedText(raw)
    ident = identify(norm, find_sections(norm))
    assert (ident.kind.value, ident.unit, ident.year) == ("budget", "北京市政务服务和数据管理局", 2026)


@pytest.mark.parametrize(("sample", "kind", "note"), [
    ("001", "final.t08_fund_expense", "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。"),
    ("001", "final.t09_capital_expense", "注：上海市普陀区财政局无国有资本经营预算财政拨款支出，故本表无数据。"),
    ("006", "budget.three_public_ops", "注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。"),
    ("030", "budget.t10_capital_expense", "备注：本部门没有国有资本经营预算拨款安排的支出，故本表无数据。"),
])
def test_empty_statement_from_the_note_under_the_table(sample: str, kind: str, note: str) -> None:
    assert _table(sample, kind).empty_statement == note


def test_tables_with_figures_have_no_empty_statement() -> None:
    filled = [t for t in _doc("001").tables if t.kind and t.kind not in (
        "final.t08_fund_expense", "final.t09_capital_expense")]
    assert len(filled) == 7
    assert {t.empty_statement for t in filled} == {""}


def test_025_number_printed_after_the_word_table() -> None:
    # page 27 prints "预算表12 项目支出绩效目标表" (not 预算12表): the number still splits off the name
    table = _table("025", "budget.perf_target")
    assert (table.number, table.name) == ("预算表12", "项目支出绩效目标表")
    assert table.source.page == 27


def test_garbage_text_layer_detection_matches_the_character_rule() -> None:
    from budgetdoc.read.pdf import _garbage

    assert _garbage("\ufffd\ufffd\ufffd 部门")
    assert _garbage("\ue001\ue002\x01\x02 ab")
    assert not _garbage("部门收支总表 \t\n\x1c\x85")  # whitespace controls are not undecoded text
    assert not _garbage("  \n")
    assert not _garbage("\x85\x85收入")


def test_threads_reading_pdfs_at_once_get_what_one_thread_gets() -> None:
    # the web app parses uploads in worker threads; pdfium itself is not thread-safe
    from concurrent.futures import ThreadPoolExecutor

    from budgetdoc.read import read

    path = PDFS["024"]
    alone = read(path, ocr=False)
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda _: read(path, ocr=False), range(8)))
    assert all(raw.text == alone.text and raw.tables == alone.tables for raw in together)
