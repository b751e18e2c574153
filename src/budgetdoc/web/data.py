"""What each page shows, as JSON-ready dicts: the HTML page and its ``/api`` twin are built from the same call."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from typing import Any

from budgetdoc.export import headers
from budgetdoc.labels import label, matches
from budgetdoc.serialize import plain
from budgetdoc.store import Store
from budgetdoc.store.core import KIND_LABELS  # noqa: F401 - the templates read it from here

# The totals a unit page follows across years: 决算 keys first, then the 预算 keys of the same figure.
UNIT_SERIES = (
    ("summary.expense_total", "支出总计"),
    ("summary.income_total", "收入总计"),
    ("expense.basic", "基本支出"),
    ("expense.project", "项目支出"),
    ("three.total", "“三公”经费"),
    ("ops.total", "机关运行经费"),
    ("budget.expense_total", "预算支出总计"),
    ("budget.basic", "预算基本支出"),
    ("budget.project", "预算项目支出"),
    ("budget.three.total", "“三公”经费预算"),
    ("budget.ops", "机关运行经费预算"),
)
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


def _num(value: Any) -> Any:
    """A DECIMAL as the shortest exact string, for JSON and for display."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return plain(value)


def _clean(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: _num(v) for k, v in row.items()} for row in rows]


def overview(store: Store) -> dict[str, Any]:
    data = store.overview()
    data["recent"] = _clean(data["recent"])
    return plain(data)


PAGE_SIZE = 200
_CODE_NAME = re.compile(r"^\s*(\d[\d\s]*?)\s*([^\d\s].*)$")
RANKING_SIZE = 100


def documents(store: Store, page: int = 1) -> dict[str, Any]:
    """One page of the document list (``PAGE_SIZE`` a page)."""
    total = int(store.backend.query("SELECT COUNT(*) AS n FROM documents")[0]["n"])
    page = max(1, page)
    rows = store.documents(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return {"total": total, "page": page, "pages": max(1, -(-total // PAGE_SIZE)), "documents": _clean(rows)}


def document(store: Store, doc_id: str, fact: int | None = None, finding: int | None = None) -> dict[str, Any] | None:
    """One document: facts grouped by section, findings, source text and the span to highlight."""
    doc = store.document(doc_id)
    if doc is None:
        return None
    facts = [r | {"label": label(r["key"])} for r in _clean(store.facts(doc_id=doc_id))]
    findings = [r | {"key_labels": [label(k) for k in str(r.get("keys") or "").split(",") if k]}
                for r in _clean(store.findings(doc_id=doc_id))]
    sections: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in facts:
        sections[row["section"] or "（文首）"].append(row)
    selected = None
    if fact is not None:
        selected = next((r for r in facts if r["seq"] == fact), None)
    elif finding is not None:
        selected = next((r for r in findings if r["seq"] == finding), None)
    highlight = None
    if selected is not None and selected.get("src_end"):
        highlight = {"start": selected["src_offset"], "end": selected["src_end"], "line": selected["line"],
                     "text": selected["snippet"]}
    from budgetdoc.web.pages import pdf_path  # noqa: PLC0415 - pages imports the checker lazily

    shown = None
    if pdf_path(doc) and findings:
        # The finding shown on its page: the one asked for, else the first one printed on a page.
        chosen = (selected if finding is not None else None) or next((g for g in findings if g.get("page")), None)
        if chosen is not None:
            shown = {"seq": chosen["seq"], "page": chosen.get("page"), "rule": chosen["rule"],
                     "message": chosen["message"],
                     "image": f"/documents/{doc_id}/findings/{chosen['seq']}/page.png"}
    return {"document": _clean([doc])[0], "sections": [{"title": k, "facts": v} for k, v in sections.items()],
            "findings": findings, "highlight": highlight, "finding_page": shown}


def units(store: Store, page: int = 1) -> dict[str, Any]:
    """One page of the unit list (``PAGE_SIZE`` a page)."""
    total = int(store.backend.query("SELECT COUNT(*) AS n FROM units")[0]["n"])
    page = max(1, page)
    rows = store.units(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return {"total": total, "page": page, "pages": max(1, -(-total // PAGE_SIZE)), "units": _clean(rows)}


def unit(store: Store, unit_id: str) -> dict[str, Any] | None:
    """Every year of one unit with the totals it is followed by."""
    found = store.unit(unit_id)
    if found is None:
        return None
    years = store.unit_years(unit_id, [k for k, _ in UNIT_SERIES])
    present = [(k, label) for k, label in UNIT_SERIES if any(k in d["values"] for d in years)]
    rows = [_clean([{k: v for k, v in doc.items() if k != "values"}])[0]
            | {"values": {k: _num(doc["values"].get(k)) for k, _ in present}} for doc in years]
    return {"unit": _clean([found])[0], "series": [{"key": k, "label": label} for k, label in present],
            "years": rows}


def compare_table(store: Store, keys: list[str], units: list[str], years: list[int]) -> dict[str, Any]:
    """The 对比 pivot (``Store.compare_pivot``); downloads use exactly these rows and columns."""
    columns, rows = store.compare_pivot(keys, units, years)
    return {"keys": keys, "units": units, "years": years, "columns": columns, "headers": headers(columns),
            "rows": rows, "labels": {k: label(k) for k in keys}, "pivots": [trend_pivot(rows, k) for k in keys]}


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except ArithmeticError:
        return None


def trend_pivot(rows: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """One key as unit × year (决算 and 预算 apart), with 增减 and 增减率 of the last year against the one before.

    增减率 is (本年 − 上年) / 上年 × 100, rounded half up to two decimals; no rate against a zero or missing year.
    """
    from budgetdoc.generate.derive import change_pct  # noqa: PLC0415 - the generator's rounding is the national one

    years = sorted({r["year"] for r in rows if r.get("year") is not None and r.get(key) not in (None, "")})
    table: dict[tuple[str, str], dict[int, Decimal | None]] = {}
    for r in rows:
        if r.get("year") is None:
            continue
        table.setdefault((r["unit"], r["kind"]), {})[r["year"]] = _decimal(r.get(key))
    out = []
    for (unit_name, kind), values in sorted(table.items()):
        present = [y for y in years if values.get(y) is not None]
        change = rate = None
        if len(present) >= 2:
            last, previous = values[present[-1]], values[present[-2]]
            change = last - previous  # type: ignore[operator]
            rate = change_pct(last, change) if previous else None  # type: ignore[arg-type]
        out.append({"unit": unit_name, "kind": kind, "values": [_num(values.get(y)) for y in years],
                    "change": _num(change), "change_pct": _num(rate)})
    return {"key": key, "label": label(key), "years": years, "rows": out}


def compare_choices(store: Store) -> dict[str, Any]:
    """What the 对比 form offers: every stored key, unit and year."""
    q = store.backend.query
    return {"all_keys": [{"key": r["key"], "label": label(r["key"])}
                         for r in q("SELECT DISTINCT key FROM facts ORDER BY key")],
            "all_units": q("SELECT unit_id, name FROM units ORDER BY name, unit_id"),
            "all_years": [r["year"] for r in q("SELECT DISTINCT year FROM documents WHERE year IS NOT NULL"
                                              " ORDER BY year")]}


def key_search(store: Store, query: str, limit: int = 50) -> dict[str, Any]:
    """Stored keys whose key or Chinese name contains ``query`` (punctuation ignored), most used first."""
    rows = store.backend.query("SELECT key, COUNT(*) AS n FROM facts GROUP BY key ORDER BY n DESC, key")
    found = [{"key": r["key"], "label": label(r["key"]), "count": int(r["n"])} for r in rows
             if matches(query, r["key"])]
    return {"q": query, "total": len(found), "keys": found[:limit]}


def findings(store: Store, rules: list[str], severities: list[str], years: list[int],
             limit: int = 200) -> dict[str, Any]:
    """The 检查 dashboard: ranking of units by findings, counts per rule, and the first ``limit`` findings."""
    # An empty form field (the 全部 choice) means no filter, not "equal to the empty string".
    rules, severities = [r for r in rules if r], [s for s in severities if s]
    counts = store.findings_counts(rules=rules, severities=severities, years=years)
    rows = store.findings(rules=rules, severities=severities, years=years, limit=limit)
    counts["units"] = len(counts["ranking"])
    counts["ranking"] = counts["ranking"][:RANKING_SIZE]
    return {"rules": rules, "severities": severities, "years": years, **counts, "findings": _clean(rows)}


def _function_leaves(store: Store, doc_id: str) -> list[tuple[tuple[str, ...], Decimal]]:
    """(类, 款, 项) name paths with amounts: ``gpb.item[类/款/项]`` facts (决算), else the leaf
    ``budget.function[<code>]`` rows (预算), named from the function table's printed ``<code> <name>`` cells."""
    items = [r for r in store.facts(doc_id=doc_id, key_prefix="gpb.item[")
             if r["key"].endswith("]") and r["value_num"] is not None]
    if items:
        return [(tuple(r["key"][len("gpb.item["):-1].split("/")), r["value_num"]) for r in items]
    codes = {r["key"][len("budget.function["):-1]: r["value_num"]
             for r in store.facts(doc_id=doc_id, key_prefix="budget.function[")
             if r["key"].endswith("]") and r["value_num"] is not None}
    names: dict[str, str] = {}
    rows = store.backend.query("SELECT code, label, cells FROM budget_rows WHERE doc_id = ? AND code <> ''",
                               (doc_id,))
    for row in rows:
        for cell in json.loads(row["cells"] or "[]"):
            # Codes print with or without spaces between 类/款/项 digits: ``201 06 财政事务`` in one cell, or
            # ``201 06`` in its own cell with the name as the row's label.
            match = _CODE_NAME.match(str(cell))
            if match and re.sub(r"\s", "", match.group(1)) == row["code"]:
                names.setdefault(row["code"], match.group(2).strip())
            elif re.sub(r"\s", "", str(cell)) == row["code"] and row["label"]:
                names.setdefault(row["code"], row["label"])
    leaves = [c for c in codes if not any(o != c and o.startswith(c) for o in codes)]
    return [(tuple(f"{c[:n]} {names.get(c[:n], '')}".strip() for n in (3, 5, 7) if n <= len(c)), codes[c])
            for c in sorted(leaves)]


def treemap(store: Store, doc_id: str | None) -> dict[str, Any]:
    """Expenditure by 功能分类 (类 → 款 → 项) of one document; see ``_function_leaves``."""
    q = store.backend.query
    candidates = q("SELECT d.doc_id, d.unit, d.year, d.kind FROM documents d WHERE d.doc_id IN (SELECT f.doc_id"
                   " FROM facts f WHERE starts_with(f.key, 'gpb.item[') OR starts_with(f.key, 'budget.function['))"
                   " ORDER BY d.unit, d.year LIMIT 1000")
    if doc_id is None and candidates:
        doc_id = candidates[0]["doc_id"]
    root: dict[str, Any] = {"name": "合计", "children": {}}
    total = Decimal(0)
    for path, value in _function_leaves(store, doc_id) if doc_id else []:
        node = root
        for part in path:
            node = node["children"].setdefault(part, {"name": part, "children": {}})
        node["value"] = node.get("value", Decimal(0)) + value
        total += value

    def tree(node: dict[str, Any]) -> dict[str, Any]:
        children = [tree(c) for c in node["children"].values()]
        value = node.get("value") or sum((Decimal(c["value"]) for c in children), Decimal(0))
        out: dict[str, Any] = {"name": node["name"], "value": _num(value)}
        if children:
            out["children"] = children
        return out

    return {"doc_id": doc_id, "documents": _clean(candidates), "total": _num(total),
            "tree": tree(root)["children"] if root["children"] else []}
