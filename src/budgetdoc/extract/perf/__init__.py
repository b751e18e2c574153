"""绩效自评表 / 绩效目标表 as structured, located rows, and their ``perf.table[…]`` facts."""

from __future__ import annotations

from budgetdoc.extract.perf.facts import extract_perf_facts
from budgetdoc.extract.perf.tables import find_perf_tables

__all__ = ["extract_perf_facts", "find_perf_tables"]
