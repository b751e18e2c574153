"""The ``budgetdoc`` command: thin commands over the library, one module per command family."""

from __future__ import annotations

import os
import sys

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
from budgetdoc.errors import BudgetdocError

__all__ = ["app", "main"]

INTERNAL_ERROR = 70


def main() -> None:
    """Entry point: library errors become one line on stderr and their exit code, never a traceback."""
    try:
        app()
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
