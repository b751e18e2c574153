"""The 部门预算公开 text: sample 001's four parts, its eleven tables printed line by line as PDF-extracted text
shows them (编制部门 line, header, ``※ 1 2 …`` column numbers, one row per line), one paragraph per line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from budgetdoc.generate.budget import ASSET_COUNTS, CHINESE, THREE, items, projects
from budgetdoc.generate.inputs import FactSet
from budgetdoc.model import Value

_DEFAULT_REASON = "根据本年度工作任务和预算编制要求据实安排"
TERMS = (
    "财政拨款：指由一般公共预算、政府性基金预算、国有资本经营预算安排的财政拨款资金。",
    "一般公共预算：包括公共财政拨款（补助）资金、专项收入。",
    "基本支出：包括人员经费、公用经费（定额）。",
    "项目支出：部门（单位）为完成特定行政任务和事业发展目标，在基本支出之外发生的支出。",
    "“三公”经费：指部门（单位）因公出国（境）费、公务用车购置及运行费和公务接待费。",
    "机关运行经费：指行政单位（含参照公务员法管理事业单位）的公用经费。",
)


def amount(value: Value) -> str:
    """万元 with thousands separators, as the tables and sentences print it."""
    return f"{Decimal(str(value)):,.2f}"


def _change(f: Mapping[str, Value], key: str) -> str:
    change = Decimal(str(f[f"{key}.change"]))
    up = change >= 0
    text = f"比上年预算{'增加' if up else '减少'} {amount(abs(change))} 万元"
    if f"{key}.change_pct" not in f:  # last year was zero: no rate (checks.md #35)
        return text + "（上年预算为零）"
    rate = Decimal(str(f[f"{key}.change_pct"]))
    return text + f"，{'增长' if up else '下降'} {abs(rate):.2f}%"


def _reason(fs: FactSet, key: str) -> str:
    return f"主要原因是{fs.reasons.get(key, _DEFAULT_REASON).rstrip('。')}。"


@dataclass(frozen=True, slots=True)
class BudgetTable:
    """One of the eleven tables: printed header lines (text), column names (Word), rows of cells."""

    number: int
    title: str
    header: tuple[str, ...]
    columns: tuple[str, ...]
    width: int
    rows: tuple[tuple[str, ...], ...]
    empty: str = ""


class _Doc:
    """The document as blocks: (heading level or 0, paragraph text) and tables, rendered by txt/md/docx."""

    def __init__(self, markdown: bool = False) -> None:
        self.blocks: list[tuple[int, str] | BudgetTable] = []
        self.markdown = markdown

    def heading(self, level: int, text: str) -> None:
        self.blocks.append((level, text))

    def para(self, *texts: str) -> None:
        self.blocks.extend((0, t) for t in texts)

    def table(self, number: int, title: str, header: list[str], columns: list[str], width: int,
              rows: list[list[str]], empty: str = "") -> None:
        self.blocks.append(BudgetTable(number, title, tuple(header), tuple(columns), width,
                                       tuple(tuple(r) for r in rows), empty))

    def text(self, unit: str) -> str:
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, BudgetTable):
                lines += table_lines(block, unit, fenced=self.markdown)
            else:
                level, text = block
                lines.append(f"{'#' * (level + 1)} {text}" if self.markdown and level else text)
        return "\n".join(lines) + "\n"


def table_lines(t: BudgetTable, unit: str, *, fenced: bool = False) -> list[str]:
    """A table as PDF-extracted text prints it (001): number, title, 编制部门 line, header, ※ line, rows."""
    lines = [f"表 {t.number}", t.title, f"编制部门：{unit} 单位：万元", *t.header]
    if t.width:
        lines.append("※ " * len(t.header[-1].split()) + " ".join(str(i) for i in range(1, t.width + 1)))
    lines += [" ".join(c for c in row if c) for row in t.rows]
    if t.empty:
        lines.append(t.empty)
    return ["```text", *lines, "```"] if fenced else lines


def render_budget(f: Mapping[str, Value], fs: FactSet, *, markdown: bool = False) -> str:
    """The document for the derived facts ``f`` (``derive_budget``), txt or md."""
    d = compose_budget(f, fs)
    d.markdown = markdown
    return d.text(str(f["doc.unit"]))


def compose_budget(f: Mapping[str, Value], fs: FactSet) -> _Doc:
    """The document's blocks: four parts, the eleven tables in 第二部分."""
    d = _Doc()
    unit, year = str(f["doc.unit"]), int(f["doc.year"])  # type: ignore[arg-type]
    _part1(d, f, fs, unit, year)
    d.heading(1, f"第二部分 {year} 年部门预算公开表")
    _tables(d, f, fs, unit, year)
    d.heading(1, f"第三部分 {year} 年部门预算情况说明")
    _part3(d, f, fs, unit, year)
    d.heading(1, "第四部分 名词解释")
    d.para(*(f"{CHINESE[i]}、{t}" for i, t in enumerate(TERMS)))
    return d


def _part1(d: _Doc, f: Mapping[str, Value], fs: FactSet, unit: str, year: int) -> None:
    d.heading(1, f"第一部分 {year} 年{unit}部门概况")
    d.heading(2, "一、 主要职能")
    functions = fs.notes.get("functions") or [f"负责{unit}职责范围内的各项工作。"]
    d.para("".join(f"({CHINESE[i % 10]}){t}" for i, t in enumerate(functions)))
    d.heading(2, "二、 机构设置及人员情况")
    d.para(f"从预算单位构成看，{unit}的预算为{unit}本级预算。")
    divisions = list(fs.notes.get("divisions") or [])
    if divisions:
        d.para(f"{unit}本级下设 {len(divisions)}个处室，分别是：{'、'.join(divisions)}。")
    if "staff.total" in f:
        def person(label: str, key: str) -> str:
            n = int(f[f"staff.{key}.change"])  # type: ignore[arg-type]
            return f"{label} {f[f'staff.{key}']} 人，{'增加' if n >= 0 else '减少'} {abs(n)} 人"
        d.para(f"{unit}编制数 {f.get('staff.authorized', f['staff.total'])}，实有人数 {f['staff.total']} 人，其中："
               f"{person('在职', 'active')}；{person('退休', 'retired')}；{person('离休', 'lixiu')}。")


def _codes(f: Mapping[str, Value], prefix: str) -> list[str]:
    return sorted({k[len(prefix) + 1:k.index("]")] for k in f if k.startswith(f"{prefix}[")})


def _spaced(code: str) -> str:
    return " ".join((code[:3], code[3:5], code[5:])).strip()


def _names(f: Mapping[str, Value], fs: FactSet) -> dict[str, str]:
    """功能分类 code → the name its level prints."""
    names: dict[str, str] = {}
    for p in items(fs.facts):
        code = str(fs.facts[f"budget.item[{p}].code"]).replace(" ", "")
        for level, name in zip((code[:3], code[:5], code), p.split("/"), strict=True):
            names[level] = name
    return names


def _function_table(f: Mapping[str, Value], fs: FactSet, prefix: str, total_key: str) -> list[list[str]]:
    names = _names(f, fs)
    basic, project = ("budget.basic", "budget.project") if prefix == "budget.function" else (
        "budget.gpb_basic", "budget.gpb_project")
    rows = [["总计", amount(f[total_key]), amount(f[basic]), amount(f[project])]]
    for code in _codes(f, prefix):
        k = f"{prefix}[{code}]"
        rows.append([f"{_spaced(code)} {names[code]}", amount(f[k]), amount(f[k + ".basic"]),
                     amount(f[k + ".project"])])
    return rows


def _side_by_side(left: list[list[str]], right: list[list[str]], lw: int, rw: int) -> list[list[str]]:
    """收入 | 支出 tables (表1, 表4): the two sides' rows on the same printed lines."""
    height = max(len(left), len(right))
    pad = [[""] * lw] * (height - len(left)), [[""] * rw] * (height - len(right))
    return [a + b for a, b in zip(left + pad[0], right + pad[1], strict=True)]


def _tables(d: _Doc, f: Mapping[str, Value], fs: FactSet, unit: str, year: int) -> None:
    names = _names(f, fs)
    categories = [c for c in _codes(f, "budget.function") if len(c) == 3]
    total = amount(f["budget.income_total"])
    unit_funds = Decimal(str(f["budget.unit_funds"]))
    uf = amount(unit_funds) if unit_funds else ""
    gpb = amount(f["budget.gpb"])
    left = [["一、本年收入", total], ["1、一般公共预算拨款", gpb], ["2、基金预算拨款", ""],
            ["3、国有资本经营预算拨款", ""], ["4.财政专户核拨", ""], ["5.单位资金", uf], ["二、上年结转结余", ""]]
    right = [[f"{c} {names[c]}", amount(f[f"budget.function[{c}]"])] for c in categories]
    d.table(1, "部门收支总体情况表", ["收入 支出", "项目 预算数 支出功能分类 预算数"],
            ["收入项目", "收入预算数", "支出功能分类", "支出预算数"], 0,
            [*_side_by_side(left, right, 2, 2), ["收 入 总 计", total, "支 出 总 计", total]])
    t2 = [["总计", total, gpb, gpb, uf]]
    for code in _codes(f, "budget.function"):
        all_funds, fiscal = f[f"budget.function[{code}]"], f[f"budget.gpb_function[{code}]"]
        rest = Decimal(str(all_funds)) - Decimal(str(fiscal))
        t2.append([f"{_spaced(code)} {names[code]}", amount(all_funds), amount(fiscal), amount(fiscal),
                   amount(rest) if rest else ""])
    d.table(2, "部门收入总体情况表", ["功能分类科目编码 功能分类科目名称 总计 财政拨款（补助） 单位资金", "类 款 项"],
            ["功能分类科目", "总计", "财政拨款(补助)小计", "一般公共预算", "单位资金"], 12, t2)
    function_columns = ["功能分类科目", "合计", "基本支出", "项目支出"]
    d.table(3, "部门支出总体情况表", ["科目 支出预算", "功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出", "类 款 项"],
            function_columns, 3, _function_table(f, fs, "budget.function", "budget.expense_total"))
    left = [["一、财政拨款（补助）", gpb], ["一般公共预算", gpb], ["政府性基金预算", ""], ["国有资本经营预算", ""]]
    right = [[f"{c} {names[c]}", amount(f[f"budget.gpb_function[{c}]"]), amount(f[f"budget.gpb_function[{c}]"])]
             for c in categories]
    d.table(4, "财政拨款收支预算总体情况表", ["财政拨款收入 财政拨款支出", "项目 合计 支出功能分类 合计 一般公共预算"],
            ["收入项目", "收入合计", "支出功能分类", "支出合计", "一般公共预算"], 0,
            [*_side_by_side(left, right, 2, 3), ["收入总计", gpb, "支出总计", gpb, gpb]])
    d.table(5, "一般公共预算支出情况表", ["科目 一般公共预算支出", "功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出",
                                    "类 款 项"], function_columns, 3,
            _function_table(f, fs, "budget.gpb_function", "budget.gpb"))
    personnel, public = amount(f["budget.personnel"]), amount(f["budget.public"])
    d.table(6, "一般公共预算基本支出情况表", ["科目 一般公共预算基本支出",
                                      "经济分类科目编码 经济分类科目名称 合计 人员经费 公用经费", "类 款"],
            ["经济分类科目", "合计", "人员经费", "公用经费"], 3,
            [["总计", amount(f["budget.gpb_basic"]), personnel, public],
             ["301 工资福利支出", personnel, personnel, "0.00"], ["302 商品和服务支出", public, "0.00", public]])
    d.table(7, "一般公共预算项目支出情况表", ["科目编码 功能分类科目名称 项目名称 项目支出 合计 商品服务支出", "类 款 项"],
            ["功能分类科目", "项目名称", "合计", "工资福利支出", "商品服务支出", "其他支出"], 11,
            _project_rows(f, fs, unit))
    for number, title, what in ((8, "政府性基金预算支出情况表", "政府性基金预算拨款"),
                                (9, "国有资本经营预算支出情况表", "国有资本经营预算拨款")):
        d.table(number, title, ["科目 合计 基本支出 项目支出", "类 款 项 人员经费 公用经费"],
                ["功能分类科目", "合计", "人员经费", "公用经费", "项目支出"], 4, [],
                f"{unit} {year} 年没有使用{what}安排的支出，{title}为空表。")
    three = [("合计", "total"), ("因公出国（境）费", "overseas"), ("公务接待费", "reception"),
             ("公务用车购置及运行费（小计）", "vehicle"), ("其中：公务用车购置费", "vehicle_purchase"),
             ("公务用车运行费", "vehicle_operation")]
    d.table(10, "财政拨款“三公”经费支出情况表", ["“三公”经费支出内容 合计 资金来源", "一般公共预算 政府性基金 国有资本经营预算"],
            ["“三公”经费支出内容", "合计", "一般公共预算", "政府性基金", "国有资本经营预算"], 4,
            [[label, amount(f[f"budget.three.{key}"]), amount(f[f"budget.three.{key}"]), "", ""]
             for label, key in three])
    d.table(11, "上年结转结余情况明细表", ["项目名称 总计 财政拨款 非财政拨款"], ["项目名称", "总计", "财政拨款", "非财政拨款"],
            9, [], f"{unit} {year} 年没有上年结转结余预算安排的支出，上年结转结余情况明细表为空表。")


def _project_rows(f: Mapping[str, Value], fs: FactSet, unit: str) -> list[list[str]]:
    names = _names(f, fs)
    total = amount(f["budget.gpb_project"])
    rows = [["总计", "", total, "", total, ""], [f"{unit}本级", "", total, "", total, ""]]
    by_item: dict[str, list[str]] = {}
    for name in projects(fs.facts):
        by_item.setdefault(str(fs.facts[f"budget.project[{name}].item"]), []).append(name)
    done: set[str] = set()
    for p in items(fs.facts):
        code = str(fs.facts[f"budget.item[{p}].code"]).replace(" ", "")
        if p not in by_item:
            continue
        for level in (code[:3], code[:5]):
            if level not in done:
                done.add(level)
                sub = amount(f[f"budget.gpb_function[{level}].project"])
                rows.append([f"{_spaced(level)} {names[level]}", "", sub, "", sub, ""])
        for name in by_item[p]:
            value = amount(f[f"budget.project[{name}]"])
            rows.append([f"{_spaced(code)} {names[code]}", name, value, "", value, ""])
    return rows


def _part3(d: _Doc, f: Mapping[str, Value], fs: FactSet, unit: str, year: int) -> None:
    total = amount(f["budget.income_total"])
    paths = items(fs.facts)
    categories = list(dict.fromkeys(p.split("/")[0] for p in paths))
    unit_funds = Decimal(str(f["budget.unit_funds"]))
    d.heading(2, f"一、 关于{unit} {year} 年收支预算情况总体说明")
    d.para(f"按照全口径预算的原则，{unit} {year} 年所有收入和支出均纳入部门预算管理。收支总预算 {total} 万元。",
           f"收入预算包括：{'一般公共预算、单位资金' if unit_funds else '一般公共预算'}。",
           f"支出预算包括：{'、'.join(categories)}。")
    d.heading(2, f"二、 关于{unit} {year} 年收入预算情况说明")
    d.para(f"{unit}部门收入预算 {total} 万元，其中：")
    for key, label in (("gpb", "一般公共预算"), ("gov_fund", "政府性基金预算"), ("soe_capital", "国有资本经营预算"),
                       ("unit_funds", "单位资金")):
        k = f"budget.{key}"
        d.para(f"{label} {amount(f[k])} 万元，占 {f[k + '.pct']}%，{_change(f, k)}，{_reason(fs, k + '.change')}")
    d.heading(2, f"三、 关于{unit} {year} 年支出预算情况说明")
    d.para(f"{unit} {year} 年支出预算 {amount(f['budget.expense_total'])} 万元，其中：")
    for key, label in (("basic", "基本支出"), ("project", "项目支出")):
        k = f"budget.{key}"
        d.para(f"{label} {amount(f[k])} 万元，占 {f[k + '.pct']}%，{_change(f, k)}，{_reason(fs, k + '.change')}")
    gpb = amount(f["budget.gpb"])
    d.heading(2, f"四、 关于{unit} {year} 年财政拨款收支预算情况的总体说明")
    d.para(f"{unit} {year} 年财政拨款收支总预算 {gpb} 万元。",
           "收入全部为一般公共预算拨款，无政府性基金预算拨款和国有资本经营预算。",
           f"收入预算包括：一般公共预算拨款 {gpb} 万元。",
           "一般公共预算支出包括：" + "；".join(
               f"{c} {amount(f[f'budget.gpb_category[{c}]'])} 万元" for c in categories) + "。")
    d.heading(2, f"五、 关于{unit} {year} 年一般公共预算当年拨款情况说明")
    d.heading(3, "（一）一般公共预算当年拨款规模变化情况")
    d.para(f"{unit} {year} 年一般公共预算拨款合计 {gpb} 万元，其中：")
    for key, label in (("gpb_basic", "基本支出"), ("gpb_project", "项目支出")):
        k = f"budget.{key}"
        d.para(f"{label} {amount(f[k])} 万元，{_change(f, k)}。{_reason(fs, k + '.change')}")
    d.heading(3, "（二）一般公共预算当年拨款结构情况")
    d.para(*(f"{i}、{c}（类）{amount(f[f'budget.gpb_category[{c}]'])} 万元，占 {f[f'budget.gpb_category[{c}].pct']}%。"
             for i, c in enumerate(categories, 1)))
    d.heading(3, "（三）一般公共预算当年拨款具体使用情况")
    for i, p in enumerate(paths, 1):
        k = f"budget.gpb_item[{p}]"
        cat, sec, item = p.split("/")
        d.para(f"{i}、{cat}（类）{sec}（款）{item}（项）：{year} 年预算数为 {amount(f[k])} 万元，{_change(f, k)}。"
               f"{_reason(fs, k + '.change')}")
    d.heading(2, f"六、 关于{unit} {year} 年一般公共预算基本支出情况说明")
    d.para(f"{unit} {year} 年一般公共预算基本支出 {amount(f['budget.gpb_basic'])} 万元，其中：",
           f"人员经费 {amount(f['budget.personnel'])} 万元，主要包括：基本工资、津贴补贴、奖金、绩效工资、"
           "机关事业单位基本养老保险缴费、职工基本医疗保险缴费、住房公积金、退休费。",
           f"公用经费 {amount(f['budget.public'])} 万元，主要包括：办公费、印刷费、水电费、差旅费、培训费、"
           "公务接待费、工会经费、公务用车运行维护费、其他商品和服务支出。")
    d.heading(2, f"七、 关于{unit} {year} 年一般公共预算项目支出情况说明")
    for i, name in enumerate(projects(fs.facts)):
        k = f"budget.project_desc[{name}]"
        d.heading(3, f"（{CHINESE[i % 10] if i < 10 else str(i + 1)}）项目名称：{name}")
        basis = fs.facts.get(f"budget.project[{name}].basis") or fs.reasons.get(f"budget.project[{name}]")
        if basis:
            d.para(f"设立的政策依据：{basis}")
        d.para(f"预算安排规模：{amount(f[k + '.amount'])} 万元", f"项目承担单位：{f[k + '.unit']}",
               f"资金执行时间：{f[k + '.period']}")
    for number, what, table in ((8, "政府性基金预算拨款", "政府性基金预算支出情况表"),
                                (9, "国有资本经营预算拨款", "国有资本经营预算支出情况表")):
        d.heading(2, f"{CHINESE[number - 1]}、 关于{unit} {year} 年{what}情况说明")
        d.para(f"{unit} {year} 年没有使用{what}安排的支出，{table}为空表。")
    d.heading(2, f"十、 关于{unit} {year} 年财政拨款“三公”经费预算情况说明")
    d.para(f"{unit} {year} 年财政拨款“三公”经费预算数为 {amount(f['budget.three.total'])} 万元，其中："
           + "，".join(f"{label} {amount(f[f'budget.three.{key}'])} 万元" for key, label in THREE) + "。")
    t = "budget.three.total"
    d.para(f"{year} 年财政拨款“三公”经费预算{_change(f, t).replace(' 万元', ' 万元')}，其中："
           + "；".join(f"{label}{_change(f, f'budget.three.{key}').removeprefix('比上年预算')}，"
                      f"{_reason(fs, f'budget.three.{key}.change').rstrip('。')}" for key, label in THREE) + "。")
    d.heading(2, f"十一、 关于{unit} {year} 年上年结转结余预算情况说明")
    d.para(f"{unit} {year} 年没有上年结转结余预算安排的支出，上年结转结余情况明细表为空表。")
    d.heading(2, "十二、 其他重要事项的情况说明")
    d.heading(3, "(一) 单位运行经费情况")
    d.para(f"{unit} {year} 年的机关运行经费财政拨款预算 {amount(f['budget.ops'])} 万元，{_change(f, 'budget.ops')}。"
           f"{_reason(fs, 'budget.ops.change')}")
    d.heading(3, "(二) 政府采购情况")
    p = "budget.procurement"
    d.para(f"{year} 年，{unit}政府采购预算 {amount(f[p + '.total'])} 万元，其中：政府采购货物预算 "
           f"{amount(f[p + '.goods'])} 万元，政府采购工程预算 {amount(f[p + '.works'])} 万元，政府采购服务预算 "
           f"{amount(f[p + '.services'])} 万元。",
           f"{year} 年，{unit}面向中小企业预留政府采购项目预算金额 {amount(f[p + '.sme_reserved'])} 万元，"
           f"小微企业预留政府采购项目预算金额 {amount(f[p + '.small_micro_reserved'])} 万元。")
    d.heading(3, "(三) 国有资产占用使用情况")
    if "budget.assets.vehicles" in f:
        a = {k.removeprefix("budget.assets."): v for k, v in f.items() if k.startswith("budget.assets.")}
        a = {k: (v if k in ASSET_COUNTS or k == "vehicles" else amount(v)) for k, v in a.items()}
        d.para(f"截至 {year - 1} 年底，{unit}占用使用国有资产总体情况为",
               f"1.房屋 {a['house_area']} 平方米，价值 {a['house_value']} 万元。",
               f"2.车辆 {a['vehicles']} 辆，价值 {a['vehicles_value']} 万元；其中：一般公务用车 "
               f"{a['official_vehicles']}辆，价值 {a['official_vehicles_value']} 万元；执法执勤用车 "
               f"{a['enforcement_vehicles']}辆，价值 {a['enforcement_vehicles_value']} 万元；其他车辆 "
               f"{a['other_vehicles']}辆，价值 {a['other_vehicles_value']} 万元。",
               f"3.办公家具价值 {a['furniture_value']} 万元。", f"4.其他资产价值 {a['other_value']} 万元。",
               f"单位价值 50万元以上大型设备 {a['equipment_over_500k']}台，单位价值 100 万元以上大型设备 "
               f"{a['equipment_over_1m']}台。",
               f"{year} 年部门预算未安排购置车辆经费，安排购置 50 万元以上大型设备 {a['new_equipment_over_500k']}"
               f"台，单位价值 100 万元以上大型设备 {a['new_equipment_over_1m']} 台。")
    else:
        d.para(f"{unit}国有资产占用使用情况见部门决算。")
    d.heading(3, "(四) 预算绩效情况")
    q = "budget.perf"
    d.para(f"{year} 年，本部门预算绩效管理整体预算绩效目标 {f[q + '.overall_targets']}个，涉及金额 "
           f"{amount(f[q + '.overall_amount'])} 万元；当年财政拨款项目 {f[q + '.fiscal_projects']} 个，涉及预算金额 "
           f"{amount(f[q + '.fiscal_projects_amount'])} 万元；当年非财政拨款项目 {f[q + '.nonfiscal_projects']}个，"
           f"涉及预算金额 {amount(f[q + '.nonfiscal_projects_amount'])} 万元。")
