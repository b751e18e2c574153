"""``budget.*`` facts of sample 001: table rows, explanation figures and project descriptions, with sources.

Every expected value was read from the sample text (line numbers in the comments).
"""

from __future__ import annotations

import collections
from decimal import Decimal

import pytest

from budgetdoc.extract.base import Context
from budgetdoc.extract.budget import extract_budget, find_budget_tables
from budgetdoc.model import Cell, DocKind, Row, Source, Table
from budgetdoc.normalize import NormalizedText
from budgetdoc.read import read
from tests.conftest import SAMPLE_FILES, sample_doc

D = Decimal


def _value(key: str):  # noqa: ANN202 - a fact value of any type
    return sample_doc("001").value(key)


def test_identity_of_a_budget_without_title_line() -> None:
    doc = sample_doc("001")
    assert doc.kind is DocKind.BUDGET
    # 001 names itself 自治区财政厅 in its 第一部分 title, every 编制部门 line and the explanations;
    # 新疆维吾尔自治区财政厅 appears only as a project's 承担单位 / 表7 unit row.
    assert doc.unit == "自治区财政厅"
    assert doc.year == 2024


def test_a_figure_restated_in_the_text_is_a_second_fact_of_the_same_key() -> None:
    doc = sample_doc("001")
    by_key: dict[str, list] = collections.defaultdict(list)
    for fact in doc.facts:
        by_key[fact.key].append(fact)
    gpb = by_key["budget.gpb"]
    # 表1 line 152, 二、收入 line 1006, 四、财政拨款 line 1059: the table's statement first; then 表2's
    # 一般公共预算 column (line 289) and 表4 (line 498), read through the lexicon, marked as table figures
    assert [f.source.line for f in gpb] == [152, 1006, 1059, 289, 498]
    assert [f.source.origin for f in gpb[-2:]] == ["table", "table"]
    assert doc.value("budget.gpb") == D("17264.14")
    assert [f.source.line for f in by_key["budget.three.total"]] == [955, 1714]
    # on 001 every restatement agrees with the first statement
    assert all(f.value == facts[0].value for facts in by_key.values() for f in facts)


@pytest.mark.parametrize(("key", "value", "line"), [
    ("budget.income_total", D("17690.90"), 210),  # 表1 收 入 总 计
    ("budget.expense_total", D("17690.90"), 210),
    ("budget.gpb", D("17264.14"), 152),
    ("budget.unit_funds", D("426.76"), 172),
    ("budget.basic", D("7585.83"), 428),  # 表3 总计
    ("budget.project", D("10105.07"), 428),
    ("budget.function[2010603]", D("1814.65"), 438),
    ("budget.function[2010603].basic", D("389.89"), 438),
    ("budget.function[2010603].project", D("1424.76"), 438),
    ("budget.function[2010602].project", D("2204.00"), 436),
    ("budget.gpb_function[2010603].project", D("998.00"), 582),
    ("budget.gpb_basic", D("7585.83"), 572),
    ("budget.gpb_project", D("9678.31"), 572),
    ("budget.economic[30231]", D("84.29"), 685),
    ("budget.economic[303]", D("676.15"), 689),
    ("budget.personnel", D("6696.83"), 635),
    ("budget.public", D("889.00"), 635),
    ("budget.project[财政业务费(全区财政系统党务干部培训经费)]", D("25.00"), 774),
    ("budget.project[机关后勤保障服务费]", D("998.00"), 894),
    ("budget.three.total", D("113.29"), 955),  # 表10
    ("budget.three.vehicle_operation", D("84.29"), 965),
    ("budget.three.vehicle_purchase", D("0"), 1716),  # blank in 表10, "0万元" in the text
])
def test_table_facts(key: str, value: Decimal, line: int) -> None:
    fact = sample_doc("001").facts_by_key()[key]
    assert fact.value == value
    assert fact.source.line == line


def test_every_table_row_is_a_fact() -> None:
    keys = set(sample_doc("001").facts_by_key())
    assert sum(k.startswith("budget.function[") and k.count("]") == 1 and k.endswith("]") for k in keys) == 23
    assert sum(k.startswith("budget.economic[") for k in keys) == 31
    assert sum(k.startswith("budget.project[") and k.endswith("]") for k in keys) == 19


@pytest.mark.parametrize(("key", "value"), [
    # 二、收入预算 (lines 1004–1034)
    ("budget.gpb.pct", D("97.59")), ("budget.gpb.change", D("1098.19")), ("budget.gpb.change_pct", D("6.79")),
    ("budget.unit_funds.change_pct", D("100.00")), ("budget.gov_fund", D("0.00")),
    ("budget.carryover_fiscal.change", D("-1736.92")), ("budget.carryover_fiscal.change_pct", D("-100.00")),
    # 三、支出预算
    ("budget.basic.pct", D("42.88")), ("budget.project.change", D("-326.85")), ("budget.project.change_pct", D("-3.13")),
    # 五、一般公共预算当年拨款
    ("budget.gpb_project.change", D("-753.61")), ("budget.gpb_project.change_pct", D("-7.22")),
    ("budget.gpb_category[社会保障和就业支出]", D("1329.37")), ("budget.gpb_category[社会保障和就业支出].pct", D("7.70")),
    ("budget.gpb_item[一般公共服务支出/财政事务/信息化建设]", D("1647.68")),
    ("budget.gpb_item[一般公共服务支出/财政事务/信息化建设].change", D("-216.32")),
    ("budget.gpb_item[社会保障和就业支出/行政事业单位养老支出/行政单位离退休].change_pct", D("-27.08")),
    ("budget.gpb_item[住房保障支出/住房改革支出/住房公积金].change", D("27.43")),
    # 十、三公; 十二、其他重要事项
    ("budget.three.total.change", D("0.00")), ("budget.three.reception.change_pct", D("0.00")),
    ("budget.ops", D("889.00")), ("budget.ops.change", D("12.97")), ("budget.ops.change_pct", D("1.48")),
    ("budget.procurement.total", D("5992.81")), ("budget.procurement.goods", D("159.70")),
    ("budget.procurement.works", D("246.00")), ("budget.procurement.services", D("5587.11")),
    ("budget.procurement.sme_reserved", D("5982.42")), ("budget.procurement.small_micro_reserved", D("5982.42")),
    ("budget.assets.house_area", D("59054.38")), ("budget.assets.vehicles", 29),
    ("budget.assets.vehicles_value", D("1155.95")), ("budget.assets.equipment_over_1m", 13),
    ("budget.assets.official_vehicles_value", D("988.98")), ("budget.assets.enforcement_vehicles", 0),
    ("budget.assets.other_vehicles_value", D("166.97")), ("budget.assets.new_equipment_over_500k", 0),
    # (四) 预算绩效情况 (lines 1784–1788)
    ("budget.perf.overall_targets", 1), ("budget.perf.overall_amount", D("17690.90")),
    ("budget.perf.fiscal_projects", 22), ("budget.perf.fiscal_projects_amount", D("9678.31")),
    ("budget.perf.nonfiscal_projects", 0), ("budget.perf.nonfiscal_projects_amount", D("426.76")),
])
def test_explanation_facts(key: str, value: object) -> None:
    assert _value(key) == value


def test_explanation_figures_are_all_claimed() -> None:
    # every number of 第三部分 up to the 绩效 tables is a fact, except thresholds and names (listed here)
    from budgetdoc.extract.unclaimed import NUMBER_TOKEN, classify_non_figure

    doc = sample_doc("001")
    text = doc.source_text
    start = next(s.source.offset for s in doc.sections if s.kind == "explanation" and s.level == 1)
    end = next(s.source.offset for s in doc.sections if s.kind == "perf_table")
    spans = [(f.source.offset, f.source.end_offset) for f in doc.facts]
    left = [m.group() for m in NUMBER_TOKEN.finditer(text, start, end)
            if not any(a <= m.start() and m.end() <= b for a, b in spans)
            and not classify_non_figure(text, m.start(), m.end())]
    # 1.6万多家 (a count in a label), 财政部令第 87、89 号, 完成 3 年内, and the 50/100 万元 thresholds
    assert left == ["1.6", "87", "89", "3", "50", "100", "50", "100"]


def test_gpb_items_cover_every_printed_item() -> None:
    keys = [k for k in sample_doc("001").facts_by_key() if k.startswith("budget.gpb_item[") and k.endswith("]")]
    assert len(keys) == 15


# 七、项目支出情况说明 (lines 1207–1699): 预算安排规模 and every 资金分配 item as printed.
_PROJECTS = {
    "自治区国库代理银行手续费": ("1400.00", {"国库支付代垫利息和银行代理手续费": "1400.00"}),
    "国库业务管理": ("443.00", {"国库电子支付等基本运维": "143.00", "财政核心一体化系统年维护项目": "200.00",
                          "动态监控系统建设运维费用": "100.00"}),
    "社保资金管理系统运维费": ("48.00", {"社保资金管理系统研发更新": "10.00", "技术服务运维费": "38.00"}),
    "资产信息系统开发运行维护费": ("260.00", {
        "行政事业资产和公共基础性等行政事业性资产系统研发费(包括资产年报系统研发、盘活功能研发、资产月报系统升级改造、"
        "资产日常功能升级改造)": "78.20", "全区1.6万多家预算单位端口运行维护费": "181.80"}),
    "财政预算管理工作经费": ("101.00", {"自治区本级预算公开辅助系统": "24.00", "全区预算公开检查经费": "48.00",
                             "部门预算辅助系统": "29.00"}),
    "财政票据管理业务经费": ("100.00", {"自治区财政电子票据管理系统应用服务平台及本端口运行维护费": "80.00",
                             "财政票据保管、销毁工作经费": "20.00"}),
    "自治区财政监督检查专项经费": ("295.60", {"会计师事务所监督检查工作": "130.00", "资产评估机构监督检查工作": "39.00",
                                   "重点行业会计监督检查工作": "40.60", "预决算公开情况专项检查工作": "45.00",
                                   "内部监督检查工作": "11.00", "会计和评估质疑投诉核查、四个专项整治”核查工作": "30.00"}),
    "新疆会计领军(后备)人才培养专项经费": ("180.00", {
        "自治区第九期高端会计人才培养费用": "49.00", "自治区第九期高端会计人才培养费用/师资费": "14.40",
        "自治区第九期高端会计人才培养费用/培训费": "20.25", "自治区第九期高端会计人才培养费用/场地费": "7.50",
        "自治区第九期高端会计人才培养费用/课题指导": "5.00", "自治区第九期高端会计人才培养费用/学习资料": "0.10",
        "自治区第九期高端会计人才培养费用/其他": "1.75",
        "自治区第九期高端会计人才选拔费用": "40.00", "自治区第九期高端会计人才选拔费用/笔试、面试命题": "13.00",
        "自治区第九期高端会计人才选拔费用/印刷费": "4.00", "自治区第九期高端会计人才选拔费用/阅卷费": "2.76",
        "自治区第九期高端会计人才选拔费用/面试考官劳务费": "8.57", "自治区第九期高端会计人才选拔费用/其他费用": "11.67",
        "自治区第十期高端会计人才培养费用": "100.00", "自治区第十期高端会计人才培养费用/师资费": "30.80",
        "自治区第十期高端会计人才培养费用/培训管理费": "40.50", "自治区第十期高端会计人才培养费用/场地费": "15.00",
        "自治区第十期高端会计人才培养费用/课题指导": "10.00", "自治区第十期高端会计人才培养费用/其他费用": "3.70"}),
    "政府采购信息系统建设与维护费": ("214.00", {"政府采购信息系统建设与维护": "198.00", "政府采购监督评价辅助检查": "16.00"}),
    "自治区预算绩效管理工作经费": ("460.00", {
        "本级重点项目开展独立绩效评价经费": "200.00", "区本级绩效目标全覆盖评价经费": "20.00",
        "区本级绩效监控全覆盖评价经费": "20.00", "区本级绩效评价全覆盖经费": "26.00",
        "各地、县预算绩效管理审核、绩效考核经费": "53.00", "中央转移支付绩效评价报告审核评价经费": "15.00",
        "预算绩效信息管理系统运行维护及升级经费": "40.00", "分行业、分领域绩效评价指标体系研究": "41.00",
        "实施事前绩效评估审核经费": "45.00"}),
    "自治区地方政府债务管理系统部署及运维费": ("370.00", {
        "债务检测平台系统运行和监测项目经费": "120.00", "专项债券重点项目绩效评价费用、监督检查、项目储备及发行审核": "250.00"}),
    "新疆涉农惠农补贴资金管理系统运维服务经费": ("139.04", {
        "新疆惠民惠农财政补贴资金发放情况核查项目": "20.00", "新疆涉农惠民补贴资金“一卡通”发放管理系统运行维护费": "119.04"}),
    "财政改革经费": ("282.99", {"自治区会计管理工作经费": "107.99", "《新疆财会》办刊经费": "40.00",
                          "国有企业财务信息网络维护和技术服务费": "30.00", "亚行贷款新疆城市综合发展项目绩效评价": "30.00",
                          "普汇金融农业保险专项资金管理平台运维费": "75.00"}),
    "财政业务费": ("2179.00", {"办公楼租赁": "558.00", "危楼拆除": "90.00",
                          "其余用于保障厅机关正常运转、购置必备的办公设备、门户网站改版及维护费、购买社会服务、财政经济形式运行分析项目等费用":
                          "1531.00"}),
    "“金财工程”运行维护费": ("1647.68", {"通讯保障项目": "202.83", "机房核心关键设备及系统维护项目": "446.51",
                                 "安全保障及基础平台类维护项目": "480.18", "财政政务基础服务类软件升级维护项目": "118.21",
                                 "公共服务类软件升级维护项目": "399.95"}),
    "自治区巩固拓展脱贫攻坚成果同乡村振兴有效衔接资金绩效评价及指导评估项目经费": ("185.00", {
        "巩固有效衔接资金绩效自评审核评价": "50.00", "巩固衔接资金评估指导": "135.00"}),
    "自治区会考办考务经费": ("350.00", {"2024年度会计专业技术中、高级资格考试、阅卷及其他费用": "50.00",
                             "全区考试技术保障服务费": "285.00", "自治区各部门考试监考、无线电监测等费用": "15.00"}),
    "财政业务费(全区财政系统党务干部培训经费)": ("25.00", {
        "全区财政系统党务干部培训经费按照住宿费、伙食费、场地、资料、交通和其他费用": "25.00"}),
    "机关后勤保障服务费": ("998.00", {"做好办公楼运转维护和后勤保障工作": "998.00",
                            "做好办公楼运转维护和后勤保障工作/业务设备购置费用": "43.34",
                            "做好办公楼运转维护和后勤保障工作/物业管理费用": "95.00",
                            "做好办公楼运转维护和后勤保障工作/日常运行维护费用": "859.66"}),
}


def test_project_descriptions_amounts_and_allocations() -> None:
    facts = sample_doc("001").facts_by_key()
    names = [f.value for f in sample_doc("001").facts if f.key.startswith("budget.project_desc[") and
             f.key.endswith("].name")]
    assert sorted(names) == sorted(_PROJECTS)
    for name, (amount, allocations) in _PROJECTS.items():
        key = f"budget.project_desc[{name}]"
        assert facts[f"{key}.amount"].value == D(amount), name
        found = {k[len(key) + len(".allocation["):-1]: f.value for k, f in facts.items()
                 if k.startswith(f"{key}.allocation[")}
        assert found == {label: D(v) for label, v in allocations.items()}, name


def test_allocations_add_up_to_the_project_amount() -> None:
    # The top-level allocations of every project sum to its amount, except where the document itself
    # disagrees: 新疆会计领军 prints 180.00 but allocates 49.00 + 40.00 + 100.00 = 189.00 (lines 1378–1396).
    facts = sample_doc("001").facts_by_key()
    for name in _PROJECTS:
        key = f"budget.project_desc[{name}]"
        top = sum(f.value for k, f in facts.items() if k.startswith(f"{key}.allocation[") and "/" not in k[len(key):])
        expected = D("189.00") if name.startswith("新疆会计领军") else facts[f"{key}.amount"].value
        assert top == expected, name


def test_project_description_text_fields() -> None:
    facts = sample_doc("001").facts_by_key()
    key = "budget.project_desc[国库业务管理]"
    assert facts[f"{key}.unit"].value == "新疆维吾尔自治区财政厅本级"
    assert facts[f"{key}.period"].value == "2024年1月1日-2024年12月31日"
    assert facts[f"{key}.basis[1]"].value == "《预算法》"
    assert facts[f"{key}.basis[2]"].value == "《部门决算管理办法》(财库〔2021〕36号)"
    assert facts[f"{key}.basis[8]"].value == "《预算管理一体化系统技术标准V2.0》"
    assert f"{key}.basis[9]" not in facts
    assert facts["budget.project_desc[机关后勤保障服务费].unit"].value == "新疆维吾尔自治区财政厅机关服务中心"
    assert facts[f"{key}.amount"].source.text == "443.00"


def test_descriptions_and_table7_name_the_same_projects_and_units() -> None:
    facts = sample_doc("001").facts_by_key()
    for name, (amount, _) in _PROJECTS.items():
        assert facts[f"budget.project[{name}]"].value == D(amount), name
        # 表7 prints each project under its unit's subtotal row; the description names the same unit
        unit = facts[f"budget.project[{name}].unit"]
        assert unit.value == facts[f"budget.project_desc[{name}].unit"].value, name
    assert facts["budget.project[机关后勤保障服务费].unit"].source.line == 885


def test_final_accounts_get_no_budget_facts() -> None:
    doc = sample_doc("000")
    assert not [f for f in doc.facts if f.key.startswith("budget.")]
    assert not [t for t in doc.tables if t.kind.startswith("budget.")]


def _reader_context(table: Table) -> Context:
    # the 001 text under a reader-built table: the finder must not rebuild its own tables over it
    norm = NormalizedText(read(SAMPLE_FILES["001"]))
    return Context(norm=norm, sections=(), kind=DocKind.BUDGET, tables=(table,))


def _cell(text: str, line: int) -> Cell:
    return Cell(text=text, source=Source(path="x.pdf", line=line, column=1, end_line=line, end_column=len(text),
                                         text=text, page=1))


def test_reader_tables_in_yuan_and_crossed_codes() -> None:
    # As a PDF reader builds them (Shanghai prints 元; Beijing's 支出总表 repeats a 功能 code per 经济 code).
    columns = ((), ("功能分类科目",), ("部门支出经济分类科目",), ("合计",), ("基本支出",), ("项目支出",))
    rows = (
        Row(cells=(Cell(text=""), _cell("2070101-行政运行", 1), _cell("30101-基本工资", 1), _cell("1,629.86", 1),
                   _cell("1,629.86", 1), Cell(text="")), code="2070101", level="项", parent="20701"),
        Row(cells=(Cell(text=""), _cell("2070101-行政运行", 2), _cell("30102-津贴补贴", 2), _cell("2,459.41", 2),
                   _cell("2,459.41", 2), Cell(text="")), code="2070101", level="项", parent="20701"),
        Row(cells=(Cell(text=""), _cell("2070102-一般行政管理事务", 3), Cell(text=""), _cell("2,413,699", 3),
                   Cell(text=""), _cell("2,413,699", 3)), code="2070102", level="项", parent="20701"),
        Row(cells=(Cell(text=""), _cell("合 计", 4), Cell(text=""), _cell("6,502,969", 4), _cell("4,089,270", 4),
                   _cell("2,413,699", 4))),
    )
    table = Table(name="支出总表", number="预算03表", kind="budget.t03_expense", columns=columns, rows=rows, unit="元")
    # the text finder leaves documents whose reader found tables alone
    assert list(find_budget_tables(_reader_context(table))) == []
    facts = {f.key: f.value for f in extract_budget(_reader_context(table))
             if f.key.startswith(("budget.function", "budget.basic", "budget.project"))}
    assert facts == {"budget.function[2070102]": D("241.3699"), "budget.function[2070102].project": D("241.3699"),
                     "budget.basic": D("408.9270"), "budget.project": D("241.3699")}
