"""Writing generated files: the format from the suffix, and never a half-written file."""

from __future__ import annotations

from pathlib import Path

from budgetdoc.errors import UsageError
from budgetdoc.files import write_atomically

_SUFFIXES = {".md": "md", ".markdown": "md", ".txt": "txt", ".docx": "docx", ".pdf": "pdf"}


def format_for(path: Path) -> str:
    """The output format a file name asks for.

    Raises:
        UsageError: the suffix is not one the generator writes.
    """
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(str(path), "无法从文件后缀判断输出格式，请用 --format 指定（md、txt、docx、pdf）")
    return fmt


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to a temporary file beside ``path`` and rename it into place.

    Raises:
        UsageError: the output directory cannot be written.
    """
    write_atomically(path, content, parents=True)
