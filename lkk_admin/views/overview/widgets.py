"""The overview page's building blocks: headline tiles that reflow with the width, and a
titled block holding a chart with its numbers, or a table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.views.framework import formatting as fmt

TILE_WIDTH = 170  # about this wide each; as many in a row as fit, two at least
MAX_TILES_IN_ROW = 6


class Tile(QFrame):
    """One headline figure: the number large, what it counts below."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value_label = QLabel("—")
        self.value_label.setObjectName("tileValue")
        font = QFont(self.value_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.value_label.setFont(font)
        self.caption_label = QLabel()
        self.caption_label.setObjectName("tileCaption")
        self.caption_label.setWordWrap(True)
        self.note_label = QLabel()
        self.note_label.setObjectName("tileNote")
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet(f"color: {fmt.MUTED_TEXT.name()};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.note_label)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(120)

    def show_value(
        self, value: str, caption: str, note: str = "", colour: QColor | None = None
    ) -> None:
        self.value_label.setText(value)
        self.value_label.setStyleSheet(f"color: {colour.name()};" if colour is not None else "")
        self.caption_label.setText(caption)
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))


class TileRow(QWidget):
    """Tiles in a grid whose number of columns follows the width."""

    def __init__(self, tiles: list[Tile], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewTiles")
        self.tiles = tiles
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        self.columns = 0
        self._place(3)

    def _place(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for number, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, number // columns, number % columns)
        for column in range(MAX_TILES_IN_ROW):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        fits = max(2, min(MAX_TILES_IN_ROW, event.size().width() // TILE_WIDTH))
        # Rows of equal length: six tiles go 6, 3 + 3 or 2 + 2 + 2.
        while len(self.tiles) % fits and fits > 2:
            fits -= 1
        self._place(fits)


def block_heading(text: str, object_name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(object_name)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def muted_note(object_name: str) -> QLabel:
    """A grey line under a table: what an empty table means."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {fmt.MUTED_TEXT.name()};")
    label.setVisible(False)
    return label


class Block(QWidget):
    """A heading, an optional line under it, and its content."""

    def __init__(
        self, object_name: str, heading: str, content: QWidget, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.heading = block_heading(heading, f"{object_name}Heading")
        self.caption = QLabel()
        self.caption.setObjectName(f"{object_name}Caption")
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption.setVisible(False)
        self.note = muted_note(f"{object_name}Note")
        self.content = content
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.caption)
        layout.addWidget(content)
        layout.addWidget(self.note)

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)
        self.caption.setVisible(bool(text))

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))


def chart_and_numbers(
    object_name: str, chart: QWidget, table: QWidget, chart_tab: str, numbers_tab: str
) -> QTabWidget:
    """A chart and the same figures as a table, one tab each."""
    tabs = QTabWidget()
    tabs.setObjectName(object_name)
    tabs.setDocumentMode(True)
    tabs.addTab(chart, chart_tab)
    tabs.addTab(table, numbers_tab)
    return tabs
