"""Findings on the PDF page: the page rendered with each involved figure boxed in red (pypdfium2 + Pillow), and
the original PDF with one highlight annotation per located finding (pypdf).

A source's ``bbox`` is ``(x0, top, x1, bottom)`` in PDF points with ``top`` measured from the top of the page
(read/pdf.py); PDF annotations count y from the bottom, so the two are converted here and only here.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from budgetdoc.errors import UnreadableError
from budgetdoc.model import Finding, Severity

BBox = tuple[float, float, float, float]
RED = (220, 30, 30)
COLORS = {Severity.ERROR: (0.95, 0.25, 0.25), Severity.WARNING: (1.0, 0.8, 0.2), Severity.INFO: (0.55, 0.75, 1.0)}
"""Highlight colour per severity in the annotated PDF (RGB, 0–1)."""
SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
PAD = 1.5
"""Points added around a figure's box so the red frame does not cover its glyphs."""


@dataclass(frozen=True, slots=True)
class PageMarks:
    """Where one finding is on one page: the page number (1-based) and the boxes of its figures there."""

    page: int
    boxes: tuple[BBox, ...]


def finding_pages(finding: Finding, path: str) -> list[PageMarks]:
    """The pages of ``path`` a finding's figures are printed on, each with their boxes (first page first)."""
    by_page: dict[int, list[BBox]] = {}
    for source in finding.sources:
        if source.path == path and source.page is not None and source.bbox is not None:
            boxes = by_page.setdefault(source.page, [])
            if source.bbox not in boxes:
                boxes.append(source.bbox)
    return [PageMarks(page, tuple(boxes)) for page, boxes in by_page.items()]


def is_located(finding: Finding, path: str) -> bool:
    """Whether a finding has at least one figure with a box on a page of ``path``."""
    return bool(finding_pages(finding, path))


def _open(path: str | Path):  # noqa: ANN202 - pypdfium2's document type
    import pypdfium2 as pdfium  # noqa: PLC0415 - only PDF sources need it

    try:
        return pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise UnreadableError(str(path), f"无法打开 PDF：{exc}") from None


def page_image(path: str | Path, page: int, boxes: Iterable[BBox], *, scale: float = 1.5,
               fmt: str = "PNG") -> bytes:
    """Page ``page`` (1-based) of the PDF rendered at ``scale`` × 72 dpi, every box framed in red.

    Raises:
        UnreadableError: the PDF cannot be opened or has no such page.
    """
    from PIL import ImageDraw  # noqa: PLC0415

    pdf = _open(path)
    try:
        if not 1 <= page <= len(pdf):
            raise UnreadableError(str(path), f"PDF 没有第 {page} 页")
        image = pdf[page - 1].render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()
    draw = ImageDraw.Draw(image)
    width = max(2, round(scale * 1.5))
    for x0, top, x1, bottom in boxes:
        draw.rectangle([(x0 - PAD) * scale, (top - PAD) * scale, (x1 + PAD) * scale, (bottom + PAD) * scale],
                       outline=RED, width=width)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **({"quality": 80} if fmt == "JPEG" else {"optimize": True}))
    return buffer.getvalue()


def annotate(path: str | Path, findings: Sequence[Finding], rules: dict[str, str] | None = None) -> bytes:
    """The original PDF with one highlight annotation per located finding, covering its figures' boxes on the
    first page they are printed on, the finding's message as the annotation's text.

    Raises:
        UnreadableError: the PDF cannot be read by pypdf.
    """
    from pypdf import PdfReader, PdfWriter  # noqa: PLC0415
    from pypdf.annotations import Highlight  # noqa: PLC0415
    from pypdf.errors import PyPdfError  # noqa: PLC0415
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject  # noqa: PLC0415

    try:
        writer = PdfWriter(clone_from=PdfReader(str(path)))
    except (PyPdfError, OSError, ValueError) as exc:
        raise UnreadableError(str(path), f"无法读取 PDF：{type(exc).__name__}") from None
    for finding in findings:
        marks = finding_pages(finding, str(path))
        if not marks or not 1 <= marks[0].page <= len(writer.pages):
            continue
        first = marks[0]
        pdf_page = writer.pages[first.page - 1]
        box = pdf_page.mediabox
        height, left, bottom_edge = float(box.height), float(box.left), float(box.bottom)
        quads: list[float] = []
        rects = []
        for x0, top, x1, bottom in first.boxes:
            lx, rx = left + x0 - PAD, left + x1 + PAD
            ty, by = bottom_edge + height - top + PAD, bottom_edge + height - bottom - PAD
            quads += [lx, ty, rx, ty, lx, by, rx, by]
            rects.append((lx, by, rx, ty))
        rect = (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects),
                max(r[3] for r in rects))
        title = rules.get(finding.rule, "") if rules else ""
        message = f"{SEVERITY_NAMES[finding.severity]} [{finding.rule}] {title}：{finding.message}".replace(" ：", "：")
        if finding.expected:
            message += f"（应为 {finding.expected}，实为 {finding.actual}）"
        annotation = Highlight(rect=rect, quad_points=ArrayObject(FloatObject(q) for q in quads),
                               highlight_color="".join(f"{round(c * 255):02x}" for c in COLORS[finding.severity]))
        annotation[NameObject("/Contents")] = TextStringObject(message)
        annotation[NameObject("/T")] = TextStringObject("budgetdoc")
        writer.add_annotation(page_number=first.page - 1, annotation=annotation)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
