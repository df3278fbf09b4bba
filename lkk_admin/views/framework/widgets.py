"""Small widgets every section's screen uses: the title and the search box."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QWidget


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
