"""Working days by the Russian production calendar (производственный календарь).

Public holidays and the government's transfers of days off — a Monday off for a holiday
that fell on a Sunday, a Saturday made a working day — come from the ``holidays``
package, which follows each year's decree (Постановление Правительства «О переносе
выходных дней»). A deadline of N working days therefore skips the New Year holidays and
counts a working Saturday, as the supplier's staff work.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

import holidays

# Years outside the package's data fall back to its rules (fixed holidays, weekends).
_CALENDAR_YEARS = range(2000, 2100)


@functools.lru_cache(maxsize=1)
def _calendar() -> holidays.HolidayBase:
    return holidays.country_holidays("RU", years=_CALENDAR_YEARS)


def is_working_day(day: date) -> bool:
    return bool(_calendar().is_working_day(day))


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not
    later): a request submitted on ``start`` has waited this many by the end of ``end``."""
    if end <= start:
        return 0
    return int(_calendar().get_working_days_count(start + timedelta(days=1), end))


def add_working_days(start: date, days: int) -> date:
    """The day ``days`` working days after ``start`` (``start`` itself for 0)."""
    day, left = start, days
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day
