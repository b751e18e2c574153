"""Document kinds and fact keys reach the user in Chinese: parse/check headers, the compare table and chart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import ImageDraw
from typer.testing import CliRunner

from budgetdoc.check import check
from budgetdoc.cli import app
from budgetdoc.export.chart import compare_chart
from budgetdoc.model import DocKind
from budgetdoc.store import open_store
from tests.conftest import SAMPLE_FILES, sample_doc


def test_doc_kind_labels() -> None:
    assert [k.label for k in DocKind] == ["部门决算", "部门预算", "绩效自评表", "未识别"]


@pytest.mark.parametrize(("command", "sample", "kind"), [
    (("parse",), "001", "部门预算"),
    (("check", "--select", "budget.balance"), "001", "部门预算"),
    (("check", "--select", "arithmetic"), "000", "部门决算"),
])
def test_headers_name_the_kind_in_chinese(command: tuple[str, ...], sample: str, kind: str) -> None:
    result = CliRunner().invoke(app, [*command, str(SAMPLE_FILES[sample])])
    header = result.output.splitlines()[0]
    assert f"{sample_doc(sample).unit} {sample_doc(sample).year}" in " ".join(header.split())
    assert kind in header
    assert "budget" not in header.replace(str(SAMPLE_FILES[sample]), "") and "final_accounts" not in header


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("kinds") / "kinds.duckdb")
    with open_store(path) as store:
        for sample in ("000", "003"):
            store.save(sample_doc(sample), check(sample_doc(sample)))
    return path


def test_compare_table_kind_column_is_chinese(db: str) -> None:
    result = CliRunner().invoke(app, ["compare", "--key", "three.total", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.output.count("部门决算") == 2  # 000 and 003, both 决算
    assert "final_accounts" not in result.output


def test_chart_legend_uses_key_labels_and_keeps_year_whole(db: str, tmp_path: Path, monkeypatch) -> None:
    drawn: list[str] = []
    for method in ("text", "multiline_text"):
        original = getattr(ImageDraw.ImageDraw, method)

        def record(self, xy, text, *args, _original=original, **kwargs):
            drawn.append(text)
            return _original(self, xy, text, *args, **kwargs)

        monkeypatch.setattr(ImageDraw.ImageDraw, method, record)
    keys = ["three.total", "ops.total"]
    with open_store(db) as store:
        rows = store.compare_pivot(keys)[1]
    compare_chart(rows, keys, tmp_path / "c.png")
    assert "“三公”经费" in drawn and "机关运行经费" in drawn
    assert not set(keys) & set(drawn)
    for sample in ("000", "003"):
        label = next(t for t in drawn if t.replace("\n", "").startswith(sample_doc(sample).unit))
        assert label.splitlines()[-1] == f"{sample_doc(sample).year}决算"
