"""Derived facts → the 公开说明 text (Jinja2 template), as plain text or Markdown."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from functools import cache

import jinja2

from budgetdoc.generate.derive import VEHICLE_CATEGORIES
from budgetdoc.generate.inputs import FactSet
from budgetdoc.generate.perf_tables import perf_projects, table_lines
from budgetdoc.generate.tables import TableSpec, nine_tables
from budgetdoc.model import Value

INCOME_LABELS = (("fiscal", "财政拨款收入"), ("superior_subsidy", "上级补助收入"), ("business", "事业收入"),
                 ("operating", "经营收入"), ("affiliated_remit", "附属单位上缴收入"), ("other", "其他收入"))
EXPENSE_LABELS = (("basic", "基本支出"), ("project", "项目支出"), ("remit_superior", "上缴上级支出"),
                  ("operating", "经营支出"), ("affiliated_subsidy", "对附属单位补助支出"))
THREE_BUDGET_LABELS = (("overseas", "因公出国（境）费"), ("vehicle_purchase", "公务用车购置费"),
                       ("vehicle_operation", "公务用车运行维护费"), ("reception", "公务接待费"))
GLOSSARY = (
    "财政拨款收入：指同级财政当年拨付的资金。",
    "上级补助收入：指事业单位从主管部门和上级单位取得的非财政补助收入。",
    "事业收入：指事业单位开展专业业务活动及其辅助活动所取得的收入。",
    "经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
    "附属单位上缴收入：指事业单位附属的独立核算单位按有关规定上缴的收入。",
    "其他收入：指除上述“财政拨款收入”、“事业收入”、“经营收入”、“附属单位上缴收入”等之外取得的收入。",
    "年初结转和结余：指以前年度支出预算因客观条件变化未执行完毕、结转到本年度按有关规定继续使用的资金。",
    "年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需要延迟到以后年度按有关规定继续使用的资金。",
    "基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "经营支出：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。",
    "对附属单位补助支出：指事业单位发生的用非财政预算资金对附属单位的补助支出。",
    "“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
    "机关运行经费：行政单位和参照公务员法管理的事业单位财政拨款基本支出中的公用经费支出。",
)
_DIGITS = "零一二三四五六七八九"


def cn(n: int) -> str:
    """A heading number in Chinese (1 → 一, 12 → 十二, 23 → 二十三), for n < 100."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones or not head else "")


def amount(value: Value) -> str:
    """An amount as the samples print it: thousands separators, two decimals (``1,787.23``)."""
    return f"{Decimal(value):,.2f}"


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.PackageLoader("budgetdoc.generate", "templates"),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    return env.get_template("final_accounts.txt.j2")


def compose(facts: Mapping[str, Value], fs: FactSet) -> str:
    """The 公开说明 text of a 部门决算, one paragraph per line, every figure taken from ``facts``.

    Args:
        facts: the derived facts (``derive(fs.facts)``).
        fs: the input, for its reasons and prose notes.
    """
    def a(key: str) -> str:
        return amount(facts[key])

    def p(key: str) -> str:
        return f"{Decimal(facts[key]):.2f}%"

    def chg(base: str) -> str:
        # The rate was derived against the figure this sentence compares (derive.py), so only its sign is needed.
        change = Decimal(facts[f"{base}.change"])
        word, rate_word = ("增加", "增长") if change >= 0 else ("减少", "下降")
        rate = facts.get(f"{base}.change_pct")
        tail = f"，{rate_word}{abs(Decimal(rate)):.2f}%" if rate is not None else "，上年无此项支出"
        return f"{word}{amount(abs(change))}万元{tail}"

    def why(key: str) -> str:
        text = fs.reasons.get(key) or _default_reason(key)
        return text if text.endswith(("。", "；")) else text + "。"

    def staff_chg(key: str) -> str:
        change = facts.get(f"{key}.change")
        if change is None:
            return ""
        return f"，{'增加' if int(change) >= 0 else '减少'}{abs(int(change))}人"

    def note(name: str, default: str) -> str:
        return str(fs.notes.get(name) or default)

    items = [{"key": k, "label": _item_label(k)} for k in facts if re.fullmatch(r"gpb\.item\[[^\]]+\]", k)]
    categories = [k[len("gpb.category["):-1] for k in facts if re.fullmatch(r"gpb\.category\[[^\]]+\]", k)]
    divisions = list(fs.notes.get("divisions") or [])
    return _template().render(
        f=facts, year=facts["doc.year"], a=a, p=p, chg=chg, why=why, staff_chg=staff_chg, note=note, cn=cn,
        functions=list(fs.notes.get("functions") or ["负责本单位职责范围内的各项工作。"]),
        divisions=divisions, unit_type=fs.notes.get("unit_type", "行政单位和参照公务员法管理事业单位"),
        income_parts=INCOME_LABELS, expense_parts=EXPENSE_LABELS, three_budget_items=THREE_BUDGET_LABELS,
        categories=categories, items=items, vehicle_categories=VEHICLE_CATEGORIES, perf_lines=_perf_lines(facts, fs), glossary=GLOSSARY, table_names=[t.name for t in nine_tables(facts)],
    )


def _perf_lines(facts: Mapping[str, Value], fs: FactSet) -> list[str]:
    """The attached 自评表 of section 十一 (整体 first), each preceded by blank lines as a Word export prints it."""
    lines: list[str] = []
    goals = fs.notes.get("perf_goals") or {}
    for project in perf_projects(facts):
        lines += ["", "", *table_lines(facts, project, str(facts["doc.unit"]), int(facts["doc.year"]),
                                       fs.notes.get("perf_levels") or {}, tuple(goals.get(project) or ("", "")))]
    return lines


def _item_label(key: str) -> str:
    category, section, item = key[len("gpb.item["):-1].split("/")
    return f"{category}(类){section}(款){item}(项)"


def _default_reason(key: str) -> str:
    # A reason the unit did not give is said plainly, so the checker's 原因 rules (checks.md #38/#39) still see
    # a clause and a reader sees it was not supplied.
    if key.endswith("deviation_pct"):
        return "严格按照预算执行，预决算差异为年中预算调整所致"
    return "本年业务工作量变化，相关支出据实调整"


def render_txt(facts: Mapping[str, Value], fs: FactSet) -> str:
    """The plain-text 公开说明 (UTF-8, one paragraph per line, like a Word export)."""
    return compose(facts, fs)


_HEADINGS = ((re.compile(r"^第[一二三四]部分"), "## "), (re.compile(r"^[一二三四五六七八九十]+、"), "### "),
             (re.compile(r"^（[一二三四五六七八九十]+）"), "#### "))


def markdown_table(spec: TableSpec) -> list[str]:
    """A table as GitHub-flavoured Markdown lines."""
    lines = [f"**{spec.number} {spec.name}**", "", "单位：万元", "",
             "| " + " | ".join(spec.header) + " |", "|" + "---|" * len(spec.header)]
    lines += ["| " + " | ".join(row) + " |" for row in spec.rows]
    if spec.empty_statement:
        lines += ["", spec.empty_statement]
    return [*lines, ""]


def render_md(facts: Mapping[str, Value], fs: FactSet) -> str:
    """The 公开说明 as Markdown: headings marked, the nine tables as Markdown tables after 第四部分."""
    parts = blocks(compose(facts, fs))
    out = [f"# {parts[0]}{parts[1]}", ""]
    for part in parts[2:]:
        if isinstance(part, list):
            out += _markdown_grid(f"{part[0][0]}{part[1][0]}", part[2:])
            continue
        marker = next((m for pattern, m in _HEADINGS if pattern.match(part)), "")
        out += [marker + part, ""]
    for spec in nine_tables(facts):
        out += markdown_table(spec)
    return "\n".join(out).rstrip() + "\n"


def _markdown_grid(title: str, rows: list[list[str]]) -> list[str]:
    """A 自评表 as a Markdown table: its rows have different lengths, so all are padded to the widest."""
    width = max(len(r) for r in rows)
    padded = [[c.replace("|", "\\|") for c in r] + [""] * (width - len(r)) for r in rows]
    lines = [f"**{title}**", "", "| " + " | ".join(padded[0]) + " |", "|" + "---|" * width]
    return [*lines, *("| " + " | ".join(r) + " |" for r in padded[1:]), ""]


def blocks(text: str) -> list[str | list[list[str]]]:
    """The composed text as paragraphs (str) and cell grids (rows of cells) for the docx/pdf renderers.

    The attached 自评表 are printed cell per tab-indented line with a blank line between rows; a run of such
    lines becomes one grid, each 自评表 title starting a new one. Blank lines elsewhere are dropped.
    """
    out: list[str | list[list[str]]] = []
    grid: list[list[str]] | None = None
    row: list[str] = []
    for line in text.splitlines():
        if line.startswith("\t"):
            cell = line[1:]
            if cell.endswith("自评表") and not row:
                grid = None
            if grid is None:
                grid = []
                out.append(grid)
            row.append(cell)
        elif not line.strip():
            if grid is not None and row:
                grid.append(row)
            row = []
        else:
            if grid is not None and row:
                grid.append(row)
            grid, row = None, []
            out.append(line)
    return out
