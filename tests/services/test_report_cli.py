"""``lkk-admin report`` names what is wrong with a month or an output path, in Russian,
and leaves no file behind."""

from __future__ import annotations

import errno
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lkk_admin import cli
from lkk_admin.services import json_files
from lkk_admin.services.errors import DomainError
from lkk_admin.services.reports.contracts import checked_period
from tests.services.conftest import DemoWorld


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

    monkeypatch.setattr(json_files, "write_bytes_atomically", refuse)
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
