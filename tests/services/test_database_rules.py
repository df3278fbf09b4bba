"""What PostgreSQL itself enforces (migration 0010), tried with a plain SQL connection as a
verifier, an editor and an administrator would with psql; and the application's own
decisions, acts and mail delivery under the same rules, on staff roles' own connections.

The fixtures' data are written as the tables' owner (the test server's superuser), which
the rules exempt, as the portal's intake and the demo generator are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.exc import DBAPIError, InvalidRequestError
from sqlalchemy.orm import Session

from lkk_admin import db
from lkk_admin.models import (
    AuditEvent,
    ContractAccess,
    MailOutbox,
    PortalUser,
    RegistrationRequest,
)
from lkk_admin.services import mail_delivery, outbox, queue
from lkk_admin.services.diagnosis import diagnose
from lkk_admin.services.mail_settings import MailSettings
from lkk_admin.services.portal_link import save_portal_link
from tests import factories as f
from tests.smtp import RecordingSmtpServer

pytestmark = pytest.mark.postgres_only

INSUFFICIENT_PRIVILEGE = "42501"
CLAIM_RULE = "LK001"
RECORD_RULE = "LK002"
LETTER_RULE = "LK003"
NUMBERS = ("ЭС-0012/21", "ЭС-0013/21")
DECISION_ACTIONS = {
    "approved": "approve",
    "rejected": "reject",
    "needs_info": "return_for_clarification",
}
ENTITY = "mail_outbox"
MAIL_COLUMNS = (
    "to_address, to_name, subject, body_text, body_html, template, entity, entity_id, "
    "status, attempts, next_attempt_at, created_at"
)


@dataclass(frozen=True)
class World:
    owner: Engine
    requests: list[int]  # confirmed, pending, each with its own applicant
    contract_ids: list[int]

    def one(self, sql: str, **params: Any) -> Any:
        with self.owner.connect() as connection:
            return connection.execute(text(sql), params).one()

    def request(self, request_id: int) -> Any:
        return self.one(
            "SELECT r.status, r.claimed_by, r.claimed_at, r.decided_by, r.decided_at, "
            "r.portal_user_id, u.email, u.status AS user_status "
            "FROM registration_request r JOIN portal_user u ON u.id = r.portal_user_id "
            "WHERE r.id = :id",
            id=request_id,
        )

    def events(self, entity: str, entity_id: int) -> list[Any]:
        with self.owner.connect() as connection:
            return list(
                connection.execute(
                    text(
                        "SELECT actor, action, details FROM audit_event "
                        "WHERE entity = :entity AND entity_id = :id ORDER BY id"
                    ),
                    {"entity": entity, "id": entity_id},
                )
            )

    def database_events(self) -> list[Any]:
        with self.owner.connect() as connection:
            return list(
                connection.execute(
                    text(
                        "SELECT actor, action, entity, entity_id FROM audit_event "
                        "WHERE details ->> 'by' = 'database' ORDER BY id"
                    )
                )
            )


@pytest.fixture
def world(pg_engine: Engine) -> World:
    with db.session_factory(pg_engine).begin() as session:
        romashka = f.counterparty(session)
        contracts = [f.contract(session, romashka, number) for number in NUMBERS]
        requests = [f.registration(session, contract_numbers=list(NUMBERS)) for _ in range(4)]
        return World(pg_engine, requests, [contract.id for contract in contracts])


@pytest.fixture
def staff(as_staff: Callable[[str], Engine]) -> Iterator[Callable[[str], tuple[Engine, str]]]:
    """``staff(role)``: a new staff member's engine and login."""

    def member(role: str) -> tuple[Engine, str]:
        engine = as_staff(role)
        with engine.connect() as connection:
            return engine, str(connection.execute(text("SELECT session_user")).scalar_one())

    yield member


def run(engine: Engine, *statements: str, **params: Any) -> None:
    """The statements in one transaction, committed."""
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement), params)


def refused(engine: Engine, sqlstate: str, *statements: str, **params: Any) -> str:
    """The statements in one transaction are refused with ``sqlstate`` (at the latest when
    it commits); the server's message."""
    with pytest.raises(DBAPIError) as caught, engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement), params)
    original = caught.value.orig
    assert getattr(original, "sqlstate", None) == sqlstate, caught.value
    return str(original.diag.message_primary)  # type: ignore[union-attr]


CLAIM = (
    "UPDATE registration_request SET status = 'in_review', claimed_by = 'someone_else', "
    "claimed_at = '2000-01-01', claim_expires_at = now() + interval '15 minutes' "
    "WHERE id = :id"
)
APPROVE = (
    "UPDATE registration_request SET status = 'approved', decided_by = 'someone_else', "
    "decided_at = '2000-01-01', claimed_by = NULL, claimed_at = NULL, "
    "claim_expires_at = NULL WHERE id = :id"
)
REJECT = APPROVE.replace("'approved'", "'rejected'")


def letter(to: str = "attacker@example.com", entity: str = "'registration_request'") -> str:
    return (
        f"INSERT INTO mail_outbox ({MAIL_COLUMNS}) VALUES ('{to}', 'Иванов', "
        "'Доступ открыт', 'Перейдите по ссылке', '<a href=\"https://evil\">войти</a>', "
        f"'registration_approved', {entity}, :id, 'pending', 0, now(), now())"
    )


# Privileges ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["verifier", "editor", "admin"])
def test_no_staff_role_reads_or_writes_password_hashes(
    staff: Callable[[str], tuple[Engine, str]], world: World, role: str
) -> None:
    engine, _login = staff(role)
    refused(engine, INSUFFICIENT_PRIVILEGE, "SELECT password_hash FROM portal_user")
    refused(engine, INSUFFICIENT_PRIVILEGE, "SELECT * FROM portal_user")
    refused(engine, INSUFFICIENT_PRIVILEGE, "UPDATE portal_user SET password_hash = 'x'")
    if role == "editor":
        return
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(login) FROM portal_user")).scalar() == 4


def test_the_application_loads_portal_users_without_their_password_hash(
    staff: Callable[[str], tuple[Engine, str]], world: World
) -> None:
    engine, _login = staff("verifier")
    with db.session_factory(engine)() as session:
        request = session.get_one(RegistrationRequest, world.requests[0])
        user = request.user
        assert user.email.endswith("@romashka.ru")
        assert session.get_one(PortalUser, user.id).status == "pending"
        with pytest.raises(InvalidRequestError):
            _ = user.password_hash  # raiseload: never a query for it


def test_verifiers_change_only_what_the_queue_writes(
    staff: Callable[[str], tuple[Engine, str]], world: World
) -> None:
    verifier, _login = staff("verifier")
    admin, _admin_login = staff("admin")
    rewrites = (
        "UPDATE mail_outbox SET to_address = 'attacker@example.com'",
        "UPDATE mail_outbox SET body_html = '<p>Оплатите по новым реквизитам</p>'",
        "UPDATE registration_request SET org_name = 'ООО «Другое»'",
    )
    for engine in (verifier, admin):
        for statement in (
            "UPDATE registration_request SET inn = '7707083893'",
            "UPDATE registration_request SET portal_user_id = 1",
            "UPDATE registration_contract SET number_as_typed = 'ЭС-9999/99'",
            "UPDATE contract_access SET contract_id = 1",
            "UPDATE mail_outbox SET subject = 'x', template = 'y', entity_id = 1",
        ):
            refused(engine, INSUFFICIENT_PRIVILEGE, statement)
    for statement in rewrites:
        refused(verifier, INSUFFICIENT_PRIVILEGE, statement)
    # Administrators may anonymise a request (retention), nothing else.
    refused(admin, "LK004", rewrites[-1])


@pytest.mark.parametrize("role", ["verifier", "editor", "admin"])
def test_the_audit_log_stays_append_only(
    staff: Callable[[str], tuple[Engine, str]], role: str
) -> None:
    engine, login = staff(role)
    run(
        engine,
        "INSERT INTO audit_event (actor, action, entity, details) "
        "VALUES ('someone_else', 'note', 'test', '{}')",
    )
    refused(engine, INSUFFICIENT_PRIVILEGE, "UPDATE audit_event SET action = 'forged'")
    refused(engine, INSUFFICIENT_PRIVILEGE, "DELETE FROM audit_event")
    refused(engine, INSUFFICIENT_PRIVILEGE, "TRUNCATE audit_event")
    with engine.connect() as connection:
        actors = connection.execute(text("SELECT actor FROM audit_event WHERE action = 'note'"))
        assert actors.scalars().all() == [login]


def test_an_editor_cannot_touch_requests_access_or_letters(
    staff: Callable[[str], tuple[Engine, str]], world: World
) -> None:
    editor, _login = staff("editor")
    request_id = world.requests[0]
    refused(editor, INSUFFICIENT_PRIVILEGE, CLAIM, id=request_id)
    refused(editor, INSUFFICIENT_PRIVILEGE, APPROVE, id=request_id)
    refused(editor, INSUFFICIENT_PRIVILEGE, letter(), id=request_id)
    refused(
        editor,
        INSUFFICIENT_PRIVILEGE,
        "INSERT INTO contract_access (portal_user_id, contract_id, granted_by, granted_at) "
        "VALUES (1, :id, 'x', now())",
        id=world.contract_ids[0],
    )


# Claims and decisions -----------------------------------------------------------------


def test_nobody_decides_without_holding_the_claim(
    staff: Callable[[str], tuple[Engine, str]], world: World
) -> None:
    verifier, login = staff("verifier")
    colleague, _colleague_login = staff("verifier")
    admin, _admin_login = staff("admin")
    request_id = world.requests[0]
    for engine in (verifier, admin):
        message = refused(engine, CLAIM_RULE, APPROVE, id=request_id)
        assert "ни за кем не закреплена" in message
    run(verifier, CLAIM, id=request_id)
    for engine in (colleague, admin):
        message = refused(engine, CLAIM_RULE, APPROVE, id=request_id)
        assert f"закреплена за {login}" in message
        refused(engine, CLAIM_RULE, REJECT, id=request_id)
    assert world.request(request_id).status == "in_review"
    assert not [e for e in world.events("registration_request", request_id) if e.action != "claim"]


def test_a_claim_is_taken_in_ones_own_name_at_the_servers_time(
    staff: Callable[[str], tuple[Engine, str]], world: World
) -> None:
    verifier, login = staff("verifier")
    request_id = world.requests[0]
    run(verifier, CLAIM, id=request_id)
    request = world.request(request_id)
    assert request.claimed_by == login
    assert abs(request.claimed_at - datetime.now(UTC)) < timedelta(minutes=1)
    [event] = world.events("registration_request", request_id)
    assert (event.actor, event.action, event.details["by"]) == (login, "claim", "database")
    assert event.details["after"]["claimed_by"] == login


def test_a_colleagues_live_claim_cannot_be_taken_extended_or_released(
    staff: Callable[[str], tuple[Engine, str]], world: World
) -> None:
    verifier, login = staff("verifier")
    colleague, colleague_login = staff("verifier")
    admin, admin_login = staff("admin")
    request_id = world.requests[0]
    run(verifier, CLAIM, id=request_id)
    for statement in (
        f"UPDATE registration_request SET claimed_by = '{colleague_login}' WHERE id = :id",
        CLAIM,
        "UPDATE registration_request SET claim_expires_at = now() + interval '1 day' "
        "WHERE id = :id",
        "UPDATE registration_request SET status = 'pending', claimed_by = NULL, "
        "claimed_at = NULL, claim_expires_at = NULL WHERE id = :id",
    ):
        refused(colleague, CLAIM_RULE, statement, id=request_id)
    assert world.request(request_id).claimed_by == login
    # An administrator frees it, as the application's "force" release does.
    run(
        admin,
        "UPDATE registration_request SET status = 'pending', claimed_by = NULL, "
        "claimed_at = NULL, claim_expires_at = NULL WHERE id = :id",
        id=request_id,
    )
    assert world.request(request_id).status == "pending"
    released = world.events("registration_request", request_id)[-1]
    assert (released.actor, released.action) == (admin_login, "release")


def test_the_holder_decides_and_the_database_writes_who_and_when(
    staff: Callable[[str], tuple[Engine, str]], world: World
) -> None:
    verifier, login = staff("verifier")
    request_id = world.requests[0]
    run(verifier, CLAIM, id=request_id)
    run(verifier, REJECT, id=request_id)
    request = world.request(request_id)
    assert (request.status, request.decided_by, request.claimed_by) == ("rejected", login, None)
    assert abs(request.decided_at - datetime.now(UTC)) < timedelta(minutes=1)
    decided = world.events("registration_request", request_id)[-1]
    assert (decided.actor, decided.action) == (login, "reject")
    assert decided.details["before"]["status"] == "in_review"
    assert decided.details["after"]["decided_by"] == login
    # What was decided stays decided, and who decided cannot be rewritten.
    for statement in (
        "UPDATE registration_request SET status = 'pending' WHERE id = :id",
        "UPDATE registration_request SET decided_by = 'someone_else' WHERE id = :id",
        "UPDATE registration_request SET decision_reason = 'Другая причина' WHERE id = :id",
    ):
        refused(verifier, RECORD_RULE, statement, id=request_id)


def test_a_lapsed_claim_decides_nothing(
    staff: Callable[[str], tuple[Engine, str]], world: World
) -> None:
    verifier, _login = staff("verifier")
    request_id = world.requests[0]
    run(verifier, CLAIM, id=request_id)
    run(
        world.owner,
        "UPDATE registration_request SET claim_expires_at = now() - interval '1 minute' "
        "WHERE id = :id",
        id=request_id,
    )
    message = refused(verifier, CLAIM_RULE, APPROVE, id=request_id)
    assert "истёк" in message


# Letters ------------------------------------------------------------------------------


def test_arbitrary_letters_are_refused(
    staff: Callable[[str], tuple[Engine, str]], world: World
) -> None:
    verifier, _login = staff("verifier")
    admin, _admin_login = staff("admin")
    decided, open_request = world.requests[0], world.requests[1]
    applicant = world.request(open_request).email
    run(verifier, CLAIM, id=decided)
    run(verifier, REJECT, id=decided)
    for engine in (verifier, admin):
        # To anyone, about nothing; about a request decided in another transaction; about
        # a request nobody decided, even to its applicant.
        refused(engine, LETTER_RULE, letter(entity="NULL"), id=decided)
        refused(engine, LETTER_RULE, letter(), id=decided)
        refused(engine, LETTER_RULE, letter(to=applicant), id=open_request)
        refused(engine, LETTER_RULE, letter(entity="'portal_user'"), id=1)
    with world.owner.connect() as connection:
        letters = connection.execute(text("SELECT count(*) FROM mail_outbox")).scalar()
    assert letters == 0


def test_a_letter_goes_only_with_its_decision_to_its_applicant(
    staff: Callable[[str], tuple[Engine, str]], world: World
) -> None:
    verifier, _login = staff("verifier")
    first, second = world.requests[0], world.requests[1]
    for request_id in (first, second):
        run(verifier, CLAIM, id=request_id)
    applicant = world.request(first).email
    # Within the decision, but to another address; or a second letter beside the first.
    refused(verifier, LETTER_RULE, REJECT, letter(), id=first)
    refused(verifier, LETTER_RULE, REJECT, letter(to=applicant), letter(to=applicant), id=first)
    assert world.request(first).status == "in_review"  # the whole transaction rolled back
    run(verifier, REJECT, letter(to=applicant.upper()), id=first)
    with world.owner.connect() as connection:
        queued = connection.execute(text("SELECT entity_id, status FROM mail_outbox")).all()
    assert queued == [(first, "pending")]


def test_a_letters_status_moves_only_as_senders_and_the_outbox_move_it(
    staff: Callable[[str], tuple[Engine, str]], world: World
) -> None:
    verifier, login = staff("verifier")
    factory = db.session_factory(verifier)
    mail_ids = []
    for request_id in world.requests[:3]:
        with factory.begin() as session:
            queue.claim(session, request_id, login)
        with factory.begin() as session:
            mail_ids.append(queue.reject(session, request_id, login, "Нет договора").mail_id)
    cancelled, failed, sent = mail_ids
    run(world.owner, "UPDATE mail_outbox SET status = 'failed' WHERE id = :id", id=failed)
    run(world.owner, "UPDATE mail_outbox SET status = 'sent' WHERE id = :id", id=sent)
    set_status = "UPDATE mail_outbox SET status = :status WHERE id = :id"

    run(verifier, set_status, status="cancelled", id=cancelled)
    run(verifier, set_status, status="pending", id=failed)

    for status, mail_id in (
        ("pending", cancelled),
        ("failed", cancelled),
        ("pending", sent),
        ("cancelled", sent),
    ):
        message = refused(verifier, LETTER_RULE, set_status, status=status, id=mail_id)
        assert f"Письмо № {mail_id}" in message
    events = [(e.actor, e.action) for m in (cancelled, failed) for e in world.events(ENTITY, m)]
    assert events == [(login, "mail_cancel"), (login, "mail_retry")]


# The audit log, whatever the client ---------------------------------------------------


def test_raw_changes_by_an_administrator_land_in_the_audit_log(
    staff: Callable[[str], tuple[Engine, str]], world: World
) -> None:
    admin, login = staff("admin")
    request_id = world.requests[0]
    user_id = world.request(request_id).portal_user_id
    contract_id = world.contract_ids[0]

    run(admin, "UPDATE portal_user SET status = 'blocked' WHERE id = :id", id=user_id)
    run(
        admin,
        "INSERT INTO contract_access (portal_user_id, contract_id, granted_by, granted_at) "
        "VALUES (:user_id, :contract_id, 'someone_else', '2000-01-01')",
        user_id=user_id,
        contract_id=contract_id,
    )
    run(
        admin,
        "UPDATE contract_access SET revoked_at = '2000-01-01', revoked_by = 'x' "
        "WHERE portal_user_id = :id",
        id=user_id,
    )
    refused(
        admin,
        RECORD_RULE,
        "UPDATE contract_access SET revoked_at = NULL WHERE portal_user_id = :id",
        id=user_id,
    )
    run(admin, "UPDATE registration_request SET status = 'expired' WHERE id = :id", id=request_id)
    run(
        admin,
        "INSERT INTO organisation_setting (key, value, version, updated_at, updated_by) "
        "VALUES ('portal_link', '{\"url\": \"https://evil.example\"}', 1, now(), 'x')",
    )
    run(admin, 'UPDATE organisation_setting SET value = \'{"url": "https://b.example"}\'')

    events = world.events("portal_user", user_id)
    assert [(e.actor, e.action) for e in events] == [
        (login, "block_user"),
        (login, "grant_access"),
        (login, "revoke_access"),
    ]
    assert all(e.details["by"] == "database" for e in events)
    assert events[0].details["before"] == {"status": "pending"}
    assert events[1].details["contract_number"] == NUMBERS[0]
    access = world.one(
        "SELECT granted_by, granted_at, revoked_by, revoked_at FROM contract_access "
        "WHERE portal_user_id = :id",
        id=user_id,
    )
    assert access.granted_by == access.revoked_by == login
    assert access.granted_at.year == access.revoked_at.year == datetime.now(UTC).year
    [expired] = world.events("registration_request", request_id)
    assert (expired.actor, expired.action) == (login, "request_status_changed")
    assert expired.details["after"]["status"] == "expired"
    setting_id = world.one("SELECT id FROM organisation_setting").id
    changes = world.events("organisation_setting", setting_id)
    assert [(e.actor, e.action) for e in changes] == [(login, "organisation_setting_changed")] * 2
    assert changes[1].details["before"] == {"url": "https://evil.example"}
    assert changes[1].details["after"] == {"url": "https://b.example"}


def test_a_verifier_grants_access_and_changes_accounts_only_by_deciding(
    staff: Callable[[str], tuple[Engine, str]], world: World
) -> None:
    verifier, _login = staff("verifier")
    user_id = world.request(world.requests[0]).portal_user_id
    refused(
        verifier,
        RECORD_RULE,
        "UPDATE portal_user SET status = 'active' WHERE id = :id",
        id=user_id,
    )
    refused(
        verifier,
        RECORD_RULE,
        "INSERT INTO contract_access (portal_user_id, contract_id, granted_by, granted_at) "
        "VALUES (:user_id, :contract_id, 'x', now())",
        user_id=user_id,
        contract_id=world.contract_ids[0],
    )
    assert world.request(world.requests[0]).user_status == "pending"
    assert world.database_events() == []


# The application under the rules ------------------------------------------------------


def test_the_applications_decisions_work_and_are_logged_once(
    staff: Callable[[str], tuple[Engine, str]], world: World
) -> None:
    verifier, login = staff("verifier")
    factory = db.session_factory(verifier)
    approved, rejected, returned, released = world.requests
    with factory.begin() as session:
        for request_id in (approved, rejected, returned, released):
            queue.claim(session, request_id, login)
    with factory.begin() as session:
        decision = queue.approve(session, approved, login)
    assert decision.granted == NUMBERS
    with factory.begin() as session:
        queue.reject(session, rejected, login, "Не подтверждены полномочия", "NO_AUTHORITY")
    with factory.begin() as session:
        queue.return_for_clarification(session, returned, login, "Приложите доверенность")
    with factory.begin() as session:
        queue.release(session, released, login)
    with factory.begin() as session:
        assert queue.claim_next(session, login) == released

    for request_id, status in (
        (approved, "approved"),
        (rejected, "rejected"),
        (returned, "needs_info"),
    ):
        request = world.request(request_id)
        assert (request.status, request.decided_by) == (status, login)
        actions = [e.action for e in world.events("registration_request", request_id)]
        assert actions == ["claim", DECISION_ACTIONS[status]]
    assert world.request(approved).user_status == "active"
    assert world.request(rejected).user_status == "rejected"
    actions = [e.action for e in world.events("registration_request", released)]
    assert actions == ["claim", "release", "claim"]
    with Session(world.owner) as session:
        grants = session.scalars(
            select(ContractAccess.granted_by).where(
                ContractAccess.registration_request_id == approved
            )
        ).all()
        assert grants == [login, login]
        letters = session.scalar(select(func.count()).select_from(MailOutbox))
        assert letters == 3
    assert world.database_events() == []


def test_outbox_and_delivery_work_as_staff(
    staff: Callable[[str], tuple[Engine, str]],
    world: World,
    smtp_server: RecordingSmtpServer,
) -> None:
    verifier, login = staff("verifier")
    factory = db.session_factory(verifier)
    mail_ids = []
    for request_id in world.requests[:3]:
        with factory.begin() as session:
            queue.claim(session, request_id, login)
        with factory.begin() as session:
            mail_ids.append(queue.reject(session, request_id, login, "Нет договора").mail_id)
    cancelled, failed, sent = mail_ids
    with factory.begin() as session:
        outbox.cancel(session, cancelled, login, "Заявитель позвонил")
    run(world.owner, "UPDATE mail_outbox SET status = 'failed' WHERE id = :id", id=failed)
    with factory.begin() as session:
        outbox.retry(session, failed, login)

    settings = MailSettings(smtp_host=smtp_server.host, smtp_port=smtp_server.port)
    report = mail_delivery.Sender(factory, settings).deliver_due()

    assert (report.sent, report.failed) == (2, 0)
    with Session(world.owner) as session:
        rows = session.execute(select(MailOutbox.id, MailOutbox.status)).all()
        statuses = {row.id: row.status for row in rows}
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity == "mail_outbox")
        ).all()
    assert statuses == {cancelled: "cancelled", failed: "sent", sent: "sent"}
    assert sorted(actions) == ["mail_cancel", "mail_retry"]
    assert len(smtp_server.received) == 2
    assert world.database_events() == []


def test_administrators_acts_are_logged_once(
    staff: Callable[[str], tuple[Engine, str]], world: World
) -> None:
    verifier, verifier_login = staff("verifier")
    admin, login = staff("admin")
    request_id = world.requests[0]
    with db.session_factory(verifier).begin() as session:
        queue.claim(session, request_id, verifier_login)
    factory = db.session_factory(admin)
    with factory.begin() as session:
        queue.release(session, request_id, login, force=True)
    with factory.begin() as session:
        save_portal_link(session, "https://lkk.example.ru", login, expected_version=None)
    with factory.begin() as session:
        save_portal_link(session, "https://lkk2.example.ru", login, expected_version=1)
    with db.session_factory(world.owner).begin() as session:
        unconfirmed = f.registration(session, confirmed=False, age=timedelta(days=10))
    with factory.begin() as session:
        assert queue.expire_unconfirmed(session, login, days=7) == [unconfirmed]
    assert world.request(unconfirmed).decided_by == login
    assert [e.action for e in world.events("registration_request", request_id)] == [
        "claim",
        "release",
    ]
    assert world.database_events() == []


def test_the_rules_come_off_with_a_downgrade_and_back_on(pg_engine: Engine) -> None:
    def state(connection: Connection) -> tuple[int, bool]:
        triggers = connection.execute(
            text("SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%\\_rules' ESCAPE '\\'")
        ).scalar_one()
        readable = connection.execute(
            text(
                "SELECT has_column_privilege("
                "'lkk_verifier', 'portal_user', 'password_hash', 'SELECT')"
            )
        ).scalar_one()
        return int(triggers), bool(readable)

    with pg_engine.begin() as connection:
        assert state(connection) == (3, False)
        command.downgrade(db._alembic_config(connection), "0009")
        assert state(connection) == (0, True)
        command.upgrade(db._alembic_config(connection), "head")
        assert state(connection) == (3, False)


def test_a_rule_s_refusal_reaches_the_desk_in_its_own_words(
    staff: Callable[[str], tuple[Engine, str]], world: World
) -> None:
    verifier, _login = staff("verifier")
    with pytest.raises(DBAPIError) as caught, verifier.begin() as connection:
        connection.execute(text(APPROVE), {"id": world.requests[0]})
    problem = diagnose(caught.value)
    assert problem is not None and problem.kind == "rule"
    assert problem.message.startswith("Решение по заявке №")
    assert "ни за кем не закреплена" in problem.message
