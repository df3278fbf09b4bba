"""Ctrl+E on any list: every row its filters and search select, saved as an .xlsx file.

A list describes what it would export (:class:`ExportJob`: its columns, how to read its
rows in a session, how many there are); :class:`ListExporter` asks where to save, reads
and writes in a worker job (:mod:`lkk_admin.services.excel_export`, through a ``.part``
file) behind a progress dialog that can cancel, then records the export in the audit
log (what, how many rows, by whom). A cancelled or failed export leaves no file behind.
The columns are the list's, as the screen shows them: personal data stay masked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget
from sqlalchemy.orm import Session

from lkk_admin.services import excel_export
from lkk_admin.services.excel_export import ExportCancelled, ExportColumn
from lkk_admin.services.listing import ListQuery
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.framework.formatting import grouped
from lkk_admin.views.workers import Job, JobCancelledError, JobControl

SETTINGS_KEY = "Export/folder"
PROGRESS_STEP = 500  # rows between progress reports


def describe_query(query: ListQuery) -> dict[str, Any]:
    """The filters of an export in its audit event (no personal data: the search text
    is kept only as its length, as a search may be a phone number)."""
    described: dict[str, Any] = {"tab": query.tab}
    if query.search:
        described["search_length"] = len(query.search)
    if query.date_from is not None:
        described["date_from"] = query.date_from.isoformat()
    if query.date_to is not None:
        described["date_to"] = query.date_to.isoformat()
    if query.choices:
        described["choices"] = dict(query.choices)
    if query.order:
        described["order"] = query.order
    return described


@dataclass(frozen=True)
class ExportJob:
    """What a list would export now: read in a worker, in one read session."""

    section: str  # the section's key, for the audit log
    title: str  # the sheet's title and the file name's stem, translated
    columns: Sequence[ExportColumn]
    rows: Callable[[Session], Iterable[Any]]
    expected: int  # the list's total, for the progress bar
    query: dict[str, Any]  # the filters, for the audit log (see describe_query)


def suggested_path(settings: QSettings, stem: str) -> Path:
    """``stem`` and today's date in the folder of the last export (else Documents)."""
    folder = settings.value(SETTINGS_KEY)
    if not isinstance(folder, str) or not Path(folder).is_dir():
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in stem).strip()
    return Path(folder) / f"{safe} {date.today():%Y-%m-%d}.xlsx"


def ask_xlsx_path(parent: QWidget, settings: QSettings, stem: str) -> Path | None:
    """Where to save an export (a file dialog; the folder is remembered), or None."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ListExporter", "Export to Excel"),
        str(suggested_path(settings, stem)),
        QCoreApplication.translate("ListExporter", "Excel workbook (*.xlsx)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    settings.setValue(SETTINGS_KEY, str(path.parent))
    return path


class ListExporter(QObject):
    """Exports a list; ``finished(path, rows)``, ``failed(error)`` or ``cancelled()``.

    ``describe()`` gives the :class:`ExportJob` of the list as it is filtered now;
    ``done(text)`` tells the list's screen what was exported.
    """

    finished = Signal(object, int)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(
        self,
        owner: QWidget,
        context: AppContext,
        describe: Callable[[], ExportJob],
        done: Callable[[str], None],
    ) -> None:
        super().__init__(owner)
        self.owner = owner
        self.context = context
        self.describe = describe
        self.report_done = done
        self.changed: Callable[[], None] = lambda: None  # the owner's enabled states
        self.job: Job[int] | None = None
        self.dialog: QProgressDialog | None = None

    @property
    def running(self) -> bool:
        return self.job is not None

    def ask_and_export(self) -> None:
        if self.running:
            return
        path = ask_xlsx_path(self.owner, self.context.settings, self.describe().title)
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write what the list's query selects to ``path`` (in a job, with progress)."""
        if self.running:
            return
        export = self.describe()
        read_factory, factory = self.context.read_session_factory, self.context.session_factory
        actor, expected = self.context.actor, export.expected

        def work(control: JobControl) -> int:
            with read_factory() as session:
                written = excel_export.export_xlsx(
                    path,
                    export.title,
                    export.columns,
                    export.rows(session),
                    progress=lambda done: control.progress("rows", done, expected),
                    cancelled=control.cancelled,
                    expected_rows=expected,
                )
            try:
                with factory.begin() as session:
                    excel_export.audit_export(
                        session,
                        actor,
                        section=export.section,
                        rows=written,
                        query_description=export.query,
                        file_name=path.name,
                    )
            except BaseException:
                path.unlink(missing_ok=True)  # an export the log does not know of is not kept
                raise
            return written

        self.dialog = self._progress_dialog(expected)
        self.job = self.context.jobs.start(
            work,
            on_success=bound(self, lambda rows: self._done(path, rows)),
            on_failure=bound(self, self._failed),
            on_progress=bound(self, self._progress),
            name=f"{export.section}-export",
        )
        self.changed()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _progress_dialog(self, expected: int) -> QProgressDialog:
        dialog = QProgressDialog(
            self.tr("Exporting {count} rows…").format(count=grouped(expected)),
            self.tr("Cancel"),
            0,
            max(expected, 1),
            self.owner,
        )
        dialog.setObjectName("exportProgress")
        dialog.setWindowTitle(self.tr("Export to Excel"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # small exports finish before it would show
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        dialog.setValue(0)
        return dialog

    def _progress(self, _stage: str, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, done, 1))
            self.dialog.setValue(done)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self.job = None
        self.changed()

    def _done(self, path: Path, rows: int) -> None:
        self._close_dialog()
        self.report_done(
            self.tr("Exported {rows} rows to {file}.").format(rows=grouped(rows), file=path.name)
        )
        self.finished.emit(path, rows)

    def _failed(self, error: BaseException) -> None:
        self._close_dialog()
        if isinstance(error, ExportCancelled | JobCancelledError):
            self.cancelled.emit()
            return
        self.failed.emit(error)
        if isinstance(error, OSError):
            QMessageBox.warning(
                self.owner,
                self.tr("Export to Excel"),
                self.tr(
                    "The file could not be written: {reason}. Choose another folder or close "
                    "the file if it is open in Excel, then export again."
                ).format(reason=error.strerror or type(error).__name__),
            )
            return
        self.context.errors.report(error, self.owner)
