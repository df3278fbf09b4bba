"""The idle lock: the window hides personal data and unlocks with the right password only.

The main window is connected to a real PostgreSQL database as a role that must give its
password (``password_role``), as a staff member's window is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url

from lkk_admin import db
from lkk_admin.services import connection, idle_lock_policy, session_lock
from lkk_admin.services.connection import ConnectionInfo
from lkk_admin.testing.throwaway_postgres import free_port
from lkk_admin.views import idle_lock
from lkk_admin.views.context import AppContext, open_settings
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.idle_lock import IDLE_MINUTES_KEY, IdleWatcher
from lkk_admin.views.main_window import MainWindow
from lkk_admin.views.queue import live_updates
from lkk_admin.views.queue.queue_page import QueuePage
from lkk_admin.views.workers import JobRunner
from tests import factories as f
from tests.views.gui import PasswordRole, click, key, type_text
from tests.views.queue.helpers import wait_loaded

WAIT_MS = 15_000
WRONG = "Неверный пароль. Проверьте раскладку клавиатуры и Caps Lock."
APPLICANT_EMAIL = "buh@romashka.ru"

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def role_url(pg_url: str, password_role: PasswordRole) -> Iterator[URL]:
    """A fresh database with one pending request; the password role is a verifier."""
    engine = db.make_engine(pg_url)
    with engine.begin() as admin:
        admin.execute(text(f"GRANT lkk_verifier TO {password_role.user}"))
    with db.session_factory(engine).begin() as session:
        romashka = f.counterparty(session)
        f.contract(session, romashka, "ЭС-0012/21")
        f.registration(session, email=APPLICANT_EMAIL, contract_numbers=["ЭС-0012/21"])
    yield URL.create(
        "postgresql+psycopg",
        username=password_role.user,
        password=password_role.password,  # typed at login
        host=password_role.host,
        port=password_role.port,
        database=make_url(pg_url).database,
        query={"sslmode": "prefer"},
    )
    with engine.begin() as admin:  # the group is the cluster's, not this database's
        admin.execute(text(f"REVOKE lkk_verifier FROM {password_role.user}"))
    engine.dispose()


@pytest.fixture
def make_window(
    qtbot: QtBot, tmp_path: Path, jobs: JobRunner, errors: ErrorReporter
) -> Iterator[WindowFactory]:
    """``make_window(url, minutes=None)``: a shown main window on ``url``."""
    windows: list[MainWindow] = []
    infos: list[ConnectionInfo] = []

    def build(url: URL | str, *, minutes: int | None = None) -> MainWindow:
        info = connection.connect_url(url)
        infos.append(info)
        settings = open_settings(tmp_path / f"window-{len(windows)}.ini")
        if minutes is not None:
            settings.setValue(IDLE_MINUTES_KEY, minutes)
        window = MainWindow(AppContext.create(info, settings, jobs, errors))
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield build
    for window in windows:
        window.close()
    live_updates.stop_all()
    jobs.cancel_all()
    assert jobs.wait(60_000)
    qtbot.waitUntil(lambda: jobs.running == 0)
    QApplication.processEvents()
    for info in infos:
        info.dispose()


def queue_page(window: MainWindow) -> QueuePage:
    page = window.pages["registration_queue"]
    assert isinstance(page, QueuePage)
    return page


def wait_locked(qtbot: QtBot, window: MainWindow, locked: bool = True) -> None:
    qtbot.waitUntil(lambda: window.locked is locked, timeout=WAIT_MS)


def try_password(qtbot: QtBot, window: MainWindow, password: str) -> None:
    """Type ``password`` on the lock page, press Enter, wait for the server's answer."""
    page = window.lock_page
    type_text(page.password_edit, password)
    key(page.password_edit, Qt.Key.Key_Return)
    assert page.password_edit.text() == ""  # never left in the field
    qtbot.waitUntil(lambda: not page.checking, timeout=WAIT_MS)


def test_the_idle_lock_hides_data_and_unlocks_with_the_right_password_only(
    qtbot: QtBot,
    make_window: WindowFactory,
    role_url: URL,
    password_role: PasswordRole,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("DEBUG")
    window = make_window(role_url)
    page = queue_page(window)
    wait_loaded(qtbot, page)
    assert page.model.rowCount() == 1 and page.isVisible()
    engine = window.context.connection.engine
    pool = engine.pool
    assert window.idle_watcher.interval_ms == 15 * 60_000  # the default

    window.idle_watcher.set_interval_ms(150)
    wait_locked(qtbot, window)
    lock = window.lock_page
    assert lock.isVisible() and not window.splitter.isVisible() and not page.isVisible()
    assert not window.menuBar().isEnabled()
    assert lock.title_label.text() == "LKK Admin заблокирован"
    assert lock.reason_label.text() == "Заблокировано после 1 мин бездействия."
    assert lock.user_label.text() == password_role.user
    assert lock.password_edit.echoMode() == QLineEdit.EchoMode.Password
    assert not window.idle_watcher.running  # no second lock over the first

    try_password(qtbot, window, "wrong-Pa55")
    assert window.locked and lock.message_label.text() == WRONG
    assert not window.splitter.isVisible()
    try_password(qtbot, window, password_role.password.upper())
    assert window.locked and lock.message_label.text() == WRONG
    key(lock.password_edit, Qt.Key.Key_Return)  # nothing typed: not even asked
    assert lock.message_label.text() == "Введите пароль."

    type_text(lock.password_edit, password_role.password)
    click(lock.unlock_button)
    wait_locked(qtbot, window, False)
    assert window.splitter.isVisible() and page.isVisible() and not lock.isVisible()
    assert window.menuBar().isEnabled()
    assert lock.password_edit.text() == ""
    # The connection was kept: the same engine and pool, and the list is back.
    assert window.context.connection.engine is engine and engine.pool is pool
    wait_loaded(qtbot, page)
    assert page.model.rowCount() == 1
    assert window.idle_watcher.running  # counting again
    assert password_role.password not in caplog.text and "wrong-Pa55" not in caplog.text


def test_an_unreachable_server_is_said_and_keeps_the_lock(
    qtbot: QtBot,
    make_window: WindowFactory,
    role_url: URL,
    password_role: PasswordRole,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(role_url)
    assert window.lock()
    # The server goes away: the check is sent to a port where nobody listens.
    port = free_port()
    monkeypatch.setattr(
        idle_lock,
        "verify_password",
        lambda url, password: session_lock.verify_password(url.set(port=port), password),
    )
    try_password(qtbot, window, password_role.password)
    message = window.lock_page.message_label.text()
    assert message.startswith("Не удалось проверить пароль.")
    assert "Сервер базы данных недоступен" in message
    assert window.locked and not window.splitter.isVisible()


def test_file_lock_locks_at_once_and_shortcuts_sleep_meanwhile(
    qtbot: QtBot, make_window: WindowFactory, role_url: URL, password_role: PasswordRole
) -> None:
    window = make_window(role_url)
    assert window.lock_action.text() == "&Заблокировать"
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    keys = [
        sequence.toString(QKeySequence.SequenceFormat.PortableText)
        for action in window.findChildren(QAction)
        if action.isEnabled()
        for sequence in action.shortcuts()
    ]
    assert "Ctrl+L" in keys and len(keys) == len(set(keys))  # no key fires two actions
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    key(window.section_list, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked
    assert window.lock_page.reason_label.text() == "Заблокировано по вашей команде."
    qtbot.waitUntil(window.lock_page.password_edit.hasFocus)
    # The menus' shortcuts open nothing while locked (here: Connect…, the sections).
    with qtbot.assertNotEmitted(window.reconnect_requested):
        key(window.lock_page.password_edit, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    key(window.lock_page.password_edit, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_section().key == "registration_queue"
    assert not window.lock()  # already locked

    with qtbot.waitSignal(window.reconnect_requested):
        click(window.lock_page.switch_button)  # "Connect as another user…"

    try_password(qtbot, window, password_role.password)
    assert not window.locked


def test_exit_still_works_while_locked(
    qtbot: QtBot, make_window: WindowFactory, role_url: URL
) -> None:
    window = make_window(role_url)
    assert window.lock()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.closed):
        key(window.lock_page.password_edit, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_dialogs_are_hidden_while_locked_and_come_back_as_they_were(
    qtbot: QtBot, make_window: WindowFactory, role_url: URL, password_role: PasswordRole
) -> None:
    window = make_window(role_url)
    dialog = window.show_mail_settings()
    qtbot.waitExposed(dialog)
    type_text(dialog.sender_name, "Typed before the lock")
    window.idle_watcher.set_interval_ms(100)
    wait_locked(qtbot, window)
    assert not dialog.isVisible()
    assert window.session_lock.hidden_windows == [dialog]

    # A window that opens while locked (a job's message, say) is hidden as well.
    about = window.show_about()
    qtbot.waitUntil(lambda: not about.isVisible())
    assert window.session_lock.hidden_windows == [dialog, about]
    # One closed meanwhile by the program does not come back.
    box = window.show_about()
    qtbot.waitUntil(lambda: not box.isVisible())
    box.done(QDialog.DialogCode.Accepted)
    assert box not in window.session_lock.hidden_windows

    try_password(qtbot, window, password_role.password)
    assert not window.locked
    assert dialog.isVisible() and about.isVisible() and not box.isVisible()
    assert dialog.sender_name.text() == "Typed before the lock"
    assert dialog.windowModality() == Qt.WindowModality.WindowModal  # as it was opened
    about.close()
    dialog.close()


def test_the_connection_dialog_may_show_over_the_lock(
    qtbot: QtBot, make_window: WindowFactory, role_url: URL
) -> None:
    window = make_window(role_url)
    opened: list[QDialog] = []

    def open_connection_dialog() -> None:  # what the launcher does
        dialog = QDialog(window)
        dialog.setObjectName("stand-in for the connection dialog")
        dialog.open()
        opened.append(dialog)

    window.reconnect_requested.connect(open_connection_dialog)
    assert window.lock()
    click(window.lock_page.switch_button)
    assert len(opened) == 1
    QApplication.processEvents()  # a window to hide would be hidden here
    QApplication.processEvents()
    assert opened[0].isVisible() and window.session_lock.hidden_windows == []
    opened[0].reject()


def test_user_input_restarts_the_count(
    qtbot: QtBot, make_window: WindowFactory, role_url: URL
) -> None:
    window = make_window(role_url)
    watcher = window.idle_watcher
    watcher.set_interval_ms(60_000)
    qtbot.waitUntil(lambda: 0 < watcher.remaining_ms < 59_900, timeout=WAIT_MS)
    QTest.keyClick(window.section_list, Qt.Key.Key_Down)
    assert watcher.remaining_ms > 59_900
    qtbot.waitUntil(lambda: 0 < watcher.remaining_ms < 59_900, timeout=WAIT_MS)
    QTest.mouseMove(window.section_list.viewport())
    assert watcher.remaining_ms > 59_900

    # Someone at work for three times the idle time: no lock; then away: locked.
    watcher.set_interval_ms(400)
    presses: list[int] = []

    def press() -> None:
        QTest.keyClick(window.section_list, Qt.Key.Key_Shift)
        presses.append(1)

    typing = QTimer()
    typing.setInterval(40)
    typing.timeout.connect(press)
    typing.start()
    qtbot.waitUntil(lambda: len(presses) >= 30, timeout=WAIT_MS)
    typing.stop()
    assert not window.locked
    wait_locked(qtbot, window)


def test_a_desk_may_lock_sooner_than_the_policy_but_not_later_or_never(
    qtbot: QtBot, make_window: WindowFactory, role_url: URL, pg_url: str
) -> None:
    engine = db.make_engine(pg_url)
    with db.session_factory(engine).begin() as session:  # an administrator's policy
        idle_lock_policy.save_policy(session, 30, "admin", expected_version=None)
    engine.dispose()

    assert make_window(role_url, minutes=0).idle_watcher.interval_ms == 30 * 60_000
    assert make_window(role_url, minutes=600).idle_watcher.interval_ms == 30 * 60_000
    sooner = make_window(role_url, minutes=5)
    assert sooner.idle_watcher.interval_ms == 5 * 60_000 and sooner.idle_watcher.running
    assert make_window(role_url).idle_watcher.interval_ms == 30 * 60_000


def test_an_administrators_new_policy_applies_to_their_desk_at_once(
    qtbot: QtBot, make_window: WindowFactory, pg_url: str
) -> None:
    window = make_window(pg_url)  # the server's superuser: an administrator here
    assert window.idle_watcher.interval_ms == idle_lock_policy.DEFAULT_MINUTES * 60_000
    dialog = window.show_idle_policy()
    qtbot.waitUntil(lambda: dialog.setting is not None, timeout=WAIT_MS)
    dialog.minutes.setValue(7)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save()
    assert window.idle_watcher.interval_ms == 7 * 60_000 and window.idle_watcher.running


def test_the_demo_database_is_never_locked(
    qtbot: QtBot, make_window: WindowFactory, sqlite_db_url: str
) -> None:
    window = make_window(sqlite_db_url, minutes=1)
    assert window.context.connection.is_demo
    assert not window.idle_watcher.running
    assert not window.lock_action.isVisible()
    assert not window.lock()
    # Even if the watcher ran, nothing would be locked.
    window.idle_watcher.set_interval_ms(50)
    with qtbot.waitSignal(window.idle_watcher.idle, timeout=WAIT_MS):
        window.idle_watcher.start()
    assert not window.locked and window.splitter.isVisible()


@pytest.mark.parametrize(
    ("stored", "policy", "minutes"),
    [
        (None, 15, 15),
        ("5", 15, 5),
        (10, 15, 10),
        ("30", 15, 15),
        ("30", 60, 30),
        ("0", 15, 15),
        ("-3", 15, 15),
        ("soon", 15, 15),
        ("99999", 1440, 1440),
    ],
)
def test_the_desks_idle_time(
    qtbot: QtBot, tmp_path: Path, stored: object, policy: int, minutes: int
) -> None:
    settings = open_settings(tmp_path / "lkk-admin.ini")
    if stored is not None:
        settings.setValue(IDLE_MINUTES_KEY, stored)
    watcher = IdleWatcher.for_desk(settings, policy)
    assert watcher.interval_ms == minutes * 60_000
    watcher.start()
    assert watcher.running
    watcher.stop()
    assert not watcher.running
