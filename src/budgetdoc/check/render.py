"""Reports as text (grouped by section, quoted source lines), JSON, XLSX and one standalone HTML file, where a
PDF finding is shown on its page rendered with its figures framed in red (pypdfium2 + Pillow)."""

from __future__ import annotations

import base64
import html
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from budgetdoc.check.catalog import RULES
from budgetdoc.errors import UnreadableError
from budgetdoc.model import Document, Finding, Report, Section, Severity, Source
from budgetdoc.serialize import source_dict

SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
BBox = tuple[float, float, float, float]
RED = (220, 30, 30)
PAD = 1.5
"""Points added around a figure's box so the red frame does not cover its glyphs."""


@dataclass(frozen=True, slots=True)
class PageMarks:
    """Where one finding is on one page: the page number (1-based) and the boxes of its figures there."""

    page: int
    boxes: tuple[BBox, ...]


def finding_pages(finding: Finding, path: str) -> list[PageMarks]:
    """The pages of ``path`` a finding's figures are printed on, each with their boxes (first page first)."""
    by_page: dict[int, list[BBox]] = {}
    for source in finding.sources:
        if source.path == path and source.page is not None and source.bbox is not None:
            boxes = by_page.setdefault(source.page, [])
            if source.bbox not in boxes:
                boxes.append(source.bbox)
    return [PageMarks(page, tuple(boxes)) for page, boxes in by_page.items()]


def is_located(finding: Finding, path: str) -> bool:
    """Whether a finding has at least one figure with a box on a page of ``path``."""
    return bool(finding_pages(finding, path))


def _open(path: str | Path):  # noqa: ANN202 - pypdfium2's document type
    import pypdfium2 as pdfium  # noqa: PLC0415 - only PDF sources need it

    try:
        return pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise UnreadableError(str(path), f"无法打开 PDF：{exc}") from None


def page_image(path: str | Path, page: int, boxes: Iterable[BBox], *, scale: float = 1.5,
               fmt: str = "PNG") -> bytes:
    """Page ``page`` (1-based) of the PDF rendered at ``scale`` × 72 dpi, every box framed in red.

    Raises:
        UnreadableError: the PDF cannot be opened or has no such page.
    """
    from PIL import ImageDraw  # noqa: PLC0415

    pdf = _open(path)
    try:
        if not 1 <= page <= len(pdf):
            raise UnreadableError(str(path), f"PDF 没有第 {page} 页")
        image = pdf[page - 1].render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()
    draw = ImageDraw.Draw(image)
    width = max(2, round(scale * 1.5))
    for x0, top, x1, bottom in boxes:
        draw.rectangle([(x0 - PAD) * scale, (top - PAD) * scale, (x1 + PAD) * scale, (bottom + PAD) * scale],
                       outline=RED, width=width)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **({"quality": 80} if fmt == "JPEG" else {"optimize": True}))
    return buffer.getvalue()



Checked = Sequence[tuple[Document, Report]]
MAX_QUOTED = 8
"""Source lines quoted under one finding in the text report; the JSON keeps every source."""


def finding_dict(finding: Finding) -> dict[str, Any]:
    """The public JSON shape of a finding."""
    sources = []
    for source in finding.sources:
        entry = {k: v for k, v in source_dict(source).items() if k != "text"}
        entry["path"] = source.path
        sources.append(entry)
    return {"rule": finding.rule, "severity": finding.severity.value, "message": finding.message,
            "expected": finding.expected, "actual": finding.actual, "keys": list(finding.keys), "sources": sources}


def report_dict(doc: Document, report: Report) -> dict[str, Any]:
    return {
        "path": doc.path, "kind": doc.kind.value, "unit": doc.unit, "year": doc.year,
        "findings": [finding_dict(f) for f in report.findings],
        "deferred": [{"rule": d.rule, "missing": list(d.missing)} for d in report.deferred],
        "passed": report.passed,
        "counts": counts(report),
    }


def counts(report: Report) -> dict[str, int]:
    return {s.value: sum(f.severity is s for f in report.findings) for s in (Severity.ERROR, Severity.WARNING,
                                                                              Severity.INFO)}


def to_json(checked: Checked) -> str:
    """``{"documents": [{"path","kind","unit","year","findings":[…],"deferred":[…]}]}``."""
    return json.dumps({"documents": [report_dict(d, r) for d, r in checked]}, ensure_ascii=False, indent=2)


def section_of(doc: Document, source: Source | None) -> str:
    """The title path of the outline section a source line lies in (level ≤ 3), or ``（文首）``."""
    if source is None or source.path != doc.path:
        return "（全文）"
    best: Section | None = None
    for section in doc.sections:
        if section.level <= 3 and section.source.line <= source.line:
            best = section
    return " > ".join(best.path) if best else "（文首）"


def quoted_lines(doc: Document, source: Source) -> list[str]:
    """The printed lines a source spans, as ``  行 N │ text``."""
    if source.path != doc.path:
        return [f"  {source.path}:{source.line} │ {source.text}"]
    lines = doc.source_text.splitlines()
    out = []
    for number in range(source.line, min(source.end_line, source.line + 2) + 1):
        if 0 < number <= len(lines) and lines[number - 1].strip():
            out.append(f"  行 {number:>5} │ {lines[number - 1].strip()}")
    return out


def to_text(checked: Checked) -> str:
    """Findings grouped by section, each with its quoted source lines, then what was deferred."""
    out: list[str] = []
    for doc, report in checked:
        c = counts(report)
        out.append(f"{doc.path}  {doc.unit} {doc.year or ''} {doc.kind.label}")
        out.append(f"  错误 {c['error']} · 警告 {c['warning']} · 提示 {c['info']} · 通过 {report.passed} · "
                   f"未检查 {len(report.deferred)}")
        groups: dict[str, list[Finding]] = {}
        for finding in report.findings:
            groups.setdefault(section_of(doc, finding.sources[0] if finding.sources else None), []).append(finding)
        for section, findings in groups.items():
            out.append(f"\n【{section}】")
            for finding in findings:
                where = f"{doc.path}:{finding.sources[0].line}:{finding.sources[0].column}" if finding.sources \
                    else doc.path
                out.append(f"{where}: {SEVERITY_NAMES[finding.severity]} [{finding.rule}] {finding.message}")
                if finding.severity is Severity.INFO:
                    continue  # rounding notes: one line each, the figures are in the message
                quoted: list[str] = []
                for source in finding.sources:
                    quoted += [q for q in quoted_lines(doc, source) if q not in quoted]
                out.extend(quoted[:MAX_QUOTED])
                if len(quoted) > MAX_QUOTED:
                    out.append(f"  …… 另有 {len(quoted) - MAX_QUOTED} 行")
        if report.deferred:
            out.append("\n【未能检查（缺少输入）】")
            for item in report.deferred:
                out.append(f"  [{item.rule}] 缺少 {'、'.join(item.missing)}")
        out.append("")
    return "\n".join(out)


def to_xlsx(checked: Checked) -> bytes:
    """One row per finding, plus a per-document summary sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "问题清单"
    sheet.append(["文件", "单位", "年度", "类型", "规则", "规则名称", "级别", "说明", "应为", "实际", "事实键", "行", "列",
                  "页", "原文"])
    for doc, report in checked:
        for f in report.findings:
            first = f.sources[0] if f.sources else None
            sheet.append([doc.path, doc.unit, doc.year, doc.kind.label, f.rule,
                          RULES[f.rule].title if f.rule in RULES else "", SEVERITY_NAMES[f.severity], f.message,
                          f.expected, f.actual, ", ".join(f.keys), first.line if first else None,
                          first.column if first else None, first.page if first else None,
                          first.text if first else ""])
    summary = book.create_sheet("汇总")
    summary.append(["文件", "单位", "年度", "类型", "错误", "警告", "提示", "通过", "未检查规则"])
    for doc, report in checked:
        c = counts(report)
        summary.append([doc.path, doc.unit, doc.year, doc.kind.label, c["error"], c["warning"], c["info"],
                        report.passed, ", ".join(d.rule for d in report.deferred)])
    for ws in (sheet, summary):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_CSS = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0}
.doc{display:flex;height:100vh;border-bottom:3px solid #888}
nav{width:34%;overflow:auto;border-right:1px solid #ccc;padding:0 1em;box-sizing:border-box}
main{width:66%;overflow:auto;padding:0 1em;box-sizing:border-box}
pre{white-space:pre-wrap;font-size:14px;line-height:1.5}
mark{border-radius:2px}.error{background:#f8b4b4}.warning{background:#fde68a}.info{background:#dbeafe}
li{margin:.5em 0}a{color:inherit}.rule{font-family:monospace;color:#555}h2{font-size:1.1em}
.on-page{display:flex;gap:1em;align-items:flex-start;border-top:1px solid #ddd;padding:.8em 0}
.on-page .msg{flex:0 0 30%}.on-page img{flex:1 1 auto;max-width:68%;border:1px solid #999}"""
PAGE_SCALE = 1.3
"""Render scale of a finding's page in the HTML report (× 72 dpi): readable figures, a report of a few MB."""


def _highlighted(doc: Document, report: Report, prefix: str) -> str:
    """The document text, escaped, with each finding's figures wrapped in a linked <mark>."""
    text = doc.source_text
    marks: dict[int, tuple[int, int, Severity]] = {}  # start → (end, finding index, severity)
    for index, finding in enumerate(report.findings):
        for source in finding.sources:
            if source.path == doc.path and source.end_offset > source.offset:
                current = marks.get(source.offset)
                if current is None or finding.severity.rank > current[2].rank:
                    marks[source.offset] = (source.end_offset, index, finding.severity)
    pieces, cursor = [], 0
    for start in sorted(marks):
        end, index, severity = marks[start]
        if start < cursor:
            continue  # overlaps a figure already highlighted
        pieces.append(html.escape(text[cursor:start]))
        pieces.append(f'<mark id="{prefix}o{start}" class="{severity.value}" '
                      f'title="{html.escape(report.findings[index].message)}">'
                      f'<a href="#{prefix}f{index}">{html.escape(text[start:end])}</a></mark>')
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces)


def _pages(doc: Document, report: Report, prefix: str) -> str:
    """Each located finding of a PDF beside its page, every figure involved boxed in red (an embedded image)."""
    if not doc.path.lower().endswith(".pdf") or not Path(doc.path).is_file():
        return ""
    blocks = []
    for index, finding in enumerate(report.findings):
        for marks in finding_pages(finding, doc.path)[:1]:
            try:
                image = page_image(doc.path, marks.page, marks.boxes, scale=PAGE_SCALE, fmt="JPEG")
            except UnreadableError:
                return ""
            blocks.append(
                f'<div class="on-page" id="{prefix}p{index}"><div class="msg"><a href="#{prefix}f{index}">'
                f'第 {marks.page} 页</a> <span class="rule">{finding.rule}</span> '
                f"{SEVERITY_NAMES[finding.severity]}：{html.escape(finding.message)}</div>"
                f'<img alt="第 {marks.page} 页，问题所在数字已用红框标出" '
                f'src="data:image/jpeg;base64,{base64.b64encode(image).decode()}"></div>')
    return f"<h2>问题在原页面上（红框为涉及的数字）</h2>{''.join(blocks)}" if blocks else ""


def _block(doc: Document, report: Report, prefix: str) -> str:
    items = []
    for index, finding in enumerate(report.findings):
        first = next((s for s in finding.sources if s.path == doc.path), None)
        link = f'<a href="#{prefix}o{first.offset}">行 {first.line}</a> ' if first else ""
        if first is not None and first.page is not None and first.bbox is not None:
            link += f'<a href="#{prefix}p{index}">第 {first.page} 页</a> '
        items.append(f'<li id="{prefix}f{index}" class="{finding.severity.value}">{link}<span class="rule">'
                     f'{finding.rule}</span> {SEVERITY_NAMES[finding.severity]}：{html.escape(finding.message)}</li>')
    deferred = "".join(f'<li><span class="rule">{d.rule}</span> 缺少 {html.escape("、".join(d.missing))}</li>'
                       for d in report.deferred)
    c = counts(report)
    title = html.escape(f"{doc.unit} {doc.year or ''} 检查报告")
    return (f'<section class="doc"><nav><h1>{title}</h1><p>{html.escape(doc.path)}</p>'
            f"<p>错误 {c['error']} · 警告 {c['warning']} · 提示 {c['info']} · 通过 {report.passed}</p>"
            f"<h2>发现的问题</h2><ol>{''.join(items)}</ol><h2>未能检查</h2><ul>{deferred}</ul></nav>"
            f"<main>{_pages(doc, report, prefix)}<h2>全文</h2><pre>{_highlighted(doc, report, prefix)}</pre></main>"
            "</section>")


def to_html(checked: Checked) -> str:
    """One standalone page: each document's text with the findings' figures highlighted and listed."""
    blocks = "".join(_block(doc, report, f"d{n}") for n, (doc, report) in enumerate(checked))
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>预决算公开检查报告</title>'
            f"<style>{_CSS}</style></head><body>{blocks}</body></html>")


RENDERERS = {"text": to_text, "json": to_json, "html": to_html, "xlsx": to_xlsx}
"""Format name → renderer; every renderer returns the whole output (str, or bytes for xlsx)."""
