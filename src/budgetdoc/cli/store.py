"""``budgetdoc ingest | compare | export | sql``: the library of record from the terminal."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from budgetdoc.cli.app import app, console, console_err
from budgetdoc.errors import UnreadableError, UsageError

if TYPE_CHECKING:
    from budgetdoc.store import Store

# The store, the exporters and rich tables are imported inside the commands (see cli/parse.py).
FORMATS = ("csv", "xlsx", "parquet", "json")
"""``export.FORMATS``, repeated for the option's help text (tests/test_cli_startup.py keeps the two equal)."""

DbOption = Annotated[str | None, typer.Option("--db", help="数据库：文件路径、duckdb:///路径 或 postgresql://…"
                                              "（默认 $BUDGETDOC_DB 或 ./budgetdoc.duckdb）")]
UnitOption = Annotated[list[str] | None, typer.Option("--unit", "-u", help="单位名称（可重复）")]
YearOption = Annotated[list[int] | None, typer.Option("--year", "-y", help="年度（可重复）")]


def existing_store(db: str | None) -> Store:
    """Open a store that must already exist: only ``ingest`` creates one, a typo must not make an empty one.

    Raises:
        UnreadableError: ``db`` names a DuckDB file that does not exist.
    """
    from budgetdoc.store import default_url, open_store

    path = (db or default_url()).removeprefix("duckdb://")
    if "://" not in path and path != ":memory:" and not Path(path).exists():
        raise UnreadableError("--db", f"数据库不存在：{path}（先用 budgetdoc ingest 入库）")
    return open_store(db)


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="文件或文件夹（递归）")] = None,
    db: DbOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="并行解析的进程数")] = 1,
    from_batch: Annotated[Path | None, typer.Option("--from-batch", help="导入 budgetdoc batch 的输出目录")] = None,
    force: Annotated[bool, typer.Option("--force", help="内容与解析版本都未变也重新解析入库")] = False,
) -> None:
    """解析、检查并入库（按内容去重）。Parse, check and store documents.

    Example: budgetdoc ingest ../shared/samples --db corpus.duckdb --jobs 2
    """
    from budgetdoc.store import open_store

    if not paths and from_batch is None:
        raise UsageError("ingest", "请给出要入库的文件或文件夹，或 --from-batch 目录")
    with open_store(db) as store:
        if from_batch is not None:
            try:
                from budgetdoc.batch import ingest_batch
            except ImportError as exc:
                raise UsageError(str(from_batch), "批处理模块 budgetdoc.batch 尚不可用，无法导入批处理结果") from exc
            count = ingest_batch(from_batch, store)
            rechecked = store.recheck_related(store.touched_units)
            console.print(f"从批处理结果入库 {count} 个文档，跨文档复核 {rechecked} 个（{store.url}）", highlight=False)
        if paths:
            result = store.ingest(paths, jobs=jobs, progress=sys.stderr.isatty(), force=force)
            for _path, message in result.failures:
                console_err.print(f"[red]失败[/red] {message}", highlight=False)
            console.print(f"入库 {result.ok} 个，已存在跳过 {result.skipped} 个，失败 {result.failed} 个，"
                          f"跨文档复核 {result.rechecked} 个（{store.url}）", highlight=False)
            if result.failed:
                raise typer.Exit(1)


@app.command()
def compare(
    key: Annotated[list[str], typer.Option("--key", "-k", help="事实键，如 three.total（可重复）")],
    unit: UnitOption = None,
    year: YearOption = None,
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table 或 csv/json")] = "table",
    chart: Annotated[Path | None, typer.Option("--chart", help="另存柱状图 PNG")] = None,
) -> None:
    """按单位 × 年度对比事实。Compare facts across units and years.

    Example: budgetdoc compare --key three.total --key ops.total --year 2023
    """
    from rich.table import Table as RichTable

    from budgetdoc.export import LABELS, export_bytes, with_labels
    from budgetdoc.model import DocKind
    from budgetdoc.serialize import plain

    with existing_store(db) as store:
        rows = store.compare(key, unit or (), year or ())
        if chart is not None:
            from budgetdoc.export.chart import compare_chart

            compare_chart(store.compare_pivot(key, unit or (), year or ())[1], key, chart)
            console_err.print(f"图已保存到 {chart}", highlight=False)
    columns = ("unit", "year", "kind", "key", "label", "value_text", "line", "doc_id")
    if fmt != "table":
        sys.stdout.buffer.write(export_bytes(rows, fmt, columns))
        return
    table = RichTable(title=f"对比 {len(rows)} 行", title_justify="left")
    for column in columns:
        table.add_column(LABELS.get(column, column), overflow="fold")
    for row in with_labels(rows, columns):
        shown = {**row, "kind": DocKind(row["kind"]).label}
        table.add_row(*(str(plain(shown[c]) if shown[c] is not None else "") for c in columns))
    console.print(table)


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="输出文件")],
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"导出格式：{'/'.join(FORMATS)}")] = "csv",
    key: Annotated[str, typer.Option("--key", "-k", help="事实键前缀，如 three.")] = "",
    unit: UnitOption = None,
    year: YearOption = None,
    db: DbOption = None,
) -> None:
    """导出事实（带单位、年度、出处）。Export facts as CSV, XLSX, Parquet or JSON.

    Example: budgetdoc export --format xlsx --key three. -o three.xlsx
    """
    from budgetdoc.export import write_export

    if fmt not in FORMATS:
        raise UsageError(fmt, f"不支持的导出格式，可选：{'、'.join(FORMATS)}")
    with existing_store(db) as store:
        rows = store.facts(key_prefix=key, units=unit or (), years=year or ())
    write_export(rows, fmt, output)
    console.print(f"已导出 {len(rows)} 行到 {output}", highlight=False)


@app.command()
def sql(
    statement: Annotated[str, typer.Argument(help="一条只读 SQL 语句")],
    db: DbOption = None,
) -> None:
    """在只读连接上执行 SQL。Run a read-only SQL query against the store.

    Example: budgetdoc sql "SELECT unit, year, n_facts FROM documents"
    """
    from rich.table import Table as RichTable

    from budgetdoc.serialize import plain

    with existing_store(db) as store:
        columns, rows = store.sql(statement)
    table = RichTable(title=f"{len(rows)} 行", title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(plain(v)) for v in row))
    console.print(table)
