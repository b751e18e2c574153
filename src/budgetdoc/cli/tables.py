"""``budgetdoc tables``: re-draw every table a document holds, with codes and levels."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from budgetdoc.cli.app import app, console
from budgetdoc.errors import UsageError


class TablesFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@app.command()
def tables(
    file: Annotated[Path, typer.Argument(help="公开说明文件（.txt/.pdf/.docx/.xlsx/.html）")],
    fmt: Annotated[TablesFormat, typer.Option("--format", "-f", help="输出格式")] = TablesFormat.table,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件（csv/xlsx 必需）")] = None,
) -> None:
    """重绘文档中的全部表格（含科目编码与级次）。Re-draw every table of a document.

    Example: budgetdoc tables ../shared/samples/001_8bbea08ca3cc6e70.txt --format xlsx -o 001.xlsx
    """
    from rich.table import Table as RichTable

    from budgetdoc.pipeline import load
    from budgetdoc.tables.export import (ROW_HEADS, column_names, row_values, table_dict, title, write_csv,
                                         write_text, write_xlsx)

    if fmt in (TablesFormat.csv, TablesFormat.xlsx) and out is None:
        raise UsageError(str(file), f"--format {fmt.value} 需要用 -o 指定输出文件")
    doc = load(file)
    if fmt is TablesFormat.json:
        text = json.dumps([table_dict(t) for t in doc.tables], ensure_ascii=False, indent=2)
        write_text(text, out) if out else print(text)
    elif fmt is TablesFormat.csv:
        write_csv(doc.tables, out)  # type: ignore[arg-type]
    elif fmt is TablesFormat.xlsx:
        write_xlsx(doc.tables, out)  # type: ignore[arg-type]
    if out is not None and fmt is not TablesFormat.table:
        console.print(f"已写入 {out}：{len(doc.tables)} 张表格", highlight=False)
    if fmt is TablesFormat.table:
        for table in doc.tables:
            drawn = RichTable(title=f"{title(table)}（单位：{table.unit}）", title_justify="left")
            for name in (*ROW_HEADS, *column_names(table)):
                drawn.add_column(name, overflow="fold")
            for values in row_values(table):
                drawn.add_row(*values)
            console.print(drawn)
            if table.empty_statement:
                console.print(f"  {table.empty_statement}")
        if not doc.tables:
            console.print(f"{file}: 没有识别出表格")
