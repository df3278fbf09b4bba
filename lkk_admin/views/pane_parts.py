"""The pieces every detail pane is built of (the open request, the open letter): a bold
title, a tool bar of its actions, a coloured notice line, a placeholder and value labels."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar

NOTICE_STYLES = {
    "info": "background: #e7f0fb; border: 1px solid #9dbbe3; color: #1d3f6e;",
    "success": "background: #e3f4e4; border: 1px solid #8cc891; color: #1f5a25;",
    "warning": "background: #fdecea; border: 1px solid #e59a92; color: #7a1a12;",
}


class NoticeLabel(QLabel):
    """One line telling what just happened; ``kind`` (info, success, warning) colours it."""

    def __init__(self, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setVisible(False)
        self.kind = ""

    def show_notice(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        self.setText(text)
        self.setStyleSheet(
            f"QLabel {{ {NOTICE_STYLES.get(kind, NOTICE_STYLES['info'])} "
            "border-radius: 3px; padding: 4px 6px; }"
        )
        self.setVisible(True)

    def hide_notice(self) -> None:
        self.kind = ""
        self.clear()
        self.setVisible(False)


# A hyphen between letters («РН-Энерго», «Д-101») is shown as a non-breaking one, so
# that a wrapped title never splits a company name or a contract number at it.
_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def no_break_hyphens(text: str) -> str:
    return _WORD_HYPHEN.sub("\u2011", text)


class TitleLabel(QLabel):
    """A pane's bold title: wraps between words, never inside a hyphenated name, and
    always gets the height of all its lines."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(no_break_hyphens(text))
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        # Beside a tool bar in a row, the layout asks a wrapped label its height before it
        # knows the label's width, and a long title lost its last line: ask at the width
        # the label has.
        needed = self.heightForWidth(self.width()) if self.width() > 0 else -1
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


def pane_title_label(object_name: str) -> QLabel:
    label = TitleLabel()
    label.setObjectName(object_name)
    # Never squeezed below its wrapped height (the pane scrolls instead).
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def action_toolbar(object_name: str) -> QToolBar:
    """A fixed tool bar of text buttons: in a narrow pane the actions that do not fit go
    to its » menu."""
    toolbar = QToolBar()
    toolbar.setObjectName(object_name)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    toolbar.setFloatable(False)
    toolbar.setMovable(False)
    return toolbar


def placeholder_label(object_name: str) -> QLabel:
    """What the pane shows when nothing is open (greyed, centred)."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setEnabled(False)
    return label


def value_label(object_name: str) -> QLabel:
    """A selectable value in a form, wrapping and taking the width it is given."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return label
