"""The organisation's review deadline: two working days until an administrator sets
another; one value for every desk, audited, refused outside 1–60 working days."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.models import AuditEvent, OrganisationSetting
from lkk_admin.services import audit_log
from lkk_admin.services.errors import ConflictError, DomainError
from lkk_admin.services.review_sla import (
    DEFAULT_WORKING_DAYS,
    REVIEW_SLA_KEY,
    due_date,
    read_sla,
    save_sla,
)


def test_until_set_a_decision_is_due_within_two_working_days(
    factory: sessionmaker[Session],
) -> None:
    with factory() as session:
        sla = read_sla(session)
    assert (sla.value, sla.version, sla.updated_by) == (DEFAULT_WORKING_DAYS, None, None)
    assert DEFAULT_WORKING_DAYS == 2


def test_a_saved_deadline_is_read_back_and_audited(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        first = save_sla(session, 3, "ivanova", expected_version=None)
    with factory.begin() as session:
        second = save_sla(session, 5, "petrov", expected_version=first.version)
    with factory() as session:
        sla = read_sla(session)
        audit = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert (sla.value, sla.version, sla.updated_by) == (5, second.version, "petrov")
    assert sla.updated_at is not None
    # (The actor is the database user on PostgreSQL: the database stamps it.)
    assert [(e.action, e.entity, e.details["key"]) for e in audit] == [
        ("organisation_setting_changed", "organisation_setting", REVIEW_SLA_KEY),
    ] * 2
    assert [(e.details["before"], e.details["after"]) for e in audit] == [
        (None, {"working_days": 3}),
        ({"working_days": 3}, {"working_days": 5}),
    ]
    # The audit log names the setting in Russian.
    last = audit[-1]
    assert audit_log.summarize(last.action, last.entity_id, last.details) == (
        "Настройка «Срок рассмотрения заявки»: 3 → 5"
    )


@pytest.mark.parametrize("days", [0, -1, 61])
def test_a_deadline_outside_one_to_sixty_days_is_refused_and_nothing_written(
    factory: sessionmaker[Session], days: int
) -> None:
    with pytest.raises(DomainError) as refused, factory.begin() as session:
        save_sla(session, days, "ivanova", expected_version=None)
    assert refused.value.code == "BAD_SLA"
    assert "от 1 до 60 рабочих дней" in str(refused.value)
    with factory() as session:
        assert session.scalars(select(OrganisationSetting)).all() == []
        assert session.scalars(select(AuditEvent)).all() == []


def test_a_save_from_an_older_read_is_refused(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        save_sla(session, 3, "ivanova", expected_version=None)
    with pytest.raises(ConflictError) as refused, factory.begin() as session:
        save_sla(session, 10, "petrov", expected_version=None)
    assert "другой администратор (ivanova)" in str(refused.value)
    with factory() as session:
        assert read_sla(session).value == 3


@pytest.mark.parametrize("stored", [{"working_days": 0}, {"working_days": "soon"}, {}])
def test_a_damaged_deadline_reads_as_the_default(
    factory: sessionmaker[Session], stored: dict[str, object]
) -> None:
    with factory.begin() as session:
        save_sla(session, 7, "ivanova", expected_version=None)
        session.execute(
            update(OrganisationSetting).values(value=stored),
            execution_options={"synchronize_session": False},
        )
    with factory() as session:
        assert read_sla(session).value == DEFAULT_WORKING_DAYS


def test_the_due_date_counts_working_days_of_the_production_calendar() -> None:
    assert due_date(date(2026, 3, 2), 2) == date(2026, 3, 4)  # Monday → Wednesday
    assert due_date(date(2026, 3, 6), 2) == date(2026, 3, 11)  # Friday; 9 March is off
    assert due_date(date(2025, 12, 30), 2) == date(2026, 1, 13)  # over the New Year


def test_every_staff_member_reads_it_and_only_administrators_change_it(
    as_staff: Callable[[str], Engine],
) -> None:
    with db.session_factory(as_staff("admin")).begin() as session:
        saved = save_sla(session, 4, "admin", expected_version=None)
    for role in ("verifier", "editor"):
        factory = db.session_factory(as_staff(role))
        with factory() as session:
            assert read_sla(session).value == 4
        with pytest.raises(ProgrammingError) as refused, factory.begin() as session:
            save_sla(session, 9, role, expected_version=saved.version)
        assert getattr(refused.value.orig, "sqlstate", None) == "42501"
