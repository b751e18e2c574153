"""绩效自评表/目标表 of the five samples: table counts, indicator rows as printed, funding rows, the CLI."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from budgetdoc.cli import app
from budgetdoc.extract.perf.facts import indicator_keys, table_keys
from budgetdoc.extract.perf.layout import compact
from budgetdoc.extract.perf.operators import parse_target
from budgetdoc.pipeline import load
from tests.conftest import SAMPLE_FILES, sample_doc

# (整体 tables, 项目 tables) as each document states them.
COUNTS = {"000": (1, 9), "001": (1, 22), "002": (1, 11), "003": (1, 5), "004": (1, 16)}


@pytest.mark.parametrize("sample_id", sorted(COUNTS))
def test_table_counts(sample_id):
    tables = sample_doc(sample_id).perf_tables
    overall = [t for t in tables if t.scope == "overall"]
    projects = [t for t in tables if t.scope == "project"]
    assert (len(overall), len(projects)) == COUNTS[sample_id]
    assert overall[0].project == "整体"
    expected_kind = "target" if sample_id == "001" else "self_eval"
    assert {t.kind for t in tables} == {expected_kind}


# (一级, 二级, 三级, target, actual, weight, score) read row by row from the sample text.
ROWS = {
    ("000", 1): [
        ('产出指标', '数量指标', '为民办实事好事', '=10件', '=10件', "8", "8.00"),
        ('产出指标', '数量指标', '组织村民外出参观学习', '>=1次', '=1次', "8", "8.00"),
        ('产出指标', '数量指标', '走访慰问党员困难群众户', '>=10户', '=8户', "8", "4.00"),
        ('产出指标', '数量指标', '为困难群众发放树苗', '>=1次', '=1次', "8", "8.00"),
        ('产出指标', '质量指标', '为民办好事工作完成率', '>=95%', '=95%', "8", "8.00"),
        ('成本指标', '经济成本指标', '工作队工作经费', '<=1万元', '=1万元', "5", "5.00"),
        ('成本指标', '经济成本指标', '第一书记办实事经费', '<=2万元', '=2万元', "5", "5.00"),
        ('成本指标', '经济成本指标', '为民办实事经费', '<=5万元', '=5万元', "10", "10.00"),
        ('效益指标', '社会效益指标', '促进乡村振兴，建设美丽家园', '提高', '=95%', "15", "15.00"),
        ('效益指标', '生态效益指标', '持续改善人居环境', '长期', '=95%', "15", "15.00"),
    ],
    ("000", 3): [
        ('产出指标', '数量指标', '维护软件系统数量', '>=5套', '=5套', "10", "10.00"),
        ('产出指标', '数量指标', '购置软硬件数量', '>=10套', '=10套', "10", "10.00"),
        ('产出指标', '数量指标', '本级与县市双向线路租赁数量', '>=2条', '=2条', "5", "5.00"),
        ('产出指标', '质量指标', '系统故障率', '<=5%', '<=5%', "5", "5.00"),
        ('产出指标', '质量指标', '购置软硬件验收合格率', '=100%', '=100%', "5", "5.00"),
        ('产出指标', '时效指标', '系统运行维护响应时间', '<=8小时', '<=8小时', "5", "5.00"),
        ('成本指标', '经济成本指标', '系统运行维护经费', '<=68.8万元', '=54.43万元', "5", "2.39"),
        ('成本指标', '经济成本指标', '软硬件购置资金', '<=503.7万元', '=381.25万元', "10", "3.92"),
        ('成本指标', '经济成本指标', '线路租赁费用', '<=34.68万元', '=34.68万元', "5", "5.00"),
        ('效益指标', '经济效益指标', '软硬件系统利用率', '=95%', '=95%', "15", "15.00"),
        ('效益指标', '社会效益指标', '通过信息化提升业务能力', '提升', '=95%', "15", "15.00"),
    ],
    ("004", 1): [
        ('产出指标', '数量指标', '参赛样品数量', '>=700件', '=1044件', "10", "0.00"),
        ('产出指标', '质量指标', '参赛样品合格率', '>=90%', '=90%', "15", "15.00"),
        ('产出指标', '时效指标', '完成年度计划任务及时率', '>=90%', '=90%', "15", "15.00"),
        ('成本指标', '经济成本指标', '国际协同项目、接待考察项目、保障工作项目等费用', '<=305.71万元', '=298.67万元', "10", "10.00"),
        ('成本指标', '经济成本指标', '策划执行项目、志愿服务项目、文化宣传工作项目费用', '<=123万元', '=123万元', "10", "10.00"),
        ('效益指标', '社会效益指标', '公众对产区葡萄酒的熟识度', '进一步提高', '=100%', "10", "10.00"),
        ('效益指标', '生态效益指标', '产区影响力和知名度', '进一步提升', '=100%', "10", "10.00"),
        ('满意度指标', '满意度指标', '对大赛举办满意情况', '>=90%', '=90%', "10", "10.00"),
    ],
    ("004", 2): [
        ('产出指标', '数量指标', '为民办实事好事', '>=1件', '=1件', "7", "7.00"),
        ('产出指标', '数量指标', '慰问村上家庭相对困难群众', '>=20户', '=20户', "7", "7.00"),
        ('产出指标', '质量指标', '为民办好事实事完成率', '=100%', '=100%', "6", "6.00"),
        ('产出指标', '质量指标', '保障工作队个数', '>=1个', '=1个', "7", "7.00"),
        ('产出指标', '时效指标', '为民办实事好事及时率', '=100%', '=100%', "6", "6.00"),
        ('产出指标', '时效指标', '项目完成及时率', '=100%', '=100%', "6", "6.00"),
        ('成本指标', '经济成本指标', '为民办实事好事经费', '<=5万元', '=4.97万元', "7", "7.00"),
        ('成本指标', '经济成本指标', '慰问村上家庭相对困难群众经费', '<=2万元', '=2万元', "7", "7.00"),
        ('成本指标', '经济成本指标', '保障工作队工作经费', '<=1万元', '=1万元', "7", "7.00"),
        ('成本指标', '社会成本指标', '改善村民人居环境', '改善', '=100%', "10", "10.00"),
        ('成本指标', '社会成本指标', '提升村民居住幸福感', '提升', '=100%', "10", "10.00"),
        ('成本指标', '社会成本指标', '慰问看望送温暖，减轻低收入家庭生活压力', '减轻', '=100%', "10", "10.00"),
    ],
    ("004", 0): [
        ('履职效能', '数量指标', '昌吉州大数据运营管理平台项目基础库、数据库、主题库建设', '>=6个', '1个', "30", "6"),
        ('履职效能', '数量指标', '培育创新型、专精特新、小巨人企业', '>=20家', '29家', "30", "30"),
        ('履职效能', '数量指标', '开展行业安全监管和工业企业安全指导', '>=7轮', '7轮', "30", "30"),
    ],
    ("002", 0): [
        ('履职效能', '数量指标', '做好2023年民生实事相关诉求分析月报', '>=24期', '=30期', "15", "15"),
        ('履职效能', '数量指标', '加强“政邮合作”，推动政务服务事项入驻邮政网点', '>=5个', '=12个', "15", "15"),
        ('履职效能', '数量指标', '“吉速办”小程序热门服务专区建设', '>=5个', '=12个', "15", "15"),
        ('履职效能', '数量指标', '严格落实“好差评”制度，使实名差评按期整改率', '=100%', '=99.29%', "15", "14.89"),
        ('履职效能', '数量指标', '全面落实自治区政务服务事项标准化任务', '>=1400个', '=2710个', "10", "10"),
        ('履职效能', '数量指标', '优化健全自治区一体化平台数据共享系统，完善更新数据资源挂载，提升政务数据目录准确关联率', '>=70%', '=70%', "10", "10"),
        ('履职效能', '数量指标', '组织第三方专业机构开展一体化政务服务平台、公共资源交易平台的信息安全等级保护测评（三级）工作', '>=2次', '=2次', "10", "10"),
    ],
    ("002", 2): [
        ('产出指标', '数量指标', '平台维护数量', '=1套', '=1套', "7", "7"),
        ('产出指标', '数量指标', '保障办公人数', '>=39人', '=39人', "7", "7"),
        ('产出指标', '数量指标', '发送短信', '>=285万条', '=61.99万条', "7", "0"),
        ('产出指标', '数量指标', '提供光纤数量', '=1条', '=1条', "7", "7"),
        ('产出指标', '数量指标', '热线服务天数', '>=365天', '=365天', "7", "7"),
        ('产出指标', '质量指标', '服务质量达标率', '>=90%', '=100%', "5", "5"),
        ('成本指标', '经济成本指标', '保障热线服务成本', '<=209.62万元', '=209.62万元', "5", "5"),
        ('成本指标', '经济成本指标', '平台租赁及运维成本', '<=14.38万元', '=14.38万元', "5", "5"),
        ('成本指标', '经济成本指标', '短信费成本', '<=10万元', '=10万元', "5", "5"),
        ('成本指标', '经济成本指标', '光纤费成本', '=5万元', '=2.54万元', "5", "0"),
        ('效益指标', '社会效益指标', '确保企业和群众反映的问题和合理诉求及时得到处置和办理', '保障', '保障', "20", "20"),
        ('满意度指标', '满意度指标', '群众满意度', '>=90%', '=99%', "10", "10"),
    ],
    ("003", 0): [
        ('运行成本', '数量指标', '政府工作报告翻译语种（种）', '=2种', '=2种', "15", "15"),
        ('运行成本', '数量指标', '档案电子化扫描页数（万页）', '=15万页', '=15万页', "15", "15"),
        ('运行成本', '数量指标', '保障视频会议的会议室个数', '=3个', '=3个', "15", "15"),
        ('运行成本', '数量指标', '保障政府事务工作人员数量', '>=16人', '=16人', "15", "15"),
        ('履职效能', '质量指标', '档案电子化扫描合格率', '>=98%', '100%', "10", "10"),
        ('履职效能', '质量指标', '制发文件合格率', '>=98%', '100%', "10", "10"),
        ('履职效能', '质量指标', '视频设备验收合格率', '>=98%', '100%', "10", "10"),
    ],
    ("003", 2): [
        ('产出指标', '数量指标', '服务援疆干部人次', '=1人', '=1人', "10", "10"),
        ('产出指标', '数量指标', '购置办公耗材', '=1次', '=1次', "10", "10"),
        ('产出指标', '质量指标', '制发文件合格率（%）', '=95%', '=100%', "5", "4.74"),
        ('产出指标', '质量指标', '援疆业务工作完成率', '>=90%', '=100%', "5", "4.44"),
        ('产出指标', '时效指标', '各项工作完成及时率（%）', '>=90%', '=100%', "10", "8.89"),
        ('成本指标', '经济成本指标', '保障援疆各项业务有序开展经费', '<=3万元', '=0.19万元', "10", "0"),
        ('成本指标', '经济成本指标', '保障援疆干部办公、差旅费等费用', '<=2万元', '=2万元', "10", "10"),
        ('效益指标', '社会效益指标', '提高援疆干部幸福感', '提高', '达到预期指标', "30", "30"),
    ],
    ("001", 0): [
        ('履职效能', '数量指标', '自治区一般公共预算支出增长率', '＞=5%', '', "30", None),
        ('履职效能', '数量指标', '本级部门预决算全面公开数量', '＞=800家', '', "15", None),
        ('履职效能', '时效指标', '中央转移支付30日内下达', '=100%', '', "15", None),
        ('社会效益', '数量指标', '自治区民生支出占一般公共预算支出比重', '＞=70%', '', "30", None),
    ],
    ("001", 1): [
        ('产出指标', '数量指标', '第三方机构2023年巩固衔接资金项目绩效自评审核县市数量', '=93个', '', "15", None),
        ('产出指标', '数量指标', '第三方机构2024年巩固衔接资金项目绩效目标审核县市数量', '=93个', '', "15", None),
        ('产出指标', '数量指标', '第三方机构2024年度巩固衔接资金评估指导地县数量', '=40个', '', "13", None),
        ('产出指标', '时效指标', '第三方机构2023年巩固衔接资金项目绩效自评审核完成时限', '2024年5月30日', '', "9", None),
        ('产出指标', '时效指标', '第三方机构2024年巩固衔接资金项目绩效目标审核完成时限', '2024年7月30日', '', "9", None),
        ('产出指标', '时效指标', '第三方机构2024年度巩固衔接资金评估指导完成时限', '2024年11月30日', '', "9", None),
        ('成本指标', '经济成本指标', '第三方机构2023年巩固衔接资金项目绩效自评审核经费支出', '＜=25万元', '', "3", None),
        ('成本指标', '经济成本指标', '第三方机构2024年巩固衔接资金项目绩效目标审核经费支出', '＜=25万元', '', "2", None),
        ('成本指标', '经济成本指标', '第三方机构2024年度巩固衔接资金评估指导经费支出', '＜=135万元', '', "15", None),
    ],
    ("001", 12): [
        ('产出指标', '数量指标', '每天保证厅机关职工就餐人数', '＞=350人次', '', "15", None),
        ('产出指标', '数量指标', '安保服务时间', '每天24小时', '', "10", None),
        ('产出指标', '数量指标', '供热面积', '=2.30万平方米', '', "15", None),
        ('产出指标', '数量指标', '供热温度', '＞=22摄氏度', '', "10", None),
        ('产出指标', '数量指标', '全年消防检测次数', '＞=1次', '', "5", None),
        ('产出指标', '数量指标', '公务保障用车数量', '=3辆', '', "5", None),
        ('产出指标', '质量指标', '维修验收合格率', '＞=95%', '', "5", None),
        ('产出指标', '时效指标', '公用经费支付及时性', '＞=95%', '', "5", None),
        ('成本指标', '经济成本指标', '项目预算控制率', '＜=95%', '', "20", None),
    ],
    ("001", 2): [
        ('产出指标', '数量指标', '核心关键设备及系统维护数量', '=7套', '', "20", None),
        ('产出指标', '质量指标', '财政厅P595小型机系统故障率', '＜=1%', '', "10", None),
        ('产出指标', '质量指标', '财政厅数据机房电池故障率', '＜=1%', '', "5", None),
        ('产出指标', '质量指标', '视频会议系统故障率', '＜=1%', '', "5", None),
        ('产出指标', '质量指标', '财政厅精密空调系统故障率', '＜=1%', '', "5", None),
        ('产出指标', '质量指标', '财政厅日立存储系统故障率', '＜=1%', '', "10", None),
        ('产出指标', '时效指标', '财政厅日立存储系统故障修复处理时间', '＜=2小时', '', "5", None),
        ('产出指标', '时效指标', '财政厅P595小型机系统故障修复处理时间', '＜=2小时', '', "5", None),
        ('产出指标', '时效指标', '财政厅精密空调系统故障修复处理时间', '＜=2小时', '', "5", None),
        ('产出指标', '时效指标', '财政厅数据机房电池故障修复处理时间', '＜=2小时', '', "5", None),
        ('产出指标', '时效指标', '视频会议故障修复处理时间', '＜=2小时', '', "5", None),
        ('满意度指标', '满意度指标', '使用工作人员满意度', '＞=90%', '', "10", None),
    ],
}


@pytest.mark.parametrize("where", sorted(ROWS))
def test_indicator_rows(where):
    sample_id, index = where
    table = sample_doc(sample_id).perf_tables[index]
    got = [(i.level1, i.level2, i.name, i.target, i.actual, None if i.weight is None else str(i.weight),
            None if i.score is None else str(i.score)) for i in table.indicators]
    assert got == ROWS[where]


def _projects(sample_id):
    return [(n, t) for n, t in enumerate(sample_doc(sample_id).perf_tables) if t.scope == "project"]


@pytest.mark.parametrize("where", [(s, n) for s in ("000", "002", "004") for n, _ in _projects(s)])
def test_project_weights_add_to_90(where):
    """The documents give indicators 90 points and the execution rate 10."""
    sample_id, index = where
    table = sample_doc(sample_id).perf_tables[index]
    assert sum(i.weight for i in table.indicators) == 90
    assert table.funding[0].label == "年度资金总额"
    assert table.funding[0].weight == 10


@pytest.mark.parametrize("sample_id", sorted(COUNTS))
def test_every_table_gives_indicators_90_points(sample_id):
    """自评表 and 目标表 alike: the indicator weights of every table add up to 90 (10 go to the budget)."""
    for index, table in enumerate(sample_doc(sample_id).perf_tables):
        assert table.indicators, (sample_id, index)
        assert sum(i.weight for i in table.indicators) == 90, (sample_id, index, table.project)
        complete = all(i.name and i.level1 and i.level2 and i.target for i in table.indicators)
        assert complete, (sample_id, index)


def test_funding_rows():
    overall = sample_doc("000").perf_tables[0]
    rows = {r.label: r for r in overall.funding}
    assert list(rows) == ["中央安排", "自治区安排", "地（州、市）安排", "县（市、区）安排", "其他资金", "合计"]
    assert rows["中央安排"].execution_rate == Decimal("89.57")
    assert rows["中央安排"].score == Decimal("8.96")
    assert (rows["合计"].budget_initial, rows["合计"].budget_full, rows["合计"].executed) == (
        Decimal("3121.66"), Decimal("3039.73"), Decimal("2722.67"))
    # 100.0 / 0% and 10.0 / 0 wrap over two lines in 002.
    first = sample_doc("002").perf_tables[1].funding[0]
    assert (first.label, first.executed, first.execution_rate, first.score) == (
        "年度资金总额", Decimal("5.00"), Decimal("100.00"), Decimal("10.00"))
    word = {r.label: r for r in sample_doc("003").perf_tables[0].funding}
    assert word["本级资金"].budget_initial == Decimal("1740.74")
    assert word["上级资金"].execution_rate == Decimal("97.4")
    target = sample_doc("001").perf_tables[1]
    assert [(r.label, r.budget_initial) for r in target.funding] == [
        ("年度预算总额", Decimal("185.00")), ("其中：财政拨款", Decimal("185.00")), ("其他资金", Decimal("0.00"))]
    assert target.extra == (("项目负责人", "汪亚军"),)


def test_header_fields_and_total():
    table = sample_doc("000").perf_tables[1]
    assert table.project == "2023年“为民办实事”工作经费"
    assert table.department == table.implementer == "昌吉回族自治州财政局"
    assert table.year == 2023
    assert table.total_score == Decimal("96")
    assert table.goal_target.startswith("做好“为民办实事”驻村工作任务")
    assert table.goal_actual.startswith("按年度计划扎实开展群众工作")
    # 总分 100 / 86.7 / 分 wraps over three lines.
    assert sample_doc("002").perf_tables[2].total_score == Decimal("86.7")
    assert sample_doc("003").perf_tables[1].total_score == Decimal("92.00")


def test_facts_are_located_at_their_cells():
    doc = sample_doc("000")
    facts = {f.key: f for f in doc.facts if f.key.startswith("perf.table[")}
    budget = facts["perf.table[整体].budget_full"]
    assert budget.value == Decimal("3039.73")
    assert budget.source.text == "3039.73"
    assert doc.source_text[budget.source.offset : budget.source.end_offset] == "3039.73"
    assert facts["perf.table[整体].execution_rate"].value == Decimal("89.57")
    key = "perf.table[2023年“为民办实事”工作经费].indicator[走访慰问党员困难群众户]"
    assert facts[key + ".score"].value == Decimal("4.00")
    assert facts[key + ".target"].value == ">=10户"
    assert facts[key + ".score"].source.line == 871
    assert facts["perf.table[2023年“为民办实事”工作经费].total_score"].value == Decimal("96")
    target = {f.key: f.value for f in sample_doc("001").facts}
    assert target["perf.table[2024年巩固拓展脱贫攻坚成果同乡村振兴有效衔接资金绩效评价及指导评估项目].budget_initial"] == (
        Decimal("185.00"))


def test_duplicate_indicator_names_get_a_suffix():
    assert indicator_keys(["满意度", "满意度", "时效"]) == ["indicator[满意度]", "indicator[满意度#2]", "indicator[时效]"]
    tables = sample_doc("004").perf_tables
    keys = table_keys(tables)
    assert len(set(keys)) == len(keys)


def test_targets_parse_operator_value_unit():
    assert parse_target("＞=800 家") == parse_target(">=800家")
    got = parse_target("<=0.55万元")
    assert (got.op, got.value, got.unit) == ("<=", Decimal("0.55"), "万元")
    assert parse_target("提高").op == ""
    assert parse_target("2024年5月30日").value is None


def test_cli_json_and_xlsx(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["perf", str(SAMPLE_FILES["003"]), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data) == 6
    assert data[0]["funding"][3]["budget_full"] == "1787.23"
    out = tmp_path / "perf.xlsx"
    result = runner.invoke(app, ["perf", str(SAMPLE_FILES["003"]), "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert len(book.sheetnames) == 6
    sheet = book[book.sheetnames[1]]
    values = list(sheet.iter_rows(values_only=True))
    header = next(row for row in values if row[0] == "一级指标")
    first = values[values.index(header) + 1]
    assert first[:7] == ("产出指标", "数量指标", "政府工作报告翻译语种（种）", "=2种", "=2种", "5", "5")


def test_cli_xlsx_needs_output():
    result = CliRunner().invoke(app, ["perf", str(SAMPLE_FILES["003"]), "--format", "xlsx"])
    assert result.exit_code != 0


def test_ambiguous_goal_split_is_reported():
    """004's 数字昌吉 table wraps its 预期目标 early, so two splits fit: the reader says which it chose."""
    doc = sample_doc("004")
    table = doc.perf_tables[5]
    assert table.project == "“数字昌吉”发展规划（2021-2025）"
    assert any("分界不确定" in w and "第 1645 行" in w for w in table.warnings)
    assert set(table.warnings) <= set(doc.warnings)


def test_truncated_table_keeps_what_was_printed(tmp_path):
    """A document cut inside a table's indicator rows still yields that table and the rows before the cut."""
    lines = SAMPLE_FILES["000"].read_text(encoding="utf-8").split("\n")
    cut = tmp_path / "cut.txt"
    cut.write_text("\n".join(lines[:872]), encoding="utf-8")  # ends after 走访慰问党员困难群众户 (line 871)
    tables = load(cut).perf_tables
    assert len(tables) == 2
    assert [i.name for i in tables[1].indicators] == ["为民办实事好事", "组织村民外出参观学习", "走访慰问党员困难群众户"]
    assert tables[1].total_score is None


def _subsequence(needle: str, haystack: str) -> bool:
    rest = iter(haystack)
    return all(char in rest for char in needle)


@pytest.mark.parametrize("sample_id", sorted(COUNTS))
def test_every_perf_fact_is_read_from_its_source(sample_id):
    """Each value's source is the printed cell: the raw text at its offsets holds the value as printed."""
    doc = sample_doc(sample_id)
    facts = [f for f in doc.facts if f.key.startswith("perf.table[")]
    assert len(facts) > 4 * len(doc.perf_tables)
    for fact in facts:
        printed = doc.source_text[fact.source.offset : fact.source.end_offset]
        assert printed == fact.source.text
        value = fact.value if isinstance(fact.value, str) else format(fact.value, "f")
        assert _subsequence(compact(value), compact(printed).replace(",", "")), (fact.key, printed)
