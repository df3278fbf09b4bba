"""The connection dialog: named profiles, password (optionally in the OS keyring), TLS.

Connecting runs in a worker; a failure is shown inline in red, in Russian, and nothing
the user typed is cleared. Profiles go to ``profiles.json`` without passwords; the
password is remembered only in the OS credential store, and only when one exists.

The organisation's profile, when IT set one for the computer, comes first in the list: its
server settings are read-only here and it cannot be deleted; the user types their own user
name (remembered) and password (in their keyring, if they ask).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services import connection
from lkk_admin.services.connection import ConnectionInfo
from lkk_admin.services.errors import DomainError
from lkk_admin.services.profiles import (
    DEFAULT_PORT,
    DEFAULT_SSL_MODE,
    SSL_MODES,
    ConnectionProfile,
    LookupOutcome,
    PasswordLookup,
    PasswordVault,
    ProfileBook,
    ProfileStore,
    VaultStatus,
    load_machine_profile,
)
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.workers import JobControl, JobRunner

DEMO_REQUESTED = 2  # the dialog's result code when the user chose the demo database
MACHINE_ITEM = 1  # the organisation's profile in the list (a user's profile: its name)
ERROR_STYLE = "color: #b00020;"
NOTE_STYLE = "color: palette(mid);"


@dataclass(frozen=True)
class ConnectOutcome:
    info: ConnectionInfo
    keyring_problem: str | None


class ConnectionDialog(QDialog):
    """Choose or edit a profile, type the password, connect (in a worker)."""

    connected = Signal(object)  # ConnectionInfo
    demo_requested = Signal()
    connection_failed = Signal(str)  # the message shown inline
    password_lookup_done = Signal(object)  # PasswordLookup (tests wait for it)
    password_forgotten = Signal(bool)  # True when a stored password was removed

    def __init__(
        self,
        jobs: JobRunner,
        errors: ErrorReporter,
        store: ProfileStore | None = None,
        vault: PasswordVault | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.errors = errors
        self.store = store or ProfileStore()
        self.vault = vault or PasswordVault()
        self.book: ProfileBook = self.store.load()
        self.machine_profile: ConnectionProfile | None = load_machine_profile()
        self.vault_status: VaultStatus = self.vault.status()
        self._lookup_generation = 0
        self._password_was_stored = False
        self._busy = False
        self._finished = False
        self._connecting: str | None = None  # the profile being connected with
        self._connecting_machine = False  # ... or the organisation's

        self.setObjectName("connectionDialog")
        self.setWindowTitle(self.tr("Connect to the portal database — LKK Admin"))
        self.setMinimumWidth(520)
        self._build()
        self._fill_profiles()
        self._apply_vault_status()

        last = self.book.last() or (self.book.profiles[0] if self.book.profiles else None)
        if self.machine_profile is not None and (
            self.book.machine_last_used or self.book.last() is None
        ):
            self._show_machine_profile()
        elif last is not None:
            self.profile_combo.setCurrentIndex(self._profile_index(last.name))
            self._show_profile(last)
        else:
            self._new_profile()

    # --- building --------------------------------------------------------------------------

    def _build(self) -> None:
        profile_row = self._build_profile_row()
        self.machine_note = self._build_machine_note()
        form = self._build_form()

        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setVisible(False)
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.status_label.setVisible(False)

        self.demo_button = QPushButton(self.tr("Open the demo database"))
        self.demo_button.setObjectName("demoButton")
        self.demo_button.setToolTip(
            self.tr("A database on this computer filled with made-up data, for practice")
        )
        self.demo_button.clicked.connect(self._choose_demo)
        self.connect_button = QPushButton(self.tr("Connect"))
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(self.start_connect)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(profile_row)
        layout.addWidget(self.machine_note)
        layout.addLayout(form)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self._inputs: list[QWidget] = [
            self.profile_combo,
            self.new_button,
            self.delete_button,
            self.name_edit,
            self.host_edit,
            self.port_spin,
            self.database_edit,
            self.user_edit,
            self.sslmode_combo,
            self.rootcert_edit,
            self.browse_button,
            self.password_edit,
            self.demo_button,
            self.connect_button,
        ]

    def _build_profile_row(self) -> QHBoxLayout:
        self.profile_combo = QComboBox()
        self.profile_combo.setObjectName("profileCombo")
        self.profile_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.profile_combo.activated.connect(self._profile_chosen)
        self.new_button = QPushButton(self.tr("New"))
        self.new_button.setObjectName("newProfileButton")
        self.new_button.clicked.connect(self._new_profile)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("deleteProfileButton")
        self.delete_button.clicked.connect(self._delete_profile)
        profile_row = QHBoxLayout()
        profile_row.addWidget(QLabel(self.tr("Profile:")))
        profile_row.addWidget(self.profile_combo, 1)
        profile_row.addWidget(self.new_button)
        profile_row.addWidget(self.delete_button)
        return profile_row

    def _build_machine_note(self) -> QLabel:
        note = QLabel(
            self.tr(
                "Set up by your IT department for every user of this computer: the server "
                "settings cannot be changed here. Type your user name and password."
            )
        )
        note.setObjectName("machineNote")
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        note.setVisible(False)
        return note

    def _build_sslmode_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName("sslModeCombo")
        ssl_descriptions = {
            "disable": self.tr("disable — no encryption"),
            "allow": self.tr("allow — encrypt if the server insists"),
            "prefer": self.tr("prefer — encrypt when possible"),
            "require": self.tr("require — always encrypt"),
            "verify-ca": self.tr("verify-ca — encrypt and check the certificate"),
            "verify-full": self.tr("verify-full — also check the server name"),
        }
        for mode in SSL_MODES:
            combo.addItem(ssl_descriptions[mode], mode)
        return combo

    def _build_form(self) -> QFormLayout:
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nameEdit")
        self.host_edit = QLineEdit()
        self.host_edit.setObjectName("hostEdit")
        self.host_edit.setPlaceholderText(self.tr("server name or address"))
        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("portSpin")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.database_edit = QLineEdit()
        self.database_edit.setObjectName("databaseEdit")
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("userEdit")
        self.sslmode_combo = self._build_sslmode_combo()
        self.rootcert_edit = QLineEdit()
        self.rootcert_edit.setObjectName("rootCertEdit")
        self.rootcert_edit.setPlaceholderText(self.tr("only for verify-ca and verify-full"))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setObjectName("browseButton")
        self.browse_button.clicked.connect(self._browse_certificate)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.rootcert_edit, 1)
        cert_row.addWidget(self.browse_button)

        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_check = QCheckBox(self.tr("Remember password"))
        self.remember_check.setObjectName("rememberCheck")
        self.forget_button = QPushButton(self.tr("Forget password"))
        self.forget_button.setObjectName("forgetButton")
        self.forget_button.clicked.connect(self._forget_password)
        remember_row = QHBoxLayout()
        remember_row.addWidget(self.remember_check)
        remember_row.addStretch(1)
        remember_row.addWidget(self.forget_button)

        self.keyring_note = QLabel()
        self.keyring_note.setObjectName("keyringNote")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setStyleSheet(NOTE_STYLE)
        self.keyring_note.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("Profile name:"), self.name_edit)
        form.addRow(self.tr("Server:"), self.host_edit)
        form.addRow(self.tr("Port:"), self.port_spin)
        form.addRow(self.tr("Database:"), self.database_edit)
        form.addRow(self.tr("User:"), self.user_edit)
        form.addRow(self.tr("SSL mode:"), self.sslmode_combo)
        form.addRow(self.tr("Root certificate:"), cert_row)
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow("", remember_row)
        return form

    def _fill_profiles(self) -> None:
        self.profile_combo.clear()
        if self.machine_profile is not None:
            self.profile_combo.addItem(self._machine_title(), MACHINE_ITEM)
            self.profile_combo.setItemData(
                0,
                self.tr("Set up by IT for every user of this computer; it cannot be changed here"),
                Qt.ItemDataRole.ToolTipRole,
            )
        for profile in self.book.profiles:
            self.profile_combo.addItem(profile.name, profile.name)
        self._apply_profile_lock()

    def _machine_title(self) -> str:
        return self.tr("Organisation (set up by IT)")

    def _profile_index(self, name: str) -> int:
        """The list's row of the user's profile ``name`` (-1 when not listed)."""
        return self.profile_combo.findData(name)

    @property
    def machine_profile_selected(self) -> bool:
        return bool(self.profile_combo.currentData() == MACHINE_ITEM)

    def _selected_user_profile_name(self) -> str | None:
        data = self.profile_combo.currentData()
        return data if isinstance(data, str) else None

    def _apply_profile_lock(self) -> None:
        """The organisation's profile: server fields read-only, nothing to delete."""
        locked = self.machine_profile_selected
        for edit in (self.name_edit, self.host_edit, self.database_edit, self.rootcert_edit):
            edit.setReadOnly(locked)
        self.port_spin.setReadOnly(locked)
        enabled = not locked and not self._busy
        self.sslmode_combo.setEnabled(enabled)
        self.browse_button.setEnabled(enabled)
        self.delete_button.setEnabled(enabled and self._selected_user_profile_name() is not None)
        self.machine_note.setVisible(locked)

    def _apply_vault_status(self) -> None:
        status = self.vault_status
        if status.available:
            tooltip = self.tr("Passwords are kept in the system password store: {backend}")
            self.remember_check.setEnabled(True)
            self.forget_button.setEnabled(True)
        else:
            tooltip = self.tr("No usable password store (keyring) found: {backend}")
            self.remember_check.setChecked(False)
            self.remember_check.setEnabled(False)
            self.forget_button.setEnabled(False)
            self._show_note(
                self.tr(
                    "Passwords cannot be remembered on this computer: there is no "
                    "system password store. Enter the password each time you connect."
                )
            )
        text = tooltip.format(backend=status.backend)
        self.remember_check.setToolTip(text)
        self.forget_button.setToolTip(text)

    # --- profiles --------------------------------------------------------------------------

    def current_profile(self) -> ConnectionProfile:
        """The profile as typed in the form (not yet saved)."""
        if self.machine_profile is not None and self.machine_profile_selected:
            return replace(self.machine_profile, user=self.user_edit.text()).cleaned()
        return ConnectionProfile(
            name=self.name_edit.text(),
            host=self.host_edit.text(),
            port=self.port_spin.value(),
            database=self.database_edit.text(),
            user=self.user_edit.text(),
            sslmode=str(self.sslmode_combo.currentData()),
            sslrootcert=self.rootcert_edit.text(),
        ).cleaned()

    def set_profile_fields(self, profile: ConnectionProfile) -> None:
        self.name_edit.setText(profile.name)
        self.host_edit.setText(profile.host)
        self.port_spin.setValue(profile.port)
        self.database_edit.setText(profile.database)
        self.user_edit.setText(profile.user)
        index = self.sslmode_combo.findData(profile.sslmode)
        self.sslmode_combo.setCurrentIndex(
            index if index >= 0 else self.sslmode_combo.findData(DEFAULT_SSL_MODE)
        )
        self.rootcert_edit.setText(profile.sslrootcert)

    def _profile_chosen(self, index: int) -> None:
        data = self.profile_combo.itemData(index)
        if data == MACHINE_ITEM:
            self._show_machine_profile()
            return
        profile = self.book.get(data) if isinstance(data, str) else None
        if profile is not None:
            self._show_profile(profile)

    def _show_machine_profile(self) -> None:
        assert self.machine_profile is not None
        self.profile_combo.setCurrentIndex(self.profile_combo.findData(MACHINE_ITEM))
        profile = replace(self.machine_profile, user=self.book.machine_user)
        self._show_profile(profile)
        self.name_edit.setText(self._machine_title())
        if not profile.user:
            self.user_edit.setFocus()

    def _show_profile(self, profile: ConnectionProfile) -> None:
        self._apply_profile_lock()
        self.set_profile_fields(profile)
        self.password_edit.clear()
        self._password_was_stored = False
        self.remember_check.setChecked(False)
        self._clear_messages()
        self._look_up_password(profile)

    def _new_profile(self) -> None:
        base = self.tr("New profile")
        name, number = base, 2
        while self.book.get(name) is not None:
            name, number = f"{base} {number}", number + 1
        self.profile_combo.setCurrentIndex(-1)
        self._apply_profile_lock()
        self.set_profile_fields(ConnectionProfile(name=name, host="", database="lkk"))
        self.password_edit.clear()
        self._password_was_stored = False
        self.remember_check.setChecked(False)
        self._clear_messages()
        self.host_edit.setFocus()

    def _delete_profile(self) -> None:
        name = self._selected_user_profile_name()
        profile = self.book.get(name) if name is not None else None
        if name is None or profile is None:
            return
        self.book.remove(name)
        self.store.save(self.book)
        if self.vault_status.available:
            vault = self.vault  # the job must not hold the dialog
            self.jobs.start(lambda _control: vault.forget(profile), name="forget-password")
        self._fill_profiles()
        if self.machine_profile is not None:
            self._show_machine_profile()
        elif self.book.profiles:
            self.profile_combo.setCurrentIndex(0)
            self._show_profile(self.book.profiles[0])
        else:
            self._new_profile()

    def _browse_certificate(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Root certificate of the server"),
            self.rootcert_edit.text(),
            self.tr("Certificates (*.crt *.pem *.cer);;All files (*)"),
        )
        if path:
            self.rootcert_edit.setText(path)

    # --- keyring ---------------------------------------------------------------------------

    def _look_up_password(self, profile: ConnectionProfile) -> None:
        if not self.vault_status.available or not profile.user:
            return
        self._lookup_generation += 1
        generation = self._lookup_generation
        vault = self.vault
        self.jobs.start(
            lambda _control: vault.lookup(profile),
            on_success=lambda lookup: self._password_looked_up(generation, lookup),
            name="password-lookup",
        )

    def _password_looked_up(self, generation: int, lookup: PasswordLookup) -> None:
        if generation != self._lookup_generation or self._finished:
            return
        if lookup.outcome is LookupOutcome.FOUND and lookup.password is not None:
            self._password_was_stored = True
            if not self.password_edit.text():
                self.password_edit.setText(lookup.password)
            self.remember_check.setChecked(True)
            self.connect_button.setFocus()
        elif lookup.outcome is LookupOutcome.LOCKED:
            self._show_note(
                self.tr(
                    "The system password store is locked, so the saved password could "
                    "not be read. Unlock it or type the password."
                )
            )
        elif lookup.outcome is LookupOutcome.ERROR:
            self._show_note(
                self.tr(
                    "The system password store reported an error ({detail}). Type the password."
                ).format(detail=lookup.detail)
            )
        self.password_lookup_done.emit(lookup)

    def _forget_password(self) -> None:
        profile = self.current_profile()
        vault = self.vault
        self.forget_button.setEnabled(False)

        def done(removed: bool) -> None:
            self.forget_button.setEnabled(self.vault_status.available)
            self._password_was_stored = False
            self.remember_check.setChecked(False)
            self._show_note(
                self.tr("The saved password has been removed.")
                if removed
                else self.tr("No password was saved for this profile.")
            )
            self.password_forgotten.emit(removed)

        def failed(error: BaseException) -> None:
            self.forget_button.setEnabled(self.vault_status.available)
            if isinstance(error, DomainError):
                self._show_note(error.message)
            else:
                self.errors.report(error, self)

        self.jobs.start(
            lambda _control: vault.forget(profile),
            on_success=done,
            on_failure=failed,
            name="forget-password",
        )

    # --- connecting ------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in self._inputs:
            widget.setEnabled(not busy)
        self._apply_profile_lock()
        self.remember_check.setEnabled(not busy and self.vault_status.available)
        self.forget_button.setEnabled(not busy and self.vault_status.available)
        self.status_label.setText(self.tr("Connecting to the server…") if busy else "")
        self.status_label.setVisible(busy)

    def _clear_messages(self) -> None:
        self.error_label.clear()
        self.error_label.setVisible(False)
        if self.vault_status.available:
            self.keyring_note.clear()
            self.keyring_note.setVisible(False)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(True)
        self.connection_failed.emit(message)

    def _show_note(self, message: str) -> None:
        self.keyring_note.setText(message)
        self.keyring_note.setVisible(True)

    def start_connect(self) -> None:
        if self._busy:
            return
        self._clear_messages()
        profile = self.current_profile()
        missing = profile.missing_fields()
        if missing:
            labels = {
                "name": self.tr("profile name"),
                "host": self.tr("server"),
                "database": self.tr("database"),
                "user": self.tr("user"),
            }
            self._show_error(
                self.tr("Fill in: {fields}.").format(
                    fields=", ".join(labels[name] for name in missing)
                )
            )
            return
        self._connecting_machine = self.machine_profile_selected
        if self._connecting_machine:
            # Only the user name is this user's own in the organisation's profile.
            self.book.machine_user = profile.user
            self.store.save(self.book)
            self._connecting = None
        else:
            previous_name = self._selected_user_profile_name()
            # What was typed is kept, but the profile becomes the one offered next time
            # only once it has connected (_connect_succeeded): a failed attempt changes
            # nothing.
            self.book.put(profile, replacing=previous_name)
            self.store.save(self.book)
            self._connecting = profile.name
            self._fill_profiles()
            self.profile_combo.setCurrentIndex(self._profile_index(profile.name))

        password = self.password_edit.text()
        remember = self.remember_check.isChecked() and self.vault_status.available
        forget = not remember and self._password_was_stored and self.vault_status.available
        vault = self.vault

        def work(_control: JobControl) -> ConnectOutcome:
            info = connection.connect_profile(profile, password)
            keyring_problem: str | None = None
            try:
                if remember and password:
                    vault.store(profile, password)
                elif forget:
                    vault.forget(profile)
            except DomainError as error:
                keyring_problem = error.message
            return ConnectOutcome(info, keyring_problem)

        self._set_busy(True)
        self.jobs.start(
            work,
            on_success=self._connect_succeeded,
            on_failure=self._connect_failed,
            name="connect",
        )

    def _connect_succeeded(self, outcome: ConnectOutcome) -> None:
        if self._finished:  # the dialog was cancelled while connecting
            outcome.info.dispose()
            return
        self._set_busy(False)
        self._finished = True
        if self._connecting_machine:
            self.book.machine_last_used = True
        else:
            self.book.last_used = self._connecting
            self.book.machine_last_used = False
        self.store.save(self.book)
        self.connected.emit(outcome.info)
        self.accept()
        if outcome.keyring_problem:
            self.errors.report(DomainError(outcome.keyring_problem))

    def _connect_failed(self, error: BaseException) -> None:
        if self._finished:
            return
        self._set_busy(False)
        if isinstance(error, DomainError):
            self._show_error(error.message)
            self.password_edit.setFocus()
            return
        self._show_error(
            self.tr("Unexpected error while connecting. The error report has been opened.")
        )
        self.errors.report(error, self)

    def _choose_demo(self) -> None:
        self._finished = True
        self.demo_requested.emit()
        self.done(DEMO_REQUESTED)

    def reject(self) -> None:
        self._finished = True
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._finished = True
        super().closeEvent(event)
