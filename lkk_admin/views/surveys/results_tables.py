"""The results' small tables: a question's figures (every row shown, the page scrolls)
and the text answers (a fixed height, the table scrolls). Long texts wrap to the
column's width instead of being cut, and rows grow to them when the pane is resized."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

MAX_WRAPPED_LINES = 4  # a text answer's row shows this many lines at most (hover: all)
FIRST_COLUMN_MIN = 140  # pixels the texts' column keeps when the figures need the rest
FIRST_COLUMN_SHARE = 0.35


class FiguresTable(QTableWidget):
    """Read-only rows; the first column takes what the others leave and wraps. With
    ``visible_rows`` the table is that many one-line rows tall and scrolls; without, it is
    as tall as all its rows. Columns that do not fit a narrow pane scroll in the table,
    the first keeping ``first_share`` of the width and ``first_min`` pixels at least."""

    def __init__(
        self,
        object_name: str,
        headers: Sequence[str],
        *,
        visible_rows: int | None = None,
        first_min: int = FIRST_COLUMN_MIN,
        first_share: float = FIRST_COLUMN_SHARE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(0, len(headers), parent)
        self.setObjectName(object_name)
        self.setHorizontalHeaderLabels(list(headers))
        self.visible_rows = visible_rows
        self.first_min, self.first_share = first_min, first_share
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setVisible(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        if visible_rows is None:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self._line = self.fontMetrics().height()
        self._fit()

    def set_rows(
        self,
        rows: Sequence[Sequence[str]],
        *,
        align_right: Iterable[int] = (),
        tips: Sequence[str] | None = None,
    ) -> None:
        """``tips``: the hover text of each row's first cell (else the cell's text)."""
        right = set(align_right)
        self.setUpdatesEnabled(False)
        self.clearContents()
        self.setRowCount(len(rows))
        for number, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(tips[number] if tips is not None and column == 0 else value)
                alignment = (
                    Qt.AlignmentFlag.AlignRight if column in right else Qt.AlignmentFlag.AlignLeft
                )
                item.setTextAlignment(alignment | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(number, column, item)
        self.setUpdatesEnabled(True)
        self._fit()

    def column_texts(self, column: int) -> list[str]:
        items = (self.item(row, column) for row in range(self.rowCount()))
        return [item.text() if item is not None else "" for item in items]

    def header_texts(self) -> list[str]:
        items = (self.horizontalHeaderItem(column) for column in range(self.columnCount()))
        return [item.text() if item is not None else "" for item in items]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def _fit(self) -> None:
        """Rows as tall as their wrapped text (up to a few lines), the table as tall as
        its rows or ``visible_rows`` of them."""
        overflow = self._fit_columns()
        self.resizeRowsToContents()
        cap = self._line * MAX_WRAPPED_LINES + 8
        for row in range(self.rowCount()):
            if self.rowHeight(row) > cap:
                self.setRowHeight(row, cap)
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth() + 2
        rows = sum(self.rowHeight(row) for row in range(self.rowCount()))
        if self.visible_rows is None:
            height += rows
        else:  # a few answers take their height; many scroll
            height += max(self._line + 8, min(rows, (self._line + 8) * self.visible_rows))
        if overflow:
            height += self.horizontalScrollBar().sizeHint().height()
        if height != self.height():
            self.setFixedHeight(height)

    def _fit_columns(self) -> bool:
        """The first column takes the room the others leave; where they leave too little
        (a split into many segments in a narrow pane) it keeps a readable width and the
        table scrolls sideways. Says whether it does."""
        header = self.horizontalHeader()
        room = self.width() - 2 * self.frameWidth()
        others = sum(
            max(header.sectionSizeHint(column), self.sizeHintForColumn(column))
            for column in range(1, self.columnCount())
        )
        first = max(self.first_min, int(room * self.first_share))
        overflow = room > 0 and others + first > room
        if overflow:
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(0, first)
        else:
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return overflow
