"""A fictional unit's 部门预算 for the year of its 部门决算, consistent with the final accounts' 年初预算数.

The template relates the two documents in a few places: the 部门决算's 年初预算数 of 财政拨款 (``fiscal.budget_initial``)
is the budget's 一般公共预算拨款 (``budget.gpb``), and the 三公 年初预算数 (``three.<item>.budget``) are the budget's
三公 figures. The budget spends on the same 功能分类 items as the final accounts; basic items are 基本支出, the
others are one project each.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from decimal import ROUND_DOWN, Decimal

from budgetdoc.demo.units import ITEMS, _change, amount
from budgetdoc.generate.budget import THREE, derive_budget
from budgetdoc.generate.inputs import FactSet
from budgetdoc.model import Value

# 功能分类 codes of demo/units.py ITEMS, in the same order.
CODES = ("2010301", "2010302", "2010607", "2010505", "2050101", "2070109", "2130101", "2130106", "2130306",
         "2200106", "2080501", "2080505", "2080506", "2101101", "2101103", "2210201")
CENT = Decimal("0.01")


def budget_fact_set(rng: random.Random, final: FactSet, previous: Mapping[str, Value] | None = None) -> FactSet:
    """The budget fact set of ``final``'s unit and year.

    Args:
        rng: the source of randomness.
        final: the unit's 部门决算 fact set for the same year (base figures).
        previous: last year's derived budget facts; every 比上年预算 change is then this year's figure minus
            last year's.
    """
    ff = final.facts
    paths = {f"{c}/{s}/{i}": (code, basic) for (c, s, i, basic), code in zip(ITEMS, CODES, strict=True)}
    items = [k[len("gpb.item["):-1] for k in ff if k.startswith("gpb.item[") and k.endswith("]")]
    gpb = Decimal(str(ff["fiscal.budget_initial"]))
    finals = {p: Decimal(str(ff[f"gpb.item[{p}]"])) for p in items}
    whole = sum(finals.values(), Decimal(0)) or Decimal(1)
    shares = {p: (gpb * finals[p] / whole).quantize(CENT, rounding=ROUND_DOWN) for p in items}
    largest = max(items, key=lambda p: finals[p])
    shares[largest] += gpb - sum(shares.values(), Decimal(0))  # the rounding remainder, so Σ = budget_initial
    f: dict[str, Value] = {"doc.kind": "budget", "doc.unit": ff["doc.unit"], "doc.year": ff["doc.year"]}
    f |= {k: v for k, v in ff.items() if k.startswith("staff.") or k == "org.divisions"}
    gpb_basic = Decimal(0)
    for p in items:
        code, basic = paths[p]
        key = f"budget.item[{p}]"
        f[f"{key}.code"] = code
        if basic:
            f[f"{key}.basic"] = shares[p]
            gpb_basic += shares[p]
        else:
            f[f"{key}.basic"] = Decimal("0.00")
            name = f"{p.split('/')[2]}专项经费"
            f[f"budget.project[{name}]"] = shares[p]
            f[f"budget.project[{name}].item"] = p
    if rng.random() < 0.3 and items:
        f[f"budget.item[{items[0]}].unit_funds"] = amount(rng, 1, float(gpb) * 0.05 + 1)
    personnel_share = Decimal(str(ff["basic.personnel"])) / (
        Decimal(str(ff["basic.personnel"])) + Decimal(str(ff["basic.public"])) or Decimal(1))
    f["budget.personnel"] = (gpb_basic * personnel_share).quantize(CENT)
    for key, _ in THREE:
        f[f"budget.three.{key}"] = Decimal(str(ff[f"three.{key}.budget"]))
    total = sum((Decimal(str(ff[f"procurement.{k}"])) for k in ("goods", "works", "services")), Decimal(0))
    f |= {f"budget.procurement.{k}": (Decimal(str(ff[f"procurement.{k}"])) * Decimal(rng.uniform(0.9, 1.1))
                                       ).quantize(CENT) for k in ("goods", "works", "services")}
    total = sum((Decimal(str(f[f"budget.procurement.{k}"])) for k in ("goods", "works", "services")), Decimal(0))
    sme = (total * Decimal(rng.uniform(0.5, 1))).quantize(CENT)
    f |= {"budget.procurement.sme_reserved": sme,
          "budget.procurement.small_micro_reserved": (sme * Decimal(rng.uniform(0.4, 1))).quantize(CENT)}
    _assets(rng, ff, f)
    _changes(rng, f, previous)
    reasons = {k: "本年在职人员调整及业务工作变化，预算随之调整" for k in
               ("budget.gpb.change", "budget.basic.change", "budget.project.change")}
    return FactSet(facts=f, reasons=reasons, notes={k: final.notes[k] for k in ("functions", "divisions")
                                                    if k in final.notes})


def _changes(rng: random.Random, f: dict[str, Value], previous: Mapping[str, Value] | None) -> None:
    """比上年预算 changes: against last year's budget when there is one, else plausible random ones."""
    f |= {"budget.gpb_basic.change": Decimal(0), "budget.gpb_project.change": Decimal(0),
          "budget.ops.change": Decimal(0), **{f"budget.three.{k}.change": Decimal(0) for k, _ in THREE},
          **{f"{k[:-len('.code')]}.change": Decimal(0) for k in list(f) if k.endswith(".code")}}
    now = derive_budget(f)
    targets = {"budget.gpb_basic.change": "budget.gpb_basic", "budget.gpb_project.change": "budget.gpb_project",
               "budget.ops.change": "budget.ops", "budget.unit_funds.change": "budget.unit_funds",
               **{f"budget.three.{k}.change": f"budget.three.{k}" for k, _ in THREE},
               **{f"{k[:-len('.code')]}.change": f"budget.gpb_item[{k[len('budget.item['):-len('].code')]}]"
                  for k in f if k.endswith(".code")}}
    for key, target in targets.items():
        current = Decimal(str(now[target]))
        if previous is not None:
            f[key] = current - Decimal(str(previous.get(target, 0)))
        else:
            # a 三公 item a unit does not have stays at zero; the others changed by −30 %…+40 %
            f[key] = _change(rng, current, allow_new=False) if current else Decimal("0.00")


def _assets(rng: random.Random, ff: Mapping[str, Value], f: dict[str, Value]) -> None:
    """国有资产占用: the final accounts' house and vehicles (all 一般公务用车), other assets invented."""
    over_1m = int(ff.get("assets.equipment_over_1m", 0))  # type: ignore[call-overload]
    f |= {"budget.assets.house_area": ff["assets.house_area"], "budget.assets.house_value": ff["assets.house_value"],
          "budget.assets.official_vehicles": ff["assets.vehicles"],
          "budget.assets.official_vehicles_value": ff["assets.vehicles_value"],
          "budget.assets.enforcement_vehicles": 0, "budget.assets.enforcement_vehicles_value": Decimal("0.00"),
          "budget.assets.other_vehicles": 0, "budget.assets.other_vehicles_value": Decimal("0.00"),
          "budget.assets.furniture_value": amount(rng, 5, 80), "budget.assets.other_value": amount(rng, 10, 300),
          "budget.assets.equipment_over_500k": over_1m + rng.randint(0, 2), "budget.assets.equipment_over_1m": over_1m,
          "budget.assets.new_equipment_over_500k": 0, "budget.assets.new_equipment_over_1m": 0}
