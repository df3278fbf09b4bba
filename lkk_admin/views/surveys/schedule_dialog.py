"""Opening, closing and reopening a survey: now or at a set moment (Moscow time shown, UTC
stored), asked in one small dialog per act."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services import surveys
from lkk_admin.services.survey_browser.rows import SurveyDetail
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.framework.widgets import fit_to_screen
from lkk_admin.views.moscow_moments import from_qt_moscow, moment_edit
from lkk_admin.views.pane_parts import NoticeLabel
from lkk_admin.views.refusals import refusal_text

MODES = ("open", "close", "reopen")


class ScheduleDialog(QDialog):
    """``acted(int)`` (the survey's new version) once the database has it; ``failed(error)``.

    ``mode``: "open" (now or from a moment, optionally until one), "close" (now or at a
    moment), "reopen" (now, optionally until a moment).
    """

    acted = Signal(int)
    failed = Signal(object)

    def __init__(
        self,
        context: AppContext,
        detail: SurveyDetail,
        mode: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert mode in MODES
        self.setObjectName(f"{mode}SurveyDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.context = context
        self.detail = detail
        self.mode = mode
        self.busy = False
        now = fmt.now_utc()
        row = detail.row
        titles = {
            "open": self.tr("Open the survey"),
            "close": self.tr("Close the survey"),
            "reopen": self.tr("Reopen the survey"),
        }
        explanations = {
            "open": self.tr(
                "Customers see the survey on the portal and may answer it from the moment "
                "set below until it closes. Times are Moscow time."
            ),
            "close": self.tr(
                "Customers can no longer answer once the survey closes; the answers given "
                "stay and the results can be read. Times are Moscow time."
            ),
            "reopen": self.tr(
                "Customers may answer the survey again; who has answered already cannot "
                "answer twice. Times are Moscow time."
            ),
        }
        self.setWindowTitle(titles[mode])
        heading = QLabel(f"«{row.title}»")
        heading.setObjectName("scheduleHeading")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        explanation = QLabel(explanations[mode])
        explanation.setWordWrap(True)

        grid = self._build_times(now)

        self.error_label = NoticeLabel("scheduleError")
        self.buttons = QDialogButtonBox()
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmButton")
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addLayout(grid)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 520, 300)
        self._update()

    def _build_times(self, now: datetime) -> QGridLayout:
        """Now or at a moment, and (opening) until when, in Moscow time."""
        mode, row = self.mode, self.detail.row
        self.start_now = QRadioButton()
        self.start_now.setObjectName("startNow")
        self.start_at = QRadioButton()
        self.start_at.setObjectName("startAt")
        group = QButtonGroup(self)
        group.addButton(self.start_now)
        group.addButton(self.start_at)
        scheduled = row.opens_at is not None and row.opens_at > now
        start = row.opens_at if scheduled and row.opens_at else now + timedelta(hours=1)
        self.start_edit = moment_edit("startEdit", start)
        self.until_check = QCheckBox(self.tr("&Close at:"))
        self.until_check.setObjectName("untilCheck")
        future_close = row.closes_at if row.closes_at and row.closes_at > now else None
        self.until_edit = moment_edit(
            "untilEdit", future_close or max(start, now) + timedelta(days=14)
        )
        self.until_check.setChecked(future_close is not None)
        grid = QGridLayout()
        if mode == "close":
            self.start_now.setText(self.tr("Close &now"))
            self.start_at.setText(self.tr("Close &at:"))
            self.start_edit.setDateTime(self.until_edit.dateTime())
            (self.start_at if future_close else self.start_now).setChecked(True)
            grid.addWidget(self.start_now, 0, 0, 1, 2)
            grid.addWidget(self.start_at, 1, 0)
            grid.addWidget(self.start_edit, 1, 1)
        else:
            self.start_now.setText(self.tr("Open &now"))
            self.start_at.setText(self.tr("Open &at:"))
            (self.start_at if scheduled else self.start_now).setChecked(True)
            grid.addWidget(self.start_now, 0, 0, 1, 2)
            if mode == "open":
                grid.addWidget(self.start_at, 1, 0)
                grid.addWidget(self.start_edit, 1, 1)
            else:
                self.start_at.setVisible(False)
                self.start_edit.setVisible(False)
            grid.addWidget(self.until_check, 2, 0)
            grid.addWidget(self.until_edit, 2, 1)
        grid.setColumnStretch(2, 1)
        for signal in (
            self.start_now.toggled,
            self.until_check.toggled,
            self.start_edit.dateTimeChanged,
            self.until_edit.dateTimeChanged,
        ):
            signal.connect(self._update)
        return grid

    # --- what is chosen ---------------------------------------------------------------------

    @property
    def start(self) -> datetime | None:
        """The moment to open (open, reopen) or close (close) at; None: now."""
        if self.start_now.isChecked():
            return None
        return from_qt_moscow(self.start_edit.dateTime())

    @property
    def until(self) -> datetime | None:
        """The moment an opened survey closes (open, reopen); None: no end."""
        if self.mode == "close" or not self.until_check.isChecked():
            return None
        return from_qt_moscow(self.until_edit.dateTime())

    def problem(self) -> str | None:
        now = fmt.now_utc()
        start = self.start
        if start is not None and start <= now:
            return self.tr("The moment chosen has passed: choose «now» or a later one.")
        until = self.until
        if until is not None and until <= (start or now):
            return self.tr("The survey must close after it opens.")
        return None

    def _update(self) -> None:
        self.start_edit.setEnabled(self.start_at.isChecked())
        self.until_edit.setEnabled(self.until_check.isChecked())
        if self.mode == "close":
            text = self.tr("&Close now") if self.start is None else self.tr("&Set closing")
        elif self.mode == "reopen":
            text = self.tr("&Reopen")
        else:
            text = self.tr("&Open now") if self.start is None else self.tr("&Schedule")
        self.confirm_button.setText(text)
        problem = self.problem()
        self.confirm_button.setEnabled(problem is None and not self.busy)
        self.confirm_button.setToolTip(problem or "")

    # --- the act ------------------------------------------------------------------------------

    def _act(self) -> Callable[[object], int]:
        factory, actor = self.context.session_factory, self.context.actor
        survey_id, version, mode = self.detail.id, self.detail.version, self.mode
        start, until = self.start, self.until

        def work(_control: object) -> int:
            with factory.begin() as session:
                if mode == "open":
                    return surveys.open(
                        session,
                        survey_id,
                        actor,
                        opens_at=start,
                        closes_at=until,
                        expected_version=version,
                    )
                if mode == "close":
                    return surveys.close(
                        session, survey_id, actor, closes_at=start, expected_version=version
                    )
                return surveys.reopen(
                    session, survey_id, actor, closes_at=until, expected_version=version
                )

        return work

    def confirm(self) -> None:
        if self.busy or self.problem() is not None:
            return
        self.busy = True
        self._update()
        self.context.jobs.start(
            self._act(),
            on_success=bound(self, self._succeeded),
            on_failure=bound(self, self._failed),
            name=f"survey-{self.mode}",
        )

    def _succeeded(self, version: int) -> None:
        self.busy = False
        self.acted.emit(version)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        if isinstance(error, surveys.SurveyInvalid):
            self.failed.emit(error)  # the page opens the builder at the problems
            self.reject()
            return
        text = refusal_text(
            self.context,
            error,
            self.parentWidget(),
            unexpected=self.tr("Nothing was changed because of an unexpected error."),
            kept=self.tr("Nothing was changed."),
        )
        self.error_label.show_notice(text, "warning")
        self._update()
        self.failed.emit(error)
