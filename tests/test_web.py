"""The web app and its JSON twins over a store ingested from the real samples (FastAPI's TestClient)."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from html import unescape

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from conftest import SAMPLE_FILES, sample_doc
from test_store_support import empty_store, sample_store  # noqa: F401 - fixtures
from budgetdoc.check import check
from budgetdoc.store import document_id
from budgetdoc.web import create_app


@pytest.fixture(scope="module")
def client(sample_store):
    return TestClient(create_app(sample_store), raise_server_exceptions=False)


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_overview_counts_and_json_twin(client):
    page = client.get("/")
    assert page.status_code == 200
    api = client.get("/api/overview").json()
    assert api["documents"] == 5
    assert api["facts"] == sum(len(sample_doc(i).facts) for i in SAMPLE_FILES)
    expected = {}
    for i in SAMPLE_FILES:
        for f in check(sample_doc(i)).findings:
            expected[f.severity.value] = expected.get(f.severity.value, 0) + 1
    assert api["findings"] == expected
    assert page_data(page.text)["documents"] == api["documents"]
    assert f'id="n-documents">{api["documents"]}<' in page.text


def test_document_page_highlights_the_selected_fact(client):
    doc = sample_doc("003")
    seq, fact = next((i, f) for i, f in enumerate(doc.facts) if f.key == "three.total")
    url = f"/documents/{document_id(doc)}?fact={seq}"
    page = client.get(url)
    assert page.status_code == 200
    mark = re.search(r'<mark id="hl">(.*?)</mark>', page.text, re.S)
    assert mark and unescape(mark.group(1)) == fact.source.text
    assert fact.source.text.startswith("77.21")
    # The highlight sits at the fact's offset in the source text, not at some other "77.21".
    before = page.text[page.text.index('<pre id="source">') + len('<pre id="source">'):mark.start()]
    assert len(unescape(before)) == fact.source.offset
    api = client.get(f"/api{url.split('?')[0]}", params={"fact": seq}).json()
    assert api["highlight"]["text"] == fact.source.text and api["highlight"]["line"] == fact.source.line == 69
    sections = {s["title"] for s in api["sections"]}
    assert fact.section in sections


def test_findings_jump_to_their_source(client):
    doc = sample_doc("002")
    report = check(doc)
    assert report.findings
    api = client.get(f"/api/documents/{document_id(doc)}").json()
    assert [f["rule"] for f in api["findings"]] == [f.rule for f in report.findings]
    first = next(i for i, f in enumerate(report.findings) if f.sources)
    page = client.get(f"/documents/{document_id(doc)}?finding={first}")
    mark = re.search(r'<mark id="hl">(.*?)</mark>', page.text, re.S)
    assert mark and unescape(mark.group(1)) == report.findings[first].sources[0].text


def test_unit_page_follows_totals_by_year(client):
    doc = sample_doc("003")
    uid = client.get("/api/units").json()["units"]
    uid = next(u["unit_id"] for u in uid if u["name"] == doc.unit)
    api = client.get(f"/api/units/{uid}").json()
    values = api["years"][0]["values"]
    assert values["three.total"] == "77.21"
    assert values["summary.expense_total"] == str(doc.value("summary.expense_total"))
    page = client.get(f"/units/{uid}")
    assert page.status_code == 200 and '<td class="num" data-key="three.total">77.21</td>' in page.text
    assert "/static/echarts.min.js" in page.text


def test_compare_download_is_exactly_the_table(client):
    params = [("key", "three.total"), ("key", "summary.expense_total")]
    page = client.get("/compare", params=params)
    assert page.status_code == 200
    body = page.text[page.text.index('<table id="compare-table">'):]
    body = body[:body.index("</table>")]
    cells = [[unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
             for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    download = client.get("/compare/download", params=[("format", "csv"), *params])
    assert download.status_code == 200
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows == cells
    assert len(rows) == 5  # header + the four final accounts that state three.total
    xlsx = client.get("/compare/download", params=[("format", "xlsx"), *params])
    sheet = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert [[("" if v is None else str(v)) for v in r] for r in sheet] == rows


def test_findings_dashboard_filters_and_downloads(client):
    api = client.get("/api/findings").json()
    total = sum(len(check(sample_doc(i)).findings) for i in SAMPLE_FILES)
    assert api["total"] == total
    assert sum(r["total"] for r in api["ranking"]) == total
    ranking = [(-r["error"], -r["total"]) for r in api["ranking"]]
    assert ranking == sorted(ranking)
    warnings = client.get("/api/findings", params={"severity": "warning"}).json()
    assert warnings["total"] == sum(1 for i in SAMPLE_FILES for f in check(sample_doc(i)).findings
                                    if f.severity.value == "warning")
    rule = next(iter(api["by_rule"]))
    by_rule = client.get("/api/findings", params={"rule": rule}).json()
    assert by_rule["total"] == api["by_rule"][rule]
    everything = client.get("/api/findings", params={"severity": "", "rule": ""}).json()  # the 全部 choice
    assert everything["total"] == total
    page = client.get("/findings", params={"severity": "warning"})
    assert f'id="n-findings">{warnings["total"]}<' in page.text
    xlsx = client.get("/findings/download", params={"severity": "warning"})
    assert len(list(load_workbook(io.BytesIO(xlsx.content)).active.values)) == warnings["total"] + 1


def test_treemap_sums_the_function_items(client):
    doc = sample_doc("000")
    api = client.get("/api/treemap", params={"doc": document_id(doc)}).json()
    leaves = [f.value for f in doc.facts if f.key.startswith("gpb.item[") and f.key.endswith("]")]
    assert leaves
    assert Decimal(api["total"]) == sum(leaves)
    assert Decimal(sum(Decimal(c["value"]) for c in api["tree"])) == sum(leaves)
    assert client.get("/treemap", params={"doc": document_id(doc)}).status_code == 200


def test_upload_checks_without_storing(client, sample_store):
    data = SAMPLE_FILES["004"].read_bytes()
    before = len(sample_store.documents())
    result = client.post("/api/upload", files={"file": ("说明.pdf", data)}).json()  # name lies; bytes are text
    assert result["stored"] is None
    assert result["document"]["unit"] == sample_doc("004").unit
    assert [f["rule"] for f in result["findings"]] == [f.rule for f in check(sample_doc("004")).findings]
    assert len(sample_store.documents()) == before
    page = client.post("/upload", files={"file": ("a.txt", data)})
    assert f'id="n-findings">{len(result["findings"])}<' in page.text


def test_upload_refuses_bad_files_with_one_error_body(client, monkeypatch):
    empty = client.post("/api/upload", files={"file": ("a.txt", b"")})
    assert empty.status_code == 422 and empty.json()["error"] == "a.txt: 上传的文件为空"
    zipped = client.post("/api/upload", files={"file": ("a.docx", b"PK\x03\x04junk")})
    assert zipped.status_code == 422 and "不支持的文件格式" in zipped.json()["error"]
    monkeypatch.setenv("BUDGETDOC_UPLOAD_LIMIT", "100")
    big = client.post("/api/upload", files={"file": ("a.txt", b"x" * 200)})
    assert big.status_code == 422 and "上传上限" in big.json()["error"]
    html = client.post("/upload", files={"file": ("a.txt", b"")})
    assert html.status_code == 422 and "上传的文件为空" in html.text and "Traceback" not in html.text


def test_storing_an_upload_needs_the_token(empty_store, monkeypatch):
    app = TestClient(create_app(empty_store), raise_server_exceptions=False)
    data = SAMPLE_FILES["002"].read_bytes()
    monkeypatch.setenv("BUDGETDOC_TOKEN", "s3cret")
    denied = app.post("/api/upload", files={"file": ("a.txt", data)}, data={"store": "true"})
    assert denied.status_code == 403 and "令牌" in denied.json()["error"]
    assert empty_store.documents() == []
    allowed = app.post("/api/upload", files={"file": ("a.txt", data)}, data={"store": "true"},
                       headers={"X-Budgetdoc-Token": "s3cret"})
    assert allowed.status_code == 200
    assert allowed.json()["stored"] == document_id(sample_doc("002"))
    assert [d["path"] for d in empty_store.documents()] == ["上传/a.txt"]


def test_errors_are_one_body_never_a_trace(client):
    assert client.get("/api/documents/nope").json() == {"error": "没有这个文档：nope", "status": 404}
    page = client.get("/units/nope")
    assert page.status_code == 404 and "没有这个单位" in page.text and "Traceback" not in page.text
    bad = client.get("/api/compare", params={"key": "three.total", "year": "abc"})
    assert bad.status_code == 400 and bad.json()["error"].startswith("参数无效")
    assert client.get("/api/compare", params={"key": "x", "unit": "不存在"}).status_code == 404


def test_openapi_lists_every_json_twin(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/overview", "/api/documents", "/api/documents/{doc_id}", "/api/units", "/api/units/{unit_id}",
                 "/api/compare", "/api/findings", "/api/treemap", "/api/upload"):
        assert path in paths
    assert client.get("/docs").status_code == 200


def test_treemap_of_a_budget_uses_its_function_rows(client):
    doc = sample_doc("001")
    codes = {f.key[len("budget.function["):-1]: f.value for f in doc.facts
             if f.key.startswith("budget.function[") and f.key.endswith("]")}
    if not codes:
        pytest.skip("the budget extractor states no budget.function facts for sample 001 yet")
    leaves = [c for c in codes if not any(o != c and o.startswith(c) for o in codes)]
    api = client.get("/api/treemap", params={"doc": document_id(doc)}).json()
    assert Decimal(api["total"]) == sum(codes[c] for c in leaves)
    assert {c["name"].split(" ")[0] for c in api["tree"]} == {c[:3] for c in leaves}
    assert any(c["name"] == "201 一般公共服务支出" for c in api["tree"])  # printed at line 150 of 001
    general = next(c for c in api["tree"] if c["name"].startswith("201"))
    if any(c.startswith("20106") for c in leaves):
        assert "20106 财政事务" in {g["name"] for g in general["children"]}  # "201 06 财政事务", line 293


def test_lists_page_through_documents_and_units(client, monkeypatch):
    from budgetdoc.web import data

    monkeypatch.setattr(data, "PAGE_SIZE", 2)
    first, last = client.get("/api/documents").json(), client.get("/api/documents", params={"page": 3}).json()
    assert (first["total"], first["pages"], len(first["documents"]), len(last["documents"])) == (5, 3, 2, 1)
    paths = [d["path"] for p in (1, 2, 3) for d in client.get("/api/documents", params={"page": p}).json()["documents"]]
    assert sorted(paths) == sorted(str(p) for p in SAMPLE_FILES.values())
    units = client.get("/units", params={"page": 2})
    assert 'href="?page=1">上一页' in units.text and 'href="?page=3">下一页' in units.text
