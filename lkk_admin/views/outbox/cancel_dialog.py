"""Cancel sending: the reason, asked in a small dialog, then the cancellation.

The reason is required (it goes to the audit log). The cancellation runs in a worker;
if it is refused (the sender was quicker, someone else cancelled it) or the connection
fails, the dialog stays open with the reason still typed in it and says what happened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.outbox import MAX_REASON_LENGTH, OutboxMessage
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.outbox import jobs
from lkk_admin.views.outbox.jobs import Changed
from lkk_admin.views.refusals import refusal_text


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("cancelError")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet(
        "QLabel { background: #fdecea; border: 1px solid #e59a92; color: #7a1a12; "
        "border-radius: 3px; padding: 6px; }"
    )
    label.setVisible(False)
    return label


class CancelDialog(QDialog):
    """``cancelled(Changed)`` once the letter is cancelled; ``failed(error)`` if refused."""

    cancelled = Signal(object)  # jobs.Changed
    failed = Signal(object)  # the exception (shown in the dialog too)

    def __init__(
        self, context: AppContext, message: OutboxMessage, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cancelMailDialog")
        self.context = context
        self.message = message
        self.busy = False
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(self.tr("Cancel sending"))
        self.setMinimumWidth(480)

        heading = QLabel(
            self.tr("Letter No. {id} to {recipient}:\n{subject}").format(
                id=message.id, recipient=message.row.recipient_masked, subject=message.subject
            )
        )
        heading.setObjectName("cancelHeading")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        explanation = QLabel(
            self.tr(
                "The letter will not be sent. It stays in the outbox as cancelled, and the "
                "reason is recorded in the audit log."
            )
        )
        explanation.setWordWrap(True)
        prompt = QLabel(self.tr("&Reason (required):"))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("cancelReason")
        self.reason_edit.setPlaceholderText(
            self.tr("For example: the applicant asked to send the letter to another address")
        )
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setMinimumHeight(80)
        prompt.setBuddy(self.reason_edit)

        self.error_label = _error_label()
        self.status_label = QLabel()
        self.status_label.setObjectName("cancelStatus")

        self.buttons = QDialogButtonBox()
        self.confirm_button = QPushButton(self.tr("Cancel &sending"))
        self.confirm_button.setObjectName("confirmButton")
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Keep the letter"))
        self.close_button = close
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        # Ctrl+Enter confirms from the text box too (Enter there starts a new line).
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self).activated.connect(self.confirm)
        self.reason_edit.textChanged.connect(self._update)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(prompt)
        layout.addWidget(self.reason_edit, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self._update()

    @property
    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def problem(self) -> str | None:
        """Why the cancellation cannot be confirmed as it stands (None: it can)."""
        if not self.reason:
            return self.tr("Type the reason for cancelling.")
        if len(self.reason) > MAX_REASON_LENGTH:
            return self.tr("The reason is too long: at most {n} characters.").format(
                n=MAX_REASON_LENGTH
            )
        return None

    def _update(self) -> None:
        problem = self.problem()
        self.confirm_button.setEnabled(problem is None and not self.busy)
        self.confirm_button.setToolTip(problem or "")

    def confirm(self) -> None:
        if self.busy or self.problem() is not None:
            return
        self.busy = True
        self.error_label.setVisible(False)
        self.status_label.setText(self.tr("Cancelling…"))
        self.reason_edit.setReadOnly(True)
        self._update()
        factory, actor = self.context.session_factory, self.context.actor
        message_id, reason = self.message.id, self.reason
        self.context.jobs.start(
            lambda _control: jobs.cancel(factory, message_id, actor, reason),
            on_success=bound(self, self._succeeded),
            on_failure=bound(self, self._failed),
            name="outbox-cancel",
        )

    def _succeeded(self, changed: Changed) -> None:
        self.busy = False
        self.cancelled.emit(changed)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.reason_edit.setReadOnly(False)
        self.status_label.clear()
        text = refusal_text(
            self.context,
            error,
            self.parentWidget(),
            unexpected=self.tr(
                "The letter was not cancelled because of an unexpected error. "
                "Your text is still here: copy it or try again."
            ),
            kept=self.tr("The letter was not cancelled. Your text is still here."),
        )
        self.error_label.setText(text)
        self.error_label.setVisible(True)
        self._update()
        self.failed.emit(error)
