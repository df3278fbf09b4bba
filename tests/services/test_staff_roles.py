"""Least privilege enforced by PostgreSQL itself, role by role, on each role's own connection."""

from __future__ import annotations

import io
import itertools
import os
from collections.abc import Callable

import pytest
from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import DBAPIError, ProgrammingError

from lkk_admin import db
from lkk_admin.cli import main
from lkk_admin.models import AuditEvent, NewsItem, RegistrationRequest
from lkk_admin.services import queue, staff
from lkk_admin.services.diagnosis import diagnose
from tests import factories as f
from tests.conftest import STAFF_PASSWORD

_numbers = itertools.count(1)
PASSWORD = STAFF_PASSWORD


@pytest.fixture
def request_in_queue(pg_engine: Engine) -> int:
    with db.session_factory(pg_engine).begin() as session:
        romashka = f.counterparty(session)
        f.contract(session, romashka, "ЭС-0012/21")
        return f.registration(session, contract_numbers=["ЭС-0012/21"])


def add_news(engine: Engine) -> None:
    with db.session_factory(engine).begin() as session:
        session.add(NewsItem(title="Новые тарифы с 1 июля", author="editor"))


def refused(engine: Engine, statement: str) -> DBAPIError:
    with pytest.raises(DBAPIError) as caught, engine.begin() as connection:
        connection.execute(text(statement))
    sqlstate = getattr(caught.value.orig, "sqlstate", None)
    assert sqlstate == "42501", caught.value  # insufficient_privilege, from the server
    return caught.value


def test_a_verifier_decides_but_cannot_touch_news_or_roles(
    as_staff: Callable[[str], Engine], request_in_queue: int
) -> None:
    verifier = as_staff("verifier")
    factory = db.session_factory(verifier)
    with factory.begin() as session:
        login = session.execute(text("SELECT current_user")).scalar_one()
        queue.claim(session, request_in_queue, login)
    with factory.begin() as session:
        decision = queue.approve(session, request_in_queue, login)
    assert decision.granted == ("ЭС-0012/21",)
    refused(verifier, "UPDATE news_item SET title = 'x'")
    refused(verifier, "INSERT INTO news_item (kind, title) VALUES ('news', 'x')")
    with pytest.raises(DBAPIError), verifier.begin() as connection:
        connection.execute(text("GRANT lkk_admin TO CURRENT_USER"))


def test_an_editor_cannot_approve_or_read_the_outbox(
    as_staff: Callable[[str], Engine], request_in_queue: int
) -> None:
    editor = as_staff("editor")
    with pytest.raises(ProgrammingError) as caught, db.session_factory(editor).begin() as session:
        queue.claim(session, request_in_queue, "editor")
    assert getattr(caught.value.orig, "sqlstate", None) == "42501"
    problem = diagnose(caught.value)
    assert problem is not None and "Недостаточно прав" in problem.message
    refused(editor, "SELECT count(*) FROM mail_outbox")
    refused(editor, "UPDATE registration_request SET status = 'approved'")
    add_news(editor)  # what an editor is for


@pytest.mark.parametrize("role", ["verifier", "editor", "admin"])
def test_nobody_can_change_or_delete_the_audit_log(
    as_staff: Callable[[str], Engine], role: str
) -> None:
    engine = as_staff(role)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO audit_event (occurred_at, actor, action, entity, details) "
                 "VALUES (now(), 'x', 'note', 'test', '{}')")
        )  # fmt: skip
    refused(engine, "UPDATE audit_event SET action = 'forged'")
    refused(engine, "DELETE FROM audit_event")
    refused(engine, "TRUNCATE audit_event")


def test_an_administrator_manages_portal_users_and_access(
    as_staff: Callable[[str], Engine], request_in_queue: int
) -> None:
    admin = as_staff("admin")
    with admin.begin() as connection:
        connection.execute(text("UPDATE portal_user SET phone = '+79990000000'"))
        connection.execute(text("UPDATE contract_access SET revoked_at = now()"))
    add_news(admin)
    verifier = as_staff("verifier")
    refused(verifier, "UPDATE portal_user SET phone = '+79990000000'")
    refused(verifier, "UPDATE contract_access SET revoked_at = now()")


def test_the_audit_actor_is_the_login_not_what_the_client_claims(
    as_staff: Callable[[str], Engine], request_in_queue: int, pg_engine: Engine
) -> None:
    verifier = as_staff("verifier")
    with verifier.connect() as connection:
        login = connection.execute(text("SELECT current_user")).scalar_one()
    with db.session_factory(verifier).begin() as session:
        queue.claim(session, request_in_queue, "director_general")
    with db.session_factory(pg_engine)() as session:
        event = session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "claim", AuditEvent.entity_id == request_in_queue
            )
        ).one()
        assert event.actor == login
        request = session.get_one(RegistrationRequest, request_in_queue)
        assert request.claimed_by == "director_general"  # the lease names whom the UI said


def test_the_application_learns_each_staff_members_roles(
    as_staff: Callable[[str], Engine], pg_engine: Engine
) -> None:
    expected = {
        "verifier": {"verifier"},
        "editor": {"editor"},
        "admin": {"verifier", "editor", "admin"},
    }
    for role, roles in expected.items():
        with as_staff(role).connect() as connection:
            assert staff.current_roles(connection) == roles
    with pg_engine.connect() as connection:  # the superuser of the test server
        assert staff.current_roles(connection) == set(staff.ROLES)


def test_it_adds_lists_re_roles_and_disables_staff(
    pg_url: str,
    pg_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    login = f"ivanova_{os.getpid()}_{next(_numbers)}"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    try:
        assert main(["staff", "add", login, "--role", "verifier", "--url", pg_url]) == 0
        assert main(["staff", "list", "--url", pg_url]) == 0
        assert f"{login}\tverifier" in capsys.readouterr().out
        assert main(["staff", "set-role", login, "--role", "editor", "--url", pg_url]) == 0
        assert main(["staff", "disable", login, "--url", pg_url]) == 0
        with pg_engine.connect() as connection:
            [member] = [m for m in staff.members(connection) if m.login == login]
            assert (member.role, member.can_login) == ("editor", False)
            verifier = connection.execute(
                text("SELECT rolpassword FROM pg_authid WHERE rolname = :login"),
                {"login": login},
            ).scalar_one()
            assert str(verifier).startswith("SCRAM-SHA-256$")
            actions = (
                connection.execute(
                    text("SELECT action FROM audit_event WHERE entity = 'staff' ORDER BY id")
                )
                .scalars()
                .all()
            )
        assert actions[-3:] == ["staff_add", "staff_set_role", "staff_disable"]
        assert main(["staff", "add", "Плохой логин", "--role", "admin", "--url", pg_url]) == 1
        assert "не подходит" in capsys.readouterr().err
    finally:
        with pg_engine.begin() as connection:
            connection.execute(text(f'DROP ROLE IF EXISTS "{login}"'))


def test_staff_commands_need_postgresql(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["staff", "list", "--url", "sqlite://"]) == 1
    assert "роли PostgreSQL" in capsys.readouterr().err


def _login_of(connection: Connection) -> str:
    return str(connection.execute(text("SELECT current_user")).scalar_one())


def test_disabling_a_staff_member_ends_their_open_sessions(
    as_staff: Callable[[str], Engine], pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = as_staff("verifier").connect()  # a desk that stays open
    try:
        login = _login_of(desk)
        desk.commit()

        assert main(["staff", "disable", login, "--url", pg_url]) == 0

        out = capsys.readouterr().out
        assert f"Вход для {login} запрещён." in out
        assert "Открытые сеансы завершены: 1." in out
        with pytest.raises(DBAPIError) as lost:
            desk.execute(text("SELECT 1"))
        problem = diagnose(lost.value)
        assert problem is not None and "Соединение с сервером" in problem.message
    finally:
        desk.invalidate()
        desk.close()


def test_without_pg_signal_backend_open_sessions_are_counted_and_left_open(
    as_staff: Callable[[str], Engine], pg_engine: Engine
) -> None:
    desk = as_staff("verifier").connect()
    admin = as_staff("admin")  # an application administrator, not the server's
    try:
        login = _login_of(desk)
        desk.commit()
        with pg_engine.begin() as connection:
            staff.disable(connection, login)

        with admin.begin() as connection:
            sessions = staff.end_sessions(connection, login)

        assert sessions == staff.EndedSessions(ended=0, left_open=1)
        assert desk.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        desk.close()
