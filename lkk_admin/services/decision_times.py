"""How long requests wait for their final decision, per week: median and 90th percentile.

For the queue's overview (:mod:`.queue_overview`): the requests approved or rejected in a
period, grouped by the week of the decision, hours from submission and from e-mail
confirmation to the decision. PostgreSQL answers with ``percentile_cont``. SQLite has no
percentile: there a window function ranks each week's durations and only the rows
either side of each percentile's position come back (at most eight a week, however many
decisions), interpolated here exactly as ``percentile_cont`` does.

Also the few SQL expressions on stored moments both databases need (UTC day and week,
hours between two moments), shared with the overview.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    Date,
    Float,
    Integer,
    Select,
    cast,
    extract,
    func,
    literal,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from lkk_admin.db import constant
from lkk_admin.models import RegistrationRequest

FINAL_STATUSES = ("approved", "rejected")
PERCENTILES = (0.5, 0.9)


@dataclass(frozen=True)
class WeekTimes:
    """Hours to a final decision for the requests decided in the week from ``week``."""

    week: date  # its Monday
    decisions: int
    median_hours: float | None
    p90_hours: float | None
    confirmed: int  # of them with a confirmed e-mail (all that came through the portal)
    confirmed_median_hours: float | None
    confirmed_p90_hours: float | None


# --- SQL expressions either database understands ----------------------------------------
# Constants are written into the SQL, not bound: a grouped expression must read the same
# in the select list and in GROUP BY.


def utc_day(column: Any, postgresql: bool) -> ColumnElement[Any]:
    """The UTC day of a stored moment (SQLite keeps UTC moments as naive text)."""
    if postgresql:
        return cast(func.timezone(constant("UTC"), column), Date)
    return func.date(column)


def utc_week(column: Any, postgresql: bool) -> ColumnElement[Any]:
    """The Monday of the UTC week of a stored moment."""
    if postgresql:
        return cast(func.date_trunc(constant("week"), func.timezone(constant("UTC"), column)), Date)
    # The next Sunday (the day itself when a Sunday), then six days back.
    return func.date(column, constant("weekday 0"), constant("-6 days"))


def hours_between(later: Any, earlier: Any, postgresql: bool) -> ColumnElement[Any]:
    if postgresql:
        return cast(extract("epoch", later - earlier), Float) / literal_column("3600.0", Float)
    return (func.julianday(later) - func.julianday(earlier)) * literal_column("24.0", Float)


def as_date(value: object) -> date:
    """A day as the driver returned it (SQLite: ``YYYY-MM-DD`` text)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


# --- the weeks --------------------------------------------------------------------------


def period_bounds(since: date, today: date) -> tuple[datetime, datetime]:
    """The moments from the start of ``since`` to the end of ``today`` (UTC days)."""
    return (
        datetime.combine(since, time(), UTC),
        datetime.combine(today + timedelta(days=1), time(), UTC),
    )


def week_times(session: Session, since: date, today: date) -> tuple[WeekTimes, ...]:
    """Every week from the Monday ``since`` to the one of ``today``, oldest first (a week
    without decisions has no times)."""
    postgresql = session.get_bind().dialect.name == "postgresql"
    bounds = period_bounds(since, today)
    found = _postgresql(session, bounds) if postgresql else _sqlite(session, bounds)
    weeks = (since + timedelta(weeks=n) for n in range((today - since).days // 7 + 1))
    return tuple(found.get(week) or WeekTimes(week, 0, None, None, 0, None, None) for week in weeks)


def _durations(postgresql: bool) -> tuple[ColumnElement[Any], ...]:
    request = RegistrationRequest
    return (
        utc_week(request.decided_at, postgresql).label("week"),
        hours_between(request.decided_at, request.submitted_at, postgresql),
        hours_between(request.decided_at, request.email_confirmed_at, postgresql),
    )


def _decided_within(bounds: tuple[datetime, datetime]) -> tuple[ColumnElement[bool], ...]:
    request = RegistrationRequest
    start, end = bounds
    return (
        request.status.in_(FINAL_STATUSES),
        request.decided_at >= start,
        request.decided_at < end,
    )


def _postgresql(session: Session, bounds: tuple[datetime, datetime]) -> dict[date, WeekTimes]:
    week, submitted, confirmed = _durations(postgresql=True)
    percentiles = [
        func.percentile_cont(literal_column(repr(fraction), Float)).within_group(hours)
        for hours in (submitted, confirmed)
        for fraction in PERCENTILES
    ]
    rows = session.execute(
        select(week, func.count(), func.count(RegistrationRequest.email_confirmed_at), *percentiles)
        .where(*_decided_within(bounds))
        .group_by(week)
    ).all()
    found = {}
    for monday, decisions, confirmed_count, median, p90, c_median, c_p90 in rows:
        day = as_date(monday)
        found[day] = WeekTimes(day, decisions, median, p90, confirmed_count, c_median, c_p90)
    return found


def _ranked(bounds: tuple[datetime, datetime]) -> Select[Any]:
    """SQLite: each week's durations (kind ``s`` from submission, ``c`` from confirmation)
    ranked; only the rows either side of each percentile's position kept."""
    week, submitted, confirmed = _durations(postgresql=False)
    durations = union_all(
        select(literal("s").label("kind"), week, submitted.label("hours")).where(
            *_decided_within(bounds)
        ),
        select(literal("c").label("kind"), week, confirmed.label("hours")).where(
            *_decided_within(bounds), RegistrationRequest.email_confirmed_at.is_not(None)
        ),
    ).subquery("durations")
    partition = (durations.c.kind, durations.c.week)
    position = func.row_number().over(partition_by=partition, order_by=durations.c.hours) - 1
    ranked = select(
        durations.c.kind,
        durations.c.week,
        durations.c.hours,
        position.label("position"),
        func.count().over(partition_by=partition).label("n"),
    ).subquery("ranked")
    near = []
    for fraction in PERCENTILES:
        # As percentile_cont: the position fraction × (n − 1), in double precision.
        below = cast(literal_column(repr(fraction), Float) * (ranked.c.n - 1), Integer)
        near += [ranked.c.position == below, ranked.c.position == below + 1]
    return select(
        ranked.c.kind, ranked.c.week, ranked.c.n, ranked.c.position, ranked.c.hours
    ).where(or_(*near))


def _sqlite(session: Session, bounds: tuple[datetime, datetime]) -> dict[date, WeekTimes]:
    counts: dict[tuple[str, date], int] = {}
    values: dict[tuple[str, date], dict[int, float]] = defaultdict(dict)
    for kind, week, n, position, hours in session.execute(_ranked(bounds)):
        key = (kind, as_date(week))
        counts[key] = n
        values[key][position] = float(hours)
    found: dict[date, WeekTimes] = {}
    for week in {week for _kind, week in counts}:
        s_n, c_n = counts.get(("s", week), 0), counts.get(("c", week), 0)
        s_median, s_p90 = (interpolate(values[("s", week)], s_n, p) for p in PERCENTILES)
        c_median, c_p90 = (interpolate(values[("c", week)], c_n, p) for p in PERCENTILES)
        found[week] = WeekTimes(week, s_n, s_median, s_p90, c_n, c_median, c_p90)
    return found


def interpolate(values: dict[int, float], n: int, fraction: float) -> float | None:
    """``percentile_cont(fraction)`` of ``n`` ascending values, given the ones at the
    positions either side of it (``{position: value}``, 0-based); None for no values."""
    if n == 0:
        return None
    position = fraction * (n - 1)
    below = int(position)
    value = values[below]
    if below + 1 < n:
        value += (position - below) * (values[below + 1] - value)
    return value
