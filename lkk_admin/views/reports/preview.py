"""One built report in the embedded PDF viewer: pages, zoom, save, print, own window.

The PDF lives in memory (it was built by a worker job); saving writes it in a job too.
Printing renders each page to an image at the printer's resolution: QtPdf has no vector
path to a printer, and at 300 dpi the result is what the customer prints from the portal.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.reports import jobs
from lkk_admin.views.reports.jobs import BuiltReport
from lkk_admin.views.section_actions import key_text
from lkk_admin.views.workers import JobControl

SAVE_FOLDER_KEY = "Reports/save_folder"
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
FIT_WIDTH, FIT_PAGE = "width", "page"


class ReportPreview(QWidget):
    """The viewer of one report; ``detach_requested`` asks for it in its own window."""

    detach_requested = Signal()
    saved = Signal(Path)
    message = Signal(str)  # a line for the status bar

    def __init__(
        self, context: AppContext, report: BuiltReport, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportPreview")
        self.context = context
        self.report = report
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(report.pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        self._build_actions()
        self.toolbar = self._build_toolbar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)

        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.view.zoomFactorChanged.connect(self._zoom_changed)
        self.view.zoomModeChanged.connect(self._zoom_changed)
        self._page_changed(0)

    # --- Building -----------------------------------------------------------------------

    def _action(
        self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None, tip: str
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            # Each open preview has its own shortcuts, active where the focus is.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            tip = f"{tip} ({key_text(action.shortcut())})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.previous_page = self._action(self.tr("◀"), "Ctrl+PgUp", self.tr("Previous page"))
        self.next_page = self._action(self.tr("▶"), "Ctrl+PgDown", self.tr("Next page"))
        self.zoom_out = self._action(
            self.tr("−"), QKeySequence.StandardKey.ZoomOut, self.tr("Zoom out")
        )
        self.zoom_in = self._action(
            self.tr("+"), QKeySequence.StandardKey.ZoomIn, self.tr("Zoom in")
        )
        # In a tab, the section's Report menu owns Ctrl+S and Ctrl+P (use_own_shortcuts).
        self.save = self._action(
            self.tr("&Save as PDF…"), None, self.tr("Save the report as a PDF file")
        )
        self.print_ = self._action(self.tr("&Print…"), None, self.tr("Print the report"))
        self.detach = self._action(
            self.tr("Own &window"),
            None,
            self.tr("Open this report in a window of its own, to place reports side by side"),
        )
        self.previous_page.triggered.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_page.triggered.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.zoom_out.triggered.connect(lambda: self.step_zoom(-1))
        self.zoom_in.triggered.connect(lambda: self.step_zoom(+1))
        self.save.triggered.connect(self.ask_and_save)
        self.print_.triggered.connect(self.ask_and_print)
        self.detach.triggered.connect(self.detach_requested)

    def _build_toolbar(self) -> QToolBar:
        toolbar = QToolBar(self)
        toolbar.setObjectName("previewToolbar")
        toolbar.addAction(self.previous_page)
        self.page_box = QSpinBox()
        self.page_box.setObjectName("pageBox")
        self.page_box.setRange(1, max(1, self.report.pages))
        self.page_box.setToolTip(self.tr("Page"))
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(lambda number: self.go_to_page(number - 1))
        toolbar.addWidget(self.page_box)
        self.page_count = QLabel(self.tr(" of %n", "", self.report.pages))
        toolbar.addWidget(self.page_count)
        toolbar.addAction(self.next_page)
        toolbar.addSeparator()
        toolbar.addAction(self.zoom_out)
        self.zoom_box = QComboBox()
        self.zoom_box.setObjectName("zoomBox")
        self.zoom_box.setToolTip(self.tr("Zoom"))
        self.zoom_box.addItem(self.tr("Fit width"), FIT_WIDTH)
        self.zoom_box.addItem(self.tr("Whole page"), FIT_PAGE)
        for factor in ZOOM_STEPS:
            self.zoom_box.addItem(f"{factor * 100:.0f} %", factor)
        self.zoom_box.activated.connect(lambda index: self.set_zoom(self.zoom_box.itemData(index)))
        toolbar.addWidget(self.zoom_box)
        toolbar.addAction(self.zoom_in)
        toolbar.addSeparator()
        toolbar.addAction(self.save)
        toolbar.addAction(self.print_)
        toolbar.addAction(self.detach)
        return toolbar

    def use_own_shortcuts(self) -> None:
        """In a window of its own the report answers Ctrl+S and Ctrl+P itself."""
        for action, key in (
            (self.save, QKeySequence.StandardKey.Save),
            (self.print_, QKeySequence.StandardKey.Print),
        ):
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    # --- Pages and zoom -----------------------------------------------------------------

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        page = max(0, min(page, self.document.pageCount() - 1))
        if page != self.current_page():
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())

    def _page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.previous_page.setEnabled(page > 0)
        self.next_page.setEnabled(page < self.report.pages - 1)

    def set_zoom(self, zoom: object) -> None:
        if zoom == FIT_WIDTH:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif zoom == FIT_PAGE:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        elif isinstance(zoom, float):
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(zoom)

    def step_zoom(self, direction: int) -> None:
        """The next listed zoom step in or out from what is shown now (fit modes too)."""
        now = self.view.zoomFactor()
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            now = self._fitted_factor()
        steps = [
            step
            for step in ZOOM_STEPS
            if (step > now + 0.01 if direction > 0 else step < now - 0.01)
        ]
        if steps:
            self.set_zoom(steps[0] if direction > 0 else steps[-1])

    def _fitted_factor(self) -> float:
        """What a fit mode amounts to at this view's width (QPdfView keeps it private)."""
        page = self.document.pagePointSize(self.current_page())
        if page.width() <= 0:
            return 1.0
        # QPdfView's zoom 1.0 shows a point as a logical pixel at 72 dpi scaled to the screen.
        points_to_pixels = self.logicalDpiX() / 72
        return self.view.viewport().width() / (page.width() * points_to_pixels)

    def _zoom_changed(self) -> None:
        mode = self.view.zoomMode()
        wanted: object = (
            FIT_WIDTH
            if mode == QPdfView.ZoomMode.FitToWidth
            else FIT_PAGE
            if mode == QPdfView.ZoomMode.FitInView
            else self.view.zoomFactor()
        )
        index = self.zoom_box.findData(wanted)
        if index >= 0:  # the toolbar only sets listed steps; a factor between keeps the box
            self.zoom_box.setCurrentIndex(index)

    # --- Saving -------------------------------------------------------------------------

    def _save_folder(self) -> Path:
        stored = str(self.context.settings.value(SAVE_FOLDER_KEY, "", str) or "")
        return Path(stored) if stored else Path(platformdirs.user_documents_dir())

    def ask_and_save(self) -> None:
        suggested = self._save_folder() / self.report.request.file_name
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), str(suggested), self.tr("PDF documents (*.pdf)")
        )
        if chosen:
            self.save_to(Path(chosen))

    def save_to(self, path: Path) -> None:
        """Write the PDF in a job; a name typed without «.pdf» gets it."""
        if path.suffix.lower() != ".pdf":
            path = path.with_name(f"{path.name}.pdf")
        pdf = self.report.pdf
        self.save.setEnabled(False)

        def work(_control: JobControl) -> Path:
            return jobs.save(path, pdf)

        self.context.jobs.start(
            work,
            on_success=bound(self, self._saved),
            on_failure=bound(self, self._save_failed),
            on_finished=bound(self, lambda: self.save.setEnabled(True)),
            name="report-save",
        )

    def _saved(self, path: Path) -> None:
        self.context.settings.setValue(SAVE_FOLDER_KEY, str(path.parent))
        self.message.emit(self.tr("Saved: %1").replace("%1", str(path)))
        self.saved.emit(path)

    def _save_failed(self, error: BaseException) -> None:
        self.context.errors.report(error, self)

    # --- Printing -----------------------------------------------------------------------

    def ask_and_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)  # as the reports are
        printer.setDocName(self.report.request.file_name)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.report.pages)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Paint the chosen pages on ``printer``; returns how many were printed."""
        first = max(printer.fromPage(), 1) - 1
        last = (printer.toPage() or self.report.pages) - 1
        painter = QPainter()
        if not painter.begin(printer):
            self.message.emit(self.tr("The printer could not be started."))
            return 0
        printed = 0
        try:
            for page in range(first, last + 1):
                if printed:
                    printer.newPage()
                area = printer.pageLayout().paintRectPixels(printer.resolution())
                image = self._page_image(page, area.size())
                target = QRect(0, 0, image.width(), image.height())
                target.moveCenter(QRect(0, 0, area.width(), area.height()).center())
                painter.drawImage(target, image)
                printed += 1
        finally:
            painter.end()
        self.message.emit(self.tr("Sent to the printer: %n page(s).", "", printed))
        return printed

    def _page_image(self, page: int, room: QSize) -> QImage:
        size = self.document.pagePointSize(page).toSize()
        size.scale(room, Qt.AspectRatioMode.KeepAspectRatio)
        return self.document.render(page, size)
