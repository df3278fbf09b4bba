"""Ctrl+E on any list: every row its filters and search select, saved as an .xlsx file.

The rows are read and written in a worker job (:mod:`lkk_admin.services.excel_export`,
through a ``.part`` file), behind a progress dialog that can cancel; the export is then
recorded in the audit log (what, how many rows, by whom). A cancelled or failed export
leaves no file behind. The columns are the list's visible ones, as the screen shows
them: personal data stay masked.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from lkk_admin.services import excel_export
from lkk_admin.services.excel_export import ExportCancelled, ExportColumn
from lkk_admin.services.listing import ListQuery
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.framework.formatting import grouped
from lkk_admin.views.workers import Job, JobCancelledError, JobControl

if TYPE_CHECKING:
    from lkk_admin.views.framework.list_page import ListPage

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


class ListExporter(QObject):
    """Exports a page's list; ``finished(path, rows)`` or ``failed(error)`` at the end."""

    finished = Signal(object, int)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, page: ListPage[Any]) -> None:
        super().__init__(page)
        self.page = page
        self.job: Job[int] | None = None
        self.dialog: QProgressDialog | None = None

    @property
    def running(self) -> bool:
        return self.job is not None

    def suggested_path(self) -> Path:
        section = self.page.section
        stem = section.translate(section.export_name) or self.page.spec.translated_title()
        folder = self.page.context.settings.value(SETTINGS_KEY)
        if not isinstance(folder, str) or not Path(folder).is_dir():
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
        safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in stem).strip()
        return Path(folder) / f"{safe} {date.today():%Y-%m-%d}.xlsx"

    def ask_and_export(self) -> None:
        if self.running:
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self.page,
            self.tr("Export to Excel"),
            str(self.suggested_path()),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if chosen:
            path = Path(chosen)
            if path.suffix.lower() != ".xlsx":
                path = path.with_name(path.name + ".xlsx")
            self.page.context.settings.setValue(SETTINGS_KEY, str(path.parent))
            self.export_to(path)

    def columns(self) -> list[ExportColumn]:
        section = self.page.section
        return [
            ExportColumn(
                section.translate(column.header),
                column.export if column.export is not None else column.text,
                column.export_kind if column.export is not None else "text",
                column.export_width,
            )
            for number, column in enumerate(section.columns)
            if number in self.page.visible_columns()
        ]

    def export_to(self, path: Path) -> None:
        """Write what the list's query selects to ``path`` (in a job, with progress)."""
        if self.running:
            return
        page = self.page
        context, section = page.context, page.section
        source, query, expected = page.source, page.model.query, page.model.total
        read_factory, factory = context.read_session_factory, context.session_factory
        actor, columns = context.actor, self.columns()
        sheet = section.translate(section.export_name) or page.spec.translated_title()

        def work(control: JobControl) -> int:
            with read_factory() as session:
                written = excel_export.export_xlsx(
                    path,
                    sheet,
                    columns,
                    source.export_rows(session, query),
                    progress=lambda done: control.progress("rows", done, expected),
                    cancelled=control.cancelled,
                    expected_rows=expected,
                )
            try:
                with factory.begin() as session:
                    excel_export.audit_export(
                        session,
                        actor,
                        section=section.key,
                        rows=written,
                        query_description=describe_query(query),
                        file_name=path.name,
                    )
            except BaseException:
                path.unlink(missing_ok=True)  # an export the log does not know of is not kept
                raise
            return written

        self.dialog = self._progress_dialog(expected)
        self.job = context.jobs.start(
            work,
            on_success=bound(self, lambda rows: self._done(path, rows)),
            on_failure=bound(self, self._failed),
            on_progress=bound(self, self._progress),
            name=f"{section.key}-export",
        )
        page.update_actions()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _progress_dialog(self, expected: int) -> QProgressDialog:
        dialog = QProgressDialog(
            self.tr("Exporting {count} rows…").format(count=grouped(expected)),
            self.tr("Cancel"),
            0,
            max(expected, 1),
            self.page,
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
        self.page.update_actions()

    def _done(self, path: Path, rows: int) -> None:
        self._close_dialog()
        self.page.show_list_notice(
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
                self.page,
                self.tr("Export to Excel"),
                self.tr(
                    "The file could not be written: {reason}. Choose another folder or close "
                    "the file if it is open in Excel, then export again."
                ).format(reason=error.strerror or type(error).__name__),
            )
            return
        self.page.context.errors.report(error, self.page)
