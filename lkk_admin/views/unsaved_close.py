"""Closing an editor window with unsaved changes asks first: save, discard or stay (the
news editor and the survey builder)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, SignalInstance
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox, QWidget


def close_or_save(
    window: QWidget,
    event: QCloseEvent,
    *,
    busy: bool,
    question: str,
    save: Callable[[], None],
    saved: SignalInstance,
) -> None:
    """Accept ``event`` or ignore it: a window busy saving stays; one with unsaved changes
    (``isWindowModified``) asks ``question``; "Save" saves and closes once ``saved`` fires."""
    if busy:
        event.ignore()
        return
    if not window.isWindowModified():
        event.accept()
        return
    answer = QMessageBox.question(
        window,
        QCoreApplication.translate("UnsavedClose", "Unsaved changes"),
        question,
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Discard:
        event.accept()
        return
    event.ignore()
    if answer == QMessageBox.StandardButton.Save:
        saved.connect(lambda _saved: window.close())
        save()
