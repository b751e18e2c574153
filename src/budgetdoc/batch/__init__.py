"""Batch processing at national scale: many files → partitioned Parquet, resumable, on a pool or on Ray.

``run_batch`` plans (skipping what a previous run finished), hands the remaining files to an engine whose
workers commit every file on their own, then consolidates the parts into the datasets. Both engines run
the same ``worker.process_file`` and the same consolidation, so their outputs are identical.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from budgetdoc import __version__
from budgetdoc.batch import output, records, resume
from budgetdoc.batch.output import read_dataset
from budgetdoc.batch.status import Status, summarize
from budgetdoc.errors import UsageError

__all__ = ["ENGINES", "BatchResult", "ingest_batch", "read_dataset", "run_batch"]

ENGINES = ("local", "ray")


@dataclass(slots=True)
class BatchResult:
    """What a run did and where the batch stands."""

    out_dir: Path
    inputs: int
    processed: int
    skipped: int
    counts: dict[str, int] = field(default_factory=dict)
    """Files per status over every input ever recorded in the output directory."""
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(path, reason) of every failed file."""
    seconds: float = 0.0


def run_batch(
    inputs: list[str | Path],
    out_dir: str | Path,
    *,
    engine: str = "local",
    ray_address: str | None = None,
    jobs: int | None = None,
    progress: bool = False,
    retry_failed: bool = False,
) -> BatchResult:
    """Parse and check every input file, writing Parquet datasets under ``out_dir``.

    Args:
        inputs: files, or directories searched recursively for documents.
        out_dir: the output directory; a previous run's output there is resumed, not overwritten.
        engine: ``local`` (a process pool) or ``ray``.
        ray_address: a Ray cluster to join (``ray://…`` or ``auto``); a local instance when None.
        jobs: worker processes (local) or actors (ray); all CPUs when None.
        progress: show a progress bar on stderr.
        retry_failed: process only the inputs that failed in an earlier run.

    Raises:
        UsageError: an unknown engine, a missing input, or an output path that is a file.
    """
    if engine not in ENGINES:
        raise UsageError(engine, f"未知的引擎，可选：{'、'.join(ENGINES)}")
    if jobs is not None and jobs < 1:
        raise UsageError(str(jobs), "--jobs 须为正整数")
    out = Path(out_dir).resolve()
    if out.exists() and not out.is_dir():
        raise UsageError(str(out_dir), "输出路径已存在且不是目录")
    started = time.perf_counter()
    paths = resume.expand_inputs(inputs)
    out.mkdir(parents=True, exist_ok=True)
    with output.exclusive(out):
        output.clean_temporaries(out)
        plan = resume.plan(paths, out, __version__, retry_failed=retry_failed)
        if plan.todo:
            _engine(engine)(plan.todo, str(out), __version__, jobs=jobs, address=ray_address, progress=progress)
        table = output.consolidate(out)
    failed = [(r["path"], r["message"]) for r in table.select(["path", "status", "message"]).to_pylist()
              if r["status"] == Status.FAILED.value]
    return BatchResult(out_dir=out, inputs=len(paths), processed=len(plan.todo), skipped=len(plan.done),
                       counts=summarize(table), failed=failed, seconds=time.perf_counter() - started)


def _engine(name: str) -> Callable[..., None]:
    if name == "local":
        from budgetdoc.batch.local import run_local

        return run_local
    try:
        from budgetdoc.batch.ray_engine import run_ray  # ray is an optional extra
    except ImportError as exc:
        raise UsageError("--engine ray", "未安装 Ray，请先 pip install 'budgetdoc[ray]'") from exc
    return run_ray


def ingest_batch(out_dir: str | Path, store: Any) -> int:
    """Load a batch output into a store (``budgetdoc.store.open_store(url)``) without parsing again.

    Each document and its report are rebuilt exactly from the ``documents`` dataset's JSON columns and
    passed to ``store.save(doc, report)``.

    Returns:
        The number of documents saved.

    Raises:
        UsageError: ``out_dir`` is not a batch output.
    """
    if not (Path(out_dir) / output.STATUS_FILE).exists():
        raise UsageError(str(out_dir), "不是 budgetdoc batch 的输出目录（缺少 status.parquet）")
    count = 0
    for row in output.iter_rows(out_dir, "documents", ["document_json", "report_json"]):
        store.save(*records.records_of(row))
        count += 1
    return count
