"""The batch output directory: per-file parts committed atomically, consolidated into partitioned datasets.

Layout under DIR::

    _parts/<id[:2]>/<file_id>/<table>.parquet   rows of one document (one dir, renamed into place whole)
    _status/<key[:2]>/<key>.parquet             the status row of one input path
    _running/<key>                              starts of an unfinished file (a worker died on it)
    documents/kind=…/year=…/part-0.parquet      consolidated datasets, rewritten at the end of every run
    facts/ findings/ perf_indicators/ table_rows/
    status.parquet                              every input path's status, sorted by path

A worker only ever renames finished files into place, so a worker killed at any moment leaves either the
whole result of a file or nothing of it; the consolidated datasets are rebuilt from the parts.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from budgetdoc.batch import records, status
from budgetdoc.errors import UsageError

PARTS = "_parts"
STATUS = "_status"
RUNNING = "_running"
STATUS_FILE = "status.parquet"
ROWS_PER_FILE = 1_000_000
"""Rows per consolidated Parquet file within one kind/year partition."""


def path_key(path: str) -> str:
    """The ledger key of an input path (the path is absolute by then)."""
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:20]


def part_dir(out: Path, file_id: str) -> Path:
    return out / PARTS / file_id[:2] / file_id


def status_file(out: Path, key: str) -> Path:
    return out / STATUS / key[:2] / f"{key}.parquet"


def _tmp_name(target: Path) -> Path:
    return target.with_name(f".tmp-{target.name}-{uuid.uuid4().hex[:8]}")


def write_atomic(table: pa.Table, target: Path) -> None:
    """Write one Parquet file so that readers see all of it or none of it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_name(target)
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, target)


def write_part(out: Path, file_id: str, tables: dict[str, pa.Table]) -> None:
    """Commit the rows of one document: written to a hidden directory, then renamed into place whole."""
    target = part_dir(out, file_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_name(target)
    tmp.mkdir()
    for name, table in tables.items():
        pq.write_table(table, tmp / f"{name}.parquet", compression="zstd")
    if target.exists():  # a newer budgetdoc version re-parsed the same content
        old = _tmp_name(target)
        os.replace(target, old)
        shutil.rmtree(old, ignore_errors=True)
    try:
        os.replace(tmp, target)
    except OSError:
        # Another worker committed the same content (two inputs with equal bytes) in the meantime.
        shutil.rmtree(tmp, ignore_errors=True)


def part_version(out: Path, file_id: str) -> str | None:
    """The budgetdoc version that wrote a document's part, or None when there is none."""
    path = part_dir(out, file_id) / "documents.parquet"
    if not path.exists():
        return None
    return pq.read_table(path, columns=["version"]).column("version")[0].as_py()


@contextlib.contextmanager
def exclusive(out: Path) -> Iterator[None]:
    """Hold the output directory for one run at a time.

    Raises:
        UsageError: another run is writing to ``out``.
    """
    with open(out / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise UsageError(str(out), "另一个 batch 正在写入此输出目录") from exc
        yield


def clean_temporaries(out: Path) -> None:
    """Remove what workers or a consolidation killed mid-write left behind (hidden ``.tmp-`` entries)."""
    leftovers = list(out.glob(".tmp-*"))
    for root in (out / PARTS, out / STATUS):
        if root.exists():
            leftovers += [e for bucket in root.iterdir() for e in bucket.glob(".tmp-*")]
    for entry in leftovers:
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink(missing_ok=True)


def read_status_parts(out: Path) -> pa.Table:
    """Every committed status row, sorted by path."""
    files = sorted((out / STATUS).glob("*/*.parquet"))
    if not files:
        return status.SCHEMA.empty_table()
    table = pa.concat_tables([pq.read_table(f, schema=status.SCHEMA) for f in files])
    return table.sort_by([("path", "ascending")])


def _replace_dir(tmp: Path, target: Path) -> None:
    if target.exists():
        old = _tmp_name(target)
        os.replace(target, old)
        os.replace(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, target)


def _part_batches(out: Path, file_ids: list[str], name: str) -> Iterator[pa.RecordBatch]:
    # Parts are visited in file_id order and hold their rows in ordinal order, so streaming them is
    # already the sorted order: no corpus-sized sort, and memory stays at one part.
    schema = records.SCHEMAS[name]
    for file_id in file_ids:
        path = part_dir(out, file_id) / f"{name}.parquet"
        if path.exists():
            yield from pq.read_table(path, schema=schema).to_batches()


def consolidate(out: Path) -> pa.Table:
    """Rebuild ``status.parquet`` and the partitioned datasets from the committed parts.

    Only documents some input path currently resolves to are included, each once, however many paths
    share its content. Rows are in (file_id, ordinals) order so that any engine gives the same files.

    Returns:
        The status table.
    """
    table = read_status_parts(out)
    write_atomic(table, out / STATUS_FILE)
    live = pc.filter(table, pc.not_equal(table.column("status"), status.Status.FAILED.value))
    file_ids = sorted(set(live.column("file_id").to_pylist()))
    for name in records.TABLES:
        schema = records.SCHEMAS[name]
        tmp = out / f".tmp-{name}-{uuid.uuid4().hex[:8]}"
        tmp.mkdir()
        ds.write_dataset(
            _part_batches(out, file_ids, name), tmp, schema=schema, format="parquet",
            partitioning=ds.partitioning(records.PARTITION, flavor="hive"), basename_template="part-{i}.parquet",
            use_threads=False, preserve_order=True, existing_data_behavior="overwrite_or_ignore",
            max_rows_per_file=ROWS_PER_FILE, max_rows_per_group=min(ROWS_PER_FILE, 2**17),
            file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"),
        )
        _replace_dir(tmp, out / name)
    return table


def _dataset(out: Path, name: str) -> ds.Dataset:
    if not (out / name).exists():
        raise FileNotFoundError(out / name)
    return ds.dataset(out / name, format="parquet",
                      partitioning=ds.partitioning(records.PARTITION, flavor="hive"))


def iter_rows(out: str | Path, name: str, columns: list[str]) -> Iterator[dict[str, Any]]:
    """Stream some columns of a consolidated dataset, a few rows in memory at a time.

    Raises:
        FileNotFoundError: ``out`` holds no such dataset.
    """
    for batch in _dataset(Path(out), name).to_batches(columns=columns, batch_size=64):
        yield from batch.to_pylist()


def read_dataset(out: str | Path, name: str) -> pa.Table:
    """One consolidated dataset of a batch output (``documents``, ``facts`` … or ``status``), rows in order.

    Raises:
        FileNotFoundError: ``out`` holds no such dataset.
    """
    out = Path(out)
    if name == "status":
        return pq.read_table(out / STATUS_FILE, schema=status.SCHEMA)
    schema = records.SCHEMAS[name]
    table = _dataset(out, name).to_table()
    if table.num_rows == 0:
        return schema.empty_table()
    table = table.select(schema.names).cast(schema)
    return table.sort_by([(key, "ascending") for key in records.SORT_KEYS[name]])
