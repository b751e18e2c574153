"""部门预算公开 from base figures: derive every total, share and change, and print the document as sample 001
(自治区 2024 部门预算) lays it out, so that the budget parser (extract/budget/) reads every figure back.

Base figures (amounts in 万元, changes signed, all keys ``budget.*`` unless noted)::

    doc.kind: budget, doc.unit, doc.year, staff.authorized|active|retired|lixiu (+ .change)
    budget.item[<类>/<款>/<项>].code        功能分类 code of the 项, "2010601"
    budget.item[<类>/<款>/<项>].basic       一般公共预算 基本支出 of the 项
    budget.item[<类>/<款>/<项>].unit_funds  单位资金 spent on the 项 (项目支出, as 001; optional)
    budget.item[<类>/<款>/<项>].change      比上年预算 change of the 项's 一般公共预算 amount
    budget.project[<项目>]                   一般公共预算 项目支出, with .item (the 项 path) and optional
                                            .basis (政策依据 text) and .period
    budget.personnel                        人员经费 (公用经费 = 基本支出 − 人员经费)
    budget.gpb_basic.change, budget.gpb_project.change, budget.unit_funds.change, budget.ops.change
    budget.three.<overseas|vehicle_purchase|vehicle_operation|reception> (+ .change)
    budget.procurement.<goods|works|services|sme_reserved|small_micro_reserved>
    budget.assets.*                         (optional) as docs/budget.md lists them

The derived set holds exactly the keys the parser gives back (docs/budget.md), so the round trip compares
``parse(render(derive(base)))`` with ``derive(base)``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from budgetdoc.errors import UsageError
from budgetdoc.generate.derive import ZERO, change_pct, money, pct
from budgetdoc.generate.inputs import FactSet
from budgetdoc.model import Value

CHINESE = "一二三四五六七八九十"
REQUIRED = ("doc.unit", "doc.year", "budget.personnel", "budget.gpb_basic.change", "budget.gpb_project.change",
            "budget.ops.change", *(f"budget.three.{i}{s}" for i in ("overseas", "vehicle_purchase",
                                                                    "vehicle_operation", "reception")
                                   for s in ("", ".change")),
            *(f"budget.procurement.{p}" for p in ("goods", "works", "services", "sme_reserved",
                                                   "small_micro_reserved")))
THREE = (("overseas", "因公出国（境）费"), ("vehicle_purchase", "公务用车购置费"),
         ("vehicle_operation", "公务用车运行费"), ("reception", "公务接待费"))
ASSET_AMOUNTS = ("house_area", "house_value", "official_vehicles_value", "enforcement_vehicles_value",
                 "other_vehicles_value", "furniture_value", "other_value")
ASSET_COUNTS = ("official_vehicles", "enforcement_vehicles", "other_vehicles", "equipment_over_500k",
                "equipment_over_1m", "new_equipment_over_500k", "new_equipment_over_1m")


def is_budget(facts: Mapping[str, Value]) -> bool:
    """Whether a fact set describes a 部门预算 (``doc.kind: budget``, or only ``budget.*`` figures)."""
    kind = facts.get("doc.kind")
    if kind is not None:
        return str(kind) == "budget"
    return any(k.startswith("budget.") for k in facts) and not any(k.startswith("income.") for k in facts)


def _path(key: str) -> str:
    return key[key.index("[") + 1:key.rindex("]")]


def items(base: Mapping[str, Value]) -> list[str]:
    """The 项 paths of the input, ordered by their code."""
    paths = {_path(k) for k in base if k.startswith("budget.item[")}
    return sorted(paths, key=lambda p: str(base.get(f"budget.item[{p}].code", "")))


def projects(base: Mapping[str, Value]) -> list[str]:
    """Project names (in input order)."""
    return [_path(k) for k in base if k.startswith("budget.project[") and k.endswith("]")]


def derive_budget(base: Mapping[str, Value], *, path: str = "输入") -> dict[str, Value]:
    """Every fact the generated 部门预算 states, computed from the base figures.

    Raises:
        UsageError: a required base figure, an item's code or a project's item is missing.
    """
    missing = [k for k in REQUIRED if k not in base]
    paths = items(base)
    if not paths:
        missing.append("budget.item[类/款/项].code|basic")
    missing += [f"budget.item[{p}].{f}" for p in paths for f in ("code", "basic", "change")
                if f"budget.item[{p}].{f}" not in base]
    missing += [f"budget.project[{n}].item" for n in projects(base) if f"budget.project[{n}].item" not in base]
    if missing:
        raise UsageError(path, f"缺少基础数据：{'、'.join(missing)}")
    codes = [p for p in paths if not re.fullmatch(r"2\d{6}", str(base[f"budget.item[{p}].code"]).replace(" ", ""))
             or len(p.split("/")) != 3]
    if codes:
        raise UsageError(path, f"功能分类科目须写成 类/款/项，编码为 7 位项级编码（如 2130101）：{'、'.join(codes)}")
    bad = [n for n in projects(base) if str(base[f"budget.project[{n}].item"]) not in paths]
    if bad:
        raise UsageError(path, f"项目的功能科目不在 budget.item 中：{'、'.join(bad)}")
    m = {k: money(v) for k, v in base.items() if isinstance(v, int | Decimal) and not isinstance(v, bool)
         and not k.startswith(("staff.", "doc.")) and k.removeprefix("budget.assets.") not in ASSET_COUNTS}
    out: dict[str, Value] = {"doc.kind": "budget", "doc.unit": str(base["doc.unit"]),
                             "doc.year": int(base["doc.year"])}
    for key in ("authorized", "active", "retired", "lixiu"):
        if f"staff.{key}" in base:
            out[f"staff.{key}"] = int(base[f"staff.{key}"])
            if key != "authorized":
                out[f"staff.{key}.change"] = int(base.get(f"staff.{key}.change", 0))
    if "org.divisions" in base:
        out["org.divisions"] = int(base["org.divisions"])
    if all(f"staff.{k}" in base for k in ("active", "retired", "lixiu")):
        out["staff.total"] = sum(int(base[f"staff.{k}"]) for k in ("active", "retired", "lixiu"))
    _functions(base, m, paths, out)
    _explanations(base, m, paths, out)
    return out


def _add(out: dict[str, Value], key: str, value: Decimal) -> None:
    out[key] = out.get(key, ZERO) + value  # type: ignore[operator]


def _functions(base: Mapping[str, Value], m: Mapping[str, Decimal], paths: list[str],
               out: dict[str, Value]) -> None:
    """表3 (all funds) and 表5 (一般公共预算) per 项, 款, 类 and 总计; 表1, 表6, 表7 and 表10."""
    project_sum = {p: ZERO for p in paths}
    for name in projects(base):
        project_sum[str(base[f"budget.project[{name}].item"])] += m[f"budget.project[{name}]"]
    for p in paths:
        code = str(base[f"budget.item[{p}].code"]).replace(" ", "")
        basic, unit = m[f"budget.item[{p}].basic"], m.get(f"budget.item[{p}].unit_funds", ZERO)
        for level in (code[:3], code[:5], code):
            # 单位资金 is spent on projects, as in sample 001 (its 426.76 万元 sits in 项目支出, not 基本支出)
            for prefix, proj in (("budget.function", project_sum[p] + unit), ("budget.gpb_function", project_sum[p])):
                _add(out, f"{prefix}[{level}]", basic + proj)
                _add(out, f"{prefix}[{level}].basic", basic)
                _add(out, f"{prefix}[{level}].project", proj)
    gpb_basic = sum((m[f"budget.item[{p}].basic"] for p in paths), ZERO)
    unit_funds = sum((m.get(f"budget.item[{p}].unit_funds", ZERO) for p in paths), ZERO)
    gpb_project = sum(project_sum.values(), ZERO)
    gpb = gpb_basic + gpb_project
    total = gpb + unit_funds
    out.update({"budget.income_total": total, "budget.expense_total": total, "budget.gpb": gpb,
                "budget.basic": gpb_basic, "budget.project": gpb_project + unit_funds,
                "budget.gpb_basic": gpb_basic, "budget.gpb_project": gpb_project})
    if unit_funds:
        out["budget.unit_funds"] = unit_funds
    personnel = m["budget.personnel"]
    if personnel > gpb_basic:
        raise UsageError("输入", "人员经费大于一般公共预算基本支出")
    out.update({"budget.personnel": personnel, "budget.public": gpb_basic - personnel,
                "budget.economic[301]": personnel, "budget.economic[302]": gpb_basic - personnel})
    for name in projects(base):
        out[f"budget.project[{name}]"] = m[f"budget.project[{name}]"]
        out[f"budget.project[{name}].unit"] = f"{base['doc.unit']}本级"
    for key, _ in THREE:
        out[f"budget.three.{key}"] = m[f"budget.three.{key}"]
    out["budget.three.vehicle"] = m["budget.three.vehicle_purchase"] + m["budget.three.vehicle_operation"]
    out["budget.three.total"] = sum((m[f"budget.three.{k}"] for k, _ in THREE), ZERO)


def _change(out: dict[str, Value], key: str, change: Decimal) -> None:
    out[f"{key}.change"] = change
    rate = change_pct(out[key], change)  # type: ignore[arg-type]
    # Against a zero last year no rate is printed (checks.md #35), although 001 prints 增长 100.00% there.
    if rate is not None:
        out[f"{key}.change_pct"] = rate


def _explanations(base: Mapping[str, Value], m: Mapping[str, Decimal], paths: list[str],
                  out: dict[str, Value]) -> None:
    total = out["budget.income_total"]
    unit_change = m.get("budget.unit_funds.change", ZERO)
    gpb_change = m["budget.gpb_basic.change"] + m["budget.gpb_project.change"]
    for key in ("gpb", "gov_fund", "soe_capital", "unit_funds"):
        out.setdefault(f"budget.{key}", ZERO)
        out[f"budget.{key}.pct"] = pct(out[f"budget.{key}"], total)  # type: ignore[arg-type]
    _change(out, "budget.gpb", gpb_change)
    _change(out, "budget.gov_fund", ZERO)
    _change(out, "budget.soe_capital", ZERO)
    _change(out, "budget.unit_funds", unit_change)
    for key, change in (("basic", m["budget.gpb_basic.change"]),
                        ("project", m["budget.gpb_project.change"] + unit_change)):
        out[f"budget.{key}.pct"] = pct(out[f"budget.{key}"], total)  # type: ignore[arg-type]
        _change(out, f"budget.{key}", change)
    out["budget.fiscal_total"] = out["budget.gpb_total"] = out["budget.gpb"]
    _change(out, "budget.gpb_basic", m["budget.gpb_basic.change"])
    _change(out, "budget.gpb_project", m["budget.gpb_project.change"])
    for p in paths:
        category = p.split("/")[0]
        code = str(base[f"budget.item[{p}].code"]).replace(" ", "")
        amount = out[f"budget.gpb_function[{code}]"]
        whole = out[f"budget.gpb_function[{code[:3]}]"]
        out[f"budget.gpb_category[{category}]"] = whole
        out[f"budget.gpb_category[{category}].pct"] = pct(whole, out["budget.gpb"])  # type: ignore[arg-type]
        out[f"budget.gpb_item[{p}]"] = amount
        _change(out, f"budget.gpb_item[{p}]", m[f"budget.item[{p}].change"])
    for key, _ in (("total", ""), *THREE):
        change = (sum((m[f"budget.three.{k}.change"] for k, _ in THREE), ZERO) if key == "total"
                  else m[f"budget.three.{key}.change"])
        _change(out, f"budget.three.{key}", change)
    out["budget.ops"] = out["budget.public"]
    _change(out, "budget.ops", m["budget.ops.change"])
    proc = {k: m[f"budget.procurement.{k}"] for k in ("goods", "works", "services", "sme_reserved",
                                                      "small_micro_reserved")}
    out["budget.procurement.total"] = proc["goods"] + proc["works"] + proc["services"]
    out.update({f"budget.procurement.{k}": v for k, v in proc.items()})
    if all(f"budget.assets.{k}" in base for k in (*ASSET_AMOUNTS, *ASSET_COUNTS)):
        out.update({f"budget.assets.{k}": m[f"budget.assets.{k}"] for k in ASSET_AMOUNTS})
        out.update({f"budget.assets.{k}": int(base[f"budget.assets.{k}"]) for k in ASSET_COUNTS})
        out["budget.assets.vehicles"] = sum(int(base[f"budget.assets.{k}"]) for k in
                                            ("official_vehicles", "enforcement_vehicles", "other_vehicles"))
        out["budget.assets.vehicles_value"] = sum((m[f"budget.assets.{k}_vehicles_value"] for k in
                                                   ("official", "enforcement", "other")), ZERO)
    out.update({"budget.perf.overall_targets": 1, "budget.perf.overall_amount": total,
                "budget.perf.fiscal_projects": len(projects(base)),
                "budget.perf.fiscal_projects_amount": out["budget.gpb_project"],
                "budget.perf.nonfiscal_projects": 0, "budget.perf.nonfiscal_projects_amount": out["budget.unit_funds"]})
    for name in projects(base):
        key = f"budget.project_desc[{name}]"
        out[f"{key}.name"] = name
        out[f"{key}.amount"] = out[f"budget.project[{name}]"]
        out[f"{key}.unit"] = f"{base['doc.unit']}本级"
        out[f"{key}.period"] = f"{base['doc.year']}年1月1日-{base['doc.year']}年12月31日"


def generate_budget(fs: FactSet, fmt: str) -> str | bytes:
    """The 部门预算公开 as txt, md, docx or pdf.

    Raises:
        UsageError: an unknown format, missing base figures, or no CJK font for PDF.
    """
    if fmt not in ("txt", "md", "docx", "pdf"):
        raise UsageError(str(fmt), "部门预算可生成 txt、md、docx 或 pdf 格式")
    facts = derive_budget(fs.facts)
    if fmt == "pdf":
        from budgetdoc.generate.budget_pdf import render_budget_pdf  # noqa: PLC0415 - loads reportlab
        return render_budget_pdf(facts, fs)
    if fmt == "docx":
        from budgetdoc.generate.budget_docx import render_budget_docx  # noqa: PLC0415 - loads python-docx
        return render_budget_docx(facts, fs)
    from budgetdoc.generate.budget_text import render_budget  # noqa: PLC0415
    return render_budget(facts, fs, markdown=fmt == "md")
