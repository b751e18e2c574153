"""Per-file time and memory budgets, so that one pathological file cannot stall a run or exhaust a worker.

The budget is checked cooperatively at the points where work piles up (each PDF page, each OCR page, each
pipeline stage); the batch worker adds ``hard_limit``, an alarm at twice the time budget for Python code that
never reaches a checkpoint (a regex gone quadratic on a damaged line). Memory is the growth of the process's resident set since the file started, read from
``/proc/self/statm`` (cheap enough to read once per page).

Defaults, each overridable by an environment variable (and by ``Budget(...)`` in code):

| budget | default | variable |
|---|---|---|
| wall time per file | 300 s | ``BUDGETDOC_TIME_BUDGET`` (seconds, 0 = none) |
| memory per file | 2048 MB | ``BUDGETDOC_MEMORY_BUDGET`` (MB, 0 = none) |
| OCR pages per file | 20 | ``BUDGETDOC_OCR_PAGES`` (0 = no OCR) |
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from budgetdoc.errors import OverBudgetError, UsageError

DEFAULT_SECONDS = 300.0
DEFAULT_MEMORY_MB = 2048.0
DEFAULT_OCR_PAGES = 20
TIME_ENV = "BUDGETDOC_TIME_BUDGET"
MEMORY_ENV = "BUDGETDOC_MEMORY_BUDGET"
OCR_PAGES_ENV = "BUDGETDOC_OCR_PAGES"

try:
    _PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20
except (AttributeError, ValueError, OSError):  # pragma: no cover - not Linux
    _PAGE_MB = 0.0


def rss_mb() -> float:
    """Current resident set in MB, or 0 where /proc is not available."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE_MB
    except (OSError, ValueError, IndexError):
        return 0.0


def _env_number(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise UsageError(name, f"环境变量的值 {value!r} 不是数字") from None
    if number < 0:
        raise UsageError(name, f"环境变量的值 {value!r} 不能为负数")
    return number


@dataclass(frozen=True, slots=True)
class Budget:
    """What one file may cost: ``seconds`` of wall time, ``memory_mb`` of resident growth, ``ocr_pages``."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: float = DEFAULT_MEMORY_MB
    ocr_pages: int = DEFAULT_OCR_PAGES

    @classmethod
    def from_env(cls) -> Budget:
        """The defaults, overridden by ``BUDGETDOC_TIME_BUDGET`` / ``_MEMORY_BUDGET`` / ``_OCR_PAGES``."""
        return cls(seconds=_env_number(TIME_ENV, DEFAULT_SECONDS),
                   memory_mb=_env_number(MEMORY_ENV, DEFAULT_MEMORY_MB),
                   ocr_pages=int(_env_number(OCR_PAGES_ENV, DEFAULT_OCR_PAGES)))

    def start(self, path: str) -> Meter:
        """A meter for one file, started now."""
        return Meter(self, path)


class Meter:
    """One file's spending against its budget."""

    __slots__ = ("_base_mb", "budget", "deadline", "path", "started")

    def __init__(self, budget: Budget, path: str) -> None:
        self.budget = budget
        self.path = path
        self.started = time.monotonic()
        self.deadline = self.started + budget.seconds if budget.seconds else float("inf")
        self._base_mb = rss_mb() if budget.memory_mb else 0.0

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def check(self, where: str) -> None:
        """Raise when the file is over budget; ``where`` names the page or stage (``第 12 页``, ``抽取``).

        Raises:
            OverBudgetError: past the time budget, or the resident set grew past the memory budget.
        """
        if time.monotonic() > self.deadline:
            raise OverBudgetError(self.path, f"{where}：超出单个文件的时间预算 {self.budget.seconds:g} 秒，已停止"
                                             f"（可用环境变量 {TIME_ENV} 调整）")
        if self.budget.memory_mb:
            grown = rss_mb() - self._base_mb
            if grown > self.budget.memory_mb:
                raise OverBudgetError(self.path, f"{where}：内存占用增加 {grown:.0f} MB，超出单个文件的内存预算 "
                                                 f"{self.budget.memory_mb:g} MB，已停止（可用环境变量 {MEMORY_ENV} 调整）")

    def out_of_memory(self, where: str) -> OverBudgetError:
        """The error for a ``MemoryError`` raised while working on ``where``."""
        return OverBudgetError(self.path, f"{where}：内存不足，已停止（单个文件的内存预算 {self.budget.memory_mb:g} MB）")


HARD_FACTOR = 2.0
HARD_GRACE = 5.0
"""``hard_limit`` fires at twice the time budget, and at least 5 s past it: the cooperative checks, which
name the page, get their chance first."""


@contextlib.contextmanager
def hard_limit(budget: Budget, path: str, stage: list[str] | None = None) -> Iterator[None]:
    """Interrupt the block with ``OverBudgetError`` at ``HARD_FACTOR`` × the time budget (SIGALRM).

    Only in a process's main thread on a POSIX system, where alarms are delivered; elsewhere a no-op.
    ``stage``, when given, holds the name of the stage being run, for the message.

    Raises:
        OverBudgetError: the block was still running at the limit.
    """
    if not budget.seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    limit = max(budget.seconds * HARD_FACTOR, budget.seconds + HARD_GRACE)

    def expire(signum: int, frame: object) -> None:
        where = f"{stage[-1]}阶段" if stage else "处理中"
        raise OverBudgetError(path, f"{where}：运行 {limit:g} 秒仍未结束（时间预算 {budget.seconds:g} 秒），已强制停止"
                                    f"（可用环境变量 {TIME_ENV} 调整）")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
