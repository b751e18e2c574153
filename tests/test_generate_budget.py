"""部门预算 generation: parse(generate(budget facts)) == derive_budget(facts), in sample 001's layout."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from budgetdoc.check import check
from budgetdoc.cli import app
from budgetdoc.demo.budgets import budget_fact_set
from budgetdoc.demo.units import UNITS, random_fact_set
from budgetdoc.errors import UsageError
from budgetdoc.generate import generate, read_input
from budgetdoc.generate.budget import derive_budget, generate_budget, is_budget
from budgetdoc.generate.gate import parse_text
from budgetdoc.generate.inputs import FactSet
from budgetdoc.model import DocKind, Severity
from budgetdoc.pipeline import load
from tests.test_generate_roundtrip import assert_round_trip

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "示例县农业农村局_2025_预算.yaml"


@pytest.fixture(scope="module")
def example() -> FactSet:
    return read_input(EXAMPLE)


def test_example_derives_the_totals(example: FactSet) -> None:
    f = derive_budget(example.facts)
    assert is_budget(example.facts)
    # 基本支出 612.40 + 86.52 + 51.90; 项目 146.00 + 320.00; 单位资金 35.00 spent on 行政运行's projects
    assert f["budget.gpb_basic"] == Decimal("750.82")
    assert f["budget.gpb_project"] == Decimal("466.00")
    assert f["budget.gpb"] == Decimal("1216.82")
    assert f["budget.income_total"] == f["budget.expense_total"] == Decimal("1251.82")
    assert f["budget.project"] == Decimal("501.00")
    assert f["budget.function[213]"] == Decimal("1113.40")
    assert f["budget.gpb_item[农林水支出/农业农村/农田建设]"] == Decimal("320.00")
    # 320.00 − 120.00 = 200.00 last year: +60.00%
    assert f["budget.gpb_item[农林水支出/农业农村/农田建设].change_pct"] == Decimal("60.00")
    assert f["budget.three.total"] == Decimal("8.30")
    assert f["budget.procurement.total"] == Decimal("388.60")
    assert f["budget.public"] == f["budget.ops"] == Decimal("82.52")


def test_example_round_trips_and_checks_clean(example: FactSet) -> None:
    text = str(generate(example, "txt"))
    doc = parse_text(text)
    assert doc.kind is DocKind.BUDGET and doc.unit == "示例县农业农村局" and doc.year == 2025
    assert [t.number for t in doc.tables] == [f"表{n}" for n in range(1, 12)]
    assert_round_trip(doc, derive_budget(example.facts))
    assert [f for f in check(doc).findings if f.severity is not Severity.INFO] == []
    assert "第一部分 2025 年示例县农业农村局部门概况" in text and "第四部分 名词解释" in text
    assert "项目支出 501.00 万元，占 40.02%，比上年预算增加 171.00 万元，增长 51.82%" in text


def test_generating_twice_is_identical(example: FactSet) -> None:
    for fmt in ("txt", "md"):
        assert generate(example, fmt) == generate(read_input(EXAMPLE), fmt)


def test_markdown_marks_headings_and_keeps_tables_verbatim(example: FactSet) -> None:
    md = str(generate(example, "md"))
    assert "## 第二部分 2025 年部门预算公开表" in md
    assert "### 十、 关于示例县农业农村局 2025 年财政拨款“三公”经费预算情况说明" in md
    assert md.count("```text") == 11
    assert "213 01 35 农田建设 320.00 0.00 320.00" in md


def test_budget_refuses_formats_it_cannot_write(example: FactSet) -> None:
    with pytest.raises(UsageError, match="不支持的输出格式"):
        generate(example, "html")
    with pytest.raises(UsageError, match="txt、md、docx 或 pdf"):
        generate_budget(example, "html")


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_example_round_trips_through_published_formats(example: FactSet, fmt: str, tmp_path: Path) -> None:
    pytest.importorskip(f"budgetdoc.read.{fmt}")
    data = generate(example, fmt)
    assert data == generate(read_input(EXAMPLE), fmt)  # identical bytes on every run
    path = tmp_path / f"预算.{fmt}"
    path.write_bytes(data)  # type: ignore[arg-type]
    doc = load(path)
    assert [t.kind for t in doc.tables][:3] == ["budget.t01_income_expense", "budget.t02_income", "budget.t03_expense"]
    assert_round_trip(doc, derive_budget(example.facts))


# derandomize and few examples: a docx/pdf example takes a second or more (see test_generate_roundtrip.py).
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False), unit=st.sampled_from(UNITS), year=st.integers(2019, 2025))
def test_random_budgets_round_trip_through_published_formats(
    fmt: str, rng: random.Random, unit: tuple[str, str], year: int, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    pytest.importorskip(f"budgetdoc.read.{fmt}")
    fs = budget_fact_set(rng, random_fact_set(rng, unit[0], year, unit[1], allow_new=False))
    path = tmp_path_factory.mktemp(fmt) / f"预算.{fmt}"
    path.write_bytes(generate(fs, fmt))  # type: ignore[arg-type]
    assert_round_trip(load(path), derive_budget(fs.facts))


def test_missing_base_figures_are_named(example: FactSet) -> None:
    facts = {k: v for k, v in example.facts.items() if k != "budget.personnel"
             and not k.startswith("budget.item[住房保障支出/住房改革支出/住房公积金].code")}
    with pytest.raises(UsageError) as info:
        derive_budget(facts)
    assert "budget.personnel" in str(info.value) and "住房公积金].code" in str(info.value)


def test_a_code_that_is_not_a_seven_digit_item_is_refused(example: FactSet) -> None:
    facts = dict(example.facts)
    facts["budget.item[住房保障支出/住房改革支出/住房公积金].code"] = "22102"
    with pytest.raises(UsageError, match="7 位项级编码"):
        derive_budget(facts)


def test_cli_writes_a_budget(tmp_path: Path) -> None:
    out = tmp_path / "预算.txt"
    result = CliRunner().invoke(app, ["generate", str(EXAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == generate(read_input(EXAMPLE), "txt")
    result = CliRunner().invoke(app, ["generate", str(EXAMPLE), "-o", str(tmp_path / "预算.html")])
    assert isinstance(result.exception, UsageError) and result.exception.exit_code == 4
    assert not (tmp_path / "预算.html").exists()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False), unit=st.sampled_from(UNITS), year=st.integers(2019, 2025))
def test_random_budget_fact_sets_round_trip(rng: random.Random, unit: tuple[str, str], year: int) -> None:
    final = random_fact_set(rng, unit[0], year, unit[1], allow_new=False)
    fs = budget_fact_set(rng, final)
    doc = parse_text(str(generate(fs, "txt")))
    assert_round_trip(doc, derive_budget(fs.facts))
    assert [f.rule for f in check(doc).findings if f.severity is Severity.ERROR] == []
