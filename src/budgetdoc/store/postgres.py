"""The team store on a PostgreSQL server (psycopg 3). The only module that imports psycopg."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

import psycopg

from budgetdoc.errors import UnreadableError
from budgetdoc.store.backend import Backend


def _pg_sql(sql: str) -> str:
    # The store's SQL uses ``?`` placeholders; psycopg wants ``%s`` and a literal ``%`` doubled.
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresBackend(Backend):
    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise UnreadableError(_redact(url), f"无法连接 PostgreSQL：{str(exc).strip().splitlines()[0]}") from exc

    def _execute(self, sql: str, params: Sequence[Any]) -> Any:
        return self.conn.execute(_pg_sql(sql), list(params))  # type: ignore[arg-type]

    def _fetch(self, cursor: Any) -> tuple[list[str], list[tuple[Any, ...]]]:
        columns = [d.name for d in cursor.description or ()]
        return columns, cursor.fetchall()

    def _begin(self) -> None:
        self.conn.execute("BEGIN")

    def _commit(self) -> None:
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        self.conn.execute("ROLLBACK")

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        with self.lock, self.conn.cursor() as cur:
            with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    # Advisory locks keyed by the schema: stores in other schemas of one database do not wait for each other.
    _LOCK_KEY = "hashtext(current_schema())"

    def write_lock(self) -> None:
        self.execute(f"SELECT pg_advisory_xact_lock({self._LOCK_KEY}, 1)")

    @contextlib.contextmanager
    def schema_lock(self) -> Iterator[None]:
        with self.lock:
            self.execute(f"SELECT pg_advisory_lock({self._LOCK_KEY}, 0)")
            try:
                yield
            finally:
                self.execute(f"SELECT pg_advisory_unlock({self._LOCK_KEY}, 0)")

    def maintain(self) -> None:
        # Fresh planner statistics, so compare queries pick the indexes on large tables.
        self.execute("ANALYZE")

    def read_only(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        with self.lock:
            with psycopg.connect(self.url) as ro:
                ro.read_only = True
                cursor = ro.execute(sql)  # type: ignore[arg-type]
                result = self._fetch(cursor)
                ro.rollback()
                return result

    def close(self) -> None:
        self.conn.close()


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    head, sep, tail = url.rpartition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, creds = head.partition("//")
    return f"{scheme}//{creds.split(':', 1)[0]}:***@{tail}"
