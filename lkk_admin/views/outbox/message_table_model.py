"""The outbox list as a Qt table model, paged on the server.

The model holds the rows loaded so far: always a prefix of the server's order (newest
first) for the current filter. The first page comes with the status counts
(:func:`jobs.load_snapshot`); scrolling down asks for more through
``canFetchMore``/``fetchMore``, a page at a time, in a worker job. A refresh reloads the
loaded prefix; a letter changed by this desk is replaced in place at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from lkk_admin.services.outbox import OutboxPage, OutboxRow
from lkk_admin.views.context import AppContext
from lkk_admin.views.outbox import formatting as ofmt
from lkk_admin.views.outbox import jobs
from lkk_admin.views.outbox.jobs import OutboxQuery, Snapshot
from lkk_admin.views.queue import formatting as fmt
from lkk_admin.views.queue.callbacks import bound

COL_CREATED = 0
COL_STATUS = 1
COL_RECIPIENT = 2
COL_SUBJECT = 3
COL_ATTEMPTS = 4
COL_NEXT_ATTEMPT = 5
COL_LAST_ERROR = 6
COL_REQUEST = 7
COLUMN_COUNT = 8

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the OutboxRow
ID_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class MessageTableModel(QAbstractTableModel):
    """Letters of one filter; ``counts_changed`` brings the status counts with each load."""

    counts_changed = Signal(dict)  # status (and "all") -> number of letters
    loading_changed = Signal(bool)
    rows_loaded = Signal()  # after a reload, a refresh or a further page
    load_failed = Signal(object)  # the exception

    def __init__(
        self, context: AppContext, *, page_size: int = 100, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.page_size = page_size
        self._query = OutboxQuery()
        self._rows: list[OutboxRow] = []
        self._total = 0
        self._generation = 0
        self._resetting = False
        self._fetching = False
        self._refreshing = False
        self._loaded_once = False
        self._headers = [
            self.tr("Created"),
            self.tr("Status"),
            self.tr("Recipient"),
            self.tr("Subject"),
            self.tr("Attempts"),
            self.tr("Next attempt"),
            self.tr("Last error"),
            self.tr("Request No."),
        ]
        self._header_tips = [
            self.tr("When the letter was queued (by the decision that caused it)"),
            self.tr("Waiting to be sent, sent, failed or cancelled"),
            self.tr("The recipient's address, masked; open the letter to show it in full"),
            self.tr("The subject of the letter"),
            self.tr("Delivery attempts made so far"),
            self.tr("When the sender tries again (letters waiting to be sent)"),
            self.tr("The mail server's answer to the last failed attempt"),
            self.tr("The registration request the letter is about"),
        ]

    # --- state ------------------------------------------------------------------------------

    @property
    def query(self) -> OutboxQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    @property
    def is_loading(self) -> bool:
        return self._resetting or self._fetching or self._refreshing

    @property
    def loaded_once(self) -> bool:
        return self._loaded_once

    def row_at(self, row: int) -> OutboxRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, message_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.id == message_id:
                return number
        return None

    def loaded_ids(self) -> list[int]:
        return [row.id for row in self._rows]

    # --- loading ----------------------------------------------------------------------------

    def set_query(self, query: OutboxQuery) -> None:
        """Show another status, dates or search: reload from the first page."""
        self._query = query
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, query = self._generation, self._query
        self._resetting, self._fetching, self._refreshing = True, False, False
        self.loading_changed.emit(True)
        factory, limit = self.context.read_session_factory, self.page_size
        self.context.jobs.start(
            lambda _control: jobs.load_snapshot(factory, query, limit),
            on_success=bound(self, lambda snapshot: self._loaded(generation, snapshot)),
            on_failure=bound(self, lambda error: self._failed(generation, error)),
            name="outbox-reload",
        )

    def refresh(self) -> None:
        """Read again what is loaded (the sender works meanwhile), keeping the filter."""
        if self._resetting or self._refreshing:
            return
        if not self._loaded_once:
            self.reload()
            return
        self._generation += 1  # a page still on its way would no longer fit
        self._refreshing, self._fetching = True, False
        self.loading_changed.emit(True)
        generation, query = self._generation, self._query
        factory = self.context.read_session_factory
        limit = max(self.page_size, len(self._rows))
        self.context.jobs.start(
            lambda _control: jobs.load_snapshot(factory, query, limit),
            on_success=bound(self, lambda snapshot: self._loaded(generation, snapshot)),
            on_failure=bound(self, lambda error: self._failed(generation, error)),
            name="outbox-refresh",
        )

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        if parent.isValid() or self.is_loading:
            return False
        return len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        self.loading_changed.emit(True)
        generation, query = self._generation, self._query
        factory, offset, limit = self.context.read_session_factory, len(self._rows), self.page_size
        self.context.jobs.start(
            lambda _control: jobs.load_page(factory, query, offset, limit),
            on_success=bound(self, lambda page: self._fetched(generation, page)),
            on_failure=bound(self, lambda error: self._failed(generation, error)),
            name="outbox-fetch-more",
        )

    def _loaded(self, generation: int, snapshot: Snapshot) -> None:
        if generation != self._generation:
            return
        self._resetting = self._refreshing = False
        self._loaded_once = True
        fresh = list(snapshot.page.rows)
        self._total = snapshot.page.total
        if [row.id for row in fresh] == self.loaded_ids():
            # The same letters (a refresh, mostly): new states in place, the view keeps
            # its selection and scroll position.
            self._rows = fresh
            if fresh:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(fresh) - 1, COLUMN_COUNT - 1)
                )
        else:
            self.beginResetModel()
            self._rows = fresh
            self.endResetModel()
        self._finish_load(snapshot.counts)

    def _fetched(self, generation: int, page: OutboxPage) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        loaded = set(self.loaded_ids())
        new_rows = [row for row in page.rows if row.id not in loaded]
        self._total = page.total
        if new_rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new_rows) - 1)
            self._rows.extend(new_rows)
            self.endInsertRows()
        self._finish_load(None)

    def _finish_load(self, counts: dict[str, int] | None) -> None:
        self.loading_changed.emit(self.is_loading)
        if counts is not None:
            self.counts_changed.emit(counts)
        self.rows_loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._resetting = self._fetching = self._refreshing = False
            self.loading_changed.emit(False)
        self.load_failed.emit(error)

    def update_row(self, row: OutboxRow) -> None:
        """This desk changed a letter: show its new state at once (it stays in the list
        until the next refresh, even if it no longer fits the filter)."""
        number = self.row_of(row.id)
        if number is None:
            return
        self._rows[number] = row
        self.dataChanged.emit(self.index(number, 0), self.index(number, COLUMN_COUNT - 1))

    # --- the model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tips[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.FontRole:
            if row.status == "failed" and column == COL_STATUS:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (COL_ATTEMPTS, COL_REQUEST):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        return None

    def _display(self, row: OutboxRow, column: int) -> str:
        if column == COL_CREATED:
            return fmt.compact_date_time(row.created_at)
        if column == COL_STATUS:
            return ofmt.status_name(row.status)
        if column == COL_RECIPIENT:
            return row.recipient_masked
        if column == COL_SUBJECT:
            return row.subject
        if column == COL_ATTEMPTS:
            return str(row.attempts)
        if column == COL_NEXT_ATTEMPT:
            # Only a waiting letter has a next attempt; for the others it means nothing.
            if row.status != "pending":
                return ""
            return ofmt.short_moment(row.next_attempt_at)
        if column == COL_LAST_ERROR:
            return ofmt.first_line(row.last_error)
        request_id = row.request_id
        return "" if request_id is None else str(request_id)

    def _tooltip(self, row: OutboxRow, column: int) -> str:
        if column == COL_CREATED:
            return self.tr("Letter No. {id}, queued {when}").format(
                id=row.id, when=fmt.date_time(row.created_at)
            )
        if column == COL_STATUS and row.status == "sent":
            return self.tr("Sent {when}").format(when=fmt.date_time(row.sent_at))
        if column == COL_LAST_ERROR:
            return row.last_error or self.tr("No error")
        if column == COL_NEXT_ATTEMPT and row.status == "pending":
            return fmt.date_time(row.next_attempt_at)
        return self._display(row, column)

    def _foreground(self, row: OutboxRow, column: int) -> Any:
        if row.status == "cancelled":
            return ofmt.STATUS_COLOURS["cancelled"]  # the whole row greyed
        if column == COL_STATUS:
            return ofmt.STATUS_COLOURS.get(row.status)
        if column == COL_LAST_ERROR and row.status == "failed":
            return ofmt.STATUS_COLOURS["failed"]
        return None
