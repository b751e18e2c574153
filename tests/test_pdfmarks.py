"""The finding on its page (issue 14): red boxes on the rendered page, the HTML report, the annotated PDF."""

from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from budgetdoc.check import check
from budgetdoc.check.render import PAGE_SCALE, to_html
from budgetdoc.export.pdfmarks import PAD, RED, annotate, finding_pages, is_located, page_image
from budgetdoc.pipeline import load
from tests.conftest import SAMPLE_FILES, SAMPLES

PDF = SAMPLES / "pdf" / "022_fs-guidaojiaotongju_2019_juesuan.pdf"
pytestmark = pytest.mark.skipif(not PDF.is_file(), reason="sample PDFs not present")


@pytest.fixture(scope="module")
def checked():
    doc = load(PDF)
    report = check(doc)
    located = [f for f in report.findings if is_located(f, doc.path)]
    assert located, "the sample has findings with a box on the page"
    return doc, report, located


def _is_red(pixel: tuple[int, int, int]) -> bool:
    return pixel[0] > 180 and pixel[1] < 90 and pixel[2] < 90


def test_the_page_image_frames_each_figure_in_red(checked) -> None:
    doc, _, located = checked
    marks = finding_pages(located[0], doc.path)[0]
    scale = 2.0
    image = Image.open(io.BytesIO(page_image(doc.path, marks.page, marks.boxes, scale=scale))).convert("RGB")
    for x0, top, x1, bottom in marks.boxes:
        # The frame runs along the box's top edge, PAD points above the figure.
        y = round((top - PAD) * scale)
        row = [image.getpixel((x, y)) for x in range(round(x0 * scale) + 2, round(x1 * scale) - 2)]
        assert sum(map(_is_red, row)) > 0.9 * len(row)
    assert RED == (220, 30, 30)


def test_the_annotated_pdf_has_one_highlight_per_located_finding(checked, tmp_path: Path) -> None:
    doc, report, located = checked
    out = tmp_path / "批注.pdf"
    out.write_bytes(annotate(doc.path, report.findings))
    reader = PdfReader(out)
    assert len(reader.pages) == len(PdfReader(PDF).pages)
    notes = [(n, a.get_object()) for n, page in enumerate(reader.pages, 1) for a in (page.get("/Annots") or [])]
    highlights = [(n, a) for n, a in notes if a["/Subtype"] == "/Highlight"]
    assert len(highlights) == len(located)
    placed = sorted((page, str(note["/Contents"])) for page, note in highlights)
    for finding in located:
        page = finding_pages(finding, doc.path)[0].page
        assert any(p == page and finding.message in text for p, text in placed), finding.message


def test_the_html_report_shows_each_located_finding_on_its_boxed_page(checked) -> None:
    doc, report, located = checked
    page = to_html([(doc, report)])
    blocks = re.findall(r'<div class="on-page"[^>]*>.*?src="data:image/jpeg;base64,([^"]+)"></div>', page, re.S)
    assert len(blocks) == len(located)
    first = finding_pages(located[0], doc.path)[0]
    data = blocks[0]
    image = Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")
    x0, top, x1, _ = first.boxes[0]
    y = round((top - PAD) * PAGE_SCALE)
    row = [image.getpixel((x, y)) for x in range(round(x0 * PAGE_SCALE) + 3, round(x1 * PAGE_SCALE) - 3)]
    assert sum(map(_is_red, row)) > 0.6 * len(row)  # JPEG blurs the 2-pixel frame a little


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "budgetdoc", *args], capture_output=True, text=True, check=False)


def test_check_format_pdf_writes_the_annotated_pdf(tmp_path: Path) -> None:
    out = tmp_path / "批注.pdf"
    result = _cli("check", str(PDF), "--format", "pdf", "-o", str(out))
    assert result.returncode in (0, 1), result.stderr
    assert PdfReader(out).pages[0] is not None
    refused = _cli("check", str(SAMPLE_FILES["000"]), "--format", "pdf", "-o", str(tmp_path / "x.pdf"))
    assert refused.returncode == 4 and "只接受一个 PDF" in refused.stderr
    assert not (tmp_path / "x.pdf").exists()
    no_output = _cli("check", str(PDF), "--format", "pdf")
    assert no_output.returncode == 4 and "-o" in no_output.stderr
