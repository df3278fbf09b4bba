"""The outbox screen: failed letters are visible, a letter is shown exactly, retry and
cancel change the database, the filters narrow the list, personal data stay masked."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import AuditEvent, MailOutbox
from lkk_admin.views.outbox import formatting as ofmt
from lkk_admin.views.outbox.cancel_dialog import CancelDialog
from lkk_admin.views.outbox.letter_browser import LetterBrowser
from lkk_admin.views.outbox.outbox_page import OutboxPage
from lkk_admin.views.outbox.outbox_section import (
    COL_ATTEMPTS,
    COL_LAST_ERROR,
    COL_RECIPIENT,
    COL_REQUEST,
    COL_STATUS,
    COL_SUBJECT,
)
from tests.views.gui import click, key
from tests.views.outbox.conftest import (
    HTML,
    SMTP_ERROR,
    TEXT,
    Letters,
    PageFactory,
    craft,
    wait_loaded,
)


def cell(page: OutboxPage, message_id: int, column: int, role: int = 0) -> object:
    row = page.model.row_of(message_id)
    assert row is not None, f"letter {message_id} is not listed"
    return page.model.index(row, column).data(role or Qt.ItemDataRole.DisplayRole)


def select_letter(qtbot: QtBot, page: OutboxPage, message_id: int) -> None:
    assert page.list.select_id(message_id) or page.view.message is not None
    qtbot.waitUntil(
        lambda: page.view.message is not None and page.view.message.id == message_id,
        timeout=10_000,
    )


def stored(factory: sessionmaker[Session], message_id: int) -> MailOutbox:
    with factory() as session:
        return session.get_one(MailOutbox, message_id)


def audit_actions(factory: sessionmaker[Session], message_id: int) -> list[str]:
    with factory() as session:
        return list(
            session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.entity == "mail_outbox", AuditEvent.entity_id == message_id)
                .order_by(AuditEvent.id)
            )
        )


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Shortcuts reach only the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def closed(dialog: QWidget) -> bool:
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


@pytest.mark.parametrize("outbox_url", ["sqlite", "postgresql"], indirect=True)
def test_a_failed_letter_is_visible_with_its_error(
    letters: Letters, make_page: PageFactory
) -> None:
    page = make_page()
    assert page.model.loaded_ids() == [
        letters.pending,
        letters.failed,
        letters.cancelled,
        letters.sent,
    ]
    assert cell(page, letters.failed, COL_STATUS) == "Не отправлено"
    assert cell(page, letters.failed, COL_LAST_ERROR) == SMTP_ERROR
    assert cell(page, letters.failed, COL_ATTEMPTS) == "5"
    assert cell(page, letters.failed, COL_REQUEST) == "102"
    assert cell(page, letters.failed, COL_SUBJECT) == "Регистрация отклонена"
    tip = cell(page, letters.failed, COL_SUBJECT, Qt.ItemDataRole.ToolTipRole)
    assert tip == "Заявка на регистрацию отклонена"
    red = cell(page, letters.failed, COL_STATUS, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(red, QColor) and red == ofmt.STATUS_COLOURS["failed"]
    grey = cell(page, letters.cancelled, COL_SUBJECT, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(grey, QColor) and grey == ofmt.STATUS_COLOURS["cancelled"]
    assert cell(page, letters.pending, COL_STATUS) == "Ждёт отправки"
    assert cell(page, letters.sent, COL_STATUS) == "Отправлено"
    # Personal data are masked in the list.
    assert cell(page, letters.failed, COL_RECIPIENT) == "p*****@vasilek.ru"
    tabs = [page.filters.tabs.tabText(i) for i in range(page.filters.tabs.count())]
    assert tabs == [
        "Все (4)",
        "Ждут отправки (1)",
        "Отправленные (1)",
        "Неотправленные (1)",
        "Отменённые (1)",
    ]
    assert page.list.status_label.text() == "Показано 4 из 4"


def test_selecting_a_letter_shows_its_html_and_text(
    qtbot: QtBot, letters: Letters, make_page: PageFactory
) -> None:
    page = make_page()
    # The newest letter is shown at once, so the pane is never empty with letters listed.
    qtbot.waitUntil(lambda: page.view.message is not None)
    select_letter(qtbot, page, letters.failed)
    view = page.view
    expected = QTextDocument()
    expected.setHtml(HTML)
    assert view.html_view.toPlainText() == expected.toPlainText()
    assert "Ваша заявка отклонена." in view.html_view.toPlainText()
    assert view.text_view.toPlainText() == TEXT
    assert view.text_view.isReadOnly()
    assert view.title_label.text() == "Заявка на регистрацию отклонена"
    assert view.recipient_value.text() == "p*****@vasilek.ru"
    assert view.status_value.text() == "Не отправлено"
    assert view.error_value.text() == SMTP_ERROR
    assert view.attempts_value.text() == "5"
    assert "Заявка № 102" in view.subtitle_label.text()
    assert page.commands.retry.isEnabled()
    assert not page.commands.cancel.isEnabled()


def test_the_letter_loads_nothing_and_follows_no_link(qtbot: QtBot) -> None:
    browser = LetterBrowser()
    qtbot.addWidget(browser)
    assert not browser.openExternalLinks() and not browser.openLinks()
    assert browser.loadResource(2, QUrl("https://tracker.example/pixel.png")) is None
    assert browser.loadResource(2, QUrl("file:///etc/passwd")) is None


def test_retry_puts_a_failed_letter_back_in_the_queue(
    qtbot: QtBot,
    letters: Letters,
    make_page: PageFactory,
    outbox_factory: sessionmaker[Session],
) -> None:
    page = make_page()
    select_letter(qtbot, page, letters.failed)
    assert "Ctrl+R" in page.commands.retry.toolTip()
    page.commands.retry.trigger()
    qtbot.waitUntil(lambda: page.view.notice_kind == "success", timeout=10_000)
    row = stored(outbox_factory, letters.failed)
    assert (row.status, row.attempts, row.last_error) == ("pending", 0, SMTP_ERROR)
    assert audit_actions(outbox_factory, letters.failed) == ["mail_retry"]
    # The row, the pane and the counts show it at once.
    assert cell(page, letters.failed, COL_STATUS) == "Ждёт отправки"
    assert page.view.status_value.text() == "Ждёт отправки"
    assert "после 5 попыток" in page.view.retries_value.text()
    assert page.filters.tabs.tabText(1) == "Ждут отправки (2)"
    assert not page.commands.retry.isEnabled()
    assert page.commands.cancel.isEnabled()


def test_cancel_asks_for_a_reason_and_cancels(
    qtbot: QtBot,
    letters: Letters,
    make_page: PageFactory,
    outbox_factory: sessionmaker[Session],
) -> None:
    page = make_page()
    select_letter(qtbot, page, letters.pending)
    assert page.commands.cancel.isEnabled() and not page.commands.retry.isEnabled()
    page.commands.cancel.trigger()
    dialog = page.dialog
    assert isinstance(dialog, CancelDialog)
    assert not dialog.confirm_button.isEnabled()  # the reason is required
    dialog.reason_edit.setPlainText("   ")
    assert not dialog.confirm_button.isEnabled()
    dialog.reason_edit.setPlainText("Заявитель попросил прислать письмо на другой адрес")
    assert dialog.confirm_button.isEnabled()
    click(dialog.confirm_button)
    qtbot.waitUntil(lambda: closed(dialog), timeout=10_000)
    assert stored(outbox_factory, letters.pending).status == "cancelled"
    assert audit_actions(outbox_factory, letters.pending) == ["mail_cancel"]
    assert cell(page, letters.pending, COL_STATUS) == "Отменено"
    assert page.view.status_value.text() == "Отменено"
    assert "другой адрес" in page.view.cancelled_value.text()
    assert page.view.notice_kind == "success"
    assert not page.commands.cancel.isEnabled()


def test_a_refused_cancellation_keeps_the_reason(
    qtbot: QtBot,
    letters: Letters,
    make_page: PageFactory,
    outbox_factory: sessionmaker[Session],
) -> None:
    page = make_page()
    select_letter(qtbot, page, letters.pending)
    page.commands.cancel.trigger()
    dialog = page.dialog
    assert isinstance(dialog, CancelDialog)
    with outbox_factory.begin() as session:  # the sender was quicker
        session.execute(
            update(MailOutbox).where(MailOutbox.id == letters.pending).values(status="sent")
        )
    dialog.reason_edit.setPlainText("Дубликат")
    activate(qtbot, dialog)
    key(dialog.reason_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=10_000)
    assert "уже отправлено" in dialog.error_label.text()
    assert dialog.reason_edit.toPlainText() == "Дубликат"
    assert dialog.isVisible() and not dialog.busy
    assert stored(outbox_factory, letters.pending).status == "sent"
    assert audit_actions(outbox_factory, letters.pending) == []
    # Meanwhile the page shows the letter as it is now.
    qtbot.waitUntil(lambda: page.view.status_value.text() == "Отправлено", timeout=10_000)
    dialog.close()


def test_status_filter_shows_only_failed_letters(
    qtbot: QtBot, letters: Letters, make_page: PageFactory
) -> None:
    page = make_page()
    page.filters.set_status("failed")
    qtbot.waitUntil(lambda: page.model.loaded_ids() == [letters.failed], timeout=10_000)
    wait_loaded(qtbot, page)
    assert page.list.status_label.text() == "Показано 1 из 1"
    select_letter(qtbot, page, letters.failed)
    page.filters.set_status("all")
    qtbot.waitUntil(lambda: len(page.model.loaded_ids()) == 4, timeout=10_000)
    assert page.list.current_id() == letters.failed  # the open letter stays selected


def test_the_letter_column_tells_letters_apart(letters: Letters, make_page: PageFactory) -> None:
    """The subjects begin alike («Заявка на регистрацию…») and a narrow column cut them
    there: the column names the kind of letter, the subject is its tooltip."""
    page = make_page()
    assert cell(page, letters.sent, COL_SUBJECT) == "Регистрация одобрена"
    assert cell(page, letters.cancelled, COL_SUBJECT) == "Запрос уточнений"
    assert cell(page, letters.failed, COL_SUBJECT) == "Регистрация отклонена"
    header = page.model.headerData(COL_SUBJECT, Qt.Orientation.Horizontal)
    assert header == "Письмо"
    # Excel gets the whole subject.
    export = page.export_job()
    column = next(c for c in export.columns if c.header == "Письмо")
    row = page.model.row_at(page.model.row_of(letters.failed) or 0)
    assert column.value(row) == "Заявка на регистрацию отклонена"


def test_the_error_column_shows_only_when_a_letter_has_an_error(
    qtbot: QtBot, letters: Letters, make_page: PageFactory
) -> None:
    page = make_page()
    assert not page.table.isColumnHidden(COL_LAST_ERROR)  # the failed letter is listed
    page.filters.set_status("sent")
    wait_loaded(qtbot, page)
    qtbot.waitUntil(lambda: page.table.isColumnHidden(COL_LAST_ERROR))
    export = page.export_job()  # hidden for room only: the export keeps the column
    assert "Ошибка" in [c.header for c in export.columns]
    page.filters.set_status("failed")
    wait_loaded(qtbot, page)
    qtbot.waitUntil(lambda: not page.table.isColumnHidden(COL_LAST_ERROR))


def test_search_and_dates_narrow_the_list(
    qtbot: QtBot, letters: Letters, make_page: PageFactory
) -> None:
    page = make_page()
    activate(qtbot, page)
    key(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_box.hasFocus()
    page.search_box.setText("102")
    qtbot.waitUntil(lambda: page.model.loaded_ids() == [letters.failed], timeout=10_000)
    page.search_box.setText("ROMASHKA")
    qtbot.waitUntil(
        lambda: page.model.loaded_ids() == [letters.pending, letters.sent], timeout=10_000
    )
    page.search_box.clear()
    qtbot.waitUntil(lambda: len(page.model.loaded_ids()) == 4, timeout=10_000)

    page.filters.from_edit.setDate(QDate.currentDate().addDays(1))
    page.filters.from_check.setChecked(True)
    qtbot.waitUntil(lambda: page.model.loaded_ids() == [], timeout=10_000)
    wait_loaded(qtbot, page)
    assert page.list.stack.currentWidget() is page.list.empty_label
    assert "Ни одно письмо не подходит" in page.list.empty_label.text()
    assert page.view.message is None
    page.filters.from_check.setChecked(False)  # any date again
    qtbot.waitUntil(lambda: len(page.model.loaded_ids()) == 4, timeout=10_000)


def test_revealing_the_address_is_audited(
    qtbot: QtBot,
    letters: Letters,
    make_page: PageFactory,
    outbox_factory: sessionmaker[Session],
) -> None:
    page = make_page()
    select_letter(qtbot, page, letters.failed)
    assert page.view.reveal_button.isVisible()
    click(page.view.reveal_button)
    qtbot.waitUntil(lambda: page.view.recipient_value.text() == "petrov@vasilek.ru")
    assert not page.view.reveal_button.isVisible()
    assert audit_actions(outbox_factory, letters.failed) == ["reveal_mail_recipient"]
    assert cell(page, letters.failed, COL_RECIPIENT) == "p*****@vasilek.ru"  # list stays masked


def test_refresh_shows_what_the_sender_did(
    qtbot: QtBot,
    letters: Letters,
    make_page: PageFactory,
    outbox_factory: sessionmaker[Session],
) -> None:
    page = make_page()
    select_letter(qtbot, page, letters.pending)
    with outbox_factory.begin() as session:
        session.execute(
            update(MailOutbox).where(MailOutbox.id == letters.pending).values(status="sent")
        )
    activate(qtbot, page)
    key(page, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.view.status_value.text() == "Отправлено", timeout=10_000)
    assert cell(page, letters.pending, COL_STATUS) == "Отправлено"
    assert page.filters.tabs.tabText(2) == "Отправленные (2)"


def test_an_empty_outbox_says_so(qtbot: QtBot, make_page: PageFactory) -> None:
    page = make_page()
    assert page.list.stack.currentWidget() is page.list.empty_label
    assert "пуст" in page.list.empty_label.text()
    assert page.view.message is None
    assert not page.commands.retry.isEnabled() and not page.commands.cancel.isEnabled()


def test_the_list_pages_on_the_server(
    qtbot: QtBot,
    make_page: PageFactory,
    outbox_factory: sessionmaker[Session],
    qtmodeltester: ModelTester,
) -> None:
    for _ in range(3):
        craft(outbox_factory)
    page = make_page(page_size=5, wait=False)
    loaded: list[int] = []
    page.model.rows_loaded.connect(lambda: loaded.append(page.model.rowCount()))

    def scrolled_to_the_end() -> bool:
        # The view asks for more while its rows do not fill it, and as it is scrolled down.
        page.table.scrollToBottom()
        return page.model.rowCount() == 12

    qtbot.waitUntil(scrolled_to_the_end, timeout=10_000)
    assert page.model.total == 12 and not page.model.canFetchMore()
    assert loaded == [5, 10, 12]  # a page at a time
    assert len(set(page.model.loaded_ids())) == 12  # no letter twice
    qtmodeltester.check(page.model)  # type: ignore[no-untyped-call]


def test_the_screen_renders(
    qtbot: QtBot, letters: Letters, make_page: PageFactory, tmp_path: Path
) -> None:
    page = make_page()
    select_letter(qtbot, page, letters.failed)
    picture = page.grab()
    assert not picture.isNull()
    assert picture.save(str(tmp_path / "outbox.png"))


@pytest.mark.parametrize("outbox_url", ["sqlite", "postgresql"], indirect=True)
def test_ctrl_e_exports_the_filtered_letters_masked_and_audited(
    qtbot: QtBot,
    letters: Letters,
    make_page: PageFactory,
    outbox_factory: sessionmaker[Session],
    tmp_path: Path,
) -> None:
    from openpyxl import load_workbook

    page = make_page("verifier1")
    page.filters.set_status("failed")
    qtbot.waitUntil(lambda: page.model.loaded_ids() == [letters.failed])
    target = tmp_path / "почта.xlsx"
    with qtbot.waitSignal(page.exporter.finished, timeout=20_000):
        page.exporter.export_to(target)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert len(rows) == 2
    header, failed = rows
    assert failed[header.index("Получатель")] == "p*****@vasilek.ru"  # as the list shows it
    assert failed[header.index("Попыток")] == 5
    with outbox_factory() as session:
        event = session.execute(
            select(AuditEvent.details).where(AuditEvent.action == "export_list")
        ).scalar_one()
    assert event["rows"] == 1 and event["section"] == "mail_outbox"
