"""The outbox screen's commands: one ``QAction`` each, with its shortcut and tooltip.

The same actions are the buttons of the letter pane, the entries of the main window's
"Mail" menu and the keyboard shortcuts, so they are enabled and disabled in one place.
Their shortcuts are attached only while the section is shown: the keys every section
may want for itself (Ctrl+F, F5) then belong to one action of the window at a time.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

SHORTCUTS: dict[str, tuple[str, ...]] = {
    "retryAction": ("Ctrl+R",),
    "cancelMailAction": ("Ctrl+Shift+Del",),
    "revealRecipientAction": ("Ctrl+Shift+E",),
    "findAction": ("Ctrl+F",),
    "refreshAction": ("F5",),
}


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class OutboxActions(QObject):
    """Creates the actions on ``owner`` (so their shortcuts work in its window)."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.owner = owner
        self._shortcuts: dict[QAction, list[QKeySequence]] = {}
        self.retry = self._action(
            "retryAction",
            self.tr("&Retry sending"),
            self.tr("Send the failed letter again, starting from the first attempt"),
        )
        self.cancel = self._action(
            "cancelMailAction",
            self.tr("&Cancel sending…"),
            self.tr(
                "Stop a letter that has not been sent yet; the reason is recorded in the audit log"
            ),
        )
        self.reveal = self._action(
            "revealRecipientAction",
            self.tr("Show &address"),
            self.tr("Show the recipient's address in full; this is recorded in the audit log"),
        )
        self.find = self._action(
            "findAction",
            self.tr("&Find…"),
            self.tr("Search by subject, request number or recipient's address"),
        )
        self.refresh = self._action(
            "refreshAction",
            self.tr("Re&fresh"),
            self.tr("Reload the list, the counts and the letter"),
        )

    def _action(self, name: str, text: str, tip: str) -> QAction:
        action = QAction(text, self.owner)
        action.setObjectName(name)
        sequences = [QKeySequence(sequence) for sequence in SHORTCUTS[name]]
        self._shortcuts[action] = sequences  # attached by set_shortcuts_active
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        shortcut = sequences[0].toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{_plain(text).rstrip('…')} ({shortcut})\n{tip}")
        action.setStatusTip(tip)
        action.setWhatsThis(tip)
        self.owner.addAction(action)
        return action

    def set_shortcuts_active(self, active: bool) -> None:
        """Attach the keys while the section is shown, detach them when it is hidden."""
        for action, sequences in self._shortcuts.items():
            action.setShortcuts(sequences if active else [])

    def message_actions(self) -> list[QAction]:
        """The buttons of the letter pane."""
        return [self.retry, self.cancel]

    def all(self) -> list[QAction]:
        return [*self.message_actions(), self.reveal, self.find, self.refresh]

    def build_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(self.tr("&Mail"), parent)
        menu.setObjectName("mailMenu")
        menu.setToolTipsVisible(True)
        for action in self.message_actions():
            menu.addAction(action)
        menu.addAction(self.reveal)
        menu.addSeparator()
        menu.addAction(self.find)
        menu.addAction(self.refresh)
        return menu
