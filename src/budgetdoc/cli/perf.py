"""``budgetdoc perf``: the 绩效自评表 / 绩效目标表 of one document, redrawn as on paper, as JSON or xlsx."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from budgetdoc.cli.app import app, console
from budgetdoc.errors import UsageError


class PerfFormat(StrEnum):
    table = "table"
    json = "json"
    xlsx = "xlsx"


@app.command()
def perf(
    file: Annotated[Path, typer.Argument(help="公开说明文件")],
    fmt: Annotated[PerfFormat, typer.Option("--format", "-f", help="输出格式")] = PerfFormat.table,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件（xlsx 必填）")] = None,
) -> None:
    """绩效自评表/目标表：按纸面样式重绘每张表。Performance tables as structured rows.

    Example: budgetdoc perf ../shared/samples/003_e5361b4e9819f483.txt --format xlsx -o perf.xlsx
    """
    from budgetdoc.extract.perf.export import render, write_xlsx
    from budgetdoc.pipeline import load
    from budgetdoc.serialize import plain

    if fmt is PerfFormat.xlsx and out is None:
        raise UsageError(str(file), "--format xlsx 需要用 -o 指定输出文件")
    if out is not None and not out.resolve().parent.is_dir():
        raise UsageError(str(out), "输出目录不存在")
    doc = load(file)
    if fmt is PerfFormat.xlsx:
        write_xlsx(doc.perf_tables, out)  # type: ignore[arg-type]
        console.print(f"已写入 {out}：{len(doc.perf_tables)} 张绩效表", highlight=False)
    elif fmt is PerfFormat.json:
        text = json.dumps(plain(list(doc.perf_tables)), ensure_ascii=False, indent=2)
        out.write_text(text + "\n", encoding="utf-8") if out else print(text)
    else:
        for table in doc.perf_tables:
            console.print(render(table))
            console.print()
        console.print(f"{doc.path}：{len(doc.perf_tables)} 张绩效表", highlight=False)
