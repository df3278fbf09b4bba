"""The list half of a section's screen: the table, its empty state and "shown x of y".

It keeps the current row across reloads: when the rows are replaced (another filter, a
refresh that changed the order) the same record is selected again if it is still
listed; with none selected, the first is, so the detail pane always has something to
show. Columns start at their declared widths; the stretching ones share what is left.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
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

from lkk_admin.views.framework.formatting import grouped
from lkk_admin.views.framework.paged_table_model import select_row_with_id, select_table_row
from lkk_admin.views.framework.table_model import SectionTableModel


def configure_list_table(table: QTableView) -> None:
    """How every list of the back office behaves: whole rows, one at a time, read only,
    one line a row of a fixed height (fast with thousands of rows), no row numbers."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vertical = table.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(False)


class SectionTable(QTableView):
    """Whole rows, one at a time, fixed row heights (fast), order set by the server.

    ``activated_row`` is emitted by Enter (and a double click): "open what I chose".
    """

    activated_row = Signal()

    def __init__(self, model: SectionTableModel[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.section_model = model
        self.tab_hidden: set[int] = set()  # columns that mean nothing on the current tab
        self.empty_hidden: set[int] = set()  # columns no listed row has a value in
        configure_list_table(self)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(40)
        for number, column in enumerate(model.columns):
            header.resizeSection(number, column.width)
        self.doubleClicked.connect(lambda _index: self.activated_row.emit())
        model.rows_loaded.connect(self.hide_empty_columns)
        model.dataChanged.connect(lambda *_args: self.hide_empty_columns())
        self.share_width()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.share_width()

    def share_width(self) -> None:
        """Stretching columns share what the fixed ones leave, by their shares, within
        their minimum and maximum: a wide window shows them in full, a narrow one keeps
        each readable and hides the columns that give way first."""
        columns = self.section_model.columns
        room = self.viewport().width()
        for number, column in enumerate(columns):
            narrow = bool(column.hide_below) and room < column.hide_below
            hidden = number in self.tab_hidden or number in self.empty_hidden or narrow
            self.setColumnHidden(number, hidden)
        shown = [n for n in range(len(columns)) if not self.isColumnHidden(n)]
        fixed = sum(columns[n].width for n in shown if not columns[n].stretch)
        shares = sum(columns[n].stretch for n in shown)
        if not shares:
            return
        free = max(room - fixed, 0)
        header = self.horizontalHeader()
        for n in shown:
            column = columns[n]
            if column.stretch:
                width = max(free * column.stretch // shares, column.min_width)
                if column.max_width:
                    width = min(width, column.max_width)
                header.resizeSection(n, width)

    def hide_empty_columns(self) -> None:
        """Hide the ``hide_when_empty`` columns no loaded row has text in; show them
        again as soon as one has (a list still loading keeps them as they are)."""
        model = self.section_model
        if model.is_loading and model.rowCount() == 0:
            return
        rows = [model.row_at(number) for number in range(model.rowCount())]
        empty = {
            number
            for number, column in enumerate(model.columns)
            if column.hide_when_empty
            and not any(row is not None and column.text(row) for row in rows)
        }
        if empty != self.empty_hidden:
            self.empty_hidden = empty
            self.share_width()

    def show_columns_for(self, tab: str) -> None:
        self.tab_hidden = {
            number
            for number, column in enumerate(self.section_model.columns)
            if column.tabs and tab not in column.tabs
        }
        self.share_width()


class ListView(QWidget):
    """Table, empty state and status line; ``current_changed(id or None)``."""

    current_changed = Signal(object)  # int | None
    rows_loaded = Signal()

    def __init__(
        self,
        model: SectionTableModel[Any],
        *,
        empty_text: str,
        empty_filtered_text: str,
        loading_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.table = SectionTable(model)
        self.table.setObjectName(f"{model.section.key}Table")
        self._empty_text = empty_text
        self._empty_filtered_text = empty_filtered_text
        self._loading_text = loading_text
        self._kept_id: int | None = None
        self._preferred: int | None = None  # a record asked for while the list loads
        self._filtered = False

        self.empty_label = QLabel()
        self.empty_label.setObjectName("listEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        self.status_label = QLabel()
        self.status_label.setObjectName("listStatus")
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
        model.modelAboutToBeReset.connect(self._remember_current)
        model.modelReset.connect(self._restore_current)
        model.rows_loaded.connect(self._rows_loaded)
        model.loading_changed.connect(lambda _loading: self._update_status())
        self._update_status()

    # --- current row ------------------------------------------------------------------------

    def _id_at(self, index: QModelIndex) -> int | None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        return row.id if row is not None else None

    def current_row(self) -> Any:
        return self.model.row_at(self.table.currentIndex().row())

    def current_id(self) -> int | None:
        row = self.current_row()
        return row.id if row is not None else None

    def select_row(self, row: int) -> None:
        select_table_row(self.table, row)

    def select_id(self, row_id: int) -> bool:
        return select_row_with_id(self.table, self.model, row_id)

    def _remember_current(self) -> None:
        self._kept_id = self.current_id()

    def prefer(self, row_id: int) -> None:
        """Select this record when the rows being read arrive (a link from elsewhere):
        the first row must not take its place."""
        self._preferred = row_id

    def _restore_current(self) -> None:
        preferred, self._preferred = self._preferred, None
        kept, self._kept_id = self._kept_id, None
        if preferred is not None:
            if not self.select_id(preferred):
                self.table.clearSelection()  # not listed: its detail is shown all the same
            return
        if kept is not None and self.select_id(kept):
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

    def set_filtered(self, filtered: bool) -> None:
        """Whether a filter or a search narrows the list (for the empty-state text)."""
        self._filtered = filtered

    def _rows_loaded(self) -> None:
        self._update_status()
        self.rows_loaded.emit()

    def _update_status(self) -> None:
        model = self.model
        total = grouped(model.total) if model.total_exact else f"{grouped(model.total)}+"
        text = self.tr("Shown {loaded} of {total}").format(
            loaded=grouped(model.rowCount()), total=total
        )
        if model.is_loading:
            text += " · " + self.tr("loading…")
        self.status_label.setText(text)
        if model.rowCount() > 0:
            self.stack.setCurrentWidget(self.table)
            return
        if model.is_loading or not model.loaded_once:
            self.empty_label.setText(self._loading_text)
        elif self._filtered:
            self.empty_label.setText(self._empty_filtered_text)
        else:
            self.empty_label.setText(self._empty_text)
        self.stack.setCurrentWidget(self.empty_label)
