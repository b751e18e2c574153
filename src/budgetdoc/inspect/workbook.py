"""The campaign as an Excel workbook: 检查结果表, 单位汇总 (with a chart of the scores), 评分说明."""

from __future__ import annotations

import io
from typing import Any

RESULT_COLUMNS = (("no", "序号"), ("unit", "单位"), ("document", "文档"), ("year", "年度"), ("type", "问题类型"),
                  ("description", "问题描述"), ("page", "页码"), ("snippet", "原文"), ("expected", "应为"),
                  ("actual", "实为"), ("rule", "规则"), ("severity", "级别"), ("line", "行"), ("items", "涉及项目"))
"""检查结果表 columns: the eleven inspections use, then 级别, 行 and the Chinese names of the figures."""
UNIT_COLUMNS = ("序号", "单位", "部门预算年度", "部门决算年度", "文档数", "完整性", "错误", "警告", "得分", "等级",
                "扣分说明")


def _years(years: list[int]) -> str:
    return "、".join(str(y) for y in years) or "未找到"


def workbook_bytes(result: dict[str, Any]) -> bytes:
    """The .xlsx content of a campaign (``campaign()``'s result)."""
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.chart import BarChart, Reference  # noqa: PLC0415
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    sheet.title = "检查结果表"
    sheet.append([title for _, title in RESULT_COLUMNS])
    for row in result["rows"]:
        sheet.append([row.get(name) for name, _ in RESULT_COLUMNS])
    units = book.create_sheet("单位汇总")
    units.append(list(UNIT_COLUMNS))
    for n, u in enumerate(result["units"], 1):
        units.append([n, u["unit"], _years(u["budget_years"]), _years(u["final_years"]), len(u["documents"]),
                      "齐全" if u["complete"] else "；".join(u["completeness"]), u["error"], u["warning"],
                      u["score"], u["grade"], "；".join(u["deductions"]) or "无扣分"])
    if result["units"]:
        chart = BarChart()
        chart.type = "bar"
        chart.title = "各单位得分"
        chart.y_axis.title = "得分"
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
        count = len(result["units"])
        chart.add_data(Reference(units, min_col=9, min_row=1, max_row=count + 1), titles_from_data=True)
        chart.set_categories(Reference(units, min_col=2, min_row=2, max_row=count + 1))
        chart.height, chart.width = max(7.5, 0.6 * count + 3), 18
        units.add_chart(chart, f"A{count + 4}")
    rules = book.create_sheet("评分说明")
    for line in result["scoring"]:
        rules.append([line])
    summary = result["summary"]
    rules.append([])
    rules.append([f"单位 {summary['units']} 个，文档 {summary['documents']} 个，问题 {summary['findings']} 个"
                  f"（错误 {summary['errors']}、警告 {summary['warnings']}），平均得分 {summary['average_score']}。"])
    for ws in (sheet, units):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKLMN", (6, 26, 30, 8, 14, 60, 6, 30, 14, 14, 34, 6, 6, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    for letter, width in zip("ABCDEFGHIJK", (6, 30, 14, 14, 8, 30, 6, 6, 6, 6, 60), strict=True):
        units.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        row[5].alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
