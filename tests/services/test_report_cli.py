"""``lkk-admin report`` names what is wrong with a month or an output path, in Russian,
and leaves no file behind."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from lkk_admin import cli, db, paths
from lkk_admin.models import Contract
from lkk_admin.services import json_files
from lkk_admin.services.errors import DomainError
from lkk_admin.services.profiles import ConnectionProfile, ProfileBook, ProfileStore
from lkk_admin.services.reports.contracts import checked_period
from tests.pdf import pdf_text
from tests.services.conftest import DemoWorld
from tests.services.test_report_tariff import NUMBER as TARIFF_NUMBER
from tests.services.test_report_tariff import craft as craft_tariffs


def report(url: str, output: Path, *, first: str = "2025-01", last: str = "2025-03") -> int:
    return cli.main(
        [
            "report",
            "statement",
            "--contract",
            "НЕ-ВАЖНО",
            "--from",
            first,
            "--to",
            last,
            "--url",
            url,
            "-o",
            str(output),
        ]
    )


@pytest.mark.parametrize(("first", "last"), [("0000-01", "2025-01"), ("2025-01", "9999-12")])
def test_a_month_outside_the_calendar_is_named(
    sqlite_db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    first: str,
    last: str,
) -> None:
    with pytest.raises(SystemExit) as exit_:
        report(sqlite_db_url, tmp_path / "x.pdf", first=first, last=last)
    assert exit_.value.code == 2  # a usage error, as for any malformed month
    err = capsys.readouterr().err
    bad = first if first.startswith("0") else last
    assert f"месяц от 2000-01 до 2099-12, а не «{bad}»" in err
    assert "invalid" not in err and "Непредвиденная" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_the_desks_get_the_same_bounds() -> None:
    with pytest.raises(DomainError, match=r"Месяц 12\.9999 вне допустимого периода"):
        checked_period(date(2025, 1, 1), date(9999, 12, 1))
    with pytest.raises(DomainError, match=r"с 01\.2000 по 12\.2099"):
        checked_period(date(1, 1, 1), date(2025, 1, 1))
    assert checked_period(date(2000, 1, 15), date(2099, 12, 31)) == (
        date(2000, 1, 1),
        date(2099, 12, 1),
    )


def refused(
    url: str, output: Path, capsys: pytest.CaptureFixture[str], folder: Path
) -> tuple[int, str]:
    before = sorted(folder.iterdir())
    code = report(url, output)
    err = capsys.readouterr().err
    assert sorted(folder.iterdir()) == before, "a file was left behind"
    assert "Непредвиденная" not in err and "базы данных" not in err, err
    assert err.rstrip().endswith("Файл не создан."), err
    return code, err


def test_an_output_that_is_a_folder(
    sqlite_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "Отчёты"
    folder.mkdir()
    code, err = refused(sqlite_db_url, folder, capsys, tmp_path)
    assert code == 1
    assert f"{folder} — это папка, а нужно имя файла PDF" in err
    assert list(folder.iterdir()) == []


def test_an_output_under_a_file(
    sqlite_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "заметки.txt"
    not_a_folder.write_text("x")
    code, err = refused(sqlite_db_url, not_a_folder / "x.pdf", capsys, tmp_path)
    assert code == 1
    assert f"{not_a_folder} — это файл, а не папка" in err


def test_a_missing_folder(
    sqlite_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = refused(sqlite_db_url, tmp_path / "нет" / "x.pdf", capsys, tmp_path)
    assert code == 1
    assert f"Папки {tmp_path / 'нет'} нет." in err


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root may write anywhere (CI runs as root); the refusal is simulated below",
)
def test_a_folder_without_write_permission(
    sqlite_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "закрыто"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, err = refused(sqlite_db_url, folder / "x.pdf", capsys, folder)
    finally:
        folder.chmod(0o700)
    assert code == 1
    assert f"Нет права записи в папку {folder}" in err


@pytest.mark.parametrize(
    "case",
    [
        (PermissionError(errno.EACCES, "Permission denied"), "Нет права записи в папку"),
        (OSError(errno.EROFS, "Read-only file system"), "на диске, доступном только для чтения"),
        (OSError(errno.ENOSPC, "No space left on device"), "не хватает места"),
    ],
)
def test_a_folder_that_cannot_take_a_file_is_refused_before_the_report_is_built(
    sqlite_db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    case: tuple[OSError, str],
) -> None:
    """What the operating system says when the folder is closed, on a read-only disk or
    full (root may write anywhere, and no read-only disk is at hand: the refusal is made)."""

    error, said = case

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, err = refused(sqlite_db_url, tmp_path / "x.pdf", capsys, tmp_path)
    assert code == 1
    assert said in err and str(tmp_path) in err


def test_a_file_that_cannot_be_replaced_after_the_report_is_built(
    demo: DemoWorld,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On Windows a PDF open in a viewer cannot be replaced: said so, nothing left."""
    number, _id = demo.largest_contract()

    def refuse(path: Path, _content: bytes) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(json_files, "write_document_atomically", refuse)
    target = tmp_path / "ведомость.pdf"
    code = cli.main(
        [
            "report",
            "statement",
            "--contract",
            number,
            "--from",
            "2025-01",
            "--to",
            "2025-03",
            "--url",
            demo.url,
            "-o",
            str(target),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert f"Нет права записи: файл {target} не записан" in err
    assert "открыт в другой программе" in err
    assert list(tmp_path.iterdir()) == []


# --- Which database, and what a URL looks like ---------------------------------------------


def tariff_database(url: str) -> None:
    """The tariff certificate's contract, in force from 3 December 2025 to 20 February 2026
    (rates are published November 2025 … April 2026)."""
    engine = db.make_engine(url)
    factory = db.session_factory(engine)
    craft_tariffs(factory, months=5)
    with factory() as session:
        contract = session.scalars(select(Contract).where(Contract.number == TARIFF_NUMBER)).one()
        contract.valid_from = date(2025, 12, 3)
        contract.terminated_on = date(2026, 2, 20)
        session.commit()
    engine.dispose()


def tariff(where: list[str], output: Path, first: str = "2025-11", last: str = "2026-04") -> int:
    what = ["report", "tariff", "--contract", TARIFF_NUMBER, "--from", first, "--to", last]
    return cli.main([*what, *where, "-o", str(output)])


def test_the_tariff_certificate_keeps_to_the_contracts_months_and_says_so(
    sqlite_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tariff_database(sqlite_db_url)
    output = tmp_path / "справка.pdf"
    assert tariff(["--url", sqlite_db_url], output) == 0
    out = capsys.readouterr().out
    assert (
        "Период сокращён до месяцев действия договора (с 03.12.2025 по 20.02.2026): "
        "декабрь 2025 — февраль 2026 (запрошено: ноябрь 2025 — апрель 2026)."
    ) in out
    assert f"Файл {output} сохранён" in out
    first_page = pdf_text(output.read_bytes())[0]
    assert "Период:\nдекабрь 2025 — февраль 2026" in first_page
    assert "Ноябрь 2025" not in first_page and "Март 2026" not in first_page

    assert tariff(["--url", sqlite_db_url], output, "2026-03", "2026-04") == 1
    err = capsys.readouterr().err
    assert "действует с 03.12.2025 по 20.02.2026; в запрошенном периоде" in err


def test_within_the_contracts_months_nothing_is_said(
    sqlite_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tariff_database(sqlite_db_url)
    assert tariff(["--url", sqlite_db_url], tmp_path / "x.pdf", "2026-01", "2026-02") == 0
    assert "сокращён" not in capsys.readouterr().out


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_pdf_gets_the_usual_permissions(
    sqlite_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report is a document to pass on, not a secret: 0666 less the umask, as any
    program makes its files (the settings files alone stay the owner's)."""
    tariff_database(sqlite_db_url)
    folder = tmp_path / "Отчёты"
    folder.mkdir()
    output = folder / "справка.pdf"
    previous = os.umask(0o022)
    try:
        assert tariff(["--url", sqlite_db_url], output) == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(output.stat().st_mode) == 0o644
    assert [path.name for path in folder.iterdir()] == ["справка.pdf"]  # no .part left


@pytest.mark.parametrize("given", ["demo.sqlite3", "C:\\Отчёты\\lkk.db", "localhost"])
def test_a_url_that_is_not_one_shows_what_a_url_looks_like(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], given: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        tariff(["--url", given], tmp_path / "x.pdf")
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "аргумент --url: это не адрес базы данных. Адрес выглядит так: postgresql://" in err
    assert "sqlite:///путь/к/файлу.sqlite3" in err
    assert ("Файл SQLite" in err) == (given != "localhost")
    assert "Непредвиденная" not in err and "ArgumentError" not in err


def test_a_database_other_than_postgresql_or_sqlite_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        tariff(["--url", "mysql://user@host/db"], tmp_path / "x.pdf")
    assert "поддерживаются базы PostgreSQL и SQLite, а не «mysql»" in capsys.readouterr().err


def test_a_mistyped_sqlite_file_is_refused_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "portal.sqlte3"
    assert tariff(["--url", db.sqlite_url(missing)], tmp_path / "x.pdf") == 1
    err = capsys.readouterr().err
    assert f"Ошибка: Файла базы SQLite {missing} нет. Проверьте путь" in err
    assert "lkk-admin db upgrade --url" in err
    assert list(tmp_path.iterdir()) == []


def test_demo_means_the_applications_demo_database(
    sqlite_db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    demo_file = tmp_path / "demo.sqlite3"
    monkeypatch.setattr(paths, "demo_database_path", lambda: demo_file)
    output = tmp_path / "x.pdf"
    assert tariff(["--demo"], output) == 1
    assert "Демонстрационной базы на этом компьютере ещё нет" in capsys.readouterr().err
    assert not demo_file.exists()

    tariff_database(sqlite_db_url)
    shutil.copyfile(db.make_engine(sqlite_db_url).url.database or "", demo_file)
    assert tariff(["--demo"], output, "2026-01", "2026-02") == 0
    assert f"Файл {output} сохранён" in capsys.readouterr().out


def test_profile_or_the_last_used_one(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As send-mail: a named profile, else the last one the login window used."""
    tariff_database(pg_url)
    url = make_url(pg_url)
    profile = ConnectionProfile(
        "Тестовый",
        host=url.host or "",
        port=url.port or 5432,
        database=url.database or "",
        user=url.username or "",
        sslmode="disable",
    )
    output = tmp_path / "x.pdf"
    assert tariff([], output) == 1
    assert "Укажите --url, --profile или --demo" in capsys.readouterr().err
    ProfileStore().save(ProfileBook([profile], last_used=None))
    assert tariff(["--profile", "Другой"], output) == 1
    assert "Профиль подключения «Другой» не найден." in capsys.readouterr().err
    assert tariff(["--profile", "Тестовый"], output, "2026-01", "2026-02") == 0
    ProfileStore().save(ProfileBook([profile], last_used="Тестовый"))
    output.unlink()
    assert tariff([], output, "2026-01", "2026-02") == 0
    assert output.exists()
    with pytest.raises(SystemExit):  # one database at a time
        tariff(["--demo", "--profile", "Тестовый"], output)
    assert "нельзя указывать вместе с" in capsys.readouterr().err
