"""The 部门预算公开 as a PDF (reportlab, embedded WenQuanYi Zen Hei, ``invariant`` mode): the same blocks as the
text, the eleven tables as drawn grids that the PDF reader rebuilds from their rules."""

from __future__ import annotations

import io
from collections.abc import Mapping

from budgetdoc.generate.budget_text import BudgetTable, compose_budget
from budgetdoc.generate.inputs import FactSet
from budgetdoc.generate.render_pdf import CELL_SIZE, _escape, _register_font, column_widths
from budgetdoc.model import Value


def render_budget_pdf(f: Mapping[str, Value], fs: FactSet) -> bytes:
    """The PDF bytes of the 部门预算公开 for the derived facts ``f`` (A4, text layer in the embedded font)."""
    from reportlab.lib import colors  # noqa: PLC0415 - only PDF output needs reportlab
    from reportlab.lib.pagesizes import A4  # noqa: PLC0415
    from reportlab.lib.styles import ParagraphStyle  # noqa: PLC0415
    from reportlab.lib.units import mm  # noqa: PLC0415
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate  # noqa: PLC0415
    from reportlab.platypus import Table as PdfTable  # noqa: PLC0415
    from reportlab.platypus import TableStyle  # noqa: PLC0415

    font = _register_font()
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK", firstLineIndent=21)
    heads = {level: ParagraphStyle(f"h{level}", parent=body, fontSize=size, leading=size + 6, firstLineIndent=0)
             for level, size in ((1, 14), (2, 12), (3, 11))}
    cell = ParagraphStyle("cell", parent=body, fontSize=CELL_SIZE, leading=CELL_SIZE + 2, firstLineIndent=0)
    width = A4[0] - 40 * mm
    unit = str(f["doc.unit"])

    def grid(t: BudgetTable) -> list[object]:
        rows = [list(t.columns), *map(list, t.rows)]
        data = [[Paragraph(_escape(text), cell) for text in row] for row in rows]
        table = PdfTable(data, colWidths=column_widths(rows, len(t.columns), width))
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        # Each table on its own page, as 001's PDF prints them: two tables on one page whose column rulings
        # lie within a point of each other lose a ruling when the PDF reader rebuilds the grids.
        out = [PageBreak(), Paragraph(_escape(f"表{t.number} {t.title}"), heads[3]),
               Paragraph(_escape(f"编制部门：{unit} 单位：万元"), body), KeepTogether([table])]
        return out + ([Paragraph(_escape(t.empty), body)] if t.empty else [])

    story: list[object] = []
    for block in compose_budget(f, fs).blocks:
        if isinstance(block, BudgetTable):
            story += grid(block)
        else:
            story.append(Paragraph(_escape(block[1]), heads[block[0]] if block[0] else body))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
                            bottomMargin=20 * mm, title=f"{unit}{f['doc.year']}年部门预算公开", author="budgetdoc",
                            invariant=True)
    doc.build(story)
    return buffer.getvalue()
