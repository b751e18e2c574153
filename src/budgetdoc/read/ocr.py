"""OCR for PDF pages without a text layer, with RapidOCR (optional extra ``budgetdoc[ocr]``).

``rapidocr-onnxruntime`` ships its detection, classification and recognition models inside the wheel, so
reading a scan never downloads anything. Its words come back as glyphs with boxes in PDF points, and are
laid out into lines exactly like characters of a text layer.
"""

from __future__ import annotations

import functools
from typing import Any

from budgetdoc.read.pdf_tables import Glyph

HOW_TO_ENABLE = "如需识别扫描页，请安装 OCR 组件：pip install 'budgetdoc[ocr]'"
# 2× (144 dpi) is where the PP-OCR models read 5-point table digits reliably; higher only costs time.
SCALE = 2.0
_MIN_SCORE = 0.5


@functools.cache
def engine() -> Any | None:
    """The shared RapidOCR engine, or None when the ``ocr`` extra is not installed."""
    try:
        from rapidocr_onnxruntime import RapidOCR  # noqa: PLC0415 - optional dependency
    except ImportError:
        return None
    return RapidOCR()


def read_page(ocr_engine: Any, page: Any, height: float) -> list[Glyph]:
    """The words RapidOCR reads on a pdfium page, as glyphs in top-down PDF points."""
    del height  # the bitmap is already top-down; kept for symmetry with the text-layer reader
    import numpy as np  # noqa: PLC0415 - comes with the ocr extra

    image = np.asarray(page.render(scale=SCALE).to_pil().convert("RGB"))
    result, _ = ocr_engine(image)
    glyphs = []
    for box, text, score in result or ():
        if not text.strip() or float(score) < _MIN_SCORE:
            continue
        xs = [p[0] / SCALE for p in box]
        ys = [p[1] / SCALE for p in box]
        glyphs.append(Glyph(text.strip(), min(xs), min(ys), max(xs), max(ys)))
    return glyphs
