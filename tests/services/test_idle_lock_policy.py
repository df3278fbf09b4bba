"""The organisation's idle-lock policy: 15 minutes until an administrator sets another;
a desk may lock sooner, never later and never not at all."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.models import AuditEvent, OrganisationSetting
from lkk_admin.services import connection
from lkk_admin.services.errors import ConflictError, DomainError
from lkk_admin.services.idle_lock_policy import (
    DEFAULT_MINUTES,
    effective_minutes,
    read_policy,
    save_policy,
)


def test_until_set_desks_lock_after_fifteen_minutes(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        policy = read_policy(session)
    assert (policy.value, policy.version) == (DEFAULT_MINUTES, None) == (15, None)


def test_a_saved_policy_is_read_back_and_audited(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        first = save_policy(session, 10, "ivanova", expected_version=None)
    with factory.begin() as session:
        save_policy(session, 30, "petrov", expected_version=first.version)
    with factory() as session:
        policy = read_policy(session)
        audit = session.scalars(select(AuditEvent)).all()
    assert (policy.value, policy.updated_by) == (30, "petrov")
    assert [(e.details["before"], e.details["after"]) for e in audit] == [
        (None, {"minutes": 10}),
        ({"minutes": 10}, {"minutes": 30}),
    ]


@pytest.mark.parametrize("minutes", [0, -5, 24 * 60 + 1])
def test_no_lock_or_more_than_a_day_is_refused_and_nothing_written(
    factory: sessionmaker[Session], minutes: int
) -> None:
    with pytest.raises(DomainError) as refused, factory.begin() as session:
        save_policy(session, minutes, "ivanova", expected_version=None)
    assert "от 1 до 1440 минут" in str(refused.value)
    with factory() as session:
        assert session.scalars(select(OrganisationSetting)).all() == []


def test_a_save_from_an_older_read_is_refused(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        save_policy(session, 10, "ivanova", expected_version=None)
    with pytest.raises(ConflictError) as refused, factory.begin() as session:
        save_policy(session, 60, "petrov", expected_version=None)
    assert "другой администратор (ivanova)" in str(refused.value)
    with factory() as session:
        assert read_policy(session).value == 10


def test_a_damaged_policy_keeps_the_default_rather_than_no_lock(
    factory: sessionmaker[Session],
) -> None:
    with factory.begin() as session:
        save_policy(session, 10, "ivanova", expected_version=None)
        session.execute(
            update(OrganisationSetting).values(value={"minutes": 0}),
            execution_options={"synchronize_session": False},
        )
    with factory() as session:
        assert read_policy(session).value == DEFAULT_MINUTES


@pytest.mark.parametrize(
    ("preferred", "policy", "minutes"),
    [(None, 15, 15), (5, 15, 5), (15, 15, 15), (20, 15, 15), (0, 15, 15), (-1, 30, 30)],
)
def test_a_desk_locks_sooner_at_most(preferred: int | None, policy: int, minutes: int) -> None:
    assert effective_minutes(preferred, policy) == minutes


def test_every_staff_member_reads_it_at_login_and_only_administrators_change_it(
    as_staff: Callable[[str], Engine], pg_url: str
) -> None:
    with db.session_factory(as_staff("admin")).begin() as session:
        save_policy(session, 5, "admin", expected_version=None)
    for role in ("verifier", "editor"):
        engine = as_staff(role)
        info = connection.connect_url(engine.url)
        info.dispose()
        assert info.idle_lock_minutes == 5
        with (
            pytest.raises(ProgrammingError) as refused,
            db.session_factory(engine).begin() as session,
        ):
            save_policy(session, 600, role, expected_version=1)
        assert getattr(refused.value.orig, "sqlstate", None) == "42501"
