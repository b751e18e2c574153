"""``budgetdoc generate``: a 部门决算 or 部门预算 disclosure (md/txt/docx/pdf) from base figures, refused if the checks fail."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from budgetdoc.cli.app import app, console, console_err


class OutputFormat(StrEnum):
    md = "md"
    txt = "txt"
    docx = "docx"
    pdf = "pdf"


@app.command()
def generate(
    source: Annotated[Path, typer.Argument(metavar="INPUT", help="基础数据：.yaml/.yml/.json 事实集，或 .xlsx 工作簿")],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出文件")],
    fmt: Annotated[OutputFormat | None, typer.Option("--format", "-f", help="输出格式（默认按输出文件后缀）")] = None,
    force: Annotated[bool, typer.Option("--force", help="检查发现错误时仍然生成")] = False,
) -> None:
    """根据基础数据生成部门决算或部门预算公开文档，所有合计、占比、增减率由程序计算。Generate a disclosure from facts.

    Example: budgetdoc generate examples/示例县农业技术推广站_2024.yaml --format docx -o 公开说明.docx
    """
    # imported here, not at module level: the generators are loaded only by this command
    from budgetdoc.generate import generate as generate_document
    from budgetdoc.generate import read_input
    from budgetdoc.generate.gate import blocking, gate_report
    from budgetdoc.generate.output import format_for, write_atomic

    fs = read_input(source)
    fmt_name = fmt.value if fmt else format_for(output)
    errors = blocking(gate_report(fs, str(source)))
    for finding in errors:
        console_err.print(f"[red]错误[/red] {source}: [{finding.rule}] {finding.message}", highlight=False)
    if errors and not force:
        console_err.print(f"{source}: 检查发现 {len(errors)} 个错误，未生成（加 --force 强制生成）", highlight=False)
        raise typer.Exit(1)
    write_atomic(output, generate_document(fs, fmt_name))
    console.print(f"已生成 {output}（{fmt_name}）", highlight=False)
