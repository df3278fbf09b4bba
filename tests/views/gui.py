"""Helpers of the GUI tests: typed mouse and keyboard (qtbot's own are untyped for mypy
--strict) and the password role the wrong-password test connects as."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from tests.password_role import PasswordRole

__all__ = ["PasswordRole", "click", "key", "type_text"]


def click(widget: QWidget, pos: QPoint | None = None) -> None:
    if pos is None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
    else:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def key(
    widget: QWidget,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    QTest.keyClick(widget, key, modifier)


def type_text(edit: QLineEdit | QPlainTextEdit, value: str) -> None:
    """Type ASCII key by key (QTest cannot send non-ASCII keys); insert anything else."""
    edit.clear()
    if value.isascii():
        QTest.keyClicks(edit, value)
    elif isinstance(edit, QPlainTextEdit):
        edit.insertPlainText(value)
    else:
        edit.insert(value)
