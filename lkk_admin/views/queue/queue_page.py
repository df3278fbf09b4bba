"""The registration queue section: search, the list and the open request, one screen.

The page puts together the list (:mod:`.queue_list`), the request pane
(:mod:`.request_view`) with its desk (:mod:`.desk`) and the commands (:mod:`.actions`):
it routes each command, keeps their enabled state, and runs live updates only while
the section is shown. Every database call happens in worker jobs (:mod:`.jobs`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.organisation_settings import Setting
from lkk_admin.views.context import AppContext, restore_splitter, save_splitter
from lkk_admin.views.framework.export import ListExporter
from lkk_admin.views.framework.widgets import SearchBox, section_title_label
from lkk_admin.views.pane_parts import NoticeLabel
from lkk_admin.views.queue import export as queue_export
from lkk_admin.views.queue.actions import QueueActions
from lkk_admin.views.queue.desk import RequestDesk
from lkk_admin.views.queue.queue_list import QueueList
from lkk_admin.views.queue.request_view import RequestView
from lkk_admin.views.queue.settings import QueueSettings
from lkk_admin.views.review_sla_dialog import ReviewSlaDialog

LAYOUT_GROUP = "QueuePage"


class QueuePage(QWidget):
    """The registration queue screen of one verifier (``context.actor``)."""

    # Another section should show a record: (section key, record id, search text).
    navigate_requested = Signal(str, int, str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queuePage")
        self.context = context
        self.settings = QueueSettings.load(context.settings)
        self._restored = False
        self._open_was_listed = False  # the open request was in the list at the last load

        self.commands = QueueActions(self)
        self.list = QueueList(context, self.settings)
        self.model = self.list.model
        self.table = self.list.table
        self.view = RequestView(context)
        self.view.set_actions(self.commands.decision_actions())
        self.desk = RequestDesk(
            context, self.view, renew_interval_ms=self.settings.renew_interval_ms, parent=self
        )
        self.search_box = SearchBox(self.list.focus_table)
        self.notice = NoticeLabel("queueNotice")  # what an export has done
        self.exporter = ListExporter(
            self,
            context,
            lambda: queue_export.export_job(self.model.query, self.model.total),
            lambda text: self.notice.show_notice(text, "success"),
        )
        self.exporter.changed = self.update_actions
        self.search_box.setPlaceholderText(
            self.tr("Search: TIN, KPP, name, e-mail, login, contract No. (Ctrl+F)")
        )
        self._build()
        self.menu: QMenu = self.commands.build_menu(self)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(self.settings.search_delay_ms)
        self._connect()
        self.update_actions()

    def _build(self) -> None:
        title = section_title_label(self.tr("Registration queue"))
        take_next = QToolButton()
        take_next.setObjectName("takeNextButton")
        take_next.setDefaultAction(self.commands.take_next)
        take_next.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bold = QFont(take_next.font())
        bold.setBold(True)
        take_next.setFont(bold)

        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addSpacing(16)
        top.addWidget(self.search_box, 1)
        top.addWidget(take_next)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("queueSplitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.view)
        self.splitter.setChildrenCollapsible(False)
        # The list shows a dozen rows at 1280x720; the open request scrolls below it.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 300])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        commands, desk = self.commands, self.desk
        commands.take_next.triggered.connect(desk.take_next)
        commands.claim.triggered.connect(self.claim)
        commands.approve.triggered.connect(desk.open_approve)
        commands.reject.triggered.connect(desk.open_reject)
        commands.return_for_clarification.triggered.connect(desk.open_return)
        commands.release.triggered.connect(desk.release)
        commands.next_request.triggered.connect(lambda: self.step(1))
        commands.previous_request.triggered.connect(lambda: self.step(-1))
        commands.find.triggered.connect(self.focus_search)
        commands.refresh.triggered.connect(self.refresh)
        commands.export.triggered.connect(self.exporter.ask_and_export)
        self.view.registry_requested.connect(
            lambda counterparty_id, inn: self.navigate_requested.emit(
                "counterparties", counterparty_id, inn
            )
        )
        commands.overdue.triggered.connect(self.show_review_sla)

        self.search_box.textChanged.connect(lambda _text: self.search_timer.start())
        self.search_box.returnPressed.connect(self._search_now)
        self.search_timer.timeout.connect(self.apply_search)

        self.list.activated.connect(desk.open)
        self.list.current_changed.connect(self.update_actions)
        self.list.rows_loaded.connect(self._rows_loaded)
        self.list.queue_changed.connect(self._queue_changed)
        desk.state_changed.connect(self.update_actions)
        desk.queue_touched.connect(self.list.refresh)
        desk.shown.connect(self._request_shown)

    # --- showing and hiding -----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.menu.menuAction().setVisible(True)
        if not self._restored:
            self._restored = True
            self.restore_layout()
        self.list.start(self.search_box.text())
        self.update_actions()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        self.list.stop()
        if not event.spontaneous():
            self.menu.menuAction().setVisible(False)
            self.save_layout()
        self.update_actions()

    def restore_layout(self) -> None:
        restore_splitter(self.context.settings, LAYOUT_GROUP, self.splitter)

    def save_layout(self) -> None:
        save_splitter(self.context.settings, LAYOUT_GROUP, self.splitter)

    # --- commands ---------------------------------------------------------------------------

    def claim(self) -> None:
        details = self.desk.details
        if details is not None:
            self.desk.claim(details.id)
            return
        row = self.list.current_row()
        if row is not None:
            self.desk.claim(row.id)

    def step(self, step: int) -> None:
        details = self.desk.details
        request_id = self.list.step(step, details.id if details is not None else None)
        if request_id is not None:
            self.desk.open(request_id)

    def refresh(self) -> None:
        self.list.refresh()
        details = self.desk.details
        if details is not None:
            self.desk.open(details.id, quiet=True)

    def apply_search(self) -> None:
        self.search_timer.stop()
        self.list.set_search(self.search_box.text())

    def _search_now(self) -> None:
        self.apply_search()
        self.list.focus_table()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _rows_loaded(self) -> None:
        details = self.desk.details
        if details is not None:
            row = self.model.row_of(details.id)
            if row is not None:
                self.desk.reread_if_changed(self.model.row_at(row))
            elif self._open_was_listed:
                self.desk.open(details.id, quiet=True)  # it left the tab: see where it went
            self._open_was_listed = row is not None
        self.update_actions()

    def show_record(self, request_id: int, search: str = "") -> None:
        """Open one request (a link from another section); ``search`` narrows the list."""
        if search and search != self.search_box.text():
            self.search_box.setText(search)
            self.apply_search()
        self.desk.open(request_id)

    def _queue_changed(self, ids: set[int]) -> None:
        details = self.desk.details
        if details is not None and details.id in ids:
            self.desk.open(details.id, quiet=True)

    def _request_shown(self, request_id: int) -> None:
        self._open_was_listed = self.list.select_request(request_id)
        if not self._open_was_listed:
            self.table.clearSelection()

    # --- the review deadline ------------------------------------------------------------------

    def show_review_sla(self) -> ReviewSlaDialog:
        """The organisation's deadline (the same dialog as Tools → Review deadline): a clerk
        sees it, an administrator may change it. The list reads it with every load."""
        dialog = ReviewSlaDialog(self.context, self)
        dialog.saved.connect(self.apply_review_sla)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog

    def apply_review_sla(self, setting: Setting[int]) -> None:
        """A deadline saved on this desk: highlight by it at once."""
        self.model.set_sla_days(setting.value)

    # --- enabled state ----------------------------------------------------------------------

    def update_actions(self) -> None:
        commands, desk = self.commands, self.desk
        shown = self.isVisible()
        ready = shown and not desk.busy
        mine = ready and desk.is_mine()
        has_rows = shown and self.model.rowCount() > 0
        commands.take_next.setEnabled(ready)
        commands.claim.setEnabled(ready and desk.claimable(self.list.current_row()))
        commands.approve.setEnabled(mine and desk.can_approve())
        commands.reject.setEnabled(mine)
        commands.return_for_clarification.setEnabled(mine)
        commands.release.setEnabled(ready and desk.can_release())
        commands.next_request.setEnabled(has_rows)
        commands.previous_request.setEnabled(has_rows)
        for action in (commands.find, commands.refresh, commands.overdue):
            action.setEnabled(shown)
        commands.export.setEnabled(shown and not self.exporter.running)


def create_page(context: AppContext, _spec: object = None) -> QueuePage:
    """The factory registered for the "registration_queue" section."""
    return QueuePage(context)
