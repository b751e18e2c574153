"""Base figures → every derived figure (totals, shares, changes, deviation), with Decimal and ROUND_HALF_UP.

A unit states only what its budget system holds (the nine tables' leaf cells, last year's change and the
initial budget); every total, 占%, 增减率 and 预决算差异率 of the 公开说明 is computed here, so a generated document
cannot carry the arithmetic slips the checker finds in hand-written ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from budgetdoc.amounts import to_halfwidth
from budgetdoc.errors import UsageError
from budgetdoc.model import Value

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)

INCOME_PARTS = ("fiscal", "superior_subsidy", "business", "operating", "affiliated_remit", "other")
EXPENSE_PARTS = ("basic", "project", "remit_superior", "operating", "affiliated_subsidy")
THREE_ITEMS = ("overseas", "vehicle", "reception")
THREE_BUDGET_ITEMS = ("overseas", "vehicle_purchase", "vehicle_operation", "reception")
PROCUREMENT_PARTS = ("goods", "works", "services")
VEHICLE_CATEGORIES = ("副部(省)级及以上领导用车", "主要负责人用车", "机要通信用车", "应急保障用车", "执法执勤用车",
                      "特种专业技术用车", "离退休干部服务用车", "其他用车")

# Base keys a 部门决算 fact set must state; everything else is derived or optional.
REQUIRED = (
    "doc.unit", "doc.year", "staff.active", "staff.lixiu", "staff.retired",
    "summary.income_nonfiscal_balance_used", "summary.income_carryover_begin",
    "summary.expense_surplus_distribution", "summary.change",
    *(f"income.{p}" for p in INCOME_PARTS), *(f"expense.{p}" for p in EXPENSE_PARTS),
    "fiscal.carryover_begin", "fiscal.change", "fiscal.budget_initial",
    "basic.personnel", "basic.public",
    "three.overseas", "three.vehicle_purchase", "three.vehicle_operation", "three.reception",
    *(f"three.{i}.change" for i in THREE_ITEMS), *(f"three.{i}.budget" for i in THREE_BUDGET_ITEMS),
    "ops.change", *(f"procurement.{p}" for p in PROCUREMENT_PARTS), "procurement.sme", "procurement.small_micro",
)


def money(value: Value | float | str) -> Decimal:
    """An amount in 万元 with exactly two decimals, rounded half up (the national rounding).

    Raises:
        UsageError: the value is not a number.
    """
    try:
        return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise UsageError("输入", f"不是数字：{value!r}") from None


def pct(part: Decimal, whole: Decimal) -> Decimal:
    """``part / whole`` in percent to two decimals; a share of nothing is printed as 0.00%."""
    if whole == 0:
        return ZERO
    return (part / whole * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def change_pct(current: Decimal, change: Decimal) -> Decimal | None:
    """增减率 of a signed change against last year (``current - change``).

    Returns None when last year was zero and something changed: no rate exists then (checks.md #35), and
    the text says 上年无 instead of printing one. No change from zero is 0.00%, as the samples print it.
    """
    previous = current - change
    if previous == 0:
        return ZERO if change == 0 else None
    return (change / previous * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def deviation_pct(budget: Decimal, final: Decimal) -> Decimal:
    """预决算差异率 = (决算 − 预算) / 预算 × 100; no budget gives 0.00% as the samples print it."""
    return pct(final - budget, budget)


def _normal_key(key: str) -> str:
    """An item key as the parser reads it back: full-width folded and whitespace removed, like the normalizer."""
    if not key.startswith("gpb.item["):
        return key
    head, _, tail = key.partition("]")
    return "".join(to_halfwidth(head).split()) + "]" + tail


def _items(base: Mapping[str, Value]) -> list[str]:
    return [k for k in base if k.startswith("gpb.item[") and k.endswith("]")]


def _need(base: Mapping[str, Value], keys: Iterable[str], path: str) -> None:
    missing = [k for k in keys if k not in base]
    if missing:
        raise UsageError(path, "缺少基础数据：" + "、".join(missing))


def derive(base: Mapping[str, Value], *, path: str = "输入") -> dict[str, Value]:
    """Every fact of a 部门决算 公开说明, the base ones as given and the derived ones computed.

    Args:
        base: base facts keyed per facts.md (amounts in 万元; changes signed).
        path: the input's name, for error messages.

    Returns:
        Facts in document order: base values normalized (amounts to 2 decimals), derived values added.

    Raises:
        UsageError: a required base figure is missing.
    """
    base = {_normal_key(k): v for k, v in base.items()}
    items = _items(base)
    _need(base, [*REQUIRED, *(f"{k}.change" for k in items)], path)
    if not items:
        raise UsageError(path, "缺少一般公共预算财政拨款支出明细（gpb.item[类/款/项]）")
    out: dict[str, Value] = {"doc.kind": "final_accounts", "doc.unit": str(base["doc.unit"]),
                             "doc.year": int(base["doc.year"])}
    m = {k: money(v) for k, v in base.items()
         if not isinstance(v, bool) and isinstance(v, (int, float, str, Decimal)) and _is_amount_key(k)}

    _staff(base, out)
    _summary(m, out)
    _fiscal(m, items, out)
    _three(base, m, out)
    for key in ("gov_fund.empty", "soe_capital.empty"):
        out[key] = bool(base.get(key, True))
    out["ops.total"] = out["basic.public"]
    out["ops.change"] = m["ops.change"]
    _rate(out, "ops")
    _procurement(m, out)
    _assets_perf(base, m, out)
    return out


def _is_amount_key(key: str) -> bool:
    """Whether a base key holds money (万元, 2 decimals) rather than a count, a text or a 自评表 cell."""
    if key.startswith(("assets.vehicles[", "perf.table[")):
        return False
    counts = ("staff.", "org.", "doc.", "three.overseas_", "three.vehicles_", "three.fixed_asset_vehicles",
              "three.reception_batches", "three.reception_persons", "assets.house_area", "assets.vehicles",
              "assets.equipment", "perf.overall_tables", "perf.projects")
    return not key.startswith(counts) or key in ("assets.vehicles_value", "perf.projects_budget",
                                                  "perf.projects_executed")


def _rate(out: dict[str, Value], prefix: str, total: str = "total") -> None:
    rate = change_pct(Decimal(out[f"{prefix}.{total}"]), Decimal(out[f"{prefix}.change"]))
    if rate is not None:
        out[f"{prefix}.change_pct"] = rate


def _staff(base: Mapping[str, Value], out: dict[str, Value]) -> None:
    counts = {k: int(base[k]) for k in ("staff.active", "staff.lixiu", "staff.retired")}
    out["staff.total"] = sum(counts.values())
    for key, value in counts.items():
        out[key] = value
        if f"{key}.change" in base:
            out[f"{key}.change"] = int(base[f"{key}.change"])
    if "staff.authorized" in base:
        out["staff.authorized"] = int(base["staff.authorized"])
    out["org.subunits"] = int(base.get("org.subunits", 0))
    if "org.divisions" in base:
        out["org.divisions"] = int(base["org.divisions"])


def _summary(m: Mapping[str, Decimal], out: dict[str, Value]) -> None:
    income_current = sum((m[f"income.{p}"] for p in INCOME_PARTS), ZERO)
    expense_current = sum((m[f"expense.{p}"] for p in EXPENSE_PARTS), ZERO)
    income_total = income_current + m["summary.income_nonfiscal_balance_used"] + m["summary.income_carryover_begin"]
    out["summary.income_total"] = income_total
    out["summary.income_current"] = income_current
    out["summary.income_nonfiscal_balance_used"] = m["summary.income_nonfiscal_balance_used"]
    out["summary.income_carryover_begin"] = m["summary.income_carryover_begin"]
    out["summary.expense_total"] = income_total  # 收入总计 = 支出总计: the carry-over closes the balance
    out["summary.expense_current"] = expense_current
    out["summary.expense_surplus_distribution"] = m["summary.expense_surplus_distribution"]
    out["summary.expense_carryover_end"] = income_total - expense_current - m["summary.expense_surplus_distribution"]
    out["summary.change"] = m["summary.change"]
    rate = change_pct(income_total, m["summary.change"])
    if rate is not None:
        out["summary.change_pct"] = rate
    out["income.current"] = income_current
    for part in INCOME_PARTS:
        out[f"income.{part}"] = m[f"income.{part}"]
        out[f"income.{part}.pct"] = pct(m[f"income.{part}"], income_current)
    out["expense.current"] = expense_current
    for part in EXPENSE_PARTS:
        out[f"expense.{part}"] = m[f"expense.{part}"]
        out[f"expense.{part}.pct"] = pct(m[f"expense.{part}"], expense_current)


def _fiscal(m: Mapping[str, Decimal], items: list[str], out: dict[str, Value]) -> None:
    gpb_total = sum((m[k] for k in items), ZERO)
    income_total = m["fiscal.carryover_begin"] + m["income.fiscal"]
    out["fiscal.income_total"] = income_total
    out["fiscal.carryover_begin"] = m["fiscal.carryover_begin"]
    out["fiscal.income_current"] = m["income.fiscal"]
    out["fiscal.expense_total"] = income_total
    # Without 政府性基金/国有资本经营 funds (the generator's scope), 财政拨款支出 is the 一般公共预算 part.
    out["fiscal.carryover_end"] = income_total - gpb_total
    out["fiscal.expense_current"] = gpb_total
    out["fiscal.change"] = m["fiscal.change"]
    # 财政拨款收入支出总体 is compared on 总计, like 收入支出总体 (summary.change); the samples cannot tell the
    # bases apart (their carry-overs are zero), the checker (percent.change) uses 总计.
    _rate(out, "fiscal", "income_total")
    out["fiscal.budget_initial"] = m["fiscal.budget_initial"]
    out["fiscal.final"] = gpb_total
    out["fiscal.deviation_pct"] = deviation_pct(m["fiscal.budget_initial"], gpb_total)

    out["gpb.total"] = gpb_total
    out["gpb.share_of_expense_current"] = pct(gpb_total, Decimal(out["summary.expense_current"]))
    out["gpb.change"] = m.get("gpb.change", m["fiscal.change"])
    _rate(out, "gpb")
    out["gpb.budget_initial"] = m.get("gpb.budget_initial", m["fiscal.budget_initial"])
    out["gpb.final"] = gpb_total
    out["gpb.deviation_pct"] = deviation_pct(Decimal(out["gpb.budget_initial"]), gpb_total)
    categories: dict[str, Decimal] = {}
    for key in items:
        category = key[len("gpb.item["):].split("/")[0]
        categories[category] = categories.get(category, ZERO) + m[key]
    for category, amount in categories.items():
        out[f"gpb.category[{category}]"] = amount
        out[f"gpb.category[{category}].pct"] = pct(amount, gpb_total)
    for key in items:
        out[key] = m[key]
        change = m.get(f"{key}.change")
        if change is not None:
            out[f"{key}.change"] = change
            rate = change_pct(m[key], change)
            if rate is not None:
                out[f"{key}.change_pct"] = rate
    out["basic.total"] = m["basic.personnel"] + m["basic.public"]
    out["basic.personnel"] = m["basic.personnel"]
    out["basic.public"] = m["basic.public"]


def _three(base: Mapping[str, Value], m: Mapping[str, Decimal], out: dict[str, Value]) -> None:
    amounts = {"overseas": m["three.overseas"], "vehicle": m["three.vehicle_purchase"] + m["three.vehicle_operation"],
               "reception": m["three.reception"]}
    total = sum(amounts.values(), ZERO)
    out["three.total"] = total
    out["three.change"] = sum((m[f"three.{i}.change"] for i in THREE_ITEMS), ZERO)
    _rate(out, "three")
    for item in THREE_ITEMS:
        out[f"three.{item}"] = amounts[item]
        out[f"three.{item}.pct"] = pct(amounts[item], total)
        out[f"three.{item}.change"] = m[f"three.{item}.change"]
        rate = change_pct(amounts[item], m[f"three.{item}.change"])
        if rate is not None:
            out[f"three.{item}.change_pct"] = rate
    out["three.vehicle_purchase"] = m["three.vehicle_purchase"]
    out["three.vehicle_operation"] = m["three.vehicle_operation"]
    for key in ("three.overseas_groups", "three.overseas_persons", "three.vehicles_purchased",
                "three.vehicles_owned", "three.fixed_asset_vehicles", "three.reception_batches",
                "three.reception_persons"):
        out[key] = int(base.get(key, 0))
    budget = sum((m[f"three.{i}.budget"] for i in THREE_BUDGET_ITEMS), ZERO)
    out["three.budget"] = budget
    out["three.final"] = total
    out["three.deviation_pct"] = deviation_pct(budget, total)
    for item in THREE_BUDGET_ITEMS:
        final = m[f"three.{item}"]
        out[f"three.{item}.budget"] = m[f"three.{item}.budget"]
        out[f"three.{item}.final"] = final
        out[f"three.{item}.deviation_pct"] = deviation_pct(m[f"three.{item}.budget"], final)


def _procurement(m: Mapping[str, Decimal], out: dict[str, Value]) -> None:
    total = sum((m[f"procurement.{p}"] for p in PROCUREMENT_PARTS), ZERO)
    out["procurement.total"] = total
    for part in PROCUREMENT_PARTS:
        out[f"procurement.{part}"] = m[f"procurement.{part}"]
    for part in ("sme", "small_micro"):
        out[f"procurement.{part}"] = m[f"procurement.{part}"]
        out[f"procurement.{part}_pct"] = pct(m[f"procurement.{part}"], total)


def _assets_perf(base: Mapping[str, Value], m: Mapping[str, Decimal], out: dict[str, Value]) -> None:
    if "assets.fixed_original_value" in base:
        out["assets.fixed_original_value"] = money(base["assets.fixed_original_value"])
    for key in ("assets.house_area", "assets.house_value", "assets.vehicles_value"):
        out[key] = money(base.get(key, ZERO))
    for key in ("assets.vehicles", "assets.equipment_over_1m"):
        out[key] = int(base.get(key, 0))
    # Vehicles by category as the template lists them; what the input does not split is 其他用车.
    split = {c: int(base.get(f"assets.vehicles[{c}]", 0)) for c in VEHICLE_CATEGORIES[:-1]}
    split[VEHICLE_CATEGORIES[-1]] = int(base.get(f"assets.vehicles[{VEHICLE_CATEGORIES[-1]}]",
                                                 int(out["assets.vehicles"]) - sum(split.values())))
    for category, count in split.items():
        out[f"assets.vehicles[{category}]"] = count
    from budgetdoc.generate.perf_tables import derive_perf, perf_projects  # noqa: PLC0415 - it imports this module

    projects = perf_projects(base)
    if projects:
        _perf_from_tables(base, out, projects, derive_perf)
        return
    out["perf.overall_tables"] = int(base.get("perf.overall_tables", 1))
    # 整体支出绩效自评表 covers the whole year's money: 收入总计 as budget, 本年支出合计 as executed (000, 003).
    out["perf.overall_budget"] = m.get("perf.overall_budget", Decimal(out["summary.income_total"]))
    out["perf.overall_executed"] = m.get("perf.overall_executed", Decimal(out["summary.expense_current"]))
    out["perf.projects"] = int(base.get("perf.projects", 0))
    out["perf.projects_budget"] = m.get("perf.projects_budget", ZERO)
    out["perf.projects_executed"] = m.get("perf.projects_executed", ZERO)


def _perf_from_tables(base: Mapping[str, Value], out: dict[str, Value], projects: list[str],
                      derive_perf: Callable[[Mapping[str, Value], dict[str, Value]], None]) -> None:
    """Section 十一's counts and totals from the attached 自评表 themselves, so text and tables agree."""
    derive_perf(base, out)
    has_overall = "整体" in projects
    out["perf.overall_tables"] = int(has_overall)
    if has_overall:
        out["perf.overall_budget"] = out["perf.table[整体].budget_full"]
        out["perf.overall_executed"] = out["perf.table[整体].executed"]
    others = [p for p in projects if p != "整体"]
    out["perf.projects"] = len(others)
    out["perf.projects_budget"] = sum((Decimal(out[f"perf.table[{p}].budget_full"]) for p in others), ZERO)
    out["perf.projects_executed"] = sum((Decimal(out[f"perf.table[{p}].executed"]) for p in others), ZERO)


def stated_over(derived: dict[str, Value], stated: Mapping[str, Value]) -> dict[str, Value]:
    """Derived figures replaced by the printed ones of a parsed document, in the derived order."""
    out: dict[str, Value] = {}
    for key, value in derived.items():
        printed = stated.get(key, value)
        out[key] = printed if type(printed) is type(value) else value
        # Against a zero last year derive states no rate (checks.md #35); a document that printed one keeps it.
        rate = f"{key.removesuffix('.change')}.change_pct"
        if key.endswith(".change") and rate not in derived and isinstance(stated.get(rate), Decimal):
            out[rate] = stated[rate]
    return out
