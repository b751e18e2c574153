"""The embedded store: a DuckDB file (or ``:memory:``). The only module that imports duckdb."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

from budgetdoc.errors import UnreadableError, UsageError
from budgetdoc.store.backend import Backend

WAIT_ENV = "BUDGETDOC_DB_WAIT"
DEFAULT_WAIT = 60.0
"""Seconds to wait for another process to let go of a DuckDB file before giving up."""
_LOCKED = re.compile(r"Could not set lock on file|Conflicting lock is held", re.IGNORECASE)
_PID = re.compile(r"\(PID (\d+)\)")


def _wait_seconds() -> float:
    value = os.environ.get(WAIT_ENV, "").strip()
    try:
        seconds = float(value) if value else DEFAULT_WAIT
    except ValueError:
        raise UsageError(WAIT_ENV, f"环境变量的值 {value!r} 不是秒数") from None
    return max(seconds, 0.0)


def connect(path: str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file, waiting while another process holds it (DuckDB allows one writing process).

    Raises:
        UnreadableError: still held after ``$BUDGETDOC_DB_WAIT`` seconds (one line naming the holder), or
            not a DuckDB database.
    """
    deadline = time.monotonic() + _wait_seconds()
    pause = 0.05
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            message = str(exc)
            if not _LOCKED.search(message):
                raise UnreadableError(path, f"无法打开 DuckDB 数据库：{message.splitlines()[0]}") from exc
            if time.monotonic() >= deadline:
                pid = _PID.search(message)
                holder = f"（PID {pid.group(1)}）" if pid else ""
                raise UnreadableError(path, f"数据库正被另一个进程{holder}使用，等待 {_wait_seconds():g} 秒后仍未释放；"
                                            f"请待其结束后重试（可用环境变量 {WAIT_ENV} 调整等待时间）") from exc
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


class DuckDBBackend(Backend):
    # ART indexes slow every insert and DuckDB's zone maps already prune scans by key and document.
    secondary_indexes = False

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.url = path if path == ":memory:" else "duckdb://" + path
        self.conn = connect(path)

    def _execute(self, sql: str, params: Sequence[Any]) -> Any:
        return self.conn.execute(sql, list(params))

    def _fetch(self, cursor: Any) -> tuple[list[str], list[tuple[Any, ...]]]:
        columns = [d[0] for d in cursor.description or ()]
        return columns, cursor.fetchall()

    def _begin(self) -> None:
        self.conn.begin()

    def _commit(self) -> None:
        self.conn.commit()

    def _rollback(self) -> None:
        self.conn.rollback()

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        # One Arrow batch instead of a round trip per row: a document has hundreds of facts.
        arrays = [pa.array([row[i] for row in rows]) for i in range(len(columns))]
        incoming = pa.Table.from_arrays(arrays, names=list(columns))  # noqa: F841 - read by DuckDB by name
        with self.lock:
            # A replacement scan of the local Arrow table: cheaper than register/unregister per insert.
            self.conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM incoming")

    def maintain(self) -> None:
        # Many small appends leave the data in the write-ahead log and small row groups until a checkpoint.
        self.execute("CHECKPOINT")

    def read_only(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        if self.path == ":memory:":
            raise UnreadableError(self.path, "内存数据库不支持只读查询")
        with self.lock:
            # The writable connection must let go of the file before a read-only one may open it.
            self.conn.close()
            try:
                with connect(self.path, read_only=True) as ro:
                    return self._fetch(ro.execute(sql))
            finally:
                self.conn = connect(self.path)

    def close(self) -> None:
        self.conn.close()
