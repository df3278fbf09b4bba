"""``lkk-admin staff``: IT adds, lists, re-roles and disables staff members.

Run by a PostgreSQL administrator (a role with CREATEROLE, and INSERT on ``audit_event``
with USAGE on its sequence: every command is audited) against the portal database.
``set-role`` and ``disable`` touch staff members only; a superuser, the tables' owner, a
group, a ``pg_*`` role or another program's login is refused with nothing changed.
The new password is asked twice at a terminal, or read from standard input when that is
not a terminal (for scripts); it reaches the server only as a SCRAM verifier.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from lkk_admin.cli_parser import database_url
from lkk_admin.services.errors import DomainError
from lkk_admin.services.staff import ROLE_NAMES, ROLES


def add_parser(commands: Any) -> None:
    staff = commands.add_parser("staff", help="сотрудники: учётные записи и роли в PostgreSQL")
    actions = staff.add_subparsers(dest="staff_command", metavar="ДЕЙСТВИЕ", required=True)

    def with_url(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument(
            "--url",
            required=True,
            type=database_url,
            metavar="АДРЕС",
            help="адрес базы портала на PostgreSQL (пользователь с правом CREATEROLE), "
            "например postgresql://администратор@сервер/база",
        )
        return parser

    roles = "роль: " + ", ".join(f"{role} — {ROLE_NAMES[role]}" for role in ROLES)
    add = with_url(actions.add_parser("add", help="добавить сотрудника"))
    add.add_argument(
        "login", metavar="ЛОГИН", help="логин сотрудника (строчные латинские буквы, цифры)"
    )
    add.add_argument("--role", required=True, choices=ROLES, help=roles)
    with_url(actions.add_parser("list", help="список сотрудников и их ролей"))
    set_role = with_url(actions.add_parser("set-role", help="сменить роль сотрудника"))
    set_role.add_argument("login", metavar="ЛОГИН", help="логин сотрудника")
    set_role.add_argument("--role", required=True, choices=ROLES, help=roles)
    disable = with_url(actions.add_parser("disable", help="запретить сотруднику вход"))
    disable.add_argument("login", metavar="ЛОГИН", help="логин сотрудника")


def read_new_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Пароль нового сотрудника: ")
    second = getpass.getpass("Повторите пароль: ")
    if first != second:
        raise DomainError("Пароли не совпали. Сотрудник не добавлен.", code="MISMATCH")
    return first


def run(args: argparse.Namespace) -> int:
    from lkk_admin import db
    from lkk_admin.services import staff

    if not db.is_postgresql(args.url):
        raise DomainError(
            "Сотрудники — это роли PostgreSQL; у базы SQLite (демонстрационной) их нет. "
            "Укажите адрес базы портала на PostgreSQL.",
            code="NOT_POSTGRESQL",
        )
    engine = db.make_engine(args.url)
    try:
        if args.staff_command == "list":
            with engine.connect() as connection:
                people = staff.members(connection)
            if not people:
                print("Сотрудников в группах lkk_verifier, lkk_editor, lkk_admin нет.")
            for person in people:
                state = "" if person.can_login else " — вход запрещён"
                role = ROLE_NAMES.get(person.role or "", "без роли")
                print(f"{person.login}\t{person.role}\t{role}{state}")
            return 0
        password = read_new_password() if args.staff_command == "add" else ""
        with engine.begin() as connection:
            if args.staff_command == "add":
                staff.add(connection, args.login, args.role, password)
                print(f"Сотрудник {args.login} добавлен: {ROLE_NAMES[args.role]}.")
            elif args.staff_command == "set-role":
                staff.set_role(connection, args.login, args.role)
                print(f"Роль сотрудника {args.login}: {ROLE_NAMES[args.role]}.")
            else:
                staff.disable(connection, args.login)
                print(f"Вход для {args.login} запрещён.")
        if args.staff_command == "disable":
            with engine.begin() as connection:
                print(_sessions_told(staff.end_sessions(connection, args.login)))
        return 0
    finally:
        engine.dispose()


def _sessions_told(sessions: Any) -> str:
    if sessions.left_open:
        return (
            f"Открытых сеансов осталось: {sessions.left_open}; они закончатся, когда "
            "сотрудник выйдет. Чтобы завершать их сразу, администратору базы нужна роль "
            "pg_signal_backend."
        )
    if sessions.ended:
        return f"Открытые сеансы завершены: {sessions.ended}."
    return "Открытых сеансов не было."
