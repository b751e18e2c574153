"""The checker on the five real samples: the true problems are found, nothing else is an error.

Every error-level finding on the samples was verified by hand against the text; each is pinned here with
the reason. A new error on a sample fails ``test_no_unverified_errors`` until it is verified and pinned.
"""

from __future__ import annotations

import pytest
from conftest import SAMPLE_FILES, sample_doc

from budgetdoc.check import check
from budgetdoc.model import Severity

VERIFIED_ERRORS = {
    # 002 line 442: "预算绩效评价项目11个，全年预算数579.64万元", but the eleven 项目支出绩效自评表 print
    # 年度资金总额 全年预算数 5.00 + 239.00 + 15.00 + 70.00 + 20.00 + 2.80 + 6.00 + 16.43 + 8.00 + 192.23 + 5.00
    # = 579.46: two digits swapped in the text (the 全年执行数 502.24 does add up).
    "002": {("consistency.perf-tables", 442, "579.46")},
}


def _errors(sample_id):
    report = check(sample_doc(sample_id))
    return {(f.rule, f.sources[0].line, f.expected) for f in report.findings if f.severity is Severity.ERROR}


@pytest.mark.parametrize("sample_id", sorted(SAMPLE_FILES))
def test_no_unverified_errors(sample_id):
    assert _errors(sample_id) == VERIFIED_ERRORS.get(sample_id, set())


def test_002_perf_budget_transposition_is_found_with_every_table_row():
    found = [f for f in check(sample_doc("002"), select=["consistency.perf-tables"]).findings
             if f.severity is Severity.ERROR]
    assert len(found) == 1
    assert found[0].message == "绩效评价项目全年预算数 579.64 ≠ 所附绩效自评表合计 579.46（差 0.18）"
    assert found[0].sources[0].text.startswith("579.64")
    assert len(found[0].sources) == 12  # the text figure and the eleven 年度资金总额 rows


def test_zero_last_year_growth_is_a_warning_where_printed():
    # 004 line 344-346: "因公出国（境）费支出 1.89 万元 … 比上年增加 1.89 万元，增长 100.00%": nothing was spent
    # last year, so a growth rate is meaningless (checks.md E35).
    found = [f for f in check(sample_doc("004"), select=["percent.change"]).findings
             if f.keys[0] == "three.overseas.change_pct"]
    assert [(f.severity, f.sources[0].line) for f in found] == [(Severity.WARNING, 346)]


def test_overall_table_without_reason_column_is_a_warning():
    # 004 line 633: the 整体 table scores "昌吉州大数据运营管理平台项目基础库…建设" 6 of 30 (1 个 against
    # >=6 个) and the table has no 偏差原因 column at all.
    found = [f for f in check(sample_doc("004"), select=["performance.deviation-reason"]).findings]
    assert [(f.severity, f.sources[0].line) for f in found] == [(Severity.WARNING, 633)]


def test_rounding_differences_on_samples_are_info_only():
    # 000 line 263: 卫生健康支出(类) 68.52 vs its four 项 43.15 + 20.95 + 3.95 + 0.46 = 68.51 — rounding.
    found = [f for f in check(sample_doc("000"), select=["arithmetic.gpb-items"]).findings]
    assert [(f.severity, f.sources[0].line, f.expected) for f in found] == [(Severity.INFO, 263, "68.51")]


def test_sample_identities_pass_and_are_not_deferred():
    report = check(sample_doc("000"), select=["arithmetic", "percent", "consistency"])
    assert report.deferred == ()
    assert report.passed > 80


def test_band_execution_score_of_the_region_is_accepted():
    # 000 line 1181: 信息化建设经费 执行率 76.43%, 得分 4.11 = 10 × (76.43 − 60) / 40 (the 60–95 band rule).
    report = check(sample_doc("000"), select=["performance.execution-score"])
    assert report.findings == () and report.passed >= 10
    strict = check(sample_doc("000"), select=["performance.execution-score"], perf_rule_sets=["national"])
    assert any("4.11" in f.message for f in strict.findings)


def test_budget_sample_table_hierarchy_respects_unit_blocks():
    # 001 表7 lists 201/20106 once for 本级 (8,680.31) and again for 机关服务中心 (998.00); each block sums.
    report = check(sample_doc("001"), select=["budget.hierarchy"])
    assert not [f for f in report.findings if f.severity is not Severity.INFO]
    assert report.passed > 40


def test_budget_sample_rounding_mismatch_is_reported_once():
    # 001 line 432 (部门支出总体情况表): 20106 财政事务 prints 15,301.24, its 项 add to 15,301.25. The cell is the
    # budget.function[20106] fact, so budget.function-hierarchy owns it and budget.hierarchy stays silent there.
    report = check(sample_doc("001"), select=["budget"])
    at_432 = [f.rule for f in report.findings if f.sources and f.sources[0].line == 432]
    assert at_432 == ["budget.function-hierarchy"]
    firsts = [(f.sources[0].path, f.sources[0].offset) for f in report.findings if "hierarchy" in f.rule]
    assert len(firsts) == len(set(firsts))
    # the same 0.01 in the other columns and tables that no fact rule covers is still budget.hierarchy's
    assert any(f.rule == "budget.hierarchy" and f.sources[0].line == 293 for f in report.findings)
