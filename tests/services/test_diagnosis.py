"""Environment problems are told in Russian; bugs are not mistaken for them."""

import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from lkk_admin import db
from lkk_admin.services import diagnosis
from lkk_admin.services.errors import DomainError
from lkk_admin.testing.throwaway_postgres import free_port


def connect_error(url: str) -> BaseException:
    engine = db.make_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        return error
    finally:
        engine.dispose()
    raise AssertionError("connection unexpectedly succeeded")


def test_unreachable_server() -> None:
    error = connect_error(f"postgresql://nobody@127.0.0.1:{free_port()}/portal")
    assert diagnosis.diagnose(error) == diagnosis.UNREACHABLE


def test_missing_database(postgres_admin_url: str) -> None:
    url = db.normalize_url(postgres_admin_url).set(database="no_such_portal")
    error = connect_error(url.render_as_string(hide_password=False))
    problem = diagnosis.diagnose(error)
    assert problem == diagnosis.DATABASE_MISSING
    assert "нет базы данных" in problem.message


def test_unknown_user(postgres_admin_url: str) -> None:
    url = db.normalize_url(postgres_admin_url).set(username="no_such_clerk")
    assert diagnosis.diagnose(connect_error(url.render_as_string())) == diagnosis.UNKNOWN_USER


def test_connection_killed_by_the_server(pg_url: str, postgres_admin_url: str) -> None:
    engine = db.make_engine(pg_url)
    admin = create_engine(db.normalize_url(postgres_admin_url), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            pid = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with admin.connect() as admin_connection:
                admin_connection.execute(text(f"SELECT pg_terminate_backend({pid})"))
            with pytest.raises(OperationalError) as caught:
                connection.execute(text("SELECT 1"))
        assert diagnosis.diagnose(caught.value) == diagnosis.CONNECTION_LOST
    finally:
        engine.dispose()
        admin.dispose()


def test_sqlite_busy_and_missing_folder(tmp_path: Path) -> None:
    busy = OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))
    assert diagnosis.diagnose(busy) == diagnosis.DATABASE_BUSY
    engine = db.make_engine(db.sqlite_url(tmp_path / "no" / "such" / "dir.sqlite3"))
    with pytest.raises(OperationalError) as caught, engine.connect():
        pass
    assert diagnosis.diagnose(caught.value) == diagnosis.CANNOT_OPEN_FILE


def test_disk_full_is_an_environment_problem() -> None:
    assert diagnosis.diagnose(OSError(errno.ENOSPC, "No space left")) == diagnosis.DISK_FULL


def test_domain_errors_pass_their_own_message() -> None:
    problem = diagnosis.diagnose(DomainError("Заявку уже взял другой сотрудник."))
    assert problem is not None
    assert problem.message == "Заявку уже взял другой сотрудник."


def test_bugs_are_not_environment_problems() -> None:
    assert diagnosis.diagnose(KeyError("x")) is None
    assert diagnosis.diagnose(ValueError("bad")) is None
