"""Helpers of the news body editor's tests: the editor shown at a realistic size, and
placing the cursor or the selection by the text it is at."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from lkk_admin.views.news.rich_editor import RichTextEditor

CLIPBOARD = Path(__file__).parent / "clipboard"


def shown_editor(qtbot: QtBot, stored: str = "") -> RichTextEditor:
    """The body editor alone, 700×400 as in the news item's window, focused."""
    widget = RichTextEditor()
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.set_semantic_html(stored)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.editor.hasFocus)
    return widget


def select(editor: RichTextEditor, text: str) -> None:
    """Select the first occurrence of ``text``."""
    cursor = editor.document().find(text)
    assert not cursor.isNull(), f"{text!r} is not in the body"
    editor.editor.setTextCursor(cursor)


def place(editor: RichTextEditor, text: str, offset: int = 0) -> None:
    """Put the cursor ``offset`` characters into the first occurrence of ``text``."""
    cursor = editor.document().find(text)
    assert not cursor.isNull(), f"{text!r} is not in the body"
    cursor.setPosition(cursor.selectionStart() + offset)
    editor.editor.setTextCursor(cursor)


def place_at_end(editor: RichTextEditor) -> None:
    editor.editor.moveCursor(QTextCursor.MoveOperation.End)


def clipboard_file(name: str) -> str:
    return (CLIPBOARD / name).read_text(encoding="utf-8")


def mime(*, html: str | None = None, text: str | None = None) -> QMimeData:
    data = QMimeData()
    if html is not None:
        data.setHtml(html)
    if text is not None:
        data.setText(text)
    return data
