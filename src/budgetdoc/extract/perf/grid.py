"""绩效 tables rebuilt from the page's ruling lines: the reader's ruled grid (``read.pdf_tables``) as indicators,
资金 rows and 总分, when the text lines of a PDF merge cells (name, target, actual and reason on one line).

A ruled grid gives each cell its own box, so merged 一级/二级 cells, wrapped names and an empty 偏差原因 cell are
told apart by position, not guessed from the flattened line.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from budgetdoc.amounts import AmountError, parse_amount, to_halfwidth
from budgetdoc.extract.perf.indicators import build_indicator
from budgetdoc.extract.perf.labels import FUNDING_LABELS, header_columns, labels_regex, which
from budgetdoc.extract.perf.layout import compact
from budgetdoc.model import FundingRow, Indicator, Source, Table

_FUNDING_HEADS = {
    # 资金 columns by the words of their header cell, most specific first.
    "budget_full": ("小计", "全年预算数", "调整后预算"),
    "budget_initial": ("年初", "预算安排金额"),
    "executed": ("全年执行数", "拨付金额", "执行数", "实际支出"),
    "execution_rate": ("执行率", "实现率"),
    "weight": ("分值",),
    "score": ("得分",),
}


def _cells(row: object) -> list[str]:
    return [compact(c.text) for c in row.cells]  # type: ignore[attr-defined]


def indicator_grid(tables: Sequence[Table], page: int | None, lines: tuple[int, int]) -> Table | None:
    """The ruled table printed on ``page`` within ``lines`` whose header row names 三级指标 and a score column.

    A page may hold several short 自评表 one under another: each takes the grid that starts inside its own lines.
    """
    first, last = lines
    for table in tables:
        if table.source is None or table.source.page != page or not first <= table.source.line <= last:
            continue
        if any("三级指标" in "".join(_cells(r)) and "得分" in "".join(_cells(r)) for r in table.rows):
            return table
    return None


def grid_indicators(table: Table) -> list[Indicator]:
    """Indicator rows below the 三级指标 header; merged 一级/二级 cells carried down to the rows they cover."""
    rows = list(table.rows)
    head = next(i for i, r in enumerate(rows) if "三级指标" in "".join(_cells(r)))
    columns = [(header_columns(text)[:1] or [""])[0] for text in _cells(rows[head])]
    out: list[Indicator] = []
    level1 = level2 = ""
    for row in rows[head + 1 :]:
        texts = _cells(row)
        joined = "".join(texts)
        if joined.startswith("总分") or "评价等级" in joined:
            break
        cells: dict[str, tuple[str, Source | None]] = {}
        for column, cell, text in zip(columns, row.cells, texts, strict=False):
            if column and text:
                cells[column] = (text, cell.source)
        if "name" not in cells:
            continue
        new1 = cells.pop("level1", None)
        new2 = cells.pop("level2", None)
        if new1:
            level1, level2 = new1[0], ""
        if new2:
            level2 = new2[0]
        out.append(build_indicator(level1, level2, cells, row.source))
    return out


def grid_total(table: Table) -> Decimal | None:
    """The 总分 row's last number."""
    for row in table.rows:
        texts = _cells(row)
        if texts and texts[0].startswith("总分"):
            numbers = [v for v in (_amount(t) for t in texts[1:]) if v is not None]
            return numbers[-1] if numbers else None
    return None


def grid_funding(table: Table, lines: tuple[int, int]) -> tuple[FundingRow, ...]:
    """The 资金 rows whose label the templates print (合计, 财政资金小计 …), columns named by the header row
    above them (年初…① / 小计③ / 拨付金额④ / 支出实现率⑤ / 分值 / 得分).

    A header cell drawn over several ruled columns names them all: the figure sits in whichever of them the
    row fills. A grid that runs on past its own 自评表 (the next one printed on the same ruling) gives only the
    rows within ``lines``.
    """
    labels = labels_regex(FUNDING_LABELS)
    header = [compact("/".join(path)) for path in table.columns]
    spans: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        field = next((f for f, words in _FUNDING_HEADS.items() if any(w in name for w in words)), None)
        if field is None:
            continue
        span = spans.setdefault(field, [])
        if not span or span[-1] == index - 1:
            span.append(index)
    out: list[FundingRow] = []
    for row in table.rows:
        if row.source is not None and not lines[0] <= row.source.line <= lines[1]:
            continue
        texts = _cells(row)
        label_at = next((i for i, t in enumerate(texts) if t and labels.fullmatch(t)), None)
        if label_at is None:
            continue
        match = labels.fullmatch(texts[label_at])
        assert match is not None
        values: dict[str, Decimal | None] = {}
        sources: list[tuple[str, Source]] = []
        for field, span in spans.items():
            for index in (i for i in span if label_at < i < len(texts)):
                values[field] = _amount(texts[index])
                src = row.cells[index].source
                if values[field] is not None:
                    if src is not None:
                        sources.append((field, src))
                    break
        if any(v is not None for v in values.values()):
            out.append(FundingRow(label=FUNDING_LABELS[which(match)], **values, source=row.source,
                                  sources=tuple(sources)))
    return tuple(out)


def _amount(text: str) -> Decimal | None:
    text = to_halfwidth(text).replace("%", "").strip().removesuffix("分")  # 总分 99.94分
    if not text:
        return None
    try:
        return parse_amount(text)
    except AmountError:
        return None


__all__ = ["grid_funding", "grid_indicators", "grid_total", "indicator_grid"]
