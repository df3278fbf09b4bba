"""The demo world's calendar, random streams, money helpers and progress reporting.

The world is planned on one fixed reference day, ``TODAY`` (its moment ``NOW``), so that the
same seed and scale always give the same data; a :class:`DemoClock` then moves it to the
day the demo is created, so that it never goes stale:

- the registration requests, their decisions, claims and letters, the audit log and the
  portal's current news and surveys move by the time between ``NOW`` and the creation
  moment (whole days when created at the same time of day);
- the registry and its billing move by whole months (a billing period stays the 1st of a
  month), to the latest 27th of a month on or before the creation day: the billing world
  stands still on that day, at most a month behind, as the reference world stands on
  ``TODAY``. VAT and tariffs follow the months the periods land on.

Two demos created on days with the same billing month differ only by the first shift.
"""

from __future__ import annotations

import calendar
import random
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from itertools import accumulate
from typing import Generic, TypeVar

from lkk_admin.services.errors import DomainError

TODAY = date(2026, 11, 27)
MSK = timezone(timedelta(hours=3), "MSK")
# The moment the demo world stands still: midday of TODAY, Moscow time.
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=MSK).astimezone(UTC)

FIRST_PERIOD = date(2023, 12, 1)
# Readings as of 00:00 on the 1st, 2023-12-01 … 2026-11-01: 36 readings per meter.
READING_PERIODS: tuple[date, ...] = tuple(
    date(2023 + (11 + i) // 12, (11 + i) % 12 + 1, 1) for i in range(36)
)
# A month is billed once the reading that closes it exists: 2023-12 … 2026-10.
BILLING_PERIODS: tuple[date, ...] = READING_PERIODS[:-1]
PERIOD_INDEX = {period: index for index, period in enumerate(READING_PERIODS)}

VAT_CHANGE_DAY = date(2026, 1, 1)
VAT_BEFORE = Decimal("20.00")
VAT_FROM_2026 = Decimal("22.00")

CENT = Decimal("0.01")
KOPECKS = Decimal(100)

MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip

T = TypeVar("T")

ProgressCallback = Callable[[str, int, int], None]
CancelCallback = Callable[[], bool]


class DemoDataCancelled(DomainError):  # noqa: N818 - the name is the public contract
    """The user cancelled; the whole load is rolled back and the database stays empty."""

    def __init__(self) -> None:
        super().__init__(
            "Создание демонстрационных данных отменено. База данных осталась без изменений.",
            code="CANCELLED",
        )


def stream(seed: int, name: str) -> random.Random:
    """An independent random stream per subject, so one stage's draws never shift another's.

    String seeds are hashed with SHA-512 by ``random``: stable across runs and platforms.
    """
    return random.Random(f"{seed}:{name}")


# The random module's randint/choice/choices cost about a microsecond each, and the
# generator makes millions of draws: these do the same from one random() call.
def randint(rng: random.Random, low: int, high: int) -> int:
    return low + int(rng.random() * (high - low + 1))


def pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[int(rng.random() * len(items))]


class Weighted(Generic[T]):
    """A weighted choice with the cumulative weights computed once."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        self.items = tuple(items)
        self.cumulative = tuple(accumulate(weights))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random) -> T:
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


def scaled(base: int, scale: float, minimum: int) -> int:
    return max(minimum, round(base * scale))


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year = day.year + month0 // 12
    month = month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_start_on_or_after(day: date) -> date:
    return day if day.day == 1 else add_months(day.replace(day=1), 1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def days_in_month(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def random_date(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=int(rng.random() * ((last - first).days + 1)))


def at_msk(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """A Moscow wall-clock moment as an aware UTC datetime (what the database stores)."""
    return datetime.combine(day, time(hour, minute, second), MSK).astimezone(UTC)


@dataclass(frozen=True)
class DemoClock:
    """When a demo is created, and how far its world moves from the reference day."""

    now: datetime  # the creation moment (aware, UTC)
    months: int  # the registry and billing move this many whole months

    @classmethod
    def at(cls, today: date | datetime | None = None) -> DemoClock:
        """A demo created on ``today``: at midday Moscow time for a day (as ``NOW`` stands
        on ``TODAY``), at that moment for a datetime, at the present moment for None."""
        if today is None:
            now = datetime.now(UTC).replace(microsecond=0)
        elif isinstance(today, datetime):
            now = (today if today.tzinfo else today.replace(tzinfo=UTC)).astimezone(UTC)
        else:
            now = at_msk(today, 12)
        day = now.astimezone(MSK).date()
        months = (day.year - TODAY.year) * 12 + day.month - TODAY.month
        if day.day < TODAY.day:  # the 27th of this month is still ahead
            months -= 1
        return cls(now=now, months=months)

    @property
    def shift(self) -> timedelta:
        """How far the requests, decisions, letters and audit events move."""
        return self.now - NOW

    @property
    def days(self) -> int:
        """Whole days from ``TODAY`` to the creation day (Moscow): the portal's content."""
        return (self.now.astimezone(MSK).date() - TODAY).days

    @property
    def billing_today(self) -> date:
        """The day the registry and billing stand on (``TODAY`` moved by whole months)."""
        return add_months(TODAY, self.months)

    def day(self, value: date) -> date:
        """A registry day of the reference world, moved with the registry."""
        return add_months(value, self.months) if self.months else value


REFERENCE_CLOCK = DemoClock(now=NOW, months=0)


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def vat_rate(period: date) -> Decimal:
    """VAT is 20 % for supplies up to 31.12.2025 and 22 % from 01.01.2026."""
    return VAT_FROM_2026 if period >= VAT_CHANGE_DAY else VAT_BEFORE


def rubles(value: Decimal) -> str:
    """1234567.8 → '1 234 567,80' as Russian documents print sums."""
    return f"{value:,.2f}".replace(",", " ").replace(".", ",")


def month_name(period: date) -> str:
    return f"{MONTHS[period.month - 1]} {period.year} г."


class Reporter:
    """Forwards progress to the caller's callback and honours cancellation between steps."""

    def __init__(self, progress: ProgressCallback | None, cancelled: CancelCallback | None) -> None:
        self._progress = progress
        self._cancelled = cancelled

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise DemoDataCancelled

    def report(self, label: str, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress(label, done, total)

    def stage(self, label: str, total: int) -> Stage:
        return Stage(self, label, max(total, 1))


class Stage:
    """One labelled step; reports about 200 times over its length (enough for a bar)."""

    def __init__(self, reporter: Reporter, label: str, total: int) -> None:
        self.reporter = reporter
        self.label = label
        self.total = total
        self.done = 0
        self._step = max(1, total // 200)
        self._next = self._step
        reporter.check()
        reporter.report(label, 0, total)

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.done >= self._next:
            self._next = self.done + self._step
            self.reporter.check()
            self.reporter.report(self.label, min(self.done, self.total), self.total)

    def finish(self) -> None:
        self.done = self.total
        self.reporter.check()
        self.reporter.report(self.label, self.total, self.total)
