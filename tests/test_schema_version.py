"""A database whose schema is not this program's: older (IT runs ``lkk-admin db upgrade``)
or newer (IT upgraded the database before the desks: a newer LKK Admin is needed). The
desk and every command refuse it in Russian, saying what to do — never as a crash."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from lkk_admin import __version__, cli, db
from lkk_admin.services import connection, schema_version
from lkk_admin.services.errors import DomainError
from tests.migration_steps import downgrade

HEAD = schema_version.program_head()
LATER_RELEASE = "2.3.0"
LATER_REVISION = "0099"


def upgraded_by_a_later_program(engine: Engine, *, release: str | None = LATER_RELEASE) -> None:
    """The database as a later LKK Admin's ``db upgrade`` leaves it: a revision this program
    has no migration of, and (when ``release``) that program's version recorded for it."""
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": LATER_REVISION})
        if release is not None:
            conn.execute(
                text(
                    "INSERT INTO schema_release (revision, program_version, upgraded_at) "
                    "VALUES (:revision, :version, CURRENT_TIMESTAMP)"
                ),
                {"revision": LATER_REVISION, "version": release},
            )


def refusal(url: str) -> DomainError:
    with pytest.raises(DomainError) as raised:
        connection.connect_url(url)
    return raised.value


def recorded(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT revision, program_version FROM schema_release"))
        return {str(revision): str(version) for revision, version in rows}


def database_of(url: str) -> str:
    return db.database_name(url)


# --- what db upgrade records ---------------------------------------------------------------


def test_db_upgrade_records_the_first_program_that_brought_the_schema_to_its_revision(
    db_url: str, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert recorded(engine) == {HEAD: __version__}

    # A bug-fix release at the same revision leaves the row: the older one can use it.
    monkeypatch.setattr(schema_version, "__version__", "0.1.1")
    db.upgrade(db_url)
    assert recorded(engine) == {HEAD: __version__}

    # Back before the table, then up again by that release: it brought the schema here.
    downgrade(engine, "0015")
    db.upgrade(db_url)
    assert recorded(engine) == {HEAD: "0.1.1"}


def test_the_release_is_recorded_in_utc_when_the_upgrade_ran(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM schema_release"))
        moment = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
        schema_version.record_release(conn, now=moment)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT upgraded_at FROM schema_release")).scalar_one()
    shown = stored if isinstance(stored, datetime) else datetime.fromisoformat(str(stored))
    assert shown.replace(tzinfo=shown.tzinfo or UTC) == moment


def test_an_upgrade_to_an_older_revision_records_nothing(tmp_path: Path) -> None:
    url = db.sqlite_url(tmp_path / "old.sqlite3")
    db.upgrade(url, "0010")
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            state = schema_version.read_state(conn)
        assert (state.revision, state.fit, state.release) == (
            "0010",
            schema_version.Fit.OLDER,
            None,
        )
    finally:
        engine.dispose()


# --- a newer schema: which version to install ------------------------------------------------


def test_a_schema_a_later_program_made_names_the_version_to_install(
    db_url: str, engine: Engine
) -> None:
    upgraded_by_a_later_program(engine)

    error = refusal(db_url)

    assert error.code == "schema_newer"
    assert error.message == (
        f"База данных «{database_of(db_url)}» обновлена для LKK Admin 2.3.0, а у вас "
        f"установлена более старая версия {__version__}: она не может работать с этой базой. "
        "Установите LKK Admin 2.3.0 или новее (на рабочих местах программу устанавливает "
        "ИТ-отдел)."
    )


def test_without_a_recorded_release_the_schema_revision_is_named(
    db_url: str, engine: Engine
) -> None:
    upgraded_by_a_later_program(engine, release=None)

    error = refusal(db_url)

    assert error.code == "schema_newer"
    assert f"у вас ({__version__}, ревизия схемы {HEAD})" in error.message
    assert "в базе ревизия схемы 0099, этой версии неизвестная" in error.message
    assert "выпущенную вместе с этим обновлением базы (ревизия схемы 0099)" in error.message
    assert "db upgrade" not in error.message  # upgrading cannot help: the desk must


def test_every_staff_role_reads_which_version_to_install(
    pg_url: str, pg_engine: Engine, as_staff: Callable[[str], Engine]
) -> None:
    upgraded_by_a_later_program(pg_engine)
    url = make_url(pg_url)
    for role in ("verifier", "editor", "admin"):
        engine = as_staff(role)
        with pytest.raises(DomainError) as raised:
            connection.check_schema(engine, url, "lkk")
        assert "LKK Admin 2.3.0 или новее" in raised.value.message, role
        # Reading, not writing: only the owner's upgrades record a release.
        with pytest.raises(DBAPIError) as refused, engine.begin() as conn:
            conn.execute(text("DELETE FROM schema_release"))
        assert getattr(refused.value.orig, "sqlstate", None) == "42501"


def test_db_upgrade_refuses_a_schema_a_later_program_made(
    db_url: str, engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    upgraded_by_a_later_program(engine)

    assert cli.main(["db", "upgrade", "--url", db_url]) == 1

    err = capsys.readouterr().err
    assert err.startswith("Ошибка: База данных «")
    assert "LKK Admin 2.3.0 или новее" in err
    assert "Непредвиденная" not in err
    assert db.current_revision(engine) == LATER_REVISION
    assert recorded(engine)[LATER_REVISION] == LATER_RELEASE


def test_a_demo_a_later_program_made_is_told_and_can_be_made_afresh(tmp_path: Path) -> None:
    demo = tmp_path / "demo.sqlite3"
    db.upgrade(db.sqlite_url(demo))
    engine = db.make_engine(db.sqlite_url(demo))
    upgraded_by_a_later_program(engine)
    engine.dispose()

    with pytest.raises(DomainError) as raised:
        connection.open_demo(demo)

    assert raised.value.code == "schema_newer"
    assert "LKK Admin 2.3.0 или новее" in raised.value.message
    assert f"удалите файл {demo}" in raised.value.message


# --- an older schema: the command IT runs -----------------------------------------------------


def test_an_older_schema_gives_the_command_and_the_command_brings_it_up(
    db_url: str,
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    downgrade(engine, "0010")

    error = refusal(db_url)

    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        expected = f'lkk-admin db upgrade --url "sqlite:///{url.database}"'
    else:
        expected = (
            f'lkk-admin db upgrade --url "postgresql://{url.username}@{url.host}:{url.port}'
            f'/{url.database}"'
        )
    assert error.code == "schema_old"
    assert error.message == (
        f"Схема базы данных «{database_of(db_url)}» старше, чем нужна этой версии LKK Admin "
        f"({__version__}): в базе ревизия схемы 0010, нужна {HEAD}. Попросите ИТ-отдел "
        f"(администратора базы) обновить её командой\n{expected}"
    )

    # The command as told, typed by IT (the password, if any, as libpq takes it).
    if url.password:
        monkeypatch.setenv("PGPASSWORD", url.password)
    program, *arguments = shlex.split(error.message.splitlines()[-1])
    assert program == "lkk-admin"
    assert cli.main(arguments) == 0
    assert "Схема базы данных обновлена" in capsys.readouterr().out
    connection.connect_url(db_url).dispose()
    assert recorded(engine) == {HEAD: __version__}


# --- the commands refuse as the desk does ----------------------------------------------------


def command_lines(url: str, folder: Path) -> dict[str, list[str]]:
    return {
        "survey export": ["survey", "export", "--survey", "1", "-o", str(folder / "s.xlsx")],
        "report": [
            "report", "consumption", "--contract", "ЭС-1", "--from", "2026-01",
            "--to", "2026-03", "-o", str(folder / "r.pdf"),
        ],
        "retention": ["retention", "--dry-run", "-o", str(folder / "akt.pdf")],
        "send-mail": ["send-mail"],
    }  # fmt: skip


@pytest.mark.parametrize("command", ["survey export", "report", "retention", "send-mail"])
def test_commands_refuse_an_older_or_a_newer_schema_with_exit_1(
    sqlite_db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    line = [*command_lines(sqlite_db_url, folder)[command], "--url", sqlite_db_url]
    engine = db.make_engine(sqlite_db_url)
    try:
        downgrade(engine, "0010")
        assert cli.main(line) == 1
        err = capsys.readouterr().err
        assert err.startswith("Ошибка: Схема базы данных «test.sqlite3» старше"), err
        assert f'lkk-admin db upgrade --url "{sqlite_db_url}"' in err

        db.upgrade(sqlite_db_url)
        upgraded_by_a_later_program(engine)
        assert cli.main(line) == 1
        err = capsys.readouterr().err
        assert err.startswith("Ошибка: База данных «test.sqlite3» обновлена для LKK Admin 2.3.0")
    finally:
        engine.dispose()
    assert list(folder.iterdir()) == []
