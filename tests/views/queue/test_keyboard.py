"""Everything without the mouse: shortcuts, the "Requests" menu, tooltips."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models.base import utcnow
from lkk_admin.services import connection, queue
from lkk_admin.views.context import AppContext, open_settings
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.main_window import MainWindow
from lkk_admin.views.queue import live_updates
from lkk_admin.views.queue.decision_dialogs import ApproveDialog
from lkk_admin.views.queue.queue_page import QueuePage
from lkk_admin.views.workers import JobRunner
from tests import factories as f
from tests.views.gui import key, type_text
from tests.views.queue.conftest import PageFactory
from tests.views.queue.helpers import Crafted, status_of, wait_loaded


def activate(qtbot: QtBot, page: QueuePage) -> None:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)


def test_f2_takes_the_oldest_and_ctrl_enter_approves(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    page = make_page()
    activate(qtbot, page)
    page.list.focus_table()
    key(page.table, Qt.Key.Key_F2)
    qtbot.waitUntil(page.desk.is_mine)
    assert page.desk.details is not None and page.desk.details.id == crafted.clean
    assert status_of(queue_factory, crafted.clean) == ("in_review", "verifier1")
    assert page.view.notice_label.text().startswith("Взята из очереди")
    key(page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(page.desk.dialog, ApproveDialog))
    dialog = page.desk.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    key(dialog, Qt.Key.Key_Return)  # "Approve" is the default button
    qtbot.waitUntil(lambda: status_of(queue_factory, crafted.clean)[0] == "approved")
    qtbot.waitUntil(lambda: page.desk.dialog is None and page.view.notice_kind == "success")
    # The next one with the same key (Ctrl+N works too).
    activate(qtbot, page)
    key(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.desk.details is not None and page.desk.details.id == crafted.mixed)
    assert page.desk.is_mine()


def test_an_empty_queue_says_so(
    qtbot: QtBot, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    with queue_factory.begin() as session:
        f.counterparty(session)
    page = make_page()
    activate(qtbot, page)
    key(page.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: page.view.notice_label.text() == "Очередь пуста.")
    assert page.view.placeholder.text().startswith("В очереди нет ожидающих заявок.")


def test_alt_arrows_open_the_next_and_previous_request(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory
) -> None:
    page = make_page()
    activate(qtbot, page)
    key(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.desk.details is not None)
    assert page.desk.details.id == crafted.clean  # type: ignore[union-attr]
    key(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.desk.details.id == crafted.mixed)  # type: ignore[union-attr]
    key(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.desk.details.id == crafted.unknown)  # type: ignore[union-attr]
    key(page.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.desk.details.id == crafted.mixed)  # type: ignore[union-attr]
    assert page.list.current_row().id == crafted.mixed  # type: ignore[union-attr]
    # Claim with Ctrl+T, release with Ctrl+Shift+T.
    key(page.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(page.desk.is_mine)
    key(
        page.table,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: not page.desk.is_mine() and not page.desk.busy)
    assert page.desk.details is not None and page.desk.details.status == "pending"


def test_ctrl_f_searches_and_down_enter_opens(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory
) -> None:
    page = make_page()
    activate(qtbot, page)
    key(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_box.hasFocus()
    type_text(page.search_box, f.UNKNOWN_VALID_INN)
    qtbot.waitUntil(lambda: page.model.loaded_ids() == [crafted.unknown])
    key(page.search_box, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    key(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: page.desk.details is not None and page.desk.details.id == crafted.unknown
    )
    key(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    key(page.search_box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(page.model.loaded_ids()) == 4)


@pytest.fixture
def window(
    qtbot: QtBot,
    queue_url: str,
    tmp_path: Path,
    jobs: JobRunner,
    errors: ErrorReporter,
) -> Iterator[MainWindow]:
    info = connection.connect_url(queue_url)
    context = AppContext.create(info, open_settings(tmp_path / "window.ini"), jobs, errors)
    main = MainWindow(context)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()
    live_updates.stop_all()
    jobs.cancel_all()
    assert jobs.wait(60_000)
    qtbot.waitUntil(lambda: jobs.running == 0)
    info.dispose()


def test_the_requests_menu_of_the_main_window(
    qtbot: QtBot, crafted: Crafted, window: MainWindow
) -> None:
    page = window.pages["registration_queue"]
    assert isinstance(page, QueuePage)
    wait_loaded(qtbot, page)
    menu = page.menu
    assert menu.objectName() == "requestsMenu" and menu.title() == "&Заявки"
    assert menu.menuAction() in window.menuBar().actions()
    entries = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert entries == [
        "Взять &следующую",
        "&Взять в работу",
        "&Одобрить…",
        "О&тклонить…",
        "Вернуть на &уточнение…",
        "Ос&вободить",
        "Сле&дующая заявка",
        "&Предыдущая заявка",
        "&Поиск…",
        "О&бновить",
        "&Выгрузить в Excel…",
        "Сро&к рассмотрения…",
    ]
    assert page.commands.take_next.toolTip().startswith("Взять следующую (F2)\n")
    assert page.commands.approve.toolTip().startswith("Одобрить (Ctrl+Enter)\n")
    # No shortcut is used twice in the window, the main window's own included.
    seen: dict[str, str] = {}
    actions = [*window.findChildren(type(page.commands.take_next))]
    for action in actions:
        for sequence in action.shortcuts():
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in seen, f"{text}: {seen.get(text)} and {action.objectName()}"
            seen[text] = action.objectName()
    for taken in ("Ctrl+1", "Ctrl+8", "Ctrl+O", "Ctrl+Q", "F1", "F2", "Ctrl+F", "Alt+Down"):
        assert taken in seen
    # Another section: the menu goes away and the shortcuts do nothing.
    window.show_section("news")
    assert not menu.menuAction().isVisible()
    assert not page.commands.take_next.isEnabled()
    window.show_section("registration_queue")
    assert menu.menuAction().isVisible()
    assert page.commands.take_next.isEnabled()


def test_f2_takes_the_oldest_submission_and_says_why(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    """A colleague's lapsed claim comes in its place by submission: after older waiting
    requests, before newer ones; the notice says which it was."""
    with queue_factory.begin() as session:  # 6 days old; the lease ended 45 minutes ago
        queue.claim(session, crafted.mixed, "verifier2", now=utcnow() - timedelta(hours=1))
    page = make_page()
    activate(qtbot, page)
    key(page.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: page.desk.is_mine() and page.view.notice_kind == "info")
    assert page.desk.details is not None and page.desk.details.id == crafted.clean  # 9 days
    assert page.view.notice_label.text().startswith(
        "Взята из очереди самая давняя ожидающая заявка: подана "
    )
    assert "(9 дн. назад). Она закреплена за вами." in page.view.notice_label.text()
    activate(qtbot, page)
    key(page.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: page.desk.details is not None and page.desk.details.id == crafted.mixed)
    assert page.desk.is_mine()
    notice = page.view.notice_label.text()
    assert notice.startswith("Взята из очереди заявка коллеги verifier2, чья блокировка истекла ")
    assert "она подана раньше всех ожидающих" in notice and "6 дн. назад)" in notice
    assert status_of(queue_factory, crafted.mixed) == ("in_review", "verifier1")
    activate(qtbot, page)
    key(page.table, Qt.Key.Key_F2)
    qtbot.waitUntil(
        lambda: page.desk.details is not None and page.desk.details.id == crafted.unknown
    )
    assert "самая давняя ожидающая заявка" in page.view.notice_label.text()
