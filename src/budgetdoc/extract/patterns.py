"""Regex fragments shared by the extractors; they match the *normalized* text (no spaces, ASCII digits)."""

from __future__ import annotations

from budgetdoc.amounts import NUMBER

AMOUNT = rf"(?P<amount>{NUMBER})万元"
NUM = NUMBER
"""A printed number, as a regex fragment without a group."""
PCT = rf"(?:{NUMBER})%"
DIRECTION = r"(?:增加|减少|上升|下降|增长|降低|持平)"
