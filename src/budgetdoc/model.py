"""The shared vocabulary: frozen records that every stage reads and writes.

This module imports nothing else from budgetdoc, so every stage can depend on it.
Records are changed with ``dataclasses.replace``, never mutated.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal

FROZEN = {"frozen": True, "slots": True, "kw_only": True}

Value = Decimal | int | bool | str
"""A fact's value: ``Decimal`` for amounts and percentages as printed, ``int`` for counts."""


class DocKind(enum.StrEnum):
    """What kind of disclosure a document is."""

    FINAL_ACCOUNTS = "final_accounts"  # 部门决算
    BUDGET = "budget"  # 部门预算
    PERF_SELF = "perf_only"  # a 绩效自评表 published on its own (部门整体/项目支出绩效自评表)
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        """The Chinese name shown to users: 部门决算, 部门预算, 绩效自评表 or 未识别."""
        return {"final_accounts": "部门决算", "budget": "部门预算", "perf_only": "绩效自评表"}.get(self.value, "未识别")


class Severity(enum.StrEnum):
    """How serious a finding is; ordered by ``rank``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(**FROZEN)
class Source:
    """Where something was printed.

    ``line``/``column``/``end_line``/``end_column`` are 1-based positions in the text the reader produced
    (the file itself for ``.txt``; the extracted text for PDF/DOCX/XLSX/HTML, where ``page``/``bbox`` or
    ``table``/``row``/``col`` locate it in the original). ``end_column`` is inclusive: the last character.
    ``offset``/``end_offset`` are 0-based character offsets into that same text, end exclusive.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    """The exact snippet as printed, including any line breaks inside it."""
    offset: int = 0
    end_offset: int = 0
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    """(x0, top, x1, bottom) in PDF points on ``page``."""
    table: int | None = None
    """Index of the table in the original file (DOCX/XLSX/HTML), 0-based."""
    row: int | None = None
    col: int | None = None
    """Column index of the cell; named ``col`` because ``column`` is the character column."""
    origin: str = "text"
    """Where a fact was read: ``text`` (a sentence) or ``table`` (a cell of a rebuilt table)."""


@dataclass(**FROZEN)
class Section:
    """One heading of the outline (第一部分 / 一、 / （一） / 1.) and the text it spans."""

    title: str
    """The heading as normalized (``五、一般公共预算财政拨款支出决算情况说明``)."""
    level: int
    """1 = 第X部分, 2 = 一、, 3 = （一）, 4 = 1."""
    kind: str
    """Canonical id identified from the title, not the number (``three_public``); ``""`` if unknown."""
    path: tuple[str, ...]
    """Titles from the top of the outline down to this section."""
    start: int
    end: int
    """Span in the normalized text: the heading through the last character before the next heading
    of the same or a higher level."""
    source: Source


@dataclass(**FROZEN)
class Fact:
    """One figure or statement of the document under a canonical key (see docs/facts.md)."""

    key: str
    value: Value
    source: Source
    section: str = ""
    """The section path, titles joined with `` > ``."""


@dataclass(**FROZEN)
class Cell:
    """One table cell as printed."""

    text: str
    source: Source | None = None


@dataclass(**FROZEN)
class Row:
    """One table row: cells in header order, with classification codes where the table has them."""

    cells: tuple[Cell, ...]
    code: str = ""
    """功能分类/经济分类 code without spaces (``2010601``), or ``""``."""
    level: str = ""
    """类 / 款 / 项 (or 类/款 for 经济分类), derived from the code."""
    parent: str = ""
    label: str = ""
    source: Source | None = None


@dataclass(**FROZEN)
class Table:
    """A table of the document, rebuilt from its printed cells."""

    name: str
    """The title as printed, normalized (``部门收支总体情况表``)."""
    number: str = ""
    """The number as printed (``表1``, ``公开01表``, ``预算01表``), or ``""``."""
    kind: str = ""
    """Canonical id (``t1_income_expense``, ``perf_project_self``), or ``""``."""
    columns: tuple[tuple[str, ...], ...] = ()
    """Column paths from merged headers, e.g. (``财政拨款（补助）``, ``一般公共预算``)."""
    rows: tuple[Row, ...] = ()
    unit: str = "万元"
    """The money unit the table prints (万元 or 元)."""
    empty_statement: str = ""
    """The 为空表 statement, where the document prints one for this table."""
    source: Source | None = None


@dataclass(**FROZEN)
class FundingRow:
    """One 资金 row of a 绩效 table (年度资金总额, 其中：当年财政拨款, 中央安排, 合计 …) as printed."""

    label: str
    budget_initial: Decimal | None = None
    """年初预算数 (a 绩效目标表's 年度预算总额)."""
    budget_full: Decimal | None = None
    executed: Decimal | None = None
    weight: Decimal | None = None
    execution_rate: Decimal | None = None
    """In percent, as printed (``76.43``)."""
    score: Decimal | None = None
    source: Source | None = None
    sources: tuple[tuple[str, Source], ...] = ()
    """Where each value was printed: (field name, source of its cell)."""


@dataclass(**FROZEN)
class Indicator:
    """One 三级指标 row of a 绩效 table; merged 一级/二级 cells are repeated on every row they cover."""

    level1: str
    level2: str
    name: str
    target: str = ""
    """年度指标值 / 预期指标值 / 指标值 as printed (``>=5 套``)."""
    target_op: str = ""
    """``>=``, ``>``, ``<=``, ``<``, ``=``, or ``""`` for a qualitative target such as 提高/长期."""
    target_value: Decimal | None = None
    target_unit: str = ""
    actual: str = ""
    weight: Decimal | None = None
    score: Decimal | None = None
    completion_rate: str = ""
    basis: str = ""
    """指标值设定依据."""
    last_year: str = ""
    scoring_rule: str = ""
    evidence: str = ""
    deviation_reason: str = ""
    """偏差原因分析及改进措施."""
    source: Source | None = None
    sources: tuple[tuple[str, Source], ...] = ()
    """Where each value was printed: (field name, source of its cell)."""


@dataclass(**FROZEN)
class PerfTable:
    """A 绩效自评表 or 绩效目标表, 整体 (whole unit) or 项目 (one project)."""

    kind: str
    """``self_eval`` (自评表) or ``target`` (目标表)."""
    scope: str
    """``overall`` (部门/单位整体) or ``project``."""
    title: str
    year: int | None = None
    project: str = ""
    """The project name as printed without whitespace; ``整体`` for an overall table."""
    department: str = ""
    """主管部门 (or 部门（单位）名称 / 预算单位 for overall tables)."""
    implementer: str = ""
    """实施单位."""
    extra: tuple[tuple[str, str], ...] = ()
    """Other header fields as printed, e.g. (``项目负责人``, ``张三``)."""
    funding: tuple[FundingRow, ...] = ()
    goal_target: str = ""
    goal_actual: str = ""
    indicators: tuple[Indicator, ...] = ()
    total_score: Decimal | None = None
    source: Source | None = None
    warnings: tuple[str, ...] = ()
    sources: tuple[tuple[str, Source], ...] = ()
    """Where header values were printed: (field name, source), e.g. (``total_score``, …)."""


@dataclass(**FROZEN)
class Finding:
    """A data problem: what rule, what was expected, what was printed, and where."""

    rule: str
    severity: Severity
    message: str
    expected: str = ""
    actual: str = ""
    keys: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()


@dataclass(**FROZEN)
class Deferred:
    """A rule that could not run on a document because an input is missing; never counted as a pass."""

    rule: str
    missing: tuple[str, ...]
    """The fact keys (or other inputs) that were absent."""


@dataclass(**FROZEN)
class Report:
    """The result of checking one document: findings, deferred rules, and how many rule runs passed."""

    path: str
    findings: tuple[Finding, ...] = ()
    deferred: tuple[Deferred, ...] = ()
    passed: int = 0

    def worst(self) -> Severity | None:
        """The most serious severity among the findings, or None when there are none."""
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)


@dataclass(**FROZEN)
class Document:
    """A parsed disclosure: what it is, its outline, its facts and tables, and what went wrong reading it."""

    path: str
    kind: DocKind
    unit: str
    year: int | None
    text: str
    """The normalized text (paragraphs separated by ``\\n``)."""
    source_text: str = ""
    """The text the reader produced, which every ``Source`` line, column and offset refers to."""
    sections: tuple[Section, ...] = ()
    facts: tuple[Fact, ...] = ()
    tables: tuple[Table, ...] = ()
    perf_tables: tuple[PerfTable, ...] = ()
    warnings: tuple[str, ...] = ()
    pages: int | None = None
    meta: dict[str, str] = field(default_factory=dict)
    """Reader facts about the file (encoding, format, sha256), not figures of the document."""

    def facts_by_key(self) -> dict[str, Fact]:
        """The first fact stated under each key."""
        out: dict[str, Fact] = {}
        for fact in self.facts:
            out.setdefault(fact.key, fact)
        return out

    def value(self, key: str) -> Value | None:
        """The value of ``key``, or None when the document does not state it."""
        fact = self.facts_by_key().get(key)
        return None if fact is None else fact.value
