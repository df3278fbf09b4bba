"""Connection profiles on disk (never a password) and passwords in the OS keyring."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringLocked

from lkk_admin import paths
from lkk_admin.services.profiles import (
    KEYRING_SERVICE,
    ConnectionProfile,
    KeyringFailedError,
    KeyringLockedError,
    KeyringUnavailableError,
    LookupOutcome,
    PasswordVault,
    ProfileBook,
    ProfileStore,
    VaultState,
)

SECRET = "Очень-Секретный-Pa55"
OFFICE = ConnectionProfile(
    name="Офис",
    host="db.rn-energo.local",
    port=6432,
    database="lkk",
    user="ivanova",
    sslmode="verify-full",
    sslrootcert="/etc/ssl/root.crt",
)


def test_default_location_is_the_config_dir() -> None:
    assert ProfileStore().path == paths.config_dir() / "profiles.json"


def test_round_trip_and_last_used(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "profiles.json")
    assert store.load() == ProfileBook()
    book = ProfileBook()
    book.put(OFFICE)
    book.put(ConnectionProfile(name="Архив", host="archive", user="petrov"))
    book.last_used = "Офис"
    store.save(book)
    loaded = store.load()
    assert [p.name for p in loaded.profiles] == ["Архив", "Офис"]
    assert loaded.get("Офис") == OFFICE
    assert loaded.last() == OFFICE
    assert not list(tmp_path.glob(".profiles-*"))  # the temporary file was renamed


def test_renaming_replaces_the_old_entry() -> None:
    book = ProfileBook([OFFICE], last_used="Офис")
    renamed = ConnectionProfile(**{**OFFICE.__dict__, "name": "Главный офис"})
    book.put(renamed, replacing="Офис")
    assert [p.name for p in book.profiles] == ["Главный офис"]
    book.remove("Главный офис")
    assert book.profiles == []


def test_profiles_file_never_holds_a_password(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "profiles.json")
    vault = PasswordVault()
    book = ProfileBook([OFFICE], last_used=OFFICE.name)
    store.save(book)
    vault.store(OFFICE, SECRET)
    store.save(store.load())
    raw = store.path.read_text(encoding="utf-8")
    assert SECRET not in raw
    assert "password" not in raw.lower()
    assert set(json.loads(raw)["profiles"][0]) == {
        "name",
        "host",
        "port",
        "database",
        "user",
        "sslmode",
        "sslrootcert",
    }
    # Every file under the config dir is free of it too (nothing stashed elsewhere).
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes()


def test_damaged_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "profiles.json"
    path.write_text("{not json", encoding="utf-8")
    assert ProfileStore(path).load() == ProfileBook()
    assert (tmp_path / "profiles.damaged.json").exists()


def test_unknown_keys_and_bad_sslmode_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "profiles.json"
    path.write_text(
        json.dumps(
            {
                "profiles": [
                    {"name": " A ", "host": "h", "port": "5433", "sslmode": "bogus", "x": 1}
                ],
                "last_used": "missing",
            }
        ),
        encoding="utf-8",
    )
    book = ProfileStore(path).load()
    assert book.profiles == [ConnectionProfile(name="A", host="h", port=5433)]
    assert book.last_used is None


def test_missing_fields() -> None:
    assert ConnectionProfile(name=" ", host="", database="lkk", user="").missing_fields() == [
        "name",
        "host",
        "user",
    ]
    assert OFFICE.missing_fields() == []


# --- keyring ------------------------------------------------------------------------------


def test_keyring_round_trip_with_the_test_backend() -> None:
    vault = PasswordVault()
    status = vault.status()
    assert status.state is VaultState.AVAILABLE
    assert "PlaintextKeyring" in status.backend
    assert vault.lookup(OFFICE).outcome is LookupOutcome.NOT_FOUND
    vault.store(OFFICE, SECRET)
    found = vault.lookup(OFFICE)
    assert found.outcome is LookupOutcome.FOUND and found.password == SECRET
    assert keyring.get_password(KEYRING_SERVICE, OFFICE.keyring_username()) == SECRET
    assert OFFICE.keyring_username() == "Офис:ivanova@db.rn-energo.local:6432/lkk"
    other = ConnectionProfile(**{**OFFICE.__dict__, "user": "petrov"})
    assert vault.lookup(other).outcome is LookupOutcome.NOT_FOUND
    assert vault.forget(OFFICE) is True
    assert vault.lookup(OFFICE).outcome is LookupOutcome.NOT_FOUND
    assert vault.forget(OFFICE) is False


def make(backend_class: type[Any]) -> Any:
    """An instance of a keyring backend class (keyring's constructors are untyped)."""
    return backend_class()


@pytest.mark.parametrize(
    "backend_class",
    [fail.Keyring, null.Keyring, chainer.ChainerBackend],
    ids=["fail", "null", "empty-chainer"],
)
def test_no_usable_keyring(backend_class: type[Any], monkeypatch: pytest.MonkeyPatch) -> None:
    if backend_class is chainer.ChainerBackend:
        monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    vault = PasswordVault(make(backend_class))
    assert vault.status().state is VaultState.UNAVAILABLE
    assert vault.lookup(OFFICE).outcome is LookupOutcome.UNAVAILABLE
    with pytest.raises(KeyringUnavailableError) as raised:
        vault.store(OFFICE, SECRET)
    assert "нельзя" in raised.value.message
    with pytest.raises(KeyringUnavailableError):
        vault.forget(OFFICE)


class LockedKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("collection is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("collection is locked")


class BrokenKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("D-Bus timeout")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError("D-Bus timeout")

    def delete_password(self, service: str, username: str) -> None:
        raise RuntimeError("D-Bus timeout")


def test_locked_is_not_unavailable_nor_not_found() -> None:
    vault = PasswordVault(make(LockedKeyring))
    assert vault.status().available
    assert vault.lookup(OFFICE).outcome is LookupOutcome.LOCKED
    with pytest.raises(KeyringLockedError):
        vault.store(OFFICE, SECRET)
    with pytest.raises(KeyringLockedError):
        vault.forget(OFFICE)


def test_errors_are_reported_as_errors() -> None:
    vault = PasswordVault(make(BrokenKeyring))
    lookup = vault.lookup(OFFICE)
    assert lookup.outcome is LookupOutcome.ERROR
    assert "D-Bus timeout" in lookup.detail
    with pytest.raises(KeyringFailedError) as raised:
        vault.store(OFFICE, SECRET)
    assert SECRET not in raised.value.message


def test_a_plain_text_keyring_is_refused_outside_the_tests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from keyrings.alt.file import PlaintextKeyring

    from lkk_admin.services.profiles import ALLOW_PLAINTEXT_ENV, PasswordVault

    monkeypatch.delenv(ALLOW_PLAINTEXT_ENV)
    assert not PasswordVault(PlaintextKeyring()).status().available
    monkeypatch.setenv(ALLOW_PLAINTEXT_ENV, "1")
    assert PasswordVault(PlaintextKeyring()).status().available
