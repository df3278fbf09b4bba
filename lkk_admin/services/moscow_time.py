"""Moscow time, as the portal shows its dates (the database stores UTC).

The zone is the IANA ``Europe/Moscow`` from :mod:`zoneinfo`. Windows has no system time
zone database: there :mod:`zoneinfo` reads the ``tzdata`` package, a dependency of the
application for that reason (PyInstaller's zoneinfo hook bundles it on Windows). Should the
database be missing all the same, Moscow's fixed UTC+3 (no daylight saving since October
2014) stands in, rather than a desk failing to show a date.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MOSCOW_ZONE_NAME = "Europe/Moscow"
_FIXED_MOSCOW = timezone(timedelta(hours=3), "MSK")

MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip


def _moscow() -> tzinfo:
    try:
        return ZoneInfo(MOSCOW_ZONE_NAME)
    except ZoneInfoNotFoundError:  # pragma: no cover - tzdata is a dependency
        return _FIXED_MOSCOW


MOSCOW: tzinfo = _moscow()


def to_moscow(moment: datetime) -> datetime:
    """An aware moment as Moscow wall-clock time (a naive one is refused: its zone is
    unknown, and the database hands back aware UTC moments only)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime given; pass an aware moment (UTC)")
    return moment.astimezone(MOSCOW)


def from_moscow(wall_clock: datetime) -> datetime:
    """A Moscow wall-clock time (naive, as typed in a form) as an aware UTC moment."""
    if wall_clock.tzinfo is not None:
        return wall_clock.astimezone(UTC)
    return wall_clock.replace(tzinfo=MOSCOW).astimezone(UTC)


def moscow_day_text(moment: datetime) -> str:
    """``27 ноября 2026``: the Moscow day of ``moment`` as the portal's pages write it."""
    local = to_moscow(moment)
    return f"{local.day} {MONTHS_GENITIVE[local.month - 1]} {local.year}"


def moscow_text(moment: datetime) -> str:
    """``27.11.2026 12:00 МСК``: a moment to the minute, in Moscow time, said so."""
    return f"{to_moscow(moment):%d.%m.%Y %H:%M} МСК"
