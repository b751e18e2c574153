"""Chinese names for every fact key (issue 14): the vocabulary, the web, the API, exports and the CLI."""

from __future__ import annotations

import csv
import io
import re

import pytest
from fastapi.testclient import TestClient
from test_store_support import empty_store, sample_store  # noqa: F401 - fixtures

from budgetdoc.export import EXPORT_COLUMNS, export_bytes
from budgetdoc.labels import label, matches
from budgetdoc.web.app import create_app
from tests.conftest import SAMPLE_FILES, sample_doc

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[a-z_]{3,}")


def _without_names(key: str, text: str) -> str:
    """The label with the bracketed names of its key taken out (they are printed text, English or not)."""
    for name in re.findall(r"\[([^\]]*)\]", key):
        text = text.replace(name.rsplit("/", 1)[-1], "")
    return text


@pytest.mark.parametrize("sample_id", sorted(SAMPLE_FILES))
def test_every_key_of_every_sample_reads_in_chinese(sample_id: str) -> None:
    for key in {f.key for f in sample_doc(sample_id).facts}:
        text = label(key)
        assert CJK.search(text), key
        assert not ENGLISH.search(_without_names(key, text)), (key, text)


def test_names_follow_the_vocabulary() -> None:
    assert label("three.total") == "“三公”经费合计"
    assert label("gpb.item[一般公共服务支出/财政事务/行政运行].change_pct") == "行政运行(项)比上年增减率"
    assert label("perf.table[整体].indicator[培训次数].target") == "绩效表“整体”指标“培训次数”指标值"
    assert label("budget.function[2010601].basic") == "功能科目2010601基本支出"


def test_keys_are_found_by_chinese_or_english() -> None:
    assert matches("三公经费", "three.total")
    assert matches("three.tot", "three.total")
    assert matches("行政运行", "gpb.item[一般公共服务支出/财政事务/行政运行]")
    assert not matches("机关运行", "three.total")


def test_exports_carry_a_label_beside_the_key() -> None:
    rows = [{"unit": "某单位", "year": 2024, "kind": "final_accounts", "key": "ops.total", "value_text": "12.30"}]
    table = list(csv.reader(io.StringIO(export_bytes(rows, "csv", EXPORT_COLUMNS).decode("utf-8-sig"))))
    assert table[0][3:5] == ["键", "名称"]
    assert table[1][3:5] == ["ops.total", "机关运行经费"]


@pytest.fixture(scope="module")
def client(sample_store):  # noqa: F811 - the fixture imported above
    return TestClient(create_app(sample_store))


def test_the_api_finds_keys_by_chinese_name(client) -> None:
    found = client.get("/api/keys", params={"q": "三公经费合计"}).json()
    assert {"key": "three.total", "label": "“三公”经费合计"} in [
        {k: v for k, v in row.items() if k != "count"} for row in found["keys"]]
    assert all("三公" in row["label"] for row in found["keys"])


def test_document_page_and_api_name_facts_in_chinese(client) -> None:
    docs = client.get("/api/documents").json()["documents"]
    doc_id = next(d["doc_id"] for d in docs if d["kind"] == "final_accounts")
    api = client.get(f"/api/documents/{doc_id}").json()
    facts = [f for s in api["sections"] for f in s["facts"]]
    assert all(f["label"] == label(f["key"]) for f in facts)
    page = client.get(f"/documents/{doc_id}").text
    assert 'title="three.total">“三公”经费合计</a>' in page
