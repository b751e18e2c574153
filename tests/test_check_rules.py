"""The rule catalogue on small synthetic documents: identities, percentages, rounding, deferral, narrative."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from check_synthetic import CLEAN_FINAL, make_doc

from budgetdoc.check import check, selected_rules, unknown_codes
from budgetdoc.check.catalog import CATALOG, RULES
from budgetdoc.model import DocKind, Severity


def errors(report):
    return [f for f in report.findings if f.severity is Severity.ERROR]


def by_rule(report, code):
    return [f for f in report.findings if f.rule == code]


def test_catalog_codes_are_unique_and_described():
    assert len(RULES) == len(CATALOG) > 40
    for rule in CATALOG:
        assert "." in rule.code and rule.title and rule.description and rule.kinds


def test_clean_document_has_no_errors_and_many_passes():
    report = check(make_doc(CLEAN_FINAL))
    assert errors(report) == [], [f.message for f in errors(report)]
    assert not [f for f in report.findings if f.severity is Severity.WARNING]
    assert report.passed > 40


def test_income_total_off_by_a_tenth_is_an_error_with_sources():
    doc = make_doc({**CLEAN_FINAL, "summary.income_total": Decimal("3039.63"),
                    "summary.expense_total": Decimal("3039.63")})
    found = by_rule(check(doc), "arithmetic.income-total")
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert found[0].message == ("收入总计 3,039.63 ≠ 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 = 3,039.73"
                                "（差 0.10）")
    assert found[0].expected == "3,039.73" and found[0].actual == "3,039.63"
    assert found[0].keys[0] == "summary.income_total"
    assert [s.text for s in found[0].sources] == ["3039.63", "2698.88", "0.00", "340.85"]


def test_rounding_level_difference_is_info_only():
    # 0.01 off in a sum of four printed figures: within 4 × 0.005.
    doc = make_doc({**CLEAN_FINAL, "summary.expense_carryover_end": Decimal("317.07")})
    found = by_rule(check(doc), "arithmetic.expense-total")
    assert [f.severity for f in found] == [Severity.INFO]
    assert "舍入" in found[0].message


def test_counts_are_exact():
    doc = make_doc({**CLEAN_FINAL, "staff.total": 132})
    found = by_rule(check(doc), "arithmetic.staff-total")
    assert [f.severity for f in found] == [Severity.ERROR]


def test_missing_term_defers_instead_of_passing():
    facts = dict(CLEAN_FINAL)
    del facts["summary.income_carryover_begin"]
    report = check(make_doc(facts), select=["arithmetic.income-total"])
    assert report.passed == 0 and report.findings == ()
    assert [(d.rule, d.missing) for d in report.deferred] == [
        ("arithmetic.income-total", ("summary.income_carryover_begin",))]


def test_share_recomputed():
    bad = check(make_doc({**CLEAN_FINAL, "income.fiscal.pct": Decimal("97.88")}), select=["percent.share"])
    assert [f.severity for f in bad.findings] == [Severity.ERROR]
    assert "2,639.05 / 2,698.88" in bad.findings[0].message and bad.findings[0].expected == "97.78%"
    # 2,639.05 / 2,698.88 = 97.783 %: 97.79 misses by less than one unit of the last digit.
    slip = check(make_doc({**CLEAN_FINAL, "income.fiscal.pct": Decimal("97.79")}), select=["percent.share"])
    assert [f.severity for f in slip.findings] == [Severity.INFO]


def test_change_percentage_and_direction():
    key = "gpb.item[一般公共服务支出/财政事务/行政运行].change_pct"
    wrong_sign = check(make_doc({**CLEAN_FINAL, key: Decimal("18.39")}), select=["percent.change"])
    assert [f.severity for f in wrong_sign.findings] == [Severity.ERROR]
    assert wrong_sign.findings[0].keys[0] == key
    assert check(make_doc(CLEAN_FINAL), select=["percent.change"]).passed == 5


def test_change_percentage_with_nothing_last_year_is_a_warning():
    facts = {**CLEAN_FINAL, "three.overseas": Decimal("1.89"), "three.overseas.change": Decimal("1.89"),
             "three.overseas.change_pct": Decimal("100.00")}
    found = check(make_doc(facts), select=["percent.change"]).findings
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "分母为 0.00，不应给出百分比" in found[0].message


def test_deviation_recomputed():
    doc = make_doc({**CLEAN_FINAL, "fiscal.deviation_pct": Decimal("-11.59")})
    found = by_rule(check(doc), "percent.deviation")
    assert [f.severity for f in found] == [Severity.ERROR] and found[0].expected == "-10.59%"


def test_same_figure_twice_must_agree():
    doc = make_doc({**CLEAN_FINAL, "income.current": Decimal("2689.88")})
    found = by_rule(check(doc), "consistency.income-current")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert {s.text for s in found[0].sources} == {"2698.88", "2689.88"}


def test_gpb_equals_fiscal_only_when_other_funds_are_empty():
    facts = {**CLEAN_FINAL, "gpb.total": Decimal("2600.00"), "gpb.share_of_expense_current": Decimal("95.49"),
             "gpb.change_pct": Decimal("24.61")}
    assert by_rule(check(make_doc(facts)), "consistency.gpb-fiscal")
    facts["gov_fund.empty"] = False
    assert not by_rule(check(make_doc(facts)), "consistency.gpb-fiscal")


def test_procurement_parts():
    doc = make_doc({**CLEAN_FINAL, "procurement.small_micro": Decimal("500.00"),
                    "procurement.small_micro_pct": Decimal("92.59")})
    found = by_rule(check(doc), "percent.procurement-parts")
    assert [f.severity for f in found] == [Severity.ERROR]


def test_reason_missing_and_boilerplate_are_warnings():
    # a reason searched for and not found is no contradiction of printed figures: a warning, not an error
    report = check(make_doc(CLEAN_FINAL, reasons=False), select=["narrative"])
    assert {f.rule for f in report.findings} == {"narrative.reason-present"}
    assert all(f.severity is Severity.WARNING for f in report.findings)
    doc = make_doc(CLEAN_FINAL)
    # Same length, so every fact's offsets stay valid: the reason becomes just "工作需要".
    text = doc.source_text.replace("本年增加建设网络安全防御平台项目经费", "工作需要" + "。" * 14)
    vague = check(replace(doc, source_text=text, text=text), select=["narrative"])
    assert vague.findings and {f.rule for f in vague.findings} == {"narrative.reason-specific"}
    assert all(f.severity is Severity.WARNING for f in vague.findings)


def test_completeness_reads_the_outline_and_the_text():
    doc = make_doc(CLEAN_FINAL)
    without_glossary = replace(doc, sections=tuple(s for s in doc.sections if s.kind != "glossary"))
    # The heading was not recognised but the text states the subject: not missing.
    assert not check(without_glossary, select=["completeness.sections"]).findings
    text = doc.text.replace("名词解释", "其他内容")
    silent = replace(without_glossary, text=text, source_text=text)
    report = check(silent, select=["completeness.sections"])
    # Searched for and not found proves nothing beyond a warning (issue 13, severity discipline).
    assert [(f.severity, f.expected) for f in report.findings] == [(Severity.WARNING, "名词解释")]
    assert report.passed == 13
    # A file with almost no outline is a separately published part: a note, not fourteen findings.
    fragment = check(make_doc(CLEAN_FINAL, sections=False), select=["completeness"])
    assert [f.severity for f in fragment.findings] == [Severity.INFO]
    assert {d.rule for d in check(make_doc(CLEAN_FINAL, sections=False)).deferred} >= {"completeness.overview"}


def test_unstated_optional_line_defers_a_short_sum():
    facts = dict(CLEAN_FINAL)
    del facts["summary.income_nonfiscal_balance_used"]
    facts["summary.income_total"] = facts["summary.expense_total"] = Decimal("3040.73")
    report = check(make_doc(facts))
    assert not by_rule(report, "arithmetic.income-total")
    assert [d.missing for d in report.deferred if d.rule == "arithmetic.income-total"] == [("未列明：使用非财政拨款结余",)]
    # Parts above the total: no unstated positive line can explain it, the finding stays (as a warning).
    facts["summary.income_total"] = facts["summary.expense_total"] = Decimal("10.00")
    found = by_rule(check(make_doc(facts)), "arithmetic.income-total")
    assert [f.severity for f in found] == [Severity.WARNING]
    assert found[0].message.endswith("未列明：使用非财政拨款结余")


def test_three_public_counts_and_plausibility():
    doc = make_doc({**CLEAN_FINAL, "three.vehicles_purchased": 2})
    found = by_rule(check(doc), "three.counts-plausible")
    assert [f.severity for f in found] == [Severity.WARNING]
    assert "公务用车购置数 2" in found[0].message


def test_budget_rules_do_not_run_on_final_accounts_and_vice_versa():
    doc = make_doc({"budget.income_total": Decimal("10.00"), "budget.expense_total": Decimal("11.00")},
                   kind=DocKind.BUDGET, sections=False)
    found = by_rule(check(doc), "budget.balance")
    assert [f.severity for f in found] == [Severity.ERROR]
    final = make_doc({"budget.income_total": Decimal("10.00"), "budget.expense_total": Decimal("11.00")})
    assert not by_rule(check(final), "budget.balance")


def test_budget_function_hierarchy_over_fact_keys():
    doc = make_doc({"budget.function[201]": Decimal("10.00"), "budget.function[20101]": Decimal("4.00"),
                    "budget.function[20102]": Decimal("5.00"), "budget.function[2010101]": Decimal("4.00")},
                   kind=DocKind.BUDGET, sections=False)
    found = by_rule(check(doc), "budget.function-hierarchy")
    assert len(found) == 1 and found[0].keys[0] == "budget.function[201]" and found[0].expected == "9.00"


def test_select_and_ignore_by_prefix():
    assert {r.group for r in selected_rules(["percent"])} == {"percent"}
    assert not [r for r in selected_rules(ignore=["narrative", "percent.share"])
                if r.group == "narrative" or r.code == "percent.share"]
    assert unknown_codes(["percent", "nonsense.rule"]) == ["nonsense.rule"]


def test_cross_document_previous_year():
    last = make_doc({"three.total": Decimal("33.22")}, year=2022, path="last.txt", sections=False)
    doc = make_doc(CLEAN_FINAL)
    assert check(doc, related=[last], select=["cross.previous-year"]).findings == ()
    wrong = make_doc({"three.total": Decimal("35.22")}, year=2022, path="last.txt", sections=False)
    found = check(doc, related=[wrong], select=["cross.previous-year"]).findings
    assert [f.severity for f in found] == [Severity.ERROR]
    assert {s.path for s in found[0].sources} == {"synthetic.txt", "last.txt"}
    assert "-2.28" in found[0].message  # 32.94 − 35.22


def test_a_change_explained_item_by_item_or_in_the_next_sentence_has_its_reason():
    from budgetdoc.pipeline import parse_raw
    from budgetdoc.read.base import RawDocument

    text = ("某某局2026年度部门预算\n第一部分2026年度部门预算情况说明\n二、收入预算情况说明\n三、支出预算情况说明\n"
            "四、财政拨款“三公”经费预算情况说明\n2026年“三公”经费预算数为413.68万元,比上年预算数增加14.18万元,增长3.5%,具体如下:\n"
            "1.公务用车购置费预算100.00万元,比上年预算数增加14.18万元,增长16.5%,主要原因是按计划更新执法用车2辆。\n"
            "五、其他情况说明\n(一)机关运行经费\n本局机关运行经费财政拨款预算2,719.55万元,较2025年年初预算减少956.74万元,"
            "下降26.0%。主要是:部分信息化建设项目即将完工,只需支付尾款。\n")
    doc = parse_raw(RawDocument(path="t.txt", text=text, format="txt"))
    changes = {f.key for f in doc.facts if f.key.endswith(".change")}
    assert {"budget.three.total.change", "budget.ops.change"} <= changes
    assert not by_rule(check(doc, select=["narrative"]), "narrative.reason-present")
