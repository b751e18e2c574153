"""The web document page of a PDF shows the selected finding on its page, its figures boxed in red (issue 14)."""

from __future__ import annotations

import io
import re

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from budgetdoc.store import open_store
from budgetdoc.web.app import create_app
from tests.conftest import SAMPLES

PDF = SAMPLES / "pdf" / "022_fs-guidaojiaotongju_2019_juesuan.pdf"
pytestmark = pytest.mark.skipif(not PDF.is_file(), reason="sample PDFs not present")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with open_store(str(tmp_path_factory.mktemp("pdfstore") / "store.duckdb")) as store:
        assert store.ingest([str(PDF)]).failed == 0
        yield TestClient(create_app(store))


def _doc_id(client) -> str:
    return client.get("/api/documents").json()["documents"][0]["doc_id"]


def test_the_document_page_shows_the_finding_on_its_boxed_page(client) -> None:
    doc_id = _doc_id(client)
    api = client.get(f"/api/documents/{doc_id}").json()
    placed = [g for g in api["findings"] if g.get("page")]
    assert placed
    seq = placed[-1]["seq"]
    page = client.get(f"/documents/{doc_id}", params={"finding": seq}).text
    assert f'src="/documents/{doc_id}/findings/{seq}/page.png"' in page
    marks = client.get(f"/api/documents/{doc_id}/findings/{seq}/page").json()
    assert marks["page"] == placed[-1]["page"] and marks["boxes"]
    png = client.get(marks["image"])
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(png.content)).convert("RGB")
    x0, top, x1, _ = marks["boxes"][0]
    y = round((top - 1.5) * 1.5)
    row = [image.getpixel((x, y)) for x in range(round(x0 * 1.5) + 2, round(x1 * 1.5) - 2)]
    assert sum(p[0] > 180 and p[1] < 90 and p[2] < 90 for p in row) > 0.9 * len(row)


def test_a_finding_without_a_page_is_a_chinese_404(client) -> None:
    doc_id = _doc_id(client)
    missing = client.get(f"/api/documents/{doc_id}/findings/9999/page")
    assert missing.status_code == 404 and re.search(r"[\u4e00-\u9fff]", missing.json()["error"])
