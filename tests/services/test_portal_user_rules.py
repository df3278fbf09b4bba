"""What PostgreSQL itself enforces about portal accounts (migrations 0010 and 0011), tried
as a verifier would with psql; and the administrators' acts (services.portal_users) and the
verifiers' decisions on blocked users, on the staff roles' own connections.

The world and the staff come from test_database_rules.py: its data are written as the
tables' owner, whom the rules exempt (as the portal's intake is).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError

from lkk_admin import db
from lkk_admin.models import Counterparty
from lkk_admin.services import portal_users, queue
from lkk_admin.services.diagnosis import diagnose
from lkk_admin.services.portal_users import UserAct
from tests import factories as f
from tests.services.test_database_rules import (
    INSUFFICIENT_PRIVILEGE,
    NUMBERS,
    RECORD_RULE,
    World,
    refused,
    staff,
    world,
)

pytestmark = pytest.mark.postgres_only

__all__ = ["staff", "world"]  # fixtures, shared with test_database_rules.py

Staff = Callable[[str], tuple[Engine, str]]
SPARE = "ЭС-0014/21"  # Ромашка's, in no request: an administrator grants it


def user_of(world: World, request_id: int) -> int:
    return int(world.request(request_id).portal_user_id)


def user(world: World, user_id: int) -> Any:
    return world.one(
        "SELECT status, version, status_before_block, blocked_by, block_reason "
        "FROM portal_user WHERE id = :id",
        id=user_id,
    )


def approve(engine: Engine, login: str, request_id: int) -> None:
    factory = db.session_factory(engine)
    with factory.begin() as session:
        queue.claim(session, request_id, login)
    with factory.begin() as session:
        queue.approve(session, request_id, login)


def letters_about(world: World, user_id: int) -> list[Any]:
    with world.owner.connect() as connection:
        return list(
            connection.execute(
                text(
                    "SELECT id, to_address, template FROM mail_outbox "
                    "WHERE entity = 'portal_user' AND entity_id = :id ORDER BY id"
                ),
                {"id": user_id},
            )
        )


def as_admin(engine: Engine, action: Callable[..., UserAct], *args: Any, **kwargs: Any) -> UserAct:
    with db.session_factory(engine).begin() as session:
        return action(session, *args, **kwargs)


@pytest.fixture
def blocked(world: World, staff: Staff) -> tuple[Engine, str, int]:
    """An administrator, and the applicant of the first request, blocked by them."""
    admin, login = staff("admin")
    user_id = user_of(world, world.requests[0])
    as_admin(admin, portal_users.block, user_id, login, "Обращение организации")
    return admin, login, user_id


# A verifier by hand -------------------------------------------------------------------


def test_a_verifier_cannot_block_a_user(world: World, staff: Staff) -> None:
    verifier, _login = staff("verifier")
    user_id = user_of(world, world.requests[0])
    message = refused(
        verifier,
        RECORD_RULE,
        "UPDATE portal_user SET status = 'blocked' WHERE id = :id",
        id=user_id,
    )
    assert "блокирует и разблокирует только администратор" in message
    for column in ("blocked_by", "block_reason", "status_before_block"):
        refused(
            verifier,
            INSUFFICIENT_PRIVILEGE,
            f"UPDATE portal_user SET {column} = 'x' WHERE id = :id",
            id=user_id,
        )
    assert user(world, user_id).status == "pending"
    assert world.database_events() == []


def test_a_verifier_cannot_unblock_a_user(
    world: World, staff: Staff, blocked: tuple[Engine, str, int]
) -> None:
    verifier, _login = staff("verifier")
    _admin, _admin_login, user_id = blocked
    for status in ("active", "pending"):
        refused(
            verifier,
            RECORD_RULE,
            "UPDATE portal_user SET status = :status WHERE id = :id",
            id=user_id,
            status=status,
        )
    refused(
        verifier,
        INSUFFICIENT_PRIVILEGE,
        "UPDATE portal_user SET blocked_at = NULL, blocked_by = NULL WHERE id = :id",
        id=user_id,
    )
    assert user(world, user_id).status == "blocked"
    assert world.database_events() == []


def test_a_verifier_cannot_revoke_access(world: World, staff: Staff) -> None:
    verifier, login = staff("verifier")
    approve(verifier, login, world.requests[0])
    for statement in (
        "UPDATE contract_access SET revoked_at = now()",
        "UPDATE contract_access SET revoked_at = now(), revoked_by = 'x', revoke_reason = 'x'",
        "UPDATE contract_access SET revoke_reason = 'Договор расторгнут'",
    ):
        refused(verifier, INSUFFICIENT_PRIVILEGE, statement)
    assert world.one("SELECT count(*) AS live FROM contract_access WHERE revoked_at IS NULL").live
    assert world.database_events() == []


def test_a_verifier_calling_the_administrators_acts_is_refused_by_the_database(
    world: World, staff: Staff
) -> None:
    verifier, login = staff("verifier")
    user_id = user_of(world, world.requests[0])
    with pytest.raises(DBAPIError) as caught:
        as_admin(verifier, portal_users.block, user_id, login, "Взлом")
    problem = diagnose(caught.value)
    assert problem is not None and problem.message.startswith("Недостаточно прав")
    assert user(world, user_id).status == "pending"
    assert letters_about(world, user_id) == []


# The verifiers' decisions on blocked users ------------------------------------------


def test_the_verifiers_approve_and_reject_keep_working_and_leave_a_block_alone(
    world: World, staff: Staff
) -> None:
    admin, admin_login = staff("admin")
    verifier, login = staff("verifier")
    approved, rejected, ordinary = world.requests[:3]
    for request_id in (approved, rejected):
        as_admin(admin, portal_users.block, user_of(world, request_id), admin_login, "Взлом")
    read = {
        request_id: user(world, user_of(world, request_id)).version
        for request_id in (approved, rejected, ordinary)
    }

    approve(verifier, login, approved)
    factory = db.session_factory(verifier)
    with factory.begin() as session:
        queue.claim(session, rejected, login)
    with factory.begin() as session:
        queue.reject(session, rejected, login, "Не подтверждены полномочия", "NO_AUTHORITY")
    approve(verifier, login, ordinary)

    assert world.request(approved).status == "approved"
    assert world.request(rejected).status == "rejected"
    assert world.request(approved).user_status == world.request(rejected).user_status == "blocked"
    assert world.request(ordinary).user_status == "active"
    # An approval changes what the user sees: the user's version moves with it.
    assert user(world, user_of(world, approved)).version == read[approved] + 1
    assert user(world, user_of(world, ordinary)).version == read[ordinary] + 1
    granted = world.one(
        "SELECT count(*) AS live FROM contract_access WHERE portal_user_id = :id "
        "AND revoked_at IS NULL",
        id=user_of(world, approved),
    )
    assert granted.live == len(NUMBERS)
    assert world.database_events() == []


# The administrators' acts as an administrator ---------------------------------------


def test_the_administrators_acts_work_as_that_role_each_logged_once_with_one_letter(
    world: World, staff: Staff
) -> None:
    verifier, verifier_login = staff("verifier")
    admin, login = staff("admin")
    with db.session_factory(world.owner).begin() as session:
        romashka = session.scalars(
            select(Counterparty).where(Counterparty.inn == f.ROMASHKA_INN)
        ).one()
        f.contract(session, romashka, SPARE)
    request_id = world.requests[0]
    approve(verifier, verifier_login, request_id)
    user_id = user_of(world, request_id)
    email = world.request(request_id).email

    acts: list[UserAct] = []
    current = user(world, user_id).version
    for action, args in (
        (portal_users.block, (user_id, login, "Передача пароля")),
        (portal_users.grant, (user_id, login, SPARE, "Письмо организации № 7")),
        (portal_users.unblock, (user_id, login)),
        (portal_users.revoke, (user_id, login, [NUMBERS[0], "эс 0014/21"], "Расторгнут")),
    ):
        done = as_admin(admin, action, *args, expected_version=current)
        acts.append(done)
        current = done.version

    assert [act.status for act in acts] == ["blocked", "blocked", "active", "active"]
    assert current == user(world, user_id).version
    events = world.events("portal_user", user_id)
    assert [(e.actor, e.action) for e in events] == [
        (login, "block_user"),
        (login, "grant_access"),
        (login, "unblock_user"),
        (login, "revoke_access"),
    ]
    assert all(e.details.get("by") != "database" for e in events)
    assert [e.details["mail_outbox_id"] for e in events] == [act.mail_outbox_id for act in acts]
    assert world.database_events() == []
    letters = letters_about(world, user_id)
    assert [(row.id, row.to_address) for row in letters] == [
        (act.mail_outbox_id, email) for act in acts
    ]
    assert [row.template for row in letters] == [
        "portal_user_blocked",
        "portal_access_granted",
        "portal_user_unblocked",
        "portal_access_revoked",
    ]
    # The database stamped who granted and revoked, and when.
    rows = world_rows(
        world,
        "SELECT c.number, a.granted_by, a.grant_reason, a.revoked_by, a.revoke_reason "
        "FROM contract_access a JOIN contract c ON c.id = a.contract_id "
        "WHERE a.portal_user_id = :id ORDER BY a.id",
        id=user_id,
    )
    assert [(row.number, row.granted_by, row.revoked_by) for row in rows] == [
        (NUMBERS[0], verifier_login, login),
        (NUMBERS[1], verifier_login, None),
        (SPARE, login, login),
    ]
    assert rows[2].grant_reason == "Письмо организации № 7"
    assert {rows[0].revoke_reason, rows[2].revoke_reason} == {"Расторгнут"}


def test_a_letter_without_the_act_is_still_refused_for_an_administrator(
    world: World, staff: Staff, blocked: tuple[Engine, str, int]
) -> None:
    admin, _login, user_id = blocked
    email = world.request(world.requests[0]).email
    message = refused(
        admin,
        "LK003",
        "INSERT INTO mail_outbox (to_address, subject, body_text, body_html, template, entity, "
        "entity_id, status, attempts, next_attempt_at, created_at) VALUES (:to, 'Разблокирована',"
        " 'x', 'x', 'portal_user_unblocked', 'portal_user', :id, 'pending', 0, now(), now())",
        to=email,
        id=user_id,
    )
    assert "Письмо не принято в очередь" in message
    assert len(letters_about(world, user_id)) == 1  # the block's own


def world_rows(world: World, sql: str, **params: Any) -> list[Any]:
    with world.owner.connect() as connection:
        return list(connection.execute(text(sql), params))
