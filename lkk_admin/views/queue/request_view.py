"""The request pane: the applicant's three steps, the checks, the registry, the contracts.

It shows one :class:`~lkk_admin.services.request_details.RequestDetails` and the state of
its claim; the page's actions (claim, decide, release) appear as buttons in its header.
Revealing the e-mail or the phone is a deliberate, audited action of its own. A decided
request shows the checks its decision was taken on (and says so); an open one, what the
checks suggest deciding.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.request_details import ContactField, RequestDetails
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.framework.widgets import ResponsiveColumns
from lkk_admin.views.pane_parts import (
    NoticeLabel,
    action_toolbar,
    pane_title_label,
    placeholder_label,
    value_label,
)
from lkk_admin.views.queue import formatting as fmt
from lkk_admin.views.queue import jobs
from lkk_admin.views.queue.advice import advice_text
from lkk_admin.views.queue.request_parts import (
    HINT_STYLE,
    ComparisonTable,
    ContractsTable,
    FindingsList,
    OwnersPanel,
)

# Where the advice of the checks is shown: the request is still to be decided.
_UNDECIDED = ("email_unconfirmed", "pending", "in_review")

STEPS_MIN_WIDTH = 380
STEPS_MAX_WIDTH = 400  # the rest of the width goes to the checks, registry and contracts
BASIS_MIN_WIDTH = 500  # the contracts table and the comparison need this much beside them


def _form(group: QGroupBox) -> QFormLayout:
    form = QFormLayout(group)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
    form.setContentsMargins(8, 6, 8, 8)
    form.setVerticalSpacing(4)
    return form


class RequestView(QWidget):
    """One request in full; ``choices_changed`` when a contract's check box is toggled."""

    choices_changed = Signal()
    revealed = Signal(str, str)  # field, value
    # The matched counterparty, to open in the registry: (its id, its ИНН).
    registry_requested = Signal(int, str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestView")
        self.context = context
        self.details: RequestDetails | None = None
        self._revealed: dict[str, str] = {}

        self.header = self._build_header()
        self.stack = QStackedWidget()
        self.placeholder = placeholder_label("requestPlaceholder")
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self._build_body())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self.clear()

    # --- building ---------------------------------------------------------------------------

    def _build_header(self) -> QWidget:
        """Title and buttons; status and claim; a notice line for what just happened."""
        self.title_label = pane_title_label("requestTitle")
        self.subtitle_label = QLabel()
        self.subtitle_label.setObjectName("requestSubtitle")
        self.claim_label = QLabel()
        self.claim_label.setObjectName("claimState")
        self.claim_label.setWordWrap(True)
        self.notice_label = NoticeLabel("requestNotice")
        self.toolbar = action_toolbar("requestActions")

        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.toolbar, 0, Qt.AlignmentFlag.AlignTop)
        state = QHBoxLayout()
        state.setSpacing(12)
        state.addWidget(self.subtitle_label)
        state.addWidget(self.claim_label, 1)
        header = QWidget()
        layout = QVBoxLayout(header)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addLayout(state)
        layout.addWidget(self.notice_label)
        return header

    def _build_body(self) -> QWidget:
        """Left: the applicant's three steps as the portal collected them. Right: what
        the decision rests on — the checks, the contracts, the registry."""
        steps = QVBoxLayout()
        steps.setContentsMargins(0, 0, 0, 0)
        steps.setSpacing(8)
        steps.addWidget(self._build_step1())
        steps.addWidget(self._build_step2())
        steps.addWidget(self._build_step3())
        steps.addStretch(1)
        steps_column = QWidget()
        steps_column.setObjectName("stepsColumn")
        steps_column.setLayout(steps)
        steps_column.setMinimumWidth(STEPS_MIN_WIDTH)
        steps_column.setMaximumWidth(STEPS_MAX_WIDTH)
        basis = QVBoxLayout()
        basis.setContentsMargins(0, 0, 0, 0)
        basis.setSpacing(8)
        basis.addWidget(self._build_checks())
        basis.addWidget(self._build_contracts())
        basis.addWidget(self._build_registry())
        basis.addStretch(1)
        basis_column = QWidget()
        basis_column.setObjectName("basisColumn")
        basis_column.setLayout(basis)

        # Side by side from a wide pane; on a small desk what the decision rests on comes
        # first and the applicant's steps under it, and the pane scrolls only down.
        body = ResponsiveColumns(
            steps_column,
            basis_column,
            side_by_side_from=STEPS_MIN_WIDTH + BASIS_MIN_WIDTH,
            first_max=STEPS_MAX_WIDTH,
        )
        body.setObjectName("requestBody")
        self.columns = body
        scroll = QScrollArea()
        scroll.setObjectName("requestScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self.scroll_area = scroll
        return scroll

    def _build_step1(self) -> QGroupBox:
        step = QGroupBox(self.tr("Step 1. Account"))
        step.setObjectName("step1")
        form = _form(step)
        self.login_value = value_label("loginValue")
        self.email_value = value_label("emailValue")
        self.reveal_email_button = self._reveal_button("email", "revealEmailButton")
        form.addRow(self.tr("Login:"), self.login_value)
        form.addRow(
            self.tr("E-mail:"), self._with_button(self.email_value, self.reveal_email_button)
        )
        return step

    def _build_step2(self) -> QGroupBox:
        step = QGroupBox(self.tr("Step 2. Personal information"))
        step.setObjectName("step2")
        form = _form(step)
        self.last_name_value = value_label("lastNameValue")
        self.first_name_value = value_label("firstNameValue")
        self.patronymic_value = value_label("patronymicValue")
        self.phone_value = value_label("phoneValue")
        self.reveal_phone_button = self._reveal_button("phone", "revealPhoneButton")
        form.addRow(self.tr("Last name:"), self.last_name_value)
        form.addRow(self.tr("First name:"), self.first_name_value)
        form.addRow(self.tr("Patronymic:"), self.patronymic_value)
        form.addRow(
            self.tr("Phone:"), self._with_button(self.phone_value, self.reveal_phone_button)
        )
        return step

    def _build_step3(self) -> QGroupBox:
        step = QGroupBox(self.tr("Step 3. Company information"))
        step.setObjectName("step3")
        form = _form(step)
        self.org_type_value = value_label("orgTypeValue")
        self.inn_value = value_label("innValue")
        self.kpp_value = value_label("kppValue")
        self.org_name_value = value_label("orgNameValue")
        self.existing_value = value_label("existingValue")
        self.contracts_value = value_label("contractsValue")
        form.addRow(self.tr("Organisation type:"), self.org_type_value)
        form.addRow(self.tr("TIN:"), self.inn_value)
        form.addRow(self.tr("KPP:"), self.kpp_value)
        form.addRow(self.tr("Name:"), self.org_name_value)
        form.addRow(self.tr("Existing counterparty:"), self.existing_value)
        form.addRow(self.tr("Contract numbers:"), self.contracts_value)
        return step

    def _build_checks(self) -> QGroupBox:
        group = QGroupBox(self.tr("Automatic checks"))
        group.setObjectName("checksGroup")
        self.checks_source = QLabel()
        self.checks_source.setObjectName("checksSource")
        self.checks_source.setWordWrap(True)
        self.checks_source.setStyleSheet(f"color: {fmt.MUTED_TEXT.name()};")
        self.findings = FindingsList()
        self.advice_label = QLabel()
        self.advice_label.setObjectName("adviceNote")
        self.advice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.advice_label.setWordWrap(True)
        self.advice_label.setStyleSheet(HINT_STYLE)
        layout = QVBoxLayout(group)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.checks_source)
        layout.addWidget(self.findings)
        layout.addWidget(self.advice_label)
        return group

    def _build_registry(self) -> QGroupBox:
        group = QGroupBox(self.tr("The organisation: entered and in the registry"))
        group.setObjectName("registryGroup")
        self.comparison = ComparisonTable()
        self.registry_note = QLabel()
        self.registry_note.setObjectName("registryNote")
        self.registry_note.setWordWrap(True)
        layout = QVBoxLayout(group)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.comparison)
        layout.addWidget(self.registry_note)
        self.registry_button = QPushButton(self.tr("Open in the registry"))
        self.registry_button.setObjectName("openInRegistryButton")
        self.registry_button.setToolTip(
            self.tr("See the counterparty the checks matched: its contracts, users and requests")
        )
        self.registry_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.registry_button.clicked.connect(self._open_registry)
        layout.addWidget(self.registry_button)
        return group

    def _build_contracts(self) -> QGroupBox:
        group = QGroupBox(self.tr("Contracts"))
        group.setObjectName("contractsGroup")
        self.contracts = ContractsTable()
        self.contracts.table.itemChanged.connect(lambda _item: self.choices_changed.emit())
        self.owners = OwnersPanel()
        layout = QVBoxLayout(group)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.contracts)
        layout.addWidget(self.owners)
        return group

    def _reveal_button(self, field: ContactField, object_name: str) -> QPushButton:
        button = QPushButton(self.tr("Show"))
        button.setObjectName(object_name)
        button.setToolTip(
            self.tr("Show in full; the disclosure of personal data is recorded in the audit log")
        )
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda _checked=False: self.reveal(field))
        return button

    def _with_button(self, label: QLabel, button: QPushButton) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label, 1)
        row.addWidget(button)
        return box

    def set_actions(self, actions: Iterable[QAction]) -> None:
        """Buttons for the page's actions (they share its enabled state and shortcut)."""
        for action in actions:
            self.toolbar.addAction(action)
            button = self.toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setObjectName(f"{action.objectName()}Button")
                button.setAutoRaise(False)  # look like the buttons they are

    # --- showing ----------------------------------------------------------------------------

    def _open_registry(self) -> None:
        details = self.details
        if details is not None and details.registry is not None:
            self.registry_requested.emit(details.registry.id, details.registry.inn)

    def clear(self, message: str | None = None) -> None:
        self.details = None
        self._revealed.clear()
        self.placeholder.setText(
            message
            or self.tr(
                "Open a request from the list (Enter or double click) or take the next one "
                "waiting in the queue."
            )
        )
        self.stack.setCurrentIndex(0)
        self.title_label.setText(self.tr("No request open"))
        self.subtitle_label.clear()
        self.claim_label.clear()
        self.hide_notice()

    def show_details(self, details: RequestDetails) -> None:
        same = self.details is not None and self.details.id == details.id
        keep = self.contracts.choices() if same else None
        if not same:
            self._revealed.clear()
            self.hide_notice()
        self.details = details
        actor = self.context.actor
        decidable = details.status == "in_review" and details.claimed_by == actor

        self.title_label.setText(
            self.tr("Request No. {id} · {name}").format(
                id=details.id, name=details.org_name.strip()
            )
        )
        self.subtitle_label.setText(
            self.tr("{status} · submitted {when} ({age} ago)").format(
                status=fmt.status_name(details.status),
                when=fmt.date_time(details.submitted_at),
                age=fmt.age(details.submitted_at),
            )
        )
        self.update_claim_state()

        self.login_value.setText(details.login)
        # A zero-width space lets a long masked address wrap after the "@".
        masked = details.email_masked.replace("@", "@\u200b")
        self.email_value.setText(self._revealed.get("email", masked))
        self.reveal_email_button.setVisible("email" not in self._revealed)
        self.last_name_value.setText(details.last_name)
        self.first_name_value.setText(details.first_name)
        self.patronymic_value.setText(details.patronymic or "—")
        self.phone_value.setText(self._revealed.get("phone", details.phone_masked))
        self.reveal_phone_button.setVisible("phone" not in self._revealed)

        self.org_type_value.setText(fmt.org_type_name(details.org_type))
        self.inn_value.setText(details.inn.strip() or "—")
        self.kpp_value.setText((details.kpp or "").strip() or "—")
        self.org_name_value.setText(details.org_name.strip())
        self.existing_value.setText(fmt.yes_no(details.existing_counterparty))
        self.contracts_value.setText(
            "\n".join(line.number_as_typed.strip() for line in details.contracts) or "—"
        )

        self._show_checks(details)
        self.comparison.show_fields(details.comparison)
        self.registry_button.setVisible(details.registry is not None)
        if details.registry is None:
            self.registry_note.setText(self.tr("No counterparty with this TIN in the registry."))
            self.registry_note.setToolTip("")
        else:
            state = "" if details.registry.is_active else self.tr(" (inactive)")
            if details.registry_exact:
                note = self.tr("Registry: {name}{state}, OGRN {ogrn}")
            else:
                note = self.tr(
                    "The registry has this TIN with another KPP: {name}{state}, KPP {kpp}, "
                    "OGRN {ogrn}"
                )
            note = note.format(
                name=details.registry.short_name,
                state=state,
                kpp=details.registry.kpp or "—",
                ogrn=details.registry_ogrn or "—",
            )
            extra = [
                f"{field.label}: {field.registry}"
                for field in details.comparison
                if not field.entered and not field.differs and field.registry
            ]
            self.registry_note.setText(note)
            self.registry_note.setToolTip("\n".join(extra))
        self.contracts.table.blockSignals(True)
        self.contracts.show_lines(details.contracts, decidable=decidable, keep=keep)
        self.contracts.table.blockSignals(False)
        self.owners.show_lines(details.contracts)
        self.stack.setCurrentIndex(1)
        if not same:
            self.scroll_area.verticalScrollBar().setValue(0)
        self.choices_changed.emit()

    def _show_checks(self, details: RequestDetails) -> None:
        """The findings, what they rest on (now, or the decision's), what they suggest."""
        self.findings.show_findings(details.findings)
        if details.checks_source == "decision":
            source = self.tr(
                "As checked when the decision was taken ({when}); the checks are not run again."
            ).format(when=fmt.date_time(details.checks_taken_at))
        elif details.checks_source == "now_after_decision":
            source = self.tr(
                "Checked now: the decision kept no record of its checks, so what follows "
                "may differ from what it was taken on."
            )
        else:
            source = ""
        self.checks_source.setText(source)
        self.checks_source.setVisible(bool(source))
        advice = advice_text(details) if details.status in _UNDECIDED else ""
        self.advice_label.setText(advice)
        self.advice_label.setVisible(bool(advice))

    def update_claim_state(self) -> None:
        details = self.details
        if details is None:
            self.claim_label.clear()
            return
        self.claim_label.setText(self._claim_text(details))

    def _claim_text(self, details: RequestDetails) -> str:
        now = fmt.now_utc()
        status, holder, until = details.status, details.claimed_by, details.claim_expires_at
        if status == "in_review" and holder == self.context.actor and until is not None:
            return self.tr(
                "Claimed by you until {time}; the claim is renewed while the request is open."
            ).format(time=fmt.short_time(until, now))
        if status == "in_review" and holder and until is not None and until <= now:
            return self.tr(
                "Was claimed by {holder}; the claim ended at {time}: you may take it."
            ).format(holder=holder, time=fmt.short_time(until, now))
        if status == "in_review" and holder:
            return self.tr("Being reviewed by {holder} until {time}.").format(
                holder=holder, time=fmt.short_time(until, now) if until else "—"
            )
        if status == "pending":
            return self.tr("Waiting in the queue: nobody has claimed it.")
        if status == "email_unconfirmed":
            return self.tr("The applicant has not confirmed the e-mail address yet.")
        decided = self.tr("{status} by {who}, {when}.").format(
            status=fmt.status_name(status),
            who=details.decided_by or "—",
            when=fmt.date_time(details.decided_at),
        )
        if details.decision_reason:
            decided += " " + self.tr("Reason: {reason}").format(reason=details.decision_reason)
        return decided

    @property
    def notice_kind(self) -> str:
        return self.notice_label.kind

    def show_notice(self, text: str, kind: str = "info") -> None:
        self.notice_label.show_notice(text, kind)

    def hide_notice(self) -> None:
        self.notice_label.hide_notice()

    # --- revealing personal data ------------------------------------------------------------

    def reveal(self, field: ContactField) -> None:
        details = self.details
        if details is None:
            return
        factory, actor, request_id = self.context.session_factory, self.context.actor, details.id
        button = self.reveal_email_button if field == "email" else self.reveal_phone_button
        button.setEnabled(False)

        def shown(value: str) -> None:
            button.setEnabled(True)
            if self.details is None or self.details.id != request_id:
                return
            self._revealed[field] = value
            target = self.email_value if field == "email" else self.phone_value
            target.setText(value)
            button.setVisible(False)
            self.revealed.emit(field, value)

        def failed(error: BaseException) -> None:
            button.setEnabled(True)
            self.context.errors.report(error, self)

        self.context.jobs.start(
            lambda _control: jobs.reveal(factory, request_id, actor, field),
            on_success=bound(self, shown),
            on_failure=bound(self, failed),
            name="queue-reveal",
        )
