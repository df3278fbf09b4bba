"""Shared fixtures: isolated user directories, real PostgreSQL and SQLite databases.

Every test runs with the standard user directories (data, config, logs, keyring) pointed
at a temporary folder, so nothing touches a real profile. Database tests get a fresh,
migrated database per test on SQLite and on a real PostgreSQL server: the one named by
LKK_TEST_DATABASE_URL (a superuser URL), or else a throwaway cluster started here.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keyring backends read their choice from the environment; the tests use a file backend
# under the redirected data directory (see isolated_user_dirs).
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ["LKK_ADMIN_ALLOW_PLAINTEXT_KEYRING"] = "1"

from lkk_admin import db
from lkk_admin.services import staff
from lkk_admin.testing.throwaway_postgres import (
    PostgresUnavailableError,
    ThrowawayPostgres,
)
from tests.smtp import RecordingSmtpServer

TEMPLATE_DATABASE = "lkk_test_template"
_database_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point every per-user directory at a fresh temp folder (XDG on Linux, APPDATA on Windows)."""
    home = tmp_path_factory.mktemp("home")
    for variable, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
        ("APPDATA", "appdata"),
        ("LOCALAPPDATA", "localappdata"),
    ):
        (home / sub).mkdir()
        monkeypatch.setenv(variable, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    return home


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """A superuser URL of a real PostgreSQL server, for the whole test session."""
    given = os.environ.get("LKK_TEST_DATABASE_URL")
    if given:
        yield str(db.normalize_url(given).render_as_string(hide_password=False))
        return
    server = ThrowawayPostgres()
    try:
        server.start()
    except PostgresUnavailableError as error:
        server.stop()
        pytest.fail(f"PostgreSQL is required for the test suite: {error}", pytrace=False)
    try:
        yield server.url()
    finally:
        server.stop()


def _admin_engine(admin_url: str) -> Engine:
    return create_engine(db.normalize_url(admin_url), isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def postgres_template(postgres_admin_url: str) -> str:
    """A migrated template database; each test clones it (much faster than migrating)."""
    engine = _admin_engine(postgres_admin_url)
    with engine.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE_DATABASE} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {TEMPLATE_DATABASE}"))
    engine.dispose()
    template_url = make_url(postgres_admin_url).set(database=TEMPLATE_DATABASE)
    db.upgrade(template_url)
    return TEMPLATE_DATABASE


@pytest.fixture
def pg_url(postgres_admin_url: str, postgres_template: str) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for one test."""
    name = f"lkk_test_{os.getpid()}_{next(_database_numbers)}"
    engine = _admin_engine(postgres_admin_url)
    with engine.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {postgres_template}"))
    url = make_url(postgres_admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with engine.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.sqlite3"
    db.upgrade(db.sqlite_url(path))
    return path


@pytest.fixture
def sqlite_db_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A fresh, migrated SQLite database file for one test."""
    path = tmp_path / "test.sqlite3"
    shutil.copyfile(sqlite_template, path)
    return db.sqlite_url(path)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """The same test on SQLite and on PostgreSQL."""
    fixture = "sqlite_db_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(fixture))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = db.make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def factory(engine: Engine) -> sessionmaker[Session]:
    return db.session_factory(engine)


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = db.make_engine(pg_url)
    yield engine
    engine.dispose()


@pytest.fixture
def pg_factory(pg_engine: Engine) -> sessionmaker[Session]:
    """Sessions on a fresh PostgreSQL database, for tests of PostgreSQL-only behaviour."""
    return db.session_factory(pg_engine)


@pytest.fixture
def smtp_server() -> Iterator[RecordingSmtpServer]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that records what it accepts."""
    server = RecordingSmtpServer().start()
    yield server
    server.stop()


STAFF_PASSWORD = "Пароль-сотрудника-1"
_staff_numbers = itertools.count(1)


@pytest.fixture
def as_staff(pg_url: str, pg_engine: Engine) -> Iterator[Callable[[str], Engine]]:
    """``as_staff(role)``: an engine logged in as a new staff member of that role."""
    created: list[tuple[str, Engine]] = []

    def login_as(role: str) -> Engine:
        login = f"staff_{role}_{os.getpid()}_{next(_staff_numbers)}"
        with pg_engine.begin() as connection:
            staff.add(connection, login, role, STAFF_PASSWORD)
        engine = db.make_engine(make_url(pg_url).set(username=login, password=STAFF_PASSWORD))
        created.append((login, engine))
        return engine

    yield login_as
    for login, engine in created:
        engine.dispose()
        with pg_engine.begin() as connection:
            connection.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
