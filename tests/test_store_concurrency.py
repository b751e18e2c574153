"""Several ``budgetdoc ingest`` processes on one store at once: nothing lost, nothing stored twice or half.

DuckDB lets one process hold a file: the second ingest waits for it (``BUDGETDOC_DB_WAIT``) or exits with one
line naming the holder. PostgreSQL takes every process at once; four ingests with overlapping file lists
into one fresh schema must leave exactly the union of their documents, each with all its rows once.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import SAMPLE_FILES, sample_doc
from test_store_support import PG_URL, pg_schema_url
from budgetdoc.store import migrations, open_store


def _ingest(db: str, ids: list[str], **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "budgetdoc", "ingest", *(str(SAMPLE_FILES[i]) for i in ids),
                             "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **env})


def _finish(procs: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=300)
        out.append((proc.returncode, stdout, stderr))
    return out


def _assert_whole_union(db: str, ids: set[str]) -> None:
    """Every document of ``ids`` stored once, each with exactly its facts, and nothing else."""
    with open_store(db) as store:
        docs = {d["path"]: d for d in store.documents()}
        assert set(docs) == {str(SAMPLE_FILES[i]) for i in ids}
        counts = {r["doc_id"]: r["n"] for r in store.backend.query(
            "SELECT doc_id, COUNT(*) AS n FROM facts GROUP BY doc_id")}
        for sample_id in ids:
            row = docs[str(SAMPLE_FILES[sample_id])]
            assert counts[row["doc_id"]] == row["n_facts"] == len(sample_doc(sample_id).facts)
        assert set(counts) == {d["doc_id"] for d in docs.values()}


def test_two_duckdb_ingests_on_one_file_both_land(tmp_path) -> None:
    db = str(tmp_path / "shared.duckdb")
    # overlapping lists: 002 is in both; whichever process comes second waits for the file
    results = _finish([_ingest(db, ["000", "001", "002"]), _ingest(db, ["002", "003", "004"])])
    for code, stdout, stderr in results:
        assert code == 0, stderr
        assert "Traceback" not in stderr
    _assert_whole_union(db, set(SAMPLE_FILES))


def test_duckdb_ingest_gives_up_in_one_line_when_the_file_stays_held(tmp_path) -> None:
    db = str(tmp_path / "held.duckdb")
    with open_store(db) as store:
        store.ingest([SAMPLE_FILES["003"]])
        (code, stdout, stderr), = _finish([_ingest(db, ["000"], BUDGETDOC_DB_WAIT="1")])
        before = len(store.documents())
    assert code == 2
    assert stdout == ""
    assert stderr.strip().splitlines() == [
        f"错误 {db}: 数据库正被另一个进程（PID {os.getpid()}）使用，等待 1 秒后仍未释放；"
        "请待其结束后重试（可用环境变量 BUDGETDOC_DB_WAIT 调整等待时间）"]
    assert before == 1
    _assert_whole_union(db, {"003"})


@pytest.mark.skipif(not PG_URL, reason="BUDGETDOC_TEST_PG is not set (CI sets it; see .ci/run)")
def test_four_postgres_ingests_give_exactly_the_union() -> None:
    for url in pg_schema_url():
        # a fresh schema: the four also race to create the tables
        lists = [["000", "001"], ["001", "002", "003"], ["003", "004"], ["000", "004", "002"]]
        results = _finish([_ingest(url, ids) for ids in lists])
        for code, stdout, stderr in results:
            assert code == 0, stderr
        _assert_whole_union(url, set(SAMPLE_FILES))
        with open_store(url) as store:
            versions = store.backend.query("SELECT COUNT(*) AS n FROM schema_version")
            assert versions[0]["n"] == migrations.LATEST  # each migration recorded once, not once per process
