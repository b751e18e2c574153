"""The 公开说明 as a PDF (reportlab), with an embedded CJK font from a Debian package.

reportlab embeds TrueType outlines only, so the font is WenQuanYi Zen Hei (fonts-wqy-zenhei, a .ttc with
TrueType glyphs); Noto CJK ships CFF outlines, which reportlab cannot embed. ``invariant`` mode fixes the
creation date and document id, so the same facts give the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from budgetdoc.errors import UsageError
from budgetdoc.generate.inputs import FactSet
from budgetdoc.generate.render_docx import heading_level
from budgetdoc.generate.render_txt import blocks, compose
from budgetdoc.generate.tables import nine_tables
from budgetdoc.model import Value

FONT_NAME = "WenQuanYiZenHei"
CELL_SIZE = 8.0
CELL_PADDING = 14.0
"""reportlab's default cell padding (6 pt each side) and a little slack, in points."""
FONT_PATHS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"),
)


@cache
def _register_font() -> str:
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415 - only PDF output needs reportlab
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415

    path = next((p for p in FONT_PATHS if p.is_file()), None)
    if path is None:
        raise UsageError(str(FONT_PATHS[0]), "缺少中文字体，请先安装：apt-get install fonts-wqy-zenhei")
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
    return FONT_NAME


def render_pdf(facts: Mapping[str, Value], fs: FactSet) -> bytes:
    """The PDF bytes of the 公开说明 and its nine tables (A4, text layer in the embedded CJK font)."""
    from reportlab.lib import colors  # noqa: PLC0415
    from reportlab.lib.pagesizes import A4  # noqa: PLC0415
    from reportlab.lib.styles import ParagraphStyle  # noqa: PLC0415
    from reportlab.lib.units import mm  # noqa: PLC0415
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer  # noqa: PLC0415
    from reportlab.platypus import Table as PdfTable  # noqa: PLC0415
    from reportlab.platypus import TableStyle  # noqa: PLC0415

    font = _register_font()
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK", firstLineIndent=21)
    heads = {
        0: ParagraphStyle("title", parent=body, fontSize=18, leading=26, alignment=1, firstLineIndent=0),
        1: ParagraphStyle("h1", parent=body, fontSize=14, leading=22, spaceBefore=8, firstLineIndent=0),
        2: ParagraphStyle("h2", parent=body, fontSize=12, leading=18, spaceBefore=4, firstLineIndent=0),
        3: ParagraphStyle("h3", parent=body, fontSize=11, leading=17, firstLineIndent=0),
    }
    cell = ParagraphStyle("cell", parent=body, fontSize=CELL_SIZE, leading=CELL_SIZE + 2, firstLineIndent=0)
    width = A4[0] - 40 * mm

    def grid(rows: list[list[str]], title: str) -> list[object]:
        columns = max(len(r) for r in rows)
        data = [[Paragraph(_escape(text), cell) for text in row] + [""] * (columns - len(row)) for row in rows]
        # No repeated header row and no page break inside a block: a header printed again between two
        # indicator rows, read back from the PDF text, starts a new table in the middle of the old one.
        table = PdfTable(data, colWidths=column_widths(rows, columns, width))
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        return [Spacer(1, 6 * mm), Paragraph(_escape(title), heads[3]), KeepTogether([table])]

    parts = blocks(compose(facts, fs))
    story: list[object] = [Paragraph(_escape(str(parts[0])), heads[0]), Paragraph(_escape(str(parts[1])), heads[0])]
    in_glossary = False
    for part in parts[2:]:
        if isinstance(part, list):
            segments = split_blocks(part[2:])
            story += grid(segments[0], f"{part[0][0]}{part[1][0]}")
            for segment in segments[1:]:
                story += grid(segment, "")[2:]
            continue
        in_glossary = in_glossary or part.startswith("第三部分")
        level = heading_level(part, in_glossary)
        story.append(Paragraph(_escape(part), heads[level] if level else body))
    for spec in nine_tables(facts):
        story += grid([list(spec.header), *map(list, spec.rows)], f"{spec.number} {spec.name}（单位：万元）")
        if spec.empty_statement:
            story.append(Paragraph(_escape(spec.empty_statement), body))
    buffer = io.BytesIO()
    title = f"{facts['doc.unit']}{facts['doc.year']}年度部门决算公开说明"
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm,
                            bottomMargin=20 * mm, title=title, author="budgetdoc", invariant=True)
    doc.build(story)
    return buffer.getvalue()


_BLOCK_HEADS = ("部门资金", "项目资金", "年度总体目标", "一级指标", "总分")


def split_blocks(rows: list[list[str]]) -> list[list[list[str]]]:
    """A 自评表's rows cut into its blocks (名称, 资金, 目标, 指标, 总分), each drawn with its own column widths.

    Real 自评表 merge cells so each block has columns of its own; one shared grid would squeeze the indicator
    header (实际完成指标值) into a column sized for 执行率 and wrap it.
    """
    blocks: list[list[list[str]]] = []
    for row in rows:
        if not blocks or (row and row[0].startswith(_BLOCK_HEADS)):
            blocks.append([])
        blocks[-1].append(row)
    return blocks


def column_widths(rows: list[list[str]], columns: int, width: float, font: str = FONT_NAME,
                  size: float = CELL_SIZE) -> list[float]:
    """Column widths (points) that fit each column's longest cell on one line, up to a cap, within ``width``.

    A name or label broken over two lines in a narrow cell is read back from the PDF text as two fragments,
    so short cells get the room they need first; long prose columns share what is left and wrap.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: PLC0415

    cap = 12 * size + CELL_PADDING
    need = [2 * size + CELL_PADDING] * columns
    for row in rows:
        for index, text in enumerate(row):
            need[index] = max(need[index], min(stringWidth(text, font, size) + CELL_PADDING, cap))
    total = sum(need)
    if total <= width:
        return [n + (width - total) * n / total for n in need]
    return [width * n / total for n in need]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
