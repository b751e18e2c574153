"""Per-unit results of an inspection campaign and its 检查结果表 rows, from what a store holds."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from budgetdoc.check.catalog import RULES
from budgetdoc.labels import label
from budgetdoc.store import Store

FAMILY_NAMES = {
    "arithmetic": "数据勾稽", "budget": "报表科目汇总", "completeness": "公开内容完整性", "consistency": "前后数据一致",
    "cross": "跨文档核对", "narrative": "文字说明", "percent": "占比与增减率", "performance": "绩效自评",
    "three": "“三公”经费",
}
"""问题类型: a rule family (the part of a rule code before the dot) as inspections name it."""
KIND_NAMES = {"final_accounts": "部门决算", "budget": "部门预算", "unknown": "未识别"}


@dataclass(frozen=True, slots=True)
class Scoring:
    """The declared scoring of a unit (docs/inspect.md): 100 points less deductions, never below 0."""

    full: int = 100
    per_error: int = 5
    """Each error finding (printed figures that provably contradict, or a required part missing)."""
    per_warning: int = 1
    """Each warning (a reading that may be wrong, a recommended part missing)."""
    family_cap: int = 30
    """At most this much from one rule family: one systematic slip repeated in a table is one problem."""
    missing_kind: int = 10
    """Per kind of document (部门预算, 部门决算) the campaign found none of for the unit."""
    grades: tuple[tuple[int, str], ...] = ((90, "优"), (75, "良"), (60, "中"), (0, "差"))


SCORING = Scoring()


def score_unit(counts_by_family: Mapping[str, Mapping[str, int]], kinds: Iterable[str],
               scoring: Scoring = SCORING) -> tuple[int, str, list[str]]:
    """(score, grade, deductions as Chinese lines) for one unit.

    Args:
        counts_by_family: rule family → severity (``error``/``warning``/``info``) → number of findings.
        kinds: the document kinds found for the unit.
    """
    deductions: list[str] = []
    total = 0
    for family, counts in sorted(counts_by_family.items()):
        raw = counts.get("error", 0) * scoring.per_error + counts.get("warning", 0) * scoring.per_warning
        taken = min(raw, scoring.family_cap)
        if taken:
            capped = f"（封顶 {scoring.family_cap}）" if raw > taken else ""
            deductions.append(f"{FAMILY_NAMES.get(family, family)}：错误 {counts.get('error', 0)} 个、"
                              f"警告 {counts.get('warning', 0)} 个，扣 {taken} 分{capped}")
        total += taken
    found = set(kinds)
    for kind in ("budget", "final_accounts"):
        if kind not in found:
            total += scoring.missing_kind
            deductions.append(f"未找到{KIND_NAMES[kind]}，扣 {scoring.missing_kind} 分")
    score = max(0, scoring.full - total)
    grade = next(name for floor, name in scoring.grades if score >= floor)
    return score, grade, deductions


def _documents(store: Store, sha256s: Sequence[str] | None) -> list[dict[str, Any]]:
    sql = ("SELECT doc_id, path, sha256, unit_id, unit, year, kind, format, pages, n_facts, n_findings"
           " FROM documents")
    rows = store.backend.query(sql + " ORDER BY unit, year, kind")
    if sha256s is not None:
        wanted = set(sha256s)
        rows = [r for r in rows if r["sha256"] in wanted]
    return rows


def _keys(text: Any) -> list[str]:
    raw = str(text or "")
    if raw.startswith("["):
        return [str(k) for k in json.loads(raw)]
    return [k for k in raw.split(",") if k]


def result_rows(store: Store, docs: Sequence[Mapping[str, Any]],
                severities: Sequence[str] = ("error", "warning")) -> list[dict[str, Any]]:
    """The 检查结果表: one row per finding of these documents (errors and warnings by default)."""
    by_id = {d["doc_id"]: d for d in docs}
    rows: list[dict[str, Any]] = []
    findings = store.findings(severities=list(severities)) if by_id else []
    for g in findings:
        doc = by_id.get(g["doc_id"])
        if doc is None:
            continue
        rule = RULES.get(g["rule"])
        family = g["rule"].split(".", 1)[0]
        keys = _keys(g.get("keys"))
        rows.append({
            "no": len(rows) + 1, "unit": doc["unit"], "document": doc["path"], "year": doc["year"],
            "kind": KIND_NAMES.get(doc["kind"], doc["kind"]), "type": FAMILY_NAMES.get(family, family),
            "severity": {"error": "错误", "warning": "警告", "info": "提示"}.get(g["severity"], g["severity"]),
            "description": g["message"], "page": g.get("page"), "line": g.get("line"),
            "snippet": (g.get("snippet") or "").replace("\n", ""), "expected": g.get("expected") or "",
            "actual": g.get("actual") or "", "rule": f"{g['rule']} {rule.title}" if rule else g["rule"],
            "items": "、".join(label(k) for k in keys), "doc_id": doc["doc_id"], "seq": g["seq"],
        })
    return rows


def campaign(store: Store, sha256s: Sequence[str] | None = None) -> dict[str, Any]:
    """The campaign over the documents with these contents (every stored document when None).

    Returns a JSON-ready dict: ``units`` (per unit: documents, years found per kind, completeness, findings by
    severity and rule family, score, grade, deductions), ``rows`` (the 检查结果表), ``summary`` and ``scoring``.
    """
    docs = _documents(store, sha256s)
    by_unit: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in docs:
        by_unit[doc["unit_id"] or doc["unit"] or doc["path"]].append(doc)
    rows = result_rows(store, docs)
    all_findings = [g for g in store.findings() if g["doc_id"] in {d["doc_id"] for d in docs}] if docs else []
    units = []
    for unit_id, unit_docs in sorted(by_unit.items(), key=lambda kv: str(kv[1][0]["unit"])):
        ids = {d["doc_id"] for d in unit_docs}
        found = [g for g in all_findings if g["doc_id"] in ids]
        families: dict[str, Counter[str]] = defaultdict(Counter)
        for g in found:
            families[g["rule"].split(".", 1)[0]][g["severity"]] += 1
        kinds = [d["kind"] for d in unit_docs]
        score, grade, deductions = score_unit(families, kinds)
        missing = [f"{d['year'] or ''}{KIND_NAMES.get(d['kind'], '')}：{g['message']}" for d in unit_docs
                   for g in found if g["doc_id"] == d["doc_id"] and g["rule"].startswith("completeness.")]
        severity = Counter(g["severity"] for g in found)
        units.append({
            "unit_id": unit_id, "unit": unit_docs[0]["unit"] or "（未识别单位）",
            "documents": [{k: d[k] for k in ("doc_id", "path", "year", "kind", "format", "n_facts", "n_findings")}
                          for d in unit_docs],
            "budget_years": sorted({d["year"] for d in unit_docs if d["kind"] == "budget" and d["year"]}),
            "final_years": sorted({d["year"] for d in unit_docs if d["kind"] == "final_accounts" and d["year"]}),
            "completeness": missing, "complete": not missing,
            "error": severity["error"], "warning": severity["warning"], "info": severity["info"],
            "families": {FAMILY_NAMES.get(f, f): sum(c[s] for s in ("error", "warning")) for f, c in
                         sorted(families.items()) if c["error"] or c["warning"]},
            "score": score, "grade": grade, "deductions": deductions,
        })
    family_totals: Counter[str] = Counter()
    for u in units:
        family_totals.update(u["families"])
    grades = Counter(u["grade"] for u in units)
    summary = {"units": len(units), "documents": len(docs), "findings": len(rows),
               "errors": sum(u["error"] for u in units), "warnings": sum(u["warning"] for u in units),
               "average_score": round(sum(u["score"] for u in units) / len(units), 1) if units else None,
               "grades": {name: grades.get(name, 0) for _, name in SCORING.grades},
               "families": dict(family_totals.most_common())}
    return {"units": units, "rows": rows, "summary": summary, "scoring": scoring_lines()}


def scoring_lines(scoring: Scoring = SCORING) -> list[str]:
    """The scoring as the workbook and the web page print it."""
    grades = "、".join(f"{name} ≥ {floor}" for floor, name in scoring.grades if floor) + "，其余为" + \
        scoring.grades[-1][1]
    return [f"满分 {scoring.full} 分，按下列规则扣分，最低 0 分。",
            f"每个“错误”级问题扣 {scoring.per_error} 分；每个“警告”级问题扣 {scoring.per_warning} 分；“提示”不扣分。",
            f"同一问题类型（规则族）最多扣 {scoring.family_cap} 分。",
            f"未找到部门预算或部门决算的，每缺一类扣 {scoring.missing_kind} 分。",
            f"等级：{grades}。"]
