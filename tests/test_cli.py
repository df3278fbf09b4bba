"""The command line: version, migrations, and clear Russian messages on failure."""

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect

from lkk_admin import __version__, db
from lkk_admin.cli import main
from lkk_admin.testing.throwaway_postgres import free_port


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lkk_admin", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_version_is_printed() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"lkk-admin {__version__}"


def test_db_upgrade_migrates_an_empty_sqlite_file(tmp_path: Path) -> None:
    url = db.sqlite_url(tmp_path / "portal.sqlite3")
    first = run_cli("db", "upgrade", "--url", url)
    second = run_cli("db", "upgrade", "--url", url)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert "обновлена" in first.stdout
    engine = db.make_engine(url)
    try:
        assert "registration_request" in inspect(engine).get_table_names()
        assert db.current_revision(engine) == db.head_revision()
    finally:
        engine.dispose()


def test_db_upgrade_on_postgresql(postgres_admin_url: str, pg_url: str) -> None:
    assert main(["db", "upgrade", "--url", pg_url]) == 0


def test_unreachable_server_is_told_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["db", "upgrade", "--url", f"postgresql://x@127.0.0.1:{free_port()}/portal"])
    assert code == 1
    assert "Сервер базы данных недоступен" in capsys.readouterr().err


def test_subcommands_do_not_load_qt() -> None:
    probe = (
        "import sys; from lkk_admin.cli import main; "
        "main(['db', 'upgrade', '--url', 'sqlite://']); "
        "print('PySide6' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().endswith("False")


def test_self_check_finds_everything_the_installation_ships(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["self-check"]) == 0
    out = capsys.readouterr().out
    assert "translation: lkk_admin_ru.qm: «Очередь регистраций»" in out
    assert "migrations: head" in out
    assert "FAIL" not in out
