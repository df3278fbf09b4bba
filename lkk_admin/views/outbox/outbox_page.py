"""The outgoing mail section: filters, the list of letters and the open letter, one screen.

The page puts together the filter bar (:mod:`.filters`), the list (:mod:`.message_list`)
and the letter pane (:mod:`.message_view`) with the commands (:mod:`.actions`): it routes
each command, keeps their enabled state and runs every database call in a worker job
(:mod:`.jobs`). Retrying and cancelling change the row and the pane as soon as the
database has them; F5 reads everything again (the sender works meanwhile).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.errors import ConflictError
from lkk_admin.services.outbox import OutboxMessage
from lkk_admin.views.context import AppContext, restore_splitter, save_splitter
from lkk_admin.views.outbox import jobs
from lkk_admin.views.outbox.actions import OutboxActions
from lkk_admin.views.outbox.cancel_dialog import CancelDialog
from lkk_admin.views.outbox.filters import FilterBar
from lkk_admin.views.outbox.jobs import Changed, OutboxQuery
from lkk_admin.views.outbox.message_list import MessageList
from lkk_admin.views.outbox.message_view import MessageView
from lkk_admin.views.queue.callbacks import bound
from lkk_admin.views.queue.queue_page import SearchBox
from lkk_admin.views.sections import SectionSpec, section_by_key, section_title_label
from lkk_admin.views.workers import JobControl

log = logging.getLogger(__name__)

SECTION_KEY = "mail_outbox"
LAYOUT_GROUP = "OutboxPage"
PAGE_SIZE = 100
SEARCH_DELAY_MS = 300  # typing a search or a date: reload once the user pauses
SEARCH_MIN_WIDTH = 90  # the page fits the main window's smallest width


class OutboxPage(QWidget):
    """The outbox as one member of staff (``context.actor``) sees and acts on it."""

    def __init__(
        self,
        context: AppContext,
        spec: SectionSpec | None = None,
        *,
        page_size: int = PAGE_SIZE,
        search_delay_ms: int = SEARCH_DELAY_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outboxPage")
        self.context = context
        self.busy = False  # a retry or a cancellation is being saved
        self.dialog: CancelDialog | None = None
        self._restored = False
        self._open_generation = 0
        self._wanted: int | None = None  # the letter the user asked to see last

        self.commands = OutboxActions(self)
        self.filters = FilterBar(self)
        self.list = MessageList(context, page_size=page_size)
        self.model = self.list.model
        self.table = self.list.table
        self.view = MessageView()
        self.view.set_actions(self.commands.message_actions())
        self.search_box = SearchBox(self.list.focus_table)
        self.search_box.setPlaceholderText(
            self.tr("Search: subject, request No., recipient's address (Ctrl+F)")
        )
        spec = spec or section_by_key(SECTION_KEY)
        self.search_box.setToolTip(self.commands.find.statusTip())
        self.search_box.setMinimumWidth(SEARCH_MIN_WIDTH)
        self._build(spec.translated_title() if spec is not None else "")
        self.menu: QMenu = self.commands.build_menu(self)
        self.menu.menuAction().setVisible(False)  # the main window shows it with the page

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(search_delay_ms)
        self._connect()
        self.update_actions()

    def _build(self, title_text: str) -> None:
        title = section_title_label(title_text)
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.filters.dates)
        top.addWidget(self.search_box, 1)

        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.setSpacing(4)
        upper_layout.addWidget(self.filters.tabs)
        upper_layout.addWidget(self.list, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("outboxSplitter")
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.view)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([260, 420])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        commands = self.commands
        commands.retry.triggered.connect(self.retry)
        commands.cancel.triggered.connect(self.open_cancel)
        commands.reveal.triggered.connect(self.view.request_reveal)
        commands.find.triggered.connect(self.focus_search)
        commands.refresh.triggered.connect(self.refresh)

        self.search_box.textChanged.connect(lambda _text: self.search_timer.start())
        self.search_box.returnPressed.connect(self._search_now)
        self.search_timer.timeout.connect(self.apply_filters)
        self.filters.status_changed.connect(self.apply_filters)
        self.filters.dates_changed.connect(self.search_timer.start)

        self.list.current_changed.connect(self._current_changed)
        self.list.rows_loaded.connect(self._rows_loaded)
        self.model.counts_changed.connect(self.filters.set_counts)
        self.model.load_failed.connect(self._load_failed)
        self.view.reveal_requested.connect(self.reveal)

    # --- showing and hiding -----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.menu.menuAction().setVisible(True)
        self.commands.set_shortcuts_active(True)
        if not self._restored:
            self._restored = True
            self.restore_layout()
        if self.model.loaded_once:
            self.refresh()  # letters were sent meanwhile
        else:
            self.apply_filters()
        self.update_actions()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        if not event.spontaneous():
            self.menu.menuAction().setVisible(False)
            self.commands.set_shortcuts_active(False)
            self.save_layout()
        self.update_actions()

    def restore_layout(self) -> None:
        restore_splitter(self.context.settings, LAYOUT_GROUP, self.splitter)

    def save_layout(self) -> None:
        save_splitter(self.context.settings, LAYOUT_GROUP, self.splitter)

    # --- the list ---------------------------------------------------------------------------

    def query(self) -> OutboxQuery:
        return OutboxQuery(
            status=self.filters.status,
            created_from=self.filters.created_from,
            created_to=self.filters.created_to,
            search=self.search_box.text().strip(),
        )

    def apply_filters(self) -> None:
        self.search_timer.stop()
        query = self.query()
        self.list.set_filtered(self.filters.is_filtered() or bool(query.search))
        self.list.show_columns_for(query.status)
        if query != self.model.query or not self.model.loaded_once:
            self.model.set_query(query)

    def _search_now(self) -> None:
        self.apply_filters()
        self.list.focus_table()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def refresh(self) -> None:
        self.model.refresh()
        if self._wanted is not None:
            self.open_message(self._wanted, quiet=True)

    def _rows_loaded(self) -> None:
        """A refresh may bring a newer state of the open letter (the sender sent it)."""
        message = self.view.message
        if message is not None:
            number = self.model.row_of(message.id)
            row = self.model.row_at(number) if number is not None else None
            if row is not None and row != message.row:
                self.open_message(message.id, quiet=True)
        self.update_actions()

    def _load_failed(self, error: BaseException, _user: bool) -> None:
        self.context.errors.report(error, self)

    def _current_changed(self, message_id: int | None) -> None:
        if message_id is None:
            self._wanted = None
            self._open_generation += 1  # a letter still loading is no longer wanted
            self.view.clear(
                self.tr("No letter to show: the list is empty.")
                if self.model.rowCount() == 0
                else None
            )
        elif self.view.message is None or self.view.message.id != message_id:
            self.open_message(message_id)
        self.update_actions()

    # --- the open letter --------------------------------------------------------------------

    def open_message(self, message_id: int, *, quiet: bool = False) -> None:
        """Show a letter; ``quiet``: a reread of the one shown (no error box if it fails)."""
        if quiet and message_id != self._wanted:
            return  # the user has moved on to another letter: that one is being read
        self._wanted = message_id
        self._open_generation += 1
        generation = self._open_generation
        factory = self.context.read_session_factory

        def shown(message: OutboxMessage) -> None:
            if generation == self._open_generation:
                self._show(message)

        def failed(error: BaseException) -> None:
            if quiet:
                log.warning("rereading the open letter failed: %s", type(error).__name__)
            elif generation == self._open_generation:
                self.context.errors.report(error, self)

        self.context.jobs.start(
            lambda _control: jobs.open_message(factory, message_id),
            on_success=bound(self, shown),
            on_failure=bound(self, failed),
            name="outbox-open",
        )

    def _show(self, message: OutboxMessage) -> None:
        self.view.show_message(message)
        self.model.update_row(message.row)  # the list never shows an older state
        self.update_actions()

    def reveal(self, message_id: int) -> None:
        factory, actor = self.context.session_factory, self.context.actor

        def failed(error: BaseException) -> None:
            self.view.show_address(message_id, None)
            self.context.errors.report(error, self)

        self.context.jobs.start(
            lambda _control: jobs.reveal(factory, message_id, actor),
            on_success=bound(self, lambda address: self._revealed(message_id, address)),
            on_failure=bound(self, failed),
            name="outbox-reveal",
        )

    def _revealed(self, message_id: int, address: str) -> None:
        self.view.show_address(message_id, address)
        self.update_actions()

    # --- retry and cancel -------------------------------------------------------------------

    def retry(self) -> None:
        message = self.view.message
        if message is None or message.status != "failed" or self.busy:
            return
        factory, actor, message_id = self.context.session_factory, self.context.actor, message.id
        self._act(
            lambda _control: jobs.retry(factory, message_id, actor),
            message_id,
            notice=self.tr(
                "Letter No. {id} is back in the queue: the sender will try again from the "
                "first attempt."
            ).format(id=message_id),
            name="outbox-retry",
        )

    def _act(
        self, work: Callable[[JobControl], Changed], message_id: int, *, notice: str, name: str
    ) -> None:
        self.busy = True
        self.update_actions()

        def done(changed: Changed) -> None:
            self.busy = False
            self._changed(changed, notice)

        def failed(error: BaseException) -> None:
            self.busy = False
            self.update_actions()
            self.context.errors.report(error, self)
            if isinstance(error, ConflictError):  # show the letter as it is now
                self.refresh_letter(message_id)

        self.context.jobs.start(
            work, on_success=bound(self, done), on_failure=bound(self, failed), name=name
        )

    def refresh_letter(self, message_id: int) -> None:
        self.model.refresh()
        self.open_message(message_id, quiet=True)

    def _changed(self, changed: Changed, notice: str) -> None:
        self.filters.set_counts(changed.counts)
        self.model.update_row(changed.message.row)
        shown = self.view.message
        if shown is None or shown.id == changed.message.id:
            self._open_generation += 1  # an older read of it must not overwrite this
            self.view.show_message(changed.message)
            self.view.show_notice(notice, "success")
        self.update_actions()

    def open_cancel(self) -> CancelDialog | None:
        message = self.view.message
        if message is None or message.status != "pending" or self.busy:
            return None
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return None
        dialog = CancelDialog(self.context, message, self)
        self.dialog = dialog
        dialog.cancelled.connect(
            lambda changed: self._changed(
                changed,
                self.tr("Letter No. {id} is cancelled: it will not be sent.").format(
                    id=changed.message.id
                ),
            )
        )
        dialog.failed.connect(lambda error: self._cancel_failed(message.id, error))
        dialog.finished.connect(lambda result: self._dialog_finished(dialog, result))
        dialog.open()
        self.update_actions()
        return dialog

    def _cancel_failed(self, message_id: int, error: BaseException) -> None:
        if isinstance(error, ConflictError):
            self.refresh_letter(message_id)

    def _dialog_finished(self, dialog: QDialog, _result: int) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.update_actions()

    # --- enabled state ----------------------------------------------------------------------

    def update_actions(self) -> None:
        commands = self.commands
        shown = self.isVisible()
        message = self.view.message
        ready = shown and not self.busy and message is not None and self.dialog is None
        status = message.status if message is not None else ""
        commands.retry.setEnabled(ready and status == "failed")
        commands.cancel.setEnabled(ready and status == "pending")
        commands.reveal.setEnabled(
            shown and message is not None and self.view.revealed_address is None
        )
        commands.find.setEnabled(shown)
        commands.refresh.setEnabled(shown)


def create_page(context: AppContext, spec: SectionSpec | None = None) -> OutboxPage:
    """The factory registered for the "mail_outbox" section."""
    return OutboxPage(context, spec)
