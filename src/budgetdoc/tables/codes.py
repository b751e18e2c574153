"""政府收支分类 codes as printed in table cells: 功能分类 (类 3 digits, 款 5, 项 7) and 经济分类 (类 3, 款 5).

Tables print function codes either joined (``2010601``) or split into their levels (``201 06 01``), sometimes
only the 款/项 part under the 类 row. The code is always stored joined, without spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetdoc.amounts import to_halfwidth

LEVELS = {3: "类", 5: "款", 7: "项"}

# 功能分类 类 codes run 201–234 (and 2xx transfers); 经济分类 类 codes are 301–399 and 5xx (政府预算支出经济分类).
_FUNCTION_FIRST = re.compile(r"^2\d\d$")
_ECONOMIC_FIRST = re.compile(r"^[35]\d\d$")
_SPLIT = re.compile(r"^(\d{3})(?:\s+(\d{2}))?(?:\s+(\d{2}))?$")
_JOINED = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_CODE_LABEL = re.compile(r"^\s*(\d{3}(?:\s*\d{2}){0,2})(?=\s|[^\d\s]|$)\s*(.*)$", re.S)


@dataclass(frozen=True, slots=True)
class Code:
    """A classification code: joined digits, its level name, and the code one level up (``""`` for a 类)."""

    code: str
    level: str
    parent: str


def parse_code(text: str, scheme: str = "function") -> Code | None:
    """Parse a printed code: ``201 06 01`` or ``2010601`` → ``Code("2010601", "项", "20106")``.

    Args:
        text: The cell text holding only the code.
        scheme: ``"function"`` (功能分类, 类/款/项) or ``"economic"`` (经济分类, 类/款).

    Returns:
        The code, or None when the text is not a code of that scheme.
    """
    cleaned = to_halfwidth(text).strip()
    if _SPLIT.match(cleaned):
        digits = re.sub(r"\s+", "", cleaned)
    elif _JOINED.match(cleaned):
        digits = cleaned
    else:
        return None
    if scheme == "economic":
        if len(digits) not in (3, 5) or not _ECONOMIC_FIRST.match(digits[:3]):
            return None
    elif scheme == "function":
        if not _FUNCTION_FIRST.match(digits[:3]):
            return None
    else:
        msg = f"未知的分类: {scheme!r}"
        raise ValueError(msg)
    return Code(code=digits, level=LEVELS[len(digits)], parent=digits[:-2] if len(digits) > 3 else "")


def split_code_label(cell_text: str, scheme: str | None = None) -> tuple[Code | None, str]:
    """Split a cell such as ``201 06 01 行政运行`` into its code and label.

    With ``scheme`` None the code is tried as a function code, then as an economic code. A cell with no
    leading code comes back as ``(None, label)``.
    """
    text = to_halfwidth(cell_text).strip()
    match = _CODE_LABEL.match(text)
    if not match:
        return None, text
    printed, label = match.group(1), match.group(2).strip()
    for candidate in ((scheme,) if scheme else ("function", "economic")):
        code = parse_code(printed, candidate)
        if code is not None:
            return code, label
    return None, text
