"""The Ray engine: Ray Data over the file list, mapped by a pool of actors that keep the readers loaded.

Each actor imports the readers once (the OCR models load at its first scan and stay loaded: the reader
caches its engine per process), then processes files one call at a time, committing each file's rows to
the shared output directory itself: the driver never holds the documents, so a corpus of any size streams
through. Ray restarts an actor that dies and retries its batch; the start counter in the output
directory (``resume.MAX_STARTS``) stops a file that kills every actor it meets. The output directory
must be on storage every node sees (NFS, a mounted bucket).

This is the only module that imports ray.
"""

from __future__ import annotations

import os
from typing import Any

import ray

from budgetdoc.batch import worker
from budgetdoc.errors import UsageError

FILES_PER_BLOCK = 16
"""Files per Ray Data block: small enough to balance two workers on five files, large enough that a
million files are not a million tasks."""


class FileWorker:
    """A Ray Data actor: one per worker slot, readers loaded once in ``__init__``."""

    def __init__(self, out_dir: str, version: str) -> None:
        worker.preload()
        self.out_dir = out_dir
        self.version = version

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        rows = [worker.process_file(str(path), self.out_dir, self.version) for path in batch["path"]]
        return {"path": [r["path"] for r in rows], "status": [r["status"] for r in rows]}


def run_ray(paths: list[str], out_dir: str, version: str, *, jobs: int | None, progress: bool,
            address: str | None = None) -> None:
    """Process ``paths`` on Ray: a local instance with ``jobs`` CPUs, or the cluster at ``address``.

    Raises:
        UsageError: the cluster at ``address`` cannot be reached.
    """
    started_here = not ray.is_initialized()
    if started_here:
        try:
            ray.init(address=address, num_cpus=None if address else (jobs or os.cpu_count()),
                     include_dashboard=False, log_to_driver=False, configure_logging=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise UsageError(address or "ray", f"无法连接 Ray 集群：{exc}") from exc
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = progress
        context.print_on_execution_start = False
        size = jobs or max(1, int(ray.cluster_resources().get("CPU", 1)))
        blocks = max(1, min(len(paths), max(size * 2, len(paths) // FILES_PER_BLOCK)))
        dataset = ray.data.from_items([{"path": p} for p in paths], override_num_blocks=blocks)
        dataset = dataset.map_batches(
            FileWorker,
            fn_constructor_kwargs={"out_dir": out_dir, "version": version},
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=size, max_tasks_in_flight_per_actor=1),
            num_cpus=1,  # Ray Data restarts dead actors and retries their batches by default
            # BUDGETDOC_* settings reach the actors on every node, whoever started the cluster.
            runtime_env={"env_vars": env} if (env := worker.driver_env()) else None,
        )
        for _ in dataset.iter_batches(batch_size=None):
            pass  # the actors committed each file; the driver only waits for them
    finally:
        if started_here:
            ray.shutdown()
