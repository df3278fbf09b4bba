"""Portal users → Anonymise personal data: the retention run (152-ФЗ) from the desk.

The dialog reads, in a job, the organisation's period and what is due (per ground, the
oldest, those waiting for a letter to go); an administrator confirms, the run goes batch
by batch in a job behind a progress bar that can stop it (what is done stays done), then
the act is asked a place and written in a job. Nothing here touches the database or a
file on the GUI thread. An act that could not be saved can be saved again from the same
dialog, or later with ``lkk-admin retention --act-for RUN``.

Open it with :func:`run_retention` (or make a :class:`RetentionDialog` and ``open()`` it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services import retention, retention_period
from lkk_admin.services.diagnosis import diagnose
from lkk_admin.services.errors import DomainError
from lkk_admin.services.retention import DueSummary, RetentionRun
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.workers import Job, JobControl

ACT_FOLDER_KEY = "Retention/act_folder"
PROBLEM_STYLE = "color: #b00020;"


@dataclass(frozen=True)
class _Due:
    summary: DueSummary
    days: int


def _read_due(context: AppContext) -> Callable[[JobControl], _Due]:
    factory = context.read_session_factory

    def read(_control: JobControl) -> _Due:
        with factory() as session:
            days = retention_period.read_period(session).value
            return _Due(retention.due(session, days=days), days)

    return read


def _save_act(context: AppContext, run: RetentionRun, path: Path) -> Callable[[JobControl], Path]:
    factory = context.read_session_factory

    def save(_control: JobControl) -> Path:
        # Here, not at the top: reportlab loads only when an act is written.
        from lkk_admin.services.retention_act import write_act
        from lkk_admin.services.supplier_settings import load_supplier

        with factory() as session:
            supplier = load_supplier(session)
        return write_act(run, path, supplier=supplier)

    return save


class RetentionDialog(QDialog):
    """``loaded(DueSummary)``, ``run_finished(RetentionRun)``, ``act_saved(Path)`` and
    ``problem(str)`` (what the dialog said went wrong) let the section and tests follow."""

    loaded = Signal(object)
    run_finished = Signal(object)
    act_saved = Signal(object)
    problem = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("retentionDialog")
        self.setWindowTitle(self.tr("Anonymise personal data"))
        self.may_run = "admin" in context.connection.staff_roles
        self.due: DueSummary | None = None
        self.days: int | None = None
        self.run: RetentionRun | None = None
        self.act_path: Path | None = None
        self.job: Job[Any] | None = None
        self._closing_warned = False
        # Where to save the act: a file dialog; tests put a function here instead.
        self.choose_path: Callable[[Path], Path | None] = self._ask_path

        self.note = QLabel(
            self.tr(
                "Personal data of rejected and expired registrations and of accounts never "
                "confirmed are kept for the organisation's period after their purpose "
                "ended (Tools → Personal data retention), then replaced with an anonymous "
                "marker. Ids, dates, statuses, TIN/KPP and decisions stay. An act lists "
                "the records by id. This cannot be undone."
            )
        )
        self.note.setObjectName("retentionNote")
        self.note.setWordWrap(True)
        form = self._build_counts()

        self.progress = QProgressBar()
        self.progress.setObjectName("retentionProgress")
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName("retentionMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.run_button = self._button("retentionRun", self.tr("&Anonymise…"), self.confirm)
        self.stop_button = self._button("retentionStop", self.tr("&Stop"), self.stop)
        self.save_button = self._button(
            "retentionSaveAct", self.tr("Save the &act…"), self.ask_and_save
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        for button in (self.run_button, self.stop_button, self.save_button):
            button.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(max(self.width(), 600), self.sizeHint().height())
        self.refresh()

    def _build_counts(self) -> QFormLayout:
        """The period and the counts per ground, filled when what is due has been read."""
        self.period = QLabel()
        self.period.setObjectName("retentionPeriod")
        self.counts: dict[str, QLabel] = {}
        form = QFormLayout()
        form.addRow(self.tr("Storage period:"), self.period)
        ground_titles = {
            retention.REJECTED: self.tr("Request rejected:"),
            retention.EXPIRED: self.tr("Request expired, e-mail not confirmed:"),
            retention.UNCONFIRMED: self.tr("Account never confirmed:"),
        }
        for ground in retention.GROUNDS:
            label = QLabel("—")
            label.setObjectName(f"retentionCount_{ground}")
            self.counts[ground] = label
            form.addRow(ground_titles[ground], label)
        self.total = QLabel("—")
        self.total.setObjectName("retentionTotal")
        form.addRow(self.tr("Records due:"), self.total)
        self.waiting = QLabel("—")
        self.waiting.setObjectName("retentionWaiting")
        form.addRow(self.tr("Waiting for a letter to go:"), self.waiting)
        return form

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    @property
    def running(self) -> bool:
        return self.job is not None

    # --- what is due ------------------------------------------------------------------------

    def refresh(self) -> None:
        self._say(self.tr("Reading what is due…"))
        self.context.jobs.start(  # not self.job: a read in hand holds nothing up
            _read_due(self.context),
            on_success=bound(self, self._loaded),
            on_failure=bound(self, self._failed),
            name="retention-due",
        )

    def _loaded(self, due: _Due) -> None:
        self.due, self.days = due.summary, due.days
        self.period.setText(self.tr("%n day(s) after the purpose ended", "", due.days))
        for ground, label in self.counts.items():
            label.setText(str(due.summary.by_ground[ground]))
        self.total.setText(str(due.summary.total))
        self.waiting.setText(str(due.summary.waiting_for_mail))
        if due.summary.total == 0:
            self._say(self.tr("Nothing is due: no personal data wait for anonymisation."))
        elif not self.may_run:
            self._say(self.tr("Only an administrator can anonymise personal data."))
        else:
            self._say(self.tr("%n record(s) will be anonymised.", "", due.summary.total))
        self.run_button.setVisible(self.may_run and due.summary.total > 0)
        self.loaded.emit(due.summary)

    # --- the run -----------------------------------------------------------------------------

    def confirm(self) -> QMessageBox | None:
        """Ask before anything is anonymised (the box is returned for tests)."""
        if self.due is None or not self.due.total or self.running or not self.may_run:
            return None
        box = QMessageBox(self)
        box.setObjectName("retentionConfirm")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.windowTitle())
        box.setText(
            self.tr(
                "Anonymise the personal data of %n record(s)? Names, phones, e-mails and "
                "logins are replaced for good; this cannot be undone.",
                "",
                self.due.total,
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.buttonClicked.connect(
            lambda button: (
                self.start_run()
                if box.standardButton(button) == QMessageBox.StandardButton.Yes
                else None
            )
        )
        box.open()
        return box

    def start_run(self) -> None:
        if self.days is None or self.running or not self.may_run:
            return
        factory, actor, days = self.context.session_factory, self.context.actor, self.days

        def work(control: JobControl) -> RetentionRun:
            return retention.anonymise(
                factory,
                actor,
                days=days,
                progress=lambda done, total: control.progress("anonymise", done, total),
                cancelled=control.cancelled,
            )

        self.run_button.setVisible(False)
        self.stop_button.setVisible(True)
        self.stop_button.setEnabled(True)
        self.progress.setRange(0, max(1, self.due.total if self.due else 1))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self._say(self.tr("Anonymising…"))
        self.job = self.context.jobs.start(
            work,
            on_success=bound(self, self._run_done),
            on_failure=bound(self, self._failed),
            on_progress=bound(self, self._progressed),
            on_finished=bound(self, self._job_done),
            name="retention-run",
        )

    def _progressed(self, _stage: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def stop(self) -> None:
        """Stop after the batch in hand: what is done stays done and goes into the act."""
        if self.job is not None:
            self.job.cancel()
            self.stop_button.setEnabled(False)
            self._say(self.tr("Stopping after the batch in hand…"))

    def _run_done(self, run: RetentionRun) -> None:
        self.job, self.run = None, run  # its result is in: the act may be written now
        self.stop_button.setVisible(False)
        text = self.tr(
            "Anonymised: %n record(s) in {seconds} s ({rate} per second).", "", run.done
        ).format(seconds=f"{run.seconds:.1f}", rate=f"{run.per_second:.0f}")
        if run.cancelled:
            text += " " + self.tr("Stopped: %n record(s) left for the next run.", "", run.left)
        elif run.left:
            text += " " + self.tr(
                "%n record(s) were being changed meanwhile and are left for the next run.",
                "",
                run.left,
            )
        self._say(text)
        self.run_finished.emit(run)
        if run.done:
            self.save_button.setVisible(True)
            self.ask_and_save()

    # --- the act ------------------------------------------------------------------------------

    def suggested_path(self) -> Path:
        from lkk_admin.services.retention_act import file_name

        assert self.run is not None
        folder = self.context.settings.value(ACT_FOLDER_KEY)
        if not isinstance(folder, str) or not Path(folder).is_dir():
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
        return Path(folder) / file_name(self.run.finished_at)

    def _ask_path(self, suggested: Path) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the act"), str(suggested), self.tr("PDF documents (*.pdf)")
        )
        return Path(chosen) if chosen else None

    def ask_and_save(self) -> None:
        if self.run is None or not self.run.done or self.running:
            return
        path = self.choose_path(self.suggested_path())
        if path is None:
            self._say(self._unsaved_text(), problem=True)
            return
        self.save_act(path)

    def save_act(self, path: Path) -> None:
        """Write the act to ``path`` in a job (a name typed without «.pdf» gets it)."""
        if self.run is None or self.running:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(f"{path.name}.pdf")
        self.save_button.setEnabled(False)
        self._say(self.tr("Writing the act…"))
        self.job = self.context.jobs.start(
            _save_act(self.context, self.run, path),
            on_success=bound(self, self._act_saved),
            on_failure=bound(self, self._failed),
            on_finished=bound(self, self._job_done),
            name="retention-act",
        )

    def _act_saved(self, path: Path) -> None:
        self._job_done()
        self.act_path = path
        self.context.settings.setValue(ACT_FOLDER_KEY, str(path.parent))
        self._say(self.tr("The act is saved: {path}").format(path=path))
        self.act_saved.emit(path)

    def _unsaved_text(self) -> str:
        run_id = self.run.run_id if self.run is not None else ""
        return self.tr(
            "The act is not saved yet. Save it with «Save the act…», or later with "
            "lkk-admin retention --act-for {run}."
        ).format(run=run_id)

    # --- jobs and closing ---------------------------------------------------------------------

    def _job_done(self) -> None:
        self.job = None
        self.save_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self._job_done()
        self.stop_button.setVisible(False)
        # A run refused before its first batch changed nothing: it may be tried again.
        self.run_button.setVisible(
            self.may_run and self.run is None and self.due is not None and self.due.total > 0
        )
        if isinstance(error, DomainError):
            said = error.message
        else:
            problem = diagnose(error) if isinstance(error, Exception) else None
            if problem is None:
                self._say(self.tr("Something went wrong; see the error report."), problem=True)
                self.context.errors.report(error, self)
                self.problem.emit(self.message.text())
                return
            said = problem.message
        if self.run is not None and self.act_path is None:
            said += " " + self._unsaved_text()
        self._say(said, problem=True)
        self.problem.emit(said)

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(PROBLEM_STYLE if problem else "")

    def reject(self) -> None:
        if self.running and self.job is not None and self.job.name == "retention-run":
            self.stop()  # closes once the batch in hand is in (close again then)
            return
        unsaved = self.run is not None and self.run.done and self.act_path is None
        if unsaved and not self._closing_warned:  # said once; closing again leaves it
            self._closing_warned = True
            self._say(self._unsaved_text(), problem=True)
            return
        super().reject()


def run_retention(parent: QWidget | None, context: AppContext) -> RetentionDialog:
    """Open the retention dialog (window-modal); it reads what is due at once."""
    dialog = RetentionDialog(context, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
