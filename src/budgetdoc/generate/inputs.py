"""What the generator reads: a fact set (YAML/JSON, or an Excel workbook) of base figures plus the reasons as text.

The YAML/JSON shape (see examples/示例县农业技术推广站_2024.yaml)::

    facts:              # base facts keyed per facts.md; amounts in 万元, changes signed
      doc.unit: 示例县农业技术推广站
      income.fiscal: 1693.16
      gpb.item[一般公共服务支出/财政事务/行政运行]: 826.17
    reasons:            # 主要原因 per fact key (summary.change, fiscal.deviation_pct, gpb.item[…].change …)
      summary.change: 本年在职人员减少，相关人员经费较上年减少。
    notes:              # the prose the figures do not carry
      functions: [负责……]
      divisions: [办公室, 业务科]

An Excel workbook is either the nine 部门决算 tables as the budget system exports them (sheets 表1 … 表9 plus
其他数据, see workbook.py) or key/value: a sheet 基础数据 (键 | 值). Both may have a sheet 说明 (键 | 文字), where
``notes.functions`` / ``notes.divisions`` hold one entry per line, ``notes.perf_levels`` / ``notes.perf_goals``
a YAML mapping, another ``notes.*`` key one text, and any other key is the reason for that fact key.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from budgetdoc.errors import UnreadableError, UsageError
from budgetdoc.generate.parsed import is_parsed, parsed_input
from budgetdoc.model import Value


KEY_SHEET = "基础数据"
NOTES_SHEET = "说明"
LIST_NOTES = ("functions", "divisions")
"""Notes that are lists (one entry per line in a workbook cell); the others are one text each."""
MAPPING_NOTES = ("perf_levels", "perf_goals")
"""Notes that are mappings (YAML text in a workbook cell): 三级指标 → 一级/二级, 项目 → [预期目标, 实际完成]."""


@dataclass(frozen=True, slots=True)
class FactSet:
    """The generator's input: base facts, the reasons that explain changes, and prose notes."""

    facts: Mapping[str, Value]
    reasons: Mapping[str, str] = field(default_factory=dict)
    notes: Mapping[str, Any] = field(default_factory=dict)
    stated: Mapping[str, Value] = field(default_factory=dict)
    """Figures as a parsed document printed them (parse JSON input): they win over the derived ones."""


def _value(key: str, raw: Any, path: str) -> Value:
    if isinstance(raw, bool | int | Decimal):
        return raw
    if isinstance(raw, float):
        # YAML reads 826.17 as a float; its repr is the shortest string that round-trips, i.e. what was typed.
        return Decimal(repr(raw))
    if isinstance(raw, str):
        if key in ("doc.unit", "doc.kind") or key.endswith((".target", ".actual", ".code", ".item", ".basis")):
            return raw
        try:
            return Decimal(raw.replace(",", "").strip())
        except InvalidOperation:
            raise UsageError(path, f"{key} 的值不是数字：{raw!r}") from None
    raise UsageError(path, f"{key} 的值类型不支持：{type(raw).__name__}")


def fact_set(data: Mapping[str, Any], path: str = "输入") -> FactSet:
    """A FactSet from already-parsed data (``{"facts": …, "reasons": …, "notes": …}``), or from the
    ``budgetdoc parse --format json`` shape (a document's located facts, see parsed.py).

    Raises:
        UsageError: the data does not have that shape, or a value is not a number.
    """
    stated: Mapping[str, Value] = {}
    if is_parsed(data):
        data = parsed_input(data, path)
        facts = dict(data["facts"])
        stated = data["stated"]
    elif not isinstance(data, Mapping) or not isinstance(data.get("facts"), Mapping):
        raise UsageError(path, "输入缺少 facts 映射（键为 facts.md 中的事实键），"
                               "也不是 budgetdoc parse --format json 的输出")
    else:
        facts = {str(k): _value(str(k), v, path) for k, v in data["facts"].items()}
    reasons = {str(k): str(v) for k, v in (data.get("reasons") or {}).items()}
    notes = dict(data.get("notes") or {})
    if notes.get("divisions") and "org.divisions" not in facts:
        facts["org.divisions"] = len(notes["divisions"])
    return FactSet(facts=facts, reasons=reasons, notes=notes, stated=stated)


def read_input(path: str | Path) -> FactSet:
    """Read a fact set from ``.yaml``/``.yml``/``.json`` or an Excel ``.xlsx`` workbook.

    Raises:
        UnreadableError: the file is missing or not valid YAML/JSON/XLSX.
        UsageError: the content does not have the fact-set shape.
    """
    path = Path(path)
    if path.is_dir():
        raise UnreadableError(str(path), "是目录，不是基础数据文件")
    if not path.is_file():
        raise UnreadableError(str(path), "文件不存在")
    if not path.read_bytes().strip():
        raise UnreadableError(str(path), "文件为空")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_workbook(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
    except (UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        name = "JSON" if suffix == ".json" else "YAML"
        raise UnreadableError(str(path), f"不是有效的 UTF-8 {name} 文件：{_one_line(exc)}") from None
    return fact_set(data, str(path))


def _one_line(exc: Exception) -> str:
    """A parser error as one line: what went wrong and where."""
    if isinstance(exc, json.JSONDecodeError):
        return f"第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}"
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or type(exc).__name__
    return f"第 {mark.line + 1} 行第 {mark.column + 1} 列：{problem}" if mark else str(problem)


def _read_workbook(path: Path) -> FactSet:
    from openpyxl import load_workbook  # noqa: PLC0415 - only Excel input needs it

    from budgetdoc.generate.workbook import is_tables_workbook, read_tables_workbook  # noqa: PLC0415

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for broken files
        raise UnreadableError(str(path), f"不是有效的 Excel 工作簿：{type(exc).__name__}") from None
    if is_tables_workbook(book.sheetnames):
        fs = read_tables_workbook(book, path)
        return fact_set({"facts": fs.facts, "reasons": fs.reasons, "notes": fs.notes}, str(path))
    if KEY_SHEET not in book.sheetnames:
        raise UsageError(str(path), f"工作簿既没有“{KEY_SHEET}”工作表（键 | 值），也没有“表1”…“表9”九张决算表")
    facts = {str(r[0]).strip(): r[1] for r in book[KEY_SHEET].iter_rows(min_row=2, values_only=True)
             if r and r[0] is not None and r[1] is not None}
    reasons, notes = read_notes_sheet(book, path)
    return fact_set({"facts": facts, "reasons": reasons, "notes": notes}, str(path))


def read_notes_sheet(book: Any, path: Path) -> tuple[dict[str, str], dict[str, Any]]:
    """Reasons and notes from a workbook's 说明 sheet (键 | 文字), if it has one."""
    reasons: dict[str, str] = {}
    notes: dict[str, Any] = {}
    if NOTES_SHEET not in book.sheetnames:
        return reasons, notes
    for row in book[NOTES_SHEET].iter_rows(min_row=2, values_only=True):
        if not row or row[0] is None or row[1] is None:
            continue
        key, text = str(row[0]).strip(), str(row[1])
        name = key.removeprefix("notes.")
        if name in LIST_NOTES:
            notes[name] = [line for line in text.splitlines() if line.strip()]
        elif name in MAPPING_NOTES:
            notes[name] = _mapping_note(text, path, name)
        elif key.startswith("notes."):
            notes[name] = text
        else:
            reasons[key] = text
    return reasons, notes


def notes_rows(fs: FactSet) -> list[list[str]]:
    """The rows of a 说明 sheet (header first): notes as ``notes.<name>``, then reasons by fact key."""
    rows = [["键", "文字"]]
    for key, value in fs.notes.items():
        if isinstance(value, dict):
            text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False)
        else:
            text = "\n".join(value) if isinstance(value, list) else str(value)
        rows.append([f"notes.{key}", text])
    rows += [[key, text] for key, text in fs.reasons.items()]
    return rows


def _mapping_note(text: str, path: Path, name: str) -> dict[str, Any]:
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        value = None
    if not isinstance(value, dict):
        raise UsageError(str(path), f"说明工作表中 notes.{name} 应为 YAML 映射（每行“键: 值”）")
    return value


def write_workbook(fs: FactSet, path: str | Path) -> None:
    """Write a fact set as the key/value Excel input shape (the inverse of reading one), e.g. for a template."""
    from openpyxl import Workbook  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    sheet.title = KEY_SHEET
    sheet.append(["键", "值"])
    for key, value in fs.facts.items():
        sheet.append([key, format(value, "f") if isinstance(value, Decimal) else value])
    notes = book.create_sheet(NOTES_SHEET)
    for row in notes_rows(fs):
        notes.append(row)
    book.save(path)
