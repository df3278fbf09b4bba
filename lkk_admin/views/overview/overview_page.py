"""«Обзор очереди»: the registration queue at a glance, for the head of the verification
group. Read-only.

The figures come from :func:`lkk_admin.services.queue_overview.overview`, read in a
worker job whenever the page is shown, on F5 and on the Refresh button; while the page is
shown a cheap fingerprint of the queue (:func:`.queue_events.fingerprint`) is read every
half minute and the figures are read again when it changed, so decisions taken at other
desks appear without a click. An answer to an older question is dropped (``Latest``).
Ctrl+E saves every figure to one workbook, a sheet per table, and records the export in
the audit log. The content scrolls vertically only, so the page works in a window of
1024×600.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.services import excel_export, overview_export, queue_events
from lkk_admin.services.queue_overview import DEFAULT_WEEKS, QueueOverview, overview
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.callbacks import Latest, bound
from lkk_admin.views.framework.export import ask_xlsx_path
from lkk_admin.views.framework.widgets import section_title_label
from lkk_admin.views.overview.figures import OverviewFigures
from lkk_admin.views.overview.tables import sheets
from lkk_admin.views.pane_parts import NoticeLabel
from lkk_admin.views.section_actions import SectionActions
from lkk_admin.views.sections import SectionSpec, section_by_key
from lkk_admin.views.workers import JobControl

SECTION_KEY = "queue_overview"
POLL_INTERVAL_MS = 30_000
WEEK_CHOICES = (2, 4, 6, 8, 12, 26)
WEEKS_SETTING = "QueueOverview/weeks"
SHORTCUTS = {"refreshOverviewAction": ("F5",), "exportOverviewAction": ("Ctrl+E",)}

Fingerprint = tuple[int, str]


class OverviewActions(SectionActions):
    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner, SHORTCUTS)
        self.refresh = self._action(
            "refreshOverviewAction", self.tr("&Refresh"), self.tr("Read the figures again")
        )
        self.export = self._action(
            "exportOverviewAction",
            self.tr("&Export to Excel…"),
            self.tr("Save every figure of the overview to an Excel workbook, a sheet per table"),
        )

    def build_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(self.tr("&Overview"), parent)
        menu.setObjectName("overviewMenu")
        menu.setToolTipsVisible(True)
        menu.addAction(self.refresh)
        menu.addAction(self.export)
        return menu


def read_overview(factory: sessionmaker[Session], weeks: int) -> tuple[QueueOverview, Fingerprint]:
    """The figures and the queue's fingerprint they were read at (in a worker)."""
    with factory() as session:
        return overview(session, weeks=weeks), queue_events.fingerprint(session)


class OverviewPage(QWidget):
    navigate_requested = Signal(str, int, str)  # a looped request opened in the queue
    loaded = Signal(object)  # QueueOverview, shown
    exported = Signal(object, int)  # the workbook's path, rows written

    def __init__(
        self,
        context: AppContext,
        spec: SectionSpec | None = None,
        *,
        poll_interval_ms: int = POLL_INTERVAL_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("queueOverviewPage")
        self.context = context
        spec = spec or section_by_key(SECTION_KEY)
        self.overview: QueueOverview | None = None
        self.fingerprint: Fingerprint | None = None
        self.exporting = False
        self._request = Latest(self)
        self._polling = False

        self.commands = OverviewActions(self)
        self.menu = self.commands.build_menu(self)
        self.menu.menuAction().setVisible(False)  # the main window shows it with the page
        self.commands.refresh.triggered.connect(lambda: self.refresh(user=True))
        self.commands.export.triggered.connect(self.ask_and_export)

        self.figures = OverviewFigures()
        self.figures.link_activated.connect(self.navigate_requested)
        self._lay_out(spec.translated_title() if spec is not None else "")
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(poll_interval_ms)
        self.poll_timer.timeout.connect(self.poll)
        self._update_actions()

    def _lay_out(self, title: str) -> None:
        self.weeks_box = QComboBox()
        self.weeks_box.setObjectName("weeksBox")
        self.weeks_box.setToolTip(self.tr("The period the decisions and times are counted for"))
        saved = str(self.context.settings.value(WEEKS_SETTING, DEFAULT_WEEKS))
        for weeks in WEEK_CHOICES:
            self.weeks_box.addItem(self.tr("%n week(s)", "", weeks), weeks)
        chosen = self.weeks_box.findData(int(saved) if saved.isdigit() else DEFAULT_WEEKS)
        self.weeks_box.setCurrentIndex(max(chosen, 0))
        self.weeks_box.currentIndexChanged.connect(self._weeks_changed)
        self.as_of_label = QLabel()
        self.as_of_label.setObjectName("asOfLabel")
        self.as_of_label.setStyleSheet(f"color: {fmt.MUTED_TEXT.name()};")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setToolTip(self.commands.refresh.toolTip())
        self.refresh_button.clicked.connect(self.commands.refresh.trigger)
        self.export_button = QPushButton(self.tr("Excel…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(self.commands.export.toolTip())
        self.export_button.clicked.connect(self.commands.export.trigger)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(section_title_label(title), 1)
        top.addWidget(self.as_of_label)
        top.addWidget(self.weeks_box)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)
        self.notice = NoticeLabel("overviewNotice")

        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("overviewScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.figures)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.scroll_area, 1)

    # --- showing, refreshing ----------------------------------------------------------------

    @property
    def weeks(self) -> int:
        return int(self.weeks_box.currentData())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if event.spontaneous():
            return
        self.menu.menuAction().setVisible(True)
        self.commands.set_shortcuts_active(True)
        self.refresh()
        self.poll_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        if not event.spontaneous():
            self.menu.menuAction().setVisible(False)
            self.commands.set_shortcuts_active(False)
            self.poll_timer.stop()

    def _weeks_changed(self) -> None:
        self.context.settings.setValue(WEEKS_SETTING, self.weeks)
        self.refresh(user=True)

    def refresh(self, *, user: bool = False) -> None:
        """Read the figures again (``user``: asked for, so a failure is reported)."""
        self._request.next()
        factory, weeks = self.context.read_session_factory, self.weeks
        self.as_of_label.setText(self.tr("Reading…"))
        self.context.jobs.start(
            lambda _control: read_overview(factory, weeks),
            on_success=self._request.wrap(self._show),
            on_failure=self._request.wrap(lambda error: self._failed(error, user)),
            name="queue-overview",
        )

    def _show(self, answer: tuple[QueueOverview, Fingerprint]) -> None:
        seen, self.fingerprint = answer
        self.overview = seen
        self.notice.hide_notice()
        self.figures.show_overview(seen)
        self.as_of_label.setText(
            self.tr("As of {time}").format(time=fmt.short_time(seen.generated_at))
        )
        self._update_actions()
        self.loaded.emit(seen)

    def _failed(self, error: BaseException, user: bool) -> None:
        self.as_of_label.setText("")
        if user or self.overview is None:
            self.context.errors.report(error, self)
        self.notice.show_notice(
            self.tr("The figures could not be read; those shown may be out of date."), "warning"
        )

    def poll(self) -> None:
        """Read the queue's fingerprint; read the figures again when it changed."""
        if self._polling or self.fingerprint is None:
            return
        self._polling = True
        factory = self.context.read_session_factory

        def fingerprint(_control: JobControl) -> Fingerprint:
            with factory() as session:
                return queue_events.fingerprint(session)

        self.context.jobs.start(
            fingerprint,
            on_success=bound(self, self._polled),
            on_failure=bound(self, lambda _error: None),  # the next poll tries again
            on_finished=bound(self, self._poll_done),
            name="queue-overview-poll",
        )

    def _polled(self, fingerprint: Fingerprint) -> None:
        if fingerprint != self.fingerprint:
            self.refresh()

    def _poll_done(self) -> None:
        self._polling = False

    # --- export -----------------------------------------------------------------------------

    def _update_actions(self) -> None:
        can_export = self.overview is not None and not self.exporting
        self.commands.export.setEnabled(can_export)
        self.export_button.setEnabled(can_export)

    def ask_and_export(self) -> None:
        if self.overview is None or self.exporting:
            return
        path = ask_xlsx_path(self, self.context.settings, self.tr("Queue overview"))
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Save the figures shown to ``path`` (in a job) and record it in the audit log."""
        if self.overview is None or self.exporting:
            return
        seen, tables = self.overview, sheets(self.overview)
        factory, actor = self.context.session_factory, self.context.actor
        work = export_work(path, tables, seen, factory, actor)
        self.exporting = True
        self._update_actions()
        self.context.jobs.start(
            work,
            on_success=bound(self, lambda rows: self._exported(path, rows)),
            on_failure=bound(self, lambda error: self.context.errors.report(error, self)),
            on_finished=bound(self, self._export_done),
            name="queue-overview-export",
        )

    def _exported(self, path: Path, rows: int) -> None:
        self.notice.show_notice(
            self.tr("The overview is saved to {file}.").format(file=path.name), "success"
        )
        self.exported.emit(path, rows)

    def _export_done(self) -> None:
        self.exporting = False
        self._update_actions()


def export_work(
    path: Path,
    tables: list[overview_export.Sheet],
    seen: QueueOverview,
    factory: sessionmaker[Session],
    actor: str,
) -> Callable[[JobControl], int]:
    def work(_control: JobControl) -> int:
        rows = overview_export.export_sheets(path, tables)
        try:
            with factory.begin() as session:
                excel_export.audit_export(
                    session,
                    actor,
                    section=SECTION_KEY,
                    rows=rows,
                    query_description={
                        "weeks": seen.weeks,
                        "since": seen.since.isoformat(),
                        "sheets": len(tables),
                    },
                    file_name=path.name,
                )
        except BaseException:
            path.unlink(missing_ok=True)  # an export the log does not know of is not kept
            raise
        return rows

    return work


def create_page(context: AppContext, spec: SectionSpec) -> QWidget:
    return OverviewPage(context, spec)
