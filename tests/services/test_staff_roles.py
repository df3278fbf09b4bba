"""Least privilege enforced by PostgreSQL itself, role by role, on each role's own connection."""

from __future__ import annotations

import io
import itertools
import os
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.engine import make_url
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
        # The lease, too, names the login, whatever the client said (migration 0010).
        assert request.claimed_by == login


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


# --- The staff commands touch staff only ------------------------------------------------------


def _role_state(engine: Engine, login: str) -> tuple[bool, bool, tuple[str, ...], int]:
    """What the staff commands could change: superuser, may log in, memberships, and the
    number of staff audit events."""
    with engine.connect() as connection:
        superuser, can_login, member_of = connection.execute(
            text(
                "SELECT r.rolsuper, r.rolcanlogin, ARRAY(SELECT g.rolname "
                "FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "WHERE m.member = r.oid ORDER BY g.rolname) "
                "FROM pg_roles r WHERE r.rolname = :login"
            ),
            {"login": login},
        ).one()
        events = connection.execute(
            text("SELECT count(*) FROM audit_event WHERE entity = 'staff'")
        ).scalar_one()
    return bool(superuser), bool(can_login), tuple(member_of), int(events)


def _refused_everywhere(
    pg_url: str, engine: Engine, login: str, capsys: pytest.CaptureFixture[str]
) -> list[str]:
    """Run set-role and disable on ``login``: both refuse, nothing changes; the messages."""
    before = _role_state(engine, login)
    messages = []
    for command in (["set-role", login, "--role", "admin"], ["disable", login]):
        assert main(["staff", *command, "--url", pg_url]) == 1
        captured = capsys.readouterr()
        assert captured.out == ""
        assert "Ничего не изменено." in captured.err
        messages.append(captured.err)
        assert _role_state(engine, login) == before
    return messages


@pytest.fixture
def make_role(pg_engine: Engine) -> Iterator[Callable[[str], str]]:
    """``make_role(options)``: a new role ``CREATE ROLE <name> <options>``; dropped after."""
    created: list[str] = []

    def create(options: str) -> str:
        name = f"role_{os.getpid()}_{next(_numbers)}"
        with pg_engine.begin() as connection:
            connection.execute(text(f'CREATE ROLE "{name}" {options}'))
        created.append(name)
        return name

    yield create
    with pg_engine.begin() as connection:
        for name in created:
            connection.execute(text(f'REASSIGN OWNED BY "{name}" TO CURRENT_USER'))
            connection.execute(text(f'DROP OWNED BY "{name}"'))
            connection.execute(text(f'DROP ROLE IF EXISTS "{name}"'))


@pytest.mark.parametrize(
    "case",
    [
        ("LOGIN SUPERUSER IN ROLE lkk_verifier", "суперпользователь PostgreSQL"),
        ("LOGIN CREATEROLE IN ROLE lkk_verifier", "права администратора сервера (CREATEROLE)"),
        ("LOGIN BYPASSRLS IN ROLE lkk_editor", "права администратора сервера (BYPASSRLS)"),
        ("LOGIN", "не состоит ни в одной группе сотрудников"),  # another program's login
        ("LOGIN IN ROLE pg_read_all_data, lkk_verifier", "и в ролях pg_read_all_data"),
        ("NOLOGIN", "не состоит ни в одной группе сотрудников"),
    ],
)
def test_the_staff_commands_refuse_a_role_that_is_not_staff(
    pg_url: str,
    pg_engine: Engine,
    make_role: Callable[[str], str],
    capsys: pytest.CaptureFixture[str],
    case: tuple[str, str],
) -> None:
    options, said = case
    login = make_role(options)
    for message in _refused_everywhere(pg_url, pg_engine, login, capsys):
        assert said in message


def test_the_staff_commands_refuse_the_owner_of_the_portal_tables(
    pg_url: str,
    pg_engine: Engine,
    make_role: Callable[[str], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    owner = make_role("LOGIN IN ROLE lkk_admin")  # in a staff group, but owns the tables
    with pg_engine.begin() as connection:
        connection.execute(text(f'ALTER TABLE registration_request OWNER TO "{owner}"'))
    member = make_role(f'LOGIN IN ROLE "{owner}"')  # acts as the owner: not staff either
    for message in _refused_everywhere(pg_url, pg_engine, owner, capsys):
        assert "владелец таблиц портала" in message
    for message in _refused_everywhere(pg_url, pg_engine, member, capsys):
        assert "владелец таблиц портала" in message


@pytest.mark.parametrize("group", ["lkk_verifier", "lkk_editor", "lkk_admin"])
def test_the_staff_commands_refuse_the_staff_groups(
    pg_url: str, pg_engine: Engine, capsys: pytest.CaptureFixture[str], group: str
) -> None:
    for message in _refused_everywhere(pg_url, pg_engine, group, capsys):
        assert "группа сотрудников, а не сотрудник" in message


@pytest.mark.parametrize("builtin", ["pg_signal_backend", "pg_read_all_data", "pg_monitor"])
def test_the_staff_commands_refuse_postgresql_builtin_roles(
    pg_url: str, pg_engine: Engine, capsys: pytest.CaptureFixture[str], builtin: str
) -> None:
    for message in _refused_everywhere(pg_url, pg_engine, builtin, capsys):
        assert "встроенная роль PostgreSQL" in message


def test_a_disabled_staff_member_is_neither_re_roled_nor_disabled_again(
    pg_url: str,
    pg_engine: Engine,
    make_role: Callable[[str], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    login = make_role("NOLOGIN IN ROLE lkk_verifier")
    set_role, disable = _refused_everywhere(pg_url, pg_engine, login, capsys)
    assert "сотрудник отключён" in set_role
    assert "уже запрещён" in disable


def test_an_unknown_login_is_told(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["staff", "disable", "nobody_here", "--url", pg_url]) == 1
    assert "Пользователя «nobody_here» на сервере нет." in capsys.readouterr().err


def test_staff_add_refuses_a_reserved_name(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["staff", "add", "pg_clerk", "--role", "verifier", "--url", pg_url]) == 1
    assert "PostgreSQL оставляет за собой" in capsys.readouterr().err


def test_set_role_moves_a_staff_member_between_groups(
    pg_url: str,
    pg_engine: Engine,
    make_role: Callable[[str], str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    login = make_role("LOGIN IN ROLE lkk_verifier")
    assert main(["staff", "set-role", login, "--role", "admin", "--url", pg_url]) == 0
    assert _role_state(pg_engine, login)[2] == ("lkk_admin",)
    assert main(["staff", "set-role", login, "--role", "admin", "--url", pg_url]) == 0  # again
    assert _role_state(pg_engine, login)[2] == ("lkk_admin",)
    # Put in two groups by hand: set-role puts them back in one.
    with pg_engine.begin() as connection:
        connection.execute(text(f'GRANT lkk_editor TO "{login}"'))
    assert main(["staff", "set-role", login, "--role", "editor", "--url", pg_url]) == 0
    assert _role_state(pg_engine, login)[2] == ("lkk_editor",)
    assert "редактор новостей и опросов" in capsys.readouterr().out


# --- Run by a DBA with CREATEROLE, not a superuser ---------------------------------------------

# What the README tells the tables' owner to grant such a DBA (the staff commands audit).
DBA_GRANTS = (
    "GRANT INSERT ON audit_event TO {dba}",
    "GRANT USAGE ON SEQUENCE audit_event_id_seq TO {dba}",
)


def test_a_dba_with_createrole_runs_the_staff_commands(
    pg_url: str,
    pg_engine: Engine,
    make_role: Callable[[str], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    dba = make_role(f"LOGIN CREATEROLE PASSWORD '{PASSWORD}'")
    dba_url = make_url(pg_url).set(username=dba, password=PASSWORD).render_as_string(False)
    login = f"petrova_{os.getpid()}_{next(_numbers)}"

    def add() -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        return main(["staff", "add", login, "--role", "verifier", "--url", dba_url])

    try:
        # Without the grants: refused in Russian, and the new role is rolled back with it.
        assert add() == 1
        assert "Недостаточно прав" in capsys.readouterr().err
        with pg_engine.connect() as connection:
            assert not connection.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :login"), {"login": login}
            ).all()

        with pg_engine.begin() as connection:
            for grant in DBA_GRANTS:
                connection.execute(text(grant.format(dba=f'"{dba}"')))
            if (connection.dialect.server_version_info or (0,)) >= (16,):
                # PostgreSQL 16: CREATEROLE grants only the groups it has ADMIN OPTION on.
                connection.execute(
                    text(
                        f'GRANT lkk_verifier, lkk_editor, lkk_admin TO "{dba}" '
                        "WITH ADMIN OPTION, INHERIT FALSE, SET FALSE"
                    )
                )
        assert add() == 0
        assert main(["staff", "set-role", login, "--role", "admin", "--url", dba_url]) == 0
        assert main(["staff", "disable", login, "--url", dba_url]) == 0
        out = capsys.readouterr().out
        assert f"Вход для {login} запрещён." in out
        with pg_engine.connect() as connection:
            [member] = [m for m in staff.members(connection) if m.login == login]
            assert (member.role, member.can_login) == ("admin", False)
            events = connection.execute(
                text(
                    "SELECT actor, action FROM audit_event WHERE entity = 'staff' "
                    "AND details ->> 'login' = :login ORDER BY id"
                ),
                {"login": login},
            ).all()
        assert [tuple(event) for event in events] == [
            (dba, "staff_add"),
            (dba, "staff_set_role"),
            (dba, "staff_disable"),
        ]
        # The DBA is not staff either: the commands refuse to touch it.
        assert main(["staff", "disable", dba, "--url", dba_url]) == 1
        assert "CREATEROLE" in capsys.readouterr().err
    finally:
        with pg_engine.begin() as connection:
            connection.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
