"""One file, start to finish, in whichever worker runs it: read → parse → check → commit rows and status.

Both engines call ``process_file``; it never raises on bad input, so the rows of a batch depend only on
the files, never on the engine or on which worker ran what.
"""

from __future__ import annotations

import hashlib
import os
import resource
import socket
import time
from pathlib import Path
from typing import Any

from budgetdoc.batch import output, records, resume
from budgetdoc.batch.status import STAGES, Status, status_row, status_table
from budgetdoc.budgets import Budget, hard_limit
from budgetdoc.check import check
from budgetdoc.errors import BudgetdocError
from budgetdoc.pipeline import Timings, load

CRASH_ENV = "BUDGETDOC_BATCH_CRASH"
"""Fault injection for tests: a worker whose file name contains this text dies (``os._exit``) on it."""
CRASH_ONCE_ENV = "BUDGETDOC_BATCH_CRASH_ONCE"
"""As ``CRASH_ENV``, but only the first time the file is started in an output directory."""
HANG_ENV = "BUDGETDOC_BATCH_HANG"
"""Fault injection for tests: parsing a file whose name contains this text never ends (a busy loop)."""


def preload() -> None:
    """Import the readers once per worker so that the first file does not pay for pdfium and friends."""
    import importlib

    from budgetdoc.read import READERS

    for target in READERS.values():
        try:
            importlib.import_module(target.partition(":")[0])
        except ImportError:
            pass  # a reader another issue has not delivered yet: files of that format fail with its message


def driver_env() -> dict[str, str]:
    """The driver's ``BUDGETDOC_*`` settings, to hand to workers that did not inherit them."""
    return {k: v for k, v in os.environ.items() if k.startswith("BUDGETDOC_")}


def init_worker(env: dict[str, str]) -> None:
    """Pool initializer: take the driver's settings (a forkserver keeps the environment it started with)."""
    for key in [k for k in os.environ if k.startswith("BUDGETDOC_") and k not in env]:
        del os.environ[key]
    os.environ.update(env)
    preload()


def _inject_fault(path: str, starts_before: int) -> None:
    name = Path(path).name
    always = os.environ.get(CRASH_ENV)
    once = os.environ.get(CRASH_ONCE_ENV)
    if (always and always in name) or (once and once in name and starts_before == 0):
        os._exit(86)


def _inject_hang(path: str) -> None:
    hang = os.environ.get(HANG_ENV)
    if hang and hang in Path(path).name:
        while True:
            time.sleep(0.01)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _identity(path: str) -> tuple[str, int | None, int | None]:
    try:
        st = os.stat(path)
        with open(path, "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return "", None, None
    return digest, st.st_size, st.st_mtime_ns


def process_file(path: str, out_dir: str, version: str) -> dict[str, Any]:
    """Process one input and commit its rows and status row under ``out_dir``.

    Returns:
        The status row that was committed.
    """
    out = Path(out_dir)
    started = (time.perf_counter(), time.process_time())
    starts_before = resume.count_start(out, path)
    file_id, size, mtime_ns = _identity(path)
    common = {"file_id": file_id, "bytes": size, "mtime_ns": mtime_ns, "version": version,
              "worker": f"{socket.gethostname()}:{os.getpid()}", "attempt": starts_before + 1}
    if starts_before >= resume.MAX_STARTS:
        row = status_row(path, status=Status.FAILED.value,
                         message=f"工作进程处理此文件时异常退出 {starts_before} 次，已跳过", **common)
        return _commit_status(out, path, row, started)
    _inject_fault(path, starts_before)
    timings = Timings()
    stage = ["解析"]
    try:
        budget = Budget.from_env()
        with hard_limit(budget, path, stage):
            _inject_hang(path)
            doc = load(path, timings, budget=budget)
            stage.append("检查")
            t = time.perf_counter()
            report = check(doc)
        t = timings.mark("check", t)
        if output.part_version(out, file_id) != version:
            rows = records.document_rows(doc, report, file_id, version)
            output.write_part(out, file_id, {name: records.arrow_table(name, rows[name]) for name in rows})
        timings.mark("write", t)
    except BudgetdocError as exc:
        row = status_row(path, status=Status.FAILED.value, message=exc.problem, **common)
    except Exception as exc:  # noqa: BLE001 - a parser bug on one file must not stop a national run
        row = status_row(path, status=Status.FAILED.value, message=f"内部错误 {type(exc).__name__}: {exc}",
                         **common)
    else:
        state = Status.WARNING if doc.warnings else Status.OK
        row = status_row(path, status=state.value, message="；".join(doc.warnings), kind=doc.kind.value,
                         year=doc.year, unit=doc.unit, pages=doc.pages, facts=len(doc.facts),
                         findings=len(report.findings), **common)
    for stage in STAGES:
        row[f"{stage}_s"] = timings.stages.get(stage)
    return _commit_status(out, path, row, started)


def _commit_status(out: Path, path: str, row: dict[str, Any], started: tuple[float, float]) -> dict[str, Any]:
    row["total_s"] = time.perf_counter() - started[0]
    row["cpu_s"] = time.process_time() - started[1]  # what the file costs, however busy the machine was
    row["peak_rss_mb"] = _peak_rss_mb()
    output.write_atomic(status_table([row]), output.status_file(out, output.path_key(path)))
    resume.finish(out, path)
    return row
