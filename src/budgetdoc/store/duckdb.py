"""The embedded store: a DuckDB file (or ``:memory:``). The only module that imports duckdb."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

from budgetdoc.errors import UnreadableError
from budgetdoc.store.backend import Backend


class DuckDBBackend(Backend):
    # ART indexes slow every insert and DuckDB's zone maps already prune scans by key and document.
    secondary_indexes = False

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.url = path if path == ":memory:" else "duckdb://" + path
        try:
            self.conn = duckdb.connect(path)
        except duckdb.Error as exc:
            raise UnreadableError(path, f"无法打开 DuckDB 数据库：{exc}") from exc

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
                with duckdb.connect(self.path, read_only=True) as ro:
                    return self._fetch(ro.execute(sql))
            finally:
                self.conn = duckdb.connect(self.path)

    def close(self) -> None:
        self.conn.close()
