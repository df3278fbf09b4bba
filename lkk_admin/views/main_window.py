"""The main window: section navigation on the left, the chosen section on the right."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lkk_admin import __version__, paths
from lkk_admin.services.organisation_settings import Setting
from lkk_admin.views.context import AppContext
from lkk_admin.views.idle_lock import IdleWatcher, LockPage, SessionLock, desk_idle_ms
from lkk_admin.views.mail.background import BackgroundMailer
from lkk_admin.views.sections import (
    SECTIONS,
    SectionSpec,
    build_section,
    section_by_key,
    sections_for,
)

if TYPE_CHECKING:  # the Tools menu's dialogs are imported when opened (reportlab, holidays)
    from lkk_admin.views.idle_policy_dialog import IdlePolicyDialog
    from lkk_admin.views.mail.portal_link_dialog import PortalLinkDialog
    from lkk_admin.views.mail.settings_dialog import MailSettingsDialog
    from lkk_admin.views.reports.supplier_dialog import SupplierDialog
    from lkk_admin.views.retention_period_dialog import RetentionPeriodDialog
    from lkk_admin.views.review_sla_dialog import ReviewSlaDialog

STATUS_MESSAGE_MS = 6000
SETTINGS_GROUP = "MainWindow"
DEFAULT_SIZE = QSize(1200, 760)
KEY_ROLE = Qt.ItemDataRole.UserRole


class SectionPages(Mapping[str, QWidget]):
    """The window's section screens by key, each made the first time it is asked for
    (shown, linked to or looked up): a desk starts by making the one it shows, not all
    of them with their modules (half a second). ``built`` holds those made so far."""

    def __init__(self, keys: Sequence[str], make: Callable[[str], QWidget]) -> None:
        self._keys = tuple(keys)
        # Weakly: the window holds this, and the cycle would keep a window whose making
        # failed alive (and on the screen's list) until the next garbage collection.
        self._make = weakref.WeakMethod(make)
        self.built: dict[str, QWidget] = {}

    def __getitem__(self, key: str) -> QWidget:
        make = self._make()
        if key not in self._keys or make is None:
            raise KeyError(key)
        if key not in self.built:
            self.built[key] = make(key)
        return self.built[key]

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class MainWindow(QMainWindow):
    """Navigation, sections, menus and the status bar of one open database."""

    reconnect_requested = Signal()
    closed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("LKK Admin — RN-Energo"))
        self.resize(DEFAULT_SIZE)

        self.section_list = QListWidget()
        self.section_list.setObjectName("sectionList")
        self.section_list.setIconSize(QSize(24, 24))
        self.section_list.setSpacing(2)
        self.section_list.setUniformItemSizes(True)
        self.section_list.setMinimumWidth(230)
        self.section_list.setMaximumWidth(320)

        self.stack = QStackedWidget()
        self.stack.setObjectName("sectionStack")
        # Only the sections this staff member's database roles allow; a placeholder
        # stands in the stack for each screen until it is made (SectionPages).
        self.sections = sections_for(context.connection.staff_roles)
        self.pages = SectionPages([spec.key for spec in self.sections], self._make_page)
        for spec in self.sections:
            item = QListWidgetItem(spec.load_icon(), spec.translated_title())
            item.setData(KEY_ROLE, spec.key)
            item.setToolTip(spec.translated_description())
            item.setSizeHint(QSize(0, 36))
            self.section_list.addItem(item)
            self.stack.addWidget(QWidget())
        if self.sections:  # the screen shown first is made now: a failure leaves no window
            self.pages[self._restored_section() or self.sections[0].key]
        else:
            self.stack.addWidget(self._build_no_role_page())

        navigation = QWidget()
        navigation.setObjectName("navigation")
        navigation_layout = QVBoxLayout(navigation)
        navigation_layout.setContentsMargins(0, 0, 0, 0)
        navigation_layout.setSpacing(0)
        navigation_layout.addWidget(self._build_header())
        navigation_layout.addWidget(self.section_list, 1)

        splitter = QSplitter()
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(navigation)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        # The sections get the width; the navigation what its longest name needs.
        splitter.setSizes([self.section_list.minimumWidth(), 1000])
        self.splitter = splitter
        self._build_central()

        self.mailer = BackgroundMailer(context, self)
        self._build_menus()
        self._build_status_bar()
        self.section_list.setCurrentRow(0)
        self.restore_layout()
        self.section_list.currentRowChanged.connect(self._show_row)
        self._show_row(self.section_list.currentRow())  # the restored section's alone
        self._build_idle_lock()

    def _build_no_role_page(self) -> QWidget:
        """A database user in none of the staff groups: say what to ask for."""
        note = QLabel(
            self.tr(
                "Your database user {user} is not in any LKK Admin staff group "
                "(verifier, editor, administrator), so there is nothing to show. Ask the "
                "administrator to give you a role: lkk-admin staff set-role."
            ).format(user=self.context.connection.user)
        )
        note.setObjectName("noRoleNote")
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setContentsMargins(40, 40, 40, 40)
        return note

    def _build_header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("navigationHeader")
        icon = QLabel()
        icon.setPixmap(QIcon(str(paths.resource_path("icons", "app.svg"))).pixmap(40, 40))
        name = QLabel("LKK Admin")
        font = name.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        name.setFont(font)
        subtitle = QLabel(self.tr("RN-Energo customer portal"))
        subtitle.setObjectName("navigationSubtitle")
        subtitle.setEnabled(False)
        subtitle.setWordWrap(True)  # the navigation stays narrow on a small screen
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(name)
        text.addWidget(subtitle)
        layout = QHBoxLayout(header)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(icon)
        layout.addLayout(text, 1)
        return header

    # --- menus -----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu(self.tr("&File"))
        file_menu.setObjectName("fileMenu")
        self.connect_action = QAction(self.tr("&Connect…"), self)
        self.connect_action.setObjectName("connectAction")
        self.connect_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_O))
        self.connect_action.setStatusTip(self.tr("Open another database"))
        self.connect_action.triggered.connect(self.reconnect_requested)
        file_menu.addAction(self.connect_action)
        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L))
        self.lock_action.setStatusTip(
            self.tr("Hide the data until the password is entered again (before leaving the desk)")
        )
        self.lock_action.triggered.connect(lambda _checked=False: self.lock())
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        self.exit_action = QAction(self.tr("E&xit"), self)
        self.exit_action.setObjectName("exitAction")
        self.exit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        self.exit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.exit_action.triggered.connect(self.close)
        file_menu.addAction(self.exit_action)

        sections_menu = menu_bar.addMenu(self.tr("&Sections"))
        sections_menu.setObjectName("sectionsMenu")
        self.section_actions: list[QAction] = []
        for number, spec in enumerate(self.sections, start=1):
            action = QAction(spec.load_icon(), spec.translated_title(), self)
            action.setObjectName(f"action_{spec.key}")
            action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key(Qt.Key.Key_0 + number)))
            action.triggered.connect(lambda _checked=False, key=spec.key: self.show_section(key))
            sections_menu.addAction(action)
            self.section_actions.append(action)

        for page in self.pages.built.values():  # the others' when they are made
            self._add_section_menu(page)
        self._build_tools_menu(menu_bar)

        help_menu = menu_bar.addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        self.about_action = QAction(self.tr("&About"), self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _build_tools_menu(self, menu_bar: QMenuBar) -> None:
        tools_menu = menu_bar.addMenu(self.tr("&Tools"))
        tools_menu.setObjectName("toolsMenu")
        self.tools_menu = tools_menu
        self.mail_settings_action = self._tool(
            tools_menu,
            "mailSettingsAction",
            self.tr("&Mail settings…"),
            self.tr("The mail server for the letters to applicants"),
            self.show_mail_settings,
        )
        # The organisation's settings: those who use one see it; administrators change it.
        self.portal_link_action = self._tool(
            tools_menu,
            "portalLinkAction",
            self.tr("&Portal link in letters…"),
            self.tr("Where the letters to applicants send them to log in"),
            self.show_portal_link,
        )
        self.portal_link_action.setVisible("registration_queue" in self.pages)
        self.review_sla_action = self._tool(
            tools_menu,
            "reviewSlaAction",
            self.tr("Review &deadline…"),
            self.tr("How many working days a registration request may wait for a decision"),
            self.show_review_sla,
        )
        self.review_sla_action.setVisible("registration_queue" in self.pages)
        self.supplier_action = self._tool(
            tools_menu,
            "supplierAction",
            self.tr("Supplier &requisites…"),
            self.tr("The supplier's name, TIN/KPP and address printed on customer reports"),
            self.show_supplier_settings,
        )
        self.supplier_action.setVisible("reports" in self.pages)
        self.retention_period_action = self._tool(
            tools_menu,
            "retentionPeriodAction",
            self.tr("Personal data re&tention…"),
            self.tr("How many days after a registration's purpose ended its personal data stay"),
            self.show_retention_period,
        )
        self.retention_period_action.setVisible("portal_users" in self.pages)
        self.idle_policy_action = self._tool(
            tools_menu,
            "idlePolicyAction",
            self.tr("&Idle lock…"),
            self.tr("How long any desk may sit idle before its window locks"),
            self.show_idle_policy,
        )
        self.idle_policy_action.setVisible(not self.context.connection.is_demo)  # never locks

    def _tool(
        self, menu: QMenu, name: str, text: str, tip: str, show: Callable[[], object]
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setStatusTip(tip)
        action.triggered.connect(show)
        menu.addAction(action)
        return action

    def show_mail_settings(self) -> MailSettingsDialog:
        from lkk_admin.views.mail.settings_dialog import MailSettingsDialog

        dialog = MailSettingsDialog(self.context, self)
        dialog.saved.connect(self.mailer.apply)
        dialog.open()
        return dialog

    def show_portal_link(self) -> PortalLinkDialog:
        from lkk_admin.views.mail.portal_link_dialog import PortalLinkDialog

        dialog = PortalLinkDialog(self.context, self)
        dialog.open()
        return dialog

    def show_review_sla(self) -> ReviewSlaDialog:
        from lkk_admin.views.review_sla_dialog import ReviewSlaDialog

        dialog = ReviewSlaDialog(self.context, self)
        # The queue of this desk highlights by a new deadline at once (others at their next
        # load of the list).
        apply = getattr(self.pages.built.get("registration_queue"), "apply_review_sla", None)
        if callable(apply):
            dialog.saved.connect(apply)
        dialog.open()
        return dialog

    def show_supplier_settings(self) -> SupplierDialog:
        from lkk_admin.views.reports.supplier_dialog import SupplierDialog

        dialog = SupplierDialog(self.context, self)
        dialog.open()
        return dialog

    def show_retention_period(self) -> RetentionPeriodDialog:
        from lkk_admin.views.retention_period_dialog import RetentionPeriodDialog

        dialog = RetentionPeriodDialog(self.context, self)
        dialog.open()
        return dialog

    def show_idle_policy(self) -> IdlePolicyDialog:
        from lkk_admin.views.idle_policy_dialog import IdlePolicyDialog

        dialog = IdlePolicyDialog(self.context, self)
        dialog.saved.connect(self._apply_idle_policy)
        dialog.open()
        return dialog

    def _apply_idle_policy(self, policy: Setting[int]) -> None:
        """The administrator's own desk follows a new policy at once (others at login)."""
        if self.session_lock.available:
            self.idle_watcher.set_interval_ms(desk_idle_ms(self.context.settings, policy.value))

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("About LKK Admin"))
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        # What is built, from the sections that have a screen (not the ones yet to come).
        built = [spec.translated_title() for spec in SECTIONS if spec.page is not None]
        box.setText(
            self.tr(
                "<b>LKK Admin</b> {version}<br>The back office of the customer portal of "
                "RN-Energo LLC.<p>Sections: {sections}.</p><p>On the command line "
                "(<code>lkk-admin --help</code>): updating the database schema, demo data, "
                "staff accounts, sending the mail and building customer reports.</p>"
            ).format(version=__version__, sections=", ".join(built))
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.open()
        return box

    # --- the idle lock ---------------------------------------------------------------------

    def _build_central(self) -> None:
        # The idle lock shows its page instead of the splitter: everything showing data.
        self.lock_page = LockPage(self.context)
        self.central = QStackedWidget()
        self.central.setObjectName("centralStack")
        self.central.addWidget(self.splitter)
        self.central.addWidget(self.lock_page)
        self.setCentralWidget(self.central)

    def _build_idle_lock(self) -> None:
        self.idle_watcher = IdleWatcher.for_desk(
            self.context.settings, self.context.connection.idle_lock_minutes, self
        )
        self.session_lock = SessionLock(
            self,
            central=self.central,
            content=self.splitter,
            page=self.lock_page,
            watcher=self.idle_watcher,
            switch_user=self.reconnect_requested.emit,
        )
        # The menu bar is disabled while locked; Exit (Ctrl+Q) keeps working on the page.
        self.lock_page.addAction(self.exit_action)
        if self.session_lock.available:
            self.idle_watcher.start()
        else:
            self.lock_action.setVisible(False)  # the demo database is never locked

    @property
    def locked(self) -> bool:
        return self.session_lock.locked

    def lock(self) -> bool:
        """Lock the window at once (File → Lock); False when it cannot be locked."""
        return self.session_lock.lock()

    # --- status bar ------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        info = self.context.connection
        if info.is_demo:
            where = self.tr("Demo database (SQLite): {path}").format(
                path=str(info.file_path) if info.file_path else info.database
            )
        else:
            where = self.tr("Database: {host}/{database}").format(
                host=info.host or "localhost", database=info.database
            )
        self.database_label = QLabel(where)
        self.database_label.setObjectName("statusDatabase")
        self.database_label.setToolTip(info.display_url)
        self.user_label = QLabel(self.tr("User: {user}").format(user=info.user))
        self.user_label.setObjectName("statusUser")
        self.server_label = QLabel(self.tr("Server: {version}").format(version=info.server_version))
        self.server_label.setObjectName("statusServer")
        for label in (self.database_label, self.user_label, self.server_label):
            label.setContentsMargins(6, 0, 6, 0)
        status = self.statusBar()
        status.setObjectName("statusBar")
        # Background mail delivery (a setting): how the last round went.
        self.mail_label = QLabel()
        self.mail_label.setObjectName("statusMail")
        self.mail_label.setContentsMargins(6, 0, 6, 0)
        self.mailer.report_changed.connect(self._show_mail_report)
        status.addWidget(self.database_label, 1)
        status.addPermanentWidget(self.mail_label)
        status.addPermanentWidget(self.user_label)
        status.addPermanentWidget(self.server_label)

    def _show_mail_report(self, text: str, problem: bool) -> None:
        self.mail_label.setText(text)
        self.mail_label.setStyleSheet("color: #b00020;" if problem else "")

    # --- sections --------------------------------------------------------------------------

    def current_section(self) -> SectionSpec:
        return self.sections[max(self.section_list.currentRow(), 0)]

    def show_section(self, key: str) -> None:
        for row, spec in enumerate(self.sections):
            if spec.key == key:
                self.section_list.setCurrentRow(row)
                return
        raise KeyError(key)

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.sections):
            self.pages[self.sections[row].key]  # made before it is shown
            self.stack.setCurrentIndex(row)

    def _make_page(self, key: str) -> QWidget:
        """Make section ``key``'s screen in its placeholder's place, with its links and its
        own menu."""
        row = next(row for row, spec in enumerate(self.sections) if spec.key == key)
        page = build_section(self.context, self.sections[row])
        placeholder = self.stack.widget(row)
        self.stack.insertWidget(row, page)
        if placeholder is not None:
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        self._follow_links_of(page)
        if hasattr(self, "tools_menu"):  # else _build_menus adds it
            self._add_section_menu(page)
        return page

    def _add_section_menu(self, page: QWidget) -> None:
        """A section's own menu (e.g. "Requests" of the queue), shown while it is current,
        goes before the Tools menu (there from the start)."""
        menu = getattr(page, "menu", None)
        if isinstance(menu, QMenu):
            tools = getattr(self, "tools_menu", None)
            if tools is None:
                self.menuBar().addMenu(menu)
            else:
                self.menuBar().insertMenu(tools.menuAction(), menu)

    def _follow_links_of(self, page: QWidget) -> None:
        """A section's links to records of another (a contract's report, a request's
        counterparty) come through the window, so no page imports another."""
        navigate = getattr(page, "navigate_requested", None)
        if navigate is not None:
            navigate.connect(self.show_record)

    def show_record(self, key: str, record_id: int, search: str = "") -> None:
        """Go to section ``key`` and show one of its records (a link from another)."""
        page = self.pages.get(key)
        if page is None:
            self.statusBar().showMessage(
                self.tr("That section is not available to you."), STATUS_MESSAGE_MS
            )
            return
        self.show_section(key)
        show = getattr(page, "show_record", None)
        if show is not None:
            show(record_id, search)

    # --- layout persistence ----------------------------------------------------------------

    def _restored_section(self) -> str | None:
        """The section restore_layout will show, if the user may still see it."""
        key = self.context.settings.value(f"{SETTINGS_GROUP}/section")
        return key if isinstance(key, str) and key in self.pages else None

    def restore_layout(self) -> None:
        settings = self.context.settings
        settings.beginGroup(SETTINGS_GROUP)
        try:
            geometry = settings.value("geometry")
            if isinstance(geometry, QByteArray | bytes) and geometry:
                self.restoreGeometry(QByteArray(geometry))
            state = settings.value("state")
            if isinstance(state, QByteArray | bytes) and state:
                self.restoreState(QByteArray(state))
            splitter = settings.value("splitter")
            if isinstance(splitter, QByteArray | bytes) and splitter:
                self.splitter.restoreState(QByteArray(splitter))
            key = settings.value("section")
            # A section of a role the user no longer has is simply not restored.
            if isinstance(key, str) and section_by_key(key) is not None and key in self.pages:
                self.show_section(key)
        finally:
            settings.endGroup()

    def save_layout(self) -> None:
        """The window's geometry, state, splitter and section, and the shown section's
        own layout: a section saves it when it hides, but at the end of a Windows
        session nothing hides before the process ends."""
        settings = self.context.settings
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("state", self.saveState())
        settings.setValue("splitter", self.splitter.saveState())
        if self.sections:
            settings.setValue("section", self.current_section().key)
        settings.endGroup()
        save_section_layout = getattr(self.stack.currentWidget(), "save_layout", None)
        if callable(save_section_layout):
            save_section_layout()
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_layout()
        super().closeEvent(event)
        if event.isAccepted():
            self.session_lock.shutdown()  # its filters sit on the application, not the window
            self.closed.emit()
