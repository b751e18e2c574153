"""The Ray engine on a local instance (2 CPUs): the same rows as the local engine, even after an actor dies.

One Ray run only, to keep CI short: the five samples, a broken file and, once the PDF reader exists, two
published PDFs; one actor is killed on its first file 002 and Ray must redo that file on a new actor.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import SAMPLE_FILES, SAMPLES

from budgetdoc.batch import read_dataset, run_batch, worker
from budgetdoc.batch.records import TABLES
from budgetdoc.batch.status import VOLATILE

ray = pytest.importorskip("ray")

PDFS = ("023_nd-zhengfuban_2024_jixiao-ziping.pdf", "024_bj-caizhengju_2026_yusuan.pdf")


def _stable(out: Path) -> dict[str, list[dict]]:
    data = {name: read_dataset(out, name).to_pylist() for name in TABLES}
    data["status"] = read_dataset(out, "status").drop_columns(list(VOLATILE)).to_pylist()
    return data


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_ray_engine_gives_the_same_rows_as_the_local_engine(tmp_path, monkeypatch, local_ray):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a docx")
    inputs = [str(p) for p in SAMPLE_FILES.values()] + [str(bad)]
    if importlib.util.find_spec("budgetdoc.read.pdf") is not None:
        inputs += [str(SAMPLES / "pdf" / name) for name in PDFS]
    run_batch(inputs, tmp_path / "local", engine="local", jobs=2)

    monkeypatch.setenv(worker.CRASH_ONCE_ENV, "002_")
    result = run_batch(inputs, tmp_path / "ray", engine="ray", jobs=2)

    assert result.processed == len(inputs)
    status = {Path(r["path"]).name[:4]: r for r in read_dataset(tmp_path / "ray", "status").to_pylist()}
    assert status["002_"]["attempt"] == 2 and status["002_"]["status"] in ("ok", "warning")
    assert status["brok"]["status"] == "failed"
    local, remote = _stable(tmp_path / "local"), _stable(tmp_path / "ray")
    assert remote == local
    assert len(local["documents"]) == len(inputs) - 1
    assert sum(1 for r in local["status"] if r["status"] != "failed") == len(inputs) - 1
