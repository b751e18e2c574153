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
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer  # noqa: PLC0415
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
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=12, firstLineIndent=0)
    width = A4[0] - 40 * mm

    def grid(rows: list[list[str]], title: str) -> list[object]:
        columns = max(len(r) for r in rows)
        data = [[Paragraph(_escape(text), cell) for text in row] + [""] * (columns - len(row)) for row in rows]
        table = PdfTable(data, colWidths=[width / columns] * columns, repeatRows=1)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        return [Spacer(1, 6 * mm), Paragraph(_escape(title), heads[3]), table]

    parts = blocks(compose(facts, fs))
    story: list[object] = [Paragraph(_escape(str(parts[0])), heads[0]), Paragraph(_escape(str(parts[1])), heads[0])]
    in_glossary = False
    for part in parts[2:]:
        if isinstance(part, list):
            story += grid(part[2:], f"{part[0][0]}{part[1][0]}")
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


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
