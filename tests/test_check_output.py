"""Report formats, the check/rules commands and docs/checks.md against the catalogue."""

from __future__ import annotations

import json
import re
from pathlib import Path

from check_synthetic import CLEAN_FINAL, make_doc
from conftest import ROOT, SAMPLE_FILES
from decimal import Decimal
from openpyxl import load_workbook
from typer.testing import CliRunner

from budgetdoc.check import check
from budgetdoc.check.catalog import CATALOG
from budgetdoc.check.render import to_html, to_json, to_text, to_xlsx
from budgetdoc.cli import app

runner = CliRunner()


def _broken():
    doc = make_doc({**CLEAN_FINAL, "summary.income_total": Decimal("3039.63"),
                    "summary.expense_total": Decimal("3039.63")})
    return [(doc, check(doc))]


def test_json_shape():
    data = json.loads(to_json(_broken()))
    doc = data["documents"][0]
    assert {"path", "kind", "unit", "year", "findings", "deferred"} <= set(doc)
    finding = next(f for f in doc["findings"] if f["rule"] == "arithmetic.income-total")
    assert set(finding) == {"rule", "severity", "message", "expected", "actual", "keys", "sources"}
    assert finding["severity"] == "error" and finding["keys"][0] == "summary.income_total"
    assert {"line", "column", "end_line", "end_column"} <= set(finding["sources"][0])
    assert finding["sources"][0]["line"] == 18  # after the 17 section heading lines


def test_text_groups_by_section_and_quotes_lines():
    text = to_text(_broken())
    assert "错误 [arithmetic.income-total]" in text
    assert "│ summary.income_total：3039.63" in text


def test_xlsx_has_findings_and_summary(tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(to_xlsx(_broken()))
    book = load_workbook(path)
    assert book.sheetnames == ["问题清单", "汇总"]
    rows = list(book["问题清单"].iter_rows(values_only=True))
    assert rows[0][4] == "规则" and any(r[4] == "arithmetic.income-total" for r in rows[1:])
    summary = list(book["汇总"].iter_rows(values_only=True))
    assert summary[1][4] >= 2  # errors: income-total and the balance


def test_html_highlights_figures_in_the_document_text():
    page = to_html(_broken())
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    mark = re.search(r'<mark id="(d0o\d+)" class="error"[^>]*><a href="#(d0f\d+)">3039.63</a></mark>', page)
    assert mark
    assert f'id="{mark.group(2)}"' in page and f'href="#{mark.group(1)}"' in page  # list ⇄ text links


def test_cli_check_exit_codes_and_formats(tmp_path):
    sample = str(SAMPLE_FILES["002"])
    result = runner.invoke(app, ["check", sample, "--format", "json"])
    assert result.exit_code == 1  # the verified 579.64 error
    assert json.loads(result.stdout)["documents"][0]["unit"] == "昌吉回族自治州政务服务和公共资源交易中心"
    clean = runner.invoke(app, ["check", str(SAMPLE_FILES["000"])])
    assert clean.exit_code == 0, clean.stdout
    assert runner.invoke(app, ["check", str(SAMPLE_FILES["004"]), "--fail-on", "warning"]).exit_code == 1
    out = tmp_path / "r.html"
    assert runner.invoke(app, ["check", sample, "--format", "html", "-o", str(out), "--ignore",
                               "consistency"]).exit_code == 0
    assert "<mark" in out.read_text(encoding="utf-8")


def test_cli_bad_input(tmp_path):
    missing = runner.invoke(app, ["check", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2
    other = tmp_path / "other.txt"
    other.write_text("今天天气很好，我们去公园散步。\n" * 20, encoding="utf-8")
    assert runner.invoke(app, ["check", str(other)]).exit_code == 3
    assert runner.invoke(app, ["check", str(SAMPLE_FILES["000"]), "--select", "no.such"]).exit_code == 4
    assert runner.invoke(app, ["check", str(SAMPLE_FILES["000"]), "--format", "xlsx"]).exit_code == 4
    unwritable = runner.invoke(app, ["check", str(SAMPLE_FILES["000"]), "-o", str(tmp_path / "no" / "r.txt")])
    assert unwritable.exit_code == 4 and not (tmp_path / "no").exists()


def test_rules_command_lists_catalogue():
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    for rule in CATALOG:
        assert rule.code in result.stdout


def test_docs_document_every_rule_and_nothing_else():
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    documented = re.findall(r"^### (\S+)\s*$", text, flags=re.M)
    assert sorted(documented) == sorted(r.code for r in CATALOG)
    for rule in CATALOG:
        assert rule.title in text


def test_cross_document_rules_run_for_files_of_one_unit(tmp_path):
    last = tmp_path / "last.txt"
    text = Path(SAMPLE_FILES["000"]).read_text(encoding="utf-8").replace("2023 年度部门决算", "2022 年度部门决算", 1)
    last.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(SAMPLE_FILES["000"]), str(last), "--format", "json",
                                 "--select", "cross"])
    data = json.loads(result.stdout)
    years = {d["year"] for d in data["documents"]}
    assert years == {2022, 2023}
    # Same figures both years while the text says they changed: 比上年增加 218.72 is now contradicted.
    this_year = next(d for d in data["documents"] if d["year"] == 2023)
    assert any(f["rule"] == "cross.previous-year" and f["severity"] == "error" for f in this_year["findings"])
