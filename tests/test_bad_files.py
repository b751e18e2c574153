"""Files that cannot be read: one line on stderr naming the file and the problem, exit code 2, no traceback.

Every bad file is generated here: pypdfium2 makes blank, empty and 2,000-page PDFs, pypdf encrypts one, a
hand-written PDF carries a CID font without ToUnicode, and truncation cuts a real sample's bytes in tmp.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from budgetdoc.errors import UnreadableError
from budgetdoc.read import ocr, read
from tests.conftest import SAMPLES, benchmark_module

TEXT_PDF = SAMPLES / "pdf" / "018_js-zhengxie-bgt_2019_yusuan-tables.pdf"


def _save(pdf: pdfium.PdfDocument, path: Path) -> Path:
    buffer = io.BytesIO()
    pdf.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _blank(path: Path, pages: int) -> Path:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    return _save(pdf, path)


def _add_scan(pdf: pdfium.PdfDocument) -> None:
    """A page that is one full-page image and no text, as a scanner makes it."""
    page = pdf.new_page(595, 842)
    image = pdfium.PdfImage.new(pdf)
    image.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("RGB", (60, 80), "white")))
    image.set_matrix(pdfium.PdfMatrix().scale(595, 842))
    page.insert_obj(image)
    page.gen_content()


def _scans(path: Path, pages: int) -> Path:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        _add_scan(pdf)
    return _save(pdf, path)


# An embedded-style CID font with Identity-H and no ToUnicode map: the text layer is glyph ids, not text.
_CID_FONT = (
    b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSunX /Encoding /Identity-H"
    b" /DescendantFonts [ << /Type /Font"
    b" /Subtype /CIDFontType2 /BaseFont /SimSunX /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity)"
    b" /Supplement 0 >> /FontDescriptor << /Type /FontDescriptor /FontName /SimSunX /Flags 4"
    b" /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
    b" /DW 1000 >> ] >>"
)


def _garbage_pdf(path: Path) -> Path:
    content = b"BT /F1 12 Tf 72 700 Td <00050012001300010003000400060007000800090002> Tj ET"
    path.write_bytes(benchmark_module("fuzz").minimal_pdf(content, _CID_FONT))
    return path


def _encrypted(path: Path) -> Path:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def _truncated(path: Path) -> Path:
    data = TEXT_PDF.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _not_word(path: Path) -> Path:
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 512)
    return path


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "budgetdoc", "parse", *args], capture_output=True, text=True,
                          timeout=120, check=False)


BAD = {
    "encrypted": (_encrypted, "已加密"),
    "truncated": (_truncated, "已损坏或不完整"),
    "zero-page": (lambda p: _blank(p, 0), "没有任何页面"),
    "too-many-pages": (lambda p: _blank(p, 2000), "共 2000 页，超过上限 500 页"),
    "not-word": (_not_word, "不是有效的 Word"),
}


def test_bad_files_cli_one_line_each_exit_2(tmp_path: Path) -> None:
    paths = {}
    for case, (make, _) in BAD.items():
        paths[case] = make(tmp_path / (f"{case}.docx" if case == "not-word" else f"{case}.pdf"))
    result = _cli(*(str(p) for p in paths.values()))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(BAD), result.stderr
    for line, (case, path) in zip(lines, paths.items(), strict=True):
        assert f"{path}: " in line
        assert BAD[case][1] in line


def test_max_pages_option_raises_the_limit(tmp_path: Path) -> None:
    path = _blank(tmp_path / "long.pdf", 30)
    with pytest.raises(UnreadableError, match="共 30 页，超过上限 20 页"):
        read(path, max_pages=20)
    # within the limit the file is read, and then refused only because its pages hold no text
    with pytest.raises(UnreadableError, match="没有可提取的文字"):
        read(path, max_pages=40, ocr=False)


def test_image_only_pdf_without_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "engine", lambda: None)
    path = _scans(tmp_path / "scan.pdf", 3)
    with pytest.raises(UnreadableError) as caught:
        read(path)
    message = str(caught.value)
    assert "第 1-3 页是扫描图像" in message
    assert "pip install 'budgetdoc[ocr]'" in message


def test_scanned_pages_inside_a_text_pdf_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "engine", lambda: None)
    pdf = pdfium.PdfDocument(TEXT_PDF.read_bytes())
    _add_scan(pdf)  # page 13: an image, no text layer
    pdf.new_page(595, 842)  # page 14: blank, nothing to say about it
    raw = read(_save(pdf, tmp_path / "mixed.pdf"))
    assert raw.pages == 14
    assert "第 13 页是扫描图像，没有文字层，已跳过" in raw.warnings
    assert any("budgetdoc[ocr]" in w for w in raw.warnings)
    assert raw.text.startswith("公开01表\n收支预算总表")


def test_garbage_text_layer_is_detected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "engine", lambda: None)
    with pytest.raises(UnreadableError, match="文字层无法解码"):
        read(_garbage_pdf(tmp_path / "cid.pdf"))


def test_corrupt_bytes_after_pdf_header(tmp_path: Path) -> None:
    path = tmp_path / "noise.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    result = _cli(str(path))
    assert result.returncode == 2
    assert "已损坏或不完整" in result.stderr


class _CountingEngine:
    """Stands in for RapidOCR to count which pages reach OCR; reads nothing."""

    def __init__(self) -> None:
        self.calls = 0


def _counting_ocr(monkeypatch: pytest.MonkeyPatch) -> _CountingEngine:
    engine = _CountingEngine()

    def read_page(ocr_engine: _CountingEngine, page: object, height: float) -> list:
        ocr_engine.calls += 1
        return []

    monkeypatch.setattr(ocr, "engine", lambda: engine)
    monkeypatch.setattr(ocr, "read_page", read_page)
    return engine


def test_ocr_only_on_pages_with_an_image(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the 58-second case: pages that lost their text but carry no image must not be rendered for OCR
    engine = _counting_ocr(monkeypatch)
    pdf = pdfium.PdfDocument(TEXT_PDF.read_bytes())
    _add_scan(pdf)  # page 13
    raw = read(_save(pdf, tmp_path / "mixed.pdf"))
    assert engine.calls == 1
    assert "第 13 页没有可用的文字层，已用 OCR 识别（请核对数字）" in raw.warnings
    engine.calls = 0
    with pytest.raises(UnreadableError, match="文字层无法解码"):
        read(_garbage_pdf(tmp_path / "cid.pdf"))
    assert engine.calls == 0


def test_ocr_page_cap_names_the_pages_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from budgetdoc.budgets import Budget

    engine = _counting_ocr(monkeypatch)
    pdf = pdfium.PdfDocument(TEXT_PDF.read_bytes())
    for _ in range(4):
        _add_scan(pdf)  # pages 13-16
    path = _save(pdf, tmp_path / "scans.pdf")
    raw = read(path, meter=Budget(ocr_pages=2).start(str(path)))
    assert engine.calls == 2
    assert "第 13-14 页没有可用的文字层，已用 OCR 识别（请核对数字）" in raw.warnings
    assert any(w.startswith("第 15-16 页是扫描图像，超过每个文件 OCR 2 页的上限") for w in raw.warnings)


def test_over_time_budget_names_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from budgetdoc.budgets import Budget
    from budgetdoc.errors import OverBudgetError
    from budgetdoc.pipeline import load

    clock = iter(range(0, 10_000, 10))  # every look at the clock is 10 s later: page 1 fits, page 2 does not
    monkeypatch.setattr("budgetdoc.budgets.time.monotonic", lambda: next(clock))
    with pytest.raises(OverBudgetError) as caught:
        load(TEXT_PDF, budget=Budget(seconds=15), ocr=False)
    assert caught.value.exit_code == 5
    assert str(caught.value).startswith(f"{TEXT_PDF}: 第 2 页：超出单个文件的时间预算 15 秒")


def test_over_budget_cli_one_line_exit_5(tmp_path: Path) -> None:
    env = {**os.environ, "BUDGETDOC_TIME_BUDGET": "0.000001"}
    result = subprocess.run([sys.executable, "-m", "budgetdoc", "parse", str(TEXT_PDF)], capture_output=True,
                            text=True, timeout=120, check=False, env=env)
    assert result.returncode == 5
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"错误 {TEXT_PDF}: 第 1 页：超出单个文件的时间预算 1e-06 秒，已停止（可用环境变量 BUDGETDOC_TIME_BUDGET 调整）"]


def test_over_memory_budget_names_where() -> None:
    from budgetdoc.budgets import Budget
    from budgetdoc.errors import OverBudgetError

    meter = Budget(memory_mb=20).start("big.pdf")
    meter.check("第 1 页")  # nothing allocated yet
    ballast = b"x" * (64 * 2**20)  # written, so resident
    with pytest.raises(OverBudgetError, match=r"^big.pdf: 第 2 页：内存占用增加 \d+ MB，超出单个文件的内存预算 20 MB"):
        meter.check("第 2 页")
    del ballast
