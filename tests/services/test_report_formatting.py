"""Russian money, dates, months and amounts in words (сумма прописью)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from lkk_admin.services.reports.formatting import (
    NBSP,
    amount_in_words,
    change,
    day,
    integer_in_words,
    money,
    month,
    month_title,
    percent,
    plural,
    register,
    volume,
)


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("0", "Ноль рублей 00 копеек"),
        ("1", "Один рубль 00 копеек"),
        ("2", "Два рубля 00 копеек"),
        ("5", "Пять рублей 00 копеек"),
        ("11", "Одиннадцать рублей 00 копеек"),
        ("21", "Двадцать один рубль 00 копеек"),
        ("1000", "Одна тысяча рублей 00 копеек"),
        ("2000", "Две тысячи рублей 00 копеек"),
        ("5000", "Пять тысяч рублей 00 копеек"),
        ("1000000", "Один миллион рублей 00 копеек"),
        (
            "1234567.89",
            "Один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь рублей 89 копеек",
        ),
        ("0.01", "Ноль рублей 01 копейка"),
        ("0.02", "Ноль рублей 02 копейки"),
        ("112.11", "Сто двенадцать рублей 11 копеек"),
        ("21000.21", "Двадцать одна тысяча рублей 21 копейка"),
        ("2002000", "Два миллиона две тысячи рублей 00 копеек"),
        ("12000000000", "Двенадцать миллиардов рублей 00 копеек"),
        ("-305476.45", "Триста пять тысяч четыреста семьдесят шесть рублей 45 копеек"),
        ("9.999", "Десять рублей 00 копеек"),  # kopecks round half up, as money() does
    ],
)
def test_amount_in_words(amount: str, words: str) -> None:
    assert amount_in_words(Decimal(amount)) == words


@pytest.mark.parametrize(
    ("number", "form"),
    [
        (0, "рублей"),
        (1, "рубль"),
        (2, "рубля"),
        (4, "рубля"),
        (5, "рублей"),
        (11, "рублей"),
        (14, "рублей"),
        (21, "рубль"),
        (22, "рубля"),
        (111, "рублей"),
        (101, "рубль"),
    ],
)
def test_plural(number: int, form: str) -> None:
    assert plural(number, ("рубль", "рубля", "рублей")) == form


def test_integer_in_words_feminine_and_limits() -> None:
    assert integer_in_words(1, feminine=True) == "одна"
    assert integer_in_words(22, feminine=True) == "двадцать две"
    assert integer_in_words(1_000_001) == "один миллион один"
    with pytest.raises(ValueError, match="non-negative"):
        integer_in_words(-1)


def test_money_and_volume() -> None:
    assert money(Decimal("1234567.891")) == f"1{NBSP}234{NBSP}567,89"
    assert money(Decimal("-1000")) == f"-1{NBSP}000,00"
    assert money(Decimal("-0.001")) == "0,00"  # no «-0,00»
    assert money(Decimal("999.995")) == f"1{NBSP}000,00"
    assert volume(Decimal("12345.000")) == f"12{NBSP}345"
    assert volume(Decimal("12.5")) == "12,500"
    assert percent(Decimal("20.00")) == f"20{NBSP}%"
    assert percent(Decimal("10.50")) == f"10,5{NBSP}%"


def test_dates_and_months() -> None:
    assert day(date(2026, 1, 5)) == "05.01.2026"
    assert month(date(2026, 1, 1)) == "январь 2026"
    assert month_title(date(2025, 12, 31)) == "Декабрь 2025"


def test_readings_show_as_the_meter_does() -> None:
    assert register(Decimal("26519638.000")) == f"26{NBSP}519{NBSP}638"
    assert register(Decimal("99990.500")) == f"99{NBSP}990,5"
    assert register(Decimal("0.250")) == "0,25"
    assert register(Decimal("0.000")) == "0"


def test_change_against_a_year_ago() -> None:
    assert change(Decimal("2200"), Decimal("2000")) == f"+10,0{NBSP}%"
    assert change(Decimal("1900"), Decimal("2000")) == f"−5,0{NBSP}%"
    assert change(Decimal("2000"), Decimal("2000")) == f"0,0{NBSP}%"
    assert change(Decimal("5"), Decimal("0")) == "—"
