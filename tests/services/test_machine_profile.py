"""The organisation's profile: what IT set for the whole computer, read as the program
finds it (an INI file here and in tests; HKLM on Windows, written by the MSI)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import platformdirs
import pytest

from lkk_admin import paths
from lkk_admin.services.profiles import (
    DEFAULT_PORT,
    DEFAULT_SSL_MODE,
    MACHINE_PROFILE_ENV,
    MACHINE_PROFILE_NAME,
    ConnectionProfile,
    ProfileBook,
    ProfileStore,
    load_machine_profile,
    machine_profile_from_values,
    machine_profile_path,
)


@pytest.fixture
def ini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "machine-profile.ini"
    monkeypatch.setenv(MACHINE_PROFILE_ENV, str(path))
    return path


def test_the_ini_file_gives_every_server_setting_and_no_user(ini: Path) -> None:
    ini.write_text(
        "[Organisation]\n"
        "Host = db.rn-energo.local\n"
        "Port = 6432\n"
        "Database = lkk_prod\n"
        "SslMode = verify-full\n"
        "SslRootCert = C:\\ProgramData\\RN-Energo\\root.crt\n",
        encoding="utf-8",
    )
    assert load_machine_profile() == ConnectionProfile(
        name=MACHINE_PROFILE_NAME,
        host="db.rn-energo.local",
        port=6432,
        database="lkk_prod",
        user="",
        sslmode="verify-full",
        sslrootcert="C:\\ProgramData\\RN-Energo\\root.crt",
    )


def test_what_it_left_out_has_the_usual_defaults(ini: Path) -> None:
    """The MSI writes every value, empty when its property was not given."""
    ini.write_text(
        "[Organisation]\nhost = db\nport =\ndatabase =\nsslmode =\nsslrootcert =\n",
        encoding="utf-8",
    )
    profile = load_machine_profile()
    assert profile is not None
    assert (profile.host, profile.port, profile.database) == ("db", DEFAULT_PORT, "lkk")
    assert (profile.sslmode, profile.sslrootcert) == (DEFAULT_SSL_MODE, "")


@pytest.mark.parametrize(
    "text",
    [
        None,  # no file at all
        "",
        "[Elsewhere]\nHost = db\n",
        "[Organisation]\nHost =\nPort = 5432\n",  # installed without DBHOST
        "not an ini file",
    ],
)
def test_no_host_no_profile(ini: Path, text: str | None) -> None:
    if text is not None:
        ini.write_text(text, encoding="utf-8")
    assert load_machine_profile() is None


@pytest.mark.parametrize(
    ("values", "said"),
    [
        ({"Host": "db", "Port": "54321x"}, "port '54321x' is not a port"),
        ({"Host": "db", "Port": "70000"}, "port '70000' is not a port"),
        ({"Host": "db", "SslMode": "verify_full"}, "unknown SSL mode 'verify_full'"),
    ],
)
def test_a_value_that_is_wrong_leaves_the_profile_out_and_says_why(
    values: dict[str, str], said: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A typo must not quietly connect with weaker settings than IT meant."""
    with caplog.at_level(logging.WARNING, logger="lkk_admin.services.profiles"):
        assert machine_profile_from_values(values) is None
    assert said in caplog.text


def test_the_place_is_the_environments_or_the_systems(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MACHINE_PROFILE_ENV, raising=False)
    if sys.platform == "win32":
        assert machine_profile_path() is None  # the registry
    else:
        assert machine_profile_path() == (
            Path(platformdirs.site_config_dir(paths.APP_NAME, paths.APP_AUTHOR))
            / "machine-profile.ini"
        )


def test_the_users_name_for_it_and_whether_it_was_last_are_the_users_own(
    tmp_path: Path,
) -> None:
    store = ProfileStore(tmp_path / "profiles.json")
    store.save(ProfileBook(machine_user="ivanova", machine_last_used=True))
    assert store.load() == ProfileBook(machine_user="ivanova", machine_last_used=True)


def test_a_file_from_before_knows_nothing_of_it(tmp_path: Path) -> None:
    path = tmp_path / "profiles.json"
    path.write_text('{"version": 1, "last_used": null, "profiles": []}', encoding="utf-8")
    book = ProfileStore(path).load()
    assert (book.machine_user, book.machine_last_used) == ("", False)
