"""The table model of every declared section: its columns over its source's pages.

Paged as :mod:`.paged_table_model` describes. A refresh reads the loaded prefix again and
updates it in place when the same rows come back (the selection and the scroll position
stay); a row this desk changed is replaced at once with :meth:`update_row`.
"""

from __future__ import annotations

from typing import Any, Generic

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont

from lkk_admin.services.listing import ListQuery, ListSource, Page, RowT, Snapshot
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.paged_table_model import Factory, Index, PagedTableModel
from lkk_admin.views.framework.spec import Column, ListSection

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row dataclass
ID_ROLE = Qt.ItemDataRole.UserRole + 2

_ALIGN = {
    "left": int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
    "right": int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
    "center": int(Qt.AlignmentFlag.AlignCenter),
}


def read_snapshot(
    source: ListSource[RowT, Any], factory: Factory, query: ListQuery, limit: int
) -> Snapshot[RowT]:
    """The counts and the first page, in one read session (a worker job's body)."""
    with factory() as session:
        counts = source.counts(session, query)
        page = source.page(session, query, offset=0, after=None, limit=limit)
        return Snapshot(counts, page)


def read_page(
    source: ListSource[RowT, Any],
    factory: Factory,
    query: ListQuery,
    *,
    offset: int,
    limit: int,
    after: object,
) -> Page[RowT]:
    with factory() as session:
        return source.page(session, query, offset=offset, after=after, limit=limit)


class SectionTableModel(PagedTableModel[RowT, ListQuery, Snapshot[RowT]], Generic[RowT]):
    """The rows of one query of a section; ``counts_changed`` brings its tab counts."""

    def __init__(
        self,
        context: AppContext,
        section: ListSection[RowT],
        source: ListSource[RowT, Any],
        *,
        page_size: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        self.section = section
        self.source = source
        self.columns: tuple[Column[RowT], ...] = section.columns
        self.job_name = section.key
        self.total_exact = True
        super().__init__(
            context,
            ListQuery(tab=section.tabs.keys[0] if section.tabs else "all"),
            [section.translate(column.header) for column in section.columns],
            [section.translate(column.tip) for column in section.columns],
            page_size=page_size or section.page_size,
            parent=parent,
        )

    # --- reading ----------------------------------------------------------------------------

    def _load_snapshot(self, factory: Factory, query: ListQuery, limit: int) -> Snapshot[RowT]:
        return read_snapshot(self.source, factory, query, limit)

    def _load_page(
        self, factory: Factory, query: ListQuery, offset: int, limit: int, after: RowT | None
    ) -> Page[RowT]:
        return read_page(self.source, factory, query, offset=offset, limit=limit, after=after)

    @property
    def is_loading(self) -> bool:
        # A refresh shows as loading too: the rows' states are read again.
        return self._resetting or self._fetching or self._refreshing

    def refresh(self) -> None:
        """Read again what is loaded (others work meanwhile), keeping the query."""
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

    def _reloaded(self, generation: int, snapshot: Snapshot[RowT]) -> None:
        if generation != self._generation:
            return
        self._resetting = self._refreshing = False
        fresh = list(snapshot.page.rows)
        self._total = snapshot.page.total
        self.total_exact = snapshot.page.total_exact
        if [row.id for row in fresh] == self.loaded_ids():
            # The same rows (a refresh, mostly): new states in place, the view keeps its
            # selection and scroll position.
            self._rows = fresh
            self._all_rows_changed()
        else:
            self._reset_to(fresh)
        self._finish_load(snapshot.counts)

    def _fetched(self, generation: int, page: Any) -> None:
        if generation == self._generation:
            self.total_exact = page.total_exact
        super()._fetched(generation, page)

    def update_row(self, row: RowT) -> None:
        """This desk changed a row: show its new state at once (it stays in the list
        until the next refresh, even if it no longer fits the filter)."""
        number = self.row_of(row.id)
        if number is None:
            return
        self._rows[number] = row
        self._row_changed(number)

    def all_rows(self) -> list[RowT]:
        return list(self._rows)

    # --- the cells --------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < len(self.columns):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.cell_tip(row) if column.cell_tip is not None else column.text(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            return column.foreground(row) if column.foreground is not None else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return column.background(row) if column.background is not None else None
        if role == Qt.ItemDataRole.FontRole:
            if column.bold is not None and column.bold(row):
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN[column.align] if column.align != "left" else None
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self._headers[section] + self._order_mark(self.columns[section])
        return super().headerData(section, orientation, role)

    def _order_mark(self, column: Column[RowT]) -> str:
        order = self.query.order
        if not column.sort or order.lstrip("-") != column.sort:
            return ""
        return " ▼" if order.startswith("-") else " ▲"
