"""DOCX, XLSX and HTML readers on files generated here (python-docx, openpyxl, plain HTML strings)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest

from budgetdoc.amounts import parse_amount
from budgetdoc.errors import UnreadableError
from budgetdoc.model import DocKind
from budgetdoc.pipeline import load
from budgetdoc.read import read

TITLE = "某某县财政局2024年度部门决算"
PARAGRAPHS = [
    TITLE,
    "第一部分 单位概况",
    "一、主要职能",
    "负责全县财政收支管理。",
    "第二部分 2024年度部门决算情况说明",
    "一、收入支出决算总体情况说明",
    "2024年度收入总计1,234.56万元，支出总计1,234.56万元。",
    "二、收入决算情况说明",
    "本年收入合计1,200.00万元。",
    "三、支出决算情况说明",
    "本年支出合计1,100.00万元。",
    "支出决算表",
    "单位：万元",
]
HEADER = [["项目", "项目", "本年支出合计", "基本支出", "项目支出"],
          ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"]]
BODY = [["201", "一般公共服务支出", "1,100.00", "900.00", "200.00"],
        ["20106", "财政事务", "1,100.00", "900.00", "200.00"],
        ["2010601", "行政运行", "900.00", "900.00", ""]]


def _docx(path: Path) -> Path:
    document = docx.Document()
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    table = document.add_table(rows=len(HEADER) + len(BODY), cols=5)
    for r, row in enumerate(HEADER + BODY):
        for c, text in enumerate(row):
            if r < len(HEADER) and text == (HEADER[r][c - 1] if c else None):
                continue
            if r == 1 and text == HEADER[0][c]:
                continue
            table.cell(r, c).text = text
    # merged header cells as Word stores them: 项目 over two columns, the amount headers over two rows
    table.cell(0, 0).merge(table.cell(0, 1))
    for c in (2, 3, 4):
        table.cell(0, c).merge(table.cell(1, c))
    document.add_paragraph("四、财政拨款收入支出决算总体情况说明")
    document.save(path)
    return path


def test_docx_paragraphs_tables_and_merged_headers(tmp_path: Path) -> None:
    raw = read(_docx(tmp_path / "决算.docx"))
    assert raw.format == "docx"
    lines = raw.text.split("\n")
    assert lines[0] == TITLE
    assert lines[-1] == "四、财政拨款收入支出决算总体情况说明"
    assert len(raw.tables) == 1
    table = raw.tables[0]
    assert table.name == "支出决算表"
    assert table.kind == "final.t03_expense"
    assert table.columns[0] == ("项目", "科目编码")
    assert table.columns[1] == ("项目", "科目名称")
    assert table.columns[3] == ("基本支出",)
    assert [r.code for r in table.rows] == ["201", "20106", "2010601"]
    assert [r.level for r in table.rows] == ["类", "款", "项"]
    assert table.rows[2].parent == "20106"
    assert [c.text for c in table.rows[2].cells] == BODY[2]
    cell = table.rows[1].cells[2]
    assert (cell.source.table, cell.source.row, cell.source.col) == (0, 3, 2)
    assert raw.text.split("\n")[cell.source.line - 1] == "1,100.00"


def test_docx_through_the_pipeline(tmp_path: Path) -> None:
    doc = load(_docx(tmp_path / "决算.docx"))
    assert doc.kind is DocKind.FINAL_ACCOUNTS
    assert doc.unit == "某某县财政局"
    assert doc.year == 2024
    assert doc.meta["format"] == "docx"
    assert any(t.kind == "final.t03_expense" for t in doc.tables)


def _xlsx(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "公开03表"
    sheet.append(["公开03表 支出决算表"])
    sheet.append(["单位：元"])
    for row in HEADER[1:] + BODY:
        sheet.append(row)
    sheet.append(["合计", "", "11,000,000.123456", "", ""])
    second = workbook.create_sheet("说明")
    second.append(["某某县财政局2024年度部门决算"])
    workbook.save(path)
    return path


def test_xlsx_sheet_as_table_with_unit(tmp_path: Path) -> None:
    raw = read(_xlsx(tmp_path / "决算表.xlsx"))
    assert raw.format == "xlsx"
    assert raw.text.split("\n")[:2] == ["公开03表 支出决算表", "单位：元"]
    assert raw.text.split("\n")[-1] == "某某县财政局2024年度部门决算"
    table = raw.tables[0]
    assert (table.number, table.name, table.kind, table.unit) == ("公开03表", "支出决算表", "final.t03_expense", "元")
    assert [r.code for r in table.rows] == ["201", "20106", "2010601", ""]
    total = table.rows[-1].cells[2]
    # 元 with six decimals: the printed digits are all kept, and convert exactly to 万元
    assert total.text == "11,000,000.123456"
    assert parse_amount(total.text) / 10000 == Decimal("1100.0000123456")
    assert (total.source.table, total.source.row, total.source.col) == (0, 4, 2)


def test_html_portal_page(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in BODY)
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page.write_text(
        "<!DOCTYPE html><html><head><title>x</title><script>var a=1;</script></head><body>"
        "<nav>首页 | 信息公开</nav>" + body +
        '<table><tr><th colspan="2">项目</th><th rowspan="2">本年支出合计</th><th rowspan="2">基本支出</th>'
        '<th rowspan="2">项目支出</th></tr><tr><th>科目编码</th><th>科目名称</th></tr>' + rows +
        "</table><p>四、财政拨款收入支出决算总体情况说明</p></body></html>",
        encoding="utf-8",
    )
    raw = read(page)
    assert raw.format == "html"
    lines = raw.text.split("\n")
    assert lines[0] == TITLE
    assert "首页 | 信息公开" not in lines and "var a=1;" not in raw.text
    table = raw.tables[0]
    assert table.columns[1] == ("项目", "科目名称")
    assert table.columns[2] == ("本年支出合计",)
    assert [c.text for c in table.rows[0].cells] == BODY[0]
    doc = load(page)
    assert (doc.kind, doc.unit, doc.year) == (DocKind.FINAL_ACCOUNTS, "某某县财政局", 2024)


def test_docx_that_is_not_word(tmp_path: Path) -> None:
    fake = tmp_path / "报告.docx"
    fake.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(UnreadableError, match="报告.docx: 不是有效的 Word|报告.docx: 不支持"):
        read(fake)
    text = tmp_path / "说明.docx"
    text.write_text("这是一段文字，不是 Word 文件。", encoding="utf-8")
    with pytest.raises(UnreadableError, match="不是有效的 Word"):
        read(text)
