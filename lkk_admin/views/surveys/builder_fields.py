"""Fields of the survey builder: plain text held to a length limit as a line editor's
``maxLength`` holds it (what goes past the limit is not taken), with a counter; a red
line under a field for the last check's messages about it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QWidget

ERROR_STYLE = "color: #b00020;"
COUNTER_STYLE = "color: palette(mid);"
COUNTER_NEAR_STYLE = "color: #b36b00;"


class LimitedPlainTextEdit(QPlainTextEdit):
    """Plain text of at most ``limit`` characters: typing or pasting past it keeps what
    fits. Tab moves on to the next field."""

    def __init__(self, limit: int, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        margins = self.contentsMargins()
        height = (
            self.fontMetrics().lineSpacing() * lines
            + int(2 * self.document().documentMargin())
            + margins.top()
            + margins.bottom()
            + 2 * self.frameWidth()
        )
        self.setFixedHeight(height)
        self.textChanged.connect(self._hold_to_limit)

    def _hold_to_limit(self) -> None:
        excess = len(self.toPlainText()) - self.limit
        if excess <= 0:
            return
        # What was just typed or pasted ends at the cursor: that is what gives way.
        cursor = self.textCursor()
        end = cursor.position()
        cursor.setPosition(max(0, end - excess))
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if len(self.toPlainText()) > self.limit:  # the cursor was not after the excess
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.setPosition(self.limit, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()


class LengthCounter(QLabel):
    """«n of limit» for a text field, amber in its last tenth."""

    def __init__(self, edit: QPlainTextEdit, limit: int, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.edit, self.limit = edit, limit
        edit.textChanged.connect(self.update_count)
        self.update_count()

    def update_count(self) -> None:
        length = len(self.edit.toPlainText())
        self.setText(
            QCoreApplication.translate("SurveyBuilder", "{length} of {limit}").format(
                length=length, limit=self.limit
            )
        )
        self.setStyleSheet(COUNTER_NEAR_STYLE if length >= self.limit * 0.9 else COUNTER_STYLE)


def error_label(object_name: str) -> QLabel:
    """Red, wrapped, hidden until a check has something to say about the field."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setVisible(False)
    return label


def show_messages(label: QLabel, messages: list[str]) -> None:
    label.setText("\n".join(messages))
    label.setVisible(bool(messages))
