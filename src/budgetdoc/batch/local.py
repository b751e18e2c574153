"""The local engine: a process pool over the files, with a rich progress bar on stderr.

When a worker process dies (a segfault in a PDF library, the OOM killer, a test's fault injection) the pool
is broken and every file in flight is lost with it. Those files are run again one at a time in a pool of
their own, so the file that kills its worker is the only one charged for it; the start counter in the
output directory marks it failed after ``resume.MAX_STARTS`` deaths and the run goes on.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from budgetdoc.batch import resume, worker

Advance = Callable[[], None]


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: workers are forked from a clean server that already imported budgetdoc, never from the
    # driver, whose progress-bar thread may hold a lock at fork time.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["budgetdoc.batch.worker"])
    return ctx


def _run_pool(paths: Iterable[str], jobs: int, out_dir: str, version: str,
              advance: Advance) -> tuple[list[str], list[str]]:
    """Run ``paths`` through a pool of ``jobs`` workers.

    Returns:
        (files in flight when a worker died, files not started then); both empty when the pool finished.
    """
    pending = iter(paths)
    inflight: dict[Future[object], str] = {}
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=worker.init_worker,
                             initargs=(worker.driver_env(),)) as pool:

        def submit_next() -> None:
            path = next(pending, None)
            if path is not None:
                inflight[pool.submit(worker.process_file, path, out_dir, version)] = path

        for _ in range(jobs * 2):  # a short queue: a dead pool loses little, a million files are not futures
            submit_next()
        while inflight:
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            for future in done:
                path = inflight.pop(future)
                try:
                    future.result()
                except BrokenProcessPool:
                    return [path, *inflight.values()], list(pending)
                advance()
                submit_next()
    return [], []


def _isolate(path: str, out_dir: str, version: str, advance: Advance) -> None:
    """Run one suspect alone until it finishes or its start counter gives up on it.

    Raises:
        RuntimeError: the worker died before it could start on the file: the pool itself cannot run.
    """
    for _ in range(resume.MAX_STARTS + 1):
        before = resume.starts(Path(out_dir), path)
        suspects, _ = _run_pool([path], 1, out_dir, version, advance)
        if not suspects:
            return
        if resume.starts(Path(out_dir), path) == before:
            raise RuntimeError(f"{path}: 工作进程无法启动（在开始处理文件之前就退出了）")
    raise RuntimeError(f"{path}: 工作进程反复异常退出")


def run_local(paths: list[str], out_dir: str, version: str, *, jobs: int | None, progress: bool,
              address: str | None = None) -> None:
    """Process ``paths`` with ``jobs`` worker processes (all CPUs when None), committing each file as it ends."""
    del address  # the Ray engine's option; a local pool has no cluster to join
    jobs = jobs or os.cpu_count() or 1
    console = Console(stderr=True)
    columns = (TextColumn("解析"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, disable=not progress) as bar:
        task = bar.add_task("batch", total=len(paths))

        def advance() -> None:
            bar.advance(task)

        queue: deque[str] = deque(paths)
        while queue:
            suspects, rest = _run_pool(list(queue), jobs, out_dir, version, advance)
            for path in suspects:
                _isolate(path, out_dir, version, advance)
            queue = deque(rest)
