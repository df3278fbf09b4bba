"""The reports screen's commands, in the main window's "Report" menu and on its keys.

Save, print and own window act on the report in the current tab; a report moved to its
own window gets the same keys there (see ``ReportPreview.use_own_shortcuts``).
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from lkk_admin.views.section_actions import SectionActions

SHORTCUTS: dict[str, tuple[str, ...]] = {
    "findContractAction": ("Ctrl+F",),
    "buildReportAction": ("Ctrl+Return", "Ctrl+Enter"),
    "saveReportAction": ("Ctrl+S",),
    "printReportAction": ("Ctrl+P",),
    "closeReportAction": ("Ctrl+W", "Ctrl+F4"),
}


class ReportsActions(SectionActions):
    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner, SHORTCUTS)
        self.find = self._action(
            "findContractAction",
            self.tr("&Find a contract"),
            self.tr("Search contracts by TIN, customer's name or contract number"),
        )
        self.build = self._action(
            "buildReportAction",
            self.tr("&Build report"),
            self.tr("Build the chosen report for the chosen months and show it"),
        )
        self.save = self._action(
            "saveReportAction",
            self.tr("&Save as PDF…"),
            self.tr("Save the report shown as a PDF file"),
        )
        self.print_ = self._action(
            "printReportAction", self.tr("&Print…"), self.tr("Print the report shown")
        )
        self.own_window = self._action(
            "ownWindowAction",
            self.tr("Own &window"),
            self.tr("Open the report shown in a window of its own, to place reports side by side"),
        )
        self.close = self._action(
            "closeReportAction", self.tr("&Close report"), self.tr("Close the report shown")
        )

    def report_actions(self) -> list[QAction]:
        return [self.save, self.print_, self.own_window, self.close]

    def build_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(self.tr("&Report"), parent)
        menu.setObjectName("reportsMenu")
        menu.setToolTipsVisible(True)
        menu.addAction(self.find)
        menu.addAction(self.build)
        menu.addSeparator()
        for action in self.report_actions():
            menu.addAction(action)
        return menu
