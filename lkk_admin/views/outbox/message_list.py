"""The list half of the outbox screen: the table, its empty state and the status line.

It keeps the current letter across reloads: when the rows are replaced (another filter,
a refresh that changed the order) the same letter is selected again if it is still
listed; with none selected, the newest is, so the pane always has something to show.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.outbox import OutboxRow
from lkk_admin.views.context import AppContext
from lkk_admin.views.outbox import formatting as ofmt
from lkk_admin.views.outbox.message_table_model import (
    COL_ATTEMPTS,
    COL_CREATED,
    COL_LAST_ERROR,
    COL_NEXT_ATTEMPT,
    COL_RECIPIENT,
    COL_REQUEST,
    COL_STATUS,
    COL_SUBJECT,
    MessageTableModel,
)
from lkk_admin.views.paged_table_model import select_row_with_id, select_table_row

# Wide enough for the Russian header and content at the default font; the subject and the
# last error share the rest (the subject more: it tells the letters apart).
COLUMN_WIDTHS = {
    COL_CREATED: 102,
    COL_STATUS: 112,
    COL_RECIPIENT: 140,
    COL_ATTEMPTS: 62,
    COL_NEXT_ATTEMPT: 102,
    COL_REQUEST: 70,
}
ERROR_SHARE = 0.35
ERROR_MIN_WIDTH = 100
ERROR_MAX_WIDTH = 420
# Only letters waiting to be sent have a next attempt.
NEXT_ATTEMPT_FILTERS = ("all", "pending")


class MessageTable(QTableView):
    """Whole rows, one at a time, fixed row heights (fast), order fixed by the server."""

    def __init__(self, model: MessageTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outboxTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_SUBJECT, QHeaderView.ResizeMode.Stretch)
        for column, width in COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        self.share_width()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.share_width()

    def share_width(self) -> None:
        """The last error takes a share of what the fixed columns leave; the subject
        (stretching) the rest, so a wide window shows both in full."""
        fixed = sum(
            width for column, width in COLUMN_WIDTHS.items() if not self.isColumnHidden(column)
        )
        free = self.width() - fixed
        width = int(free * ERROR_SHARE)
        self.horizontalHeader().resizeSection(
            COL_LAST_ERROR, min(max(width, ERROR_MIN_WIDTH), ERROR_MAX_WIDTH)
        )


class MessageList(QWidget):
    """Table, empty state and status line; ``current_changed(id or None)``."""

    current_changed = Signal(object)  # int | None
    rows_loaded = Signal()

    def __init__(
        self, context: AppContext, *, page_size: int = 100, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.model = MessageTableModel(context, page_size=page_size, parent=self)
        self.table = MessageTable(self.model)
        self._kept_id: int | None = None
        self._filtered = False

        self.empty_label = QLabel()
        self.empty_label.setObjectName("outboxEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        self.status_label = QLabel()
        self.status_label.setObjectName("outboxStatus")
        self.status_label.setEnabled(False)

        status_row = QHBoxLayout()
        status_row.setContentsMargins(2, 0, 2, 0)
        status_row.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.stack, 1)
        layout.addLayout(status_row)

        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.current_changed.emit(self._id_at(current))
        )
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._restore_current)
        self.model.rows_loaded.connect(self._rows_loaded)
        self.model.loading_changed.connect(lambda _loading: self._update_status())
        self._update_status()

    # --- current letter ---------------------------------------------------------------------

    def _id_at(self, index: QModelIndex) -> int | None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        return row.id if row is not None else None

    def current_row(self) -> OutboxRow | None:
        return self.model.row_at(self.table.currentIndex().row())

    def current_id(self) -> int | None:
        row = self.current_row()
        return row.id if row is not None else None

    def select_row(self, row: int) -> None:
        select_table_row(self.table, row)

    def select_message(self, message_id: int) -> bool:
        return select_row_with_id(self.table, self.model, message_id)

    def _remember_current(self) -> None:
        self._kept_id = self.current_id()

    def _restore_current(self) -> None:
        kept, self._kept_id = self._kept_id, None
        if kept is not None and self.select_message(kept):
            return
        if self.model.rowCount() > 0:
            self.select_row(0)
        else:
            self.current_changed.emit(None)

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self.select_row(0)

    # --- status and empty state -------------------------------------------------------------

    def show_columns_for(self, status: str) -> None:
        self.table.setColumnHidden(COL_NEXT_ATTEMPT, status not in NEXT_ATTEMPT_FILTERS)
        self.table.share_width()

    def set_filtered(self, filtered: bool) -> None:
        """Whether a filter or a search narrows the list (for the empty-state text)."""
        self._filtered = filtered

    def _rows_loaded(self) -> None:
        self._update_status()
        self.rows_loaded.emit()

    def _update_status(self) -> None:
        model = self.model
        text = self.tr("Shown {loaded} of {total}").format(
            loaded=ofmt.grouped(model.rowCount()), total=ofmt.grouped(model.total)
        )
        if model.is_loading:
            text += " · " + self.tr("loading…")
        self.status_label.setText(text)
        empty = model.rowCount() == 0
        if not empty:
            self.stack.setCurrentWidget(self.table)
            return
        if model.is_loading or not model.loaded_once:
            self.empty_label.setText(self.tr("Loading the letters…"))
        elif self._filtered:
            self.empty_label.setText(
                self.tr(
                    'No letters match the filter. Choose "All", untick the dates or clear '
                    "the search."
                )
            )
        else:
            self.empty_label.setText(
                self.tr(
                    "The outbox is empty. A letter to the applicant is queued here with every "
                    "decision on a registration request."
                )
            )
        self.stack.setCurrentWidget(self.empty_label)
