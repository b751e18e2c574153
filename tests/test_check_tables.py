"""绩效 tables, coded budget tables and the budget-vs-final cross check, on small synthetic records.

The 绩效 figures are those printed in the samples (000 line 1549 ff., 003 line 1029), so the scoring rules
are tested against how real units score.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from check_synthetic import CLEAN_FINAL, make_doc

from budgetdoc.check import check
from budgetdoc.model import Cell, DocKind, FundingRow, Indicator, PerfTable, Row, Severity, Table

D = Decimal


def _table(*, rate="64.77", score="1.19", indicators=(), total="74.38", project="机关运行补助经费"):
    funding = (FundingRow(label="年度资金总额", budget_initial=D("475.54"), budget_full=D("475.54"),
                          executed=D("308.01"), weight=D(10), execution_rate=D(rate), score=D(score)),)
    return PerfTable(kind="self_eval", scope="project", title="项目支出绩效自评表", project=project, funding=funding,
                     indicators=tuple(indicators), total_score=D(total) if total else None)


# 000 机关运行补助经费: nine indicators, weights 90 + 10 for the execution rate; total 74.38.
INDICATORS_000 = (
    Indicator(level1="产出指标", level2="数量指标", name="服务区建筑面积", target=">=5000平方米", target_op=">=",
              target_value=D(5000), actual="=9724平方米", weight=D(10), score=D("10.00")),
    Indicator(level1="产出指标", level2="数量指标", name="维护电梯数量（个）", target="=2部", target_op="=",
              target_value=D(2), actual="=2部", weight=D(10), score=D("10.00")),
    Indicator(level1="产出指标", level2="质量指标", name="服务验收合格率", target=">=95%", target_op=">=",
              target_value=D(95), actual="=80%", weight=D(10), score=D("4.00"),
              deviation_reason="2023年上半年物业服务验收中发现的问题较多，验收不合格"),
    Indicator(level1="产出指标", level2="时效指标", name="日常巡查维护及时率（%）", target=">=95%", target_op=">=",
              target_value=D(95), actual="=100%", weight=D(10), score=D("10.00")),
    Indicator(level1="成本指标", level2="经济成本指标", name="办公楼物业管理经费", target="<=56.20万元", target_op="<=",
              target_value=D("56.20"), actual="=56.2万元", weight=D(5), score=D("5.00")),
    Indicator(level1="成本指标", level2="经济成本指标", name="办公楼维修改造经费", target="<=138.54万元",
              target_op="<=", target_value=D("138.54"), actual="=84万元", weight=D(5), score=D("0.08"),
              deviation_reason="原计划部分工程未实施，结余资金财政收回"),
    Indicator(level1="成本指标", level2="经济成本指标", name="委托第三方维护经费", target="<=14万元", target_op="<=",
              target_value=D(14), actual="=13万元", weight=D(5), score=D("4.11"),
              deviation_reason="部分项目未实施，结余资金财政收回"),
    Indicator(level1="成本指标", level2="经济成本指标", name="保障机关运行经费", target="<=266.8", target_op="<=",
              target_value=D("266.8"), actual="=154.81", weight=D(5), score=D("0.00"),
              deviation_reason="部分项目未实施，结余资金财政收回"),
    Indicator(level1="效益指标", level2="社会效益指标", name="消除办公楼安全隐患", target="提升", actual="=95%",
              weight=D(30), score=D("30.00")),
)


def _check(*tables, select=("performance",), rule_sets=()):
    return check(make_doc(CLEAN_FINAL, perf_tables=tables), select=list(select), perf_rule_sets=rule_sets)


def test_real_table_weights_total_and_reasons_pass():
    report = _check(_table(indicators=INDICATORS_000), select=["performance.weights", "performance.total-score",
                                                               "performance.deviation-reason",
                                                               "performance.execution-rate",
                                                               "performance.execution-score"])
    assert [f for f in report.findings if f.severity is not Severity.INFO] == []
    assert report.passed == 1 + 1 + 4 + 1 + 1


def test_total_score_off_by_ten_is_an_error():
    report = _check(_table(indicators=INDICATORS_000, total="84.38"), select=["performance.total-score"])
    assert [f.severity for f in report.findings] == [Severity.ERROR]
    assert report.findings[0].expected == "74.38"


def test_missing_deviation_reason_is_an_error_when_the_table_has_the_column():
    bare = tuple(replace(i, deviation_reason="") if i.name == "服务验收合格率" else i for i in INDICATORS_000)
    report = _check(_table(indicators=bare), select=["performance.deviation-reason"])
    assert [(f.severity, "服务验收合格率" in f.message) for f in report.findings] == [(Severity.ERROR, True)]


def test_execution_rate_recomputed():
    # 308.01 / 475.54 = 64.77 %; a printed 74.77 % is wrong.
    report = _check(_table(rate="74.77", score="3.69"), select=["performance.execution-rate"])
    assert [f.severity for f in report.findings] == [Severity.ERROR]
    assert report.findings[0].expected == "64.77%"


def test_execution_score_rule_sets():
    # 000: 64.77 % scored 1.19 = 10 × (64.77 − 60) / 40 (band rule); 6.48 would be the national rule.
    assert _check(_table(), select=["performance.execution-score"]).findings == ()
    national = _check(_table(), select=["performance.execution-score"], rule_sets=["national"])
    assert [f.severity for f in national.findings] == [Severity.ERROR]
    assert _check(_table(score="6.48"), select=["performance.execution-score"]).findings == ()
    # Fitting no known rule, with no rule named: the region may score otherwise, so a warning that says so.
    wrong = _check(_table(score="5.00"), select=["performance.execution-score"])
    assert [f.severity for f in wrong.findings] == [Severity.WARNING]
    assert "本地区规则可能不同" in wrong.findings[0].message


def test_indicator_score_regional_deduction_for_overshooting_an_equal_target():
    # 003 line 1029: 组织参展企业数 =30家, actual =35家, 分值 15, 得分 12.5 = 15 × (1 − 5/30).
    ind = Indicator(level1="产出指标", level2="数量指标", name="组织参展企业数", target="=30家", target_op="=",
                    target_value=D(30), actual="=35家", weight=D(15), score=D("12.5"),
                    deviation_reason="企业参与度较高，组织参展企业数超预期。")
    table = _table(indicators=(ind,), total="")
    assert _check(table, select=["performance.indicator-score"]).findings == ()
    strict = _check(table, select=["performance.indicator-score"], rule_sets=["national"])
    assert [f.severity for f in strict.findings] == [Severity.WARNING]
    over = replace(ind, score=D(16))
    out_of_range = _check(_table(indicators=(over,), total=""), select=["performance.indicator-score"])
    assert [f.severity for f in out_of_range.findings] == [Severity.ERROR]


def _row(code, label, *amounts):
    return Row(cells=tuple(Cell(text=a) for a in amounts), code=code, label=label)


def test_table_hierarchy_per_unit_block():
    # As 001 表7: the same codes repeated for a second unit; each block sums on its own.
    table = Table(name="一般公共预算项目支出情况表", columns=(("合计",), ("商品服务支出",)), rows=(
        _row("201", "一般公共服务支出", "30.00", "20.00"), _row("20106", "财政事务", "30.00", "20.00"),
        _row("2010602", "一般行政管理事务", "10.00", "10.00"), _row("2010699", "其他财政事务支出", "20.00", "10.00"),
        _row("", "机关服务中心", "5.00", "5.00"),
        _row("201", "一般公共服务支出", "5.00", "5.00"), _row("20106", "财政事务", "5.00", "5.00"),
        _row("2010603", "机关服务", "5.00", "5.00")))
    doc = make_doc({}, kind=DocKind.BUDGET, sections=False, tables=(table,))
    assert check(doc, select=["budget.hierarchy"]).findings == ()
    broken = Table(name=table.name, columns=table.columns,
                   rows=(*table.rows[:3], _row("2010699", "其他财政事务支出", "21.00", "10.00"), *table.rows[4:]))
    found = check(make_doc({}, kind=DocKind.BUDGET, sections=False, tables=(broken,)),
                  select=["budget.hierarchy"]).findings
    assert [(f.severity, f.expected) for f in found] == [(Severity.ERROR, "31.00")]


def test_budget_vs_final_accounts_of_the_same_year():
    budget = make_doc({"budget.gpb": D("2951.66"), "budget.three.total": D("32.94")}, kind=DocKind.BUDGET,
                      sections=False, path="budget.txt")
    final = make_doc({**CLEAN_FINAL, "gpb.budget_initial": D("2951.66"), "three.budget": D("30.00")})
    found = check(final, related=[budget], select=["cross.budget-final"]).findings
    assert [(f.severity, f.keys) for f in found] == [(Severity.WARNING, ("three.budget", "budget.three.total"))]


def test_misread_column_is_deferred_not_reported_cell_by_cell():
    # Two panels side by side read as one row (022's 基本支出表): the second panel's column misses everywhere.
    table = Table(name="一般公共预算财政拨款基本支出决算表", columns=(("人员经费",), ("公用经费",)), rows=(
        _row("301", "工资福利支出", "30.00", "94.65"), _row("30101", "基本工资", "10.00", "3.00"),
        _row("30102", "津贴补贴", "20.00", "60.25"),
        _row("303", "对个人和家庭的补助", "5.00", "0.00"), _row("30305", "生活补助", "5.00", "31.05")))
    report = check(make_doc({}, kind=DocKind.BUDGET, sections=False, tables=(table,)), select=["budget.hierarchy"])
    assert report.findings == ()
    assert report.passed == 2  # the 人员经费 column adds up
    assert [d.missing for d in report.deferred] == [("table[一般公共预算财政拨款基本支出决算表]「公用经费」",)]


def test_hierarchy_of_a_code_printed_over_three_columns():
    # As 001's 收入决算表: 科目编码 in 类 | 款 | 项 cells, one code; a 项 retyped breaks its 款 in that column.
    columns = (("科目编码", "类"), ("科目编码", "款"), ("科目编码", "项"), ("科目名称",), ("本年收入合计",),
               ("财政拨款收入",))

    def row(code, label, *amounts):
        segments = (code[:3], code[3:5], code[5:7])
        return Row(cells=tuple(Cell(text=t) for t in (*segments, label, *amounts)), code=code, label=label)

    rows = (row("208", "社会保障和就业支出", "326.72", "326.72"), row("20805", "行政事业单位养老支出", "326.72", "326.72"),
            row("2080501", "行政单位离退休", "85.65", "84.65"), row("2080505", "基本养老保险缴费支出", "160.75", "160.75"),
            row("2080506", "职业年金缴费支出", "80.38", "80.38"), row("2080599", "其他养老支出", "0.94", "0.94"))
    table = Table(name="收入决算表", kind="final.t02_income", columns=columns, rows=rows)
    found = check(make_doc({}, kind=DocKind.FINAL_ACCOUNTS, sections=False, tables=(table,)),
                  select=["budget.hierarchy"]).findings
    assert [(f.severity, f.actual, f.expected) for f in found] == [(Severity.ERROR, "326.72", "327.72")]


def _coded_table(name, kind, columns, *rows):
    return Table(name=name, kind=kind, columns=columns, rows=tuple(_row(*r) for r in rows))


GPB_COLUMNS = (("科目编码",), ("科目名称",), ("预算数", "合计"), ("预算数", "基本支出", "小计"),
               ("预算数", "基本支出", "人员经费"), ("预算数", "基本支出", "公用经费"), ("预算数", "项目支出"))


def test_total_columns_follow_the_header_tree():
    # 合计 = 基本支出小计 + 项目支出, 小计 = 人员经费 + 公用经费 (025's 一般公共预算支出表); a blank cell is a zero.
    table = _coded_table("一般公共预算支出表", "budget.t05_general_expense", GPB_COLUMNS,
                         ("2070101", "行政运行", "2070101", "行政运行", "8,668.69", "7,419.39", "6,000.00",
                          "1,419.39", "1,249.30"),
                         ("2070108", "文化活动", "2070108", "文化活动", "23,415.17", "", "", "", "23,415.17"))
    doc = make_doc({}, kind=DocKind.BUDGET, sections=False, tables=(table,))
    report = check(doc, select=["budget.column-sums"])
    assert report.findings == () and report.passed == 3  # the blank 小计 of 文化活动 states nothing
    retyped = replace(table, rows=(table.rows[0], _row("2070108", "文化活动", "2070108", "文化活动", "23,416.17", "",
                                                       "", "", "23,415.17")))
    found = check(make_doc({}, kind=DocKind.BUDGET, sections=False, tables=(retyped,)),
                  select=["budget.column-sums"]).findings
    assert [(f.severity, f.actual, f.expected) for f in found] == [(Severity.ERROR, "23,416.17", "23,415.17")]


def test_a_memo_block_beside_the_total_is_not_a_part():
    # 027's 支出总表: 2026年政府采购项目 | 小计 | 其中… runs across 基本 and 项目, it is not added into 支出总计.
    columns = (("科目编码",), ("科目名称",), ("支出总计",), ("基本支出",), ("项目支出",),
               ("2026年政府采购项目", "小计"), ("2026年政府采购项目", "其中：预留给中小企业"))
    table = _coded_table("支出总表", "budget.t03_expense", columns,
                         ("2010601", "行政运行", "2010601", "行政运行", "6,487.76", "6,487.76", "0.00", "388.02",
                          "171.52"))
    from budgetdoc.check.budget_tables import column_sums
    assert column_sums(table) == []
    assert check(make_doc({}, kind=DocKind.BUDGET, sections=False, tables=(table,)),
                 select=["budget.column-sums"]).findings == ()


def test_the_total_row_adds_the_top_level_rows():
    columns = (("科目编码",), ("科目名称",), ("合计",))
    rows = (("", "合计", "", "合计", "300.00"), ("201", "一般公共服务支出", "201", "一般公共服务支出", "200.00"),
            ("2010101", "行政运行", "2010101", "行政运行", "200.00"), ("208", "社会保障和就业支出", "208", "社保", "100.00"),
            ("2080501", "行政单位离退休", "2080501", "离退休", "100.00"))
    table = _coded_table("一般公共预算支出表", "budget.t05_general_expense", columns, *rows)
    assert check(make_doc({}, kind=DocKind.BUDGET, sections=False, tables=(table,)),
                 select=["budget.total-row"]).findings == ()
    short = _coded_table("一般公共预算支出表", "budget.t05_general_expense", columns, ("", "合计", "", "合计", "310.00"),
                         *rows[1:])
    found = check(make_doc({}, kind=DocKind.BUDGET, sections=False, tables=(short,)),
                  select=["budget.total-row"]).findings
    assert [(f.actual, f.expected) for f in found] == [("310.00", "300.00")]
    # a 项 whose 类 row is missing (013: a 类 row misread): which rows the 合计 adds is not known, nothing said
    orphan = _coded_table("一般公共预算支出表", "budget.t05_general_expense", columns, ("", "合计", "", "合计", "310.00"),
                          *rows[2:])
    assert check(make_doc({}, kind=DocKind.BUDGET, sections=False, tables=(orphan,)),
                 select=["budget.total-row"]).findings == ()


def test_a_heading_without_subtotal_adds_its_own_columns():
    # 030's 支出预算总表: 总计 = 人员支出 + 日常公用支出 (基本支出, no 小计) + 项目支出; 025's 项目支出 block counts
    # by its 项目支出总数, not with 扣除基建项目后预算数 added on top.
    from budgetdoc.check.budget_tables import column_sums
    hangzhou = Table(name="支出预算总表", kind="budget.t03_expense", columns=(
        ("功能分类科目名称",), ("总计",), ("基本支出", "人员支出"), ("基本支出", "日常公用支出"), ("项目支出",)),
        rows=(_row("", "司法", "司法", "12,251.39", "7,000.77", "1,553.03", "3,697.59"),))
    assert column_sums(hangzhou) == [(1, [2, 3, 4])]
    assert check(make_doc({}, kind=DocKind.BUDGET, sections=False, tables=(hangzhou,)),
                 select=["budget.column-sums"]).passed == 1
    beijing = Table(name="一般公共预算支出表", kind="budget.t05_general_expense", columns=(
        ("功能分类科目", "科目编码"), ("功能分类科目", "科目名称"), ("预算数", "合计"), ("预算数", "基本支出", "小计"),
        ("预算数", "基本支出", "人员经费"), ("预算数", "基本支出", "公用经费"), ("预算数", "项目支出", "项目支出总数"),
        ("预算数", "项目支出", "扣除基建项目后预算数")),
        rows=(_row("2070102", "一般行政管理事务", "2070102", "一般行政管理事务", "2,413.70", "", "", "", "2,413.70",
                   "2,413.70"),
              _row("2070101", "行政运行", "2070101", "行政运行", "8,668.69", "7,419.39", "6,000.00", "1,419.39",
                   "1,249.30", "1,249.30")))
    assert column_sums(beijing) == [(2, [3, 6]), (3, [4, 5])]
