"""The original PDF with one highlight annotation per located finding (pypdf); the page rendered with each
involved figure boxed in red lives beside the HTML report that embeds it (check/render.py) and is re-exported here.

A source's ``bbox`` is ``(x0, top, x1, bottom)`` in PDF points with ``top`` measured from the top of the page
(read/pdf.py); PDF annotations count y from the bottom, so the two are converted here and only here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from budgetdoc.check.render import PAD, RED, SEVERITY_NAMES, PageMarks, finding_pages, is_located, page_image
from budgetdoc.errors import UnreadableError
from budgetdoc.model import Finding, Severity

__all__ = ["PAD", "RED", "PageMarks", "annotate", "finding_pages", "is_located", "page_image"]

COLORS = {Severity.ERROR: (0.95, 0.25, 0.25), Severity.WARNING: (1.0, 0.8, 0.2), Severity.INFO: (0.55, 0.75, 1.0)}
"""Highlight colour per severity in the annotated PDF (RGB, 0–1)."""


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
