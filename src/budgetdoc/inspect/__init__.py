"""An inspection campaign (预决算公开检查) over a set of units: which documents each unit published, how complete
they are, what the checker found, a declared score per unit, and the 检查结果表 in the shape inspections use.

Everything is read from a store (``Store``'s public API), so the CLI (``budgetdoc inspect``), the web page
(``/inspect``) and the workbook show the same figures. The scoring is ``SCORING`` below, documented in
docs/inspect.md; change it there and here together.
"""

from __future__ import annotations

from budgetdoc.inspect.campaign import FAMILY_NAMES, SCORING, campaign, result_rows, score_unit
from budgetdoc.inspect.workbook import RESULT_COLUMNS, workbook_bytes

__all__ = ["FAMILY_NAMES", "RESULT_COLUMNS", "SCORING", "campaign", "result_rows", "score_unit", "workbook_bytes"]
