"""The connection dialog against a real PostgreSQL server (and a file keyring)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import KeyringLocked
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from lkk_admin import __version__, db
from lkk_admin.services import diagnosis
from lkk_admin.services.connection import ConnectionInfo
from lkk_admin.services.profiles import (
    ConnectionProfile,
    LookupOutcome,
    PasswordLookup,
    PasswordVault,
    ProfileBook,
    ProfileStore,
)
from lkk_admin.testing.throwaway_postgres import free_port
from lkk_admin.views.connection_dialog import ConnectionDialog
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.demo_setup import DemoSetup
from lkk_admin.views.workers import JobRunner
from tests.migration_steps import downgrade
from tests.views.gui import PasswordRole, click, type_text

WAIT_MS = 30_000


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    return ProfileStore(tmp_path / "profiles.json")


def make(backend_class: type[Any]) -> Any:
    """An instance of a keyring backend class (keyring's constructors are untyped)."""
    return backend_class()


class DialogFactory(Protocol):
    def __call__(self, vault: PasswordVault | None = None) -> ConnectionDialog: ...


@pytest.fixture
def make_dialog(
    qtbot: QtBot, jobs: JobRunner, errors: ErrorReporter, store: ProfileStore
) -> Iterator[DialogFactory]:
    made: list[ConnectionDialog] = []

    def build(vault: PasswordVault | None = None) -> ConnectionDialog:
        dialog = ConnectionDialog(jobs, errors, store=store, vault=vault or PasswordVault())
        qtbot.addWidget(dialog)
        dialog.show()
        made.append(dialog)
        return dialog

    yield build
    for dialog in made:
        dialog.close()


def type_profile(
    qtbot: QtBot,
    dialog: ConnectionDialog,
    *,
    name: str = "Тестовый сервер",
    host: str,
    port: int,
    database: str,
    user: str,
    password: str = "",
) -> None:
    type_text(dialog.name_edit, name)
    type_text(dialog.host_edit, host)
    dialog.port_spin.setValue(port)
    type_text(dialog.database_edit, database)
    type_text(dialog.user_edit, user)
    type_text(dialog.password_edit, password)


def connect_and_wait_failure(qtbot: QtBot, dialog: ConnectionDialog) -> str:
    with qtbot.waitSignal(dialog.connection_failed, timeout=WAIT_MS) as blocker:
        click(dialog.connect_button)
    message = blocker.args[0]
    assert isinstance(message, str)
    return message


def test_wrong_password_is_told_in_russian_and_fields_are_kept(
    qtbot: QtBot, make_dialog: DialogFactory, password_role: PasswordRole
) -> None:
    dialog = make_dialog()
    type_profile(
        qtbot,
        dialog,
        host=password_role.host,
        port=password_role.port,
        database=password_role.database,
        user=password_role.user,
        password="wrong-password",
    )

    message = connect_and_wait_failure(qtbot, dialog)

    assert message == diagnosis.WRONG_PASSWORD.message
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == diagnosis.WRONG_PASSWORD.message
    assert "Неверное имя пользователя или пароль" in dialog.error_label.text()
    assert dialog.name_edit.text() == "Тестовый сервер"
    assert dialog.host_edit.text() == password_role.host
    assert dialog.port_spin.value() == password_role.port
    assert dialog.database_edit.text() == password_role.database
    assert dialog.user_edit.text() == password_role.user
    assert dialog.password_edit.text() == "wrong-password"
    assert dialog.connect_button.isEnabled()
    assert dialog.isVisible()


def test_right_password_connects(
    qtbot: QtBot, make_dialog: DialogFactory, password_role: PasswordRole
) -> None:
    dialog = make_dialog()
    type_profile(
        qtbot,
        dialog,
        host=password_role.host,
        port=password_role.port,
        database=password_role.database,
        user=password_role.user,
        password=password_role.password,
    )
    # The role may log in but owns no LKK schema in "postgres": the schema check says so.
    message = connect_and_wait_failure(qtbot, dialog)
    assert "пуста" in message
    assert "lkk-admin db upgrade" in message
    assert password_role.password not in message


def test_unreachable_server(qtbot: QtBot, make_dialog: DialogFactory) -> None:
    dialog = make_dialog()
    type_profile(qtbot, dialog, host="127.0.0.1", port=free_port(), database="lkk", user="ivanova")
    assert connect_and_wait_failure(qtbot, dialog) == diagnosis.UNREACHABLE.message
    assert dialog.user_edit.text() == "ivanova"


def test_a_failed_attempt_does_not_become_the_last_used_profile(
    qtbot: QtBot, make_dialog: DialogFactory, store: ProfileStore
) -> None:
    """The profile that worked is offered next time, not the one tried and failed; what
    was typed is kept all the same."""
    book = store.load()
    book.put(ConnectionProfile(name="Офис", host="db.office", user="petrov"))
    book.last_used = "Офис"
    store.save(book)
    dialog = make_dialog()
    click(dialog.new_button)
    type_profile(
        qtbot, dialog, name="Филиал", host="127.0.0.1", port=free_port(), database="lkk", user="u"
    )
    assert connect_and_wait_failure(qtbot, dialog) == diagnosis.UNREACHABLE.message
    saved = store.load()
    assert saved.last_used == "Офис"
    assert saved.get("Филиал") is not None  # kept, to be corrected and tried again
    assert make_dialog().profile_combo.currentText() == "Офис"


def test_renaming_the_last_used_profile_keeps_it_last_used() -> None:
    book = ProfileBook([ConnectionProfile(name="Офис", host="db")], last_used="Офис")
    book.put(ConnectionProfile(name="Главный офис", host="db"), replacing="Офис")
    assert book.last_used == "Главный офис"
    assert [profile.name for profile in book.profiles] == ["Главный офис"]


def test_missing_database(
    qtbot: QtBot, make_dialog: DialogFactory, postgres_admin_url: str
) -> None:
    url = make_url(postgres_admin_url)
    dialog = make_dialog()
    type_profile(
        qtbot,
        dialog,
        host=url.host or "127.0.0.1",
        port=int(url.port or 5432),
        database="no_such_database_here",
        user=url.username or "postgres",
    )
    assert connect_and_wait_failure(qtbot, dialog) == diagnosis.DATABASE_MISSING.message
    assert dialog.database_edit.text() == "no_such_database_here"


def test_required_fields_are_named(qtbot: QtBot, make_dialog: DialogFactory) -> None:
    dialog = make_dialog()
    dialog.host_edit.clear()
    dialog.user_edit.clear()
    message = connect_and_wait_failure(qtbot, dialog)
    assert message.startswith("Заполните:")
    assert "сервер" in message
    assert "пользователь" in message


def test_success_remembers_profile_and_password_then_forgets(
    qtbot: QtBot,
    make_dialog: DialogFactory,
    pg_url: str,
    store: ProfileStore,
) -> None:
    url = make_url(pg_url)
    secret = "Sekret-Pa55-в-хранилище"
    dialog = make_dialog()
    assert dialog.remember_check.isEnabled()
    assert "PlaintextKeyring" in dialog.remember_check.toolTip()
    type_profile(
        qtbot,
        dialog,
        name="Боевой",
        host=url.host or "127.0.0.1",
        port=int(url.port or 5432),
        database=url.database or "",
        user=url.username or "postgres",
        password=secret,  # the server trusts local connections and ignores it
    )
    click(dialog.remember_check)
    assert dialog.remember_check.isChecked()
    with qtbot.waitSignal(dialog.connected, timeout=WAIT_MS) as blocker:
        click(dialog.connect_button)
    info = blocker.args[0]
    assert isinstance(info, ConnectionInfo)
    try:
        assert info.user == (url.username or "postgres")
        assert info.database == url.database
        assert info.server_version.startswith("PostgreSQL ")
        assert secret not in info.display_url
    finally:
        info.dispose()
    assert not dialog.isVisible()

    # profiles.json holds the profile, never the password.
    raw = store.path.read_text(encoding="utf-8")
    assert secret not in raw
    assert "password" not in raw.lower()
    data = json.loads(raw)
    assert data["last_used"] == "Боевой"
    assert data["profiles"][0]["database"] == url.database

    # The keyring has it; a new dialog preselects the profile and fills the password in.
    saved = store.load().get("Боевой")
    assert saved is not None
    assert PasswordVault().lookup(saved) == PasswordLookup(LookupOutcome.FOUND, secret)
    again = make_dialog()
    assert again.profile_combo.currentText() == "Боевой"
    qtbot.waitUntil(lambda: again.password_edit.text() == secret, timeout=WAIT_MS)
    assert again.remember_check.isChecked()

    with qtbot.waitSignal(again.password_forgotten, timeout=WAIT_MS) as forgotten:
        click(again.forget_button)
    assert forgotten.args == [True]
    assert not again.remember_check.isChecked()
    assert again.keyring_note.text() == "Сохранённый пароль удалён."
    assert PasswordVault().lookup(saved).outcome is LookupOutcome.NOT_FOUND


def test_no_keyring_disables_remembering(qtbot: QtBot, make_dialog: DialogFactory) -> None:
    dialog = make_dialog(PasswordVault(backend=make(fail.Keyring)))
    assert not dialog.remember_check.isEnabled()
    assert not dialog.remember_check.isChecked()
    assert not dialog.forget_button.isEnabled()
    assert dialog.keyring_note.isVisible()
    assert "нельзя запомнить пароль" in dialog.keyring_note.text()
    assert "keyring.backends.fail.Keyring" in dialog.remember_check.toolTip()


class LockedKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("locked")

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringLocked("locked")


def test_locked_keyring_is_not_reported_as_missing_password(
    qtbot: QtBot, make_dialog: DialogFactory, store: ProfileStore
) -> None:
    book = store.load()
    book.put(ConnectionProfile(name="Офис", host="db", user="petrov"))
    book.last_used = "Офис"
    store.save(book)
    dialog = make_dialog(PasswordVault(backend=make(LockedKeyring)))
    assert dialog.remember_check.isEnabled()
    with qtbot.waitSignal(dialog.password_lookup_done, timeout=WAIT_MS) as blocker:
        dialog.profile_combo.activated.emit(0)
    assert blocker.args[0].outcome is LookupOutcome.LOCKED
    assert "заблокировано" in dialog.keyring_note.text()
    assert dialog.password_edit.text() == ""


def test_demo_button_asks_for_the_demo_database(qtbot: QtBot, make_dialog: DialogFactory) -> None:
    dialog = make_dialog()
    assert dialog.demo_button.text() == "Открыть демонстрационную базу"
    with qtbot.waitSignal(dialog.demo_requested):
        click(dialog.demo_button)
    assert not dialog.isVisible()


def test_new_and_deleted_profiles(
    qtbot: QtBot, make_dialog: DialogFactory, store: ProfileStore
) -> None:
    book = store.load()
    book.put(ConnectionProfile(name="Первый", host="a", user="u"))
    book.put(ConnectionProfile(name="Второй", host="b", user="u", sslmode="verify-full"))
    store.save(book)
    dialog = make_dialog()
    assert [dialog.profile_combo.itemText(i) for i in range(dialog.profile_combo.count())] == [
        "Второй",
        "Первый",
    ]
    assert dialog.sslmode_combo.currentData() == "verify-full"
    click(dialog.new_button)
    assert dialog.name_edit.text() == "Новый профиль"
    assert dialog.host_edit.text() == ""
    assert dialog.port_spin.value() == 5432
    dialog.profile_combo.setCurrentIndex(0)
    dialog.profile_combo.activated.emit(0)
    click(dialog.delete_button)
    assert [p.name for p in store.load().profiles] == ["Первый"]
    assert dialog.name_edit.text() == "Первый"


# --- a database whose schema is not this program's ---------------------------------------------


def type_database(qtbot: QtBot, dialog: ConnectionDialog, url: str) -> None:
    parsed = make_url(url)
    type_profile(
        qtbot,
        dialog,
        host=parsed.host or "127.0.0.1",
        port=int(parsed.port or 5432),
        database=parsed.database or "",
        user=parsed.username or "",
        password=parsed.password or "",
    )


def test_a_database_a_later_program_upgraded_names_the_version_to_install(
    qtbot: QtBot, make_dialog: DialogFactory, errors: ErrorReporter, pg_url: str, pg_engine: Engine
) -> None:
    with pg_engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        conn.execute(
            text(
                "INSERT INTO schema_release (revision, program_version, upgraded_at) "
                "VALUES ('0099', '2.3.0', CURRENT_TIMESTAMP)"
            )
        )
    dialog = make_dialog()
    type_database(qtbot, dialog, pg_url)

    message = connect_and_wait_failure(qtbot, dialog)

    database = make_url(pg_url).database
    assert message == (
        f"База данных «{database}» обновлена для LKK Admin 2.3.0, а у вас установлена более "
        f"старая версия {__version__}: она не может работать с этой базой. Установите LKK "
        "Admin 2.3.0 или новее (на рабочих местах программу устанавливает ИТ-отдел)."
    )
    assert dialog.error_label.isVisible() and dialog.error_label.text() == message
    assert errors.last_dialog is None  # told in the dialog, not reported as a crash
    assert dialog.isVisible() and dialog.connect_button.isEnabled()


def test_an_older_database_gives_the_command_it_needs_to_be_copied(
    qtbot: QtBot, make_dialog: DialogFactory, errors: ErrorReporter, pg_url: str, pg_engine: Engine
) -> None:
    downgrade(pg_engine, "0010")
    dialog = make_dialog()
    type_database(qtbot, dialog, pg_url)

    message = connect_and_wait_failure(qtbot, dialog)

    url = make_url(pg_url)
    command = (
        f'lkk-admin db upgrade --url "postgresql://{url.username}@{url.host}:{url.port}'
        f'/{url.database}"'
    )
    assert message.startswith(f"Схема базы данных «{url.database}» старше")
    assert "в базе ревизия схемы 0010" in message
    assert message.splitlines()[-1] == command
    assert dialog.error_label.text() == message
    flags = dialog.error_label.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse  # IT copies the command
    assert errors.last_dialog is None
    assert dialog.isVisible() and dialog.connect_button.isEnabled()


def test_a_demo_a_later_program_made_is_a_warning_not_a_crash(
    qtbot: QtBot, jobs: JobRunner, errors: ErrorReporter, tmp_path: Path
) -> None:
    demo = tmp_path / "demo.sqlite3"
    db.upgrade(db.sqlite_url(demo))
    engine = db.make_engine(db.sqlite_url(demo))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    setup = DemoSetup(jobs, errors, path=demo)

    with qtbot.waitSignal(setup.failed, timeout=WAIT_MS):
        setup.start()

    shown = errors.last_dialog
    assert isinstance(shown, QMessageBox) and shown.objectName() == "problemMessage"
    assert "ревизия схемы 0099" in shown.text()
    assert f"удалите файл {demo}" in shown.text()
