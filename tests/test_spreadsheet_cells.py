"""Cells as staff type them: numbers and amounts the imports accept or refuse in Vietnamese."""

import pytest

from khuyenhoc.core.sheets.spreadsheets import parse_int, parse_money


@pytest.mark.parametrize(
    ("cell", "number"), [(1200, 1200), (1200.0, 1200), ("1.200", 1200), ("1 200", 1200)]
)
def test_whole_numbers_are_read_as_staff_write_them(cell, number):
    assert parse_int(cell) == number


@pytest.mark.parametrize(
    ("cell", "amount"), [("1.000.000", 1_000_000), ("1,000,000 đ", 1_000_000), (500, 500)]
)
def test_amounts_in_dong_are_read_as_staff_write_them(cell, amount):
    assert parse_money(cell) == amount


def test_a_number_of_ten_thousand_digits_is_too_big_in_vietnamese_not_a_python_error():
    with pytest.raises(ValueError, match="^số quá lớn$"):
        parse_int("9" * 10_000)
    with pytest.raises(ValueError, match="^số tiền quá lớn$"):
        parse_money("9" * 10_000)
