"""Small widgets every section's screen uses: the title, the search box, columns that
stack on a small desk, windows that fit the desk's screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget


def section_title_label(text: str) -> QLabel:
    """The bold title at the top of a section's screen."""
    title = QLabel(text)
    title.setObjectName("sectionTitle")
    font = QFont(title.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    title.setFont(font)
    # In a narrow window the title gives way (the navigation names the section too).
    title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    title.setMinimumWidth(0)
    return title


class SearchBox(QLineEdit):
    """The search field; Down moves to the list, Escape clears."""

    def __init__(self, on_down: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_down = on_down
        self.setObjectName("searchBox")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(140)
        self.setMaximumWidth(470)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Down:
            self._on_down()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class ResponsiveColumns(QWidget):
    """Two columns side by side where there is room, one above the other where there is
    not (a small desk): a detail pane then scrolls down, never sideways.

    ``first`` is the narrower column (capped at ``first_max`` side by side); ``second``
    comes first when stacked (what a decision rests on before what was typed).
    """

    def __init__(
        self,
        first: QWidget,
        second: QWidget,
        *,
        side_by_side_from: int,
        first_max: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.first, self.second = first, second
        self._threshold = side_by_side_from
        self._first_max = first_max
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.columns.setContentsMargins(0, 0, 0, 0)
        self.columns.setSpacing(10)
        self.columns.addWidget(first, 2)
        self.columns.addWidget(second, 3)
        self.stacked = False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.set_stacked(event.size().width() < self._threshold)

    def set_stacked(self, stacked: bool) -> None:
        if stacked == self.stacked:
            return
        self.stacked = stacked
        self.columns.removeWidget(self.first)
        self.columns.removeWidget(self.second)
        if stacked:
            self.columns.setDirection(QBoxLayout.Direction.TopToBottom)
            self.columns.addWidget(self.second)
            self.columns.addWidget(self.first)
            self.first.setMaximumWidth(16_777_215)
        else:
            self.columns.setDirection(QBoxLayout.Direction.LeftToRight)
            self.columns.addWidget(self.first, 2)
            self.columns.addWidget(self.second, 3)
            self.first.setMaximumWidth(self._first_max)


def fit_to_screen(window: QWidget, width: int, height: int, margin: int = 48) -> None:
    """Size a window or dialog as asked, but never past the screen it opens on (a desk at
    1024×600 keeps its buttons on screen)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width() - margin)
        height = min(height, available.height() - margin)
    window.resize(max(width, window.minimumSizeHint().width()), height)
