"""Opening databases: URLs, server facts, schema checks, the demo database file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from lkk_admin import db
from lkk_admin.services import connection, diagnosis
from lkk_admin.services.connection import ConnectionFailedError
from lkk_admin.services.errors import DomainError
from lkk_admin.services.profiles import ConnectionProfile
from lkk_admin.testing.throwaway_postgres import free_port
from tests.views.fake_demo_data import DemoDataCancelled, FakeGenerator, install


def test_build_url_carries_tls_settings_and_hides_the_password() -> None:
    profile = ConnectionProfile(
        name="Офис",
        host="db.rn-energo.local",
        port=6432,
        database="lkk",
        user="ivanova",
        sslmode="verify-full",
        sslrootcert=r"C:\certs\root.crt",
    )
    url = connection.build_url(profile, "p@ss:word")
    assert url.drivername == "postgresql+psycopg"
    assert url.password == "p@ss:word"
    assert url.query == {"sslmode": "verify-full", "sslrootcert": r"C:\certs\root.crt"}
    shown = connection.display_url(url)
    assert "p@ss" not in shown and "***" in shown
    command = connection.upgrade_command(url)
    assert (
        command == 'lkk-admin db upgrade --url "postgresql://ivanova@db.rn-energo.local:6432/lkk"'
    )


def test_build_url_without_certificate() -> None:
    url = connection.build_url(ConnectionProfile(name="x", host="h", user="u"), "")
    assert url.password is None
    assert url.query == {"sslmode": "prefer"}


def test_connect_postgresql(pg_url: str) -> None:
    parsed = make_url(pg_url)
    info = connection.connect_url(pg_url, profile_name="Тест")
    try:
        assert info.backend == "postgresql"
        assert not info.is_demo
        assert info.user == parsed.username
        assert info.database == parsed.database
        assert info.host == parsed.host
        assert info.port == parsed.port
        assert info.server_version.startswith("PostgreSQL ")
        assert info.profile_name == "Тест"
        with info.engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        info.dispose()


def test_connect_sqlite(sqlite_db_url: str) -> None:
    info = connection.connect_url(sqlite_db_url)
    try:
        assert info.backend == "sqlite"
        assert info.is_demo
        assert info.server_version.startswith("SQLite 3.")
        assert info.file_path is not None and info.file_path.name == "test.sqlite3"
    finally:
        info.dispose()


def test_unreachable_server() -> None:
    url = f"postgresql+psycopg://someone@127.0.0.1:{free_port()}/lkk"
    with pytest.raises(ConnectionFailedError) as raised:
        connection.connect_url(url)
    assert raised.value.problem is diagnosis.UNREACHABLE


def test_missing_database(postgres_admin_url: str) -> None:
    url = make_url(postgres_admin_url).set(database="there_is_no_such_db")
    with pytest.raises(ConnectionFailedError) as raised:
        connection.connect_url(url)
    assert raised.value.problem is diagnosis.DATABASE_MISSING


def test_empty_database_is_explained(postgres_admin_url: str) -> None:
    admin = create_engine(db.normalize_url(postgres_admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS lkk_empty_test WITH (FORCE)"))
        conn.execute(text("CREATE DATABASE lkk_empty_test"))
    try:
        url = make_url(postgres_admin_url).set(database="lkk_empty_test")
        with pytest.raises(DomainError) as raised:
            connection.connect_url(url)
        assert raised.value.code == "schema_empty"
        assert "пуста" in raised.value.message
        assert "lkk-admin db upgrade --url" in raised.value.message
        assert "lkk_empty_test" in raised.value.message
    finally:
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS lkk_empty_test WITH (FORCE)"))
        admin.dispose()


def test_older_and_newer_schema(sqlite_db_url: str) -> None:
    engine = create_engine(sqlite_db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    with pytest.raises(DomainError) as raised:
        connection.connect_url(sqlite_db_url)
    assert raised.value.code == "schema_old"
    assert "lkk-admin db upgrade" in raised.value.message

    with engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
    with pytest.raises(DomainError) as raised:
        connection.connect_url(sqlite_db_url)
    assert raised.value.code == "schema_old"

    with engine.begin() as conn:
        conn.execute(text("INSERT INTO alembic_version VALUES ('9999_from_the_future')"))
    engine.dispose()
    with pytest.raises(DomainError) as raised:
        connection.connect_url(sqlite_db_url)
    assert raised.value.code == "schema_newer"
    assert "новее" in raised.value.message or "более новой" in raised.value.message


# --- the demo database ------------------------------------------------------------------------


def test_first_run_generates_via_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generator = FakeGenerator()
    install(monkeypatch, generator)
    target = tmp_path / "data" / "demo.sqlite3"
    seen: list[tuple[str, int, int]] = []

    path, created = connection.prepare_demo_database(
        target, scale=0.01, progress=lambda *a: seen.append(a), cancelled=lambda: False
    )

    assert (path, created) == (target, True)
    assert generator.calls == [(db.sqlite_url(target.with_name("demo.sqlite3.partial")), 0.01)]
    assert seen[-1] == ("Контрагенты", 5, 5)
    assert target.exists()
    assert sorted(p.name for p in target.parent.iterdir()) == ["demo.sqlite3"]
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1

    # Second run: upgraded in place, never regenerated.
    path, created = connection.prepare_demo_database(target, scale=0.01)
    assert created is False
    assert len(generator.calls) == 1
    info = connection.open_demo(target)
    try:
        assert info.backend == "sqlite" and info.file_path == target
    finally:
        info.dispose()


def test_cancelled_first_run_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, FakeGenerator())
    target = tmp_path / "demo.sqlite3"
    (tmp_path / "demo.sqlite3.partial").write_bytes(b"left over from a crash")
    with pytest.raises(DemoDataCancelled):
        connection.prepare_demo_database(target, cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_failed_first_run_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch, FakeGenerator(fail_with=OSError(28, "No space left on device")))
    target = tmp_path / "demo.sqlite3"
    with pytest.raises(ConnectionFailedError) as raised:
        connection.open_demo(target)
    assert raised.value.problem is diagnosis.DISK_FULL
    assert list(tmp_path.iterdir()) == []
