"""PDF files: characters with their boxes from pdfium, laid out one text line per printed line.

pypdfium2 is the only PDF library the reader uses: it gives every character and every ruling line fast
enough for ~100 pages a second, where pdfminer-based extraction manages a few. Tables are rebuilt from those
rulings by ``read/pdf_tables.py``; pages that carry an image and no usable text go to OCR (``read/ocr.py``),
up to the budget's page cap, when the optional extra is installed, and are named in a warning otherwise.
Pages without text and without an image (vector drawings, a damaged text layer) are never OCRed: rendering
them costs seconds a page and finds nothing a text reader could not.
"""

from __future__ import annotations

import bisect
import ctypes
import hashlib
import re
import struct
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from budgetdoc.budgets import DEFAULT_OCR_PAGES, OCR_PAGES_ENV, Meter
from budgetdoc.errors import UnreadableError
from budgetdoc.model import Source, Table
from budgetdoc.read.base import BBox, RawDocument
from budgetdoc.read.pdf_tables import Edge, Glyph, Grid, build_tables, group_lines, line_text, page_grids

DEFAULT_MAX_PAGES = 500
# A text layer is garbage when its characters do not map to Unicode text: CID fonts without a ToUnicode
# map come out as U+FFFD, private-use code points or control characters.
_GARBAGE_SHARE = 0.3
# U+FFFD, private use, and the C0/C1 controls that are not whitespace (\t-\r, \x1c-\x1f and \x85 are)
_UNDECODED = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_SPACE = re.compile(r"\s")
_THIN = 2.5
_SKIP = frozenset(" \x00")
# FS_RECTF: left, top, right, bottom as C floats
_RECT = struct.Struct("4f")


def _unchecked(binding: object, restype: type | None = ctypes.c_int, *argtypes: type) -> ctypes._CFuncPtr:
    """A pdfium entry point re-declared with plain ``void *`` handles (or no argtypes at all).

    pypdfium2 declares typed handle pointers, and ctypes checks each argument against them; the calls made
    once per character or per page object cost half as much without that. Handles then travel as ints.
    """
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(binding, ctypes.c_void_p).value)


_VOID = ctypes.c_void_p
_GET_CHAR_BOX = _unchecked(pdfium_c.FPDFText_GetLooseCharBox)
_GET_OBJECT = _unchecked(pdfium_c.FPDFPage_GetObject, _VOID, _VOID, ctypes.c_int)
_GET_FORM_OBJECT = _unchecked(pdfium_c.FPDFFormObj_GetObject, _VOID, _VOID, ctypes.c_ulong)
_COUNT_FORM_OBJECTS = _unchecked(pdfium_c.FPDFFormObj_CountObjects, ctypes.c_int, _VOID)
_GET_TYPE = _unchecked(pdfium_c.FPDFPageObj_GetType, ctypes.c_int, _VOID)
_GET_BOUNDS = _unchecked(pdfium_c.FPDFPageObj_GetBounds, ctypes.c_int, _VOID, _VOID, _VOID, _VOID, _VOID)


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    ocr: bool = False


_PDFIUM = threading.Lock()
"""pdfium is not thread-safe: one thread at a time in it, or a threaded caller (the web app) crashes."""

_ENCRYPT = re.compile(rb"/Encrypt\s")
_COUNT = re.compile(rb"/Count\s+(\d+)")


def _open(path: Path, data: bytes, password: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        # pdfium's error code is process-global and stale after an earlier failure, so the bytes decide
        if _ENCRYPT.search(data) or getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise UnreadableError(str(path), "PDF 已加密，需要密码才能读取（请提供未加密的文件）") from exc
        counts = {int(n) for n in _COUNT.findall(data)}
        if counts == {0}:
            raise UnreadableError(str(path), "PDF 没有任何页面") from exc
        raise UnreadableError(str(path), "PDF 文件已损坏或不完整，无法打开") from exc


def _garbage(text: str) -> bool:
    # regex counts instead of a per-character loop: this runs over every page's full text
    visible = len(text) - len(_SPACE.findall(text))
    if not visible:
        return False
    return len(_UNDECODED.findall(text)) >= visible * _GARBAGE_SHARE


def _glyphs(textpage: pdfium.PdfTextPage, height: float) -> tuple[list[Glyph], bool]:
    count = textpage.count_chars()
    if count <= 0:
        return [], False
    text = textpage.get_text_range(0, count)
    if _garbage(text):
        return [], True
    out = []
    append = out.append
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    get_box = _GET_CHAR_BOX  # raw call, one rect reused: ~4x the helper's speed
    unpack = _RECT.unpack_from  # one call for the four floats instead of four ctypes attribute reads
    raw_page = textpage.raw
    # get_text_range may differ in length from the character count (surrogates); fetch per index then.
    chars = text if len(text) == count else [textpage.get_text_range(i, 1) for i in range(count)]
    for index, char in enumerate(chars):
        if not char or char in _SKIP or char.isspace():
            continue
        if not get_box(raw_page, index, rect_ref):
            continue
        left, top, right, bottom = unpack(rect)
        if right <= left:
            continue
        append(Glyph(char, left, height - top, right, height - bottom))
    return out, False


def _path_objects(page: pdfium.PdfPage) -> list[int]:
    """Handles (ints) of a page's path objects, form XObjects included."""
    out = []
    get_type = _GET_TYPE
    path_type, form_type = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    raw = page.raw
    get_obj = _GET_OBJECT
    stack = [[get_obj(raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(raw))]]
    while stack:
        for obj in stack.pop():
            kind = get_type(obj)
            if kind == path_type:
                out.append(obj)
            elif kind == form_type:
                stack.append([_GET_FORM_OBJECT(obj, i) for i in range(_COUNT_FORM_OBJECTS(obj))])
    return out


def _edges(page: pdfium.PdfPage, width: float, height: float) -> list[Edge]:
    edges: list[Edge] = []
    left_c, bottom_c, right_c, top_c = (ctypes.c_float() for _ in range(4))
    refs = (ctypes.byref(left_c), ctypes.byref(bottom_c), ctypes.byref(right_c), ctypes.byref(top_c))
    get_bounds = _GET_BOUNDS
    full_w, full_h = width * 0.95, height * 0.95
    for obj in _path_objects(page):
        if not get_bounds(obj, *refs):
            continue
        left, bottom, right, top = left_c.value, bottom_c.value, right_c.value, top_c.value
        w, h = right - left, top - bottom
        if w >= full_w and h >= full_h:
            continue  # a page background, not a ruling
        y0, y1 = height - top, height - bottom
        if h <= _THIN and w > _THIN:
            edges.append(Edge(True, (y0 + y1) / 2, left, right))
        elif w <= _THIN and h > _THIN:
            edges.append(Edge(False, (left + right) / 2, y0, y1))
        elif w > _THIN and h > _THIN:
            handle = ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT)
            segments = pdfium_c.FPDFPath_CountSegments(handle)
            if segments <= 6:
                edges += [Edge(True, y0, left, right), Edge(True, y1, left, right),
                          Edge(False, left, y0, y1), Edge(False, right, y0, y1)]
            else:
                edges += _path_edges(handle, segments, height)
    return edges


def _path_edges(obj: ctypes.c_void_p, segments: int, height: float) -> list[Edge]:
    """Axis-aligned strokes of a path that draws a whole grid in one object."""
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
        return []
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float, int]] = []
    for index in range(segments):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            continue
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
        points.append((px, height - py, kind))
    edges = []
    for (x0, y0, _), (x1, y1, kind) in zip(points, points[1:], strict=False):
        if kind != pdfium_c.FPDF_SEGMENT_LINETO:
            continue
        if abs(y0 - y1) <= 0.5 and abs(x1 - x0) > _THIN:
            edges.append(Edge(True, y0, min(x0, x1), max(x0, x1)))
        elif abs(x0 - x1) <= 0.5 and abs(y1 - y0) > _THIN:
            edges.append(Edge(False, x0, min(y0, y1), max(y0, y1)))
    return edges


def _page_content(page: pdfium.PdfPage) -> tuple[int, bool]:
    """(number of page objects, whether one of them is an image), form XObjects included."""
    get_type = _GET_TYPE
    image_type, form_type = pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM
    raw = page.raw
    stack = [[_GET_OBJECT(raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(raw))]]
    count = len(stack[0])
    while stack:
        for obj in stack.pop():
            kind = get_type(obj)
            if kind == image_type:
                return count, True
            if kind == form_type:
                stack.append([_GET_FORM_OBJECT(obj, i) for i in range(_COUNT_FORM_OBJECTS(obj))])
    return count, False


@dataclass(slots=True)
class _Untext:
    """Pages without usable text, by what they carry instead."""

    scans: list[int] = field(default_factory=list)
    """An image and no text: OCR can read them."""
    undecoded: list[int] = field(default_factory=list)
    """A text layer that does not decode, and no image."""
    drawn: list[int] = field(default_factory=list)
    """Neither text nor image, but page objects (vector drawings, or a damaged text layer)."""
    garbage: set[int] = field(default_factory=set)


def _load_pages(path: Path, pdf: pdfium.PdfDocument, count: int, meter: Meter | None) -> tuple[list[_Page], _Untext]:
    pages: list[_Page] = []
    untext = _Untext()
    for index in range(count):
        if meter is not None:
            meter.check(f"第 {index + 1} 页")
        try:
            page = pdf[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            glyphs, bad = _glyphs(textpage, height)
            edges = _edges(page, width, height) if glyphs else []
            objects, image = (0, False) if glyphs else _page_content(page)
        except pdfium.PdfiumError as exc:
            raise UnreadableError(str(path), f"PDF 第 {index + 1} 页已损坏，无法读取") from exc
        pages.append(_Page(index + 1, width, height, glyphs, edges))
        if glyphs:
            continue
        if bad:
            untext.garbage.add(index + 1)
        if image:
            untext.scans.append(index + 1)
        elif bad:
            untext.undecoded.append(index + 1)
        elif objects:
            untext.drawn.append(index + 1)
        # a page without any object is a blank page: nothing to read and nothing to say
    return pages, untext


def _page_list(numbers: Sequence[int]) -> str:
    """``1-3、7`` for the pages [1, 2, 3, 7]."""
    parts: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return "、".join(parts)


def read_pdf(path: Path, data: bytes, *, max_pages: int = DEFAULT_MAX_PAGES, ocr: bool | None = None,
             password: str | None = None, meter: Meter | None = None, **_: object) -> RawDocument:
    """Read a PDF: one line of ``text`` per printed line, with page and box; ruled tables as ``Table``s.

    Args:
        path: The file's path, for messages and sources.
        data: The file's bytes.
        max_pages: Refuse files with more pages than this (a 2,000-page PDF is not one disclosure).
        ocr: Read scanned pages (an image and no usable text) by OCR: None = when the ``ocr`` extra is
            installed. At most ``meter.budget.ocr_pages`` pages are read so.
        password: The password of an encrypted PDF, when the user has it.
        meter: The file's budget, checked before every page (``budgets.py``).

    Raises:
        UnreadableError: encrypted, corrupted or truncated, without pages, or longer than ``max_pages``.
        OverBudgetError: past the file's time or memory budget; the message names the page.
    """
    with _PDFIUM:
        pdf = _open(path, data, password)
        try:
            count = len(pdf)
            if count == 0:
                raise UnreadableError(str(path), "PDF 没有任何页面")
            if max_pages and count > int(max_pages):
                raise UnreadableError(str(path), f"PDF 共 {count} 页，超过上限 {max_pages} 页（可用 --max-pages 调整）")
            pages, untext = _load_pages(path, pdf, count, meter)
            warnings = _ocr_pages(path, pdf, pages, untext, ocr, meter)
        finally:
            pdf.close()
    if not any(p.glyphs for p in pages):
        detail = "；".join(warnings) if warnings else "PDF 没有可提取的文字"
        raise UnreadableError(str(path), detail)
    return _layout(path, data, pages, warnings)


def _ocr_pages(path: Path, pdf: pdfium.PdfDocument, pages: list[_Page], untext: _Untext, ocr: bool | None,
               meter: Meter | None) -> list[str]:
    warnings: list[str] = []
    if untext.undecoded:
        warnings.append(f"第 {_page_list(untext.undecoded)} 页的文字层无法解码（字体缺少 ToUnicode 映射），已跳过")
    if untext.drawn:
        warnings.append(f"第 {_page_list(untext.drawn)} 页没有可提取的文字，也不是扫描图像，已跳过")
    todo = untext.scans
    if not todo:
        return warnings
    from budgetdoc.read import ocr as ocr_module  # noqa: PLC0415 - OCR is an optional extra

    engine = ocr_module.engine() if ocr is not False else None
    if engine is None:
        garbage = [n for n in todo if n in untext.garbage]
        if garbage:
            warnings.append(f"第 {_page_list(garbage)} 页的文字层无法解码（字体缺少 ToUnicode 映射），已跳过")
        scans = [n for n in todo if n not in untext.garbage]
        if scans:
            warnings.append(f"第 {_page_list(scans)} 页是扫描图像，没有文字层，已跳过")
        if ocr is not False:
            warnings.append(ocr_module.HOW_TO_ENABLE)
        return warnings
    cap = meter.budget.ocr_pages if meter is not None else DEFAULT_OCR_PAGES
    done, skipped = todo[:cap], todo[cap:]
    for number in done:
        if meter is not None:
            meter.check(f"第 {number} 页（OCR）")
        page = pages[number - 1]
        page.glyphs = ocr_module.read_page(engine, pdf[number - 1], page.height)
        page.edges = []
        page.ocr = True
    if done:
        warnings.append(f"第 {_page_list(done)} 页没有可用的文字层，已用 OCR 识别（请核对数字）")
    if skipped:
        warnings.append(f"第 {_page_list(skipped)} 页是扫描图像，超过每个文件 OCR {cap} 页的上限，已跳过"
                        f"（可用环境变量 {OCR_PAGES_ENV} 调整）")
    return warnings


def _layout(path: Path, data: bytes, pages: list[_Page], warnings: list[str]) -> RawDocument:
    parts: list[str] = []
    line_pages: list[int | None] = []
    line_boxes: list[BBox | None] = []
    line_starts: list[int] = []
    offset = 0
    laid_out: list[tuple[_Page, list[list[Glyph]]]] = []
    for page in pages:
        lines = group_lines(page.glyphs)
        laid_out.append((page, lines))
        for line in lines:
            text = line_text(line, offset)
            parts.append(text)
            line_starts.append(offset)
            line_pages.append(page.number)
            # a line is sorted by x0, so its first glyph holds the least x0
            line_boxes.append((line[0].x0, min([g.top for g in line]),
                               max([g.x1 for g in line]), max([g.bottom for g in line])))
            offset += len(text) + 1
    raw = RawDocument(
        path=str(path), text="\n".join(parts), format="pdf", pages=len(pages),
        line_pages=tuple(line_pages), line_boxes=tuple(line_boxes), warnings=tuple(warnings),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    tables = _tables(raw, laid_out, line_starts)
    return replace(raw, tables=tuple(tables))


def _tables(raw: RawDocument, laid_out: list[tuple[_Page, list[list[Glyph]]]],
            line_starts: list[int]) -> list[Table]:
    text = raw.text
    bisect_right = bisect.bisect_right

    def make_source(glyphs: Sequence[Glyph], page: int, box: BBox) -> Source | None:
        placed = [g for g in glyphs if g.offset >= 0]
        if not placed:
            return None
        start = min([g.offset for g in placed])
        end = max([g.offset + len(g.text) for g in placed])
        # Locator.line_col, inlined: this runs for every cell and row of every table
        index = bisect_right(line_starts, start) - 1
        line, column = index + 1, start - line_starts[index] + 1
        index = bisect_right(line_starts, end - 1) - 1
        end_line, end_column = index + 1, end - line_starts[index]
        return Source(path=raw.path, line=line, column=column, end_line=end_line, end_column=end_column,
                      text=text[start:end], offset=start, end_offset=end, page=page,
                      bbox=(round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2)))

    per_page: list[tuple[int, list[Grid], list[list[Glyph]]]] = []
    for page, lines in laid_out:
        grids = page_grids(page.number, page.glyphs, page.edges) if page.edges else []
        per_page.append((page.number, grids, lines))
    return build_tables(per_page, make_source)
