"""The outbox screen's commands: one ``QAction`` each, with its shortcut and tooltip.

The same actions are the buttons of the letter pane, the entries of the main window's
"Mail" menu and the keyboard shortcuts, so they are enabled and disabled in one place.
Their shortcuts are attached only while the section is shown: the keys every section
may want for itself (Ctrl+F, F5) then belong to one action of the window at a time.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from lkk_admin.views.section_actions import SectionActions

SHORTCUTS: dict[str, tuple[str, ...]] = {
    "retryAction": ("Ctrl+R",),
    "cancelMailAction": ("Ctrl+Shift+Del",),
    "revealRecipientAction": ("Ctrl+Shift+E",),
    "findAction": ("Ctrl+F",),
    "refreshAction": ("F5",),
}


class OutboxActions(SectionActions):
    """Creates the actions on ``owner`` (so their shortcuts work in its window)."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner, SHORTCUTS)
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
