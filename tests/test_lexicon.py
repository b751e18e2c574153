"""The concept lexicon and its readers, on sentences and tables worded as other regions' templates word them.

Every expected key and value here was read by hand from the sentence, not from what the code extracts.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from budgetdoc.extract.lexicon import lexicon
from budgetdoc.model import DocKind
from budgetdoc.pipeline import parse_raw
from budgetdoc.read.base import RawDocument

FINAL_HEAD = "某某市某某局2024年度部门决算\n第二部分某某市某某局2024年度部门决算情况说明\n"
BUDGET_HEAD = "某某市某某局2026年度部门预算\n第一部分2026年度部门预算情况说明\n"


def facts(text: str) -> set[tuple[str, D | int]]:
    doc = parse_raw(RawDocument(path="t.txt", text=text, format="txt"))
    return {(f.key, f.value) for f in doc.facts if not f.key.startswith("doc.")}


def keys(text: str) -> set[str]:
    return {k for k, _ in facts(text)}


def test_every_concept_names_keys_of_the_vocabulary_style() -> None:
    lex = lexicon()
    assert len(lex.concepts) > 30
    for concept in lex.concepts:
        assert concept.names, concept.id
        for kind, by_scope in concept.keys.items():
            assert kind in ("final_accounts", "budget")
            assert set(by_scope) <= {"all", *lex.scopes}, concept.id
    # one name, one concept: an alias that two concepts claim would make the reader's choice arbitrary
    for kind in (DocKind.FINAL_ACCOUNTS, DocKind.BUDGET):
        seen: dict[str, str] = {}
        for concept in lex.concepts:
            if kind.value in concept.keys:
                for name in concept.names:
                    assert seen.setdefault(name, concept.id) == concept.id, name


@pytest.mark.parametrize(("sentence", "expected"), [
    # Shanghai 2024: the 三公 total stated against its 年初预算, the items by 决算 only
    (("七、财政拨款“三公”经费支出决算情况说明\n“三公”经费财政拨款支出年初预算为0.95万元,支出决算为0.00万元,完成预算的0%,"
      "其中:因公出国(境)费决算为0.00万元,完成预算的0%;公务接待费支出决算为0.00万元。"),
     {("three.budget", D("0.95")), ("three.total", D("0.00")), ("three.overseas", D("0.00")),
      ("three.reception", D("0.00"))}),
    ("十一、其他重要事项的情况说明\n(一)机关运行经费支出情况\n机关运行经费支出184.65万元,比2023年度增加2.55万元,增长1.40%。",
     {("ops.total", D("184.65")), ("ops.change", D("2.55")), ("ops.change_pct", D("1.40"))}),
    (("(二)政府采购支出情况\n本单位2024年度政府采购金额(以合同签订为准)为251.25万元,其中:货物采购金额4.79万元、"
      "工程采购金额0万元、服务采购金额246.47万元。"),
     {("procurement.total", D("251.25")), ("procurement.goods", D("4.79")), ("procurement.works", D(0)),
      ("procurement.services", D("246.47"))}),
    ("(三)国有资产占有使用情况说明\n截至2024年12月31日,本单位共有车辆0辆,其中:其他用车0辆。单价100万元(含)以上设备(不含车辆)2台(套)。",
     {("assets.vehicles", 0), ("assets.equipment_over_1m", 2)}),
    # Foshan 2019: 财政拨款 named in the sentence, 一般公共预算 before one name, 比年初预算 is no 上年 change
    (("四、财政拨款收入支出决算总体情况说明\n本局2024年度财政拨款收入合计1668.14万元。其中:一般公共预算财政拨款收入1668.14万元;"
      "一般公共预算财政拨款支出1668.14万元,比年初预算数增加1668.14万元,增长0%。"),
     {("fiscal.income_total", D("1668.14")), ("gpb.total", D("1668.14"))}),
])
def test_final_accounts_sentences(sentence: str, expected: set) -> None:
    assert facts(FINAL_HEAD + sentence) >= expected


def test_one_statement_for_both_totals_and_its_change() -> None:
    got = facts(FINAL_HEAD + "一、收入支出决算总体情况说明\n本局2024年度财政拨款收入支出总计0.3万元。与2023年度相比,"
                             "收入支出总计减少56.95万元,下降1.87%。")
    assert {("fiscal.income_total", D("0.3")), ("fiscal.expense_total", D("0.3")),
            ("summary.change", D("-56.95")), ("summary.change_pct", D("-1.87"))} <= got


def test_a_scope_the_key_does_not_have_gives_no_fact() -> None:
    # Jiangsu: 基本支出 of all funds in 三、, of 财政拨款 in 六、 — two statements, never one key for both
    text = BUDGET_HEAD + ("三、支出预算情况说明\n本部门本年支出预算合计13649.07万元,其中:基本支出7666.68万元,占56.17%。\n"
                          "九、一般公共预算基本支出预算表情况说明\n本部门2017年度一般公共预算财政拨款基本支出预算7600.00万元。\n"
                          "六、政府性基金预算支出情况说明\n政府性基金预算基本支出10.00万元。")
    got = facts(text)
    assert ("budget.basic", D("7666.68")) in got
    assert ("budget.basic.pct", D("56.17")) in got
    assert ("budget.gpb_basic", D("7600.00")) in got
    assert not {v for k, v in got if k == "budget.basic"} & {D("7600.00"), D("10.00")}


def test_budget_sentences_with_last_years_figure_and_heading_subjects() -> None:
    text = BUDGET_HEAD + (
        "二、收入预算情况说明\n2026年度收入预算44169.36万元,比2025年年初预算数44021.20万元增加148.16万元,增长0.34%。\n"
        "1.一般公共预算拨款收入44156.64万元。\n"
        "四、财政拨款“三公”经费预算情况说明\n(一)因公出国(境)费用。2026年预算数127.74万元,主要用于交流。\n"
        "(三)公务用车购置和运行维护费。2026年预算数84.42万元,包括公务用车购置费预算44.92万元、公务用车运行维护费预算39.50万元。\n"
        "五、其他情况说明\n截至2025年底,本局共有车辆27台,单位价值100万元以上的设备4台(套)。"
        "2026年预算安排中,购置单位价值100万元以上的设备0台(套)。")
    got = facts(text)
    assert {("budget.income_total", D("44169.36")), ("budget.income_total.change", D("148.16")),
            ("budget.income_total.change_pct", D("0.34")), ("budget.gpb", D("44156.64")),
            ("budget.three.overseas", D("127.74")), ("budget.three.vehicle", D("84.42")),
            ("budget.three.vehicle_purchase", D("44.92")), ("budget.three.vehicle_operation", D("39.50")),
            ("assets.vehicles", 27), ("assets.equipment_over_1m", 4)} <= got
    # last year's 44021.20 is no figure of this year, and a purchase plan is no holding
    assert ("budget.income_total", D("44021.20")) not in got
    assert ("assets.equipment_over_1m", 0) not in got


def test_an_increase_named_before_the_concept_is_not_its_amount() -> None:
    got = facts(BUDGET_HEAD + "一、收支预算总表情况说明\n主要原因是政策性增资等原因,增加基本支出844.15万元。")
    assert not {k for k, _ in got} & {"budget.basic", "budget.expense_total"}


def test_amounts_in_yuan_are_converted_exactly() -> None:
    got = facts(BUDGET_HEAD + "五、其他情况说明\n(二)机关运行经费说明\n本局机关运行经费财政拨款预算2294335.00元。")
    assert ("budget.ops", D("229.4335")) in got


def test_table_figures_keep_their_origin() -> None:
    from budgetdoc.extract.table_facts import read_tables
    from budgetdoc.model import Cell, Row, Source, Table

    def cell(text: str, col: int) -> Cell:
        return Cell(text=text, source=Source(path="t", line=3, column=col, end_line=3, end_column=col + 5,
                                             text=text, offset=100 + col, end_offset=105 + col))

    # 收支总表 of a 部门预算 (label | amount on both sides), and a 支出总表 with one total row
    t1 = Table(name="收支总表", kind="budget.t01_income_expense",
               columns=(("收入", "项目"), ("收入", "预算数"), ("支出", "项目"), ("支出", "预算数")),
               rows=(Row(cells=(cell("一、一般公共预算拨款", 0), cell("36,989.05", 10), cell("一、基本支出", 20),
                                cell("11,024.31", 30))),
                     Row(cells=(cell("收入总计", 40), cell("37,385.88", 50), cell("支出总计", 60),
                                cell("37,385.88", 70)))))
    t3 = Table(name="支出总表", kind="budget.t03_expense",
               columns=(("科目名称",), ("合计",), ("基本支出", "人员支出"), ("基本支出", "日常公用支出"), ("项目支出",)),
               rows=(Row(cells=(cell("合计", 80), cell("99,230.46", 90), cell("58,486.35", 100),
                                cell("12,237.94", 110), cell("28,506.17", 120))),))

    class Ctx:
        kind, year, unit = DocKind.BUDGET, 2026, "某某局"
        tables = (t1, t3)

    got = {(f.key, f.value) for f in read_tables(Ctx, ())}  # type: ignore[arg-type]
    assert got == {("budget.gpb", D("36989.05")), ("budget.basic", D("11024.31")),
                   ("budget.income_total", D("37385.88")), ("budget.expense_total", D("37385.88")),
                   ("budget.expense_total", D("99230.46")), ("budget.personnel", D("58486.35")),
                   ("budget.public", D("12237.94")), ("budget.project", D("28506.17"))}
    assert all(f.source.origin == "table" for f in read_tables(Ctx, ()))  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "kind", "unit", "year"), [
    ("北京市某某局2026年度部门汇总预算\n一、收入预算情况说明\n二、支出预算情况说明\n三、名词解释\n", "budget", "北京市某某局", 2026),
    ("北京市某某中心2026年单位预算\n一、收入预算情况说明\n二、支出预算情况说明\n三、名词解释\n", "budget", "北京市某某中心", 2026),
    # tables only: the year of a table title, not of a date printed before it
    ("截至2024年12月31日资产\n公开01表 2025年部门收支总表\n公开02表 收入总表\n公开03表 支出总表\n编制部门:某某局\n",
     "budget", "某某局", 2025),
])
def test_identity_of_other_titles(text: str, kind: str, unit: str, year: int) -> None:
    doc = parse_raw(RawDocument(path="t.txt", text=text, format="txt"))
    assert (doc.kind.value, doc.unit, doc.year) == (kind, unit, year)


def test_a_longer_word_that_ends_in_a_name_is_not_that_concept() -> None:
    # Shenzhen 2026: 在职人员经费 beside 对个人和家庭的补助支出; neither is the 人员经费 of the basic split
    got = facts(BUDGET_HEAD + "三、支出预算情况说明\n本局预算37,385.88万元,包括在职人员经费8,009.83万元、公用经费1,466.93万元、"
                              "对个人和家庭的补助支出1,066.96万元。")
    assert "budget.personnel" not in {k for k, _ in got}
    assert ("budget.public", D("1466.93")) in got
