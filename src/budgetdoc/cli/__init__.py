"""The ``budgetdoc`` command: thin commands over the library, one module per command family."""

from __future__ import annotations

import os
import sys

try:  # typer 0.2x vendors its own click; the exceptions it raises are that copy's
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer on plain click
    from click import exceptions as click_exceptions

from budgetdoc.cli.app import app, console_err
from budgetdoc.cli import parse as _parse  # noqa: F401 - registers its commands
from budgetdoc.cli import perf as _perf  # noqa: F401 - registers its commands
from budgetdoc.cli import check as _check  # noqa: F401 - registers its commands
from budgetdoc.cli import tables as _tables  # noqa: F401 - registers its commands
from budgetdoc.cli import generate as _generate  # noqa: F401 - registers its commands
from budgetdoc.cli import demo as _demo  # noqa: F401 - registers its commands
from budgetdoc.cli import store as _store  # noqa: F401 - registers its commands
from budgetdoc.cli import serve as _serve  # noqa: F401 - registers its commands
from budgetdoc.cli import batch as _batch  # noqa: F401 - registers its commands
from budgetdoc.cli import inspect as _inspect  # noqa: F401 - registers its commands
from budgetdoc.errors import BudgetdocError

__all__ = ["app", "main"]

INTERNAL_ERROR = 70
USAGE_ERROR = 4


def _usage_line(exc: click_exceptions.UsageError) -> str:
    """One Chinese line for a usage mistake; click's own (English) wording is kept after the colon."""
    command = exc.ctx.command_path if exc.ctx else "budgetdoc"
    return f"[red]用法错误[/red] {command}: {exc.format_message()}（{command} --help 查看用法）"


def main() -> None:
    """Entry point: library errors become one line on stderr and their exit code, never a traceback.

    Usage mistakes (a missing argument, a bad choice, an unknown command) exit 4 like the library's own
    ``UsageError``: exit 2 is reserved for files that cannot be read.
    """
    try:
        code = app(standalone_mode=False)
    except click_exceptions.NoArgsIsHelpError as exc:
        if exc.ctx is not None:
            print(exc.ctx.get_help())
        sys.exit(0)
    except click_exceptions.UsageError as exc:
        console_err.print(_usage_line(exc), highlight=False, soft_wrap=True)
        sys.exit(USAGE_ERROR)
    except click_exceptions.ClickException as exc:
        console_err.print(f"[red]错误[/red] {exc.format_message()}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except BudgetdocError as exc:
        console_err.print(f"[red]错误[/red] {exc}", highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        console_err.print("已中断")
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("BUDGETDOC_DEBUG"):
            raise
        console_err.print(f"[red]内部错误[/red] {type(exc).__name__}: {exc}（设置 BUDGETDOC_DEBUG=1 查看详情）",
                          highlight=False, soft_wrap=True)
        sys.exit(INTERNAL_ERROR)
    sys.exit(code if isinstance(code, int) else 0)
