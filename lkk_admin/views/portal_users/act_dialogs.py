"""The administrators' acts on a portal user, each asked in a small dialog: block (with a
reason), unblock, revoke access to chosen contracts (with a reason), grant access to a
contract typed loosely (with the ground).

The act runs in a worker as one transaction. If the database or a colleague refuses it
(a stale card, a contract of another company, no privilege, a lost connection), the dialog
stays open with everything typed still in it and says what happened; a stale card is
read again by the page (:meth:`ActDialog.set_detail`) so that confirming again acts on
what the user is now.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.portal_user_browser import UserDetail
from lkk_admin.services.portal_users import (
    MAX_REASON_LENGTH,
    STANDARD_BLOCK_REASONS,
    STANDARD_GRANT_REASONS,
    STANDARD_REVOKE_REASONS,
    UserAct,
)
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.portal_users.jobs import ActRequest, run_act
from lkk_admin.views.refusals import refusal_text

KINDS = ("block", "unblock", "revoke", "grant")
ERROR_STYLE = (
    "QLabel { background: #fdecea; border: 1px solid #e59a92; color: #7a1a12; "
    "border-radius: 3px; padding: 6px; }"
)


class ActDialog(QDialog):
    """``acted(UserAct)`` once the act is written; ``failed(error)`` when it is refused."""

    acted = Signal(object)  # services.portal_users.UserAct
    failed = Signal(object)  # the exception (shown in the dialog as well)

    def __init__(
        self,
        context: AppContext,
        kind: str,
        detail: UserDetail,
        parent: QWidget | None = None,
        *,
        chosen_contracts: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(kind)
        self.setObjectName(f"{kind}UserDialog")
        self.context = context
        self.kind = kind
        self.detail = detail
        self.busy = False
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(500)
        self.setWindowTitle(self._title())

        heading = QLabel(
            self.tr("{login} — {name}").format(login=detail.login, name=detail.full_name_masked)
        )
        heading.setObjectName("actHeading")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.explanation = QLabel(self._explanation())
        self.explanation.setObjectName("actExplanation")
        self.explanation.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.explanation)

        self.contracts_list: QListWidget | None = None
        self.number_edit: QLineEdit | None = None
        self.reason_combo: QComboBox | None = None
        self.reason_edit: QPlainTextEdit | None = None
        if kind == "revoke":
            self._add_contracts_list(layout, chosen_contracts)
        elif kind == "grant":
            self._add_number_edit(layout)
        if kind != "unblock":
            self._add_reason(layout)
        self._add_footer(layout)
        self._update()

    def _add_contracts_list(self, layout: QVBoxLayout, chosen: Sequence[str]) -> None:
        self.contracts_list = self._contracts_list(chosen)
        prompt = QLabel(self.tr("&Contracts to revoke:"))
        prompt.setBuddy(self.contracts_list)
        layout.addWidget(prompt)
        layout.addWidget(self.contracts_list, 1)

    def _add_number_edit(self, layout: QVBoxLayout) -> None:
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("contractNumberEdit")
        self.number_edit.setPlaceholderText(self.tr("For example: ЭС-1234/21"))
        self.number_edit.setToolTip(
            self.tr(
                "As the company wrote it: spaces, dashes and look-alike Latin letters do not matter"
            )
        )
        self.number_edit.textChanged.connect(self._update)
        prompt = QLabel(self.tr("Contract &number:"))
        prompt.setBuddy(self.number_edit)
        layout.addWidget(prompt)
        layout.addWidget(self.number_edit)

    def _add_reason(self, layout: QVBoxLayout) -> None:
        self.reason_combo = QComboBox()
        self.reason_combo.setObjectName("standardReasons")
        self.reason_combo.addItem(self.tr("Standard reasons…"), "")
        for text in self._standard_reasons():
            self.reason_combo.addItem(text, text)
        self.reason_combo.setToolTip(self.tr("Put a standard reason in the text below"))
        self.reason_combo.activated.connect(self._standard_chosen)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("actReason")
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setMinimumHeight(70)
        self.reason_edit.setPlaceholderText(self._reason_placeholder())
        self.reason_edit.textChanged.connect(self._update)
        prompt = QLabel(self._reason_prompt())
        prompt.setBuddy(self.reason_edit)
        layout.addWidget(prompt)
        layout.addWidget(self.reason_combo)
        layout.addWidget(self.reason_edit, 1)

    def _add_footer(self, layout: QVBoxLayout) -> None:
        self.error_label = QLabel()
        self.error_label.setObjectName("actError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)
        self.status_label = QLabel()
        self.status_label.setObjectName("actStatus")
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)

        self.buttons = QDialogButtonBox()
        self.confirm_button = QPushButton(self._confirm_text())
        self.confirm_button.setObjectName("confirmButton")
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        # Ctrl+Enter confirms from the text box too (Enter there starts a new line).
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self).activated.connect(self.confirm)
        layout.addWidget(self.buttons)

    # --- texts by kind ----------------------------------------------------------------------

    def _title(self) -> str:
        return {
            "block": self.tr("Block the user"),
            "unblock": self.tr("Unblock the user"),
            "revoke": self.tr("Revoke access to contracts"),
            "grant": self.tr("Grant access to a contract"),
        }[self.kind]

    def _confirm_text(self) -> str:
        return {
            "block": self.tr("&Block"),
            "unblock": self.tr("&Unblock"),
            "revoke": self.tr("&Revoke access"),
            "grant": self.tr("&Grant access"),
        }[self.kind]

    def _explanation(self) -> str:
        detail = self.detail
        if self.kind == "block":
            return self.tr(
                "The portal will refuse the user's login. Access to contracts stays as it is "
                "and comes back on unblocking. The user gets a letter with the reason; the "
                "reason is recorded in the audit log."
            )
        if self.kind == "unblock":
            restored = detail.status_before_block or "active"
            if detail.live_contracts:
                restored = "active"
            return self.tr(
                "The account gets back the status «{status}» and its {count} live contract(s). "
                "The user gets a letter."
            ).format(status=fmt.user_status_name(restored), count=len(detail.live_contracts))
        if self.kind == "revoke":
            return self.tr(
                "The user stops seeing the chosen contracts on the portal. The records of the "
                "access stay, marked revoked. The user gets a letter listing the contracts and "
                "the reason."
            )
        organisation = detail.organisation
        owner = (
            self.tr("{name} (TIN {inn})").format(name=organisation.name, inn=organisation.inn)
            if organisation is not None
            else self.tr("the user's organisation")
        )
        return self.tr(
            "Only a contract of {owner} that is not terminated can be granted, as in the "
            "registration queue. The user gets a letter."
        ).format(owner=owner)

    def _standard_reasons(self) -> Sequence[str]:
        return {
            "block": STANDARD_BLOCK_REASONS,
            "revoke": STANDARD_REVOKE_REASONS,
            "grant": STANDARD_GRANT_REASONS,
        }.get(self.kind, ())

    def _reason_prompt(self) -> str:
        if self.kind == "grant":
            return self.tr("&Ground (required; the user reads it):")
        return self.tr("&Reason (required; the user reads it):")

    def _reason_placeholder(self) -> str:
        if self.kind == "grant":
            return self.tr("For example: the company's letter No. 15 of 02.12.2026")
        if self.kind == "revoke":
            return self.tr("For example: the contract was terminated on 30.11.2026")
        return self.tr("For example: the password was passed to a third party")

    def _contracts_list(self, chosen: Sequence[str]) -> QListWidget:
        contracts = QListWidget()
        contracts.setObjectName("revokeContracts")
        live = self.detail.live_contracts
        for line in live:
            item = QListWidgetItem(f"{line.contract_number} — {line.counterparty_name}")
            item.setData(Qt.ItemDataRole.UserRole, line.contract_number)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = line.contract_number in chosen or len(live) == 1
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            contracts.addItem(item)
        contracts.itemChanged.connect(lambda _item: self._update())
        contracts.setMinimumHeight(min(8, max(3, len(live))) * 22)
        return contracts

    # --- what is typed ----------------------------------------------------------------------

    @property
    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip() if self.reason_edit is not None else ""

    @property
    def contract_numbers(self) -> tuple[str, ...]:
        if self.contracts_list is not None:
            items = (self.contracts_list.item(row) for row in range(self.contracts_list.count()))
            return tuple(
                str(item.data(Qt.ItemDataRole.UserRole))
                for item in items
                if item.checkState() == Qt.CheckState.Checked
            )
        if self.number_edit is not None:
            number = self.number_edit.text().strip()
            return (number,) if number else ()
        return ()

    def problem(self) -> str | None:
        """Why the act cannot be confirmed as it stands (None: it can)."""
        if self.kind == "revoke" and not self.contract_numbers:
            return self.tr("Tick at least one contract.")
        if self.kind == "grant" and not self.contract_numbers:
            return self.tr("Type the contract number.")
        if self.reason_edit is not None:
            if not self.reason:
                return self.tr("Type the reason: the user reads it in the letter.")
            if len(self.reason) > MAX_REASON_LENGTH:
                return self.tr("The reason is too long: at most {n} characters.").format(
                    n=MAX_REASON_LENGTH
                )
        return None

    def _standard_chosen(self, index: int) -> None:
        assert self.reason_combo is not None and self.reason_edit is not None
        text = str(self.reason_combo.itemData(index) or "")
        if text:
            self.reason_edit.setPlainText(text)
            self.reason_edit.setFocus()
        self.reason_combo.setCurrentIndex(0)

    def _update(self) -> None:
        problem = self.problem()
        self.confirm_button.setEnabled(problem is None and not self.busy)
        self.confirm_button.setToolTip(problem or "")

    def _set_editable(self, editable: bool) -> None:
        for widget in (self.reason_edit, self.number_edit):
            if widget is not None:
                widget.setReadOnly(not editable)
        for other in (self.contracts_list, self.reason_combo):
            if other is not None:
                other.setEnabled(editable)

    def set_detail(self, detail: UserDetail) -> None:
        """The user as read again (after a refusal): the next confirmation acts on it."""
        if detail.id == self.detail.id:
            self.detail = detail
            self.explanation.setText(self._explanation())

    # --- acting -----------------------------------------------------------------------------

    def confirm(self) -> None:
        if self.busy or self.problem() is not None:
            return
        self.busy = True
        self.error_label.setVisible(False)
        self.status_label.setText(self.tr("Saving…"))
        self._set_editable(False)
        self._update()
        factory, actor = self.context.session_factory, self.context.actor
        request = ActRequest(
            self.kind,
            self.detail.id,
            self.detail.version,
            self.reason,
            self.contract_numbers,
        )
        self.context.jobs.start(
            lambda _control: run_act(factory, actor, request),
            on_success=bound(self, self._succeeded),
            on_failure=bound(self, self._failed),
            name=f"portal-user-{self.kind}",
        )

    def _succeeded(self, act: UserAct) -> None:
        self.busy = False
        self.acted.emit(act)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self._set_editable(True)
        self.status_label.clear()
        text = refusal_text(
            self.context,
            error,
            self.parentWidget(),
            unexpected=self.tr(
                "Nothing was changed because of an unexpected error. What you typed is still "
                "here: copy it or try again."
            ),
            kept=self.tr("Nothing was changed. What you typed is still here."),
        )
        self.error_label.setText(text)
        self.error_label.setVisible(True)
        self._update()
        self.failed.emit(error)
