"""Every page in a real browser: Playwright driving Debian's Chromium against a store of the samples.

Screenshots go to ``$BUDGETDOC_ARTIFACTS`` (default ``<tmp>/budgetdoc-artifacts``) for a person to look at.
"""

from __future__ import annotations

import csv
import io
import os
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from conftest import SAMPLE_FILES, sample_doc
from test_store_support import TEXT_SAMPLES
from budgetdoc.check import check
from budgetdoc.export import headers
from budgetdoc.labels import label
from budgetdoc.store import document_id, open_store

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("/usr/bin/chromium is not installed (CI installs it)", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402

ARTIFACTS = Path(os.environ.get("BUDGETDOC_ARTIFACTS", Path(tempfile.gettempdir()) / "budgetdoc-artifacts"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from budgetdoc.web import create_app

    store = open_store(str(tmp_path_factory.mktemp("browser") / "browser.duckdb"))
    assert store.ingest(TEXT_SAMPLES).ok == 5
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def table_cells(page, selector: str) -> list[list[str]]:
    return page.eval_on_selector(selector, "t => [...t.rows].map(r => [...r.cells].map(c => c.innerText.trim()))")


def test_overview(page, server):
    page.goto(server + "/")
    expect(page.locator("#n-documents")).to_have_text("5")
    warnings = sum(1 for i in SAMPLE_FILES for f in check(sample_doc(i)).findings if f.severity.value == "warning")
    expect(page.locator("#n-warning")).to_have_text(str(warnings))
    shot(page, "01-overview")


def test_fact_highlight_lands_on_the_printed_text(page, server):
    doc = sample_doc("000")
    fact = next(f for f in doc.facts if f.key == "three.total")
    page.goto(f"{server}/documents/{document_id(doc)}")
    page.locator('a.fact[data-key="three.total"]').first.click()
    mark = page.locator("mark#hl")
    expect(mark).to_have_text(fact.source.text)
    expect(mark).to_be_in_viewport()
    assert "32.94" in fact.source.text
    # The text around the mark is the source line the fact came from.
    line = page.eval_on_selector("#source", "p => p.textContent").split("\n")[fact.source.line - 1]
    assert fact.source.text.split("\n")[0] in line
    shot(page, "02-document-highlight")


def test_finding_jumps_to_its_source(page, server):
    page.goto(server + "/findings")
    everything = int(page.locator("#n-findings").inner_text())
    assert everything == sum(len(check(sample_doc(i)).findings) for i in SAMPLE_FILES)
    page.select_option('select[name="severity"]', "warning")
    page.click('#findings-form button[type="submit"]')
    page.wait_for_url("**/findings?*severity=warning*")
    count = int(page.locator("#n-findings").inner_text())
    assert 0 < count < everything
    assert count == page.locator("table#findings tr.sev-warning").count()
    shot(page, "03-findings")
    page.locator("a.jump").first.click()
    expect(page.locator("mark#hl")).to_be_visible()
    assert page.locator("mark#hl").inner_text().strip()
    shot(page, "04-finding-source")


def test_unit_page_chart_and_figures(page, server):
    doc = sample_doc("003")
    page.goto(server + "/units")
    page.get_by_role("link", name=doc.unit).click()
    expect(page.locator('td[data-key="three.total"]')).to_have_text("77.21")
    expect(page.locator("#chart canvas")).to_have_count(1)
    shot(page, "05-unit")


def test_compare_download_matches_the_table(page, server):
    page.goto(server + "/compare")
    page.select_option('select[name="key"]', ["three.total", "summary.expense_total"])
    page.click('#compare-form button[type="submit"]')
    # one unit × year pivot and one trend chart per chosen key, headed by its Chinese name
    expect(page.locator("table.pivot")).to_have_count(2)
    expect(page.locator(".chart.trend canvas")).to_have_count(2)
    expect(page.locator("h2.pivot-title", has_text=label("three.total"))).to_have_count(1)
    pivot = {row[0]: row for row in table_cells(page, 'table.pivot[data-key="three.total"]')[1:]}
    assert "77.21" in pivot[sample_doc("003").unit]
    # the detail rows, one per unit and year, open on request and are exactly what the download holds
    expect(page.locator("#compare-table")).to_be_hidden()
    page.click("details summary")
    expect(page.locator("#compare-table")).to_be_visible()
    on_screen = table_cells(page, "#compare-table")
    assert len(on_screen) == 5
    by_unit = {row[0]: row for row in on_screen[1:]}
    header = on_screen[0]
    assert by_unit[sample_doc("003").unit][header.index(headers(["three.total"])[0])] == "77.21"
    with page.expect_download() as info:
        page.click("#download-csv")
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    assert rows == on_screen
    shot(page, "06-compare")


def test_upload_shows_findings_without_storing(page, server):
    page.goto(server + "/upload")
    page.set_input_files('input[name="file"]', str(SAMPLE_FILES["002"]))
    page.click('#upload-form button[type="submit"]')
    expected = len(check(sample_doc("002")).findings)
    expect(page.locator("#n-findings")).to_have_text(str(expected))
    expect(page.locator("#upload-title")).to_contain_text(sample_doc("002").unit)
    assert "未入库" in page.content()
    shot(page, "07-upload")


def test_treemap(page, server):
    page.goto(f"{server}/treemap?doc={document_id(sample_doc('000'))}")
    expect(page.locator("#chart canvas")).to_have_count(1)
    leaves = sum(f.value for f in sample_doc("000").facts if f.key.startswith("gpb.item[") and f.key.endswith("]"))
    assert float(page.locator("#treemap-total").inner_text()) == float(leaves)
    shot(page, "08-treemap")
