"""``budgetdoc parse``: facts of one or more documents, as a table, JSON or JSON lines."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from typing import TYPE_CHECKING

import typer

from budgetdoc.cli.app import app, console, report_error
from budgetdoc.errors import BudgetdocError, UsageError

if TYPE_CHECKING:
    from budgetdoc.model import Document

# The pipeline, rich tables and the serializers are imported inside the commands: a command's module is
# loaded for every ``budgetdoc`` invocation, ``--version`` and ``--help`` included.


class ParseFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def _print_table(doc: Document) -> None:
    from rich.table import Table as RichTable

    from budgetdoc.labels import label
    from budgetdoc.serialize import plain

    console.print(f"[bold]{doc.unit or doc.path}[/bold]  {doc.year or ''}  {doc.kind.label}  ({doc.path})")
    section = None
    table = None
    for fact in doc.facts:
        if fact.section != section or table is None:
            if table is not None:
                console.print(table)
            section = fact.section
            table = RichTable(title=section or "（文首）", title_justify="left", show_lines=False)
            for name in ("名称", "键 key", "值 value", "行 line", "原文 source"):
                table.add_column(name, overflow="fold")
        table.add_row(label(fact.key), fact.key, str(plain(fact.value)), str(fact.source.line), fact.source.text.replace("\n", "⏎"))
    if table is not None:
        console.print(table)
    for warning in doc.warnings:
        console.print(f"[yellow]警告[/yellow] {warning}")


def _print_unclaimed(doc: Document, fmt: ParseFormat) -> None:
    from budgetdoc.extract.unclaimed import unclaimed

    tokens = unclaimed(doc)
    if fmt is ParseFormat.table:
        for token in tokens:
            console.print(f"{doc.path}:{token.line}:{token.column}: 未认领的数字 {token.text}", highlight=False)
        console.print(f"{doc.path}: {len(tokens)} 个未认领的数字", highlight=False)
    else:
        rows = [{"path": doc.path, "line": t.line, "column": t.column, "text": t.text} for t in tokens]
        console.print_json(json.dumps(rows, ensure_ascii=False)) if fmt is ParseFormat.json else [
            print(json.dumps(r, ensure_ascii=False)) for r in rows]


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="公开说明文件（.txt/.pdf/.docx/.xlsx/.html）")],
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f", help="输出格式")] = ParseFormat.table,
    show_unclaimed: Annotated[bool, typer.Option("--unclaimed", help="列出未被任何事实认领的数字")] = False,
    max_pages: Annotated[int, typer.Option("--max-pages", min=1, help="PDF 页数上限，超过则拒绝读取")] = 500,
) -> None:
    """解析文档，输出每个数字事实及其出处。Parse documents into located facts.

    Example: budgetdoc parse ../shared/samples/000_d143e8e39e389391.txt --format json
    """
    from budgetdoc.pipeline import load
    from budgetdoc.serialize import document_dict

    if fmt is ParseFormat.json and len(files) > 1:
        raise UsageError(str(files[1]), "--format json 只接受一个文件，多个文件请用 --format jsonl")
    code = 0
    for path in files:
        try:
            doc = load(path, max_pages=max_pages)
        except BudgetdocError as exc:
            code = max(code, report_error(exc))
            continue
        if show_unclaimed:
            _print_unclaimed(doc, fmt)
        elif fmt is ParseFormat.table:
            _print_table(doc)
        elif fmt is ParseFormat.json:
            print(json.dumps(document_dict(doc), ensure_ascii=False, indent=2))
        else:
            print(json.dumps(document_dict(doc), ensure_ascii=False))
    raise typer.Exit(code)
