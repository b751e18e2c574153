"""The typer application and what every command shares (consoles, error reporting)."""

from __future__ import annotations

import typer
from rich.console import Console

from budgetdoc.errors import BudgetdocError

app = typer.Typer(
    name="budgetdoc",
    help="预决算公开文档解析与检查 — parse and check departmental budget / final-accounts disclosures.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console(soft_wrap=True)
console_err = Console(stderr=True, soft_wrap=True)


def report_error(exc: BudgetdocError) -> int:
    """Print a library error as one line on stderr; return its exit code."""
    console_err.print(f"[red]错误[/red] {exc}", highlight=False)
    return exc.exit_code


def _show_version(value: bool) -> None:
    if value:
        from budgetdoc import __version__

        console.print(f"budgetdoc {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="显示版本号并退出。Show the version and exit.",
                                 is_eager=True, callback=_show_version),
) -> None:
    """预决算公开文档解析与检查 — parse and check departmental budget / final-accounts disclosures."""
    del version
