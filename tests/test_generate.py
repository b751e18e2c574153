"""budgetdoc generate: derived figures, the template's phrasing, the four formats, the gate and the CLI."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from budgetdoc.cli import app
from budgetdoc.errors import UnreadableError, UsageError
from budgetdoc.generate import derive, generate, read_input
from budgetdoc.generate.derive import change_pct, deviation_pct, pct
from budgetdoc.generate.inputs import fact_set, write_workbook
from tests.conftest import SAMPLE_FILES

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "示例县农业技术推广站_2024.yaml"
runner = CliRunner()


@pytest.fixture
def example_data() -> dict:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def test_rounding_follows_the_samples() -> None:
    # Sample 003: 收入总计 1,787.23 after 减少 191.15 prints 下降 9.66%; 财政拨款收入 1,693.16 of 1,741.71 is 97.21%;
    # 年初预算 1,753.38 against 决算 1,693.16 is 预决算差异率 -3.43%.
    assert change_pct(Decimal("1787.23"), Decimal("-191.15")) == Decimal("-9.66")
    assert pct(Decimal("1693.16"), Decimal("1741.71")) == Decimal("97.21")
    assert deviation_pct(Decimal("1753.38"), Decimal("1693.16")) == Decimal("-3.43")
    # A rate ending in 5 at the third decimal rounds half up: 1 / 8 = 12.5% → 0.125 → 12.50; 1/16 → 6.25.
    assert pct(Decimal("1"), Decimal("16")) == Decimal("6.25")
    assert pct(Decimal("0.01"), Decimal("0.08")) == Decimal("12.50")
    assert pct(Decimal("1"), Decimal("0")) == Decimal("0.00")
    assert change_pct(Decimal("9.46"), Decimal("9.46")) is None  # new this year: no rate exists
    assert change_pct(Decimal("0.00"), Decimal("0.00")) == Decimal("0.00")


def test_derived_figures_of_the_example() -> None:
    facts = derive(read_input(EXAMPLE).facts)
    # Hand-computed from the example's base figures.
    assert facts["summary.income_current"] == Decimal("1552.46")  # 1,520.36 + 32.10
    assert facts["summary.income_total"] == Decimal("1580.86")  # + 28.40 年初结转
    assert facts["summary.expense_carryover_end"] == Decimal("42.49")  # 1,580.86 − 1,538.37
    assert facts["summary.change_pct"] == Decimal("5.79")  # 86.50 / 1,494.36
    assert facts["gpb.total"] == Decimal("1520.36")
    assert facts["gpb.category[农林水支出]"] == Decimal("1077.56")
    assert facts["gpb.category[农林水支出].pct"] == Decimal("70.88")
    assert facts["gpb.item[农林水支出/农业农村/行政运行].change_pct"] == Decimal("-3.19")  # −20.15 / 632.55
    assert facts["three.total"] == Decimal("14.21")
    assert facts["three.change"] == Decimal("-0.85")  # 0.00 − 1.20 + 0.35
    assert facts["three.deviation_pct"] == Decimal("-5.27")  # (14.21 − 15.00) / 15.00
    assert facts["ops.total"] == facts["basic.public"] == Decimal("118.05")
    assert facts["procurement.total"] == Decimal("148.70")
    assert facts["staff.total"] == 59
    assert facts["org.divisions"] == 4


def test_perf_tables_are_derived_and_attached() -> None:
    facts = derive(read_input(EXAMPLE).facts)
    # 基层农技人员培训: 26.35 of 40.00 executed → 执行率 65.88%, 得分 10 × 0.6588 = 6.59, 总分 6.59 + 45 + 45.
    assert facts["perf.table[基层农技人员培训].execution_rate"] == Decimal("65.88")
    assert facts["perf.table[基层农技人员培训].execution_score"] == Decimal("6.59")
    assert facts["perf.table[基层农技人员培训].total_score"] == Decimal("96.59")
    # Section 十一's counts and totals are the attached tables': two projects, 380.00 + 40.00.
    assert (facts["perf.projects"], facts["perf.projects_budget"], facts["perf.projects_executed"]) == (
        2, Decimal("420.00"), Decimal("406.35"))
    assert facts["perf.overall_budget"] == facts["perf.table[整体].budget_full"] == Decimal("1580.86")
    text = str(generate(EXAMPLE, "txt"))
    assert "\t项目支出绩效自评表\n\n\t（2024年度）\n" in text
    assert "\t年度资金总额\n\t40.00\n\t40.00\n\t26.35\n\t10\n\t65.88%\n\t6.59\n" in text


def test_text_uses_the_national_phrasing() -> None:
    text = str(generate(EXAMPLE, "txt"))
    lines = text.splitlines()
    assert lines[0] == "示例县农业技术推广站2024年度部门决算"
    parts = [line for line in lines if re.match(r"^第[一二三四]部分", line)]
    assert parts == ["第一部分 单位概况", "第二部分 部门决算情况说明", "第三部分 专业名词解释", "第四部分 部门决算报表（见附表）"]
    assert "收入支出总体与上年相比，增加86.50万元，增长5.79%，主要原因是：本年新增高标准农田技术服务项目" in text
    assert "比上年决算减少20.15万元，下降3.19%，主要原因是：本年在职人员减少2人" in text
    assert "政府性基金预算财政拨款收入支出决算表为空表。" in text
    assert "公务用车购置数0辆，公务用车保有量3辆。" in text
    assert "单位全年安排的国内公务接待6批次，41人次。" in text
    assert lines[-1] == "九、《财政拨款“三公”经费支出决算表》"


def test_text_reads_like_the_real_sample() -> None:
    # The generator's fixed phrases are the ones sample 003 prints: a phrase we invented would not be
    # read back by an extractor written against the samples.
    sample = SAMPLE_FILES["003"].read_text(encoding="utf-8")
    text = str(generate(EXAMPLE, "txt"))
    for phrase in ("使用非财政拨款结余（含专用结余）", "年初财政拨款结转和结余", "占本年支出合计的", "预决算差异率",
                   "与全年预算相比，财政拨款“三公”经费支出全年预算数", "国有资产占用情况中固定资产车辆",
                   "授予中小企业合同金额", "单价100万元（含）以上设备（不含车辆）", "整体支出绩效自评表"):
        assert phrase in sample
        assert phrase in text


@pytest.mark.parametrize("fmt", ["md", "txt", "docx", "pdf"])
def test_generating_twice_gives_identical_output(fmt: str) -> None:
    assert generate(EXAMPLE, fmt) == generate(EXAMPLE, fmt)


def test_docx_has_the_tables_as_real_tables() -> None:
    from docx import Document as open_docx

    doc = open_docx(io.BytesIO(generate(EXAMPLE, "docx")))  # type: ignore[arg-type]
    assert len(doc.tables) == 3 + 9  # the 整体 and two project 自评表 in section 十一, then the nine tables
    project = doc.tables[1]
    assert [c.text for c in project.rows[0].cells[:4]] == ["项目名称", "高标准农田技术服务", "实施单位", "示例县农业技术推广站"]
    three = doc.tables[-1]
    assert [c.text for c in three.rows[0].cells] == ["项目", "全年预算数", "决算数"]
    assert [c.text for c in three.rows[1].cells] == ["合计", "15.00", "14.21"]
    with zipfile.ZipFile(io.BytesIO(generate(EXAMPLE, "docx"))) as package:  # type: ignore[arg-type]
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_pdf_embeds_a_cjk_font_and_has_a_text_layer() -> None:
    import pdfplumber

    data = generate(EXAMPLE, "pdf")
    assert isinstance(data, bytes)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        first = pdf.pages[0].extract_text()
        fonts = {c["fontname"] for c in pdf.pages[0].chars}
        tables = sum(len(page.find_tables()) for page in pdf.pages)
    assert first.startswith("示例县农业技术推广站2024年度部门决算")
    assert any("WenQuanYi" in f for f in fonts)
    assert tables >= 9


def test_markdown_marks_headings_and_tables() -> None:
    md = str(generate(EXAMPLE, "md"))
    assert md.startswith("# 示例县农业技术推广站2024年度部门决算公开说明")
    assert "\n## 第二部分 部门决算情况说明\n" in md
    assert "\n#### （一）一般公共预算财政拨款支出决算总体情况\n" in md
    assert "| 合计 | 15.00 | 14.21 |" in md


def test_missing_base_figures_are_named(example_data: dict) -> None:
    del example_data["facts"]["income.fiscal"]
    del example_data["facts"]["gpb.item[卫生健康支出/行政事业单位医疗/行政单位医疗].change"]
    with pytest.raises(UsageError, match=r"income\.fiscal.*行政单位医疗\]\.change"):
        generate(example_data, "txt")


def test_bad_inputs_are_one_line_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("facts: [unclosed", encoding="utf-8")
    with pytest.raises(UnreadableError, match="broken.yaml"):
        read_input(broken)
    with pytest.raises(UnreadableError, match="文件不存在"):
        read_input(tmp_path / "absent.yaml")
    (tmp_path / "empty.yaml").write_text("\n", encoding="utf-8")
    with pytest.raises(UnreadableError, match="文件为空"):
        read_input(tmp_path / "empty.yaml")
    with pytest.raises(UnreadableError, match="目录"):
        read_input(tmp_path)
    with pytest.raises(UsageError, match="facts"):
        fact_set({"reasons": {}})
    with pytest.raises(UsageError, match="pdf"):
        generate(EXAMPLE, "rtf")


def test_excel_workbook_input_gives_the_same_document(tmp_path: Path) -> None:
    fs = read_input(EXAMPLE)
    book = tmp_path / "基础数据.xlsx"
    write_workbook(fs, book)
    again = read_input(book)
    assert derive(again.facts) == derive(fs.facts)
    assert generate(again, "txt") == generate(fs, "txt")


def test_cli_writes_each_format(tmp_path: Path) -> None:
    for suffix in ("md", "txt", "docx", "pdf"):
        out = tmp_path / f"公开说明.{suffix}"
        result = runner.invoke(app, ["generate", str(EXAMPLE), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_bytes() == (lambda d: d.encode() if isinstance(d, str) else d)(generate(EXAMPLE, suffix))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"公开说明.{s}" for s in ("md", "txt", "docx", "pdf"))


def test_cli_refuses_input_that_fails_checks_unless_forced(tmp_path: Path, example_data: dict) -> None:
    # 授予小微企业合同金额 above 授予中小企业合同金额: small and micro firms are a subset of SMEs.
    example_data["facts"]["procurement.small_micro"] = 140.00
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(example_data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out.txt"
    refused = runner.invoke(app, ["generate", str(bad), "-o", str(out)])
    assert refused.exit_code == 1
    assert "140.00" in refused.output and "未生成" in refused.output
    assert not out.exists()
    forced = runner.invoke(app, ["generate", str(bad), "-o", str(out), "--force"])
    assert forced.exit_code == 0
    assert "授予小微企业合同金额140.00万元" in out.read_text(encoding="utf-8")


def test_cli_usage_errors(tmp_path: Path) -> None:
    unknown = runner.invoke(app, ["generate", str(EXAMPLE), "-o", str(tmp_path / "out.rtf")])
    assert isinstance(unknown.exception, UsageError)
    missing = runner.invoke(app, ["generate", str(tmp_path / "absent.yaml"), "-o", str(tmp_path / "o.txt")])
    assert isinstance(missing.exception, UnreadableError)
    assert list(tmp_path.iterdir()) == []


def test_nine_table_workbook_reads_back_to_the_same_document(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from budgetdoc.generate.workbook import write_tables_workbook

    fs = read_input(EXAMPLE)
    book = tmp_path / "决算报表.xlsx"
    write_tables_workbook(fs, book)
    sheets = load_workbook(book).sheetnames
    assert sheets[:9] == ["表1 收入支出决算总表", "表2 收入决算表", "表3 支出决算表", "表4 财政拨款收入支出决算总表",
                          "表5 一般公共预算财政拨款支出决算表", "表6 一般公共预算财政拨款基本支出决算表",
                          "表7 政府性基金预算财政拨款收入支出决算表", "表8 国有资本经营预算财政拨款收入支出决算表",
                          "表9 财政拨款“三公”经费支出决算表"]
    t5 = [[c.value for c in row] for row in load_workbook(book)["表5 一般公共预算财政拨款支出决算表"].iter_rows()]
    assert ["　农业农村 — 行政运行", "612.40"] in t5
    again = read_input(book)
    assert derive(again.facts) == derive(fs.facts)
    assert generate(again, "txt") == generate(fs, "txt")
