"""The table catalogue and classification codes, on titles and cells as the samples and templates print them."""

from __future__ import annotations

import re

import pytest

from budgetdoc.model import DocKind
from budgetdoc.tables import CATALOG, identify_table, parse_code, split_code_label, split_number


@pytest.mark.parametrize(("title", "number", "rest"), [
    ("表1 部门收支总体情况表", "表1", "部门收支总体情况表"),
    ("表 10", "表10", ""),
    ("附表3 2023年度部门支出决算表", "附表3", "2023年度部门支出决算表"),
    ("公开01表 收入支出决算总表", "公开01表", "收入支出决算总表"),
    ("预算01表 部门收支总表", "预算01表", "部门收支总表"),
    ("预算01-1表 部门收支总表", "预算01-1表", "部门收支总表"),
    ("部门收入总表", "", "部门收入总表"),
])
def test_split_number(title: str, number: str, rest: str) -> None:
    assert split_number(title) == (number, rest)


@pytest.mark.parametrize(("title", "kind"), [
    # the eleven titles of sample 001, as printed
    ("部门收支总体情况表", "budget.t01_income_expense"),
    ("部门收入总体情况表", "budget.t02_income"),
    ("部门支出总体情况表", "budget.t03_expense"),
    ("财政拨款收支预算总体情况表", "budget.t04_fiscal_income_expense"),
    ("一般公共预算支出情况表", "budget.t05_general_expense"),
    ("一般公共预算基本支出情况表", "budget.t06_general_basic"),
    ("一般公共预算项目支出情况表", "budget.t07_general_project"),
    ("政府性基金预算支出情况表", "budget.t09_fund_expense"),
    ("国有资本经营预算支出情况表", "budget.t10_capital_expense"),
    ("财政拨款“三公”经费支出情况表", "budget.t08_three_public"),
    ("上年结转结余情况明细表", "budget.t11_carryover"),
    # national names with numbers, years, unit names and quotes around them
    ("预算01-1表 2024年新疆维吾尔自治区财政厅部门收支总表", "budget.t01_income_expense"),
    ("表5 一般公共预算支出情况表（当年拨款）", "budget.t05_general_expense"),
    ("一般公共预算〝三公〞经费支出表", "budget.t08_three_public"),
    ("公开01表 收入支出决算总表", "final.t01_income_expense"),
    ("公开04表 财政拨款收支决算总表", "final.t04_fiscal_income_expense"),
    ("公开07表 一般公共预算财政拨款“三公”经费支出决算表", "final.t07_three_public"),
    ("公开09表 国有资本经营预算财政拨款支出决算表", "final.t09_capital_expense"),
    ("2023年度某某局收入决算表", "final.t02_income"),
])
def test_identify_table(title: str, kind: str) -> None:
    spec = identify_table(title)
    assert spec is not None and spec.kind == kind


def test_identify_table_respects_doc_kind_and_rejects_prose() -> None:
    assert identify_table("部门收支总表", DocKind.FINAL_ACCOUNTS) is None
    assert identify_table("关于自治区财政厅2024年收入预算情况说明") is None
    assert identify_table("") is None


def test_catalog_kinds_are_unique_and_cover_nine_final_tables() -> None:
    kinds = [spec.kind for spec in CATALOG]
    assert len(kinds) == len(set(kinds))
    assert sum(k.startswith("final.t0") for k in kinds) == 9
    assert sum(bool(re.match(r"budget\.t\d\d_", k)) for k in kinds) == 11


@pytest.mark.parametrize(("printed", "scheme", "code", "level", "parent"), [
    ("201 06 01", "function", "2010601", "项", "20106"),
    ("2010601", "function", "2010601", "项", "20106"),
    ("201 06", "function", "20106", "款", "201"),
    ("201", "function", "201", "类", ""),
    ("301", "economic", "301", "类", ""),
    ("30101", "economic", "30101", "款", "301"),
    ("３０２ ９９", "economic", "30299", "款", "302"),
])
def test_parse_code(printed: str, scheme: str, code: str, level: str, parent: str) -> None:
    parsed = parse_code(printed, scheme)
    assert parsed is not None
    assert (parsed.code, parsed.level, parsed.parent) == (code, level, parent)


@pytest.mark.parametrize(("printed", "scheme"), [
    ("2010601", "economic"), ("30101", "function"), ("17,690.90", "function"), ("2024", "function"), ("", "function"),
])
def test_parse_code_rejects(printed: str, scheme: str) -> None:
    assert parse_code(printed, scheme) is None


def test_split_code_label() -> None:
    code, label = split_code_label("201 06 01 行政运行")
    assert code is not None and code.code == "2010601" and label == "行政运行"
    code, label = split_code_label("30101 基本工资")
    assert code is not None and code.level == "款" and label == "基本工资"
    assert split_code_label("总计") == (None, "总计")


def test_an_untitled_table_is_known_by_its_header_rows() -> None:
    from budgetdoc.model import DocKind
    from budgetdoc.tables.catalog import identify_by_header

    # the headers of 佛山's 2019 收入决算表 and 支出决算表 and of 杭州's 2026 “三公”经费预算表, as printed
    income = (("项目", "功能分类科目编码"), ("项目", "科目名称"), ("本年收入合计",), ("财政拨款收入",), ("上级补助收入",),
              ("事业收入",), ("经营收入",), ("附属单位上缴收入",), ("其他收入",))
    expense = (("项目", "功能分类科目编码"), ("项目", "科目名称"), ("本年支出合计",), ("基本支出",), ("项目支出",),
               ("上缴上级支出",), ("经营支出",), ("对附属单位补助支出",))
    three = (("单位名称",), ("“三公”经费合计",), ("因公出国(境)费",), ("公务用车购置及运行费", "小计"),
             ("公务用车购置及运行费", "公务用车购置费"), ("公务用车购置及运行费", "公务用车运行维护费"), ("公务接待费",))
    assert identify_by_header(income, DocKind.FINAL_ACCOUNTS).kind == "final.t02_income"
    assert identify_by_header(expense, DocKind.FINAL_ACCOUNTS).kind == "final.t03_expense"
    assert identify_by_header(three, DocKind.BUDGET).kind == "budget.t08_three_public"
    # a list of units or projects is no standard table
    assert identify_by_header((("序号",), ("单位名称",), ("备注",)), DocKind.FINAL_ACCOUNTS) is None
    assert identify_by_header(expense, DocKind.BUDGET) is None
