"""``budgetdoc demo``: a fictional corpus, ingested, checked and served — the first command on a fresh machine."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from budgetdoc.cli.app import app, console


@app.command()
def demo(
    directory: Annotated[Path, typer.Option("--dir", help="演示语料和数据库的目录")] = Path("budgetdoc-demo"),
    no_serve: Annotated[bool, typer.Option("--no-serve", help="只生成、入库并汇总检查结果，不启动网页")] = False,
    port: Annotated[int, typer.Option("--port", help="网页端口（仅监听 127.0.0.1）")] = 8000,
) -> None:
    """生成虚构单位的演示语料，入库、检查并启动网页界面。Build, ingest, check and serve a demo corpus.

    Example: budgetdoc demo --dir /tmp/budgetdoc-demo
    """
    from rich.table import Table as RichTable

    from budgetdoc.demo.run import prepare, serve, summarise

    files, store = prepare(directory)
    table = RichTable(title=f"检查结果汇总（{len(files)} 份文档，{directory}）", title_justify="left")
    for name in ("单位", "文档", "错误", "警告", "提示", "注入的错误"):
        table.add_column(name)
    for row in summarise(files):
        table.add_row(row.unit, str(row.documents), str(row.counts["error"]), str(row.counts["warning"]),
                      str(row.counts["info"]), "、".join(row.injected))
    console.print(table)
    console.print(f"注入错误的说明见 {directory / 'README.md'}", highlight=False)
    if not no_serve:
        console.print(f"网页界面：http://127.0.0.1:{port}/ （Ctrl+C 退出）", highlight=False)
        serve(store, port)
