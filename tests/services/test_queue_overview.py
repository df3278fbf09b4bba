"""The supervisor's overview of the queue, on SQLite and PostgreSQL: requests made by the
portal's intake and decided by the queue's own functions at controlled times."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, text, update
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.models import AuditEvent, RegistrationRequest
from lkk_admin.models.base import utcnow
from lkk_admin.services import excel_export, queue, queue_events, queue_overview
from lkk_admin.services.decision_times import interpolate
from lkk_admin.services.intake import confirm_email, submit_registration
from lkk_admin.services.queue_overview import bucket_bounds, overview, working_ages
from lkk_admin.services.working_days import working_days_between
from tests import factories as f


@pytest.fixture
def registry(factory: sessionmaker[Session]) -> sessionmaker[Session]:
    with factory.begin() as session:
        romashka = f.counterparty(session)
        f.contract(session, romashka, "ЭС-0012/21")
    return factory


def submitted(
    registry: sessionmaker[Session], when: datetime, *, confirmed: timedelta | None = None
) -> int:
    """A request submitted at ``when``, its e-mail confirmed ``confirmed`` later."""
    with registry.begin() as session:
        request_id = submit_registration(session, f.form(), submitted_at=when)
        if confirmed is not None:
            confirm_email(session, request_id, confirmed_at=when + confirmed)
    return request_id


def claimed(registry: sessionmaker[Session], request_id: int, actor: str, when: datetime) -> None:
    with registry.begin() as session:
        queue.claim(session, request_id, actor, now=when)


def applicant_answered(registry: sessionmaker[Session], request_id: int) -> None:
    """The portal puts a clarified request back in the queue."""
    with registry.begin() as session:
        session.execute(
            update(RegistrationRequest)
            .where(RegistrationRequest.id == request_id)
            .values(status="pending", version=RegistrationRequest.version + 1)
        )


def audit_actor(session: Session, given: str) -> str:
    """Who the audit log names: on PostgreSQL the database user, whatever was given."""
    if session.get_bind().dialect.name == "postgresql":
        return str(session.scalar(text("SELECT session_user")))
    return given


def test_working_ages_count_as_the_calendar_does() -> None:
    today = date(2026, 3, 11)
    days = [today - timedelta(days=n) for n in range(0, 80, 3)] + [today + timedelta(days=2)]
    ages = working_ages(days, today)
    assert ages == {day: working_days_between(day, today) for day in days}
    assert ages[date(2026, 3, 5)] == 3  # the 9th was the day off for the 8th of March


def test_age_groups_follow_the_sla() -> None:
    assert bucket_bounds(2) == ((0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 7), (8, 12), (13, None))
    long = bucket_bounds(20)
    assert long[:6] == ((0, 3), (4, 7), (8, 11), (12, 15), (16, 19), (20, 20))
    assert long[6:] == ((21, 21), (22, 22), (23, 25), (26, 30), (31, None))


def test_waiting_requests_by_working_day_age_against_the_sla(
    registry: sessionmaker[Session],
) -> None:
    now = datetime(2026, 3, 11, 10, 0, tzinfo=UTC)  # a Wednesday; the 9th was a holiday
    at = {
        "today": datetime(2026, 3, 11, 8, 0, tzinfo=UTC),  # 0 working days
        "yesterday": datetime(2026, 3, 10, 15, 0, tzinfo=UTC),  # 1
        "friday": datetime(2026, 3, 6, 9, 0, tzinfo=UTC),  # 2: due, overdue tomorrow
        "thursday": datetime(2026, 3, 5, 9, 0, tzinfo=UTC),  # 3: overdue
        "february": datetime(
            2026, 2, 16, 9, 0, tzinfo=UTC
        ),  # 15 (the 23rd was a holiday): long overdue
    }
    minute = timedelta(minutes=1)
    for when in at.values():
        submitted(registry, when, confirmed=minute)
    submitted(registry, at["friday"], confirmed=minute)
    in_review = submitted(registry, at["february"], confirmed=minute)
    claimed(registry, in_review, "verifier1", now)
    returned = submitted(registry, at["thursday"], confirmed=minute)
    claimed(registry, returned, "verifier2", now - timedelta(hours=1))
    with registry.begin() as session:
        queue.return_for_clarification(session, returned, "verifier2", "Уточните КПП.", now=now)
    submitted(registry, at["yesterday"])  # e-mail never confirmed

    with registry() as session:
        seen = overview(session, now=now)
    waiting = seen.waiting
    assert seen.sla_days == 2 and seen.today == date(2026, 3, 11)
    assert (waiting.total, waiting.overdue, waiting.overdue_next_day) == (7, 3, 2)
    assert waiting.next_working_day == date(2026, 3, 12)
    assert waiting.oldest_days == 15
    assert (waiting.returned, waiting.unconfirmed) == (1, 1)
    by_label = {bucket.label: (bucket.pending, bucket.in_review) for bucket in waiting.buckets}
    assert by_label == {
        "0": (1, 0), "1": (1, 0), "2": (2, 0), "3": (1, 0), "4": (0, 0),
        "5–7": (0, 0), "8–12": (0, 0), "13+": (1, 1),
    }  # fmt: skip
    assert [bucket.overdue for bucket in waiting.buckets] == [False] * 3 + [True] * 5
    # The return was logged when the test ran, after the overview's "now": not counted.
    assert [(row.login, row.in_review, row.total) for row in seen.verifiers] == [
        ("verifier1", 1, 0)
    ]


def test_decisions_per_day_and_verifier_loops_and_reasons(
    registry: sessionmaker[Session],
) -> None:
    now = utcnow()
    two_days_ago, yesterday = now - timedelta(days=2), now - timedelta(days=1)
    week_ago = now - timedelta(days=7)

    approved = submitted(registry, week_ago, confirmed=timedelta(hours=1))
    claimed(registry, approved, "verifier1", two_days_ago - timedelta(minutes=5))
    with registry.begin() as session:
        queue.approve(session, approved, "verifier1", now=two_days_ago)
    for code in ("INN_NOT_FOUND", None):
        rejected = submitted(registry, week_ago, confirmed=timedelta(hours=1))
        claimed(registry, rejected, "verifier2", yesterday - timedelta(minutes=5))
        with registry.begin() as session:
            queue.reject(session, rejected, "verifier2", "Не найдена.", code, now=yesterday)
    # Returned twice, then approved: the request's columns keep only the approval.
    looped = submitted(registry, week_ago, confirmed=timedelta(hours=1))
    for _ in range(2):
        claimed(registry, looped, "verifier2", now - timedelta(minutes=10))
        with registry.begin() as session:
            queue.return_for_clarification(session, looped, "verifier2", "Уточните.", now=now)
        applicant_answered(registry, looped)
    claimed(registry, looped, "verifier1", now - timedelta(minutes=2))
    with registry.begin() as session:
        queue.approve(session, looped, "verifier1", now=now - timedelta(minutes=1))
    once = submitted(registry, week_ago, confirmed=timedelta(hours=1))
    claimed(registry, once, "verifier1", now - timedelta(minutes=3))
    with registry.begin() as session:
        queue.return_for_clarification(session, once, "verifier1", "Уточните.", now=now)

    with registry() as session:
        seen = overview(session, now=now)
        returner_2, returner_1 = (
            audit_actor(session, "verifier2"),
            audit_actor(session, "verifier1"),
        )
    by_day = {day.day: (day.approved, day.rejected, day.returned) for day in seen.days}
    assert by_day[two_days_ago.date()] == (1, 0, 0)
    assert by_day[yesterday.date()][1:] == (2, 0)
    assert by_day[now.date()][1:] == (0, 3)  # the audit log's returns, stamped when made
    assert sum(day.approved for day in seen.days) == 2
    assert seen.decisions == 2 + 2 + 3
    assert seen.days[0].day == seen.since and seen.days[-1].day == seen.today
    assert seen.since.weekday() == 0 and (seen.today - seen.since).days // 7 == 5

    tally: dict[str, list[int]] = {}
    for row in seen.verifiers:
        tally[row.login] = [row.approved, row.rejected, row.returned]
    expected: dict[str, list[int]] = {"verifier1": [2, 0, 0], "verifier2": [0, 2, 0]}
    expected.setdefault(returner_2, [0, 0, 0])[2] += 2
    expected.setdefault(returner_1, [0, 0, 0])[2] += 1
    assert tally == expected

    loops = seen.loops
    assert (loops.returned_once, loops.returned_twice, loops.returned_more) == (1, 1, 0)
    assert loops.more_than_once == 1
    assert [(r.request_id, r.returns, r.status) for r in loops.requests] == [
        (looped, 2, "approved")
    ]
    assert [(reason.code, reason.count) for reason in seen.reasons] == [
        ("INN_NOT_FOUND", 1),
        (None, 1),
    ]


def test_time_to_decision_median_and_90th_percentile_per_week(
    registry: sessionmaker[Session],
) -> None:
    now = utcnow()
    this_monday = now.date() - timedelta(days=now.weekday())
    last_week = datetime.combine(this_monday - timedelta(days=5), datetime.min.time(), UTC)
    decided_at = last_week + timedelta(hours=12)  # last week's Wednesday, noon
    hours = [1, 2, 3, 4, 10]
    for number, waited in enumerate(hours):
        request_id = submitted(
            registry, decided_at - timedelta(hours=waited), confirmed=timedelta(minutes=30)
        )
        claimed(registry, request_id, "verifier1", decided_at - timedelta(minutes=1))
        with registry.begin() as session:
            if number % 2:
                queue.reject(session, request_id, "verifier1", "Нет.", now=decided_at)
            else:
                queue.approve(session, request_id, "verifier1", now=decided_at)
    with registry() as session:
        seen = overview(session, now=now, weeks=3)
    assert [week.week for week in seen.times] == [
        this_monday - timedelta(weeks=2),
        this_monday - timedelta(weeks=1),
        this_monday,
    ]
    week = seen.times[1]
    assert (week.decisions, week.confirmed) == (5, 5)
    assert week.median_hours == pytest.approx(3, abs=1e-6)
    assert week.p90_hours == pytest.approx(4 + 0.6 * 6, abs=1e-6)  # percentile_cont
    assert week.confirmed_median_hours == pytest.approx(2.5, abs=1e-6)
    assert week.confirmed_p90_hours == pytest.approx(7.1, abs=1e-6)
    assert seen.times[0].decisions == 0 and seen.times[0].median_hours is None


def test_interpolation_is_percentile_cont() -> None:
    values = [1.0, 2.0, 3.0, 4.0, 10.0]
    assert interpolate(dict(enumerate(values)), 5, 0.9) == pytest.approx(7.6)
    assert interpolate({0: 5.0}, 1, 0.9) == 5.0
    assert interpolate({}, 0, 0.5) is None


def test_finding_codes_come_from_the_decisions_snapshots(
    registry: sessionmaker[Session],
) -> None:
    key = queue_overview.FINDINGS_KEY
    snapshots = [
        ("reject", {key: [{"code": "KPP_MISMATCH", "severity": "error"}, "NAME_MISMATCH"]}),
        ("reject", {key: [{"code": "KPP_MISMATCH"}, {"code": "KPP_MISMATCH"}]}),  # one decision
        ("return_for_clarification", {key: ["NAME_MISMATCH"]}),
        ("approve", {key: [{"code": "FREE_MAIL_DOMAIN"}], "granted": ["ЭС-0012/21"]}),
        ("approve", {"granted": ["ЭС-0012/21"]}),  # recorded without a snapshot
        ("reject", {key: {"code": "KPP_MISMATCH"}}),  # not a list: no snapshot
        ("claim", {key: ["KPP_MISMATCH"]}),  # not a decision
    ]
    with registry.begin() as session:
        for number, (action, details) in enumerate(snapshots, start=1):
            session.add(
                AuditEvent(
                    actor="verifier1",
                    action=action,
                    entity="registration_request",
                    entity_id=number,
                    details=details,
                )
            )
    with registry() as session:
        seen = overview(session)
    assert [(c.code, c.approved, c.rejected, c.returned) for c in seen.findings] == [
        ("KPP_MISMATCH", 0, 2, 0),
        ("NAME_MISMATCH", 0, 1, 1),
        ("FREE_MAIL_DOMAIN", 1, 0, 0),
    ]


def test_an_empty_queue_has_an_overview_of_zeros(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        seen = overview(session, weeks=1)
    assert seen.waiting.total == 0 and seen.waiting.oldest_days is None
    assert all(bucket.count == 0 for bucket in seen.waiting.buckets)
    assert len(seen.days) == seen.today.weekday() + 1 and seen.decisions == 0
    assert len(seen.times) == 1 and seen.times[0].median_hours is None
    assert seen.verifiers == () and seen.reasons == () and seen.findings == ()
    assert seen.loops.requests == () and seen.loops.more_than_once == 0
    with pytest.raises(ValueError, match="weeks"):
        overview(session, weeks=0)


@pytest.mark.postgres_only
def test_a_verifier_may_read_the_overview_and_record_its_export(
    as_staff: Callable[[str], Engine],
) -> None:
    factory = db.session_factory(as_staff("verifier"))
    with factory() as session:
        seen = overview(session)
        assert queue_events.fingerprint(session)[0] == 0
    assert seen.waiting.total == 0
    with factory.begin() as session:
        excel_export.audit_export(
            session, "ignored", section="queue_overview", rows=3, query_description={},
            file_name="обзор.xlsx",
        )  # fmt: skip
