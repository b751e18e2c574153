"""Writing output files whole or not at all, with the permissions any file the user makes has."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from budgetdoc.errors import UsageError

__all__ = ["write_atomically"]


def _umask() -> int:
    # os.umask is the only portable way to read it, and reading means setting: put it straight back.
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: str | Path, data: bytes | str, *, parents: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk and rename it into place.

    A reader never sees a half-written file, and a failure leaves any earlier file at ``path`` untouched.
    The result gets mode ``0o666`` minus the umask, not the ``0o600`` of ``tempfile.mkstemp``.

    Args:
        path: the file to write.
        data: the whole content; ``str`` is written as UTF-8.
        parents: make missing directories above ``path`` first (otherwise the directory must exist).

    Raises:
        UsageError: the file cannot be written there (no such directory, no permission, disk full).
    """
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp: str | None = None
    try:
        if parents:
            path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise UsageError(str(path), f"无法写入输出文件：{exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
