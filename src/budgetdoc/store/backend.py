"""What the store needs from a database: SQL with ``?`` parameters, bulk insert, transactions."""

from __future__ import annotations

import abc
import contextlib
import threading
from collections.abc import Iterator, Sequence
from typing import Any

Row = dict[str, Any]


class Backend(abc.ABC):
    """One connection to DuckDB or PostgreSQL, shared by threads under a lock.

    SQL is written once with ``?`` placeholders; every value goes in as a parameter, never into the text.
    """

    url: str
    secondary_indexes = True
    """Whether ``CREATE INDEX`` steps of the migrations apply (DuckDB scans columns faster than it keeps them)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._depth = 0

    @abc.abstractmethod
    def _execute(self, sql: str, params: Sequence[Any]) -> Any: ...

    @abc.abstractmethod
    def _fetch(self, cursor: Any) -> tuple[list[str], list[tuple[Any, ...]]]: ...

    @abc.abstractmethod
    def _begin(self) -> None: ...

    @abc.abstractmethod
    def _commit(self) -> None: ...

    @abc.abstractmethod
    def _rollback(self) -> None: ...

    @abc.abstractmethod
    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Bulk-insert ``rows`` (tuples in ``columns`` order) into ``table``."""

    @abc.abstractmethod
    def read_only(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run one user statement on a connection that cannot write; (column names, rows)."""

    @abc.abstractmethod
    def close(self) -> None: ...

    def write_lock(self) -> None:
        """Called first in every write transaction: wait for other processes writing the same store.

        DuckDB needs nothing (one process holds the file); PostgreSQL takes a transaction-scoped lock, so
        that concurrent ingests replace a shared document one after the other instead of both inserting it.
        """

    @contextlib.contextmanager
    def schema_lock(self) -> Iterator[None]:
        """Held while migrations run."""
        yield

    def maintain(self) -> None:
        """After a bulk load: let the database fold what was appended into its read-optimized form."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self.lock:
            self._execute(sql, params)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Rows of a SELECT as dicts."""
        with self.lock:
            columns, rows = self._fetch(self._execute(sql, params))
        return [dict(zip(columns, row, strict=True)) for row in rows]

    def has_table(self, name: str) -> bool:
        rows = self.query("SELECT COUNT(*) AS n FROM information_schema.tables "
                          "WHERE table_name = ? AND table_schema = current_schema()", (name,))
        return bool(rows[0]["n"])

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing; nested uses join the outer transaction."""
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._begin()
            self._depth = 1
            try:
                yield
            except BaseException:
                self._depth = 0
                self._rollback()
                raise
            self._depth = 0
            self._commit()
