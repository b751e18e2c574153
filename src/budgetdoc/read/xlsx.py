"""Excel workbooks (.xlsx): each sheet one standard table, its caption rows (title, 单位) as paragraphs."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from budgetdoc.errors import UnreadableError
from budgetdoc.read.base import RawDocument
from budgetdoc.read.cells import DAMAGED_PACKAGE, LineBuilder


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def read_xlsx(path: Path, data: bytes, **_: object) -> RawDocument:
    """Read a .xlsx: per sheet, the leading rows with a single filled cell as caption lines, the rest a table.

    Cell values are read as stored (``data_only`` gives the cached result of formulas), so an amount keeps
    the digits the file holds.

    Raises:
        UnreadableError: the file is not an Excel workbook or is damaged.
    """
    try:
        # read-only workbooks parse each sheet as it is iterated: the whole walk stays inside the guard
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheets = [[[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
                      for sheet in workbook.worksheets]
        finally:
            workbook.close()
    except (InvalidFileException, *DAMAGED_PACKAGE) as exc:
        raise UnreadableError(str(path), "不是有效的 Excel（.xlsx）文件，或文件已损坏") from exc
    builder = LineBuilder(path, "xlsx")
    for sheet_rows in sheets:
        rows = [r for r in sheet_rows if any(r)]
        body_start = 0
        for row in rows:
            if sum(1 for v in row if v) > 1:
                break
            builder.paragraph(next(v for v in row if v))
            body_start += 1
        table = rows[body_start:]
        if table:
            width = max(len(r) for r in table)
            last = max(max((i for i, v in enumerate(r) if v), default=0) for r in table) + 1
            builder.table([(r + [""] * width)[:last] for r in table])
    return builder.build(data)
