"""The generator's gate: parse the generated text back and run the checker on it before anything is written."""

from __future__ import annotations

from pathlib import Path

from budgetdoc.check import check
from budgetdoc.generate.budget import derive_budget, is_budget
from budgetdoc.generate.budget_text import render_budget
from budgetdoc.generate.derive import derive, stated_over
from budgetdoc.generate.inputs import FactSet
from budgetdoc.generate.render_txt import render_txt
from budgetdoc.model import Document, Finding, Report, Severity
from budgetdoc.pipeline import parse_raw
from budgetdoc.read.text import read_text


def parse_text(text: str, path: str = "generated.txt") -> Document:
    """Parse a generated 公开说明 exactly as ``budgetdoc parse`` would read it from a .txt file."""
    return parse_raw(read_text(Path(path), text.encode("utf-8")))


def gate_report(fs: FactSet, path: str = "generated.txt") -> Report:
    """The checker's report on the document these facts generate (its text form)."""
    if is_budget(fs.facts):
        return check(parse_text(render_budget(derive_budget(fs.facts, path=path), fs), path))
    return check(parse_text(render_txt(stated_over(derive(fs.facts, path=path), fs.stated), fs), path))


def blocking(report: Report) -> list[Finding]:
    """The findings that stop generation: error level."""
    return [f for f in report.findings if f.severity is Severity.ERROR]
