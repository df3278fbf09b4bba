"""Approve, reject, return for clarification: what will happen, then doing it.

Each dialog shows the consequences before anything is written (which contracts are
granted and refused, the e-mail the applicant will get) and runs the decision in a
worker with the version of the request the user saw. If the service refuses (someone
else holds the claim, it was decided meanwhile, it changed) or the connection fails, the
dialog stays open with everything typed in it and says what happened, in Russian.

What the checks suggest (services.decision_advice) is preselected: a standard refusal
reason, or — when the request looks like the applicant's own organisation mistyped — a
question to return it with, the refusal dialog then offering to return it instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.services.decision_advice import SUGGESTED_REASONS
from lkk_admin.services.mail_templates import RenderedMail
from lkk_admin.services.queue import STANDARD_REASONS, Decision
from lkk_admin.services.request_details import ContractLine, RequestDetails
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.queue import formatting as fmt
from lkk_admin.views.queue import jobs
from lkk_admin.views.queue.advice import advice_reason
from lkk_admin.views.queue.mail_preview import (
    MailPreview,
    approval_outcome,
    approved_mail,
    needs_info_mail,
    rejected_mail,
)
from lkk_admin.views.queue.request_parts import HINT_STYLE
from lkk_admin.views.refusals import refusal_text

__all__ = [
    "SUGGESTED_REASONS",  # a standard reason to preselect when the checks found its cause
    "ApproveDialog",
    "DecisionDialog",
    "RejectDialog",
    "ReturnDialog",
]

Work = Callable[[sessionmaker[Session], str], Decision]


class DecisionDialog(QDialog):
    """The common frame: title, the dialog's own part, the e-mail, the error, buttons."""

    decided = Signal(object)  # Decision
    failed = Signal(object)  # the exception (shown in the dialog)

    kind = "decision"

    def __init__(
        self, context: AppContext, details: RequestDetails, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.details = details
        self.expected_version = details.version
        self.busy = False
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(640)
        self.resize(700, 660)

        self.heading = QLabel(
            QCoreApplication.translate(
                "DecisionDialog", "Request No. {id} · {name} · TIN {inn}"
            ).format(id=details.id, name=details.org_name.strip(), inn=details.inn.strip())
        )
        self.heading.setObjectName("decisionHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)

        self.preview = MailPreview()
        self.error_label = QLabel()
        self.error_label.setObjectName("decisionError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet(
            "QLabel { background: #fdecea; border: 1px solid #e59a92; color: #7a1a12; "
            "border-radius: 3px; padding: 6px; }"
        )
        self.error_label.setVisible(False)
        self.status_label = QLabel()
        self.status_label.setObjectName("decisionStatus")

        self.buttons = QDialogButtonBox()
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmButton")
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(QCoreApplication.translate("DecisionDialog", "Cancel"))
        self.cancel_button = cancel
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        # Ctrl+Enter confirms from anywhere in the dialog, text boxes included.
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.activated.connect(self.confirm)

        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.body)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

    # --- what subclasses provide ------------------------------------------------------------

    def problem(self) -> str | None:
        """Why the decision cannot be confirmed as it stands (None: it can)."""
        return None

    def mail(self) -> RenderedMail | None:
        raise NotImplementedError

    def work(self) -> Work:
        raise NotImplementedError

    def typed_text(self) -> str:
        """What the user typed (kept as a draft if the dialog is closed unsent)."""
        return ""

    def set_inputs_read_only(self, read_only: bool) -> None:
        del read_only

    # --- behaviour --------------------------------------------------------------------------

    def update_preview(self) -> None:
        self.preview.show_mail(self.mail(), self.details.email_masked)
        problem = self.problem()
        self.confirm_button.setEnabled(problem is None and not self.busy)
        self.confirm_button.setToolTip(problem or "")
        if not self.busy and not self.error_label.isVisible():
            self.status_label.setText(problem or "")

    def confirm(self) -> None:
        if self.busy or self.problem() is not None:
            return
        self.busy = True
        self.error_label.setVisible(False)
        self.status_label.setText(
            QCoreApplication.translate("DecisionDialog", "Saving the decision…")
        )
        self.confirm_button.setEnabled(False)
        self.set_inputs_read_only(True)
        work, factory, actor = self.work(), self.context.session_factory, self.context.actor
        self.context.jobs.start(
            lambda _control: work(factory, actor),
            on_success=bound(self, self._succeeded),
            on_failure=bound(self, self._failed),
            name=f"queue-{self.kind}",
        )

    def _succeeded(self, decision: Decision) -> None:
        self.busy = False
        self.decided.emit(decision)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.set_inputs_read_only(False)
        message = refusal_text(
            self.context,
            error,
            self.parentWidget(),
            unexpected=QCoreApplication.translate(
                "DecisionDialog",
                "The decision was not saved because of an unexpected error. "
                "Your text is still here: copy it or try again.",
            ),
            kept=QCoreApplication.translate(
                "DecisionDialog",
                "The decision was not saved. Your text is still here: copy it or try again.",
            ),
        )
        self.error_label.setText(message)
        self.error_label.setVisible(True)
        self.status_label.clear()
        self.update_preview()
        self.failed.emit(error)

    def reject(self) -> None:
        if self.busy:
            return  # the decision is being saved: its outcome decides
        super().reject()


class ApproveDialog(DecisionDialog):
    kind = "approve"

    def __init__(
        self,
        context: AppContext,
        details: RequestDetails,
        chosen: list[ContractLine],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, details, parent)
        self.setObjectName("approveDialog")
        self.setWindowTitle(self.tr("Approve the request"))
        self.confirm_button.setText(self.tr("Approve"))
        self.confirm_button.setDefault(True)
        self.chosen_ids = {line.registration_contract_id for line in chosen}
        self.chosen_numbers = [line.number_as_typed.strip() for line in chosen]
        granted, refused = approval_outcome(details, self.chosen_ids)
        self.granted, self.refused = granted, refused

        self.granted_list = QListWidget()
        self.granted_list.setObjectName("grantedList")
        for line in details.contracts:
            if line.registration_contract_id in self.chosen_ids and line.matched_number:
                self.granted_list.addItem(QListWidgetItem(fmt.ok_icon(), self._line_text(line)))
        self.refused_list = QListWidget()
        self.refused_list.setObjectName("refusedList")
        for line in details.contracts:
            if not (line.registration_contract_id in self.chosen_ids and line.matched_number):
                reason = next(
                    (
                        f.message
                        for f in fmt.sorted_findings(line.findings)
                        if f.severity == "error"
                    ),
                    self.tr("not selected by you"),
                )
                item = QListWidgetItem(
                    fmt.severity_icon("error"), f"{line.number_as_typed.strip()} — {reason}"
                )
                self.refused_list.addItem(item)
        for widget in (self.granted_list, self.refused_list):
            widget.setWordWrap(True)
            widget.setIconSize(QSize(16, 16))
            widget.setMaximumHeight(24 * max(1, widget.count()) + 8)
        self.body.addWidget(QLabel(self.tr("Access will be granted to:")))
        self.body.addWidget(self.granted_list)
        if refused:
            self.body.addWidget(QLabel(self.tr("Access will be refused to:")))
            self.body.addWidget(self.refused_list)
        warnings = [f for f in details.findings if f.severity == "warning"]
        if warnings:
            note = QLabel(
                self.tr("Warnings of the checks: {list}").format(
                    list="; ".join(fmt.finding_text(f) for f in warnings)
                )
            )
            note.setObjectName("approveWarnings")
            note.setWordWrap(True)
            self.body.addWidget(note)
        self.update_preview()

    @staticmethod
    def _line_text(line: ContractLine) -> str:
        typed = line.number_as_typed.strip()
        number = line.matched_number or typed
        owner = f" · {line.counterparty_name}" if line.counterparty_name else ""
        if number != typed:
            return f"{number} ({typed}){owner}"
        return f"{number}{owner}"

    def problem(self) -> str | None:
        if not self.granted:
            return self.tr("Choose at least one contract to grant.")
        return None

    def mail(self) -> RenderedMail:
        return approved_mail(self.details, self.chosen_ids)

    def work(self) -> Work:
        request_id, numbers, version = (
            self.details.id,
            list(self.chosen_numbers),
            self.expected_version,
        )
        portal_url = self.details.portal_url  # the letter previewed is the letter sent
        return lambda factory, actor: jobs.approve(
            factory, request_id, actor, numbers, version, portal_url=portal_url
        )


class _TextDecisionDialog(DecisionDialog):
    """A decision with a text the applicant reads (required)."""

    def __init__(
        self, context: AppContext, details: RequestDetails, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, details, parent)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("decisionText")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(90)
        self.text_edit.textChanged.connect(self.update_preview)

    def text(self) -> str:
        return self.text_edit.toPlainText()

    def typed_text(self) -> str:
        return self.text()

    def set_inputs_read_only(self, read_only: bool) -> None:
        self.text_edit.setReadOnly(read_only)

    def _advice_label(self, text: str, name: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setStyleSheet(HINT_STYLE)
        return label

    @property
    def suggests_return(self) -> bool:
        advice = self.details.advice
        return advice is not None and advice.action == "return"


class RejectDialog(_TextDecisionDialog):
    kind = "reject"
    # The checks suggest returning the request: the user chose to, from this dialog.
    return_instead = Signal()

    def __init__(
        self,
        context: AppContext,
        details: RequestDetails,
        draft: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, details, parent)
        self.setObjectName("rejectDialog")
        self.setWindowTitle(self.tr("Reject the request"))
        self.confirm_button.setText(self.tr("Reject"))
        self.reason_box = QComboBox()
        self.reason_box.setObjectName("reasonBox")
        for code, text in STANDARD_REASONS.items():
            self.reason_box.addItem(text, code)
            self.reason_box.setItemData(
                self.reason_box.count() - 1, text, Qt.ItemDataRole.ToolTipRole
            )
        self.reason_box.addItem(self.tr("Another reason (write it below)"), None)
        self._prefilled = ""
        self.return_instead_button: QPushButton | None = None
        if self.suggests_return:
            self.body.addWidget(
                self._advice_label(
                    self.tr(
                        "The checks suggest returning the request for clarification rather "
                        "than rejecting it: {why}."
                    ).format(why=advice_reason(details)),
                    "rejectAdvice",
                )
            )
            button = QPushButton(self.tr("Return for clarification instead…"))
            button.setObjectName("returnInsteadButton")
            button.clicked.connect(self.return_instead)
            self.body.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.return_instead_button = button
        self.body.addWidget(QLabel(self.tr("Reason:")))
        self.body.addWidget(self.reason_box)
        self.body.addWidget(QLabel(self.tr("Text for the applicant (required):")))
        self.body.addWidget(self.text_edit)
        self.reason_box.setCurrentIndex(self._suggested_index())
        self.reason_box.currentIndexChanged.connect(self._reason_chosen)
        if draft.strip():
            self.text_edit.setPlainText(draft)
        else:
            self._reason_chosen()
        self.update_preview()

    def _suggested_index(self) -> int:
        """The standard reason the checks point to; otherwise (a near miss to return,
        or nothing in particular) the user's own words."""
        advice = self.details.advice
        if advice is not None and advice.action == "reject" and advice.reason_code:
            found = self.reason_box.findData(advice.reason_code)
            if found >= 0:
                return found
        return self.reason_box.count() - 1

    def _reason_chosen(self, _index: int = 0) -> None:
        """Put the standard text in, unless the user has written their own."""
        code = self.reason_box.currentData()
        current = self.text().strip()
        if current and current != self._prefilled.strip():
            return  # never overwrite what the user wrote
        self._prefilled = STANDARD_REASONS.get(code, "") if isinstance(code, str) else ""
        self.text_edit.setPlainText(self._prefilled)
        self.text_edit.setFocus()

    @property
    def reason_code(self) -> str | None:
        code = self.reason_box.currentData()
        return code if isinstance(code, str) else None

    def problem(self) -> str | None:
        if not self.text().strip():
            return self.tr("Write the reason: the applicant will read it.")
        return None

    def mail(self) -> RenderedMail | None:
        text = self.text()
        return rejected_mail(self.details, text) if text.strip() else None

    def work(self) -> Work:
        request_id, version = self.details.id, self.expected_version
        reason, code = self.text(), self.reason_code
        portal_url = self.details.portal_url  # the letter previewed is the letter sent
        return lambda factory, actor: jobs.reject(
            factory,
            request_id,
            actor,
            reason,
            reason_code=code,
            expected_version=version,
            portal_url=portal_url,
        )

    def set_inputs_read_only(self, read_only: bool) -> None:
        super().set_inputs_read_only(read_only)
        self.reason_box.setEnabled(not read_only)


class ReturnDialog(_TextDecisionDialog):
    kind = "return"

    def __init__(
        self,
        context: AppContext,
        details: RequestDetails,
        draft: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, details, parent)
        self.setObjectName("returnDialog")
        self.setWindowTitle(self.tr("Return the request for clarification"))
        self.confirm_button.setText(self.tr("Return for clarification"))
        self.text_edit.setPlaceholderText(
            self.tr(
                "For example: please give the contract number exactly as it is printed "
                "on the first page of the contract."
            )
        )
        advice = details.advice
        if advice is not None and advice.action == "return":
            self.body.addWidget(
                self._advice_label(
                    self.tr("Suggested by the checks: {why}. The text below is a draft.").format(
                        why=advice_reason(details)
                    ),
                    "returnAdvice",
                )
            )
        self.body.addWidget(QLabel(self.tr("What the applicant must clarify (required):")))
        self.body.addWidget(self.text_edit)
        if draft.strip():
            self.text_edit.setPlainText(draft)
        elif advice is not None and advice.action == "return":
            self.text_edit.setPlainText(advice.message)
        self.text_edit.setFocus()
        self.update_preview()

    def problem(self) -> str | None:
        if not self.text().strip():
            return self.tr("Write what must be clarified: the applicant will read it.")
        return None

    def mail(self) -> RenderedMail | None:
        text = self.text()
        return needs_info_mail(self.details, text) if text.strip() else None

    def work(self) -> Work:
        request_id, version, message = self.details.id, self.expected_version, self.text()
        portal_url = self.details.portal_url  # the letter previewed is the letter sent
        return lambda factory, actor: jobs.return_for_clarification(
            factory, request_id, actor, message, version, portal_url=portal_url
        )
