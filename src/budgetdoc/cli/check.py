"""``budgetdoc check`` (findings in four formats, exit code by severity) and ``budgetdoc rules``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from budgetdoc.cli.app import app, report_error
from budgetdoc.errors import BudgetdocError, UsageError

if TYPE_CHECKING:
    from budgetdoc.model import Document, Report

# The checker and the pipeline are imported inside the commands (see cli/parse.py).


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    xlsx = "xlsx"
    html = "html"
    pdf = "pdf"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"


def _codes(value: str, option: str) -> list[str]:
    from budgetdoc.check import unknown_codes

    codes = [c.strip() for c in value.split(",") if c.strip()]
    unknown = unknown_codes(codes)
    if unknown:
        raise UsageError(option, f"未知的规则代码：{'、'.join(unknown)}（用 budgetdoc rules 查看）")
    return codes


def _options(select: str, ignore: str, fmt: CheckFormat, output: Path | None) -> dict[str, list[str]]:
    if fmt in (CheckFormat.xlsx, CheckFormat.pdf) and output is None:
        raise UsageError(f"--format {fmt.value}", f"{fmt.value} 格式需要用 -o 指定输出文件")
    return {"select": _codes(select, "--select"), "ignore": _codes(ignore, "--ignore")}


def _load_all(files: list[Path]) -> tuple[int, list[Document]]:
    """The readable documents, and the worst exit code of those that are not (each reported on stderr)."""
    from budgetdoc.pipeline import load

    code, docs = 0, []
    for path in files:
        try:
            docs.append(load(path))
        except BudgetdocError as exc:
            code = max(code, report_error(exc))
    return code, docs


def _emit(rendered: str | bytes, output: Path | None) -> None:
    if output is None:
        print(rendered if isinstance(rendered, str) else rendered.decode("utf-8", "replace"))
        return
    from budgetdoc.files import write_atomically

    write_atomically(output, rendered)


def _annotated(checked: list[tuple[Document, Report]]) -> bytes:
    """``--format pdf``: the one PDF checked, with a highlight annotation per located finding."""
    from budgetdoc.check.catalog import RULES
    from budgetdoc.export.pdfmarks import annotate  # loads pypdf

    pdfs = [(d, r) for d, r in checked if d.path.lower().endswith(".pdf")]
    if len(checked) != 1 or not pdfs:
        raise UsageError("--format pdf", "pdf 格式（批注原文）只接受一个 PDF 文件")
    doc, report = pdfs[0]
    return annotate(doc.path, report.findings, {code: rule.title for code, rule in RULES.items()})


@app.command("check")
def check_command(
    files: Annotated[list[Path], typer.Argument(help="公开说明文件；同一单位的多个文件一起检查时启用跨文件规则")],
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="输出格式")] = CheckFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件（xlsx、pdf 必须指定）")] = None,
    select: Annotated[str, typer.Option("--select", help="只运行这些规则（代码或前缀，逗号分隔）")] = "",
    ignore: Annotated[str, typer.Option("--ignore", help="跳过这些规则（代码或前缀，逗号分隔）")] = "",
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="达到该级别时退出码为 1")] = FailOn.error,
) -> None:
    """检查文档：恒等式、交叉核对和必备内容，每个问题附出处。Check documents against the rule catalogue.

    Example: budgetdoc check ../shared/samples/*.txt --format html -o report.html

    --format pdf 输出原 PDF，每个可定位的问题一个高亮批注（说明为批注内容）：budgetdoc check 说明.pdf --format pdf -o 批注.pdf
    """
    from budgetdoc.check import check_all
    from budgetdoc.check.render import RENDERERS
    from budgetdoc.model import Severity

    try:
        options = _options(select, ignore, fmt, output)
        code, docs = _load_all(files)
        if not docs:
            raise typer.Exit(code)  # nothing was read: an empty report would pass for a clean one
        checked = check_all(docs, **options)
        _emit(_annotated(checked) if fmt is CheckFormat.pdf else RENDERERS[fmt.value](checked), output)
    except UsageError as exc:
        raise typer.Exit(report_error(exc)) from None
    threshold = Severity(fail_on.value).rank
    failing = any(f.severity.rank >= threshold for _, report in checked for f in report.findings)
    raise typer.Exit(code or int(failing))


@app.command("rules")
def rules_command() -> None:
    """列出检查规则目录：代码、名称、级别、适用文档（制表符分隔）。List the rule catalogue."""
    from budgetdoc.check.catalog import CATALOG
    from budgetdoc.check.render import SEVERITY_NAMES

    kinds = {"final_accounts": "决算", "budget": "预算", "perf_only": "绩效自评表"}
    for rule in CATALOG:
        shown = "、".join(kinds.get(k.value, k.label) for k in rule.kinds)
        print(f"{rule.code}\t{rule.title}\t{SEVERITY_NAMES[rule.severity]}\t{shown}")
