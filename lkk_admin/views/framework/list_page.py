"""The one generic list-and-detail page every declared section is shown by.

Given a :class:`~lkk_admin.views.framework.spec.ListSection`, it builds the title, the
filters, a debounced search box, the list with "shown x of y" and its empty state, the
detail pane under a saved splitter, the section's menu, and the keys: Ctrl+F to search,
Enter to go to the detail, F5 to read again, Ctrl+E to export to Excel. The detail of the
current row is read in the background; an answer to an older selection is dropped.
A section with commands of its own subclasses the page and adds them (the outbox).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Generic, cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.listing import ListQuery, RowT
from lkk_admin.views.context import AppContext, restore_splitter, save_splitter
from lkk_admin.views.framework.callbacks import Latest, bound
from lkk_admin.views.framework.detail import DetailView
from lkk_admin.views.framework.export import ExportJob, ListExporter, describe_query
from lkk_admin.views.framework.filter_bar import FilterBar
from lkk_admin.views.framework.list_view import ListView
from lkk_admin.views.framework.spec import ActionSpec, Choice, ListSection
from lkk_admin.views.framework.table_model import SectionTableModel
from lkk_admin.views.framework.widgets import SearchBox, section_title_label
from lkk_admin.views.pane_parts import NoticeLabel
from lkk_admin.views.section_actions import SectionActions
from lkk_admin.views.sections import SectionSpec

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 300  # typing a search or a date: reload once the user pauses
SEARCH_MIN_WIDTH = 90  # the page fits the main window's smallest width
STANDARD_KEYS: dict[str, tuple[str, ...]] = {
    "findAction": ("Ctrl+F",),
    "refreshAction": ("F5",),
    "exportAction": ("Ctrl+E",),
}


class ListActions(SectionActions):
    """The standard commands of a list (find, refresh, export) and the section's own."""

    def __init__(self, owner: QWidget, section: ListSection[Any], roles: frozenset[str]) -> None:
        keys = dict(STANDARD_KEYS)
        allowed = [spec for spec in section.actions if not spec.roles or spec.roles & roles]
        for spec in allowed:
            keys[f"{spec.name}Action"] = spec.keys
        super().__init__(owner, keys)
        self.section = section
        self.specs: dict[str, ActionSpec] = {}
        self.named: dict[str, QAction] = {}
        for spec in allowed:
            action = self._action(
                f"{spec.name}Action", section.translate(spec.text), section.translate(spec.tip)
            )
            self.specs[spec.name] = spec
            self.named[spec.name] = action
        self.find = self._action(
            "findAction", self.tr("&Find…"), section.translate(section.search_tip)
        )
        self.refresh = self._action(
            "refreshAction", self.tr("Re&fresh"), self.tr("Read the list and the open record again")
        )
        self.export = self._action(
            "exportAction",
            self.tr("&Export to Excel…"),
            self.tr("Save every row the filters and the search select as an .xlsx file"),
        )

    def pane_actions(self) -> list[QAction]:
        return [self.named[name] for name, spec in self.specs.items() if spec.in_pane]

    def build_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(self.section.translate(self.section.menu_title), parent)
        menu.setObjectName(f"{self.section.key}Menu")
        menu.setToolTipsVisible(True)
        for action in self.named.values():
            menu.addAction(action)
        if self.named:
            menu.addSeparator()
        menu.addAction(self.find)
        menu.addAction(self.refresh)
        menu.addAction(self.export)
        return menu


class ListPage(QWidget, Generic[RowT]):
    """A section as its :class:`ListSection` describes it, for one member of staff."""

    # Another section should show a record: (section key, record id, search text).
    navigate_requested = Signal(str, int, str)
    detail_loaded = Signal(object)  # the detail now shown (tests, links)

    def __init__(
        self,
        context: AppContext,
        spec: SectionSpec,
        section: ListSection[RowT],
        *,
        page_size: int | None = None,
        search_delay_ms: int = SEARCH_DELAY_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{section.key}Page")
        self.context = context
        self.spec = spec
        self.section = section
        self.source = section.source(context)
        self._restored = False
        self._options_read = False
        self._wanted: int | None = None  # the record the user asked to see last
        self._detail_request = Latest(self)

        self.commands = self._make_commands()
        self.filters = FilterBar(section, self)
        self.model: SectionTableModel[RowT] = SectionTableModel(
            context, section, self.source, page_size=page_size, parent=self
        )
        self.list = ListView(
            self.model,
            empty_text=section.translate(section.empty_text),
            empty_filtered_text=section.translate(section.empty_filtered_text),
            loading_text=self.tr("Loading the {what}…").format(
                what=section.translate(section.noun)
            ),
        )
        self.table = self.list.table
        self.view: Any = section.detail(context)
        self.detail_view: DetailView = cast(DetailView, self.view)
        self.detail_view.set_actions(self.commands.pane_actions())
        self.search_box = SearchBox(self.list.focus_table)
        self.search_box.setPlaceholderText(section.translate(section.search_placeholder))
        self.search_box.setToolTip(section.translate(section.search_tip))
        self.search_box.setMinimumWidth(SEARCH_MIN_WIDTH)
        self.exporter = ListExporter(self, context, self.export_job, self.show_list_notice)
        self.exporter.changed = self.update_actions
        self.notice = NoticeLabel("listNotice")  # what an export (or the like) has done
        self._build(spec.translated_title())
        self.menu: QMenu = self.commands.build_menu(self)
        self.menu.menuAction().setVisible(False)  # the main window shows it with the page

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(search_delay_ms)
        self._connect()
        self.detail_view.clear(None)
        self.update_actions()

    def _make_commands(self) -> ListActions:
        return ListActions(self, self.section, self.context.connection.staff_roles)

    # --- building ---------------------------------------------------------------------------

    def _build(self, title_text: str) -> None:
        title = section_title_label(title_text)
        top = QHBoxLayout()
        top.addWidget(title, 1)
        top.addWidget(self.filters.dates)
        top.addWidget(self.search_box, 1)

        filters_row = QHBoxLayout()
        filters_row.setSpacing(8)
        filters_row.addWidget(self.filters.tabs, 1)
        if not self.section.tabs:
            filters_row.addStretch(1)
        filters_row.addWidget(self.filters.choice_row)

        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.setSpacing(4)
        if self.section.tabs or self.section.choices:
            upper_layout.addLayout(filters_row)
        upper_layout.addWidget(self.notice)
        upper_layout.addWidget(self.list, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName(f"{self.section.key}Splitter")
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.view)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([300, 400])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        commands = self.commands
        for name, action in commands.named.items():
            spec = commands.specs[name]
            action.triggered.connect(lambda _checked=False, spec=spec: self.run_action(spec))
        commands.find.triggered.connect(self.focus_search)
        commands.refresh.triggered.connect(self.refresh)
        commands.export.triggered.connect(self.exporter.ask_and_export)

        self.search_box.textChanged.connect(lambda _text: self.search_timer.start())
        self.search_box.returnPressed.connect(self._search_now)
        self.search_timer.timeout.connect(self.apply_filters)
        self.filters.status_changed.connect(self.apply_filters)
        self.filters.choice_changed.connect(self.apply_filters)
        self.filters.dates_changed.connect(self.search_timer.start)
        self.table.horizontalHeader().sectionClicked.connect(self._header_clicked)
        self.table.activated_row.connect(self.open_current)

        self.list.current_changed.connect(self._current_changed)
        self.list.rows_loaded.connect(self._rows_loaded)
        self.model.counts_changed.connect(self.filters.set_counts)
        self.model.load_failed.connect(self._load_failed)
        link = getattr(self.view, "link_activated", None)
        if link is not None:
            link.connect(self.navigate_requested)

    # --- showing and hiding -----------------------------------------------------------------

    @property
    def layout_group(self) -> str:
        return f"{self.section.key}Page"

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.menu.menuAction().setVisible(True)
        self.commands.set_shortcuts_active(True)
        if not self._restored:
            self._restored = True
            self.restore_layout()
        if not self._options_read:
            self._options_read = True
            self.read_options()
        if self.model.loaded_once:
            self.refresh()  # others worked meanwhile
        else:
            self.apply_filters()
        self.update_actions()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        super().hideEvent(event)
        if not event.spontaneous():
            self.menu.menuAction().setVisible(False)
            self.commands.set_shortcuts_active(False)
            self.save_layout()
        self.update_actions()

    def restore_layout(self) -> None:
        restore_splitter(self.context.settings, self.layout_group, self.splitter)

    def save_layout(self) -> None:
        save_splitter(self.context.settings, self.layout_group, self.splitter)

    def read_options(self) -> None:
        """Fill the drop-down filters (their options come from the database)."""
        for choice in self.section.choices:
            self._read_choice(choice)

    def _read_choice(self, choice: Choice) -> None:
        factory = self.context.read_session_factory

        def failed(error: BaseException) -> None:
            log.warning("reading the %s options failed: %s", choice.key, type(error).__name__)

        self.context.jobs.start(
            lambda _control: choice.options(factory),
            on_success=bound(self, lambda options: self.filters.set_options(choice.key, options)),
            on_failure=bound(self, failed),
            name=f"{self.section.key}-options",
        )

    # --- the list ---------------------------------------------------------------------------

    def query(self) -> ListQuery:
        return ListQuery(
            tab=self.filters.status,
            search=self.search_box.text().strip(),
            date_from=self.filters.date_from,
            date_to=self.filters.date_to,
            choices=self.filters.choices(),
            order=self.model.query.order,
        )

    def apply_filters(self) -> None:
        self.search_timer.stop()
        query = self.query()
        self.list.set_filtered(self.filters.is_filtered() or bool(query.search))
        self.table.show_columns_for(query.tab)
        if query != self.model.query or not self.model.loaded_once:
            self.model.set_query(query)

    def _search_now(self) -> None:
        self.apply_filters()
        self.list.focus_table()

    def _header_clicked(self, number: int) -> None:
        """A sortable column's header orders by it; a second click reverses."""
        if not 0 <= number < len(self.section.columns):
            return
        key = self.section.columns[number].sort
        if not key:
            return
        current = self.model.query.order
        order = f"-{key}" if current == key else key
        self.model.set_query(replace(self.query(), order=order))
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def refresh(self) -> None:
        self.model.refresh()
        if self._wanted is not None:
            self.open_detail(self._wanted, quiet=True)

    def _rows_loaded(self) -> None:
        self.update_actions()

    def _load_failed(self, error: BaseException, _user: bool) -> None:
        self.context.errors.report(error, self)

    def _current_changed(self, row_id: int | None) -> None:
        if row_id is None:
            self._wanted = None
            self._detail_request.drop()  # a record still loading is no longer wanted
            self.view.clear(
                self.tr("Nothing to show: the list is empty.")
                if self.model.rowCount() == 0
                else None
            )
        elif self.detail_view.shown_id != row_id:
            self.open_detail(row_id)
        self.update_actions()

    def open_current(self) -> None:
        """Enter on the list: go to the open record's pane."""
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.focusNextChild()

    # --- the detail -------------------------------------------------------------------------

    def open_detail(self, row_id: int, *, quiet: bool = False) -> None:
        """Show a record; ``quiet``: a reread of the one shown (no error box if it fails)."""
        if quiet and row_id != self._wanted:
            return  # the user has moved on: that one is being read
        self._wanted = row_id
        self._detail_request.next()
        if not quiet:
            self.view.show_loading()
        factory, source = self.context.read_session_factory, self.source

        def load(_control: object) -> Any:
            with factory() as session:
                return source.detail(session, row_id)

        def failed(error: BaseException) -> None:
            if quiet:
                log.warning("rereading the open record failed: %s", type(error).__name__)
            else:
                self.view.clear(self.tr("The record could not be read."))
                self.context.errors.report(error, self)

        self.context.jobs.start(
            load,
            on_success=self._detail_request.wrap(self.show_detail),
            on_failure=self._detail_request.wrap(failed),
            name=f"{self.section.key}-open",
        )

    def show_detail(self, detail: Any) -> None:
        self.view.show_detail(detail)
        self.update_actions()
        self.detail_loaded.emit(detail)

    def show_record(self, row_id: int, search: str = "") -> None:
        """Show one record, from another section's link: the search narrows the list to
        it (when given) and its detail opens whether or not it is listed."""
        if search and search != self.search_box.text():
            self.search_box.setText(search)
            self.apply_filters()
        if self.model.is_loading or not self.model.loaded_once:
            self.list.prefer(row_id)
        if not self.list.select_id(row_id):
            self.open_detail(row_id)

    # --- commands ---------------------------------------------------------------------------

    def run_action(self, spec: ActionSpec) -> None:
        if not self._action_enabled(spec):
            return
        if spec.confirm:
            answer = QMessageBox.question(
                self,
                self.section.translate(spec.text).replace("&", "").rstrip("…"),
                self.section.translate(spec.confirm),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        spec.run(self)

    def _action_enabled(self, spec: ActionSpec) -> bool:
        if not self.isVisible():
            return False
        if spec.enabled is not None:
            return spec.enabled(self)
        return self.detail_view.shown_id is not None

    def show_list_notice(self, text: str, kind: str = "success") -> None:
        self.notice.show_notice(text, kind)

    def update_actions(self) -> None:
        shown = self.isVisible()
        for name, action in self.commands.named.items():
            action.setEnabled(self._action_enabled(self.commands.specs[name]))
        self.commands.find.setEnabled(shown)
        self.commands.refresh.setEnabled(shown)
        self.commands.export.setEnabled(shown and not self.exporter.running)

    def export_job(self) -> ExportJob:
        """What Ctrl+E exports now: the rows of the list's query, its tab's columns."""
        section, source, query = self.section, self.source, self.model.query
        shown = set(self.visible_columns())
        columns = [
            column.export_column(section.translate(column.header))
            for number, column in enumerate(section.columns)
            if number in shown
        ]
        return ExportJob(
            section=section.key,
            title=section.translate(section.export_name) or self.spec.translated_title(),
            columns=columns,
            rows=lambda session: source.export_rows(session, query),
            expected=self.model.total,
            query=describe_query(query),
        )

    def visible_columns(self) -> Sequence[int]:
        """The columns of the current tab (those a narrow window hides included)."""
        return [n for n in range(self.model.columnCount()) if n not in self.table.tab_hidden]
