"""Fictional units and consistent random fact sets with realistic magnitudes and signs.

Everything here is invented: unit names, people, figures. The same seed gives the same corpus.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from decimal import Decimal

from budgetdoc.generate.derive import derive
from budgetdoc.generate.inputs import FactSet
from budgetdoc.model import Value

UNITS = (
    ("示例市财政局", "行政单位"), ("示例市农业农村局", "行政单位"), ("示例市教育局", "行政单位"),
    ("示例市卫生健康委员会", "行政单位"), ("示例市自然资源局", "行政单位"), ("示例市文化馆", "事业单位"),
    ("示例市人民政府办公室", "行政单位"), ("示例市统计局", "行政单位"), ("示例市档案馆", "事业单位"),
    ("示例市水利局", "行政单位"), ("示例市图书馆", "事业单位"), ("示例市市场监督管理局", "行政单位"),
)
# (类, 款, 项, basic?) as the 2024 功能分类 prints them; basic items are 人员/公用 spending.
ITEMS = (
    ("一般公共服务支出", "政府办公厅(室)及相关机构事务", "行政运行", True),
    ("一般公共服务支出", "政府办公厅(室)及相关机构事务", "一般行政管理事务", False),
    ("一般公共服务支出", "财政事务", "信息化建设", False),
    ("一般公共服务支出", "统计信息事务", "专项统计业务", False),
    ("教育支出", "教育管理事务", "行政运行", True),
    ("文化旅游体育与传媒支出", "文化和旅游", "群众文化", False),
    ("农林水支出", "农业农村", "行政运行", True),
    ("农林水支出", "农业农村", "技术推广与转化", False),
    ("农林水支出", "水利", "水利工程运行与维护", False),
    ("自然资源海洋气象等支出", "自然资源事务", "自然资源调查与确权登记", False),
    ("社会保障和就业支出", "行政事业单位养老支出", "行政单位离退休", True),
    ("社会保障和就业支出", "行政事业单位养老支出", "机关事业单位基本养老保险缴费支出", True),
    ("社会保障和就业支出", "行政事业单位养老支出", "机关事业单位职业年金缴费支出", True),
    ("卫生健康支出", "行政事业单位医疗", "行政单位医疗", True),
    ("卫生健康支出", "行政事业单位医疗", "公务员医疗补助", True),
    ("住房保障支出", "住房改革支出", "住房公积金", True),
)
DIVISIONS = ("办公室", "综合科", "财务科", "业务一科", "业务二科", "法规科", "信息科", "督查室")
FUNCTIONS = (
    "贯彻执行国家和自治区有关方针政策和法律法规，拟订本行业发展规划并组织实施。",
    "负责本行业的统筹协调和监督管理工作。",
    "负责本单位职责范围内的公共服务和信息公开工作。",
    "完成上级交办的其他任务。",
)
# 自评表: project names, and 三级指标 (name, 一级/二级, target, actual) whose names are not level labels.
PROJECTS = ("专项业务工作经费", "信息化建设运维项目", "办公设备购置项目", "政策宣传与培训项目", "档案数字化项目")
INDICATORS = (
    ("完成专项工作任务数", "产出指标/数量指标", ">=5项", "6项"),
    ("政策宣传覆盖人次", "产出指标/数量指标", ">=1000人次", "1200人次"),
    ("工作任务完成合格率", "产出指标/质量指标", ">=95%", "98%"),
    ("任务按期完成率", "产出指标/时效指标", "=100%", "100%"),
    ("群众办事满意率", "满意度指标/服务对象满意度指标", ">=90%", "95%"),
)
CENT = Decimal("0.01")


def amount(rng: random.Random, low: float, high: float) -> Decimal:
    """A random amount in 万元 with two decimals, between ``low`` and ``high``."""
    return Decimal(rng.randint(round(low * 100), round(high * 100))) / 100


def _change(rng: random.Random, current: Decimal, *, allow_new: bool) -> Decimal:
    """A signed change against a plausible last year (30% down to 40% up; occasionally new this year)."""
    if allow_new and current > 0 and rng.random() < 0.05:
        return current
    previous = (current * Decimal(rng.uniform(0.7, 1.4))).quantize(CENT)
    return current - previous


def random_fact_set(rng: random.Random, unit: str, year: int, unit_type: str = "行政单位",
                    *, allow_new: bool = True, previous: Mapping[str, Value] | None = None) -> FactSet:
    """A consistent 部门决算 fact set: every identity of the nine tables holds by construction.

    Args:
        rng: the source of randomness (the same state gives the same fact set).
        unit: the fictional unit's name; it also fixes the unit's profile (items, size) across years.
        year: the fiscal year.
        unit_type: 行政单位 or 事业单位.
        allow_new: whether an item may be new this year (no 增减率 then) or zero.
        previous: last year's derived facts of the same unit; every 比上年 change is then this year's
            figure minus last year's, so a corpus of several years agrees with itself.
    """
    profile = random.Random(unit)  # noqa: S311 - fictional data, not security
    f: dict[str, object] = {"doc.unit": unit, "doc.year": year}
    if previous:
        active = max(1, int(previous["staff.active"]) + rng.randint(-5, 5))
        retired = max(0, int(previous["staff.retired"]) + rng.randint(-1, 3))
    else:
        active, retired = rng.randint(8, 160), rng.randint(0, 90)
    f |= {"staff.active": active, "staff.lixiu": profile.choice((0, 0, 0, 1, 2)), "staff.retired": retired,
          "staff.active.change": rng.randint(-min(5, active), 5), "staff.lixiu.change": 0,
          "staff.retired.change": rng.randint(-min(3, retired), 3), "staff.authorized": active + rng.randint(0, 10),
          "org.subunits": profile.choice((0, 0, 0, 1, 2, 3))}
    chosen = sorted(profile.sample(range(len(ITEMS)), profile.randint(4, 9)))
    scale = profile.choice((1, 5, 20))  # small units, county bureaus, city bureaus
    gpb_total = basic_items = Decimal(0)
    for index in chosen:
        category, section, item, basic = ITEMS[index]
        zero = allow_new and rng.random() < 0.05
        value = Decimal("0.00") if zero else amount(rng, 5 * scale, 400 * scale)
        key = f"gpb.item[{category}/{section}/{item}]"
        f[key] = value
        f[f"{key}.change"] = _change(rng, value, allow_new=allow_new)
        gpb_total += value
        basic_items += value if basic else 0
    fiscal_begin = amount(rng, 0, float(gpb_total) * 0.05) if rng.random() < 0.3 else Decimal("0.00")
    fiscal_end = amount(rng, 0, float(gpb_total) * 0.05) if rng.random() < 0.3 else Decimal("0.00")
    income_fiscal = max(gpb_total + fiscal_end - fiscal_begin, Decimal("0.00"))
    fiscal_end = income_fiscal + fiscal_begin - gpb_total
    other = amount(rng, 0, float(gpb_total) * 0.08) if rng.random() < 0.6 else Decimal("0.00")
    business = amount(rng, 0, float(gpb_total) * 0.2) if unit_type == "事业单位" and rng.random() < 0.5 else Decimal(0)
    nonfiscal_begin = amount(rng, 0, float(gpb_total) * 0.05) if rng.random() < 0.5 else Decimal("0.00")
    f |= {"income.fiscal": income_fiscal, "income.superior_subsidy": Decimal("0.00"), "income.business": business,
          "income.operating": Decimal("0.00"), "income.affiliated_remit": Decimal("0.00"), "income.other": other,
          "summary.income_nonfiscal_balance_used": Decimal("0.00"),
          "summary.income_carryover_begin": fiscal_begin + nonfiscal_begin,
          "summary.expense_surplus_distribution": Decimal("0.00"), "fiscal.carryover_begin": fiscal_begin}
    nonfiscal_spent = amount(rng, 0, float(other + business + nonfiscal_begin))
    basic_total = max(basic_items, (gpb_total * Decimal(rng.uniform(0.5, 0.9))).quantize(CENT))
    basic_total = min(basic_total, gpb_total)
    public = (basic_total * Decimal(rng.uniform(0.08, 0.2))).quantize(CENT)
    expense_basic = basic_total + (nonfiscal_spent * Decimal(rng.uniform(0, 1))).quantize(CENT)
    f |= {"basic.personnel": basic_total - public, "basic.public": public, "expense.basic": expense_basic,
          "expense.project": gpb_total + nonfiscal_spent - expense_basic, "expense.remit_superior": Decimal("0.00"),
          "expense.operating": Decimal("0.00"), "expense.affiliated_subsidy": Decimal("0.00")}
    income_total = income_fiscal + other + business + fiscal_begin + nonfiscal_begin
    f["summary.change"] = _change(rng, income_total, allow_new=False)
    f["fiscal.change"] = _change(rng, income_fiscal + fiscal_begin, allow_new=False)
    f["fiscal.budget_initial"] = (gpb_total * Decimal(rng.uniform(0.85, 1.1))).quantize(CENT)
    f["ops.change"] = _change(rng, public, allow_new=False)
    _three(rng, profile, f, scale)
    _procurement_assets(rng, f, scale, gpb_total)
    reasons = {k: "本年在职人员调整及业务工作变化，相关支出随之变化。" for k in f if k.endswith(".change")}
    notes = {"unit_type": unit_type, "functions": list(rng.sample(FUNCTIONS, 3)),
             "divisions": sorted(rng.sample(DIVISIONS, rng.randint(2, 6)), key=DIVISIONS.index)}
    f["org.divisions"] = len(notes["divisions"])
    _perf(rng, profile, f, notes)
    if previous:
        _changes_against(f, previous)
    return FactSet(facts=f, reasons=reasons, notes=notes)  # type: ignore[arg-type]


def _changes_against(f: dict[str, object], previous: Mapping[str, Value]) -> None:
    """Set every change to this year's derived figure minus last year's (the figure each sentence compares)."""
    now = derive(f)  # type: ignore[arg-type]
    compared = {"summary.change": "summary.income_total", "fiscal.change": "fiscal.income_total",
                "gpb.change": "gpb.total", "ops.change": "ops.total"}
    for key in [k for k in f if k.endswith(".change")] + ["gpb.change"]:
        target = compared.get(key, key.removesuffix(".change"))
        if target in previous and target in now:
            f[key] = now[target] - previous[target]  # type: ignore[operator]


def _three(rng: random.Random, profile: random.Random, f: dict[str, object], scale: int) -> None:
    # Which 三公 items a unit has at all is part of its profile, so an item does not appear from a zero last
    # year (that sentence has no 增减率, see allow_new).
    purchase = amount(rng, 15, 30) if profile.random() < 0.15 else Decimal("0.00")
    owned = profile.randint(0, 8)
    operation = amount(rng, 0.5 * owned, 4 * owned) if owned else Decimal("0.00")
    overseas = amount(rng, 1, 15) if profile.random() < 0.15 else Decimal("0.00")
    reception = amount(rng, 0.1, 3 * scale ** 0.5) if profile.random() < 0.7 else Decimal("0.00")
    f |= {"three.overseas": overseas, "three.vehicle_purchase": purchase, "three.vehicle_operation": operation,
          "three.reception": reception, "three.overseas_groups": 1 if overseas else 0,
          "three.overseas_persons": rng.randint(1, 4) if overseas else 0,
          "three.vehicles_purchased": 1 if purchase else 0, "three.vehicles_owned": owned,
          "three.fixed_asset_vehicles": owned, "three.reception_batches": rng.randint(1, 30) if reception else 0,
          "three.reception_persons": rng.randint(5, 200) if reception else 0}
    for key, value in (("overseas", overseas), ("vehicle", purchase + operation), ("reception", reception)):
        f[f"three.{key}.change"] = _change(rng, value, allow_new=False) if value else Decimal("0.00")
    for key in ("overseas", "vehicle_purchase", "vehicle_operation", "reception"):
        final = f[f"three.{key}"]
        assert isinstance(final, Decimal)
        f[f"three.{key}.budget"] = (final * Decimal(rng.uniform(1.0, 1.15))).quantize(CENT)


def _procurement_assets(rng: random.Random, f: dict[str, object], scale: int, gpb_total: Decimal) -> None:
    goods = amount(rng, 0, float(gpb_total) * 0.05)
    works = amount(rng, 0, float(gpb_total) * 0.05) if rng.random() < 0.2 else Decimal("0.00")
    services = amount(rng, 0, float(gpb_total) * 0.1)
    total = goods + works + services
    sme = (total * Decimal(rng.uniform(0.5, 1))).quantize(CENT)
    f |= {"procurement.goods": goods, "procurement.works": works, "procurement.services": services,
          "procurement.sme": sme, "procurement.small_micro": (sme * Decimal(rng.uniform(0.4, 1))).quantize(CENT),
          "gov_fund.empty": True, "soe_capital.empty": True,
          "assets.fixed_original_value": amount(rng, 50 * scale, 800 * scale),
          "assets.house_area": amount(rng, 300, 20000), "assets.house_value": amount(rng, 20 * scale, 500 * scale),
          "assets.vehicles": f["three.fixed_asset_vehicles"],
          "assets.vehicles_value": amount(rng, 10, 40) * int(f["three.fixed_asset_vehicles"]),  # type: ignore[call-overload]
          "assets.equipment_over_1m": rng.choice((0, 0, 0, 1, 2))}


def _perf(rng: random.Random, profile: random.Random, f: dict[str, object], notes: dict[str, object]) -> None:
    """The 整体 自评表 over the whole year's money and one to three project 自评表, every indicator met."""
    now = derive(f)  # type: ignore[arg-type]
    tables = [("整体", Decimal(now["summary.income_total"]), Decimal(now["summary.expense_current"]))]
    project_money = Decimal(now["expense.project"])
    for name in profile.sample(PROJECTS, profile.randint(1, 3)):
        budget = (project_money * Decimal(rng.uniform(0.1, 0.3))).quantize(CENT)
        tables.append((name, budget, (budget * Decimal(rng.uniform(0.8, 1))).quantize(CENT)))
    levels: dict[str, str] = {}
    for project, budget, executed in tables:
        key = f"perf.table[{project}]"
        f |= {f"{key}.budget_initial": (budget * Decimal(rng.uniform(0.9, 1))).quantize(CENT),
              f"{key}.budget_full": budget, f"{key}.executed": executed}
        chosen = rng.sample(INDICATORS, 3)
        for (name, level, target, actual), weight in zip(chosen, (30, 30, 30), strict=True):
            f |= {f"{key}.indicator[{name}].target": target, f"{key}.indicator[{name}].actual": actual,
                  f"{key}.indicator[{name}].weight": weight, f"{key}.indicator[{name}].score": weight}
            levels[name] = level
    notes["perf_levels"] = levels
