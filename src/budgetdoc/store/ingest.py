"""Files and folders → parsed, checked, stored: idempotent by content hash and pipeline version.

A file is skipped when its content is stored and was parsed by the same ``pipeline_version()`` (budgetdoc's
version and its rule and extractor lists); otherwise it is parsed again and replaces its rows, one
transaction per document. After the files, every unit that gained a document is re-checked with the
cross-document rules against its other stored documents (``store/related.py``).

Parsing and checking run in a process pool; only the parent process writes, so the database sees one writer.
A document is either stored whole or not at all (a kill -9 mid-ingest leaves the last committed documents).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from budgetdoc.errors import BudgetdocError
from budgetdoc.model import Document, Report

if TYPE_CHECKING:
    from budgetdoc.store.core import Store

SUFFIXES = frozenset({".txt", ".pdf", ".docx", ".xlsx", ".html", ".htm"})


@dataclass(slots=True)
class IngestResult:
    """What an ingest did: documents stored, skipped as already stored, and files that failed (with why)."""

    ok: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    """(path, one-line Chinese message) of every file that failed."""
    stored: list[str] = field(default_factory=list)
    """Paths stored by this run."""
    rechecked: int = 0
    """Documents whose cross-document findings were re-run against their unit's other documents."""


def collect(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and the disclosure files under folders named (recursively, in a stable order)."""
    for item in paths:
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                              and not p.name.startswith("."))
        else:
            yield path


def sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def parse_and_check(path: str) -> tuple[str, Document | None, Report | None, str]:
    """Load and check one file; (path, document, report, error message). Runs in a worker process."""
    from budgetdoc.check import check
    from budgetdoc.pipeline import load

    try:
        doc = load(path)
        return path, doc, check(doc), ""
    except BudgetdocError as exc:
        return path, None, None, str(exc)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
        return path, None, None, f"{path}: 内部错误 {type(exc).__name__}: {exc}"


def ingest(store: Store, paths: Iterable[str | Path], *, jobs: int = 1, progress: bool = False,
           force: bool = False) -> IngestResult:
    """Parse, check and save every file; skip content already stored; report and skip files that fail.

    Args:
        store: where to save.
        paths: files and folders (recursively).
        jobs: worker processes for parsing and checking.
        progress: show a progress bar on stderr.
        force: parse and replace files even when their content is stored by the current pipeline.
    """
    from budgetdoc.store.version import pipeline_version

    result = IngestResult()
    todo: list[tuple[str, str]] = []
    pipeline = pipeline_version()
    changed_units: set[str] = set()
    for path in collect(paths):
        sha = sha256_of(path)
        if sha is None:
            todo.append((str(path), ""))  # let the reader say what is wrong with it
        elif not force and store.known(sha, pipeline):
            result.skipped += 1
        else:
            todo.append((str(path), sha))
    hashes = dict(todo)
    with _progress(progress, len(todo)) as advance:
        for path, doc, report, error in _run(hashes, jobs):
            if doc is None or report is None:
                result.failed += 1
                result.failures.append((path, error))
            else:
                if hashes[path] and doc.meta.get("sha256") != hashes[path]:
                    doc = dataclasses.replace(doc, meta={**doc.meta, "sha256": hashes[path]})
                try:
                    changed = store.save(doc, report)
                except Exception as exc:  # noqa: BLE001 - the transaction rolled back; go on with the rest
                    result.failed += 1
                    result.failures.append((path, f"{path}: 保存失败 {type(exc).__name__}: {exc}"))
                else:
                    result.ok += 1
                    changed_units |= changed
                    result.stored.append(path)
            advance(Path(path).name)
    if result.ok:
        result.rechecked = store.recheck_related(changed_units)
        store.backend.maintain()
    return result


def _run(hashes: dict[str, str], jobs: int) -> Iterator[tuple[str, Document | None, Report | None, str]]:
    if jobs <= 1 or len(hashes) <= 1:
        yield from map(parse_and_check, hashes)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(parse_and_check, hashes, chunksize=1)


class _progress:
    """A rich progress bar when asked for; otherwise a no-op ``advance``."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.bar = None
        if enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            # stderr, so that a progress bar never mixes into output a caller pipes on.
            self.bar = Progress(TextColumn("入库"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                TextColumn("{task.description}"), console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task("", total=total)

    def __enter__(self):  # noqa: ANN204
        if self.bar is not None:
            self.bar.__enter__()
        return self.advance

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def advance(self, name: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=name)
