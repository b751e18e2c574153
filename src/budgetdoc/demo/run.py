"""The demo run: build the corpus, ingest it into a fresh embedded database, summarise the checks, serve the UI.

Store and web are imported only here and only when used, so ``budgetdoc generate`` keeps working if either
is broken.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from budgetdoc.check import check
from budgetdoc.demo import CorpusFile, build_corpus
from budgetdoc.model import Severity
from budgetdoc.pipeline import load

DATABASE = "demo.duckdb"


@dataclass(frozen=True, slots=True)
class UnitSummary:
    """Findings of one unit's documents, counted by severity."""

    unit: str
    documents: int
    counts: dict[str, int] = field(default_factory=dict)
    injected: tuple[str, ...] = ()


def summarise(files: Sequence[CorpusFile]) -> list[UnitSummary]:
    """Parse and check every corpus file; per unit, how many findings of each severity."""
    per_unit: dict[str, Counter[str]] = {}
    docs: Counter[str] = Counter()
    injected: dict[str, list[str]] = {}
    for record in files:
        report = check(load(record.path))
        counts = per_unit.setdefault(record.unit, Counter())
        counts.update(f.severity.value for f in report.findings)
        docs[record.unit] += 1
        if record.injected:
            injected.setdefault(record.unit, []).append(f"{record.year}年 {record.description.partition('：')[0]}")
    return [UnitSummary(unit=u, documents=docs[u], counts={s.value: per_unit[u][s.value] for s in Severity},
                        injected=tuple(injected.get(u, ()))) for u in per_unit]


def fresh_store(directory: Path) -> object:
    """A new embedded DuckDB store in ``directory`` (any previous demo database is replaced)."""
    from budgetdoc.store import open_store  # noqa: PLC0415 - see the module docstring

    path = directory / DATABASE
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    return open_store(str(path))


def prepare(directory: str | Path) -> tuple[list[CorpusFile], object]:
    """Build the corpus and ingest it; returns the files and the open store."""
    directory = Path(directory)
    files = build_corpus(directory)
    store = fresh_store(directory)
    store.ingest([f.path for f in files], progress=True)  # type: ignore[attr-defined]
    return files, store


def serve(store: object, port: int) -> None:
    """Serve the web UI on 127.0.0.1 until interrupted."""
    import uvicorn  # noqa: PLC0415

    from budgetdoc.web.app import create_app  # noqa: PLC0415

    uvicorn.run(create_app(store), host="127.0.0.1", port=port, log_level="warning")
