"""A fictional demo corpus: 部门预算 and 部门决算 of invented units over several years, a few with documented mistakes.

``build_corpus(directory)`` writes the documents and a manifest (清单.json + README.md) naming every injected
mistake, so a newcomer can see the checker find exactly those. Nothing here is copied from a real document.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

from budgetdoc.demo.budgets import budget_fact_set
from budgetdoc.demo.errors import INJECTIONS
from budgetdoc.demo.units import UNITS, random_fact_set
from budgetdoc.generate import derive, generate
from budgetdoc.generate.budget import derive_budget
from budgetdoc.generate.output import write_atomic

__all__ = ["CorpusFile", "build_corpus"]

DEFAULT_YEARS = (2022, 2023, 2024)
DEFAULT_SEED = 20240101
MANIFEST = "清单.json"


@dataclass(frozen=True, slots=True)
class CorpusFile:
    """One generated document and the mistake injected into it, if any."""

    path: str
    unit: str
    year: int
    kind: str
    injected: str = ""
    """The injection code (see demo/errors.py), or ``""`` for a correct document."""
    description: str = ""
    keys: tuple[str, ...] = ()


def _injected_units(count: int) -> dict[int, int]:
    """Unit index → injection index: every second unit, up to one per kind, has one mistake in its latest year."""
    picks = list(range(1, count, 2))[: len(INJECTIONS)]
    return {unit: i % len(INJECTIONS) for i, unit in enumerate(picks)}


def build_corpus(directory: str | Path, *, units: int = len(UNITS), years: tuple[int, ...] = DEFAULT_YEARS,
                 seed: int = DEFAULT_SEED) -> list[CorpusFile]:
    """Generate the demo corpus into ``directory`` (created if needed); the same seed gives the same files.

    Args:
        directory: where the .txt documents and the manifest go.
        units: how many fictional units (at most ``len(UNITS)``).
        years: the fiscal years, one 部门决算 and one 部门预算 per unit and year.
        seed: the random seed.

    Returns:
        The files written, with their injected mistakes.
    """
    directory = Path(directory)
    rng = random.Random(seed)
    injected = _injected_units(min(units, len(UNITS)))
    files: list[CorpusFile] = []
    for index, (unit, unit_type) in enumerate(UNITS[:units]):
        previous = previous_budget = None
        for year in years:
            # A unit new to an item has no 增减率; the extractor does not read that phrasing yet (issue 2),
            # so the demo keeps to items that existed last year.
            fs = random_fact_set(rng, unit, year, unit_type, allow_new=False, previous=previous)
            previous = derive(fs.facts)
            text = str(generate(fs, "txt"))
            path = directory / f"{unit}_{year}_部门决算.txt"
            record = CorpusFile(path=str(path), unit=unit, year=year, kind="final_accounts")
            if index in injected and year == years[-1]:
                injection = INJECTIONS[injected[index]]
                text = injection.apply(text)
                record = CorpusFile(path=str(path), unit=unit, year=year, kind="final_accounts",
                                    injected=injection.code, description=injection.description, keys=injection.keys)
            write_atomic(path, text)
            files.append(record)
            # the same year's 部门预算, its 一般公共预算 and 三公 figures being the final accounts' 年初预算数
            budget = budget_fact_set(rng, fs, previous_budget)
            previous_budget = derive_budget(budget.facts)
            path = directory / f"{unit}_{year}_部门预算.txt"
            write_atomic(path, str(generate(budget, "txt")))
            files.append(CorpusFile(path=str(path), unit=unit, year=year, kind="budget"))
    _write_manifest(directory, files)
    return files


def _write_manifest(directory: Path, files: list[CorpusFile]) -> None:
    rows = [asdict(f) | {"path": Path(f.path).name} for f in files]
    write_atomic(directory / MANIFEST, json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    lines = ["# 演示语料（虚构）", "",
             "本目录由 `budgetdoc demo` 生成：虚构单位的部门预算公开和部门决算公开说明，所有单位、人员和数字均为虚构。",
             "每个单位每年一份部门预算，其一般公共预算拨款和“三公”经费预算数即同年部门决算的年初预算数。",
             "合计、占比、增减率均由程序根据基础数据计算；下列文件中故意加入了一处错误，供检查器发现：", "",
             "| 文件 | 注入的错误 | 涉及的事实键 |", "|---|---|---|"]
    lines += [f"| {Path(f.path).name} | {f.description} | {', '.join(f.keys)} |" for f in files if f.injected]
    write_atomic(directory / "README.md", "\n".join(lines) + "\n")
