"""The per-file status table: ok / warning / failed, why, how big, and the seconds spent in each stage."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import pyarrow as pa

STAGES = ("read", "normalize", "extract", "check", "write")
"""Stages timed per file: the pipeline's own (``budgetdoc.pipeline.Timings``), the checker, the part write."""


class Status(StrEnum):
    OK = "ok"
    WARNING = "warning"
    """Parsed, but the reader or parser warned (an incomplete document, a table it could not rebuild)."""
    FAILED = "failed"
    """Not parsed: unreadable, not a disclosure, a parser error, or a worker that died on it."""


SCHEMA = pa.schema([
    ("path", pa.string()),
    ("file_id", pa.string()),
    ("status", pa.string()),
    ("message", pa.string()),
    ("kind", pa.string()),
    ("year", pa.int32()),
    ("unit", pa.string()),
    ("pages", pa.int32()),
    ("bytes", pa.int64()),
    ("mtime_ns", pa.int64()),
    *[(f"{stage}_s", pa.float64()) for stage in STAGES],
    ("total_s", pa.float64()),
    ("cpu_s", pa.float64()),
    ("peak_rss_mb", pa.float64()),
    ("facts", pa.int32()),
    ("findings", pa.int32()),
    ("version", pa.string()),
    ("worker", pa.string()),
    ("attempt", pa.int32()),
])

VOLATILE = ("mtime_ns", *[f"{stage}_s" for stage in STAGES], "total_s", "cpu_s", "peak_rss_mb", "worker",
            "attempt")
"""Columns that differ between two runs over the same files; everything else is reproducible."""


def status_row(path: str, **values: Any) -> dict[str, Any]:
    """A status row with every column present (missing ones null)."""
    row = dict.fromkeys(SCHEMA.names)
    row.update(path=path, **values)
    return row


def status_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Status rows as an Arrow table with the fixed schema."""
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def summarize(table: pa.Table) -> dict[str, int]:
    """How many files ended in each status."""
    counts = dict.fromkeys((s.value for s in Status), 0)
    for value in table.column("status").to_pylist():
        counts[value] = counts.get(value, 0) + 1
    return counts
