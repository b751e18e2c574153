"""The one orchestrator: read → normalize → extract, each stage timed."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from budgetdoc.budgets import Budget, Meter
from budgetdoc.errors import NotDisclosureError
from budgetdoc.extract import Context, extract, find_tables
from budgetdoc.extract.identify import identify, missing_sections
from budgetdoc.model import Document
from budgetdoc.normalize import NormalizedText, find_sections
from budgetdoc.read import RawDocument, read


@dataclass(slots=True)
class Timings:
    """Seconds spent in each stage of one document."""

    stages: dict[str, float] = field(default_factory=dict)

    def mark(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.stages[stage] = self.stages.get(stage, 0.0) + now - since
        return now


def parse_raw(raw: RawDocument, timings: Timings | None = None, meter: Meter | None = None) -> Document:
    """Normalize and extract an already-read document.

    Raises:
        NotDisclosureError: the text is readable but is not a 部门预算/部门决算 disclosure.
        OverBudgetError: the file ran past its budget (``meter``).
    """
    timings = timings or Timings()
    meter = meter or Budget.from_env().start(raw.path)
    try:
        return _parse(raw, timings, meter)
    except MemoryError:
        raise meter.out_of_memory("解析") from None


def _parse(raw: RawDocument, timings: Timings, meter: Meter) -> Document:
    started = time.perf_counter()
    norm = NormalizedText(raw)
    sections = find_sections(norm)
    started = timings.mark("normalize", started)
    meter.check("规范化之后")
    ident = identify(norm, sections)
    if not ident.is_disclosure:
        raise NotDisclosureError(raw.path, "不是部门预算或部门决算公开文档")
    ctx = Context(norm=norm, sections=sections, kind=ident.kind, unit=ident.unit, year=ident.year,
                  tables=raw.tables, warnings=list(raw.warnings))
    find_tables(ctx)
    meter.check("识别表格之后")
    facts = extract(ctx)
    timings.mark("extract", started)
    missing = missing_sections(ident.kind, sections)
    if missing:
        ctx.warnings.append("文档不完整，缺少章节：" + "、".join(missing))
    return Document(
        path=raw.path,
        kind=ident.kind,
        unit=ident.unit,
        year=ident.year,
        text=norm.text,
        source_text=raw.text,
        sections=sections,
        facts=facts,
        tables=ctx.tables,
        perf_tables=ctx.perf_tables,
        warnings=tuple(ctx.warnings),
        pages=raw.pages,
        meta={"format": raw.format, "encoding": raw.encoding, "sha256": raw.sha256},
    )


def load(path: str | Path, timings: Timings | None = None, budget: Budget | None = None,
         **read_options: object) -> Document:
    """Read and parse one file within ``budget`` (``Budget.from_env()`` when None).

    Raises:
        UnreadableError: the file cannot be read.
        NotDisclosureError: the file is not a disclosure.
        OverBudgetError: the file ran past its time or memory budget.
    """
    timings = timings or Timings()
    meter = (budget or Budget.from_env()).start(str(path))
    started = time.perf_counter()
    try:
        raw = read(path, meter=meter, **read_options)
    except MemoryError:
        raise meter.out_of_memory("读取") from None
    timings.mark("read", started)
    meter.check("读取之后")
    return parse_raw(raw, timings, meter)
