"""A stored finding on its PDF page: the boxes of its figures and the page rendered with them framed in red.

The store keeps a finding's page but not its figures' boxes, so the original PDF (the stored path) is read and
checked again — once per file version, cached — and the stored finding is matched to the fresh one by rule and
message; a finding the fresh check does not give (a cross-document one) is placed by its keys' facts on its page.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from budgetdoc.errors import BudgetdocError
from budgetdoc.export.pdfmarks import PageMarks, finding_pages, page_image
from budgetdoc.model import Document, Report
from budgetdoc.store import Store


def pdf_path(doc: dict[str, Any]) -> str | None:
    """The stored document's original PDF, when it is one and is still on disk."""
    path = str(doc.get("path") or "")
    return path if path.lower().endswith(".pdf") and Path(path).is_file() else None


@lru_cache(maxsize=8)
def _checked(path: str, mtime: float) -> tuple[Document, Report]:  # noqa: ARG001 - mtime keys the cache
    from budgetdoc.check import check  # noqa: PLC0415
    from budgetdoc.pipeline import load  # noqa: PLC0415

    doc = load(path)
    return doc, check(doc)


def finding_marks(store: Store, doc_id: str, seq: int) -> PageMarks | None:
    """Where stored finding ``seq`` of ``doc_id`` is printed, or None (not a PDF, file gone, no box)."""
    doc = store.document(doc_id)
    path = pdf_path(doc) if doc else None
    row = next((r for r in store.findings(doc_id=doc_id) if r["seq"] == seq), None)
    if path is None or row is None:
        return None
    try:
        fresh, report = _checked(path, Path(path).stat().st_mtime)
    except BudgetdocError:
        return None
    for finding in report.findings:
        if finding.rule == row["rule"] and finding.message == row["message"]:
            marks = finding_pages(finding, fresh.path)
            return marks[0] if marks else None
    keys = {k for k in str(row.get("keys") or "").split(",") if k}
    boxes = tuple(dict.fromkeys(f.source.bbox for f in fresh.facts if f.key in keys and f.source.bbox
                                and f.source.page == row.get("page")))
    return PageMarks(int(row["page"]), boxes) if boxes else None


def marks_dict(marks: PageMarks | None) -> dict[str, Any] | None:
    return None if marks is None else {"page": marks.page, "boxes": [list(b) for b in marks.boxes]}


def finding_image(store: Store, doc_id: str, seq: int) -> bytes | None:
    """The PNG of the finding's page with its figures framed in red, or None when it cannot be placed."""
    marks = finding_marks(store, doc_id, seq)
    doc = store.document(doc_id)
    path = pdf_path(doc) if doc else None
    if marks is None or path is None:
        return None
    return page_image(path, marks.page, marks.boxes, scale=1.5)
