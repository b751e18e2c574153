"""The 公开说明 as a Word file (python-docx): headings as heading styles, the nine tables as real tables.

The bytes are identical on every run: core-property dates are fixed to the publication year and the zip
entries get a fixed timestamp (python-docx stamps them with the current time).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime

from docx import Document as new_docx
from docx.oxml.ns import qn
from docx.shared import Pt

from budgetdoc.generate.inputs import FactSet
from budgetdoc.generate.render_txt import blocks, compose
from budgetdoc.generate.tables import nine_tables
from budgetdoc.model import Value

_LEVELS = ((re.compile(r"^第[一二三四]部分"), 1), (re.compile(r"^[一二三四五六七八九十]+、(?!《)"), 2),
           (re.compile(r"^（[一二三四五六七八九十]+）"), 3))
EAST_ASIAN_FONT = "宋体"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def heading_level(line: str, in_glossary: bool) -> int:
    """0 for body text; 1–3 for 第X部分 / 一、 / （一） headings (glossary entries 一、… are body text)."""
    for pattern, level in _LEVELS:
        if pattern.match(line) and not (in_glossary and level > 1):
            return level
    return 0


def _set_font(style: object) -> None:
    style.font.name = EAST_ASIAN_FONT  # type: ignore[attr-defined]
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)  # type: ignore[attr-defined]


def stable_zip(data: bytes) -> bytes:
    """The same zip with every entry stamped 1980-01-01, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME), src.read(info.filename),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _add_grid(doc: object, rows: list[list[str]], title: str) -> None:
    """A bold title line and a real Word table; short rows are padded on the right."""
    doc.add_paragraph(title).runs[0].bold = True  # type: ignore[attr-defined]
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)  # type: ignore[attr-defined]
    table.style = doc.styles["Table Grid"]  # type: ignore[attr-defined]
    for row_index, cells in enumerate(rows):
        for col, text in enumerate(cells):
            table.cell(row_index, col).text = text


def render_docx(facts: Mapping[str, Value], fs: FactSet) -> bytes:
    """The .docx bytes of the 公开说明 and its nine tables."""
    doc = new_docx()
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        _set_font(doc.styles[name])
    doc.styles["Normal"].font.size = Pt(12)
    published = datetime(int(facts["doc.year"]) + 1, 1, 1, tzinfo=UTC)
    props = doc.core_properties
    props.title = f"{facts['doc.unit']}{facts['doc.year']}年度部门决算公开说明"
    props.author = props.last_modified_by = "budgetdoc"
    props.created = props.modified = published
    props.revision = 1

    parts = blocks(compose(facts, fs))
    doc.add_heading(f"{parts[0]}{parts[1]}", level=0)
    in_glossary = False
    for part in parts[2:]:
        if isinstance(part, list):
            _add_grid(doc, part[2:], title=f"{part[0][0]}{part[1][0]}")
            continue
        in_glossary = in_glossary or part.startswith("第三部分")
        level = heading_level(part, in_glossary)
        if level:
            doc.add_heading(part, level=level)
        else:
            doc.add_paragraph(part)
    for spec in nine_tables(facts):
        _add_grid(doc, [list(spec.header), *map(list, spec.rows)], title=f"{spec.number} {spec.name}（单位：万元）")
        if spec.empty_statement:
            doc.add_paragraph(spec.empty_statement)
    buffer = io.BytesIO()
    doc.save(buffer)
    return stable_zip(buffer.getvalue())
