"""``budgetdoc tables`` and ``budgetdoc parse`` on the budget sample."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from budgetdoc.cli import app
from budgetdoc.errors import UnreadableError, UsageError
from budgetdoc.model import Cell, Row, Table
from budgetdoc.tables.export import csv_text, table_dict
from tests.conftest import SAMPLE_FILES

SAMPLE = str(SAMPLE_FILES["001"])


def test_tables_json_has_all_eleven_tables_with_codes() -> None:
    result = CliRunner().invoke(app, ["tables", SAMPLE, "--format", "json"])
    assert result.exit_code == 0, result.output
    tables = json.loads(result.output)
    assert [t["number"] for t in tables] == [f"表{i}" for i in range(1, 12)]
    t3 = tables[2]
    row = next(r for r in t3["rows"] if r["code"] == "2010603")
    assert (row["level"], row["parent"]) == ("项", "20106")
    assert [c["text"] for c in row["cells"]] == ["201 06 03", "机关服务", "1,814.65", "389.89", "1,424.76"]
    assert row["cells"][4]["source"]["line"] == 438


def test_tables_xlsx_and_csv_files(tmp_path: Path) -> None:
    runner = CliRunner()
    xlsx, out_csv = tmp_path / "t.xlsx", tmp_path / "t.csv"
    assert runner.invoke(app, ["tables", SAMPLE, "-f", "xlsx", "-o", str(xlsx)]).exit_code == 0
    book = load_workbook(xlsx)
    assert book.sheetnames == [f"表{i}" for i in range(1, 12)]
    sheet = book["表6"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[1][:6] == ["编码", "级次", "上级编码", "经济分类科目编码", "经济分类科目名称", "一般公共预算基本支出/合计"]
    assert ["30101", "款", "301", "301 01", "基本工资", "1,621.35", "1,621.35", None] in rows
    assert runner.invoke(app, ["tables", SAMPLE, "-f", "csv", "-o", str(out_csv)]).exit_code == 0
    lines = list(csv.reader(out_csv.read_text(encoding="utf-8-sig").splitlines()))
    assert lines[0][0] == "表1 部门收支总体情况表"
    assert ["2010699", "项", "20106", "201 06 99", "其他财政事务支出", "2,424.63", "", "2,424.63"] in lines


def test_tables_bad_usage_and_bad_file_raise_the_library_errors(tmp_path: Path) -> None:
    # main() turns these into one stderr line and their exit code (tested for every command in test_read)
    runner = CliRunner()
    result = runner.invoke(app, ["tables", SAMPLE, "-f", "csv"])
    assert isinstance(result.exception, UsageError) and result.exception.exit_code == 4
    assert "-o" in str(result.exception)
    result = runner.invoke(app, ["tables", str(tmp_path / "无.txt")])
    assert isinstance(result.exception, UnreadableError) and "无.txt" in str(result.exception)
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_export_works_for_reader_tables_without_layout() -> None:
    # a table as a PDF/DOCX reader builds it: no kind, no column paths, plain cells
    table = Table(name="某表", rows=(Row(cells=(Cell(text="合计"), Cell(text="1.00"))),))
    assert table_dict(table)["rows"][0]["cells"][1]["text"] == "1.00"
    assert "列1,列2" in csv_text([table])


def test_parse_json_carries_budget_facts_with_sources() -> None:
    result = CliRunner().invoke(app, ["parse", SAMPLE, "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["document"]["kind"] == "budget"
    facts = {f["key"]: f for f in data["facts"]}
    fact = facts["budget.project_desc[国库业务管理].allocation[财政核心一体化系统年维护项目]"]
    assert fact["value"] == "200.00" and fact["source"]["text"] == "200.00" and fact["source"]["line"] == 1249
