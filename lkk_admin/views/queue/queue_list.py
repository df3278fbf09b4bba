"""The list half of the queue screen: tabs with counts, the table, the status line.

It owns the table model and the live updates: when another desk changes the queue the
list refreshes in place (selection and scroll position kept) and ``queue_changed``
passes the news on, so the open request can be reread too.
"""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.diagnosis import diagnose
from lkk_admin.services.request_list import TAB_STATUSES, RequestRow
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.list_view import configure_list_table
from lkk_admin.views.framework.paged_table_model import select_row_with_id, select_table_row
from lkk_admin.views.queue.check_delegate import CheckSummaryDelegate
from lkk_admin.views.queue.jobs import ListQuery
from lkk_admin.views.queue.live_updates import LiveUpdates
from lkk_admin.views.queue.request_table_model import (
    COL_CHECK,
    COL_CLAIM,
    COL_CONTRACTS,
    COL_INN,
    COL_ORG,
    COL_STATUS,
    COL_SUBMITTED,
    SORT_KEYS,
    RequestTableModel,
)
from lkk_admin.views.queue.settings import QueueSettings

log = logging.getLogger(__name__)

TABS = tuple(TAB_STATUSES)  # pending, in_review, needs_info, email_unconfirmed, decided, all
NEWEST_FIRST_TABS = ("decided", "all")
MULTI_STATUS_TABS = ("decided", "all")
CLAIM_TABS = ("in_review", "all")  # the only tabs where a request can be claimed
COLUMN_WIDTHS = {
    COL_SUBMITTED: 172,
    COL_INN: 168,
    COL_CONTRACTS: 118,
    COL_CHECK: 96,
    COL_CLAIM: 132,
    COL_STATUS: 118,
}


ORGANISATION_MIN_WIDTH = 170  # the name column's room before the others give way
COLUMN_MIN_WIDTH = 64


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", "\u00a0")


class QueueTable(QTableView):
    """The request table: whole rows, server-side sorting, fixed row heights (fast)."""

    def __init__(self, model: RequestTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueTable")
        self.setModel(model)
        self.setItemDelegateForColumn(COL_CHECK, CheckSummaryDelegate(self))
        configure_list_table(self)
        self.setSortingEnabled(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_ORG, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(COL_SUBMITTED, Qt.SortOrder.AscendingOrder)
        self.fit_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """The shown columns at their widths where they fit beside the organisation's
        name; in a narrow window (the «All» tab on a small desk) they give way in
        proportion, down to a floor, so the name keeps its room and nothing scrolls
        sideways (the cells elide; their tooltips and the pane have it all)."""
        shown = {
            column: width
            for column, width in COLUMN_WIDTHS.items()
            if not self.isColumnHidden(column)
        }
        room = self.viewport().width() - ORGANISATION_MIN_WIDTH
        scale = min(1.0, room / sum(shown.values())) if shown and room > 0 else 1.0
        header = self.horizontalHeader()
        for column, width in shown.items():
            header.resizeSection(column, max(COLUMN_MIN_WIDTH, int(width * scale)))


class QueueList(QWidget):
    """Tabs, table and status line; ``activated(id)`` when a request is to be opened."""

    activated = Signal(int)
    current_changed = Signal()
    rows_loaded = Signal()
    queue_changed = Signal(object)  # set[int] of changed request ids; empty: unknown

    def __init__(
        self, context: AppContext, settings: QueueSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.counts: dict[str, int] = {}
        self._live_problem = ""
        self._loaded_once = False
        self.model = RequestTableModel(
            context,
            page_size=settings.page_size,
            parent=self,
        )
        self.live = LiveUpdates(
            context,
            poll_interval_ms=settings.poll_interval_ms,
            listen_timeout_ms=settings.listen_timeout_ms,
            parent=self,
        )

        self.tabs = QTabBar()
        self.tabs.setObjectName("queueTabs")
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        self.tabs.setUsesScrollButtons(True)
        for key in TABS:
            self.tabs.setTabData(self.tabs.addTab(""), key)
        self.table = QueueTable(self.model)
        self.empty_label, self.stack = self._empty_state(self.table)
        self.status_label = QLabel()
        self.status_label.setObjectName("queueStatus")
        self.status_label.setEnabled(False)
        self.live_label = QLabel()
        self.live_label.setObjectName("liveStatus")

        status_row = QHBoxLayout()
        status_row.setContentsMargins(2, 0, 2, 0)
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.live_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.tabs)
        layout.addWidget(self.stack, 1)
        layout.addLayout(status_row)

        self.tabs.currentChanged.connect(self._tab_changed)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_: self.current_changed.emit()
        )
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.model.counts_changed.connect(self._counts_changed)
        self.model.rows_loaded.connect(self._rows_loaded)
        self.model.loading_changed.connect(lambda _loading: self._update_status())
        self.model.load_failed.connect(self._load_failed)
        self.model.modelReset.connect(self.current_changed)
        self.live.changed.connect(self._live_changed)
        self.live.status_changed.connect(self._live_status)
        self._update_tab_titles()
        self._update_columns()

    @staticmethod
    def _empty_state(table: QTableView) -> tuple[QLabel, QStackedWidget]:
        """An empty tab or search says what is empty and how to find more: a label the
        stack shows instead of a blank table."""
        label = QLabel()
        label.setObjectName("queueEmpty")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setEnabled(False)
        label.setMargin(12)
        stack = QStackedWidget()
        stack.addWidget(table)
        stack.addWidget(label)
        return label, stack

    # --- loading and live updates -----------------------------------------------------------

    def start(self, search: str) -> None:
        """Shown: load the first time, refresh afterwards, and listen for changes."""
        if not self._loaded_once:
            self._loaded_once = True
            self.model.set_query(self._query_for(self.current_tab(), search))
        else:
            self.model.refresh()
        self.live.start()

    def stop(self) -> None:
        self.live.stop()

    def refresh(self) -> None:
        self.model.refresh()

    def set_search(self, text: str) -> None:
        text = text.strip()
        if text != self.model.query.search:
            self.model.set_query(dataclasses.replace(self.model.query, search=text))

    def _live_changed(self, ids: set[int]) -> None:
        if self._live_problem:
            self._live_status("")
        self.model.refresh()
        self.queue_changed.emit(ids)

    def _rows_loaded(self) -> None:
        self._update_status()
        self.rows_loaded.emit()

    def _load_failed(self, error: BaseException, user: bool) -> None:
        self._update_status()
        problem = diagnose(error) if isinstance(error, Exception) else None
        if user or problem is None:
            self.context.errors.report(error, self)
        else:
            log.warning("queue refresh failed: %s", type(error).__name__)
            self._live_status(problem.message)

    # --- tabs, counts, sorting --------------------------------------------------------------

    def current_tab(self) -> str:
        return str(self.tabs.tabData(self.tabs.currentIndex()) or "pending")

    def set_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(key))

    def _query_for(self, tab: str, search: str) -> ListQuery:
        return ListQuery(tab=tab, search=search.strip(), descending=tab in NEWEST_FIRST_TABS)

    def _tab_changed(self, _index: int) -> None:
        query = self._query_for(self.current_tab(), self.model.query.search)
        self._show_sort(query)
        self._update_columns()
        if self._loaded_once:
            self.model.set_query(query)

    def _show_sort(self, query: ListQuery) -> None:
        column = next((c for c, key in SORT_KEYS.items() if key == query.sort), COL_SUBMITTED)
        order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)
        header.viewport().update()

    def _sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        if column not in SORT_KEYS:  # e.g. the contracts: keep showing the real order
            QTimer.singleShot(0, self, lambda: self._show_sort(self.model.query))

    def _update_columns(self) -> None:
        tab = self.current_tab()
        self.table.setColumnHidden(COL_STATUS, tab not in MULTI_STATUS_TABS)
        self.table.setColumnHidden(COL_CLAIM, tab not in CLAIM_TABS)
        self.table.fit_columns()

    def _counts_changed(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self._update_tab_titles()

    def _tab_titles(self) -> dict[str, str]:
        return {
            "pending": self.tr("In the queue"),
            "in_review": self.tr("Under review"),
            "needs_info": self.tr("Awaiting clarification"),
            "email_unconfirmed": self.tr("E-mail not confirmed"),
            "decided": self.tr("Decided"),
            "all": self.tr("All"),
        }

    def _update_tab_titles(self) -> None:
        titles = self._tab_titles()
        for index, key in enumerate(TABS):
            count = self.counts.get(key)
            title = titles[key] if count is None else f"{titles[key]} ({count})"
            self.tabs.setTabText(index, title)

    # --- status line ------------------------------------------------------------------------

    def _update_status(self) -> None:
        text = self.tr("Shown {loaded} of {total}").format(
            loaded=_grouped(self.model.rowCount()), total=_grouped(self.model.total)
        )
        if self.model.is_loading:
            text += " · " + self.tr("loading…")
        self.status_label.setText(text)
        self._update_live_label()
        self._update_empty_state()

    def _update_empty_state(self) -> None:
        model = self.model
        if model.rowCount() > 0 or model.is_loading or not self._loaded_once:
            self.stack.setCurrentWidget(self.table)
            return
        self.empty_label.setText(self.empty_text(model.query.tab, model.query.search))
        self.stack.setCurrentWidget(self.empty_label)

    def empty_text(self, tab: str, search: str) -> str:
        """What an empty tab or search means, and where else to look."""
        if search:
            if tab == "all":
                return self.tr(
                    "No request matches «{search}». Search by a part of the TIN, KPP, name, "
                    "e-mail, login or contract number; Esc clears the search."
                ).format(search=search)
            return self.tr(
                "No request on the «{tab}» tab matches «{search}». Look on the «{all}» tab, "
                "or clear the search (Esc)."
            ).format(search=search, tab=self._tab_titles()[tab], all=self._tab_titles()["all"])
        texts = {
            "pending": self.tr(
                "No request is waiting in the queue. New registrations from the portal "
                "appear here by themselves."
            ),
            "in_review": self.tr(
                "No request is under review. A request taken with «Take next» (F2) or "
                "«Claim» is listed here until it is decided or released."
            ),
            "needs_info": self.tr(
                "No request is awaiting the applicant's clarification. Requests returned "
                "for clarification wait here until the applicant answers."
            ),
            "email_unconfirmed": self.tr(
                "Every applicant has confirmed their e-mail. A request whose e-mail is not "
                "confirmed yet waits here and cannot be decided."
            ),
            "decided": self.tr(
                "No request has been approved or rejected yet. Decided requests are listed "
                "here, the newest first."
            ),
        }
        return texts.get(
            tab,
            self.tr("There are no registration requests yet. They come from the portal."),
        )

    def _update_live_label(self) -> None:
        if self._live_problem:
            self.live_label.setText(
                self.tr("Live updates paused: {problem}").format(problem=self._live_problem)
            )
            self.live_label.setStyleSheet("color: #a02014;")
            return
        self.live_label.setStyleSheet("")
        if self.live.uses_notifications:
            self.live_label.setText(self.tr("Updates instantly"))
        else:
            self.live_label.setText(
                self.tr("Demo database: updates every {seconds} s").format(
                    seconds=f"{self.live.poll_interval_ms / 1000:g}"
                )
            )

    def _live_status(self, problem: str) -> None:
        self._live_problem = problem
        self._update_live_label()

    # --- selection --------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.activated.emit(row.id)

    def current_row(self) -> RequestRow | None:
        return self.model.row_at(self.table.currentIndex().row())

    def select_row(self, row: int) -> None:
        select_table_row(self.table, row)

    def select_request(self, request_id: int) -> bool:
        return select_row_with_id(self.table, self.model, request_id)

    def step(self, step: int, from_id: int | None) -> int | None:
        """Select the row ``step`` rows away (from the current one or ``from_id``'s)."""
        rows = self.model.rowCount()
        if rows == 0:
            return None
        current = self.table.currentIndex().row()
        if current < 0:
            found = self.model.row_of(from_id) if from_id is not None else None
            current = found if found is not None else (-1 if step > 0 else rows)
        target = min(max(current + step, 0), rows - 1)
        if step > 0 and target == rows - 1 and self.model.canFetchMore():
            self.model.fetchMore()
        self.select_row(target)
        row = self.model.row_at(target)
        return row.id if row is not None else None

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self.select_row(0)
