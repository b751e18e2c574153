"""部门预算 documents: the budget tables printed in text, their facts, and the project descriptions."""

from budgetdoc.extract.budget.facts import extract_budget
from budgetdoc.extract.budget.finder import find_budget_tables

__all__ = ["extract_budget", "find_budget_tables"]
