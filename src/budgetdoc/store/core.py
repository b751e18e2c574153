"""``Store``: write parsed documents with their findings, and read them back for compare, export and the web."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from budgetdoc.errors import UsageError
from budgetdoc.model import Document, Report
from budgetdoc.store import migrations
from budgetdoc.store.backend import Backend, Row
from budgetdoc.store.rows import child_rows
from budgetdoc.store.schema import CHILD_TABLES
from budgetdoc.store.units import canonical_name, unit_id
from budgetdoc.store.version import pipeline_version

if TYPE_CHECKING:
    from pathlib import Path

    from budgetdoc.store.ingest import IngestResult

DOC_COLUMNS = ("doc_id", "path", "sha256", "unit_id", "unit", "year", "kind", "format", "pages", "n_facts",
               "n_findings", "passed", "ingested_at")
_DOC_SELECT = ", ".join(f"d.{c}" for c in DOC_COLUMNS)
SEVERITIES = ("error", "warning", "info")
KIND_LABELS = {"final_accounts": "决算", "budget": "预算", "unknown": "未知"}
_DOC_INSERT = ("doc_id", "path", "sha256", "unit_id", "unit", "year", "kind", "format", "pages", "source_text",
               "warnings", "n_facts", "n_findings", "passed", "ingested_at", "pipeline", "cross_passed")


def _in(column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    """`` AND column IN (?, ?)`` with its parameters, or nothing when ``values`` is empty."""
    if not values:
        return "", []
    return f" AND {column} IN ({', '.join('?' * len(values))})", list(values)


def document_id(doc: Document) -> str:
    """The content hash a document is stored under (its file's sha256, shortened for URLs)."""
    sha = doc.meta.get("sha256") or hashlib.sha256((doc.source_text or doc.text).encode("utf-8")).hexdigest()
    return sha[:16]


class Store:
    """A library of parsed documents on DuckDB or PostgreSQL. Use ``open_store`` to make one."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._seen_units: set[str] = set()
        self._seen_names: set[str] = set()
        self.touched_units: set[str] = set()
        """Units that gained or replaced a document through this store object (for ``recheck_related``)."""
        self.upgraded_from = migrations.migrate(backend)

    @property
    def url(self) -> str:
        return self.backend.url

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.backend.close()

    # -- write ---------------------------------------------------------------------------------------------

    def save(self, doc: Document, report: Report) -> set[str]:
        """Store one document with its findings in one transaction, replacing the same path or content.

        Returns:
            The unit ids whose documents changed (see ``save_many``).
        """
        return self.save_many([(doc, report)])

    def save_many(self, pairs: Sequence[tuple[Document, Report]]) -> set[str]:
        """Store several documents in one transaction (bulk loads): all of them or none.

        A document whose path or content is already stored replaces the stored one. Each row records the
        current ``pipeline_version()``. Reports are expected from ``check(doc)`` without ``related``: the
        cross-document rules run afterwards, in ``recheck_related``.

        Returns:
            The unit ids whose documents changed: the saved documents' units and those of replaced rows.
        """
        if not pairs:
            return set()
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        pipeline = pipeline_version()
        docs: list[tuple] = []
        units: dict[str, tuple[str, str, str]] = {}
        names: dict[str, str] = {}
        children: dict[str, tuple[tuple[str, ...], list[tuple]]] = {}
        for doc, report in pairs:
            doc_id = document_id(doc)
            uid = unit_id(doc.unit) if doc.unit else ""
            if uid:
                units.setdefault(uid, (uid, doc.unit, canonical_name(doc.unit)))
                names.setdefault(doc.unit, uid)
            docs.append((doc_id, doc.path, doc.meta.get("sha256", doc_id), uid, doc.unit, doc.year, doc.kind.value,
                         doc.meta.get("format", ""), doc.pages, doc.source_text,
                         json.dumps(list(doc.warnings), ensure_ascii=False), len(doc.facts), len(report.findings),
                         report.passed, now, pipeline, 0))
            for table, (columns, rows) in child_rows(doc_id, doc, report).items():
                children.setdefault(table, (columns, []))[1].extend(rows)
        b = self.backend
        with b.transaction():
            b.write_lock()
            paths, ids = [d[1] for d in docs], [d[0] for d in docs]
            old = b.query(f"SELECT doc_id, unit_id FROM documents WHERE path IN ({', '.join('?' * len(paths))})"
                          f" OR doc_id IN ({', '.join('?' * len(ids))})", paths + ids)
            for row in old:
                self._delete(row["doc_id"])
            for uid, name, canonical in units.values():
                if uid not in self._seen_units:
                    b.execute("INSERT INTO units (unit_id, name, canonical) VALUES (?, ?, ?) "
                              "ON CONFLICT DO NOTHING", (uid, name, canonical))
            for name, uid in names.items():
                if name not in self._seen_names:
                    b.execute("INSERT INTO unit_names (name, unit_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                              (name, uid))
            b.insert_rows("documents", _DOC_INSERT, docs)
            for table, (columns, rows) in children.items():
                b.insert_rows(table, columns, rows)
        # Only after the commit: a rolled-back save must not make a unit look stored.
        self._seen_units.update(units)
        self._seen_names.update(names)
        changed = set(units) | {row["unit_id"] for row in old if row["unit_id"]}
        self.touched_units.update(changed)
        return changed

    def _delete(self, doc_id: str) -> None:
        for table in CHILD_TABLES:
            self.backend.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
        self.backend.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))

    def delete(self, doc_id: str) -> None:
        """Remove one document and everything stored of it."""
        with self.backend.transaction():
            self._delete(doc_id)

    def ingest(self, paths: Iterable[str | Path], *, jobs: int = 1, progress: bool = False,
               force: bool = False) -> IngestResult:
        """Parse, check and save files and folders (recursively); see ``budgetdoc.store.ingest``."""
        from budgetdoc.store.ingest import ingest

        return ingest(self, paths, jobs=jobs, progress=progress, force=force)

    def known(self, sha256: str, pipeline: str | None = None) -> bool:
        """Whether this exact content is already stored (under any path), by ``pipeline`` when given."""
        if pipeline is None:
            return bool(self.backend.query("SELECT 1 AS x FROM documents WHERE sha256 = ?", (sha256,)))
        return bool(self.backend.query("SELECT 1 AS x FROM documents WHERE sha256 = ? AND pipeline = ?",
                                       (sha256, pipeline)))

    def recheck_related(self, unit_ids: Iterable[str]) -> int:
        """Run the cross-document rules on every document of these units against the unit's others.

        Returns:
            The number of documents whose cross-document findings were replaced.
        """
        from budgetdoc.store.related import recheck_units

        return recheck_units(self, unit_ids)

    # -- read ----------------------------------------------------------------------------------------------

    def resolve_units(self, units: Sequence[str]) -> list[str]:
        """Unit ids for names as printed (any printing), canonical names or ids.

        Raises:
            UsageError: a name matches no stored unit.
        """
        if not units:
            return []
        canon = {name: canonical_name(name) for name in units}
        marks = ", ".join("?" * len(units))
        rows = self.backend.query(f"SELECT unit_id, canonical FROM units WHERE unit_id IN ({marks})"
                                  f" OR canonical IN ({marks})", [*units, *(canon[n] for n in units)])
        by_id = {r["unit_id"]: r["unit_id"] for r in rows}
        by_canonical = {r["canonical"]: r["unit_id"] for r in rows}
        out = []
        for name in units:
            found = by_id.get(name) or by_canonical.get(canon[name])
            if found is None:
                raise UsageError(name, "库中没有这个单位")
            out.append(found)
        return out

    def documents(self, units: Sequence[str] = (), years: Sequence[int] = (), *, limit: int | None = None,
                  offset: int = 0) -> list[Row]:
        """Stored documents (without their text), by unit, year and kind."""
        where, params = _in("d.unit_id", self.resolve_units(units))
        more, more_params = _in("d.year", years)
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit else ""
        return self.backend.query(f"SELECT {_DOC_SELECT} FROM documents d WHERE 1=1{where}{more} "
                                  f"ORDER BY d.unit, d.year, d.kind, d.doc_id{page}", params + more_params)

    def document(self, doc_id: str) -> Row | None:
        """One document with its source text and warnings, or None."""
        rows = self.backend.query(f"SELECT {_DOC_SELECT}, d.source_text, d.warnings FROM documents d "
                                  "WHERE d.doc_id = ?", (doc_id,))
        if not rows:
            return None
        row = rows[0]
        row["warnings"] = json.loads(row["warnings"] or "[]")
        return row

    def facts(self, *, doc_id: str | None = None, key_prefix: str = "", units: Sequence[str] = (),
              years: Sequence[int] = (), limit: int | None = None) -> list[Row]:
        """Facts with their document's unit and year, in document order."""
        sql = ("SELECT d.unit_id, d.unit, d.year, d.kind, f.doc_id, f.seq, f.key, f.value_text, f.value_num,"
               " f.value_type, f.section, f.line, f.col, f.end_line, f.end_col, f.src_offset, f.src_end,"
               " f.snippet, f.page, f.origin FROM facts f JOIN documents d ON d.doc_id = f.doc_id WHERE 1=1")
        params: list[Any] = []
        if doc_id is not None:
            sql += " AND f.doc_id = ?"
            params.append(doc_id)
        if key_prefix:
            sql += " AND starts_with(f.key, ?)"
            params.append(key_prefix)
        for column, values in (("d.unit_id", self.resolve_units(units)), ("d.year", list(years))):
            clause, more = _in(column, values)
            sql += clause
            params += more
        sql += " ORDER BY d.unit, d.year, d.kind, f.doc_id, f.seq"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.backend.query(sql, params)

    def _findings_filter(self, doc_id: str | None, units: Sequence[str], rules: Sequence[str],
                         severities: Sequence[str], years: Sequence[int]) -> tuple[str, list[Any]]:
        sql = " FROM findings g JOIN documents d ON d.doc_id = g.doc_id WHERE 1=1"
        params: list[Any] = []
        if doc_id is not None:
            sql += " AND g.doc_id = ?"
            params.append(doc_id)
        if rules:
            sql += " AND (" + " OR ".join("starts_with(g.rule, ?)" for _ in rules) + ")"
            params += list(rules)
        for column, values in (("d.unit_id", self.resolve_units(units)), ("g.severity", list(severities)),
                               ("d.year", list(years))):
            clause, more = _in(column, values)
            sql += clause
            params += more
        return sql, params

    def findings(self, *, doc_id: str | None = None, units: Sequence[str] = (), rules: Sequence[str] = (),
                 severities: Sequence[str] = (), years: Sequence[int] = (), limit: int | None = None) -> list[Row]:
        """Findings with their document's unit and year; ``rules`` match by code prefix."""
        where, params = self._findings_filter(doc_id, units, rules, severities, years)
        sql = ("SELECT d.unit_id, d.unit, d.year, d.kind, g.doc_id, g.seq, g.rule, g.severity, g.message,"
               " g.expected, g.actual, g.keys, g.line, g.col, g.end_line, g.end_col, g.src_offset, g.src_end,"
               " g.snippet, g.page" + where + " ORDER BY d.unit, d.year, g.doc_id, g.seq")
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.backend.query(sql, params)

    def findings_counts(self, *, units: Sequence[str] = (), rules: Sequence[str] = (),
                        severities: Sequence[str] = (), years: Sequence[int] = ()) -> dict[str, Any]:
        """The 检查 dashboard's figures: total, per-unit ranking (most errors first) and per-rule counts."""
        where, params = self._findings_filter(None, units, rules, severities, years)
        ranking = self.backend.query(
            "SELECT d.unit_id, d.unit, COUNT(*) AS total, "
            + ", ".join(f"SUM(CASE WHEN g.severity = '{s}' THEN 1 ELSE 0 END) AS {s}" for s in SEVERITIES)
            + where + " GROUP BY d.unit_id, d.unit", params)
        for row in ranking:
            for column in ("total", *SEVERITIES):
                row[column] = int(row[column] or 0)
        ranking.sort(key=lambda r: (-r["error"], -r["total"], r["unit"]))
        by_rule = self.backend.query("SELECT g.rule, COUNT(*) AS n" + where + " GROUP BY g.rule ORDER BY n DESC,"
                                     " g.rule", params)
        return {"total": sum(r["total"] for r in ranking), "ranking": ranking,
                "by_rule": {r["rule"]: int(r["n"]) for r in by_rule}}

    def units(self, *, limit: int | None = None, offset: int = 0) -> list[Row]:
        """Units (by name) with every printing of the name, their years and document count."""
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit else ""
        rows = self.backend.query(
            "SELECT u.unit_id, u.name, u.canonical, COUNT(d.doc_id) AS documents, MIN(d.year) AS first_year,"
            " MAX(d.year) AS last_year FROM units u LEFT JOIN documents d ON d.unit_id = u.unit_id"
            f" GROUP BY u.unit_id, u.name, u.canonical ORDER BY u.name, u.unit_id{page}")
        names: dict[str, list[str]] = {}
        if rows:
            ids = [r["unit_id"] for r in rows]
            for row in self.backend.query(f"SELECT unit_id, name FROM unit_names WHERE unit_id IN "
                                          f"({', '.join('?' * len(ids))}) ORDER BY name", ids):
                names.setdefault(row["unit_id"], []).append(row["name"])
        for row in rows:
            row["names"] = names.get(row["unit_id"], [])
        return rows

    def unit(self, uid: str) -> Row | None:
        """One unit as in ``units``, or None."""
        rows = self.backend.query("SELECT unit_id, name, canonical FROM units WHERE unit_id = ?", (uid,))
        if not rows:
            return None
        rows[0]["names"] = [r["name"] for r in self.backend.query(
            "SELECT name FROM unit_names WHERE unit_id = ? ORDER BY name", (uid,))]
        return rows[0]

    def compare(self, keys: Sequence[str], units: Sequence[str] = (), years: Sequence[int] = ()) -> list[Row]:
        """The first value of each key in each matching document: one row per (unit, year, kind, key)."""
        if not keys:
            return []
        sql = ("SELECT d.unit_id, d.unit, d.year, d.kind, f.key, f.value_text, f.value_num, f.doc_id, f.seq,"
               " f.line FROM facts f JOIN documents d ON d.doc_id = f.doc_id WHERE 1=1")
        params: list[Any] = []
        for column, values in (("f.key", list(keys)), ("d.unit_id", self.resolve_units(units)),
                               ("d.year", list(years))):
            clause, more = _in(column, values)
            sql += clause
            params += more
        sql += " ORDER BY d.unit, d.year, d.kind, f.key, f.seq"
        out: list[Row] = []
        seen: set[tuple[str, str]] = set()
        for row in self.backend.query(sql, params):
            if (row["doc_id"], row["key"]) not in seen:
                seen.add((row["doc_id"], row["key"]))
                out.append(row)
        return out

    def compare_pivot(self, keys: Sequence[str], units: Sequence[str] = (),
                      years: Sequence[int] = ()) -> tuple[list[str], list[Row]]:
        """``compare`` as a table: (columns, rows), one row per (unit, year, kind), one column per key."""
        rows: dict[tuple[str, Any, str], Row] = {}
        for r in self.compare(keys, units, years):
            row = rows.setdefault((r["unit"], r["year"], r["kind"]), {
                "unit": r["unit"], "year": r["year"], "kind": KIND_LABELS.get(r["kind"], r["kind"]),
                "doc_id": r["doc_id"]})
            row[r["key"]] = r["value_text"]
        return ["unit", "year", "kind", *keys], list(rows.values())

    def overview(self) -> dict[str, Any]:
        """Counts for the 总览 page: documents, units, years, findings by severity."""
        q = self.backend.query
        totals = q("SELECT COUNT(*) AS documents, COUNT(DISTINCT unit_id) AS units, SUM(n_facts) AS facts"
                   " FROM documents")[0]
        return {
            "documents": int(totals["documents"] or 0),
            "units": int(totals["units"] or 0),
            "facts": int(totals["facts"] or 0),
            "years": [dict(r) for r in q("SELECT year, kind, COUNT(*) AS documents FROM documents"
                                         " GROUP BY year, kind ORDER BY year, kind")],
            "findings": {r["severity"]: int(r["n"]) for r in q(
                "SELECT severity, COUNT(*) AS n FROM findings GROUP BY severity")},
            "recent": q(f"SELECT {_DOC_SELECT} FROM documents d ORDER BY d.ingested_at DESC, d.path LIMIT 20"),
        }

    def unit_years(self, uid: str, keys: Sequence[str]) -> list[Row]:
        """``keys`` of one unit in every year it published: one row per document."""
        docs = self.backend.query(f"SELECT {_DOC_SELECT} FROM documents d WHERE d.unit_id = ?"
                                  " ORDER BY d.year, d.kind", (uid,))
        values = self.compare(keys, [uid]) if docs else []
        by_doc: dict[str, dict[str, Any]] = {}
        for row in values:
            by_doc.setdefault(row["doc_id"], {})[row["key"]] = row["value_text"]
        for doc in docs:
            doc["values"] = by_doc.get(doc["doc_id"], {})
        return docs

    def sql(self, statement: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run one read-only statement (the ``budgetdoc sql`` command; never exposed on the web).

        Raises:
            UsageError: the statement fails or tries to write.
        """
        try:
            return self.backend.read_only(statement)
        except UsageError:
            raise
        except Exception as exc:  # noqa: BLE001 - any database error is the user's statement's problem
            raise UsageError(self.url, f"SQL 执行失败：{str(exc).strip().splitlines()[0]}") from exc
