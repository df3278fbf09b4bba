"""No password reaches a file the application writes: settings, profiles, mail settings,
the log, a crash report. The keyring file of the tests' stand-in backend is the only place
a password may be (it plays the OS credential store)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from lkk_admin.logging_setup import configure_logging, shutdown_logging
from lkk_admin.services import connection
from lkk_admin.services.connection import ConnectionInfo
from lkk_admin.services.errors import DomainError
from lkk_admin.services.profiles import PasswordVault, ProfileStore
from lkk_admin.views.connection_dialog import ConnectionDialog
from lkk_admin.views.context import AppContext, open_settings
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.mail.settings_dialog import MailSettingsDialog
from lkk_admin.views.workers import JobRunner
from tests.views.gui import PasswordRole, click, type_text

DATABASE_SECRET = "Db-Secret-в-хранилище-1"
SMTP_SECRET = "Smtp-Secret-в-хранилище-2"
KEYRING_FILE = "keyring_pass.cfg"


@pytest.fixture
def log_dir(isolated_user_dirs: Path) -> Iterator[Path]:
    folder = isolated_user_dirs / "state" / "logs"
    configure_logging(folder)
    yield folder
    shutdown_logging()


def written_files(home: Path) -> list[Path]:
    return [path for path in home.rglob("*") if path.is_file() and path.name != KEYRING_FILE]


def test_no_password_in_any_file_the_application_writes(
    qtbot: QtBot,
    isolated_user_dirs: Path,
    log_dir: Path,
    password_role: PasswordRole,
    *,
    jobs: JobRunner,
    errors: ErrorReporter,
    pg_url: str,
) -> None:
    # 1. A profile remembered with its password (the test server trusts local logins and
    #    ignores it), then a wrong password refused by a server that checks it.
    server = make_url(pg_url)
    dialog = ConnectionDialog(jobs, errors, store=ProfileStore(), vault=PasswordVault())
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name_edit, "Сервер")
    type_text(dialog.host_edit, server.host or "127.0.0.1")
    dialog.port_spin.setValue(int(server.port or 5432))
    type_text(dialog.database_edit, server.database or "")
    type_text(dialog.user_edit, server.username or "postgres")
    type_text(dialog.password_edit, DATABASE_SECRET)
    click(dialog.remember_check)
    with qtbot.waitSignal(dialog.connected, timeout=30_000) as connected:
        click(dialog.connect_button)
    info = connected.args[0]
    assert isinstance(info, ConnectionInfo)
    info.dispose()
    wrong = make_url(
        f"postgresql://{password_role.user}@{password_role.host}:{password_role.port}/"
        f"{password_role.database}"
    ).set(password=DATABASE_SECRET)
    with pytest.raises(DomainError) as refused:
        connection.connect_url(wrong)
    ErrorReporter(interactive=False).report(refused.value)

    # 2. The mail server's password, through the mail settings dialog.
    opened = connection.connect_url(pg_url)
    try:
        context = AppContext.create(
            opened, open_settings(isolated_user_dirs / "config" / "lkk-admin.ini"), jobs, errors
        )
        mail = MailSettingsDialog(context)
        qtbot.addWidget(mail)
        type_text(mail.username, "lkk-robot")
        type_text(mail.password, SMTP_SECRET)
        with qtbot.waitSignal(mail.saved, timeout=10_000):
            mail.buttons.accepted.emit()
        context.settings.sync()
    finally:
        opened.dispose()

    # 3. An unexpected error whose text carries a connection URL with a password.
    url = make_url(pg_url).set(password=DATABASE_SECRET).render_as_string(hide_password=False)
    try:
        raise RuntimeError(f"could not use {url}")
    except RuntimeError as error:
        ErrorReporter(interactive=False).report(error)
    shutdown_logging()

    files = written_files(isolated_user_dirs)
    names = {path.name for path in files}
    assert {"profiles.json", "mail.json"} <= names
    assert any(path.suffix == ".log" for path in files)
    for path in files:
        content = path.read_bytes()
        for secret in (DATABASE_SECRET, SMTP_SECRET, password_role.password):
            assert secret.encode("utf-8") not in content, f"{secret!r} written to {path}"
