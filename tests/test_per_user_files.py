"""On a shared Windows PC everything a desk writes stays in the user's own profile —
settings, connection profiles, the demo database, the log — and nothing lands beside the
program in Program Files. The log rotates and holds no personal data, frozen or not."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import platformdirs.windows
import pytest

from lkk_admin import logging_setup, paths
from lkk_admin.logging_setup import configure_logging, shutdown_logging
from lkk_admin.services.mail_settings import MailSettingsStore
from lkk_admin.services.profiles import ConnectionProfile, ProfileStore
from lkk_admin.views.context import settings_path


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The program as the MSI installs it: frozen, run from its folder in Program Files."""
    folder = tmp_path / "Program Files" / "LKK Admin"
    folder.mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "lkk-admin.exe"))
    assert paths.is_frozen()
    return folder


@pytest.fixture
def windows_layout(monkeypatch: pytest.MonkeyPatch, isolated_user_dirs: Path) -> dict[str, Path]:
    """platformdirs answering as on Windows: the user's folders read from %APPDATA% and
    %LOCALAPPDATA% (the test's own, see tests/conftest.py), as its fallback resolver reads
    them, where Windows itself would ask for the same known folders."""
    windows = platformdirs.windows
    monkeypatch.setattr(platformdirs, "PlatformDirs", windows.Windows)
    monkeypatch.setattr(windows, "_RESOLVE_WIN_FOLDER", windows.get_win_folder_from_env_vars)
    return {
        "roaming": isolated_user_dirs / "appdata",
        "local": isolated_user_dirs / "localappdata",
    }


@pytest.fixture
def logging_to_the_default_folder() -> Iterator[None]:
    yield
    shutdown_logging()


def written_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def test_the_frozen_programs_log_is_in_the_users_log_folder_never_beside_it(
    installed: Path, isolated_user_dirs: Path, logging_to_the_default_folder: None
) -> None:
    log_file = configure_logging()  # as the frozen program's start and its commands call it
    logging.getLogger("lkk_admin.test").warning("desk started")
    for handler in logging.getLogger().handlers:
        handler.flush()

    assert log_file == paths.log_dir() / "lkk-admin.log"
    assert log_file.is_relative_to(isolated_user_dirs)
    assert not log_file.is_relative_to(installed)
    assert "desk started" in log_file.read_text(encoding="utf-8")
    assert written_files(installed) == []


def test_on_windows_each_file_is_in_the_users_appdata(
    installed: Path,
    windows_layout: dict[str, Path],
    logging_to_the_default_folder: None,
) -> None:
    local = windows_layout["local"] / "RN-Energo" / "LKK Admin"
    roaming = windows_layout["roaming"] / "RN-Energo" / "LKK Admin"

    assert configure_logging() == local / "Logs" / "lkk-admin.log"
    assert paths.demo_database_path() == local / "demo.sqlite3"
    # What follows the user from PC to PC: the window layout, profiles, mail settings.
    assert settings_path() == roaming / "lkk-admin.ini"
    assert ProfileStore().path == roaming / "profiles.json"
    assert MailSettingsStore().path == roaming / "mail.json"
    assert written_files(installed) == []


def test_two_users_of_one_pc_do_not_see_each_others_profiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, windows_layout: dict[str, Path]
) -> None:
    def log_on_as(user: str) -> None:
        profile = tmp_path / "Users" / user / "AppData"
        for variable, folder in (("APPDATA", "Roaming"), ("LOCALAPPDATA", "Local")):
            (profile / folder).mkdir(parents=True, exist_ok=True)
            monkeypatch.setenv(variable, str(profile / folder))

    log_on_as("ivanova")
    book = ProfileStore().load()
    book.put(ConnectionProfile(name="Офис", host="db.office", user="ivanova"))
    ProfileStore().save(book)
    ivanova_log = paths.log_dir()

    log_on_as("petrov")
    assert ProfileStore().load().profiles == []
    assert paths.log_dir() != ivanova_log

    log_on_as("ivanova")
    assert [profile.name for profile in ProfileStore().load().profiles] == ["Офис"]


def test_the_log_rotates_and_no_generation_holds_personal_data(
    installed: Path,
    monkeypatch: pytest.MonkeyPatch,
    logging_to_the_default_folder: None,
) -> None:
    monkeypatch.setattr(logging_setup, "MAX_BYTES", 2_000)  # rotate within a few records
    log_file = configure_logging()
    log = logging.getLogger("lkk_admin.test")
    for number in range(200):
        log.warning(
            "request %d from petrov.ivan@mail.ru, phone +7 (912) 345-67-89, via %s",
            number,
            "postgresql://ivanova:Pa55w0rd@db:5432/lkk",
        )
    for handler in logging.getLogger().handlers:
        handler.flush()

    generations = sorted(log_file.parent.glob("lkk-admin.log*"))
    assert [path.name for path in generations] == [
        "lkk-admin.log",
        *(f"lkk-admin.log.{number}" for number in range(1, logging_setup.BACKUP_COUNT + 1)),
    ]
    for path in generations:
        text = path.read_text(encoding="utf-8")
        assert path.stat().st_size <= 2_000
        assert "request " in text
        assert "petrov.ivan" not in text and "345-67-89" not in text and "Pa55w0rd" not in text
    assert "request 199 from [e-mail], phone [phone]" in log_file.read_text(encoding="utf-8")
    assert written_files(installed) == []
