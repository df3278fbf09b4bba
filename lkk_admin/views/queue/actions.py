"""The queue screen's commands: one ``QAction`` each, with its shortcut and tooltip.

The same actions are the buttons of the request pane, the entries of the main window's
"Requests" menu and the keyboard shortcuts, so they are enabled and disabled in one
place. Shortcuts avoid the main window's own (Ctrl+1…8, Ctrl+O, Ctrl+Q, F1).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from lkk_admin.views.section_actions import enter_first, key_text

SHORTCUTS: dict[str, tuple[str, ...]] = {
    "takeNextAction": ("F2", "Ctrl+N"),
    "claimAction": ("Ctrl+T",),
    "approveAction": ("Ctrl+Return", "Ctrl+Enter"),
    "rejectAction": ("Ctrl+R",),
    "returnAction": ("Ctrl+U",),
    "releaseAction": ("Ctrl+Shift+T",),
    "nextRequestAction": ("Alt+Down",),
    "previousRequestAction": ("Alt+Up",),
    "findAction": ("Ctrl+F",),
    "refreshAction": ("F5",),
    "exportAction": ("Ctrl+E",),
}


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class QueueActions(QObject):
    """Creates the actions on ``owner`` (so their shortcuts work in its window)."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.owner = owner
        self.take_next = self._action(
            "takeNextAction",
            self.tr("Take &next"),
            self.tr("Claim the oldest request waiting in the queue and open it"),
        )
        self.claim = self._action(
            "claimAction",
            self.tr("&Claim"),
            self.tr("Take the open request into review: nobody else can decide it meanwhile"),
        )
        self.approve = self._action(
            "approveAction",
            self.tr("&Approve…"),
            self.tr("Grant access to the chosen contracts; shows the e-mail before sending"),
        )
        self.reject = self._action(
            "rejectAction",
            self.tr("&Reject…"),
            self.tr("Refuse access with a reason the applicant will read"),
        )
        self.return_for_clarification = self._action(
            "returnAction",
            self.tr("Return for c&larification…"),
            self.tr("Ask the applicant to clarify or correct the data"),
        )
        self.release = self._action(
            "releaseAction",
            self.tr("Re&lease"),
            self.tr("Put the request back in the queue for another verifier"),
        )
        self.next_request = self._action(
            "nextRequestAction",
            self.tr("Ne&xt request"),
            self.tr("Open the next request of the list"),
        )
        self.previous_request = self._action(
            "previousRequestAction",
            self.tr("&Previous request"),
            self.tr("Open the previous request of the list"),
        )
        self.find = self._action(
            "findAction",
            self.tr("&Find…"),
            self.tr("Search by TIN, KPP, name, e-mail, login or contract number"),
        )
        self.refresh = self._action(
            "refreshAction", self.tr("Re&fresh"), self.tr("Reload the list and the counts")
        )
        self.export = self._action(
            "exportAction",
            self.tr("&Export to Excel…"),
            self.tr("Save every request of the tab and the search as an .xlsx file"),
        )
        self.overdue = QAction(self.tr("Review &deadline…"), owner)
        self.overdue.setObjectName("overdueAction")
        self.overdue.setToolTip(
            self.tr(
                "The organisation's review deadline: after how many working days a waiting "
                "request is overdue (set by an administrator)"
            )
        )
        self.overdue.setStatusTip(self.overdue.toolTip())

    def _action(self, name: str, text: str, tip: str) -> QAction:
        action = QAction(text, self.owner)
        action.setObjectName(name)
        sequences = [QKeySequence(sequence) for sequence in enter_first(SHORTCUTS[name])]
        action.setShortcuts(sequences)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        shortcut = key_text(sequences[0])
        action.setToolTip(f"{_plain(text).rstrip('…')} ({shortcut})\n{tip}")
        action.setStatusTip(tip)
        action.setWhatsThis(tip)
        self.owner.addAction(action)
        return action

    def decision_actions(self) -> list[QAction]:
        return [self.claim, self.approve, self.reject, self.return_for_clarification, self.release]

    def all(self) -> list[QAction]:
        return [
            self.take_next,
            *self.decision_actions(),
            self.next_request,
            self.previous_request,
            self.find,
            self.refresh,
            self.export,
            self.overdue,
        ]

    def build_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(self.tr("&Requests"), parent)
        menu.setObjectName("requestsMenu")
        menu.setToolTipsVisible(True)
        menu.addAction(self.take_next)
        menu.addSeparator()
        for action in self.decision_actions():
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.next_request)
        menu.addAction(self.previous_request)
        menu.addAction(self.find)
        menu.addAction(self.refresh)
        menu.addAction(self.export)
        menu.addSeparator()
        menu.addAction(self.overdue)
        return menu
