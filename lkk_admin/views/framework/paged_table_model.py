"""A Qt table model over a list paged on the server: the part every such list shares.

The model holds the rows loaded so far, always a prefix of the server's order for the
current query. The first page comes with the list's counts (a *snapshot*); scrolling down
asks for more through ``canFetchMore``/``fetchMore``, a page at a time, in a worker job.
Every load carries a generation: an answer that arrives after the query changed is
dropped. Subclasses say how to read (``_load_snapshot``, ``_load_page``), how a reload
lands (``_reloaded``), how a refresh works and what the cells show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QTableView
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound

Index = QModelIndex | QPersistentModelIndex
Factory = sessionmaker[Session]


class ListRow(Protocol):
    @property
    def id(self) -> int: ...


class ListPage(Protocol):
    @property
    def rows(self) -> Sequence[Any]: ...
    @property
    def total(self) -> int: ...


class ListSnapshot(Protocol):
    @property
    def counts(self) -> dict[str, int]: ...
    @property
    def page(self) -> ListPage: ...


Row = TypeVar("Row", bound=ListRow)
Query = TypeVar("Query")
Snapshot = TypeVar("Snapshot", bound=ListSnapshot)


class PagedTableModel(QAbstractTableModel, Generic[Row, Query, Snapshot]):
    """Rows of one query; ``counts_changed`` brings the counts with every (re)load."""

    counts_changed = Signal(dict)  # tab or status key -> number of rows
    loading_changed = Signal(bool)
    rows_loaded = Signal()  # after a reload, a refresh or a further page
    load_failed = Signal(object, bool)  # the exception; True when the user caused the load

    job_name = "list"  # the prefix of this list's job names (logs, tests)

    def __init__(
        self,
        context: AppContext,
        query: Query,
        headers: list[str],
        header_tips: list[str],
        *,
        page_size: int = 100,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.page_size = page_size
        self._query = query
        self._headers = headers
        self._header_tips = header_tips
        self._rows: list[Row] = []
        self._total = 0
        self._generation = 0
        self._resetting = False
        self._fetching = False
        self._refreshing = False
        self._loaded_once = False

    # --- reading, by the subclass ----------------------------------------------------------

    def _load_snapshot(self, factory: Factory, query: Query, limit: int) -> Snapshot:
        raise NotImplementedError

    def _load_page(
        self, factory: Factory, query: Query, offset: int, limit: int, after: Row | None
    ) -> ListPage:
        """``limit`` rows from ``offset``; ``after`` is the last loaded row (keyset)."""
        raise NotImplementedError

    def _reloaded(self, generation: int, snapshot: Snapshot) -> None:
        """The first page of a new query (or of a refresh, where the subclass says so)."""
        raise NotImplementedError

    def _rows_changed(self) -> None:
        """Called after rows were added or replaced (derived state, e.g. overdue marks)."""

    def _after_load(self) -> None:
        """Called after every load has been applied and announced."""

    # --- state ------------------------------------------------------------------------------

    @property
    def query(self) -> Query:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    @property
    def is_loading(self) -> bool:
        return self._resetting or self._fetching

    @property
    def loaded_once(self) -> bool:
        return self._loaded_once

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row.id == row_id:
                return number
        return None

    def loaded_ids(self) -> list[int]:
        return [row.id for row in self._rows]

    # --- loading ----------------------------------------------------------------------------

    def set_query(self, query: Query) -> None:
        """Show another tab, filter, search or order: reload from the first page."""
        self._query = query
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        self._resetting, self._fetching, self._refreshing = True, False, False
        self.loading_changed.emit(True)
        self._read_snapshot(self.page_size, self._reloaded, user=True, name="reload")

    def _read_snapshot(
        self,
        limit: int,
        on_success: Callable[[int, Snapshot], None],
        *,
        user: bool,
        name: str,
    ) -> None:
        """Read the counts and the first ``limit`` rows of the current query in a job."""
        generation, query = self._generation, self._query
        factory = self.context.read_session_factory
        load = self._load_snapshot
        self.context.jobs.start(
            lambda _control: load(factory, query, limit),
            on_success=bound(self, lambda snapshot: on_success(generation, snapshot)),
            on_failure=bound(self, lambda error: self._failed(generation, error, user=user)),
            name=f"{self.job_name}-{name}",
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
        after = self._rows[-1] if self._rows else None
        load = self._load_page
        self.context.jobs.start(
            lambda _control: load(factory, query, offset, limit, after),
            on_success=bound(self, lambda page: self._fetched(generation, page)),
            on_failure=bound(self, lambda error: self._failed(generation, error, user=True)),
            name=f"{self.job_name}-fetch-more",
        )

    def _fetched(self, generation: int, page: ListPage) -> None:
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
            self._rows_changed()
            self.endInsertRows()
        self._finish_load(None)

    def _finish_load(self, counts: dict[str, int] | None) -> None:
        self._loaded_once = True
        self.loading_changed.emit(self.is_loading)
        if counts is not None:
            self.counts_changed.emit(counts)
        self.rows_loaded.emit()
        self._after_load()

    def _failed(self, generation: int, error: BaseException, *, user: bool) -> None:
        if generation == self._generation:
            self._resetting = self._fetching = self._refreshing = False
            self.loading_changed.emit(False)
        self.load_failed.emit(error, user)

    def _reset_to(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._rows_changed()
        self.endResetModel()

    def _all_rows_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self._headers) - 1)
            )

    def _row_changed(self, number: int) -> None:
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(self._headers) - 1))

    # --- the model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
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


def select_table_row(table: QTableView, row: int) -> None:
    """Make ``row`` the current, selected and visible row of ``table``."""
    index = table.model().index(row, 0)
    table.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    table.scrollTo(index)


def select_row_with_id(
    table: QTableView, model: PagedTableModel[Any, Any, Any], row_id: int
) -> bool:
    """Select the loaded row with this id; False when it is not (or not yet) loaded."""
    row = model.row_of(row_id)
    if row is None:
        return False
    if table.currentIndex().row() != row:
        select_table_row(table, row)
    return True
