"""budgetdoc demo: a fictional corpus whose only error findings are the mistakes it injected and documented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budgetdoc.check import check
from budgetdoc.cli import app
from budgetdoc.demo import MANIFEST, build_corpus
from budgetdoc.demo.errors import BY_CODE, INJECTIONS
from budgetdoc.model import Severity
from budgetdoc.pipeline import load
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    directory = tmp_path_factory.mktemp("demo")
    return directory, build_corpus(directory, years=(2024,))


def test_corpus_is_documented(corpus: tuple[Path, list]) -> None:
    directory, files = corpus
    assert len(files) == 24
    assert sorted(f.kind for f in files) == ["budget"] * 12 + ["final_accounts"] * 12
    manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    assert [row["path"] for row in manifest] == [Path(f.path).name for f in files]
    injected = [row for row in manifest if row["injected"]]
    assert sorted(row["injected"] for row in injected) == sorted(i.code for i in INJECTIONS)
    readme = (directory / "README.md").read_text(encoding="utf-8")
    for row in injected:
        assert row["path"] in readme and row["description"] in readme


def test_checker_finds_exactly_the_injected_mistakes(corpus: tuple[Path, list]) -> None:
    _, files = corpus
    for record in files:
        doc = load(record.path)
        findings = check(doc).findings
        if not record.injected:
            # A clean generated document is clean at warning level too (e.g. no rate against a zero last year).
            assert [f.rule for f in findings if f.severity is not Severity.INFO] == [], record.path
            continue
        injection = BY_CODE[record.injected]
        found = [f for f in findings if f.severity is injection.severity]
        assert any(set(injection.keys) & set(f.keys) for f in found), \
            (record.injected, [(f.rule, f.keys) for f in found])


def test_budgets_agree_with_the_final_accounts_initial_budget(corpus: tuple[Path, list]) -> None:
    """The template relates the two: 部门决算's 年初预算数 of 财政拨款 and of each 三公 item are the budget's."""
    _, files = corpus
    pairs = {(f.unit, f.kind): load(f.path) for f in files}
    for unit in {f.unit for f in files}:
        budget, final = pairs[(unit, "budget")], pairs[(unit, "final_accounts")]
        assert budget.kind.value == "budget" and final.kind.value == "final_accounts"
        assert budget.value("budget.gpb") == final.value("fiscal.budget_initial"), unit
        for item in ("overseas", "vehicle_purchase", "vehicle_operation", "reception"):
            assert budget.value(f"budget.three.{item}") == final.value(f"three.{item}.budget"), (unit, item)
        assert len(budget.tables) == 11


def test_corpus_is_reproducible_and_fictional(corpus: tuple[Path, list], tmp_path: Path) -> None:
    directory, files = corpus
    again = build_corpus(tmp_path, years=(2024,))
    for first, second in zip(files, again, strict=True):
        assert Path(first.path).read_bytes() == Path(second.path).read_bytes()
    real_units = {line.split("20")[0] for p in SAMPLES.glob("*.txt")
                  for line in p.read_text(encoding="utf-8").splitlines()[:12] if "年度部门" in line}
    assert real_units
    assert not {f.unit for f in files} & real_units
    assert not any(p.name in {s.name for s in SAMPLES.glob("*.txt")} for p in directory.iterdir())


def test_demo_command_ingests_and_summarises(tmp_path: Path) -> None:
    pytest.importorskip("budgetdoc.store")
    result = CliRunner().invoke(app, ["demo", "--dir", str(tmp_path), "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "检查结果汇总（72 份文档" in result.output
    for injection in INJECTIONS:  # named in Chinese, as the README of the corpus describes them
        assert injection.description.partition("：")[0] in result.output
    from budgetdoc.store import open_store

    with open_store(str(tmp_path / "demo.duckdb")) as store:
        assert len(store.documents()) == 72
