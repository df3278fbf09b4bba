"""Tools → Mail settings: how this desk (and ``lkk-admin send-mail``) reaches the mail server.

Saved to ``mail.json`` in the per-user config folder; the password goes to the OS keyring
only. Saving and the test letter run in worker jobs; on a failure everything typed stays.
"""

from __future__ import annotations

import smtplib
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.models.base import utcnow
from lkk_admin.services.mail_delivery import OutgoingMail, build_message, open_smtp, send_one
from lkk_admin.services.mail_settings import (
    DEFAULT_PORTS,
    SECURITY_CHOICES,
    MailSettings,
    MailSettingsStore,
    Security,
)
from lkk_admin.services.profiles import LookupOutcome, PasswordVault
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.workers import JobControl


def save_settings(settings: MailSettings, password: str | None) -> MailSettings:
    """The worker's part of saving: the file, then the password (when one was typed)."""
    MailSettingsStore().save(settings)
    if password and settings.username:
        PasswordVault().store_key(settings.keyring_key(), password)
    return settings


def send_test_letter(settings: MailSettings, password: str | None, to_address: str) -> None:
    if password is None and settings.username:
        found = PasswordVault().lookup_key(settings.keyring_key())
        password = found.password if found.outcome is LookupOutcome.FOUND else None
    letter = OutgoingMail(
        id=0,
        to_address=to_address,
        to_name=None,
        subject="Проверка почты LKK Admin",
        body_text="Это проверочное письмо: настройки почты LKK Admin работают.",
        body_html="<p>Это проверочное письмо: настройки почты LKK Admin работают.</p>",
        created_at=utcnow(),
        attempts=1,
    )
    connection = open_smtp(settings, password)
    try:
        send_one(connection, build_message(letter, settings))
    finally:
        try:
            connection.quit()
        except (smtplib.SMTPException, OSError):
            connection.close()


class MailSettingsDialog(QDialog):
    saved = Signal(object)  # the MailSettings now in force

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("mailSettingsDialog")
        self.setWindowTitle(self.tr("Mail settings"))
        current = context.mail_settings
        self._build_server_fields(current)
        self._build_letter_fields(current)
        self._build_layout()

    def _build_server_fields(self, current: MailSettings) -> None:
        self.host = QLineEdit(current.smtp_host)
        self.host.setObjectName("smtpHost")
        self.security = QComboBox()
        self.security.setObjectName("smtpSecurity")
        names = {
            "none": self.tr("None (port 25, inside the office network)"),
            "starttls": self.tr("STARTTLS (port 587)"),
            "ssl": self.tr("SSL/TLS (port 465)"),
        }
        for choice in SECURITY_CHOICES:
            self.security.addItem(names[choice], choice)
        self.security.setCurrentIndex(SECURITY_CHOICES.index(current.security))
        self.port = QSpinBox()
        self.port.setObjectName("smtpPort")
        self.port.setRange(1, 65535)
        self.port.setValue(current.smtp_port)
        self._last_security: Security = current.security
        self.security.currentIndexChanged.connect(self._security_changed)

        self.username = QLineEdit(current.username)
        self.username.setObjectName("smtpUser")
        self.username.setPlaceholderText(self.tr("empty: the server takes mail without a login"))
        self.password = QLineEdit()
        self.password.setObjectName("smtpPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            self.tr("kept in the system's password store; leave empty to keep the saved one")
        )

    def _build_letter_fields(self, current: MailSettings) -> None:
        self.sender_address = QLineEdit(current.sender_address)
        self.sender_address.setObjectName("senderAddress")
        self.sender_name = QLineEdit(current.sender_name)
        self.sender_name.setObjectName("senderName")
        self.max_attempts = QSpinBox()
        self.max_attempts.setObjectName("maxAttempts")
        self.max_attempts.setRange(1, 50)
        self.max_attempts.setValue(current.max_attempts)
        self.max_attempts.setToolTip(
            self.tr(
                "Temporary failures are retried with growing pauses; after this many tries "
                "the letter is marked as not delivered"
            )
        )
        self.deliver_here = QCheckBox(self.tr("Send the mail from this desk in the background"))
        self.deliver_here.setObjectName("deliverFromThisDesk")
        self.deliver_here.setChecked(current.deliver_from_this_desk)
        self.deliver_here.setToolTip(
            self.tr(
                "For a single desk. Where 'lkk-admin send-mail --watch' runs on a server, "
                "leave this off."
            )
        )

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Mail &server:"), self.host)
        form.addRow(self.tr("&Encryption:"), self.security)
        form.addRow(self.tr("&Port:"), self.port)
        form.addRow(self.tr("&Login:"), self.username)
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow(self.tr("Sender &address:"), self.sender_address)
        form.addRow(self.tr("Sender &name:"), self.sender_name)
        form.addRow(self.tr("A&ttempts per letter:"), self.max_attempts)
        form.addRow("", self.deliver_here)

        self.test_address = QLineEdit()
        self.test_address.setObjectName("testAddress")
        self.test_address.setPlaceholderText(self.tr("your e-mail address"))
        self.test_button = QPushButton(self.tr("Send a &test letter"))
        self.test_button.setObjectName("sendTestLetter")
        self.test_button.clicked.connect(self.send_test)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_address, 1)
        test_row.addWidget(self.test_button)

        self.message = QLabel()
        self.message.setObjectName("mailSettingsMessage")
        self.message.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _security_changed(self) -> None:
        chosen: Security = self.security.currentData()
        # Follow the usual port unless someone typed an unusual one.
        if self.port.value() == DEFAULT_PORTS[self._last_security]:
            self.port.setValue(DEFAULT_PORTS[chosen])
        self._last_security = chosen

    def settings(self) -> MailSettings:
        """What the form says (not yet checked)."""
        return replace(
            self.context.mail_settings,
            smtp_host=self.host.text().strip(),
            smtp_port=self.port.value(),
            security=self.security.currentData(),
            username=self.username.text().strip(),
            sender_address=self.sender_address.text().strip(),
            sender_name=self.sender_name.text().strip(),
            max_attempts=self.max_attempts.value(),
            deliver_from_this_desk=self.deliver_here.isChecked(),
        )

    def _show(self, text: str, *, problem: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if problem else "")

    def _checked(self) -> MailSettings | None:
        settings = self.settings()
        problems = settings.problems()
        if problems:
            self._show(" ".join(problems), problem=True)
            return None
        return settings

    def _busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        self.test_button.setEnabled(not busy)

    def save(self) -> None:
        settings = self._checked()
        if settings is None:
            return
        password = self.password.text() or None
        self._busy(True)
        self._show(self.tr("Saving…"), problem=False)
        self.context.jobs.start(
            lambda _control: save_settings(settings, password),
            on_success=bound(self, self._saved),
            on_failure=bound(self, self._save_failed),
            on_finished=bound(self, lambda: self._busy(False)),
            name="save-mail-settings",
        )

    def _saved(self, settings: MailSettings) -> None:
        self.context.mail_settings = settings
        self.saved.emit(settings)
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self._show(self.tr("Not saved: {error}").format(error=error), problem=True)

    def send_test(self) -> None:
        settings = self._checked()
        address = self.test_address.text().strip()
        if settings is None:
            return
        if "@" not in address:
            self._show(self.tr("Type the address to send the test letter to."), problem=True)
            self.test_address.setFocus()
            return
        password = self.password.text() or None
        self._busy(True)
        self._show(
            self.tr("Sending a test letter to {address}…").format(address=address), problem=False
        )

        def work(_control: JobControl) -> None:
            send_test_letter(settings, password, address)

        self.context.jobs.start(
            work,
            on_success=bound(
                self,
                lambda _result: self._show(
                    self.tr("The server accepted the test letter to {address}.").format(
                        address=address
                    ),
                    problem=False,
                ),
            ),
            on_failure=bound(
                self,
                lambda error: self._show(
                    self.tr("The test letter was not sent: {error}").format(error=error),
                    problem=True,
                ),
            ),
            on_finished=bound(self, lambda: self._busy(False)),
            name="test-letter",
        )
