"""Shared fixtures of the store, web and browser tests: stores on DuckDB and (when configured) PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from conftest import SAMPLE_FILES
from budgetdoc.store import Store, open_store

PG_URL = os.environ.get("BUDGETDOC_TEST_PG", "")
BACKENDS = ["duckdb", pytest.param("postgres", marks=pytest.mark.skipif(
    not PG_URL, reason="BUDGETDOC_TEST_PG is not set (CI sets it; see .ci/run)"))]
TEXT_SAMPLES = [str(p) for p in SAMPLE_FILES.values()]


def pg_schema_url() -> Iterator[str]:
    """A URL whose search_path is a fresh schema of the test database, dropped afterwards."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def store_url(kind: str, tmp_path) -> Iterator[str]:
    if kind == "postgres":
        yield from pg_schema_url()
    else:
        yield str(tmp_path / "store.duckdb")


@pytest.fixture(params=BACKENDS)
def empty_store(request, tmp_path) -> Iterator[Store]:
    """A new, empty store on each backend."""
    for url in store_url(request.param, tmp_path):
        with open_store(url) as store:
            yield store


@pytest.fixture(scope="module", params=BACKENDS)
def sample_store(request, tmp_path_factory) -> Iterator[Store]:
    """A store with the five text samples ingested (shared by a module's read-only tests)."""
    for url in store_url(request.param, tmp_path_factory.mktemp("store")):
        with open_store(url) as store:
            result = store.ingest(TEXT_SAMPLES)
            assert result.failed == 0, result.failures
            yield store
