"""What a (re-)run still has to do: inputs, identity by content hash, and the attempts ledger.

A file is done when its status row was committed by the same budgetdoc version for the same bytes. The
status row remembers size and mtime next to the content hash, so a re-run over a million unchanged files
skips them from a ``stat`` alone; a file whose size or mtime moved is sent again and the worker hashes it
(identical content still reuses the committed part).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from budgetdoc.batch import output
from budgetdoc.batch.status import Status
from budgetdoc.errors import UsageError

SUFFIXES = (".txt", ".text", ".pdf", ".docx", ".xlsx", ".html", ".htm")
"""File names a directory input is searched for; files named explicitly are taken whatever their name."""

MAX_STARTS = 3
"""A file whose worker died this many times is marked failed instead of being started again."""


def expand_inputs(inputs: list[str | Path]) -> list[str]:
    """Absolute paths of the files named, and of the documents under the directories named, sorted.

    Raises:
        UsageError: an input does not exist.
    """
    found: set[str] = set()
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found.update(str(p.resolve()) for p in path.rglob("*")
                         if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith("."))
        elif path.exists():
            found.add(str(path.resolve()))
        else:
            raise UsageError(str(path), "输入文件或目录不存在")
    return sorted(found)


@dataclass(slots=True)
class Plan:
    """The inputs of a run split into what to process and what is already done."""

    todo: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    failed_before: list[str] = field(default_factory=list)
    """Inputs whose committed status is failed (retried only with ``retry_failed``)."""


def plan(paths: list[str], out: Path, version: str, *, retry_failed: bool = False) -> Plan:
    """Split ``paths`` by the committed status rows under ``out``.

    With ``retry_failed`` only the inputs that failed before are processed (their attempt counts reset);
    without it a failed file counts as done: its reason is in the status table.
    """
    result = Plan()
    table = output.read_status_parts(out)
    ledger = {row["path"]: row for row in table.select(["path", "status", "bytes", "mtime_ns", "version"])
              .to_pylist()}
    for path in paths:
        row = ledger.get(path)
        unchanged = row is not None and row["version"] == version and _same_stat(path, row)
        failed = row is not None and row["status"] == Status.FAILED.value
        if failed:
            result.failed_before.append(path)
        if retry_failed:
            if failed:
                reset_starts(out, path)
                result.todo.append(path)
            else:
                result.done.append(path)
        elif unchanged:
            result.done.append(path)
        else:
            result.todo.append(path)
    return result


def _same_stat(path: str, row: dict[str, object]) -> bool:
    try:
        st = os.stat(path)
    except OSError:
        return row["bytes"] is None  # it was unreadable then and is still missing now
    return st.st_size == row["bytes"] and st.st_mtime_ns == row["mtime_ns"]


def _running_file(out: Path, path: str) -> Path:
    return out / output.RUNNING / output.path_key(path)


def starts(out: Path, path: str) -> int:
    """How many times a worker started on ``path`` without committing its status."""
    try:
        return int(_running_file(out, path).read_text() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def count_start(out: Path, path: str) -> int:
    """Record that a worker starts on ``path``; return how many starts came before this one."""
    marker = _running_file(out, path)
    marker.parent.mkdir(parents=True, exist_ok=True)
    before = starts(out, path)
    marker.write_text(str(before + 1))
    return before


def finish(out: Path, path: str) -> None:
    """The file's status is committed: forget its starts."""
    _running_file(out, path).unlink(missing_ok=True)


def reset_starts(out: Path, path: str) -> None:
    finish(out, path)
