"""Writing generated files: the format from the suffix, and never a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from budgetdoc.errors import UsageError

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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to a temporary file beside ``path`` and rename it into place.

    Raises:
        UsageError: the output directory cannot be written.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(str(path), f"无法写入输出文件（目录不存在或没有写权限：{exc.strerror}）") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # mkstemp creates the file 0600; the result should have the permissions any file the user makes has.
        Path(tmp).chmod(0o666 & ~_umask())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
