"""Exceptions for I/O and unusable input; problems inside a readable document are warnings or findings."""

from __future__ import annotations


class BudgetdocError(Exception):
    """Base class: a one-line Chinese message naming the file, and the process exit code it maps to."""

    exit_code = 1

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class UnreadableError(BudgetdocError):
    """The file cannot be read as a document: missing, a directory, empty, binary, undecodable, broken."""

    exit_code = 2


class NotDisclosureError(BudgetdocError):
    """The file reads fine but is not a 部门预算/部门决算 disclosure."""

    exit_code = 3


class UsageError(BudgetdocError):
    """The command was asked for something it cannot do (an unknown format, a bad option value)."""

    exit_code = 4


class OverBudgetError(BudgetdocError):
    """The file ran past its time or memory budget (``budgets.py``); the message names the page or stage."""

    exit_code = 5
