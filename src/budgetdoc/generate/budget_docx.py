"""The 部门预算公开 as a Word file: the same blocks as the text, headings as heading styles, the eleven tables as
real Word tables (one header row of column names, one row per printed row), identical bytes on every run."""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import UTC, datetime

from docx import Document as new_docx
from docx.shared import Pt

from budgetdoc.generate.budget_text import BudgetTable, compose_budget
from budgetdoc.generate.inputs import FactSet
from budgetdoc.generate.render_docx import _set_font, stable_zip
from budgetdoc.model import Value


def render_budget_docx(f: Mapping[str, Value], fs: FactSet) -> bytes:
    """The .docx bytes of the 部门预算公开 for the derived facts ``f``."""
    doc = new_docx()
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        _set_font(doc.styles[name])
    doc.styles["Normal"].font.size = Pt(12)
    unit, year = str(f["doc.unit"]), int(f["doc.year"])  # type: ignore[arg-type]
    props = doc.core_properties
    props.title = f"{unit}{year}年部门预算公开"
    props.author = props.last_modified_by = "budgetdoc"
    props.created = props.modified = datetime(year, 1, 1, tzinfo=UTC)  # budgets are published as the year opens
    props.revision = 1
    for block in compose_budget(f, fs).blocks:
        if isinstance(block, BudgetTable):
            _table(doc, block, unit)
        elif block[0]:
            doc.add_heading(block[1], level=block[0])
        else:
            doc.add_paragraph(block[1])
    buffer = io.BytesIO()
    doc.save(buffer)
    return stable_zip(buffer.getvalue())


def _table(doc: object, t: BudgetTable, unit: str) -> None:
    # The reader takes the caption from the paragraphs just above a table: number and title, then 单位.
    doc.add_paragraph(f"表{t.number} {t.title}")  # type: ignore[attr-defined]
    doc.add_paragraph(f"编制部门：{unit} 单位：万元")  # type: ignore[attr-defined]
    rows = [list(t.columns), *map(list, t.rows)]
    grid = doc.add_table(rows=len(rows), cols=len(t.columns))  # type: ignore[attr-defined]
    grid.style = doc.styles["Table Grid"]  # type: ignore[attr-defined]
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            grid.cell(r, c).text = text
    if t.empty:
        doc.add_paragraph(t.empty)  # type: ignore[attr-defined]
