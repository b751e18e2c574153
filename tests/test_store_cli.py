"""``budgetdoc ingest | compare | export | sql`` on the real samples, and the export formats."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from conftest import SAMPLE_FILES, sample_doc
from test_store_support import TEXT_SAMPLES
from budgetdoc.export import export_bytes
from budgetdoc.store import open_store


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "budgetdoc", *args], capture_output=True, text=True, env=env,
                          timeout=300)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    result = run("ingest", *TEXT_SAMPLES, "--db", str(path), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert "入库 5 个" in result.stdout
    return str(path)


def test_ingest_reports_failures_and_exits_nonzero(db, tmp_path):
    missing = tmp_path / "missing.txt"
    result = run("ingest", str(SAMPLE_FILES["000"]), str(missing), "--db", db)
    assert result.returncode == 1
    assert "已存在跳过 1 个" in result.stdout and "失败 1 个" in result.stdout
    assert f"{missing}: 文件不存在" in result.stderr
    assert "Traceback" not in result.stderr


def test_compare_prints_the_printed_amounts(db):
    result = run("compare", "--key", "three.total", "--db", db, "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert {r["单位"]: r["值"] for r in rows} == {
        sample_doc("000").unit: "32.94", sample_doc("002").unit: "4.86",
        sample_doc("003").unit: "77.21", sample_doc("004").unit: "12.24"}
    unknown = run("compare", "--key", "three.total", "--unit", "不存在的单位", "--db", db)
    assert unknown.returncode == 4 and "不存在的单位: 库中没有这个单位" in unknown.stderr


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet", "json"])
def test_export_formats_hold_the_stored_facts(db, tmp_path, fmt):
    out = tmp_path / f"three.{fmt}"
    result = run("export", "--format", fmt, "--key", "three.", "--unit", sample_doc("003").unit, "-o", str(out),
                 "--db", db)
    assert result.returncode == 0, result.stderr
    expected = [f for f in sample_doc("003").facts if f.key.startswith("three.")]
    assert expected
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        got = [(r["键"], r["值"]) for r in rows]
    elif fmt == "xlsx":
        sheet = load_workbook(out).active
        values = list(sheet.values)
        header = list(values[0])
        got = [(r[header.index("键")], r[header.index("值")]) for r in values[1:]]
    elif fmt == "parquet":
        table = pq.read_table(out)
        assert str(table.schema.field("value_num").type) == "decimal128(20, 6)"
        got = list(zip(table.column("key").to_pylist(), table.column("value_text").to_pylist(), strict=True))
    else:
        got = [(r["key"], r["value_text"]) for r in json.loads(out.read_text(encoding="utf-8"))]
    assert got == [(f.key, str(f.value) if isinstance(f.value, (Decimal, int)) else f.value) for f in expected]


def test_sql_is_read_only(db):
    ok = run("sql", "SELECT COUNT(*) AS n FROM documents", "--db", db)
    assert ok.returncode == 0 and " 5 " in ok.stdout
    refused = run("sql", "DELETE FROM documents", "--db", db)
    assert refused.returncode == 4
    assert "SQL 执行失败" in refused.stderr and "Traceback" not in refused.stderr
    with open_store(db) as store:
        assert len(store.documents()) == 5


def test_export_refuses_unknown_format_without_writing(db, tmp_path):
    out = tmp_path / "x.doc"
    result = run("export", "--format", "doc", "-o", str(out), "--db", db)
    assert result.returncode == 4 and not out.exists()


def test_export_bytes_keeps_decimal_digits():
    rows = [{"key": "a", "value_num": Decimal("1787.230000"), "value_text": "1787.23"}]
    table = pq.read_table(io.BytesIO(export_bytes(rows, "parquet", ("key", "value_num", "value_text"))))
    assert table.column("value_num").to_pylist() == [Decimal("1787.230000")]
    assert json.loads(export_bytes(rows, "json", ("key", "value_num")))[0]["value_num"] == "1787.230000"


def test_compare_chart_is_a_png_of_the_bars(db, tmp_path):
    from PIL import Image

    out = tmp_path / "three.png"
    result = run("compare", "--key", "three.total", "--key", "ops.total", "--chart", str(out), "--db", db)
    assert result.returncode == 0, result.stderr
    image = Image.open(out)
    assert image.format == "PNG" and image.size == (1200, 640)
    colors = {color for _, color in image.getcolors(maxcolors=1_000_000)}
    assert (0x54, 0x70, 0xC6) in colors and (0x91, 0xCC, 0x75) in colors  # one colour per key


def counts(db: str) -> dict[str, int]:
    with open_store(db) as store:
        return {table: store.backend.query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]
                for table in ("documents", "facts", "findings", "deferred", "units")}


def test_ingest_from_batch_stores_what_a_direct_ingest_stores(tmp_path):
    files = [str(SAMPLE_FILES["000"]), str(SAMPLE_FILES["002"])]
    out = tmp_path / "batch"
    batch = run("batch", *files, "--out", str(out), "--jobs", "1", "--no-progress")
    assert batch.returncode == 0, batch.stderr
    from_batch, direct = str(tmp_path / "from_batch.duckdb"), str(tmp_path / "direct.duckdb")
    loaded = run("ingest", "--from-batch", str(out), "--db", from_batch)
    assert loaded.returncode == 0, loaded.stderr
    assert "从批处理结果入库 2 个文档" in loaded.stdout
    with open_store(direct) as store:
        assert store.ingest(files).ok == 2
    expected = counts(direct)
    assert expected["documents"] == 2 and expected["facts"] == len(sample_doc("000").facts) + len(
        sample_doc("002").facts)
    assert counts(from_batch) == expected
    not_batch = run("ingest", "--from-batch", str(tmp_path), "--db", from_batch)
    assert not_batch.returncode == 4 and "不是 budgetdoc batch 的输出目录" in not_batch.stderr


def test_force_parses_stored_content_again(tmp_path):
    db = str(tmp_path / "force.duckdb")
    with open_store(db) as store:
        assert store.ingest([SAMPLE_FILES["004"]]).ok == 1
    skipped = run("ingest", str(SAMPLE_FILES["004"]), "--db", db)
    assert "入库 0 个，已存在跳过 1 个" in skipped.stdout
    forced = run("ingest", str(SAMPLE_FILES["004"]), "--db", db, "--force")
    assert forced.returncode == 0 and "入库 1 个，已存在跳过 0 个" in forced.stdout
    assert counts(db)["documents"] == 1
