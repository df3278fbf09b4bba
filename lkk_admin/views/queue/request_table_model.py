"""The queue list as a Qt table model, paged on the server.

Paged as :mod:`lkk_admin.views.framework.paged_table_model` describes; the first page comes with
the tab counts (:func:`jobs.load_snapshot`). A live refresh reloads the loaded prefix and
applies the difference row by row (removals, a reordering, insertions, then changed data),
so the view keeps its selection and scroll position.
Rows not checked yet get their check counts in the background, a few at a time.
Every (re)load also reads the organisation's review deadline (:mod:`lkk_admin.services.
review_sla`), so the overdue highlight follows what an administrator set, on every desk.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from lkk_admin.services import review_sla
from lkk_admin.services.request_list import Page, RequestRow, is_overdue
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.framework.formatting import day
from lkk_admin.views.framework.paged_table_model import Factory, Index, PagedTableModel
from lkk_admin.views.queue import formatting as fmt
from lkk_admin.views.queue import jobs
from lkk_admin.views.queue.jobs import ListQuery
from lkk_admin.views.workers import JobControl

COL_SUBMITTED = 0
COL_ORG = 1
COL_INN = 2
COL_CONTRACTS = 3
COL_CHECK = 4
COL_CLAIM = 5
COL_STATUS = 6
COLUMN_COUNT = 7

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the RequestRow
CHECK_ROLE = Qt.ItemDataRole.UserRole + 2  # (errors, warnings, infos) or None
ID_ROLE = Qt.ItemDataRole.UserRole + 3

SORT_KEYS: dict[int, str] = {
    COL_SUBMITTED: "submitted_at",
    COL_ORG: "org_name",
    COL_INN: "inn",
    COL_CHECK: "errors",
    COL_CLAIM: "claimed_by",
    COL_STATUS: "status",
}
OVERDUE_STATUSES = ("pending", "in_review")
CHECK_BATCH = 25


@dataclass(frozen=True)
class QueueSnapshot:
    """The tab counts and the first rows (:func:`jobs.load_snapshot`) with the review
    deadline in working days, read in the same job."""

    counts: dict[str, int]
    page: Page
    sla_days: int


class RequestTableModel(PagedTableModel[RequestRow, ListQuery, QueueSnapshot]):
    """Rows of one tab; ``counts_changed`` brings the tab counts with every (re)load."""

    job_name = "queue"

    def __init__(
        self,
        context: AppContext,
        *,
        page_size: int = 100,
        parent: QObject | None = None,
    ) -> None:
        headers = [
            self.tr("Submitted"),
            self.tr("Organisation"),
            self.tr("TIN / KPP"),
            self.tr("Contracts"),
            self.tr("Checks"),
            self.tr("Claimed by"),
            self.tr("Status"),
        ]
        header_tips = [
            self.tr("When the applicant submitted the request, and how long ago"),
            self.tr("The organisation as the applicant typed it"),
            self.tr("TIN and KPP as typed"),
            self.tr("Contract numbers as typed"),
            self.tr("Errors, warnings and notes of the automatic checks"),
            self.tr("Who is reviewing the request, and until when the claim holds"),
            self.tr("Status of the request"),
        ]
        self._sla_days: int | None = None  # until the first load reads it
        self._refresh_limit = 0  # how many rows the refresh on its way reads
        self._overdue: set[int] = set()
        self._now = fmt.now_utc()
        self._refresh_again = False
        self._checking: set[int] = set()
        self._check_queue: list[int] = []
        self._check_running = False
        super().__init__(
            context, ListQuery(), headers, header_tips, page_size=page_size, parent=parent
        )

    def _load_snapshot(self, factory: Factory, query: ListQuery, limit: int) -> QueueSnapshot:
        snapshot = jobs.load_snapshot(factory, query, limit)
        with factory() as session:
            days = review_sla.read_sla(session).value
        return QueueSnapshot(snapshot.counts, snapshot.page, days)

    def _load_page(
        self, factory: Factory, query: ListQuery, offset: int, limit: int, after: object
    ) -> Page:
        del after  # paged by offset: the queue's order changes as requests are taken
        return jobs.load_page(factory, query, offset, limit)

    # --- state ------------------------------------------------------------------------------

    @property
    def sla_days(self) -> int | None:
        """The review deadline in working days (None until the list was first read)."""
        return self._sla_days

    def set_sla_days(self, days: int) -> None:
        """A deadline just saved on this desk: highlight by it now, not at the next load."""
        if days == self._sla_days:
            return
        self._sla_days = days
        self._recompute_overdue()
        self._all_rows_changed()

    # --- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload what is loaded (someone changed the queue), keeping the view's place."""
        if self._resetting:
            return
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing, self._refresh_again = True, False
        limit = max(self.page_size, len(self._rows))
        self._refresh_limit = limit
        self._read_snapshot(limit, self._refreshed, user=False, name="refresh")

    def _reloaded(self, generation: int, snapshot: QueueSnapshot) -> None:
        if generation != self._generation:
            return
        self._resetting = False
        self._total = snapshot.page.total
        self._now = fmt.now_utc()
        self._sla_days = snapshot.sla_days
        self._reset_to(snapshot.page.rows)
        self._finish_load(snapshot.counts)

    def _refreshed(self, generation: int, snapshot: QueueSnapshot) -> None:
        self._refreshing = False
        if generation != self._generation:
            return
        if len(self._rows) > self._refresh_limit:
            # A further page arrived while this was read: applying it would drop those
            # rows (and the user's place). Read again, as far as is loaded now.
            self.refresh()
            return
        self._now = fmt.now_utc()
        self._sla_days = snapshot.sla_days
        self._total = snapshot.page.total
        self._apply(snapshot.page.rows)
        self._finish_load(snapshot.counts)
        if self._refresh_again:
            self.refresh()

    def _rows_changed(self) -> None:
        self._recompute_overdue()

    def _after_load(self) -> None:
        self._start_checks()

    # --- applying a refresh without resetting the view ---------------------------------------

    def _apply(self, fresh: Sequence[RequestRow]) -> None:
        fresh_ids = [row.id for row in fresh]
        wanted = set(fresh_ids)
        # 1. Rows that left the list, bottom up, in contiguous runs.
        end = len(self._rows) - 1
        while end >= 0:
            if self._rows[end].id in wanted:
                end -= 1
                continue
            start = end
            while start > 0 and self._rows[start - 1].id not in wanted:
                start -= 1
            self.beginRemoveRows(QModelIndex(), start, end)
            del self._rows[start : end + 1]
            self.endRemoveRows()
            end = start - 1
        # 2. The survivors in their new relative order.
        position = {request_id: number for number, request_id in enumerate(fresh_ids)}
        reordered = sorted(self._rows, key=lambda row: position[row.id])
        if [row.id for row in reordered] != [row.id for row in self._rows]:
            self.layoutAboutToBeChanged.emit()
            new_row = {row.id: number for number, row in enumerate(reordered)}
            old = self.persistentIndexList()
            moved = [
                self.index(new_row[self._rows[index.row()].id], index.column()) for index in old
            ]
            self._rows = reordered
            self.changePersistentIndexList(old, moved)
            self.layoutChanged.emit()
        # 3. Rows that joined the list, in contiguous runs.
        present = {row.id for row in self._rows}
        number = 0
        while number < len(fresh):
            if number < len(self._rows) and self._rows[number].id == fresh[number].id:
                number += 1
                continue
            stop = number
            while stop < len(fresh) and fresh[stop].id not in present:
                stop += 1
            if stop == number:  # cannot happen with distinct ids; never loop on it
                self._reset_to(fresh)
                return
            self.beginInsertRows(QModelIndex(), number, stop - 1)
            self._rows[number:number] = fresh[number:stop]
            self.endInsertRows()
            number = stop
        # 4. What changed inside the rows (claims, counts, ages).
        self._rows = list(fresh)
        self._recompute_overdue()
        self._all_rows_changed()

    def _recompute_overdue(self) -> None:
        now, days = self._now, self._sla_days
        if days is None:
            self._overdue = set()
            return
        self._overdue = {
            row.id
            for row in self._rows
            if row.status in OVERDUE_STATUSES
            and is_overdue(row.submitted_at, now=now, working_days=days)
        }

    # --- check summaries --------------------------------------------------------------------

    def _start_checks(self) -> None:
        waiting = [
            row.id for row in self._rows if row.errors is None and row.id not in self._checking
        ]
        if not waiting:
            return
        self._checking.update(waiting)
        self._check_queue.extend(waiting)
        if not self._check_running:
            self._check_next_batch()

    def _check_next_batch(self) -> None:
        batch, self._check_queue = self._check_queue[:CHECK_BATCH], self._check_queue[CHECK_BATCH:]
        self._check_running = bool(batch)
        if not batch:
            return
        factory = self.context.session_factory

        def work(_control: JobControl) -> dict[int, dict[str, int]]:
            return jobs.check_summaries(factory, batch)

        self.context.jobs.start(
            work,
            on_success=bound(self, self._checked),
            on_failure=bound(self, lambda error: self._check_failed(batch, error)),
            on_finished=bound(self, self._check_next_batch),
            name="queue-checks",
        )

    def _checked(self, summaries: dict[int, dict[str, int]]) -> None:
        for number, row in enumerate(self._rows):
            counts = summaries.get(row.id)
            if counts is None:
                continue
            self._rows[number] = dataclasses.replace(
                row, errors=counts["error"], warnings=counts["warning"], infos=counts["info"]
            )
            cell = self.index(number, COL_CHECK)
            self.dataChanged.emit(cell, cell)
        self._checking.difference_update(summaries)

    def _check_failed(self, batch: list[int], error: BaseException) -> None:
        self._checking.difference_update(batch)
        self.load_failed.emit(error, False)

    # --- the model interface ----------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._query.sort and descending == self._query.descending:
            return
        self.set_query(dataclasses.replace(self._query, sort=key, descending=descending))

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
        if role == Qt.ItemDataRole.BackgroundRole:
            return fmt.OVERDUE_BACKGROUND if row.id in self._overdue else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(row, column)
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        if role == CHECK_ROLE:
            return None if row.errors is None else (row.errors, row.warnings or 0, row.infos or 0)
        return None

    def _display(self, row: RequestRow, column: int) -> str:
        if column == COL_SUBMITTED:
            when, age = (
                fmt.compact_date_time(row.submitted_at),
                fmt.age(row.submitted_at, self._now),
            )
            return f"{when} · {age}"
        if column == COL_ORG:
            return row.org_name.strip()
        if column == COL_INN:
            return fmt.inn_kpp(row.inn, row.kpp)
        if column == COL_CONTRACTS:
            return fmt.contracts_summary(row.contract_numbers)
        if column == COL_CHECK:
            return fmt.check_counts_text(row.errors, row.warnings, row.infos)
        if column == COL_CLAIM:
            if row.status != "in_review":
                return ""
            return fmt.claim_text(
                row.claimed_by, row.claim_expires_at, self.context.actor, self._now
            )
        return fmt.status_name(row.status)

    def _tooltip(self, row: RequestRow, column: int) -> str:
        if column == COL_SUBMITTED:
            tip = self.tr("Request No. {id}, submitted {when}").format(
                id=row.id, when=fmt.date_time(row.submitted_at)
            )
            return tip + self._deadline_tip(row)
        if column == COL_ORG:
            return self.tr("{name}\n{type} · login {login} · {email}").format(
                name=row.org_name.strip(),
                type=fmt.org_type_name(row.org_type),
                login=row.login,
                email=row.email_masked,
            )
        if column == COL_CONTRACTS:
            return "\n".join(row.contract_numbers) or self.tr("No contracts typed")
        if column == COL_CHECK:
            return fmt.check_counts_text(row.errors, row.warnings, row.infos)
        if column == COL_CLAIM and row.claimed_by:
            return self.tr("Claimed by {holder} until {until}").format(
                holder=row.claimed_by, until=fmt.date_time(row.claim_expires_at)
            )
        return self._display(row, column)

    def _deadline_tip(self, row: RequestRow) -> str:
        """When a waiting request is due (the last working day within the deadline)."""
        days = self._sla_days
        if days is None or row.status not in OVERDUE_STATUSES:
            return ""
        # The day counted from is the one the overdue mark counts from (is_overdue).
        due = day(review_sla.due_date(row.submitted_at.date(), days))
        if row.id in self._overdue:
            text = self.tr("Overdue: was due by {due} ({days} working days to a decision)")
        else:
            text = self.tr("Due by {due} ({days} working days to a decision)")
        return "\n" + text.format(due=due, days=days)

    def _foreground(self, row: RequestRow, column: int) -> Any:
        if column == COL_SUBMITTED and row.id in self._overdue:
            return fmt.OVERDUE_TEXT
        if column == COL_CLAIM and _lapsed(row.claim_expires_at, self._now):
            return fmt.MUTED_TEXT
        return None

    def _font(self, row: RequestRow, column: int) -> Any:
        mine = column == COL_CLAIM and row.claimed_by == self.context.actor
        if mine or (column == COL_SUBMITTED and row.id in self._overdue):
            font = QFont()
            font.setBold(True)
            return font
        return None


def _lapsed(expires_at: datetime | None, now: datetime) -> bool:
    return expires_at is not None and expires_at <= now
