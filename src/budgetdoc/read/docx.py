"""Word files (.docx): paragraphs and tables in document order, one line per paragraph or cell."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from budgetdoc.errors import UnreadableError
from budgetdoc.read.base import RawDocument
from budgetdoc.read.cells import LineBuilder


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
        document = open_docx(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableError(str(path), "不是有效的 Word（.docx）文件，或文件已损坏") from exc
    builder = LineBuilder(path, "docx")
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            builder.paragraph(block.text)
        elif isinstance(block, DocxTable):
            builder.table(_rows(block))
    return builder.build(data)
