"""The tables a 部门预算 or 部门决算 disclosure prints, and how to recognize one from its printed title.

Titles vary between regions and years (年份、单位名称、引号、编号 all around the same name), so a title is
normalized first and then compared with each table's aliases. See /work/shared/spec/domain-rules.md §1.2–1.3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetdoc.amounts import to_halfwidth
from budgetdoc.model import DocKind


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One kind of table: a stable id, its canonical name, the document kind it belongs to, other names."""

    kind: str
    """Stable id, e.g. ``budget.t01_income_expense`` or ``final.t01_income_expense``."""
    name: str
    """Canonical name as the national template prints it."""
    doc_kind: DocKind
    aliases: tuple[str, ...] = ()
    """Other printed names, already normalized (no quotes, no spaces, half-width brackets)."""

    @property
    def names(self) -> tuple[str, ...]:
        return (normalize_title(self.name), *self.aliases)


_B, _F = DocKind.BUDGET, DocKind.FINAL_ACCOUNTS

CATALOG: tuple[TableSpec, ...] = (
    # 部门预算: the nine national tables plus the regional extras Xinjiang prints (001 has 表1–表11).
    TableSpec(kind="budget.t01_income_expense", name="部门收支总表", doc_kind=_B,
              aliases=("部门收支总体情况表", "收支总体情况表", "部门收支预算总表", "收支预算总表", "部门收支总体情况",
                       "收支总表")),
    TableSpec(kind="budget.t02_income", name="部门收入总表", doc_kind=_B,
              aliases=("部门收入总体情况表", "收入总体情况表", "部门收入预算表", "收入预算总表", "部门收入总体情况",
                       "收入总表")),
    TableSpec(kind="budget.t03_expense", name="部门支出总表", doc_kind=_B,
              aliases=("部门支出总体情况表", "支出总体情况表", "部门支出预算表", "支出预算总表", "部门支出总体情况",
                       "支出总表")),
    TableSpec(kind="budget.t04_fiscal_income_expense", name="财政拨款收支总表", doc_kind=_B,
              aliases=("财政拨款收支总体情况表", "财政拨款收支预算总表", "财政拨款收支总体情况",
                       "财政拨款收支预算总体情况表")),
    TableSpec(kind="budget.t05_general_expense", name="一般公共预算支出表", doc_kind=_B,
              aliases=("一般公共预算支出情况表", "一般公共预算当年拨款支出表", "一般公共预算财政拨款支出表",
                       "一般公共预算支出情况表当年拨款", "一般公共预算支出表当年拨款", "一般公共预算支出预算表",
                       "一般公共预算支出表按功能分类", "一般公共预算支出功能分类预算表",
                       "一般公共预算支出预算表功能科目")),
    TableSpec(kind="budget.t06_general_basic", name="一般公共预算基本支出表", doc_kind=_B,
              aliases=("一般公共预算基本支出情况表", "一般公共预算财政拨款基本支出表", "一般公共预算基本支出预算表",
                       "一般公共预算基本支出情况表人员经费公用经费", "一般公共预算基本支出经济分类预算表",
                       "一般公共预算基本支出部门预算经济分类预算表", "一般公共预算基本支出预算表经济科目")),
    TableSpec(kind="budget.t07_general_project", name="一般公共预算项目支出表", doc_kind=_B,
              aliases=("一般公共预算项目支出情况表", "一般公共预算财政拨款项目支出表", "项目支出表",
                       "一般公共预算项目支出预算表")),
    TableSpec(kind="budget.t08_three_public", name="一般公共预算三公经费支出表", doc_kind=_B,
              aliases=("三公经费支出表", "一般公共预算三公经费支出情况表", "三公经费支出情况表",
                       "财政拨款三公经费支出表", "一般公共预算三公经费预算表", "三公经费预算表",
                       "三公经费、会议费、培训费支出预算表")),
    TableSpec(kind="budget.t09_fund_expense", name="政府性基金预算支出表", doc_kind=_B,
              aliases=("政府性基金预算支出情况表", "政府性基金支出表", "政府性基金预算财政拨款支出表",
                       "政府性基金预算支出预算表", "政府性基金预算支出功能分类预算表")),
    TableSpec(kind="budget.t10_capital_expense", name="国有资本经营预算支出表", doc_kind=_B,
              aliases=("国有资本经营预算支出情况表", "国有资本经营预算财政拨款支出表", "国有资本经营预算支出预算表",
                       "国有资本经营预算支出功能分类预算表")),
    TableSpec(kind="budget.t11_carryover", name="上年结转结余情况明细表", doc_kind=_B,
              aliases=("上年结转结余明细表", "上年结转结余情况表")),
    TableSpec(kind="budget.general_expense_economic", name="一般公共预算支出表(按经济分类)", doc_kind=_B,
              aliases=("一般公共预算支出表按经济分类", "一般公共预算支出经济分类预算表")),
    TableSpec(kind="budget.basic_total", name="基本支出总表", doc_kind=_B, aliases=("基本支出预算总表",)),
    TableSpec(kind="budget.project_total", name="项目支出总表", doc_kind=_B,
              aliases=("项目支出预算总表", "项目支出预算表")),
    TableSpec(kind="budget.fiscal_expense", name="财政拨款支出预算表", doc_kind=_B,
              aliases=("财政拨款支出表", "财政拨款支出预算表功能科目")),
    TableSpec(kind="budget.fiscal_basic", name="财政拨款基本支出预算表", doc_kind=_B,
              aliases=("财政拨款基本支出表", "财政拨款基本支出预算表经济科目")),
    TableSpec(kind="budget.fund_fiscal_expense", name="财政拨款政府性基金支出预算表", doc_kind=_B),
    TableSpec(kind="budget.three_public_ops", name="三公经费和机关运行经费预算表", doc_kind=_B,
              aliases=("部门三公经费和机关运行经费预算表",)),
    TableSpec(kind="budget.ops_expense", name="一般公共预算机关运行经费支出预算表", doc_kind=_B,
              aliases=("机关运行经费支出预算表", "机关运行经费预算表")),
    TableSpec(kind="budget.procurement", name="政府采购预算表", doc_kind=_B,
              aliases=("政府采购预算明细表", "政府采购情况表")),
    TableSpec(kind="budget.purchase_service", name="政府购买服务预算表", doc_kind=_B,
              aliases=("政府购买服务预算明细表", "财政拨款政府购买服务明细表", "政府购买服务明细表")),
    TableSpec(kind="budget.perf_target", name="项目支出绩效目标表", doc_kind=_B,
              aliases=("项目绩效目标表", "项目支出绩效目标申报表", "部门项目支出绩效目标表", "项目支出绩效表")),
    TableSpec(kind="budget.perf_overall_target", name="部门整体支出绩效目标表", doc_kind=_B,
              aliases=("整体支出绩效目标表", "部门整体绩效目标表", "单位整体支出绩效目标表")),
    # 部门决算: the nine 公开表 (公开01–09表) and their aliases (domain-rules.md §1.3).
    TableSpec(kind="final.t01_income_expense", name="收入支出决算总表", doc_kind=_F,
              aliases=("收支决算总表", "部门收支决算总表", "收入支出决算表", "部门收支总体情况决算表")),
    TableSpec(kind="final.t02_income", name="收入决算表", doc_kind=_F,
              aliases=("收入决算总表", "部门收入决算表", "部门收入总体情况决算表")),
    TableSpec(kind="final.t03_expense", name="支出决算表", doc_kind=_F,
              aliases=("支出决算总表", "部门支出决算表", "部门支出总体情况决算表")),
    TableSpec(kind="final.t04_fiscal_income_expense", name="财政拨款收入支出决算总表", doc_kind=_F,
              aliases=("财政拨款收支决算总表", "财政拨款收入支出决算表", "财政拨款收支总体情况决算表")),
    TableSpec(kind="final.t05_general_expense", name="一般公共预算财政拨款支出决算表", doc_kind=_F,
              aliases=("一般公共预算财政拨款收入支出决算表", "一般公共预算支出决算表")),
    TableSpec(kind="final.t06_general_basic", name="一般公共预算财政拨款基本支出决算表", doc_kind=_F,
              aliases=("一般公共预算财政拨款基本支出决算明细表", "一般公共预算基本支出决算表")),
    TableSpec(kind="final.t07_three_public", name="一般公共预算财政拨款三公经费支出决算表", doc_kind=_F,
              aliases=("财政拨款三公经费支出决算表", "三公经费支出决算表", "一般公共预算财政拨款三公经费及会议费培训费支出决算表",
                       "三公经费行政参公单位机关运行经费情况表")),
    TableSpec(kind="final.t08_fund_expense", name="政府性基金预算财政拨款收入支出决算表", doc_kind=_F,
              aliases=("政府性基金预算财政拨款支出决算表", "政府性基金预算支出决算表")),
    TableSpec(kind="final.t09_capital_expense", name="国有资本经营预算财政拨款收入支出决算表", doc_kind=_F,
              aliases=("国有资本经营预算财政拨款支出决算表", "国有资本经营预算支出决算表")),
    TableSpec(kind="final.general_project", name="一般公共预算财政拨款项目支出决算表", doc_kind=_F,
              aliases=("一般公共预算项目支出决算表",)),
    TableSpec(kind="final.fiscal_detail", name="财政拨款支出决算明细表", doc_kind=_F),
    TableSpec(kind="final.assets", name="国有资产占用情况表", doc_kind=_F, aliases=("国有资产占用情况",)),
    TableSpec(kind="final.procurement", name="政府采购支出决算表", doc_kind=_F, aliases=("政府采购情况表",)),
    TableSpec(kind="final.perf_project_self", name="项目支出绩效自评表", doc_kind=_F,
              aliases=("项目绩效自评表", "项目支出绩效自评结果表")),
    TableSpec(kind="final.perf_overall_self", name="部门整体支出绩效自评表", doc_kind=_F,
              aliases=("整体支出绩效自评表", "部门整体绩效自评表", "单位整体支出绩效自评表")),
)

# 表1 / 表 1 / 附表1 / 附表1-2 / 公开01表 / 预算01表 / 预算01-1表 / 预算表12 (025) / 表一, with an optional
# trailing separator.
_NUMBER_RE = re.compile(
    r"^\s*((?:附表|表)\s*(?:\d+(?:\s*-\s*\d+)?|[一二三四五六七八九十]+)"
    r"|(?:公开|预算|决算|部门)\s*\d+(?:\s*-\s*\d+)?\s*表"
    r"|(?:公开|预算|决算)表\s*\d+(?:\s*-\s*\d+)?(?!\s*[-\d]))"
    r"\s*[:：.、．\-—]?\s*"
)
_QUOTES = "“”〝〞\"'‘’「」『』《》"
_YEAR_RE = re.compile(r"^\s*\d{4}\s*年(?:度)?")
_UNIT_SUFFIX = re.compile(r"(?:单位|金额单位)[:：]\s*(?:万元|元)\s*$")
# Titles print the department before the table name; anything ending in one of these is a unit name.
_UNIT_END = re.compile(r"^.{1,40}?(?:厅|局|委员会|委|办公室|办|院|会|中心|部|所|站|馆|队|校|社|团)"
                       r"(?=部门|一般公共|政府|国有|上年|财政|收入|支出|收支|项目|三公|整体)")


def split_number(title: str) -> tuple[str, str]:
    """Split a printed title into its number prefix and the rest.

    >>> split_number("表1 部门收支总体情况表")
    ('表1', '部门收支总体情况表')
    >>> split_number("预算01-1表 部门收支总表")
    ('预算01-1表', '部门收支总表')
    >>> split_number("部门收入总表")
    ('', '部门收入总表')
    """
    text = to_halfwidth(title).strip()
    match = _NUMBER_RE.match(text)
    if not match:
        return "", text
    return re.sub(r"\s+", "", match.group(1)), text[match.end():].strip()


def normalize_title(title: str) -> str:
    """A printed title as compared with aliases: no number, year, unit name, quotes, spaces or brackets."""
    _, rest = split_number(title)
    rest = _UNIT_SUFFIX.sub("", rest)
    rest = re.sub(r"\s+", "", rest)
    rest = rest.translate(str.maketrans("", "", _QUOTES))
    rest = _YEAR_RE.sub("", rest)
    rest = re.sub(r"[()（）]", "", rest)
    return rest.rstrip("。:：")


def identify_table(title: str, doc_kind: DocKind | str | None = None) -> TableSpec | None:
    """The catalogued table a printed title names, or None.

    An exact alias wins; otherwise a title that ends with an alias (a unit name printed before it, e.g.
    ``新疆维吾尔自治区财政厅部门收支总表``) matches the longest such alias. ``doc_kind`` restricts the search
    to tables of that document kind when given.
    """
    norm = normalize_title(title)
    if not norm:
        return None
    any_kind = doc_kind in (None, DocKind.UNKNOWN, "unknown", "")
    # a 绩效自评表 published on its own prints the 决算's self-evaluation tables
    wanted = DocKind.FINAL_ACCOUNTS if doc_kind in (DocKind.PERF_SELF, "perf_only") else doc_kind
    specs = [s for s in CATALOG if any_kind or s.doc_kind == wanted]
    for spec in specs:
        if norm in spec.names:
            return spec
    best: tuple[int, TableSpec] | None = None
    stripped = _YEAR_RE.sub("", _UNIT_END.sub("", norm))
    for spec in specs:
        for alias in spec.names:
            if stripped == alias or (norm.endswith(alias) and (best is None or len(alias) > best[0])):
                if stripped == alias:
                    return spec
                best = (len(alias), spec)
    return best[1] if best else None


# Untitled tables (a title lost with the page's text layer, a caption printed as an image) are known by
# their header rows: the words every template's version of the table prints in its headers, most specific
# first. Header words are compared without spaces, quotes, brackets or a leading year.
_HEADER_SIGNATURES: tuple[tuple[str, DocKind, frozenset[str]], ...] = (
    ("final.t04_fiscal_income_expense", _F, frozenset({"收入", "支出", "一般公共预算财政拨款", "政府性基金预算财政拨款"})),
    ("final.t07_three_public", _F, frozenset({"因公出国境费", "公务接待费", "预算数", "决算数"})),
    ("final.t02_income", _F, frozenset({"本年收入合计", "财政拨款收入", "上级补助收入", "事业收入"})),
    ("final.t03_expense", _F, frozenset({"本年支出合计", "基本支出", "项目支出", "上缴上级支出"})),
    ("final.t08_fund_expense", _F, frozenset({"年初结转和结余", "本年收入", "本年支出", "年末结转和结余"})),
    ("final.t06_general_basic", _F, frozenset({"人员经费", "公用经费"})),
    ("final.t01_income_expense", _F, frozenset({"收入", "支出", "决算数"})),
    ("budget.t08_three_public", _B, frozenset({"因公出国境费", "公务接待费", "公务用车购置费"})),
    ("budget.t06_general_basic", _B, frozenset({"人员经费", "公用经费"})),
    ("budget.t01_income_expense", _B, frozenset({"收入", "支出", "预算数"})),
)


def identify_by_header(columns: tuple[tuple[str, ...], ...], doc_kind: DocKind | str | None) -> TableSpec | None:
    """The catalogued table an untitled table is, from the words of its header rows, or None."""
    words = {normalize_title(word) for path in columns for word in path}
    for kind, of_kind, signature in _HEADER_SIGNATURES:
        if doc_kind in (of_kind, of_kind.value) and signature <= words:
            return spec_by_kind(kind)
    return None


def spec_by_kind(kind: str) -> TableSpec | None:
    """The catalogue entry with id ``kind``."""
    return next((s for s in CATALOG if s.kind == kind), None)
