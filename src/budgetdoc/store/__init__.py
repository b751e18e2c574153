"""The library of record: parsed documents, facts and findings in DuckDB (embedded) or PostgreSQL (team).

``open_store(url)`` picks the backend from the URL; see docs/store.md for the schema and the interface.
"""

from __future__ import annotations

import os

from budgetdoc.store.core import Store, document_id
from budgetdoc.store.ingest import IngestResult

__all__ = ["IngestResult", "Store", "default_url", "document_id", "open_store"]

DEFAULT_PATH = "budgetdoc.duckdb"


def default_url() -> str:
    return os.environ.get("BUDGETDOC_DB") or DEFAULT_PATH


def open_store(url: str | None = None) -> Store:
    """Open (creating or upgrading) a store.

    Args:
        url: None for ``$BUDGETDOC_DB`` or ``./budgetdoc.duckdb``; a path or ``duckdb:///path`` for DuckDB;
            ``postgresql://…`` for PostgreSQL; ``:memory:`` for a throwaway in-memory DuckDB.

    Raises:
        UnreadableError: the database cannot be opened or reached.
    """
    url = url or default_url()
    if url.startswith(("postgresql://", "postgres://")):
        from budgetdoc.store.postgres import PostgresBackend

        return Store(PostgresBackend(url))
    from budgetdoc.store.duckdb import DuckDBBackend

    if url.startswith("duckdb://"):
        # duckdb:///abs/path keeps its leading slash; duckdb://rel/path is relative.
        url = url.removeprefix("duckdb://")
    return Store(DuckDBBackend(url))
