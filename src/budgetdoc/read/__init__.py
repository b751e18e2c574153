"""Read a file into a ``RawDocument``: pick the reader by the file's content, not only its name."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from budgetdoc.errors import UnreadableError
from budgetdoc.read.base import Locator, RawDocument
from budgetdoc.read.text import read_text

__all__ = ["Locator", "RawDocument", "read", "sniff"]

ReaderFn = Callable[..., RawDocument]

# format -> "module:function"; imported lazily so that reading a .txt never loads pdfium or lxml.
READERS: dict[str, str] = {
    "txt": "budgetdoc.read.text:read_text",
    "pdf": "budgetdoc.read.pdf:read_pdf",
    "docx": "budgetdoc.read.docx:read_docx",
    "xlsx": "budgetdoc.read.xlsx:read_xlsx",
    "html": "budgetdoc.read.html:read_html",
}

_SUFFIXES = {".txt": "txt", ".text": "txt", ".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx",
             ".html": "html", ".htm": "html"}


def sniff(data: bytes, suffix: str) -> str:
    """The format of ``data``, by magic bytes first and the file name second."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536]:
            return "docx"
        if b"xl/" in data[:65536]:
            return "xlsx"
        return _SUFFIXES.get(suffix, "zip")
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "html"
    return _SUFFIXES.get(suffix, "txt")


def _reader(fmt: str) -> ReaderFn:
    module, _, name = READERS[fmt].partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def read(path: str | Path, **options: object) -> RawDocument:
    """Read ``path`` with the reader for its format.

    Raises:
        UnreadableError: the file is missing, a directory, empty, or not in a readable format.
    """
    path = Path(path)
    if not path.exists():
        raise UnreadableError(str(path), "文件不存在")
    if path.is_dir():
        raise UnreadableError(str(path), "是目录，不是文件")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableError(str(path), f"无法读取：{exc.strerror}") from exc
    if not data:
        raise UnreadableError(str(path), "文件为空")
    suffix = path.suffix.lower()
    fmt = sniff(data, suffix)
    if fmt == "zip" or fmt not in READERS:
        raise UnreadableError(str(path), "不支持的文件格式")
    # A .docx that is really a PDF is read as the PDF it is; one that is nothing at all is refused.
    if suffix in (".docx", ".xlsx", ".pdf") and fmt == "txt":
        raise UnreadableError(str(path), f"不是有效的 {suffix[1:].upper()} 文件")
    try:
        reader = _reader(fmt)
    except ModuleNotFoundError as exc:
        raise UnreadableError(str(path), f"暂不支持读取 {fmt.upper()} 文件（缺少模块 {exc.name}）") from exc
    if fmt == "txt":
        return read_text(path, data)
    return reader(path, data, **options)
