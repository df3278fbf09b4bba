"""The organisation's profile in the connection dialog: IT's settings for every user of the
computer, read-only, first in the list; each user's own name and password beside it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from lkk_admin.services.connection import ConnectionInfo
from lkk_admin.services.profiles import (
    MACHINE_PROFILE_ENV,
    MACHINE_PROFILE_NAME,
    ConnectionProfile,
    LookupOutcome,
    PasswordLookup,
    PasswordVault,
    ProfileStore,
)
from lkk_admin.views.connection_dialog import ConnectionDialog
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.workers import JobRunner
from tests.views.gui import click, type_text

WAIT_MS = 30_000

DialogFactory = Callable[[], ConnectionDialog]


def set_up_by_it(path: Path, **values: str | int) -> None:
    """What the MSI's properties become: the organisation's profile for this computer."""
    lines = ["[Organisation]", *(f"{name} = {value}" for name, value in values.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def machine_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "machine-profile.ini"
    monkeypatch.setenv(MACHINE_PROFILE_ENV, str(path))
    return path


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    return ProfileStore(tmp_path / "profiles.json")


@pytest.fixture
def make_dialog(
    qtbot: QtBot, jobs: JobRunner, errors: ErrorReporter, store: ProfileStore
) -> Iterator[DialogFactory]:
    made: list[ConnectionDialog] = []

    def build() -> ConnectionDialog:
        dialog = ConnectionDialog(jobs, errors, store=store, vault=PasswordVault())
        qtbot.addWidget(dialog)
        dialog.show()
        made.append(dialog)
        return dialog

    yield build
    for dialog in made:
        dialog.close()


def listed(dialog: ConnectionDialog) -> list[str]:
    combo = dialog.profile_combo
    return [combo.itemText(index) for index in range(combo.count())]


def choose(dialog: ConnectionDialog, index: int) -> None:
    dialog.profile_combo.setCurrentIndex(index)
    dialog.profile_combo.activated.emit(index)


def server_fields_locked(dialog: ConnectionDialog) -> bool:
    read_only = [
        dialog.name_edit.isReadOnly(),
        dialog.host_edit.isReadOnly(),
        dialog.port_spin.isReadOnly(),
        dialog.database_edit.isReadOnly(),
        dialog.rootcert_edit.isReadOnly(),
        not dialog.sslmode_combo.isEnabled(),
        not dialog.browse_button.isEnabled(),
        not dialog.delete_button.isEnabled(),
    ]
    assert len(set(read_only)) == 1, read_only  # all or nothing
    return read_only[0]


def test_the_organisations_profile_comes_first_read_only_beside_the_users_own(
    make_dialog: DialogFactory, machine_profile: Path, store: ProfileStore
) -> None:
    set_up_by_it(
        machine_profile,
        Host="db.rn-energo.local",
        Port=6432,
        Database="lkk_prod",
        SslMode="verify-full",
        SslRootCert=r"C:\ProgramData\RN-Energo\root.crt",
    )
    book = store.load()
    book.put(ConnectionProfile(name="Архив", host="archive", user="petrov"))
    store.save(book)

    dialog = make_dialog()

    assert len(listed(dialog)) == 2
    assert listed(dialog)[1] == "Архив"
    assert dialog.machine_profile_selected  # no profile used yet: the organisation's
    assert dialog.host_edit.text() == "db.rn-energo.local"
    assert dialog.port_spin.value() == 6432
    assert dialog.database_edit.text() == "lkk_prod"
    assert dialog.sslmode_combo.currentData() == "verify-full"
    assert dialog.rootcert_edit.text() == r"C:\ProgramData\RN-Energo\root.crt"
    assert server_fields_locked(dialog)
    assert dialog.machine_note.isVisible()
    assert not dialog.user_edit.isReadOnly()
    assert dialog.user_edit.text() == ""
    assert dialog.password_edit.isEnabled()

    choose(dialog, 1)
    assert not dialog.machine_profile_selected
    assert dialog.name_edit.text() == "Архив"
    assert dialog.host_edit.text() == "archive"
    assert not server_fields_locked(dialog)
    assert not dialog.machine_note.isVisible()

    click(dialog.new_button)
    assert dialog.host_edit.text() == ""
    assert not dialog.host_edit.isReadOnly()

    choose(dialog, 0)
    assert dialog.host_edit.text() == "db.rn-energo.local"
    assert server_fields_locked(dialog)


def test_deleting_the_users_profile_leaves_the_organisations(
    make_dialog: DialogFactory, machine_profile: Path, store: ProfileStore
) -> None:
    set_up_by_it(machine_profile, Host="db.rn-energo.local")
    book = store.load()
    book.put(ConnectionProfile(name="Архив", host="archive", user="petrov"))
    book.last_used = "Архив"
    store.save(book)

    dialog = make_dialog()
    assert dialog.name_edit.text() == "Архив"  # the user's last choice comes first
    click(dialog.delete_button)

    assert store.load().profiles == []
    assert len(listed(dialog)) == 1
    assert dialog.machine_profile_selected
    assert dialog.host_edit.text() == "db.rn-energo.local"
    assert dialog.port_spin.value() == 5432  # what IT left out has the usual default
    assert dialog.database_edit.text() == "lkk"
    assert not dialog.delete_button.isEnabled()


def test_a_profile_it_set_wrongly_is_not_offered(
    make_dialog: DialogFactory, machine_profile: Path
) -> None:
    set_up_by_it(machine_profile, Host="db.rn-energo.local", SslMode="verify_full")
    dialog = make_dialog()
    assert listed(dialog) == []
    assert not dialog.machine_profile_selected
    assert not dialog.host_edit.isReadOnly()


def test_connecting_with_it_keeps_only_the_users_name_and_password(
    qtbot: QtBot,
    make_dialog: DialogFactory,
    machine_profile: Path,
    store: ProfileStore,
    pg_url: str,
) -> None:
    url = make_url(pg_url)
    user = url.username or "postgres"
    set_up_by_it(
        machine_profile,
        Host=url.host or "127.0.0.1",
        Port=int(url.port or 5432),
        Database=url.database or "",
        SslMode="disable",
    )
    secret = "Пароль-сотрудника-1"  # the server trusts local connections and ignores it

    dialog = make_dialog()
    assert dialog.machine_profile_selected
    type_text(dialog.user_edit, user)
    type_text(dialog.password_edit, secret)
    click(dialog.remember_check)
    with qtbot.waitSignal(dialog.connected, timeout=WAIT_MS) as blocker:
        click(dialog.connect_button)
    info = blocker.args[0]
    assert isinstance(info, ConnectionInfo)
    try:
        assert info.user == user
        assert info.database == url.database
    finally:
        info.dispose()

    # The user's file: their name for the organisation's profile, no copy of IT's settings.
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert data["profiles"] == []
    assert data["machine_user"] == user
    assert data["machine_last_used"] is True
    assert secret not in store.path.read_text(encoding="utf-8")
    organisation = ConnectionProfile(
        name=MACHINE_PROFILE_NAME,
        host=url.host or "127.0.0.1",
        port=int(url.port or 5432),
        database=url.database or "",
        user=user,
        sslmode="disable",
    )
    assert PasswordVault().lookup(organisation) == PasswordLookup(LookupOutcome.FOUND, secret)

    # Next time: the organisation's profile, the user's name, the password from the keyring.
    again = make_dialog()
    assert again.machine_profile_selected
    assert again.user_edit.text() == user
    qtbot.waitUntil(lambda: again.password_edit.text() == secret, timeout=WAIT_MS)

    # A profile of the user's own, once it connects, is the one offered next.
    click(again.new_button)
    type_text(again.name_edit, "Мой")
    type_text(again.host_edit, url.host or "127.0.0.1")
    again.port_spin.setValue(int(url.port or 5432))
    again.database_edit.clear()
    type_text(again.database_edit, url.database or "")
    type_text(again.user_edit, user)
    with qtbot.waitSignal(again.connected, timeout=WAIT_MS) as blocker:
        click(again.connect_button)
    blocker.args[0].dispose()
    book = store.load()
    assert [profile.name for profile in book.profiles] == ["Мой"]
    assert book.last_used == "Мой"
    assert not book.machine_last_used
    assert book.machine_user == user
    third = make_dialog()
    assert not third.machine_profile_selected
    assert third.name_edit.text() == "Мой"
    assert third.profile_combo.count() == 2
