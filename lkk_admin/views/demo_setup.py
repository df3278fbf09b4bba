"""Opening the demo database: generated behind a progress dialog on the first run.

The work runs in a worker (:func:`lkk_admin.services.connection.open_demo`): on the first
run it generates the data into a ``.partial`` file and renames it when complete; later
runs only bring the schema up to date, which is quick, so no progress dialog is shown.
Cancelling stops the generator at its next check and leaves no file behind.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

from lkk_admin import paths
from lkk_admin.services import connection
from lkk_admin.services.connection import DEMO_FIRST_RUN_SCALE, ConnectionInfo
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.workers import Job, JobControl, JobRunner

PROGRESS_STEPS = 1000


def _is_cancellation(error: BaseException) -> bool:
    try:
        from lkk_admin.services.demo_data import DemoDataCancelled
    except ImportError:  # pragma: no cover - the generator ships with the application
        return False
    return isinstance(error, DemoDataCancelled)


class _Throttled:
    """Passes progress on at most every 50 ms (and at every new stage or the end)."""

    def __init__(self, target: Callable[[str, int, int], None], interval: float = 0.05) -> None:
        self._target = target
        self._interval = interval
        self._last_time = 0.0
        self._last_stage: str | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage != self._last_stage or done >= total or now - self._last_time >= self._interval:
            self._last_time, self._last_stage = now, stage
            self._target(stage, done, total)


class DemoSetup(QObject):
    """Prepares and opens the demo database; emits ``ready``, ``cancelled`` or ``failed``."""

    ready = Signal(object)  # ConnectionInfo
    cancelled = Signal()
    failed = Signal(object)  # the exception, already reported to the user

    def __init__(
        self,
        jobs: JobRunner,
        errors: ErrorReporter,
        *,
        path: Path | None = None,
        scale: float = DEMO_FIRST_RUN_SCALE,
        parent_widget: QWidget | None = None,
    ) -> None:
        super().__init__()
        self.jobs = jobs
        self.errors = errors
        self.path = path if path is not None else paths.demo_database_path()
        self.scale = scale
        self.parent_widget = parent_widget
        self.progress_dialog: QProgressDialog | None = None
        self.job: Job[ConnectionInfo] | None = None
        self.generating = False

    def start(self) -> None:
        self.generating = not self.path.exists()
        if self.generating:
            self.progress_dialog = self._make_progress_dialog()
        path, scale = self.path, self.scale

        def work(control: JobControl) -> ConnectionInfo:
            return connection.open_demo(
                path,
                scale=scale,
                progress=_Throttled(control.progress),
                cancelled=control.cancelled,
            )

        self.job = self.jobs.start(
            work,
            on_success=self._succeeded,
            on_failure=self._failed,
            on_progress=self._progress,
            name="demo-database",
        )

    def _make_progress_dialog(self) -> QProgressDialog:
        dialog = QProgressDialog(self.parent_widget)
        dialog.setObjectName("demoProgressDialog")
        label = QLabel()
        label.setObjectName("demoProgressLabel")
        label.setWordWrap(True)
        label.setMinimumWidth(440)
        dialog.setLabel(label)
        dialog.setWindowTitle(self.tr("LKK Admin — demo database"))
        dialog.setLabelText(
            self.tr(
                "Creating the demo database with made-up customers, contracts and "
                "registration requests. This happens only on the first start."
            )
        )
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.setRange(0, 0)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(480)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.canceled.connect(self.cancel)
        dialog.show()
        return dialog

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText(self.tr("Cancelling…"))

    def _progress(self, stage: str, done: int, total: int) -> None:
        dialog = self.progress_dialog
        if dialog is None or (self.job is not None and self.job.control.cancelled()):
            return
        dialog.setLabelText(
            self.tr("Creating the demo database (first start only).\n{stage}").format(stage=stage)
        )
        if total > 0:
            dialog.setRange(0, PROGRESS_STEPS)
            dialog.setValue(min(PROGRESS_STEPS, done * PROGRESS_STEPS // total))
        else:
            dialog.setRange(0, 0)

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect(self.cancel)
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _succeeded(self, info: ConnectionInfo) -> None:
        self._close_progress()
        if self.job is not None and self.job.control.cancelled():
            info.dispose()  # finished just as the user cancelled: honour the cancel
            self.cancelled.emit()
            return
        self.ready.emit(info)

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        if _is_cancellation(error):
            self.cancelled.emit()
            return
        self.errors.report(error, self.parent_widget)
        self.failed.emit(error)
