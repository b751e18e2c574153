"""budgetdoc inspect: the campaign over the text samples, the 检查结果表, the declared score, the web page."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from budgetdoc.check import check_all
from budgetdoc.inspect import RESULT_COLUMNS, SCORING, campaign, score_unit
from budgetdoc.store import open_store
from budgetdoc.web.app import create_app
from tests.conftest import SAMPLE_FILES, sample_doc

INSPECTION_SHAPE = ["序号", "单位", "文档", "年度", "问题类型", "问题描述", "页码", "原文", "应为", "实为", "规则"]


def test_the_declared_score() -> None:
    families = {"arithmetic": {"error": 2}, "percent": {"warning": 40}, "three": {"info": 3}}
    score, grade, deductions = score_unit(families, ["final_accounts"])
    # 100 − 2 × 5 − min(40 × 1, 30) − 10 (no 部门预算) = 50
    assert score == SCORING.full - 2 * SCORING.per_error - SCORING.family_cap - SCORING.missing_kind == 50
    assert grade == "差"
    assert any("封顶" in d for d in deductions) and any("部门预算" in d for d in deductions)
    assert score_unit({}, ["budget", "final_accounts"])[:2] == (100, "优")
    assert score_unit({"budget": {"error": 100}}, [])[0] == 100 - 30 - 20


@pytest.fixture(scope="module")
def inspected(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("inspect")
    db, out = tmp / "检查.duckdb", tmp / "检查结果.xlsx"
    result = subprocess.run([sys.executable, "-m", "budgetdoc", "inspect", *map(str, SAMPLE_FILES.values()),
                             "--db", str(db), "-o", str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "检查结果表已写入" in result.stdout
    return db, out


def test_the_workbook_holds_every_error_and_warning_of_the_samples(inspected) -> None:
    _, out = inspected
    book = load_workbook(out)
    assert book.sheetnames == ["检查结果表", "单位汇总", "评分说明"]
    rows = list(book["检查结果表"].values)
    assert list(rows[0][:11]) == INSPECTION_SHAPE
    assert len(rows[0]) == len(RESULT_COLUMNS)
    docs = [sample_doc(s) for s in sorted(SAMPLE_FILES)]
    expected = sum(f.severity.value in ("error", "warning") for _, r in check_all(docs) for f in r.findings)
    assert len(rows) - 1 == expected
    units = {d.unit for d in docs}
    for row in rows[1:]:
        record = dict(zip(INSPECTION_SHAPE, row, strict=False))
        assert record["单位"] in units or record["单位"] == "自治区财政厅"
        assert record["问题描述"] and record["规则"] and record["问题类型"]
    assert [r[0] for r in rows[1:]] == list(range(1, len(rows)))


def test_per_unit_documents_completeness_and_score(inspected) -> None:
    db, out = inspected
    with open_store(str(db)) as store:
        result = campaign(store)
    assert result["summary"]["units"] == 5 and result["summary"]["documents"] == 5
    budget = [u for u in result["units"] if u["budget_years"]]
    assert len(budget) == 1 and budget[0]["budget_years"] == [2024] and budget[0]["final_years"] == []
    for u in result["units"]:
        expected, _, _ = score_unit({}, [d["kind"] for d in u["documents"]])
        assert u["score"] <= expected
        assert u["error"] + u["warning"] == sum(u["families"].values())
    summary = list(load_workbook(out)["单位汇总"].values)
    assert [r[8] for r in summary[1:]] == [u["score"] for u in result["units"]]


def test_the_web_page_and_its_download(inspected) -> None:
    db, _ = inspected
    with open_store(str(db)) as store:
        client = TestClient(create_app(store))
        page = client.get("/inspect")
        assert page.status_code == 200 and 'id="inspect-units"' in page.text and "评分说明" in page.text
        api = client.get("/api/inspect").json()
        assert api["summary"]["units"] == 5
        download = client.get("/inspect/download")
        rows = list(load_workbook(io.BytesIO(download.content))["检查结果表"].values)
        assert len(rows) - 1 == api["summary"]["findings"]


def test_a_non_xlsx_output_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "budgetdoc", "inspect", str(SAMPLE_FILES["000"]), "--db",
                             str(tmp_path / "x.duckdb"), "-o", str(tmp_path / "r.csv")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 4 and ".xlsx" in result.stderr
