"""``budgetdoc batch``: many files → partitioned Parquet, resumable, on a local pool or on Ray."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from budgetdoc.cli.app import app, console, console_err

if TYPE_CHECKING:
    from budgetdoc.batch import BatchResult

FAILED_LISTED = 20
"""Failed files printed one per line; the rest are in status.parquet."""


class Engine(StrEnum):
    local = "local"
    ray = "ray"


def _print_summary(result: BatchResult) -> None:
    counts = result.counts
    console.print(f"输入 {result.inputs} 个文件：本次处理 {result.processed}，跳过已完成 {result.skipped}；"
                  f"累计 成功 {counts.get('ok', 0)}，有警告 {counts.get('warning', 0)}，失败 {counts.get('failed', 0)}"
                  f"（{result.seconds:.1f} 秒）", highlight=False)
    # One stderr line per failed file, like every other command's input errors; the summary stays on stdout.
    for path, reason in result.failed[:FAILED_LISTED]:
        console_err.print(f"[red]失败[/red] {path}: {reason}", highlight=False, soft_wrap=True)
    if len(result.failed) > FAILED_LISTED:
        console.print(f"……另有 {len(result.failed) - FAILED_LISTED} 个失败文件，见 {result.out_dir}/status.parquet")
    if result.failed:
        console.print("修复后可用 --retry-failed 只重试失败的文件。")
    console.print(f"输出目录：{result.out_dir}", highlight=False)


@app.command()
def batch(
    inputs: Annotated[list[Path], typer.Argument(help="公开文档文件，或其所在目录（递归查找）")],
    out: Annotated[Path, typer.Option("--out", "-o", help="输出目录（Parquet 数据集；重复运行会续跑）")],
    engine: Annotated[Engine, typer.Option("--engine", help="执行引擎：local 本机进程池，ray 集群")] = Engine.local,
    ray_address: Annotated[str | None, typer.Option("--ray-address", help="Ray 集群地址，如 auto 或 ray://head:10001")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="并行工作进程数（默认全部 CPU）")] = None,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="只重试上次失败的文件")] = False,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="显示进度条")] = True,
) -> None:
    """批量解析并检查文档，输出按类型和年度分区的 Parquet 数据集。Batch parse + check into Parquet.

    Example: budgetdoc batch ../shared/samples --out out/batch --jobs 2
    """
    # Imported here: the batch package pulls in pyarrow.dataset, seconds of start-up no other command needs.
    from budgetdoc.batch import run_batch

    result = run_batch([str(p) for p in inputs], out, engine=engine.value, ray_address=ray_address, jobs=jobs,
                       progress=progress, retry_failed=retry_failed)
    _print_summary(result)
    raise typer.Exit(1 if result.failed else 0)
