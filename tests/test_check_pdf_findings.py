"""The checker on real published PDFs: the defects a reader found are reported at their page, and the classes
of false finding seen there (TOC pages, stated zeros, side-by-side panels, scope mixes, tables-only releases)
stay quiet. Expected values come from ../shared/samples/pdf/gold/ and the hand-judged fixture."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

from budgetdoc.check import check
from budgetdoc.model import Finding, Report, Severity, Source
from budgetdoc.pipeline import load

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT.parent / "shared" / "samples" / "pdf"
sys.path.insert(0, str(ROOT / "benchmarks"))
import findings as bench  # noqa: E402

pytestmark = pytest.mark.skipif(not PDF.is_dir(), reason="sample PDFs not present")


@cache
def report(stem: str) -> Report:
    return check(load(next(PDF.glob(stem + "*.pdf"))))


def found(stem: str, rule: str) -> list[Finding]:
    return [f for f in report(stem).findings if f.rule == rule and f.severity.rank >= Severity.WARNING.rank]


def pages(finding: Finding) -> set[int]:
    return {s.page for s in finding.sources if s.page}


def test_copy_paste_notes_and_a_repeated_page():
    note = found("004", "slips.empty-note-subject")
    assert len(note) == 1 and pages(note[0]) == {18} and "政府性基金" in note[0].actual
    repeated = found("004", "slips.repeated-block")
    assert [pages(f) for f in repeated] == [{8}]
    assert [f.actual for f in found("004", "consistency.item-text-table")] == ["887.36", "887.36"]
    # The glossary on p6 is read, not the table of contents on p2.
    assert not found("004", "completeness.glossary")


def test_district_budget_slips():
    assert [pages(f) for f in found("006", "slips.filled-marked-empty")] == [{31}]
    truncated = found("006", "codes.truncated")
    assert len(truncated) == 1 and "2 津贴补贴" in truncated[0].actual and "7 绩效工资" in truncated[0].actual
    assert "事业单位离退休" in {f.actual for f in found("006", "slips.sibling-reason")}
    assert [(f.expected, f.actual) for f in found("006", "consistency.item-restated")] == [("350.35", "352.67")]
    # 31 items compare 2024年预算安排 with 2023年当年预算执行数; the rate fits the figures but in that one item
    changes = [f for f in report("006").findings if f.rule == "percent.change-executed"]
    assert [(f.expected, f.actual, pages(f)) for f in changes] == [("1.19%", "0.53%", {9})]
    assert [pages(f) for f in found("006", "slips.reason-direction")] == [{6}]
    assert found("006", "slips.template-level")[0].actual.startswith("市级")


def test_final_account_false_classes_stay_quiet_and_its_defects_are_found():
    # 表6 prints 人员经费 | 公用经费 panels side by side: no hierarchy error from mixing them.
    assert not found("022", "budget.hierarchy")
    assert not found("022", "three.counts-present")  # 接待 1 次，接待人数共 13 人
    assert not found("022", "completeness.statements")  # 政府采购支出总额 0 万元
    assert "财政拨款收支总体情况" not in {f.expected for f in found("022", "completeness.sections")}
    assert [pages(f) for f in found("022", "codes.row-numbers")] == [{12}]
    assert {p for f in found("022", "slips.zero-base-rate") for p in pages(f)} == {26, 27}
    assert [pages(f) for f in found("022", "slips.no-previous-year")] == [{25}]


def test_text_total_against_table_and_class_across_tables():
    total = found("001", "consistency.total-text-table")
    assert [(f.actual, f.expected) for f in total] == [("0.3", "2,961.68")]
    classes = found("001", "consistency.class-across-tables")
    assert len(classes) == 1 and classes[0].actual == "326.71、326.72" and pages(classes[0]) == {6, 10}


def test_third_category_and_wrong_base_shares():
    assert not found("013", "budget.expense-split")  # 单位预留机动经费 128.43 is the difference
    assert [f.actual for f in found("013", "consistency.item-text-table")] == ["10,528.33"]
    assert [f.actual for f in found("013", "percent.three-shares")] == ["32.78%"]


def test_perf_self_eval_rebuilt_from_the_grid():
    funding = found("023", "performance.funding-sum")
    assert [f.keys[0] for f in funding] == ["perf.table[整体].funding[合计]", "perf.table[整体].funding[财政资金小计]"]
    assert all(f.severity is Severity.ERROR for f in funding)
    reason = found("023", "performance.deviation-reason")
    assert [f.keys[0] for f in reason] == ["perf.table[整体].indicator[市政府常务会议场次]"]
    # 0 for a missed cost cap (with its reason printed) is the all-or-nothing rule, not a wrong score.
    assert not found("023", "performance.indicator-score")
    assert not found("023", "completeness.overview")


def test_tables_only_release_gets_no_errors():
    assert not [f for f in report("025").findings if f.severity is Severity.ERROR]
    deferred = {d.rule: d.missing for d in report("025").deferred}
    assert any(m.startswith("口径不同") for m in deferred["budget.basic-split"])


def test_fixture_judgements_identify_findings_by_page_key_and_value():
    judgements = bench.load_judgements()
    assert judgements and all(j.why for j in judgements)
    src = Source(path="x.pdf", line=1, column=1, end_line=1, end_column=1, text="71.73%", page=21)
    share = Finding(rule="percent.share", severity=Severity.ERROR, message="任何措辞", actual="71.73%",
                    keys=("gpb.category[一般公共服务支出].pct",), sources=(src,))
    judged = bench.judge(judgements, "001_shpt-caizhengju_2024_juesuan.pdf", share)
    assert judged is not None and judged.verdict and judged.gold == 2
    elsewhere = Source(path="x.pdf", line=1, column=1, end_line=1, end_column=1, text="71.73%", page=5)
    moved = Finding(rule="percent.share", severity=Severity.ERROR, message="任何措辞", actual="71.73%",
                    keys=share.keys, sources=(elsewhere,))
    assert bench.judge(judgements, "001_shpt-caizhengju_2024_juesuan.pdf", moved) is None
    assert bench.gold_pages("p7 (and repeated p8) 部门预算编制说明") == {7, 8}
    assert bench.gold_pages("收入支出决算总表 (p6) vs 支出决算表 (p12-13)") == {6, 12, 13}
