"""The store on DuckDB and PostgreSQL: ingest of the real samples, idempotence, replacement, atomicity."""

from __future__ import annotations

import dataclasses
import shutil
import signal
import subprocess
import sys
import time
from decimal import Decimal

import pytest

from conftest import SAMPLE_FILES, sample_doc
from test_store_support import TEXT_SAMPLES, empty_store, sample_store  # noqa: F401 - fixtures
from budgetdoc.check import check
from budgetdoc.model import Report
from budgetdoc.serialize import plain
from budgetdoc.store import document_id, migrations, open_store
from budgetdoc.store.units import canonical_name

# 财政拨款“三公”经费支出 as printed in each final-accounts sample (000 line 423, 002 line 304, 003 line 69,
# 004 line 336).
THREE_TOTAL = {"000": "32.94", "002": "4.86", "003": "77.21", "004": "12.24"}


def test_samples_are_stored_with_every_fact_and_source(sample_store):
    docs = {d["path"]: d for d in sample_store.documents()}
    assert len(docs) == 5
    for sample_id, path in SAMPLE_FILES.items():
        doc = sample_doc(sample_id)
        stored = sample_store.facts(doc_id=docs[str(path)]["doc_id"])
        assert len(stored) == len(doc.facts) == docs[str(path)]["n_facts"]
        for fact, row in zip(doc.facts, stored, strict=True):
            assert row["key"] == fact.key
            assert row["value_text"] == (str(plain(fact.value)) if not isinstance(fact.value, bool)
                                         else str(fact.value).lower())
            if isinstance(fact.value, Decimal):
                assert row["value_num"] == fact.value
            assert (row["line"], row["col"], row["end_line"], row["end_col"]) == (
                fact.source.line, fact.source.column, fact.source.end_line, fact.source.end_column)
            assert row["snippet"] == fact.source.text
            assert row["src_offset"] == fact.source.offset and row["src_end"] == fact.source.end_offset
            assert row["origin"] == fact.source.origin
    # 001's 表2 and 表4 restate totals of its text: stored as table figures
    assert any(row["origin"] == "table" for row in sample_store.facts(doc_id=docs[str(SAMPLE_FILES["001"])]["doc_id"]))


def test_ingest_is_idempotent_by_content(sample_store):
    again = sample_store.ingest(TEXT_SAMPLES)
    assert (again.ok, again.skipped, again.failed) == (0, 5, 0)
    assert len(sample_store.documents()) == 5


def test_findings_are_those_of_the_checker(sample_store):
    for sample_id, path in SAMPLE_FILES.items():
        report = check(sample_doc(sample_id))
        doc_id = next(d["doc_id"] for d in sample_store.documents() if d["path"] == str(path))
        stored = sample_store.findings(doc_id=doc_id)
        assert [(f["rule"], f["severity"], f["message"]) for f in stored] == [
            (f.rule, f.severity.value, f.message) for f in report.findings]


def test_compare_three_public_totals_across_units(sample_store):
    rows = sample_store.compare(["three.total"])
    by_unit = {r["unit"]: r["value_text"] for r in rows}
    for sample_id, printed in THREE_TOTAL.items():
        assert by_unit[sample_doc(sample_id).unit] == printed
    one = sample_store.compare(["three.total"], units=[sample_doc("003").unit], years=[2024])
    assert [(r["value_text"], r["value_num"]) for r in one] == [("77.21", Decimal("77.21"))]
    assert sample_store.compare(["three.total"], years=[1999]) == []


def test_amounts_are_decimal_never_double(sample_store):
    types = sample_store.backend.query(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = current_schema()")
    assert not [t for t in types if "DOUBLE" in str(t["data_type"]).upper()
                or "FLOAT" in str(t["data_type"]).upper() or "REAL" in str(t["data_type"]).upper()]
    value_num = next(t for t in types if (t["table_name"], t["column_name"]) == ("facts", "value_num"))
    assert str(value_num["data_type"]).upper() in ("DECIMAL(20,6)", "NUMERIC")


def test_unit_filter_accepts_any_printing_of_the_name(sample_store):
    uid = sample_store.resolve_units(["昌吉回族自治州财政局"])
    assert uid == sample_store.resolve_units(["昌吉州财政局（本级）"])
    assert len(sample_store.facts(key_prefix="three.", units=["昌吉州财政局"])) == len(
        [f for f in sample_doc("000").facts if f.key.startswith("three.")])


def test_one_unit_across_years_even_when_printed_differently(empty_store):
    doc = sample_doc("000")
    empty_store.save(doc, check(doc))
    later = dataclasses.replace(doc, path="/elsewhere/2024.txt", unit="昌吉州财政局（本级）", year=2024,
                                meta={**doc.meta, "sha256": "f" * 64})
    empty_store.save(later, Report(path=later.path))
    units = empty_store.units()
    assert len(units) == 1
    assert units[0]["documents"] == 2
    assert set(units[0]["names"]) == {"昌吉回族自治州财政局", "昌吉州财政局（本级）"}
    assert (units[0]["first_year"], units[0]["last_year"]) == (2023, 2024)


@pytest.mark.parametrize(("printed", "canonical"), [
    ("昌吉回族自治州财政局", "昌吉州财政局"),
    ("昌吉州 财政局（本级）", "昌吉州财政局"),
    ("中国共产党北京市委员会宣传部", "中共北京市委宣传部"),
    ("新疆维吾尔自治区财政厅", "新疆自治区财政厅"),
])
def test_canonical_unit_names(printed, canonical):
    assert canonical_name(printed) == canonical


def test_distinct_units_stay_distinct():
    assert canonical_name("昌吉州财政局") != canonical_name("昌吉州教育局")


def test_changed_file_replaces_its_rows(empty_store, tmp_path):
    path = tmp_path / "unit.txt"
    shutil.copy(SAMPLE_FILES["003"], path)
    assert empty_store.ingest([path]).ok == 1
    text = path.read_text(encoding="utf-8").replace("财政拨款“三公”经费支出77.21万元", "财政拨款“三公”经费支出78.21万元")
    path.write_text(text, encoding="utf-8")
    result = empty_store.ingest([path])
    assert (result.ok, result.skipped) == (1, 0)
    docs = empty_store.documents()
    assert len(docs) == 1
    assert [r["value_text"] for r in empty_store.compare(["three.total"])] == ["78.21"]
    total = empty_store.backend.query("SELECT COUNT(*) AS n FROM facts")[0]["n"]
    assert total == docs[0]["n_facts"]


def test_failing_files_are_reported_and_skipped(empty_store, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("会议纪要：本周讨论了办公用品采购。\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    shutil.copy(SAMPLE_FILES["002"], tmp_path / "sub" / "a.txt")
    result = empty_store.ingest([tmp_path])
    assert (result.ok, result.failed) == (1, 2)
    messages = dict(result.failures)
    assert "文件为空" in messages[str(tmp_path / "empty.txt")]
    assert "不是部门预算或部门决算" in messages[str(tmp_path / "notes.txt")]
    assert [d["path"] for d in empty_store.documents()] == [str(tmp_path / "sub" / "a.txt")]


def fail_on(store, table: str, monkeypatch) -> None:
    """Make the store's bulk insert into ``table`` fail, as a full disk or a lost connection would."""
    original = store.backend.insert_rows

    def failing(name, columns, rows):
        if name == table:
            raise RuntimeError("disk full")
        original(name, columns, rows)

    monkeypatch.setattr(store.backend, "insert_rows", failing)


def test_a_failed_save_leaves_no_partial_document(empty_store, monkeypatch):
    doc = sample_doc("004")
    fail_on(empty_store, "sections", monkeypatch)
    with pytest.raises(RuntimeError):
        empty_store.save(doc, check(doc))
    for table in ("documents", "facts", "findings", "units"):
        assert empty_store.backend.query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"] == 0


def test_jobs_pool_gives_the_same_store(empty_store):
    result = empty_store.ingest(TEXT_SAMPLES[:3], jobs=2)
    assert result.ok == 3
    assert sorted(d["doc_id"] for d in empty_store.documents()) == sorted(
        document_id(sample_doc(i)) for i in ("000", "001", "002"))


def test_kill_9_mid_ingest_leaves_only_whole_documents(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):  # distinct content per copy, so each is a new document
        for sample_id, path in SAMPLE_FILES.items():
            (corpus / f"{n}_{sample_id}.txt").write_text(path.read_text(encoding="utf-8") + "\n" * (n + 1),
                                                         encoding="utf-8")
    db = tmp_path / "kill.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "budgetdoc", "ingest", str(corpus), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = db.with_name(db.name + ".wal")
    deadline = time.monotonic() + 60
    # The write-ahead log grows with the first committed document: kill while the rest are still to come.
    while time.monotonic() < deadline and not (wal.exists() and wal.stat().st_size > 0):
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with open_store(str(db)) as store:
        docs = store.documents()
        assert len(docs) < 15
        for doc in docs:
            n = store.backend.query("SELECT COUNT(*) AS n FROM facts WHERE doc_id = ?", (doc["doc_id"],))[0]["n"]
            assert n == doc["n_facts"]
        orphans = store.backend.query("SELECT COUNT(*) AS n FROM facts WHERE doc_id NOT IN "
                                      "(SELECT doc_id FROM documents)")[0]["n"]
        assert orphans == 0
        result = store.ingest([corpus])
        assert result.ok + result.skipped == 15 and result.skipped == len(docs)


def test_opening_an_older_store_upgrades_it(tmp_path):
    from budgetdoc.store.duckdb import DuckDBBackend

    path = str(tmp_path / "old.duckdb")
    old = DuckDBBackend(path)
    migrations.migrate(old, target=1)
    old.execute("INSERT INTO documents (doc_id, path, sha256, unit, year, kind, n_facts) "
                "VALUES ('d1', 'old.txt', 'abc', '旧单位', 2020, 'final_accounts', 0)")
    old.close()
    with open_store(f"duckdb://{path}") as store:
        assert store.upgraded_from == 1
        assert migrations.version(store.backend) == migrations.LATEST
        assert store.backend.has_table("indicators")
        assert [d["unit"] for d in store.documents()] == ["旧单位"]
    with open_store(path) as store:
        assert store.upgraded_from == migrations.LATEST


def test_store_urls(tmp_path, monkeypatch):
    with open_store(":memory:") as store:
        assert store.documents() == []
    monkeypatch.setenv("BUDGETDOC_DB", str(tmp_path / "env.duckdb"))
    with open_store() as store:
        assert store.url == f"duckdb://{tmp_path / 'env.duckdb'}"
    assert (tmp_path / "env.duckdb").exists()


def test_perf_and_budget_tables_are_stored(empty_store):
    doc = sample_doc("001")
    empty_store.save(doc, check(doc))
    q = empty_store.backend.query
    assert q("SELECT COUNT(*) AS n FROM perf_tables")[0]["n"] == len(doc.perf_tables)
    assert q("SELECT COUNT(*) AS n FROM indicators")[0]["n"] == sum(len(t.indicators) for t in doc.perf_tables)
    assert q("SELECT COUNT(*) AS n FROM budget_rows")[0]["n"] == sum(len(t.rows) for t in doc.tables)
    coded = [r for t in doc.tables for r in t.rows if r.code]
    if coded:
        stored = q("SELECT code, label FROM budget_rows WHERE code = ? ORDER BY table_seq, seq", (coded[0].code,))
        assert (stored[0]["code"], stored[0]["label"]) == (coded[0].code, coded[0].label)


def test_progress_bar_reports_without_changing_the_result(empty_store, capsys):
    result = empty_store.ingest([SAMPLE_FILES["003"]], progress=True)
    assert (result.ok, result.failed) == (1, 0)
    assert result.stored == [str(SAMPLE_FILES["003"])]


def test_save_many_is_all_or_nothing(empty_store, monkeypatch):
    pairs = [(sample_doc(i), check(sample_doc(i))) for i in ("002", "003")]
    with monkeypatch.context() as patch:
        fail_on(empty_store, "findings", patch)
        with pytest.raises(RuntimeError):
            empty_store.save_many(pairs)
    assert empty_store.documents() == [] and empty_store.units() == []
    empty_store.save_many(pairs)
    assert sorted(d["doc_id"] for d in empty_store.documents()) == sorted(document_id(d) for d, _ in pairs)
    assert len(empty_store.units()) == 2
