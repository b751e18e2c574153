"""``python -m budgetdoc``."""

from budgetdoc.cli import main

main()
