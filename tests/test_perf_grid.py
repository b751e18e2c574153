"""绩效 tables of ruled PDFs read from the page's grid: names as printed, merged 一级/二级 carried down."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetdoc.pipeline import load

PDF = Path(__file__).resolve().parents[2] / "shared" / "samples" / "pdf" / "023_nd-zhengfuban_2024_jixiao-ziping.pdf"


@pytest.mark.skipif(not PDF.exists(), reason="sample PDF not present")
def test_self_eval_table_from_ruling_lines():
    (table,) = load(PDF).perf_tables
    names = [i.name for i in table.indicators]
    assert len(names) == 17 and "市政府常务会议场次" in names and "基本经费投入成本" in names
    meeting = table.indicators[names.index("市政府常务会议场次")]
    assert (meeting.level1, meeting.level2, meeting.target_op, meeting.target_value) == ("产出指标", "数量指标", ">=",
                                                                                         Decimal(30))
    assert (meeting.actual, meeting.weight, meeting.score, meeting.deviation_reason) == ("20", 2, Decimal("1.33"), "")
    cost = table.indicators[names.index("基本经费投入成本")]
    assert cost.deviation_reason.startswith("年中追加预算经费")
    assert table.total_score == Decimal("92.33")
    assert sum(i.weight for i in table.indicators) == 90
    rows = {r.label: r for r in table.funding}
    assert list(rows) == ["合计", "财政资金小计", "①中央财政资金", "②省级财政资金", "③地方财政资金", "其他资金小计"]
    total = rows["合计"]
    assert (total.budget_initial, total.budget_full, total.executed, total.execution_rate, total.weight,
            total.score) == (Decimal("9209.55"), Decimal("9999.77"), Decimal("8874.74"), Decimal("88.75"), 10, 7)
    assert rows["财政资金小计"].budget_full == 0 and rows["③地方财政资金"].budget_full == Decimal("9999.77")
