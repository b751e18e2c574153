"""Issue 7 follow-ups: pipeline version in the idempotency key, and cross-document checks at ingest."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import SAMPLE_FILES, sample_doc
from test_store_support import empty_store  # noqa: F401 - fixture
from budgetdoc.check import catalog, check, check_all
from budgetdoc.demo import build_corpus
from budgetdoc.pipeline import load
from budgetdoc.store import migrations, open_store
from budgetdoc.store.version import pipeline_version


@pytest.fixture
def fresh_pipeline_version():
    """``pipeline_version`` is cached per process; a test that changes the catalogue must see it recomputed."""
    pipeline_version.cache_clear()
    yield
    pipeline_version.cache_clear()


def stored_outcomes(store, doc_id):
    findings = Counter((f["rule"], f["severity"], f["message"]) for f in store.findings(doc_id=doc_id))
    row = store.backend.query("SELECT n_findings, passed FROM documents WHERE doc_id = ?", (doc_id,))[0]
    return findings, row["n_findings"], row["passed"]


def test_a_new_rule_reaches_stored_documents(empty_store, monkeypatch, fresh_pipeline_version):
    path = SAMPLE_FILES["003"]
    report = check(sample_doc("003"))
    dropped = report.findings[0].rule  # percent.change: sample 003 has a finding under it
    with monkeypatch.context() as patch:
        patch.setattr(catalog, "CATALOG", tuple(r for r in catalog.CATALOG if r.code != dropped))
        pipeline_version.cache_clear()
        older = pipeline_version()
        assert empty_store.ingest([path]).ok == 1
        assert dropped not in {f["rule"] for f in empty_store.findings()}
    pipeline_version.cache_clear()
    assert pipeline_version() != older

    again = empty_store.ingest([path])
    assert (again.ok, again.skipped) == (1, 0)
    [doc] = empty_store.documents()
    assert empty_store.backend.query("SELECT pipeline FROM documents")[0]["pipeline"] == pipeline_version()
    assert stored_outcomes(empty_store, doc["doc_id"]) == (
        Counter((f.rule, f.severity.value, f.message) for f in report.findings), len(report.findings), report.passed)
    assert len(empty_store.facts(doc_id=doc["doc_id"])) == len(sample_doc("003").facts)

    same = empty_store.ingest([path])
    assert (same.ok, same.skipped) == (0, 1)
    forced = empty_store.ingest([path], force=True)
    assert (forced.ok, forced.skipped) == (1, 0) and len(empty_store.documents()) == 1


def test_an_older_store_gets_the_pipeline_column_and_reparses(tmp_path):
    from budgetdoc.store.duckdb import DuckDBBackend

    path = str(tmp_path / "v3.duckdb")
    old = DuckDBBackend(path)
    migrations.migrate(old, target=3)
    old.close()
    with open_store(path) as store:
        assert store.upgraded_from == 3
        assert store.ingest([SAMPLE_FILES["004"]]).ok == 1
        # A row stored before the pipeline column existed is not "known" to the current pipeline.
        store.backend.execute("UPDATE documents SET pipeline = DEFAULT")
        assert store.backend.query("SELECT pipeline FROM documents")[0]["pipeline"] == ""
        again = store.ingest([SAMPLE_FILES["004"]])
        assert (again.ok, again.skipped) == (1, 0)
        assert store.backend.query("SELECT pipeline FROM documents")[0]["pipeline"] == pipeline_version()


@pytest.fixture(scope="module")
def same_unit_corpus(tmp_path_factory):
    """Two fictional units over two years; one 2023 file has a wrong 收入总计 (the demo's documented injection)."""
    files = build_corpus(tmp_path_factory.mktemp("demo"), units=2, years=(2022, 2023))
    assert len({f.unit for f in files}) == 2 and {f.year for f in files} == {2022, 2023}
    return files


def test_cross_document_findings_match_checking_the_unit_together(empty_store, same_unit_corpus):
    first = empty_store.ingest([f.path for f in same_unit_corpus if f.year == 2022])
    per_unit = Counter(f.unit for f in same_unit_corpus if f.year == 2022)
    assert first.rechecked == sum(n for n in per_unit.values() if n > 1)  # a lone document has nothing to compare
    second = empty_store.ingest([f.path for f in same_unit_corpus if f.year == 2023])
    assert second.rechecked == len(same_unit_corpus)  # both units gained a year: all their documents re-checked

    by_path = {d["path"]: d["doc_id"] for d in empty_store.documents()}
    expected = check_all([load(f.path) for f in same_unit_corpus])
    for doc, report in expected:
        assert stored_outcomes(empty_store, by_path[doc.path]) == (
            Counter((f.rule, f.severity.value, f.message) for f in report.findings), len(report.findings),
            report.passed)
    # The injected 收入总计 disagrees with 比上年增减 against the unit's 2022 document: a cross-document finding.
    [injected] = [f for f in same_unit_corpus if f.injected == "income-total-typo"]
    assert "cross.previous-year" in {f["rule"] for f in empty_store.findings(doc_id=by_path[injected.path])}

    before = {doc_id: stored_outcomes(empty_store, doc_id) for doc_id in by_path.values()}
    assert empty_store.recheck_related({d["unit_id"] for d in empty_store.documents()}) == len(by_path)
    assert {doc_id: stored_outcomes(empty_store, doc_id) for doc_id in by_path.values()} == before


def test_a_document_left_alone_loses_its_stale_cross_findings(empty_store, same_unit_corpus, tmp_path):
    this = next(f for f in same_unit_corpus if f.injected == "income-total-typo")
    last = next(f for f in same_unit_corpus if (f.unit, f.year, f.kind) == (this.unit, this.year - 1, this.kind))
    copies = {}
    for record in (last, this):
        copies[record.year] = tmp_path / f"{record.year}.txt"
        copies[record.year].write_bytes(Path(record.path).read_bytes())
    assert empty_store.ingest(list(copies.values())).rechecked == 2
    this_id = next(d["doc_id"] for d in empty_store.documents() if d["path"] == str(copies[2023]))
    assert "cross.previous-year" in {f["rule"] for f in empty_store.findings(doc_id=this_id)}

    # Last year's file is replaced by another unit's document: this year's has nothing left to compare with.
    copies[2022].write_bytes(SAMPLE_FILES["004"].read_bytes())
    assert empty_store.ingest([copies[2022]]).ok == 1
    report = check(load(str(copies[2023])))
    assert stored_outcomes(empty_store, this_id) == (
        Counter((f.rule, f.severity.value, f.message) for f in report.findings), len(report.findings), report.passed)
    assert not any(f.rule.startswith("cross.") for f in report.findings)
