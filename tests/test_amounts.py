from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetdoc.amounts import AmountError, parse_amount, parse_int, parse_percent, precision, signed, to_halfwidth


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,039.73", Decimal("3039.73")),
        ("３，０３９．７３", Decimal("3039.73")),
        ("0.00", Decimal("0.00")),
        ("-10.59", Decimal("-10.59")),
        ("1,566.90 万元", Decimal("1566.90")),
        ("17,690.902345", Decimal("17690.902345")),
    ],
)
def test_parse_amount_keeps_printed_scale(text, expected):
    value = parse_amount(text)
    assert value == expected
    assert str(value) == str(expected)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "3.0.1", "万元"])
def test_parse_amount_rejects_non_numbers(text):
    with pytest.raises(AmountError):
        parse_amount(text)


def test_percent_and_sign():
    assert parse_percent("97.78%") == Decimal("97.78")
    assert signed(Decimal("186.12"), "减少") == Decimal("-186.12")
    assert signed(Decimal("18.39"), "下降") == Decimal("-18.39")
    assert signed(Decimal("18.39"), "增长") == Decimal("18.39")
    assert signed(Decimal("-10.59"), "增加") == Decimal("-10.59")
    assert parse_int("131") == 131
    with pytest.raises(AmountError):
        parse_int("1.5")
    assert precision(Decimal("3039.73")) == Decimal("0.005")


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_parse_amount_round_trips_thousands_separators(value):
    printed = f"{value:,.2f}"
    assert parse_amount(printed) == value
    fullwidth = printed.translate(str.maketrans("0123456789.,-", "０１２３４５６７８９．，－"))
    assert parse_amount(fullwidth) == value


def test_halfwidth_keeps_length():
    text = "（一）收入总计３，０３９．７３万元，占９７．７８％"
    assert len(to_halfwidth(text)) == len(text)
    assert to_halfwidth(text) == "(一)收入总计3,039.73万元,占97.78%"
