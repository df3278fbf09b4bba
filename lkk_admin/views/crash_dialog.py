"""What the user sees when something goes wrong.

An environment problem (``diagnose(error)`` knows it: server unreachable, disk full, a
domain refusal…) is a plain warning message in Russian. Anything else is a bug: it is
logged with its traceback and the crash dialog shows a short reference the user can quote
to support, with a button that copies the full report (reference, version, traceback —
secrets masked) to the clipboard.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from lkk_admin import __version__
from lkk_admin.logging_setup import mask_secrets
from lkk_admin.services.diagnosis import diagnose

log = logging.getLogger("lkk_admin.crash")


def new_reference() -> str:
    """Eight hex characters: short enough to read out on the phone."""
    return uuid.uuid4().hex[:8].upper()


@dataclass(frozen=True)
class CrashReport:
    reference: str
    traceback_text: str
    version: str = __version__
    when: datetime = field(default_factory=lambda: datetime.now().astimezone())

    @classmethod
    def from_exception(
        cls,
        exc_type: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
        reference: str | None = None,
    ) -> CrashReport:
        text = "".join(traceback.format_exception(exc_type, error, tb))
        return cls(reference=reference or new_reference(), traceback_text=mask_secrets(text))

    def as_text(self) -> str:
        return (
            f"LKK Admin {self.version}\n"
            f"Reference: {self.reference}\n"
            f"Time: {self.when.isoformat(timespec='seconds')}\n"
            f"Python {platform.python_version()} on {platform.platform()}\n"
            f"\n{self.traceback_text}"
        )


class CrashDialog(QDialog):
    """Tells the user an unexpected error happened; offers the report for support."""

    def __init__(self, report: CrashReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("LKK Admin — unexpected error"))
        self.setMinimumWidth(560)

        icon = QLabel()
        style = self.style()
        icon.setPixmap(
            style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        headline = QLabel(self.tr("<b>Something went wrong in LKK Admin.</b>"))
        explanation = QLabel(
            self.tr(
                "The action was not completed. Your data in the database are safe: "
                "an unfinished change is never saved halfway.\n"
                "Please send the report to the support service: press "
                '"Copy report" and paste it into an e-mail or a ticket.'
            )
        )
        explanation.setWordWrap(True)
        self.reference_label = QLabel(
            self.tr("Error reference: <b>{reference}</b>").format(reference=report.reference)
        )
        self.reference_label.setObjectName("crashReference")
        self.reference_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.details = QPlainTextEdit(report.as_text())
        self.details.setObjectName("crashDetails")
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        self.details.setMinimumHeight(220)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("Copy report"))
        self.copy_button.setObjectName("copyReportButton")
        self.details_button = QPushButton(self.tr("Show details"))
        self.details_button.setObjectName("detailsButton")
        self.details_button.setCheckable(True)
        close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close_button.setText(self.tr("Close"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_report)
        self.details_button.toggled.connect(self._toggle_details)
        self.copied_label = QLabel()
        self.copied_label.setObjectName("copiedLabel")

        text_column = QVBoxLayout()
        text_column.addWidget(headline)
        text_column.addWidget(explanation)
        text_column.addWidget(self.reference_label)
        text_column.addWidget(self.copied_label)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text_column, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.as_text())
        self.copied_label.setText(self.tr("The report has been copied to the clipboard."))

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setText(self.tr("Hide details") if shown else self.tr("Show details"))
        self.adjustSize()


class ErrorReporter:
    """Routes every error to the right place: a warning for known problems, else a crash.

    Dialogs are opened window-modal with ``open()`` (no nested event loop inside an
    excepthook). ``interactive=False`` logs without opening dialogs. The last dialog is
    kept in ``last_dialog`` (tests inspect it).
    """

    def __init__(self, *, interactive: bool = True) -> None:
        self.interactive = interactive
        self.last_dialog: QDialog | None = None

    def _parent(self, parent: QWidget | None) -> QWidget | None:
        if parent is not None:
            return parent
        return QApplication.activeWindow()

    def report(self, error: BaseException, parent: QWidget | None = None) -> None:
        self.report_exception(type(error), error, error.__traceback__, parent)

    def report_exception(
        self,
        exc_type: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
        parent: QWidget | None = None,
    ) -> str | None:
        """Show ``error``; return the crash reference, or None for an environment problem."""
        problem = diagnose(error) if isinstance(error, Exception) else None
        if problem is not None:
            log.warning("%s: %s", problem.kind, problem.message)
            self._show_problem(problem.message, parent)
            return None
        report = CrashReport.from_exception(exc_type, error, tb)
        log.error(
            "unexpected error, reference %s", report.reference, exc_info=(exc_type, error, tb)
        )
        self._show_crash(report, parent)
        return report.reference

    def _show_problem(self, message: str, parent: QWidget | None) -> None:
        if not self.interactive or QApplication.instance() is None:
            return
        box = QMessageBox(self._parent(parent))
        box.setObjectName("problemMessage")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QApplication.translate("ErrorReporter", "LKK Admin"))
        box.setText(message)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self._exec(box)

    def _show_crash(self, report: CrashReport, parent: QWidget | None) -> None:
        if not self.interactive or QApplication.instance() is None:
            return
        self._exec(CrashDialog(report, self._parent(parent)))

    def _exec(self, dialog: QDialog) -> None:
        """Open ``dialog`` without a nested event loop; never stack report on report."""
        previous = self.last_dialog
        # The previous dialog dies with its parent window; its wrapper then outlives it.
        if previous is not None and shiboken6.isValid(previous) and previous.isVisible():
            dialog.deleteLater()  # an error while a report is open: logged, not stacked
            return
        self.last_dialog = dialog
        dialog.open()


def print_fallback(exc_type: type[BaseException], error: BaseException) -> None:
    """Last resort when even the reporter fails: stderr (no secrets)."""
    text = "".join(traceback.format_exception_only(exc_type, error))
    print(mask_secrets(text), file=sys.stderr)
