"""The command line: version, migrations, and clear Russian messages on failure."""

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect

from lkk_admin import __version__, db
from lkk_admin.cli import _build_parser, main
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


def test_version_loads_neither_qt_nor_the_database_layer() -> None:
    """``--version`` is what IT scripts and the installer's checks call: it must be quick."""
    probe = (
        "import sys\n"
        "from lkk_admin.cli import main\n"
        "assert main(['--version']) == 0\n"
        "print(sorted({name.split('.')[0] for name in sys.modules}"
        " & {'PySide6', 'sqlalchemy', 'alembic', 'psycopg'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"lkk-admin {__version__}", "[]"]


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
    assert "main window: registration_queue lists " in out  # shown, loaded and closed
    assert "FAIL" not in out


# --- The command line speaks Russian --------------------------------------------------------

# What argparse says by itself in English (Python 3.11–3.13).
ARGPARSE_ENGLISH = (
    "usage:",
    "positional arguments",
    "options:",
    "optional arguments",
    "show this help message",
    "show program's version",
    "error:",
    "the following arguments are required",
    "invalid choice",
    "unrecognized arguments",
    "expected one argument",
    "not allowed with argument",
    "subcommands",
)


def every_parser() -> dict[str, argparse.ArgumentParser]:
    """``lkk-admin`` and each of its commands and their actions, by command line."""
    found: dict[str, argparse.ArgumentParser] = {}

    def visit(name: str, parser: argparse.ArgumentParser) -> None:
        found[name] = parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for command, child in action.choices.items():
                    visit(f"{name} {command}", child)

    visit("lkk-admin", _build_parser())
    return found


def test_every_help_is_in_russian() -> None:
    parsers = every_parser()
    assert {"lkk-admin report", "lkk-admin db upgrade", "lkk-admin staff add"} <= set(parsers)
    for name, parser in parsers.items():
        text = parser.format_help()
        assert text.startswith(f"использование: {name} [-h]"), text
        assert "показать эту справку и выйти" in text
        for english in ARGPARSE_ENGLISH:
            assert english not in text.lower(), f"{name}: {english!r} in\n{text}"
        for action in parser._actions:
            if action.option_strings and action.nargs != 0 and action.choices is None:
                # A value's placeholder is a Russian word, not the option's name in capitals.
                assert re.fullmatch(r"[А-ЯЁ-]+", str(action.metavar)), (name, action.dest)


def test_help_from_the_installed_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("использование: lkk-admin [-h] [--version] [--demo] КОМАНДА ...")
    assert "параметры:" in out and "показать версию программы и выйти" in out
    assert not [word for word in ARGPARSE_ENGLISH if word in out.lower()]
    result = run_cli("report", "--help")
    assert result.returncode == 0
    assert "использование: lkk-admin report" in result.stdout
    assert "--demo" in result.stdout and "--profile ПРОФИЛЬ" in result.stdout
    assert not [word for word in ARGPARSE_ENGLISH if word in result.stdout.lower()]


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["report"], "lkk-admin report: ошибка: не указаны обязательные аргументы: ОТЧЁТ"),
        (["report", "bill"], "аргумент ОТЧЁТ: недопустимое значение 'bill' (возможные: "),
        (["--bogus"], "lkk-admin: ошибка: неизвестные аргументы: --bogus"),
        (["demo-data", "--url"], "аргумент --url: нужно значение"),
        (["demo-data", "--url", "sqlite://", "--scale", "много"], "нужно число, а не «много»"),
        (["staff", "list"], "не указаны обязательные аргументы: --url"),
        (["nothing"], "недопустимое значение 'nothing'"),
    ],
)
def test_usage_errors_are_told_in_russian(
    capsys: pytest.CaptureFixture[str], arguments: list[str], said: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(arguments)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("использование: lkk-admin")
    assert said in err, err
    assert not [word for word in ARGPARSE_ENGLISH if word in err.lower()]


def test_argparse_is_left_as_it_was() -> None:
    """The Russian words are lent to lkk-admin's parsers only (pytest has its own)."""
    _build_parser().format_help()
    other = argparse.ArgumentParser(prog="other")
    assert "show this help message and exit" in other.format_help()
