"""Word files (.docx): paragraphs and tables in document order, one line per paragraph or cell."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as open_docx
from docx.opc.exceptions import OpcError
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from budgetdoc.errors import UnreadableError
from budgetdoc.read.base import RawDocument
from budgetdoc.read.cells import DAMAGED_PACKAGE, LineBuilder


def _rows(table: DocxTable) -> list[list[str]]:
    """Cell texts by row and grid column; a merged cell repeats its text in every grid slot it covers,
    which is what makes merged header cells readable as column paths."""
    return [[cell.text for cell in row.cells] for row in table.rows]


def read_docx(path: Path, data: bytes, **_: object) -> RawDocument:
    """Read a .docx: body paragraphs and tables, in the order the document prints them.

    Raises:
        UnreadableError: the file is not a Word document or is damaged.
    """
    try:
        # python-docx parses lazily: every library call that walks the XML stays inside the guard
        document = open_docx(io.BytesIO(data))
        blocks: list[str | list[list[str]]] = [
            block.text if isinstance(block, Paragraph) else _rows(block)
            for block in document.iter_inner_content() if isinstance(block, Paragraph | DocxTable)]
    except (OpcError, *DAMAGED_PACKAGE) as exc:
        raise UnreadableError(str(path), "不是有效的 Word（.docx）文件，或文件已损坏") from exc
    builder = LineBuilder(path, "docx")
    for block in blocks:
        if isinstance(block, str):
            builder.paragraph(block)
        else:
            builder.table(block)
    return builder.build(data)
