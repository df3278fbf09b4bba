"""The Reports section: the chooser on the left, the built reports as tabs on the right.

Every database read and the PDF build run as jobs; a search or a contract picked while
an older answer is on its way makes that answer stale (generations). One build runs at a
time and can be cancelled; each finished build opens a new tab, and a tab can move to a
window of its own so two reports sit side by side.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.errors import DomainError
from lkk_admin.services.report_contracts import ContractSearch, DataSpan
from lkk_admin.views.context import AppContext, restore_splitter, save_splitter
from lkk_admin.views.framework.callbacks import Latest, bound
from lkk_admin.views.framework.widgets import section_title_label
from lkk_admin.views.reports import jobs
from lkk_admin.views.reports.actions import ReportsActions
from lkk_admin.views.reports.chooser import SEARCH_DELAY_MS, ReportChooser
from lkk_admin.views.reports.jobs import BuiltReport, ReportRequest
from lkk_admin.views.reports.preview import ReportPreview
from lkk_admin.views.sections import SectionSpec, section_by_key
from lkk_admin.views.workers import Job, JobCancelledError, JobControl

SECTION_KEY = "reports"
LAYOUT_GROUP = "ReportsPage"
CHOOSER_MIN_WIDTH = 200  # the main window fits its smallest width; wider, it scrolls


class ReportsPage(QWidget):
    def __init__(
        self,
        context: AppContext,
        spec: SectionSpec | None = None,
        *,
        search_delay_ms: int = SEARCH_DELAY_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPage")
        self.context = context
        spec = spec or section_by_key(SECTION_KEY)
        section_title = spec.translated_title() if spec is not None else ""
        self._search_request = Latest(self)  # a newer search makes an older answer stale
        self._span_request = Latest(self)
        self.build_job: Job[BuiltReport] | None = None
        self.windows: list[QWidget] = []  # previews moved to their own windows
        self._restored = False  # the splitter as this user left it, on first show

        self.chooser = ReportChooser(search_delay_ms=search_delay_ms)
        self._lay_out(section_title)

        self.commands = ReportsActions(self)
        self.menu: QMenu = self.commands.build_menu(self)
        self.menu.menuAction().setVisible(False)  # the main window shows it with the page
        self._update_actions()

        self._connect()

    def _lay_out(self, section_title: str) -> None:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.setMovable(True)
        self.empty_note = QLabel(
            self.tr(
                "Find the contract on the left by its TIN, the customer's name or the "
                "contract number, choose the report and the months, and press "
                "«Build report». The report appears here exactly as the customer gets it "
                "from the portal; several reports open as tabs."
            )
        )
        self.empty_note.setObjectName("reportsEmptyNote")
        self.empty_note.setWordWrap(True)
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_note.setMargin(24)
        self.empty_note.setMinimumWidth(0)
        self.empty_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_note)
        self.stack.addWidget(self.tabs)
        self.status = QLabel()
        self.status.setObjectName("reportsStatus")

        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("reportsSplitter")
        # In a small window the chooser scrolls rather than pushing the window bigger.
        chooser_area = QScrollArea()
        chooser_area.setObjectName("chooserArea")
        chooser_area.setWidget(self.chooser)
        chooser_area.setWidgetResizable(True)
        chooser_area.setFrameShape(QFrame.Shape.NoFrame)
        chooser_area.setMinimumWidth(CHOOSER_MIN_WIDTH)
        splitter.addWidget(chooser_area)
        splitter.addWidget(self.stack)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 760])
        title = section_title_label(section_title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 6)
        layout.addWidget(title)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.commands.find.triggered.connect(self.focus_search)
        self.commands.build.triggered.connect(self.chooser.request_build)
        self.commands.save.triggered.connect(lambda: self._with_current(ReportPreview.ask_and_save))
        self.commands.print_.triggered.connect(
            lambda: self._with_current(ReportPreview.ask_and_print)
        )
        self.commands.own_window.triggered.connect(lambda: self._with_current(self.detach))
        self.commands.close.triggered.connect(lambda: self.close_preview(self.tabs.currentIndex()))
        self.chooser.search_requested.connect(self.search)
        self.chooser.contract_chosen.connect(self.read_span)
        self.chooser.build_requested.connect(self.build)
        self.chooser.cancel_requested.connect(self.cancel_build)
        self.tabs.tabCloseRequested.connect(self.close_preview)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.menu.menuAction().setVisible(True)
        self.commands.set_shortcuts_active(True)
        if not self._restored:
            self._restored = True
            restore_splitter(self.context.settings, LAYOUT_GROUP, self.splitter)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        if not event.spontaneous():
            self.menu.menuAction().setVisible(False)
            self.commands.set_shortcuts_active(False)
            save_splitter(self.context.settings, LAYOUT_GROUP, self.splitter)

    def _update_actions(self) -> None:
        shown = self.tabs.count() > 0
        for action in self.commands.report_actions():
            action.setEnabled(shown)

    def current_preview(self) -> ReportPreview | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, ReportPreview) else None

    def _with_current(self, command: Callable[[ReportPreview], object]) -> None:
        preview = self.current_preview()
        if preview is not None:
            command(preview)

    def focus_search(self) -> None:
        self.chooser.search_box.setFocus()
        self.chooser.search_box.selectAll()

    # --- Contracts ----------------------------------------------------------------------

    def search(self, text: str) -> None:
        self._search_request.next()
        factory = self.context.read_session_factory

        def work(_control: JobControl) -> ContractSearch:
            return jobs.search(factory, text)

        self.context.jobs.start(
            work,
            on_success=self._search_request.wrap(
                lambda found: self.chooser.show_results(found, text)
            ),
            on_failure=bound(self, self._failed),
            name="report-contract-search",
        )

    def show_record(self, contract_id: int, search: str = "") -> None:
        """Choose the contract numbered ``search`` (a link from another section)."""
        del contract_id  # the chooser works by number, as the clerk types it
        if search:
            self.chooser.choose_when_found(search)
            self.chooser.search_box.setText(search)
            self.chooser.search_timer.stop()
            self.search(search)

    def read_span(self, number: str) -> None:
        self._span_request.next()
        factory = self.context.read_session_factory

        def work(_control: JobControl) -> DataSpan:
            return jobs.span(factory, number)

        self.context.jobs.start(
            work,
            on_success=self._span_request.wrap(lambda span: self.chooser.show_span(number, span)),
            on_failure=bound(self, self._failed),
            name="report-span",
        )

    # --- Building -----------------------------------------------------------------------

    def build(self, request: ReportRequest) -> None:
        if self.build_job is not None:
            return  # the button is disabled meanwhile; a shortcut may still arrive
        factory = self.context.read_session_factory

        def work(control: JobControl) -> BuiltReport:
            return jobs.build(factory, request, control)

        self.chooser.set_building(True)
        self.status.setText(self.tr("Building the report…"))
        self.build_job = self.context.jobs.start(
            work,
            on_success=bound(self, self._built),
            on_failure=bound(self, self._build_failed),
            on_progress=bound(self, self._progress),
            on_finished=bound(self, self._build_finished),
            name="report-build",
        )

    def cancel_build(self) -> None:
        if self.build_job is not None:
            self.build_job.cancel()

    def _progress(self, stage: str, done: int, total: int) -> None:
        if stage == "layout":
            self.chooser.set_progress(done, total)
            self.status.setText(self.tr("Laying out the pages…"))
        else:
            self.status.setText(self.tr("Reading the figures…"))

    def _built(self, report: BuiltReport) -> None:
        preview = self._new_preview(report)
        index = self.tabs.addTab(preview, self._tab_title(report.request))
        self.tabs.setTabToolTip(index, report.request.file_name.removesuffix(".pdf"))
        self.tabs.setCurrentIndex(index)
        self.stack.setCurrentWidget(self.tabs)
        self._update_actions()
        preview.view.setFocus()
        self.status.setText(self.tr("The report is ready: %n page(s).", "", report.pages))
        if report.shortened:
            request = report.request
            self.chooser.show_notice(
                self.tr(
                    "The tariff certificate covers only the months the contract was in force: "
                    "{first}–{last}."
                ).format(first=f"{request.first:%m.%Y}", last=f"{request.last:%m.%Y}")
            )

    def _build_failed(self, error: BaseException) -> None:
        if isinstance(error, JobCancelledError):
            self.status.setText(self.tr("Building was cancelled."))
        elif isinstance(error, DomainError):
            # No data for the period, an unknown contract: the clerk's next step, in place.
            self.status.clear()
            self.chooser.show_notice(str(error))
        else:
            self.status.clear()
            self._failed(error)

    def _build_finished(self) -> None:
        self.build_job = None
        self.chooser.set_building(False)

    def _failed(self, error: BaseException) -> None:
        self.context.errors.report(error, self)

    # --- Previews -----------------------------------------------------------------------

    def _tab_title(self, request: ReportRequest) -> str:
        short = {
            "consumption": self.tr("Consumption"),
            "statement": self.tr("Statement"),
            "tariff": self.tr("Tariff"),
        }[request.kind]
        period = (
            f"{request.first:%m.%Y}"
            if request.first == request.last
            else f"{request.first:%m.%Y}–{request.last:%m.%Y}"
        )
        return f"{short} {request.contract_number}, {period}"

    def _new_preview(self, report: BuiltReport) -> ReportPreview:
        preview = ReportPreview(self.context, report)
        preview.message.connect(self.status.setText)
        preview.detach_requested.connect(lambda: self.detach(preview))
        return preview

    def previews(self) -> list[ReportPreview]:
        found = (self.tabs.widget(i) for i in range(self.tabs.count()))
        return [widget for widget in found if isinstance(widget, ReportPreview)]

    def close_preview(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is None:
            return
        self.tabs.removeTab(index)
        widget.deleteLater()
        if self.tabs.count() == 0:
            self.stack.setCurrentWidget(self.empty_note)
        self._update_actions()

    def detach(self, preview: ReportPreview) -> QWidget:
        """Move ``preview`` out of the tabs into a window of its own."""
        index = self.tabs.indexOf(preview)
        title = self.tabs.tabToolTip(index) if index >= 0 else preview.report.request.file_name
        if index >= 0:
            self.tabs.removeTab(index)
        if self.tabs.count() == 0:
            self.stack.setCurrentWidget(self.empty_note)
        self._update_actions()
        window = QWidget(self, Qt.WindowType.Window)
        window.setObjectName("reportWindow")
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.setWindowTitle(title)
        layout = QVBoxLayout(window)
        layout.setContentsMargins(0, 0, 0, 0)
        preview.setParent(window)
        preview.detach.setVisible(False)
        preview.use_own_shortcuts()
        layout.addWidget(preview)
        window.resize(900, 700)
        self.windows.append(window)
        window.destroyed.connect(
            lambda: self.windows.remove(window) if window in self.windows else None
        )
        window.show()
        return window


def create_page(context: AppContext, spec: SectionSpec | None = None) -> ReportsPage:
    """The factory registered for the "reports" section."""
    return ReportsPage(context, spec)
