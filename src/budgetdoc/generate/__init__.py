"""Facts → disclosure documents: the inverse of parsing (round-trip tested).

``generate(input, fmt)`` derives every total, share and change from the base figures (derive.py), writes the
公开说明 in the national template's phrasing (templates/) and renders it as md, txt, docx or pdf.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from budgetdoc.errors import UsageError
from budgetdoc.generate.budget import generate_budget, is_budget
from budgetdoc.generate.derive import derive, stated_over
from budgetdoc.generate.inputs import FactSet, fact_set, read_input

__all__ = ["FORMATS", "FactSet", "derive", "generate", "read_input"]

FORMATS = ("md", "txt", "docx", "pdf")


def generate(facts_or_input: FactSet | Mapping[str, Any] | str | Path, fmt: str = "txt") -> str | bytes:
    """Render a 部门决算公开说明 (or, for ``doc.kind: budget``, a 部门预算公开) from base figures.

    Args:
        facts_or_input: a FactSet, its dict shape (``{"facts": …, "reasons": …, "notes": …}``), or the path of
            a YAML/JSON/XLSX input file.
        fmt: ``md`` or ``txt`` (returns str), ``docx`` or ``pdf`` (returns bytes, identical on every run).

    Raises:
        UsageError: an unknown format or missing base figures.
        UnreadableError: the input file cannot be read.
    """
    if fmt not in FORMATS:
        raise UsageError(str(fmt), f"不支持的输出格式，可选：{'、'.join(FORMATS)}")
    if isinstance(facts_or_input, FactSet):
        fs = facts_or_input
    elif isinstance(facts_or_input, Mapping):
        fs = fact_set(facts_or_input)
    else:
        fs = read_input(facts_or_input)
    if is_budget(fs.facts):
        return generate_budget(fs, fmt)
    facts = stated_over(derive(fs.facts), fs.stated)
    if fmt == "txt":
        from budgetdoc.generate.render_txt import render_txt  # noqa: PLC0415 - renderers load their libraries
        return render_txt(facts, fs)
    if fmt == "md":
        from budgetdoc.generate.render_txt import render_md  # noqa: PLC0415
        return render_md(facts, fs)
    if fmt == "docx":
        from budgetdoc.generate.render_docx import render_docx  # noqa: PLC0415
        return render_docx(facts, fs)
    from budgetdoc.generate.render_pdf import render_pdf  # noqa: PLC0415
    return render_pdf(facts, fs)
