"""Which database a command works on: ``--url``, ``--profile``, ``--demo``, else the last
used connection profile, as the application itself would open it."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from lkk_admin import cli_parser
from lkk_admin.services.errors import DomainError

if TYPE_CHECKING:
    from sqlalchemy import Engine

URL_HELP = "адрес базы данных (SQLAlchemy URL), например " + cli_parser.URL_EXAMPLES


def add_database_options(parser: argparse.ArgumentParser, *, demo: bool) -> None:
    """``--url`` | ``--profile`` (| ``--demo``): at most one; none means the last profile."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--url", type=cli_parser.database_url, metavar="АДРЕС", help=URL_HELP)
    where.add_argument(
        "--profile",
        metavar="ПРОФИЛЬ",
        help="профиль подключения из окна входа (пароль — из хранилища паролей); "
        "если база не указана — последний использованный профиль",
    )
    if demo:
        where.add_argument(
            "--demo",
            action="store_true",
            help="встроенная демонстрационная база (та, что открывает lkk-admin --demo)",
        )


def database_url(args: argparse.Namespace) -> str:
    """The URL to connect to, with the profile's password from the OS keyring if saved."""
    if args.url:
        return str(args.url)
    if getattr(args, "demo", False):
        from lkk_admin import db, paths

        path = paths.demo_database_path()
        if not path.is_file():
            raise DomainError(
                "Демонстрационной базы на этом компьютере ещё нет: откройте её один раз "
                "командой lkk-admin --demo.",
                code="NO_DEMO_DATABASE",
            )
        return db.sqlite_url(path)
    from lkk_admin.services.connection import build_url
    from lkk_admin.services.profiles import LookupOutcome, PasswordVault, ProfileStore

    book = ProfileStore().load()
    profile = book.get(args.profile) if args.profile else book.last()
    if profile is None:
        options = "--url, --profile или --demo" if hasattr(args, "demo") else "--url или --profile"
        message = (
            f"Профиль подключения «{args.profile}» не найден."
            if args.profile
            else f"Укажите {options}: профилей подключения на этом компьютере нет."
        )
        raise DomainError(message, code="NO_DATABASE")
    found = PasswordVault().lookup(profile)
    password = found.password if found.outcome is LookupOutcome.FOUND else None
    return build_url(profile.cleaned(), password).render_as_string(hide_password=False)


def open_database(args: argparse.Namespace) -> Engine:
    """An engine on the command's database, refused as the desk refuses it: a SQLite file
    that is not there, a schema older than this program (IT runs ``lkk-admin db upgrade``)
    or newer (a newer LKK Admin is needed). The caller disposes of it."""
    from lkk_admin import db
    from lkk_admin.services.connection import check_schema

    url = db.normalize_url(database_url(args))
    engine = db.make_engine(url, must_exist=True)
    try:
        check_schema(engine, url, db.database_name(url))
    except BaseException:
        engine.dispose()
        raise
    return engine
