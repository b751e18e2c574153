"""``budgetdoc inspect``: an inspection campaign over folders of disclosures → 检查结果表 workbook and a summary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from budgetdoc.cli.app import app, console, console_err
from budgetdoc.cli.store import DbOption
from budgetdoc.errors import UsageError


@app.command("inspect")
def inspect_command(
    paths: Annotated[list[Path], typer.Argument(help="受检单位的公开文件或文件夹（递归）")],
    output: Annotated[Path, typer.Option("--output", "-o", help="检查结果工作簿（.xlsx）")],
    db: DbOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="并行解析的进程数")] = 1,
) -> None:
    """预决算公开检查：入库、逐单位统计文档、完整性、问题与得分，输出检查结果表。Run an inspection campaign.

    评分规则见 docs/inspect.md（满分 100，错误扣 5、警告扣 1，同类封顶 30，缺预算或决算各扣 10）。

    Example: budgetdoc inspect ../shared/samples --db 检查.duckdb -o 检查结果.xlsx
    """
    # the library is imported inside the command (see cli/parse.py): `budgetdoc --help` stays fast
    from rich.table import Table as RichTable

    from budgetdoc.files import write_atomically
    from budgetdoc.inspect import campaign, workbook_bytes
    from budgetdoc.store import open_store
    from budgetdoc.store.ingest import collect, sha256_of

    if output.suffix.lower() != ".xlsx":
        raise UsageError(str(output), "检查结果表须为 .xlsx 文件")
    files = list(collect(paths))
    if not files:
        raise UsageError(" ".join(map(str, paths)), "没有找到可检查的文件")
    with open_store(db) as store:
        result = store.ingest(paths, jobs=jobs, progress=sys.stderr.isatty())
        for _path, message in result.failures:
            console_err.print(f"[red]失败[/red] {message}", highlight=False)
        found = campaign(store, [s for s in (sha256_of(f) for f in files) if s])
    write_atomically(output, workbook_bytes(found))
    table = RichTable(title=f"检查结果：{found['summary']['units']} 个单位，{found['summary']['documents']} 个文档",
                      title_justify="left")
    for name in ("单位", "预算年度", "决算年度", "完整性", "错误", "警告", "得分", "等级"):
        table.add_column(name, overflow="fold")
    for u in found["units"]:
        table.add_row(u["unit"], "、".join(map(str, u["budget_years"])) or "—",
                      "、".join(map(str, u["final_years"])) or "—", "齐全" if u["complete"] else
                      f"缺 {len(u['completeness'])} 项", str(u["error"]), str(u["warning"]), str(u["score"]), u["grade"])
    console.print(table)
    console.print(f"检查结果表已写入 {output}（{found['summary']['findings']} 条问题）", highlight=False)
    if result.failed:
        raise typer.Exit(1)
