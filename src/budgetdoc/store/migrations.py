"""Versioned schema: each step runs once, in order, in its own transaction; opening an old store upgrades it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from budgetdoc.store import schema

if TYPE_CHECKING:
    from budgetdoc.store.backend import Backend

MIGRATIONS: tuple[tuple[str, ...], ...] = (schema.V1, schema.V2, schema.V3, schema.V4, schema.V5)
"""MIGRATIONS[i] takes a store from version i to version i + 1. Append, never edit a released step."""

LATEST = len(MIGRATIONS)


def version(backend: Backend) -> int:
    """The schema version of the store; 0 for an empty database."""
    if not backend.has_table("schema_version"):
        return 0
    rows = backend.query("SELECT MAX(version) AS v FROM schema_version")
    return int(rows[0]["v"] or 0)


def migrate(backend: Backend, target: int = LATEST) -> int:
    """Upgrade the store to ``target``; return the version it was at before.

    Under the backend's schema lock, so that processes opening a new store at once create it once.
    """
    with backend.schema_lock():
        before = version(backend)
        if before == 0 and not backend.has_table("schema_version"):
            with backend.transaction():
                backend.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        for number in range(before + 1, target + 1):
            with backend.transaction():
                for statement in MIGRATIONS[number - 1]:
                    if statement.startswith("CREATE INDEX") and not backend.secondary_indexes:
                        continue
                    backend.execute(statement)
                backend.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
    return before
