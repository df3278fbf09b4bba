"""The registration queue at a glance, for the head of the verification group.

Every figure is a grouped SQL aggregate; Python only maps the few distinct days to
working-day ages and rolls small grouped rows up. What is counted, and from where:

- **Waiting** means waiting for the desk: ``pending`` and ``in_review``, aged from the
  day of submission as the queue's overdue highlight ages them (the UTC day, working
  days of :mod:`.working_days` after it) against the organisation's SLA
  (:func:`.review_sla.read_sla`). ``needs_info`` (returned, the applicant's turn) and
  ``email_unconfirmed`` (not yet in the queue) wait for the applicant: they are counted
  beside, not aged. A request is overdue when its age exceeds the SLA; it "becomes
  overdue on the next working day" when its age equals the SLA today.
- **Decisions** per day and per verifier: approvals and rejections from the request
  itself (``status``, ``decided_at``, ``decided_by``: each request is finally decided
  once), returns for clarification from the audit log (``return_for_clarification``
  events: a returned request may later be approved, which overwrites the request's
  decision columns, so only the log remembers every return).
- **Time to decision** (approvals and rejections decided in the period), per week of the
  decision: median and 90th percentile of the hours from submission and from e-mail
  confirmation (:mod:`.decision_times`: ``percentile_cont`` on PostgreSQL, a bounded
  window-function equivalent on SQLite).
- **Clarification loops**: ``return_for_clarification`` events per request, over the
  whole log (a loop is a property of the request, however long ago it began).
- **Rejection reasons**: ``reason_code`` of the requests rejected in the period (no code:
  the verifier wrote a reason of their own).
- **Finding codes**: the queue keeps only the counts of a request's last check
  (``check_errors``…), never the codes, and re-running the checks for the overview is
  out of the question. The codes counted are the ones a decision recorded with itself:
  the ``findings`` list of the decision's audit details (each item a code, or an object
  with a ``code``), for the decisions of the period. Decisions recorded without such a
  snapshot contribute nothing.

Days are UTC days, as the queue's overdue highlight counts them; the period is whole
weeks, Monday to Sunday, ending with the current one.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Integer, bindparam, case, func, literal_column, select, text
from sqlalchemy.orm import Session

from lkk_admin.db import constant
from lkk_admin.models import AuditEvent, RegistrationRequest
from lkk_admin.models.base import UtcDateTime, utcnow
from lkk_admin.services.decision_times import (
    FINAL_STATUSES,
    WeekTimes,
    as_date,
    period_bounds,
    utc_day,
    week_times,
)
from lkk_admin.services.review_sla import read_sla
from lkk_admin.services.working_days import add_working_days, is_working_day

WAITING_STATUSES = ("pending", "in_review")  # the desk's turn
APPLICANT_STATUSES = ("needs_info", "email_unconfirmed")  # the applicant's turn
RETURN_ACTION = "return_for_clarification"
DECISION_ACTIONS = ("approve", "reject", RETURN_ACTION)
REQUEST_ENTITY = "registration_request"
FINDINGS_KEY = "findings"  # in a decision's audit details: the findings it was taken on

DEFAULT_WEEKS = 6
MAX_WEEKS = 26
LOOPED_SHOWN = 20  # requests listed among those returned more than once
TOP_SHOWN = 10  # rejection reasons and finding codes listed
# Overdue ages grouped beyond the SLA: +1, +2, +3…5, +6…10, +11 and older.
OVERDUE_STEPS: tuple[tuple[int, int | None], ...] = ((1, 1), (2, 2), (3, 5), (6, 10), (11, None))
WITHIN_BARS = 6  # at most this many bars for the ages within the SLA


@dataclass(frozen=True)
class AgeBucket:
    """Waiting requests aged ``first``…``last`` working days (``last`` None: or more)."""

    first: int
    last: int | None
    pending: int
    in_review: int
    overdue: bool  # past the SLA

    @property
    def count(self) -> int:
        return self.pending + self.in_review

    @property
    def label(self) -> str:
        if self.last is None:
            return f"{self.first}+"
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"


@dataclass(frozen=True)
class Waiting:
    buckets: tuple[AgeBucket, ...]
    total: int
    overdue: int
    overdue_next_day: int  # within the SLA today, overdue on the next working day
    next_working_day: date
    oldest_days: int | None  # working days; None when nothing waits
    returned: int  # needs_info: waiting for the applicant's clarification
    unconfirmed: int  # email_unconfirmed: not yet in the queue


@dataclass(frozen=True)
class DayDecisions:
    day: date
    approved: int
    rejected: int
    returned: int

    @property
    def total(self) -> int:
        return self.approved + self.rejected + self.returned


@dataclass(frozen=True)
class VerifierDecisions:
    login: str
    approved: int
    rejected: int
    returned: int
    in_review: int  # claimed now

    @property
    def total(self) -> int:
        return self.approved + self.rejected + self.returned


@dataclass(frozen=True)
class LoopedRequest:
    request_id: int
    returns: int
    status: str
    org_name: str


@dataclass(frozen=True)
class ClarificationLoops:
    returned_once: int
    returned_twice: int
    returned_more: int  # three times or more
    requests: tuple[LoopedRequest, ...]  # the most returned first, at most LOOPED_SHOWN

    @property
    def more_than_once(self) -> int:
        return self.returned_twice + self.returned_more


@dataclass(frozen=True)
class ReasonCount:
    code: str | None  # None: a reason of the verifier's own words
    count: int


@dataclass(frozen=True)
class FindingCount:
    """How many decisions of each kind were taken on a request with this finding."""

    code: str
    approved: int
    rejected: int
    returned: int

    @property
    def total(self) -> int:
        return self.approved + self.rejected + self.returned


@dataclass(frozen=True)
class QueueOverview:
    generated_at: datetime
    today: date
    sla_days: int
    weeks: int
    since: date  # the period's first day (a Monday)
    waiting: Waiting
    days: tuple[DayDecisions, ...]  # every day of the period, oldest first
    verifiers: tuple[VerifierDecisions, ...]  # most decisions first
    times: tuple[WeekTimes, ...]  # every week of the period, oldest first
    loops: ClarificationLoops
    reasons: tuple[ReasonCount, ...]  # most frequent first
    findings: tuple[FindingCount, ...]  # most frequent first

    @property
    def decisions(self) -> int:
        return sum(day.total for day in self.days)


def overview(
    session: Session, *, weeks: int = DEFAULT_WEEKS, now: datetime | None = None
) -> QueueOverview:
    """The queue's state at ``now`` and its work over the last ``weeks`` weeks."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be 1…{MAX_WEEKS}, not {weeks}")
    now = now or utcnow()
    today = now.astimezone(UTC).date()
    since = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    bounds = period_bounds(since, today)
    postgresql = session.get_bind().dialect.name == "postgresql"
    sla = read_sla(session).value
    decided = _final_decisions(session, bounds, postgresql)
    returns = _returns(session, bounds, postgresql)
    waiting, claimed = _waiting(session, today, sla, postgresql)
    return QueueOverview(
        generated_at=now,
        today=today,
        sla_days=sla,
        weeks=weeks,
        since=since,
        waiting=waiting,
        days=_per_day(since, today, decided, returns),
        verifiers=_per_verifier(decided, returns, claimed),
        times=week_times(session, since, today),
        loops=_loops(session),
        reasons=_reasons(decided),
        findings=_findings(session, bounds, postgresql),
    )


# --- waiting requests -------------------------------------------------------------------


def bucket_bounds(sla: int) -> tuple[tuple[int, int | None], ...]:
    """The age groups of the chart: within the SLA at most :data:`WITHIN_BARS` bars
    (one a day for a short SLA), then :data:`OVERDUE_STEPS` beyond it."""
    width = max(1, math.ceil((sla + 1) / WITHIN_BARS))
    within = [(first, min(first + width - 1, sla)) for first in range(0, sla + 1, width)]
    beyond = [(sla + a, None if b is None else sla + b) for a, b in OVERDUE_STEPS]
    return (*within, *beyond)


def working_ages(days: Iterable[date], today: date) -> dict[date, int]:
    """Working days after each day up to and including ``today`` (0 for today and
    later), as :func:`.working_days.working_days_between` counts them, in one walk back
    through the calendar rather than one count per day."""
    ages: dict[date, int] = {}
    cursor, counted = today, 0
    for day in sorted(set(days), reverse=True):
        while cursor > day:
            if is_working_day(cursor):
                counted += 1
            cursor -= timedelta(days=1)
        ages[day] = counted
    return ages


def _waiting(
    session: Session, today: date, sla: int, postgresql: bool
) -> tuple[Waiting, dict[str, int]]:
    """Open requests by status, day of submission and holder of the claim."""
    request = RegistrationRequest
    # Constants in the SQL: the grouped expression reads the same in SELECT and GROUP BY.
    desk = request.status.in_([constant(status) for status in WAITING_STATUSES])
    day = case((desk, utc_day(request.submitted_at, postgresql)), else_=None).label("day")
    rows = session.execute(
        select(request.status, day, request.claimed_by, func.count())
        .where(request.status.in_((*WAITING_STATUSES, *APPLICANT_STATUSES)))
        .group_by(request.status, day, request.claimed_by)
    ).all()
    by_status: dict[str, int] = defaultdict(int)
    claimed: dict[str, int] = defaultdict(int)
    aged: dict[tuple[date, str], int] = defaultdict(int)
    for status, submitted, holder, count in rows:
        by_status[status] += count
        if status == "in_review" and holder is not None:
            claimed[holder] += count
        if status in WAITING_STATUSES:
            aged[as_date(submitted), status] += count
    ages = working_ages((submitted for submitted, _status in aged), today)
    bounds = bucket_bounds(sla)
    counts = {bound: {"pending": 0, "in_review": 0} for bound in bounds}
    overdue = due_next = 0
    for (submitted, status), count in aged.items():
        age = ages[submitted]
        overdue += count if age > sla else 0
        due_next += count if age == sla else 0
        bound = next(b for b in reversed(bounds) if age >= b[0])
        counts[bound][status] += count
    buckets = tuple(
        AgeBucket(first, last, counts[first, last]["pending"], counts[first, last]["in_review"],
                  overdue=first > sla)
        for first, last in bounds
    )  # fmt: skip
    waiting = Waiting(
        buckets=buckets,
        total=by_status["pending"] + by_status["in_review"],
        overdue=overdue,
        overdue_next_day=due_next,
        next_working_day=add_working_days(today, 1),
        oldest_days=max(ages.values(), default=None),
        returned=by_status["needs_info"],
        unconfirmed=by_status["email_unconfirmed"],
    )
    return waiting, dict(claimed)


# --- decisions --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Decided:
    """Final decisions of the period grouped by day, verifier, outcome and reason."""

    day: date
    login: str
    status: str
    reason_code: str | None
    count: int


def _final_decisions(
    session: Session, bounds: tuple[datetime, datetime], postgresql: bool
) -> list[_Decided]:
    request = RegistrationRequest
    day = utc_day(request.decided_at, postgresql).label("day")
    rows = session.execute(
        select(day, request.decided_by, request.status, request.reason_code, func.count())
        .where(
            request.status.in_(FINAL_STATUSES),
            request.decided_at >= bounds[0],
            request.decided_at < bounds[1],
        )
        .group_by(day, request.decided_by, request.status, request.reason_code)
    ).all()
    return [
        _Decided(as_date(when), login or "—", status, code, count)
        for when, login, status, code, count in rows
    ]


def _returns(
    session: Session, bounds: tuple[datetime, datetime], postgresql: bool
) -> list[tuple[date, str, int]]:
    """Returns for clarification of the period by day and verifier (the audit log's)."""
    event = AuditEvent
    day = utc_day(event.occurred_at, postgresql).label("day")
    rows = session.execute(
        select(day, event.actor, func.count())
        .where(
            event.action == RETURN_ACTION,
            event.entity == REQUEST_ENTITY,
            event.occurred_at >= bounds[0],
            event.occurred_at < bounds[1],
        )
        .group_by(day, event.actor)
    ).all()
    return [(as_date(when), actor, count) for when, actor, count in rows]


def _per_day(
    since: date, today: date, decided: list[_Decided], returns: list[tuple[date, str, int]]
) -> tuple[DayDecisions, ...]:
    tally: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in decided:
        tally[row.day][0 if row.status == "approved" else 1] += row.count
    for day, _actor, count in returns:
        tally[day][2] += count
    return tuple(
        DayDecisions(day, *tally.get(day, (0, 0, 0)))
        for day in (since + timedelta(days=n) for n in range((today - since).days + 1))
    )


def _per_verifier(
    decided: list[_Decided], returns: list[tuple[date, str, int]], claimed: dict[str, int]
) -> tuple[VerifierDecisions, ...]:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in decided:
        tally[row.login][0 if row.status == "approved" else 1] += row.count
    for _when, actor, count in returns:
        tally[actor][2] += count
    rows = []
    for login in set(tally) | set(claimed):
        approved, rejected, returned = tally.get(login, (0, 0, 0))
        rows.append(VerifierDecisions(login, approved, rejected, returned, claimed.get(login, 0)))
    return tuple(sorted(rows, key=lambda row: (-row.total, -row.in_review, row.login)))


def _reasons(decided: list[_Decided]) -> tuple[ReasonCount, ...]:
    tally: dict[str | None, int] = defaultdict(int)
    for row in decided:
        if row.status == "rejected":
            tally[row.reason_code] += row.count
    ranked = sorted(tally.items(), key=lambda item: (-item[1], item[0] or "~"))
    return tuple(ReasonCount(code, count) for code, count in ranked[:TOP_SHOWN])


# --- clarification loops, findings -------------------------------------------------------


def _loops(session: Session) -> ClarificationLoops:
    event, request = AuditEvent, RegistrationRequest
    per_request = (
        select(event.entity_id.label("request_id"), func.count().label("returns"))
        .where(event.action == RETURN_ACTION, event.entity == REQUEST_ENTITY)
        .group_by(event.entity_id)
        .subquery("per_request")
    )
    three = literal_column("3", Integer)
    times = case((per_request.c.returns >= three, three), else_=per_request.c.returns)
    grouped = select(times.label("times"), func.count()).group_by(times)
    distribution: dict[int, int] = {times: count for times, count in session.execute(grouped)}
    looped = session.execute(
        select(per_request.c.request_id, per_request.c.returns, request.status, request.org_name)
        .join(request, request.id == per_request.c.request_id)
        .where(per_request.c.returns > 1)
        .order_by(per_request.c.returns.desc(), per_request.c.request_id)
        .limit(LOOPED_SHOWN)
    ).all()
    return ClarificationLoops(
        returned_once=distribution.get(1, 0),
        returned_twice=distribution.get(2, 0),
        returned_more=distribution.get(3, 0),
        requests=tuple(LoopedRequest(*row) for row in looped),
    )


# The findings a decision recorded in its audit details; items are codes or {"code": …}.
# Anything not a list there is no snapshot and is skipped.
_FINDINGS_POSTGRESQL = text(
    f"""
SELECT code, action, count(DISTINCT id) AS decisions
  FROM (SELECT e.id, e.action, COALESCE(f.value ->> 'code', f.value #>> '{{}}') AS code
          FROM audit_event AS e
         CROSS JOIN LATERAL jsonb_array_elements(
               CASE WHEN jsonb_typeof(e.details -> '{FINDINGS_KEY}') = 'array'
                    THEN e.details -> '{FINDINGS_KEY}' END) AS f
         WHERE e.action IN ('approve', 'reject', '{RETURN_ACTION}')
           AND e.entity = '{REQUEST_ENTITY}' AND e.occurred_at >= :start
           AND e.occurred_at < :end) AS found
 WHERE code IS NOT NULL
 GROUP BY code, action
"""
).bindparams(bindparam("start", type_=UtcDateTime()), bindparam("end", type_=UtcDateTime()))
_FINDINGS_SQLITE = text(
    f"""
SELECT code, action, count(DISTINCT id) AS decisions
  FROM (SELECT e.id, e.action,
               CASE f.type WHEN 'object' THEN json_extract(f.value, '$.code')
                           WHEN 'text' THEN f.value END AS code
          FROM audit_event AS e, json_each(e.details, '$.{FINDINGS_KEY}') AS f
         WHERE e.action IN ('approve', 'reject', '{RETURN_ACTION}')
           AND e.entity = '{REQUEST_ENTITY}' AND e.occurred_at >= :start AND e.occurred_at < :end
           AND json_type(e.details, '$.{FINDINGS_KEY}') = 'array') AS found
 WHERE code IS NOT NULL
 GROUP BY code, action
"""
).bindparams(bindparam("start", type_=UtcDateTime()), bindparam("end", type_=UtcDateTime()))


def _findings(
    session: Session, bounds: tuple[datetime, datetime], postgresql: bool
) -> tuple[FindingCount, ...]:
    statement = _FINDINGS_POSTGRESQL if postgresql else _FINDINGS_SQLITE
    rows: Sequence[Any] = session.execute(statement, {"start": bounds[0], "end": bounds[1]}).all()
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for code, action, count in rows:
        tally[str(code)][DECISION_ACTIONS.index(action)] += count
    found = [FindingCount(code, *counts) for code, counts in tally.items()]
    found.sort(key=lambda item: (-item.total, item.code))
    return tuple(found[:TOP_SHOWN])
