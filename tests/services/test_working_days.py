"""Working days follow the Russian production calendar, transfers included."""

from __future__ import annotations

from datetime import date

from lkk_admin.services.working_days import (
    add_working_days,
    is_working_day,
    working_days_between,
)


def test_holidays_and_transferred_days_off_are_not_working_days() -> None:
    assert not is_working_day(date(2026, 1, 5))  # New Year holidays
    assert not is_working_day(date(2025, 5, 2))  # a day off moved from 4 January
    assert not is_working_day(date(2025, 11, 3))  # moved from Saturday 1 November
    assert not is_working_day(date(2025, 6, 14))  # a plain Saturday


def test_a_working_saturday_counts() -> None:
    assert is_working_day(date(2025, 11, 1))


def test_days_waited_skip_the_new_year_holidays() -> None:
    # Submitted on Tuesday 30.12.2025: the 31st is a day off moved from 5 January and the
    # holidays run to Sunday 11.01.2026.
    assert working_days_between(date(2025, 12, 30), date(2026, 1, 11)) == 0
    assert working_days_between(date(2025, 12, 30), date(2026, 1, 13)) == 2
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert working_days_between(date(2026, 3, 5), date(2026, 3, 2)) == 0


def test_a_deadline_lands_on_a_working_day() -> None:
    assert add_working_days(date(2025, 12, 30), 2) == date(2026, 1, 13)
    assert add_working_days(date(2025, 10, 30), 2) == date(2025, 11, 1)  # the working Saturday
    assert add_working_days(date(2026, 3, 2), 0) == date(2026, 3, 2)
