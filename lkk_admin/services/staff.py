"""Staff members as PostgreSQL login roles, each in one group role (migration 0006).

The database enforces what each group may do; the application only mirrors it, showing a
staff member the sections their group can use. Managing staff needs a PostgreSQL role
with CREATEROLE (IT's administrator), not the application's own groups: role attributes
are not inherited through membership. The staff commands also write audit events, so that
role needs ``INSERT`` on ``audit_event`` and ``USAGE`` on its id sequence (README).

``set_role`` and ``disable`` act only on staff members (:func:`check_staff_member`): a
login role in the staff groups and in no other role, with no server-wide powers. They
refuse, changing nothing, a superuser, the owner of the portal tables, the groups
themselves, PostgreSQL's ``pg_*`` roles and any role outside the staff groups (another
program's login), so that the command line cannot be turned against the server.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from psycopg import sql
from sqlalchemy import Connection, text

from lkk_admin.services.errors import DomainError, NotFoundError

log = logging.getLogger(__name__)

Role = Literal["verifier", "editor", "admin"]
ROLES: tuple[Role, ...] = ("verifier", "editor", "admin")
GROUP_OF: dict[Role, str] = {
    "verifier": "lkk_verifier",
    "editor": "lkk_editor",
    "admin": "lkk_admin",
}
ROLE_NAMES: dict[str, str] = {
    "verifier": "проверяющий заявки",
    "editor": "редактор новостей и опросов",
    "admin": "администратор",
}
# Lower-case so that the login is the same quoted or not; PostgreSQL's 63-byte limit.
_LOGIN = re.compile(r"^[a-z][a-z0-9_.-]{1,62}$")


@dataclass(frozen=True)
class StaffMember:
    login: str
    role: Role | None  # None: in no staff group
    can_login: bool
    valid_until: datetime | None


def check_login(login: str) -> str:
    if not _LOGIN.match(login):
        raise DomainError(
            f"Логин «{login}» не подходит: нужны строчные латинские буквы, цифры, точка, "
            "дефис или подчёркивание, от 2 до 63 знаков, первой — буква.",
            code="BAD_LOGIN",
        )
    return login


def check_role(role: str) -> Role:
    for known in ROLES:
        if role == known:
            return known
    raise DomainError(
        f"Неизвестная роль «{role}»: выберите verifier, editor или admin.", code="BAD_ROLE"
    )


def current_roles(connection: Connection) -> frozenset[Role]:
    """The staff roles of the connected user. A superuser, or the owner of the tables
    (who bypasses GRANTs anyway), may do everything; the application warns about the
    latter in the log, as staff should never connect as the owner."""
    superuser, owner = connection.execute(
        text(
            "SELECT rolsuper, pg_has_role(current_user, "
            "(SELECT relowner FROM pg_class WHERE oid = to_regclass('registration_request')), "
            "'USAGE') FROM pg_roles WHERE rolname = current_user"
        )
    ).one()
    if superuser or owner:
        if not superuser:
            log.warning("connected as the owner of the portal tables; GRANTs do not apply")
        return frozenset(ROLES)
    members = set(
        connection.execute(
            text(
                "SELECT rolname FROM pg_roles WHERE rolname = ANY(:groups) "
                "AND pg_has_role(current_user, oid, 'USAGE')"
            ),
            {"groups": list(GROUP_OF.values())},
        ).scalars()
    )
    return frozenset(role for role, group in GROUP_OF.items() if group in members)


def _role_exists(connection: Connection, login: str) -> bool:
    return bool(
        connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :login"), {"login": login}
        ).scalar()
    )


# What the server knows of a role that decides whether the staff commands may touch it.
_TARGET = text(
    "SELECT r.rolname LIKE 'pg\\_%' AS builtin, r.rolsuper, r.rolcanlogin, "
    "ARRAY_REMOVE(ARRAY[CASE WHEN r.rolcreaterole THEN 'CREATEROLE' END, "
    "CASE WHEN r.rolcreatedb THEN 'CREATEDB' END, "
    "CASE WHEN r.rolreplication THEN 'REPLICATION' END, "
    "CASE WHEN r.rolbypassrls THEN 'BYPASSRLS' END], NULL) AS powers, "
    # The owner of the portal tables or of the database, or a role that can act as it.
    "COALESCE(pg_has_role(r.oid, (SELECT relowner FROM pg_class "
    "WHERE oid = to_regclass('registration_request')), 'MEMBER'), false) "
    "OR pg_has_role(r.oid, (SELECT datdba FROM pg_database "
    "WHERE datname = current_database()), 'MEMBER') AS owner, "
    "ARRAY(SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
    "WHERE m.member = r.oid ORDER BY g.rolname) AS member_of "
    "FROM pg_roles r WHERE r.rolname = :login"
)
_NOTHING_CHANGED = "Ничего не изменено."


def _not_staff(message: str) -> DomainError:
    return DomainError(f"{message} {_NOTHING_CHANGED}", code="NOT_STAFF")


def check_staff_member(connection: Connection, login: str, *, disabling: bool = False) -> None:
    """Refuse (``DomainError``, nothing changed) unless ``login`` is a staff member: a
    login role, directly in one or more staff groups and in no other role, neither a
    superuser nor the owner of the portal tables or of the database, with no server-wide
    attribute (CREATEROLE, CREATEDB, REPLICATION, BYPASSRLS). ``NotFoundError`` when there
    is no such role."""
    found = connection.execute(_TARGET, {"login": login}).one_or_none()
    if found is None:
        raise NotFoundError(f"Пользователя «{login}» на сервере нет.")
    groups = list(GROUP_OF.values())
    if login in groups:
        raise _not_staff(
            f"«{login}» — группа сотрудников, а не сотрудник: её права задаёт "
            "«lkk-admin db upgrade», а не команды staff."
        )
    if found.builtin:
        raise _not_staff(f"«{login}» — встроенная роль PostgreSQL, а не сотрудник.")
    if found.rolsuper:
        raise _not_staff(
            f"«{login}» — суперпользователь PostgreSQL, а не сотрудник: команды staff "
            "его не меняют."
        )
    if found.owner:
        raise _not_staff(
            f"«{login}» — владелец таблиц портала или базы данных (или действует от его "
            "имени), а не сотрудник: команды staff его не меняют."
        )
    if found.powers:
        raise _not_staff(
            f"У «{login}» есть права администратора сервера ({', '.join(found.powers)}): "
            "это не сотрудник, команды staff его не меняют."
        )
    member_of = list(found.member_of)
    staff_groups = [group for group in member_of if group in groups]
    if not staff_groups:
        raise _not_staff(
            f"«{login}» не состоит ни в одной группе сотрудников ({', '.join(groups)}): "
            "это не сотрудник, а, например, учётная запись другой программы."
        )
    others = [role for role in member_of if role not in groups]
    if others:
        raise _not_staff(
            f"«{login}» состоит не только в группе сотрудников, но и в ролях "
            f"{', '.join(others)}: это не обычный сотрудник, его права меняют вручную."
        )
    if not found.rolcanlogin:
        if disabling:
            raise _not_staff(f"Вход для «{login}» уже запрещён.")
        raise _not_staff(f"Вход для «{login}» запрещён: сотрудник отключён, его роль не меняют.")


def _driver(connection: Connection) -> Any:
    driver = connection.connection.driver_connection
    if driver is None:  # pragma: no cover - an open connection always has one
        raise RuntimeError("no driver connection")
    return driver


def _audit(connection: Connection, action: str, **details: Any) -> None:
    connection.execute(
        text(
            "INSERT INTO audit_event (occurred_at, actor, action, entity, details) "
            "VALUES (now(), current_user, :action, 'staff', CAST(:details AS jsonb))"
        ),
        {"action": action, "details": json.dumps(details, ensure_ascii=False)},
    )


def add(connection: Connection, login: str, role: str, password: str) -> None:
    """Create a login role in the role's group (in the caller's transaction)."""
    login, group = check_login(login), GROUP_OF[check_role(role)]
    if login.startswith("pg_"):
        raise DomainError(
            f"Логин «{login}» не подходит: имена на «pg_» PostgreSQL оставляет за собой.",
            code="BAD_LOGIN",
        )
    if len(password) < 10:
        raise DomainError("Пароль слишком короткий: нужно не меньше 10 знаков.", code="WEAK")
    if _role_exists(connection, login):
        raise DomainError(f"Пользователь «{login}» уже есть на сервере.", code="EXISTS")
    driver = _driver(connection)
    # The server gets a SCRAM verifier, never the password itself (not even in its log).
    verifier = driver.pgconn.encrypt_password(
        password.encode("utf-8"), login.encode("utf-8"), b"scram-sha-256"
    ).decode("ascii")
    statement = sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
        sql.Identifier(login), sql.Literal(verifier), sql.Identifier(group)
    )
    driver.execute(statement)
    _audit(connection, "staff_add", login=login, role=role)


def members(connection: Connection) -> list[StaffMember]:
    rows = connection.execute(
        text(
            "SELECT r.rolname, g.rolname AS grp, r.rolcanlogin, r.rolvaliduntil "
            "FROM pg_roles r "
            "JOIN pg_auth_members m ON m.member = r.oid "
            "JOIN pg_roles g ON g.oid = m.roleid AND g.rolname = ANY(:groups) "
            "WHERE r.rolname <> ALL(:groups) ORDER BY r.rolname"
        ),
        {"groups": list(GROUP_OF.values())},
    ).all()
    role_of = {group: role for role, group in GROUP_OF.items()}
    found: dict[str, StaffMember] = {}
    for login, group, can_login, valid_until in rows:
        role = role_of[group]
        known = found.get(login)
        # In two groups by hand: show the broader one.
        if known is None or ROLES.index(role) > ROLES.index(known.role or "verifier"):
            found[login] = StaffMember(login, role, bool(can_login), valid_until)
    return list(found.values())


def set_role(connection: Connection, login: str, role: str) -> None:
    login, chosen = check_login(login), check_role(role)
    check_staff_member(connection, login)
    driver = _driver(connection)
    for other in ROLES:
        if other != chosen:
            statement = sql.SQL("REVOKE {} FROM {}").format(
                sql.Identifier(GROUP_OF[other]), sql.Identifier(login)
            )
            driver.execute(statement)
    statement = sql.SQL("GRANT {} TO {}").format(
        sql.Identifier(GROUP_OF[chosen]), sql.Identifier(login)
    )
    driver.execute(statement)
    _audit(connection, "staff_set_role", login=login, role=chosen)


def disable(connection: Connection, login: str) -> None:
    """No more logins for this staff member (the role stays: the audit log names it)."""
    login = check_login(login)
    check_staff_member(connection, login, disabling=True)
    _driver(connection).execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(login)))
    _audit(connection, "staff_disable", login=login)


@dataclass(frozen=True)
class EndedSessions:
    ended: int  # sessions this call ended
    left_open: int  # sessions it was not allowed to end


def end_sessions(connection: Connection, login: str) -> EndedSessions:
    """End the staff member's open sessions (after ``disable`` has committed: ended earlier,
    a desk could log in again before the NOLOGIN took effect). Ending another role's
    sessions needs pg_signal_backend; without it they are counted and left open. Each is
    waited for up to 5 s, so that "ended" means gone."""
    login = check_login(login)
    may_signal = text("SELECT pg_has_role('pg_signal_backend', 'USAGE')")
    allowed = bool(connection.execute(may_signal).scalar_one())
    others = "FROM pg_stat_activity WHERE usename = :login AND pid <> pg_backend_pid()"
    found = int(
        connection.execute(text(f"SELECT count(*) {others}"), {"login": login}).scalar_one()
    )
    if not found or not allowed:
        return EndedSessions(0, found)
    ended = int(
        connection.execute(
            text(f"SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) {others}"),
            {"login": login},
        ).scalar_one()
    )
    _audit(connection, "staff_end_sessions", login=login, ended=ended)
    return EndedSessions(ended, max(found - ended, 0))
