"""Batch runs on the real samples: Parquet rows, exact round trip, resume, dead workers, retry, CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest
from conftest import SAMPLE_FILES, sample_doc
from typer.testing import CliRunner

from budgetdoc import __version__
from budgetdoc.batch import ingest_batch, output, read_dataset, resume, run_batch, worker
from budgetdoc.batch.records import TABLES, from_json, to_json
from budgetdoc.batch.status import VOLATILE
from budgetdoc.check import check
from budgetdoc.model import Document, Fact, Report, Source
from budgetdoc.pipeline import load

SAMPLES = [str(p) for p in SAMPLE_FILES.values()]


def _file_id(table: pa.Table, name: str) -> str:
    rows = [r for r in table.to_pylist() if Path(r["path"]).name.startswith(name)]
    assert len(rows) == 1
    return rows[0]["file_id"]


def _stable(out: Path) -> dict[str, list[dict]]:
    """Every dataset of a batch output, with the run-dependent status columns left out."""
    data = {name: read_dataset(out, name).to_pylist() for name in TABLES}
    data["status"] = read_dataset(out, "status").drop_columns(list(VOLATILE)).to_pylist()
    return data


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """The five samples plus one file that is not a disclosure at all."""
    bad = tmp_path_factory.mktemp("bad") / "broken.pdf"
    bad.write_bytes(b"this is not a pdf at all\x00\x01")
    return [*SAMPLES, str(bad)]


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory, corpus) -> Path:
    out = tmp_path_factory.mktemp("clean")
    run_batch(corpus, out, jobs=2)
    return out


def test_json_round_trip_is_exact_on_every_sample():
    for sample_id in SAMPLE_FILES:
        doc = sample_doc(sample_id)
        report = check(doc)
        assert from_json(Document, to_json(doc)) == doc
        assert from_json(Report, to_json(report)) == report


def test_json_keeps_value_types_and_decimal_exponent():
    src = Source(path="x.pdf", line=3, column=1, end_line=3, end_column=4, text="1.50", page=2,
                 bbox=(10.5, 20.25, 30.0, 40.125))
    facts = [Fact(key="a", value=Decimal("1.50"), source=src), Fact(key="b", value=7, source=src),
             Fact(key="c", value=True, source=src), Fact(key="d", value="1.50", source=src)]
    back = [from_json(Fact, to_json(f)) for f in facts]
    assert back == facts
    assert [type(f.value) for f in back] == [Decimal, int, bool, str]
    assert str(back[0].value) == "1.50"
    assert back[0].source.bbox == (10.5, 20.25, 30.0, 40.125)


def test_batch_writes_partitioned_datasets_with_located_facts(clean_run, corpus):
    status = read_dataset(clean_run, "status")
    assert status.num_rows == len(corpus)
    by_name = {Path(r["path"]).name: r for r in status.to_pylist()}
    assert by_name["broken.pdf"]["status"] == "failed"
    assert "PDF" in by_name["broken.pdf"]["message"]
    for path in SAMPLES:
        row = by_name[Path(path).name]
        assert row["status"] in ("ok", "warning")
        assert row["bytes"] == Path(path).stat().st_size
        assert row["read_s"] is not None and row["extract_s"] is not None and row["check_s"] is not None
    docs = read_dataset(clean_run, "documents")
    assert sorted(docs.column("kind").to_pylist()) == ["budget"] + ["final_accounts"] * 4
    assert (clean_run / "documents" / "kind=budget" / "year=2024").is_dir()
    assert (clean_run / "facts" / "kind=final_accounts" / "year=2023").is_dir()
    # 000: "2023 年度收入总计 3,039.73 万元" on line 161 — a decimal string, never a float.
    facts = read_dataset(clean_run, "facts")
    assert facts.schema.field("value").type == pa.string()
    fid = _file_id(status, "000_")
    income = [r for r in facts.to_pylist() if r["file_id"] == fid and r["key"] == "summary.income_total"]
    assert income[0]["value"] == "3039.73" and income[0]["value_type"] == "decimal"
    assert income[0]["line"] == 161 and "3,039.73" in income[0]["text"]
    assert facts.num_rows == sum(len(sample_doc(s).facts) for s in SAMPLE_FILES)
    # 001 表1 部门收支总体情况表, line 150: "一、本年收入 17,690.90 …"
    rows = read_dataset(clean_run, "table_rows").to_pylist()
    first = next(r for r in rows if r["file_id"] == _file_id(status, "001_") and r["table_number"] == "表1")
    assert first["table_name"] == "部门收支总体情况表" and first["cells"][:2] == ["一、本年收入", "17,690.90"]
    indicators = read_dataset(clean_run, "perf_indicators")
    assert indicators.num_rows == sum(len(p.indicators) for s in SAMPLE_FILES for p in sample_doc(s).perf_tables)
    findings = read_dataset(clean_run, "findings")
    assert findings.num_rows == sum(len(check(sample_doc(s)).findings) for s in SAMPLE_FILES)


def test_rerun_skips_everything_and_changes_nothing(tmp_path, clean_run, corpus):
    out = tmp_path / "out"
    shutil.copytree(clean_run, out)
    before = _stable(out)
    result = run_batch(corpus, out, jobs=2)
    assert (result.processed, result.skipped) == (0, len(corpus))
    assert _stable(out) == before


def test_resume_after_a_run_died_midway(tmp_path, clean_run, corpus):
    out = tmp_path / "out"
    version = __version__
    # The dead run committed two files, was writing a third (a half-written part), had started a fourth.
    worker.process_file(resume.expand_inputs([SAMPLES[0]])[0], str(out), version)
    worker.process_file(resume.expand_inputs([SAMPLES[1]])[0], str(out), version)
    half = out / output.PARTS / "ab" / ".tmp-abcdef-1234"
    half.mkdir(parents=True)
    (half / "facts.parquet").write_bytes(b"PAR1 truncated")
    resume.count_start(out, resume.expand_inputs([SAMPLES[2]])[0])
    result = run_batch(corpus, out, jobs=2)
    assert (result.processed, result.skipped) == (len(corpus) - 2, 2)
    assert not half.exists()
    assert _stable(out) == _stable(clean_run)
    facts = read_dataset(out, "facts")
    assert len(set(zip(facts["file_id"].to_pylist(), facts["ordinal"].to_pylist()))) == facts.num_rows


def test_worker_killed_once_loses_nothing(tmp_path, monkeypatch, clean_run, corpus):
    monkeypatch.setenv(worker.CRASH_ONCE_ENV, "002_")
    out = tmp_path / "out"
    result = run_batch(corpus, out, jobs=2)
    status = {Path(r["path"]).name[:4]: r for r in read_dataset(out, "status").to_pylist()}
    assert status["002_"]["attempt"] == 2  # it died once, then ran again alone
    assert result.counts["failed"] == 1  # only broken.pdf
    assert not any((out / output.RUNNING).iterdir())
    assert _stable(out) == _stable(clean_run)
    result = run_batch(corpus, out, jobs=2)
    assert result.processed == 0 and _stable(out) == _stable(clean_run)


def test_file_that_always_kills_its_worker_fails_alone_then_retries(tmp_path, monkeypatch, clean_run, corpus):
    monkeypatch.setenv(worker.CRASH_ENV, "003_")
    out = tmp_path / "out"
    result = run_batch(corpus, out, jobs=2)
    failed = dict(result.failed)
    assert len(failed) == 2
    assert "异常退出" in failed[resume.expand_inputs([SAMPLE_FILES["003"]])[0]]
    assert read_dataset(out, "documents").num_rows == 4
    monkeypatch.delenv(worker.CRASH_ENV)
    assert run_batch(corpus, out, jobs=2).processed == 0  # a failure is a result until asked to retry
    result = run_batch(corpus, out, jobs=2, retry_failed=True)
    assert result.processed == 2 and len(result.failed) == 1
    assert _stable(out) == _stable(clean_run)


class _RecordingStore:
    def __init__(self) -> None:
        self.saved: list[tuple[Document, Report]] = []

    def save(self, doc: Document, report: Report) -> None:
        self.saved.append((doc, report))


def test_ingest_batch_rebuilds_documents_without_parsing(clean_run):
    store = _RecordingStore()
    assert ingest_batch(clean_run, store) == 5
    for doc, report in store.saved:
        fresh = load(doc.path)
        assert doc == fresh
        assert report == check(fresh)


def test_ingest_batch_into_duckdb_store(tmp_path, clean_run):
    store_module = pytest.importorskip("budgetdoc.store")
    store = store_module.open_store(f"duckdb:///{tmp_path / 'b.duckdb'}")
    try:
        assert ingest_batch(clean_run, store) == 5
        assert len(store.documents()) == 5
        assert len(store.facts()) == sum(len(sample_doc(s).facts) for s in SAMPLE_FILES)
    finally:
        getattr(store, "close", lambda: None)()


def test_ingest_batch_refuses_a_directory_that_is_not_a_batch(tmp_path):
    from budgetdoc.errors import UsageError

    with pytest.raises(UsageError, match="不是 budgetdoc batch 的输出目录"):
        ingest_batch(tmp_path, _RecordingStore())


def test_cli_batch_summary_and_exit_codes(tmp_path, corpus):
    from budgetdoc.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["batch", *SAMPLES, "--out", str(tmp_path / "o"), "--jobs", "2", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "本次处理 5" in result.output and "失败 0" in result.output
    result = runner.invoke(app, ["batch", *corpus, "--out", str(tmp_path / "o"), "--no-progress"])
    assert result.exit_code == 1
    assert "本次处理 1" in result.output and "broken.pdf" in result.output and "--retry-failed" in result.output
    proc = subprocess.run([sys.executable, "-m", "budgetdoc", "batch", str(tmp_path / "missing.txt"), "--out",
                           str(tmp_path / "o")], check=False, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 4
    assert "missing.txt" in proc.stderr and "不存在" in proc.stderr and "Traceback" not in proc.stderr
