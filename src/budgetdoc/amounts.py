"""The one way printed text becomes a number: exact ``Decimal`` amounts, percents and signed changes."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Full-width forms (U+FF01..U+FF5E) map 1:1 onto ASCII; keeping the length lets the normalizer keep
# its offset map trivially. Only the forms that carry numbers or structure are folded: Chinese text
# punctuation such as 、 and 。 has no half-width twin and stays.
_FULL = "０１２３４５６７８９．，％：；（）＜＞＝－＋"
_HALF = "0123456789.,%:;()<>=-+"
FULL_TO_HALF = str.maketrans(
    _FULL + "".join(chr(c) for c in range(0xFF21, 0xFF3B)) + "".join(chr(c) for c in range(0xFF41, 0xFF5B)) + "\u3000",
    _HALF + "".join(chr(c) for c in range(0x41, 0x5B)) + "".join(chr(c) for c in range(0x61, 0x7B)) + " ",
)

NUMBER = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?"
"""A printed number: with thousands separators or without, optional decimals and minus sign."""

_NUMBER_RE = re.compile(rf"^\s*(?:{NUMBER})\s*$")
NEGATIVE_WORDS = ("减少", "下降", "降低")


class AmountError(ValueError):
    """Text that should hold a number does not."""


def to_halfwidth(text: str) -> str:
    """Fold full-width digits and punctuation to ASCII, keeping the length unchanged."""
    return text.translate(FULL_TO_HALF)


def parse_amount(text: str) -> Decimal:
    """Parse a printed amount exactly, keeping its scale.

    >>> parse_amount("3,039.73")
    Decimal('3039.73')
    >>> parse_amount("３，０３９．７３ 万元")
    Decimal('3039.73')
    """
    cleaned = to_halfwidth(text).strip()
    for suffix in ("万元", "元", "%"):
        cleaned = cleaned.removesuffix(suffix).rstrip()
    if not _NUMBER_RE.match(cleaned):
        msg = f"不是数字: {text!r}"
        raise AmountError(msg)
    try:
        return Decimal(cleaned.replace(",", "").strip())
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid literals
        msg = f"不是数字: {text!r}"
        raise AmountError(msg) from exc


def parse_percent(text: str) -> Decimal:
    """Parse ``97.78%`` as ``Decimal('97.78')``: percentages stay in percent."""
    return parse_amount(text.replace("%", ""))


def signed(value: Decimal, direction: str) -> Decimal:
    """Give ``value`` the sign its direction word implies: 减少/下降 are negative.

    A printed value that is already negative keeps its sign whatever the word.
    """
    if value < 0:
        return value
    return -value if direction in NEGATIVE_WORDS else value


def parse_int(text: str) -> int:
    """Parse a printed count (人, 个, 辆)."""
    value = parse_amount(text)
    if value != value.to_integral_value():
        msg = f"不是整数: {text!r}"
        raise AmountError(msg)
    return int(value)


def precision(value: Decimal) -> Decimal:
    """Half a unit of the last printed decimal: the rounding a printed figure may carry."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(5).scaleb(exponent - 1)
