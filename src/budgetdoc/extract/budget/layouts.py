"""Column layouts of the Xinjiang 部门预算 tables (表1–表11 of the 2024 template).

PDF-extracted text keeps a row's printed values in order but drops empty cells, so which column a value
belongs to is inferred: the layout names every column, the sums the table must satisfy (合计 = 基本 + 项目)
and which columns are usually filled, and the solver (solve.py) picks the assignment that satisfies the sums
within each row and between parent and child rows.
"""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    """How one kind of table is printed."""

    lead: tuple[Path, ...]
    """Text columns before the amounts (编码, 名称, 项目名称)."""
    amounts: tuple[Path, ...]
    """Amount columns, in printed order."""
    sums: tuple[tuple[int, tuple[int, ...]], ...] = ()
    """(total, parts) over amount indexes: a row's total column equals the sum of its parts."""
    priority: tuple[int, ...] = ()
    """Amount indexes from the most to the least often filled, to break ties between valid assignments."""
    scheme: str = ""
    """``function``/``economic`` for tables whose rows carry classification codes, else ``""``."""
    two_sided: bool = False
    """收入 on the left and 支出 (by function) on the right of the same printed line (表1, 表4)."""
    right_amounts: int = 0
    """For two-sided tables: how many of ``amounts`` belong to the right side (the first ones: the left)."""

    @property
    def columns(self) -> tuple[Path, ...]:
        if self.two_sided:
            left = len(self.amounts) - self.right_amounts
            return (self.lead[0], *self.amounts[:left], self.lead[1], *self.amounts[left:])
        return (*self.lead, *self.amounts)

    def rank(self, index: int) -> int:
        return self.priority.index(index) if index in self.priority else len(self.priority) + index


_CODE = ("功能分类科目编码",)
_NAME = ("功能分类科目名称",)
_FISCAL = "财政拨款(补助)"

LAYOUTS: dict[str, Layout] = {
    "budget.t01_income_expense": Layout(
        lead=(("收入", "项目"), ("支出", "支出功能分类")),
        amounts=(("收入", "预算数"), ("支出", "预算数")),
        two_sided=True, right_amounts=1, scheme="function"),
    "budget.t02_income": Layout(
        lead=(_CODE, _NAME),
        amounts=(("总计",), (_FISCAL, "财政拨款(补助)小计"), (_FISCAL, "一般公共预算"),
                 (_FISCAL, "上级一般公共预算安排的转移支付"), (_FISCAL, "政府性基金预算"),
                 (_FISCAL, "上级政府性基金安排的转移支付"), (_FISCAL, "国有资本经营预算"),
                 (_FISCAL, "上级国有资本经营预算安排的转移支付"), ("财政专户(教育收费)",), ("单位资金",),
                 ("财政拨款结转",), ("非财政拨款结转结余",)),
        sums=((0, (1, 8, 9, 10, 11)), (1, (2, 3, 4, 5, 6, 7))),
        priority=(0, 1, 2, 9, 4, 6, 10, 11, 8, 3, 5, 7), scheme="function"),
    "budget.t03_expense": Layout(
        lead=(_CODE, _NAME),
        amounts=(("支出预算", "合计"), ("支出预算", "基本支出"), ("支出预算", "项目支出")),
        sums=((0, (1, 2)),), priority=(0, 1, 2), scheme="function"),
    "budget.t04_fiscal_income_expense": Layout(
        lead=(("财政拨款收入", "项目"), ("财政拨款支出", "支出功能分类")),
        amounts=(("财政拨款收入", "合计"), ("财政拨款支出", "合计"), ("财政拨款支出", "一般公共预算"),
                 ("财政拨款支出", "政府性基金预算"), ("财政拨款支出", "国有资本经营预算")),
        sums=((1, (2, 3, 4)),), priority=(0, 1, 2, 3, 4), two_sided=True, right_amounts=4, scheme="function"),
    "budget.t05_general_expense": Layout(
        lead=(_CODE, _NAME),
        amounts=(("一般公共预算支出", "合计"), ("一般公共预算支出", "基本支出"), ("一般公共预算支出", "项目支出")),
        sums=((0, (1, 2)),), priority=(0, 1, 2), scheme="function"),
    "budget.t06_general_basic": Layout(
        lead=(("经济分类科目编码",), ("经济分类科目名称",)),
        amounts=(("一般公共预算基本支出", "合计"), ("一般公共预算基本支出", "人员经费"),
                 ("一般公共预算基本支出", "公用经费")),
        sums=((0, (1, 2)),), priority=(0, 1, 2), scheme="economic"),
    "budget.t07_general_project": Layout(
        lead=(("科目编码",), _NAME, ("项目名称",)),
        amounts=(("项目支出", "合计"), ("项目支出", "工资福利支出"), ("项目支出", "商品服务支出"),
                 ("项目支出", "对个人和家庭的补助"), ("项目支出", "债务利息及费用支出"),
                 ("项目支出", "资本性支出(基本建设)"), ("项目支出", "资本性支出"),
                 ("项目支出", "对企业补助(基本建设)"), ("项目支出", "对企业补助"),
                 ("项目支出", "对社会保障基金补助"), ("项目支出", "其他支出")),
        sums=((0, tuple(range(1, 11))),), priority=(0, 2, 1, 3, 6, 10, 5, 8, 7, 9, 4), scheme="function"),
    "budget.t09_fund_expense": Layout(
        lead=(_CODE, _NAME),
        amounts=(("政府性基金预算支出", "合计"), ("政府性基金预算支出", "基本支出", "人员经费"),
                 ("政府性基金预算支出", "基本支出", "公用经费"), ("政府性基金预算支出", "项目支出")),
        sums=((0, (1, 2, 3)),), priority=(0, 3, 1, 2), scheme="function"),
    "budget.t10_capital_expense": Layout(
        lead=(_CODE, _NAME),
        amounts=(("国有资本经营预算支出", "合计"), ("国有资本经营预算支出", "基本支出", "人员经费"),
                 ("国有资本经营预算支出", "基本支出", "公用经费"), ("国有资本经营预算支出", "项目支出")),
        sums=((0, (1, 2, 3)),), priority=(0, 3, 1, 2), scheme="function"),
    "budget.t08_three_public": Layout(
        lead=(("“三公”经费支出内容",),),
        amounts=(("合计",), ("资金来源", "一般公共预算"), ("资金来源", "政府性基金"), ("资金来源", "国有资本经营预算")),
        sums=((0, (1, 2, 3)),), priority=(0, 1, 2, 3)),
    "budget.t11_carryover": Layout(
        lead=(("项目名称",),),
        amounts=(("总计",), ("财政拨款", "合计"), ("财政拨款", "基本支出", "人员经费"),
                 ("财政拨款", "基本支出", "公用经费"), ("财政拨款", "项目支出"), ("非财政拨款", "合计"),
                 ("非财政拨款", "基本支出", "人员经费"), ("非财政拨款", "基本支出", "公用经费"),
                 ("非财政拨款", "项目支出")),
        sums=((0, (1, 5)), (1, (2, 3, 4)), (5, (6, 7, 8))), priority=(0, 1, 4, 2, 3, 5, 8, 6, 7)),
}


def generic_layout(amount_count: int) -> Layout:
    """Columns named by position, for a table whose printed layout is not known."""
    return Layout(lead=(("项目",),), amounts=tuple((f"列{i}",) for i in range(1, amount_count + 1)))
