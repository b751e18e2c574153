"""Cross-document checks over the store: each document of a unit against the unit's other stored documents.

The ``cross.*`` rules read only a document's kind, year, path and facts (with their sources), and those are
stored exactly: ``facts.value_text`` is the printed value, ``value_type`` its Python type. So the related
documents are rebuilt from the store's rows, not re-parsed: this works when the files have moved or came from
a ``budgetdoc batch`` output, and costs a facts query instead of a parse. The other rules do not depend on
related documents, so only the ``cross.*`` findings, deferred rules and passes of a document are replaced.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from budgetdoc.model import DocKind, Document, Fact, Source, Value
from budgetdoc.store.backend import Row
from budgetdoc.store.rows import DEFERRED_COLUMNS, FINDING_COLUMNS, deferred_rows, finding_rows

if TYPE_CHECKING:
    from budgetdoc.store.core import Store

CROSS = ("cross",)
"""The rule group that compares a document with the unit's other documents."""


def stored_value(value_text: str, value_type: str) -> Value:
    """A fact's value back from the store's printed text and type name."""
    if value_type == "Decimal":
        return Decimal(value_text)
    if value_type == "int":
        return int(value_text)
    if value_type == "bool":
        return value_text == "true"
    return value_text


def stored_documents(store: Store, unit: str) -> list[tuple[Row, Document]]:
    """Every stored document of one unit as (documents row, ``Document`` holding its facts)."""
    docs = store.backend.query("SELECT doc_id, path, sha256, unit, year, kind, cross_passed FROM documents"
                               " WHERE unit_id = ? ORDER BY year, kind, doc_id", (unit,))
    if not docs or (len(docs) == 1 and not _has_cross(store, docs[0])):
        return []  # a lone document has nothing to compare, and no stale comparison to clear
    paths = {d["doc_id"]: d["path"] for d in docs}
    facts: dict[str, list[Fact]] = {d["doc_id"]: [] for d in docs}
    marks = ", ".join("?" * len(docs))
    for f in store.backend.query(
            "SELECT doc_id, key, value_text, value_type, section, line, col, end_line, end_col, src_offset, src_end,"
            f" snippet, page FROM facts WHERE doc_id IN ({marks}) ORDER BY doc_id, seq", list(paths)):
        source = Source(path=paths[f["doc_id"]], line=f["line"], column=f["col"], end_line=f["end_line"],
                        end_column=f["end_col"], text=f["snippet"] or "", offset=f["src_offset"] or 0,
                        end_offset=f["src_end"] or 0, page=f["page"])
        facts[f["doc_id"]].append(Fact(key=f["key"], value=stored_value(f["value_text"], f["value_type"]),
                                       source=source, section=f["section"] or ""))
    return [(d, Document(path=d["path"], kind=DocKind(d["kind"]), unit=d["unit"] or "", year=d["year"], text="",
                         facts=tuple(facts[d["doc_id"]]), meta={"sha256": d["sha256"]})) for d in docs]


def recheck_units(store: Store, units: Iterable[str]) -> int:
    """Replace the cross-document findings of every document of ``units`` (one transaction per unit).

    Returns:
        The number of documents re-checked. A unit's lone document is skipped unless it still holds
        cross-document outcomes from a document since replaced (those are cleared).
    """
    from budgetdoc.check import check

    count = 0
    b = store.backend
    for unit in sorted(u for u in units if u):
        with b.transaction():
            # read under the write lock: another process may have replaced a document of this unit since
            b.write_lock()
            pairs = stored_documents(store, unit)
            related = [doc for _, doc in pairs]
            for row, doc in pairs:
                report = check(doc, select=CROSS, related=related)
                doc_id = row["doc_id"]
                for table in ("findings", "deferred"):
                    b.execute(f"DELETE FROM {table} WHERE doc_id = ? AND starts_with(rule, 'cross.')", (doc_id,))
                start = _next_seq(store, "findings", doc_id)
                b.insert_rows("findings", FINDING_COLUMNS, finding_rows(doc_id, report.findings, start))
                start = _next_seq(store, "deferred", doc_id)
                b.insert_rows("deferred", DEFERRED_COLUMNS, deferred_rows(doc_id, report.deferred, start))
                b.execute("UPDATE documents SET n_findings = (SELECT COUNT(*) FROM findings WHERE doc_id = ?),"
                          " passed = passed - COALESCE(cross_passed, 0) + ?, cross_passed = ? WHERE doc_id = ?",
                          (doc_id, report.passed, report.passed, doc_id))
                count += 1
    return count


def _has_cross(store: Store, row: Row) -> bool:
    """Whether a document holds outcomes of the cross-document rules (its unit had another document once)."""
    if row["cross_passed"]:
        return True
    return any(store.backend.query(f"SELECT 1 AS x FROM {table} WHERE doc_id = ? AND starts_with(rule, 'cross.')"
                                   " LIMIT 1", (row["doc_id"],)) for table in ("findings", "deferred"))


def _next_seq(store: Store, table: str, doc_id: str) -> int:
    rows = store.backend.query(f"SELECT MAX(seq) AS m FROM {table} WHERE doc_id = ?", (doc_id,))
    return 0 if rows[0]["m"] is None else int(rows[0]["m"]) + 1
