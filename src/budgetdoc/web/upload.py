"""Check an uploaded file: size-limited, type sniffed from the bytes, parsed from a private temp file."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path

from budgetdoc.check import check
from budgetdoc.errors import UnreadableError
from budgetdoc.model import Document, Report
from budgetdoc.pipeline import load
from budgetdoc.read import READERS, sniff

DEFAULT_LIMIT = 50 * 1024 * 1024


def upload_limit() -> int:
    """Largest accepted upload in bytes (``$BUDGETDOC_UPLOAD_LIMIT``, default 50 MB)."""
    try:
        return int(os.environ.get("BUDGETDOC_UPLOAD_LIMIT", DEFAULT_LIMIT))
    except ValueError:
        return DEFAULT_LIMIT


def check_upload(name: str, data: bytes) -> tuple[Document, Report]:
    """Parse and check uploaded bytes; the document's path is ``上传/<name>``.

    Raises:
        UnreadableError: empty, too large, or not a supported format (by content, not by name).
        NotDisclosureError: readable but not a disclosure.
    """
    name = Path(name or "upload").name
    if not data:
        raise UnreadableError(name, "上传的文件为空")
    if len(data) > upload_limit():
        raise UnreadableError(name, f"文件超过上传上限 {upload_limit() // (1024 * 1024)} MB")
    fmt = sniff(data, "")  # by content alone: the client's file name is not evidence
    if fmt not in READERS:
        raise UnreadableError(name, "不支持的文件格式")
    # The reader is chosen by the sniffed type: the temp file carries that suffix, never the client's.
    with tempfile.TemporaryDirectory(prefix="budgetdoc-upload-") as tmp:
        path = Path(tmp) / f"upload.{fmt}"
        path.write_bytes(data)
        doc = load(path)
    doc = dataclasses.replace(doc, path=f"上传/{name}")
    report = check(doc)
    return doc, dataclasses.replace(report, path=doc.path)
