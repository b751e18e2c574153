"""A batch marks a file over its budget failed, with the reason, and goes on with the others."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLE_FILES

from budgetdoc.batch import read_dataset, run_batch

PDF = SAMPLE_FILES["000"].parent / "pdf" / "025_bj-xuanchuanbu_2026_yusuan-tables.pdf"


def _status(out: Path) -> dict[str, dict]:
    return {Path(r["path"]).name: r for r in read_dataset(out, "status").to_pylist()}


def test_a_file_that_never_ends_is_stopped_and_the_batch_goes_on(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("BUDGETDOC_TIME_BUDGET", "1")
    monkeypatch.setenv("BUDGETDOC_BATCH_HANG", SAMPLE_FILES["001"].name)
    result = run_batch([str(SAMPLE_FILES["000"]), str(SAMPLE_FILES["001"]), str(SAMPLE_FILES["002"])],
                       tmp_path / "out", jobs=2)
    status = _status(tmp_path / "out")
    hung = status[SAMPLE_FILES["001"].name]
    assert hung["status"] == "failed"
    assert hung["message"] == ("解析阶段：运行 6 秒仍未结束（时间预算 1 秒），已强制停止"
                               "（可用环境变量 BUDGETDOC_TIME_BUDGET 调整）")
    assert 6 <= hung["total_s"] < 60
    assert {status[SAMPLE_FILES[i].name]["status"] for i in ("000", "002")} <= {"ok", "warning"}
    # the batch names files by their resolved path (../shared may be a link)
    assert [str(Path(path).resolve()) for path, _ in result.failed] == [str(SAMPLE_FILES["001"].resolve())]


def test_a_pdf_past_its_budget_is_failed_naming_the_page(tmp_path, monkeypatch) -> None:
    # a budget no page can meet: the first page check stops the file, the text sample has no pages to check
    monkeypatch.setenv("BUDGETDOC_TIME_BUDGET", "0.000001")
    run_batch([str(PDF), str(SAMPLE_FILES["003"])], tmp_path / "out", jobs=1)
    status = _status(tmp_path / "out")
    assert status[PDF.name]["status"] == "failed"
    assert status[PDF.name]["message"].startswith("第 1 页：超出单个文件的时间预算 1e-06 秒，已停止")
    assert status[SAMPLE_FILES["003"].name]["status"] == "failed"
    assert status[SAMPLE_FILES["003"].name]["message"].startswith("读取之后：超出单个文件的时间预算")
