"""Printed labels of 绩效 tables as patterns that tolerate line breaks and spaces between their characters."""

from __future__ import annotations

import re
from functools import cache

_PAREN = {"（": "[（(]", "(": "[（(]", "）": "[）)]", ")": "[）)]", "：": "[：:]", ":": "[：:]", "、": "[、,，]"}


@cache
def label_pattern(label: str) -> str:
    """A regex source matching ``label`` with any whitespace (line breaks included) between its characters."""
    return r"\s*".join(_PAREN.get(c, re.escape(c)) for c in label)


@cache
def label_regex(label: str) -> re.Pattern[str]:
    """``label_pattern`` compiled."""
    return re.compile(label_pattern(label))


@cache
def labels_regex(labels: tuple[str, ...]) -> re.Pattern[str]:
    """One regex matching any of ``labels`` (longest first); ``which`` recovers the matched label."""
    ordered = sorted(range(len(labels)), key=lambda i: -len(labels[i]))
    return re.compile("|".join(f"(?P<l{i}>{label_pattern(labels[i])})" for i in ordered))


def which(match: re.Match[str]) -> int:
    """Index of the label a ``labels_regex`` match found."""
    assert match.lastgroup is not None
    return int(match.lastgroup[1:])


HEADER_FIELDS = (
    "项目名称", "主管部门", "实施单位", "预算单位", "项目负责人", "部门（单位）名称", "单位名称", "部门名称（盖章）",
    "部门名称", "部门联系人", "联系电话",
)
"""Header labels whose value follows them; the first three/four are mapped to record fields."""

FUNDING_START = ("项目资金", "部门资金", "部门资金（万元）", "年度预算（万元）", "资金来源", "年初预算数", "年度预算总额",
                 "财政资金安排和使用情况")
GOAL_LABELS = ("预期目标", "项目总体目标", "年度绩效目标", "年度总体目标")

FUNDING_LABELS = (
    "年度资金总额", "其中：当年财政拨款", "其中：财政拨款", "其他资金", "中央安排", "自治区安排", "地（州、市）安排",
    "县（市、区）安排", "合计", "上级资金", "本级资金", "年度预算总额", "上级安排", "本级安排", "其他",
    "财政资金小计", "①中央财政资金", "②省级财政资金", "③地方财政资金", "③市级财政资金", "④县级财政资金",
    "其他资金小计",
)
"""Row labels of the 资金 block as the templates print them."""

LEVEL1 = frozenset(
    "产出指标 效益指标 满意度指标 成本指标 履职效能 管理效率 运行成本 社会效应 社会效益 经济效益 生态效益 "
    "可持续影响 服务对象满意度 能力建设".split()
)
LEVEL2 = frozenset(
    "数量指标 质量指标 时效指标 成本指标 经济成本指标 社会成本指标 生态环境成本指标 经济效益指标 社会效益指标 "
    "生态效益指标 可持续影响指标 服务对象满意度指标 满意度指标 预算执行 预算管理 资产管理 人员管理 制度管理 "
    "运行成本指标 效益指标".split()
)
"""一级/二级 indicator names the national templates use; a merged cell is recognised by its whole text."""

COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("deviation_reason", ("偏差原因分析及改进措施",)),
    ("basis", ("指标值设定依据", "指标值设置依据", "指标设定依据")),
    ("actual", ("实际完成指标值", "实际完成值", "业绩值")),
    ("last_year", ("上年完成情况", "上年完成值")),
    ("scoring_rule", ("指标赋分规则", "赋分规则")),
    ("evidence", ("佐证资料",)),
    ("weight", ("指标分值权重", "分值权重", "分值", "权重")),
    ("score", ("指标得分", "得分")),
    ("completion_rate", ("完成率",)),
    ("level1", ("一级指标",)),
    ("level2", ("二级指标",)),
    ("name", ("三级指标",)),
    ("target", ("年度指标值", "预期指标值", "目标值", "指标值")),
)
"""Indicator header cells → Indicator field, most specific first (指标值设定依据 before 指标值)."""


def header_columns(text: str) -> list[str]:
    """The Indicator fields of an indicator header, in printed order (whitespace removed from ``text``)."""
    masked = re.sub(r"\s+", "", text).replace("(", "（")
    found: list[tuple[int, str]] = []
    for field, names in COLUMNS:
        for name in names:
            pos = masked.find(name)
            if pos >= 0:
                found.append((pos, field))
                masked = masked[:pos] + "#" * len(name) + masked[pos + len(name):]
                break
    return [field for _, field in sorted(found)]
