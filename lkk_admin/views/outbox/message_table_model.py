"""The outbox list as a Qt table model, paged on the server.

Newest first, paged as :mod:`lkk_admin.views.paged_table_model` describes; the first page
comes with the status counts (:func:`jobs.load_snapshot`). A refresh reloads the loaded
prefix; a letter changed by this desk is replaced in place at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont

from lkk_admin.services.outbox import OutboxPage, OutboxRow
from lkk_admin.views.context import AppContext
from lkk_admin.views.outbox import formatting as ofmt
from lkk_admin.views.outbox import jobs
from lkk_admin.views.outbox.jobs import OutboxQuery, Snapshot
from lkk_admin.views.paged_table_model import Factory, Index, PagedTableModel
from lkk_admin.views.queue import formatting as fmt

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


class MessageTableModel(PagedTableModel[OutboxRow, OutboxQuery, Snapshot]):
    """Letters of one filter; ``counts_changed`` brings the status counts with each load."""

    job_name = "outbox"

    def __init__(
        self, context: AppContext, *, page_size: int = 100, parent: QObject | None = None
    ) -> None:
        headers = [
            self.tr("Created"),
            self.tr("Status"),
            self.tr("Recipient"),
            self.tr("Subject"),
            self.tr("Attempts"),
            self.tr("Next attempt"),
            self.tr("Last error"),
            self.tr("Request No."),
        ]
        header_tips = [
            self.tr("When the letter was queued (by the decision that caused it)"),
            self.tr("Waiting to be sent, sent, failed or cancelled"),
            self.tr("The recipient's address, masked; open the letter to show it in full"),
            self.tr("The subject of the letter"),
            self.tr("Delivery attempts made so far"),
            self.tr("When the sender tries again (letters waiting to be sent)"),
            self.tr("The mail server's answer to the last failed attempt"),
            self.tr("The registration request the letter is about"),
        ]
        super().__init__(
            context, OutboxQuery(), headers, header_tips, page_size=page_size, parent=parent
        )

    def _load_snapshot(self, factory: Factory, query: OutboxQuery, limit: int) -> Snapshot:
        return jobs.load_snapshot(factory, query, limit)

    def _load_page(
        self, factory: Factory, query: OutboxQuery, offset: int, limit: int
    ) -> OutboxPage:
        return jobs.load_page(factory, query, offset, limit)

    @property
    def is_loading(self) -> bool:
        # A refresh shows as loading too: the letters' states are read again.
        return self._resetting or self._fetching or self._refreshing

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
        limit = max(self.page_size, len(self._rows))
        self._read_snapshot(limit, self._reloaded, user=True, name="refresh")

    def _reloaded(self, generation: int, snapshot: Snapshot) -> None:
        if generation != self._generation:
            return
        self._resetting = self._refreshing = False
        fresh = list(snapshot.page.rows)
        self._total = snapshot.page.total
        if [row.id for row in fresh] == self.loaded_ids():
            # The same letters (a refresh, mostly): new states in place, the view keeps
            # its selection and scroll position.
            self._rows = fresh
            self._all_rows_changed()
        else:
            self._reset_to(fresh)
        self._finish_load(snapshot.counts)

    def update_row(self, row: OutboxRow) -> None:
        """This desk changed a letter: show its new state at once (it stays in the list
        until the next refresh, even if it no longer fits the filter)."""
        number = self.row_of(row.id)
        if number is None:
            return
        self._rows[number] = row
        self._row_changed(number)

    # --- the cells --------------------------------------------------------------------------

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
