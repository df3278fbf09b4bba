"""One counterparty as the customer sees it on the portal, and who works with it.

Requisites (contacts masked; showing one is audited), its contracts (choosing one opens
it below, :mod:`.contract_panel`), the portal users who have access to them and its
registration requests (a link opens one in the queue).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from lkk_admin.services.registry_browser import CounterpartyDetail, reveal_counterparty_contact
from lkk_admin.services.registry_browser.counterparties import ContactField
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.framework.detail import DetailPane, DetailTable, FormGroup
from lkk_admin.views.registry.contract_panel import ContractPanel


class CounterpartyPane(DetailPane):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("counterpartyPane", parent)
        self.context = context
        self.revealed: dict[ContactField, str] = {}
        self.requisites = FormGroup(self.tr("Requisites"), "requisitesGroup")
        self.reveal_phone = QPushButton(self.tr("Show phone"))
        self.reveal_phone.setObjectName("revealPhoneButton")
        self.reveal_email = QPushButton(self.tr("Show e-mail"))
        self.reveal_email.setObjectName("revealEmailButton")
        for button, field in ((self.reveal_phone, "phone"), (self.reveal_email, "email")):
            button.setToolTip(
                self.tr(
                    "Show in full; the disclosure of personal data is recorded in the audit log"
                )
            )
            button.clicked.connect(lambda _checked=False, field=field: self.reveal(field))
        reveal_row = QHBoxLayout()
        reveal_row.addWidget(self.reveal_phone)
        reveal_row.addWidget(self.reveal_email)
        reveal_row.addStretch(1)

        self.contracts_table = DetailTable(
            "contractsTable",
            [
                self.tr("Contract"),
                self.tr("Signed"),
                self.tr("Valid"),
                self.tr("Status"),
                self.tr("Category"),
                self.tr("Voltage"),
                self.tr("Power, kW"),
            ],
            stretch=0,
            max_rows=8,
        )
        self.contracts_table.setToolTip(self.tr("Choose a contract to see it below"))
        self.contracts_table.itemSelectionChanged.connect(self._contract_selected)
        self.contract_panel = ContractPanel(context)
        self.contract_panel.report_requested.connect(
            lambda contract_id, number: self.link_activated.emit("reports", contract_id, number)
        )
        self.users_table = DetailTable(
            "usersTable",
            [
                self.tr("Login"),
                self.tr("Name"),
                self.tr("Status"),
                self.tr("E-mail"),
                self.tr("Contracts"),
                self.tr("Since"),
            ],
            stretch=4,
            max_rows=6,
        )
        self.users_table.setToolTip(self.tr("Double-click a user to open them in Portal users"))
        self.users_table.link_activated.connect(self.link_activated)
        self.requests_table = DetailTable(
            "requestsTable",
            [
                self.tr("Request"),
                self.tr("Submitted"),
                self.tr("Status"),
                self.tr("TIN / KPP"),
                self.tr("Organisation as typed"),
                self.tr("Decided"),
            ],
            stretch=4,
            max_rows=6,
        )
        self.requests_table.setToolTip(self.tr("Double-click a request to open it in the queue"))
        self.requests_table.link_activated.connect(self.link_activated)

        self.body_layout.addWidget(self.requisites)
        self.body_layout.addLayout(reveal_row)
        self.body_layout.addWidget(self._heading(self.tr("Contracts")))
        self.body_layout.addWidget(self.contracts_table)
        self.body_layout.addWidget(self.contract_panel)
        self.users_heading = self._heading(self.tr("Portal users with access"))
        self.body_layout.addWidget(self.users_heading)
        self.body_layout.addWidget(self.users_table)
        self.requests_heading = self._heading(self.tr("Registration requests"))
        self.body_layout.addWidget(self.requests_heading)
        self.body_layout.addWidget(self.requests_table)
        self.body_layout.addStretch(1)
        self.clear()

    def _heading(self, text: str) -> QLabel:
        label = QLabel(f"<b>{text}</b>")
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    # --- filling ----------------------------------------------------------------------------

    def clear(self, text: str | None = None) -> None:
        super().clear(text or self.tr("Choose a counterparty in the list to see it here."))
        if hasattr(self, "contract_panel"):
            self.contract_panel.close_contract()

    def fill(self, detail: CounterpartyDetail) -> None:
        if self.revealed and self.shown_id != detail.id:
            self.revealed = {}
        self.title_label.setText(detail.short_name)
        status = self.tr("active") if detail.is_active else self.tr("not active")
        self.subtitle_label.setText(
            f"{fmt.org_type_name(detail.org_type)} · {self._inn_kpp(detail)} · {status}"
        )
        self._fill_requisites(detail)
        self.contracts_table.set_rows(
            [
                (
                    c.number,
                    fmt.day(c.signed_on),
                    f"{fmt.day(c.valid_from)} – {fmt.day(c.valid_to)}"
                    if c.valid_to
                    else self.tr("from {day}").format(day=fmt.day(c.valid_from)),
                    fmt.contract_status_name(c.status),
                    str(c.price_category),
                    ", ".join(c.voltage_levels) or "—",
                    fmt.decimal(c.max_power_kw, 2, trim=True),
                )
                for c in detail.contracts
            ],
            align_right=(4, 6),
            colours=[None if c.status == "active" else fmt.MUTED_TEXT for c in detail.contracts],
        )
        self.users_table.set_rows(
            [
                (
                    u.login,
                    u.name_masked,
                    fmt.user_status_name(u.status),
                    u.email_masked,
                    ", ".join(u.contract_numbers),
                    fmt.day(u.granted_at.date()),
                )
                for u in detail.users
            ],
            links=[("portal_users", u.user_id, "") for u in detail.users],
        )
        self.users_heading.setText(
            f"<b>{self.tr('Portal users with access')}</b> ({len(detail.users)})"
        )
        self.requests_table.set_rows(
            [
                (
                    f"№ {r.id}",
                    fmt.date_time(r.submitted_at),
                    fmt.status_name(r.status),
                    f"{r.inn} / {r.kpp}" if r.kpp else r.inn,
                    r.org_name,
                    fmt.date_time(r.decided_at) if r.decided_at else "—",
                )
                for r in detail.requests
            ],
            links=[("registration_queue", r.id, "") for r in detail.requests],
        )
        self.requests_heading.setText(
            f"<b>{self.tr('Registration requests')}</b> ({len(detail.requests)})"
        )
        contract_ids = [c.id for c in detail.contracts]
        shown = self.contract_panel.contract
        if not contract_ids:
            self.contract_panel.close_contract()
            return
        row = contract_ids.index(shown.id) if shown is not None and shown.id in contract_ids else 0
        self.contracts_table.selectRow(row)
        self._contract_chosen(row)

    def _inn_kpp(self, detail: CounterpartyDetail) -> str:
        text = self.tr("TIN {inn}").format(inn=detail.inn)
        return text + (self.tr(", KPP {kpp}").format(kpp=detail.kpp) if detail.kpp else "")

    def _fill_requisites(self, detail: CounterpartyDetail) -> None:
        phone = self.revealed.get("phone", detail.phone_masked)
        email = self.revealed.get("email", detail.email_masked)
        self.requisites.set_rows(
            [
                (self.tr("Full name"), detail.full_name),
                (self.tr("TIN"), detail.inn),
                (self.tr("KPP"), detail.kpp or "—"),
                (
                    self.tr("OGRN") if detail.org_type == "legal_entity" else self.tr("OGRNIP"),
                    detail.ogrn or "—",
                ),
                (self.tr("Legal address"), detail.legal_address or "—"),
                (self.tr("Postal address"), detail.postal_address or "—"),
                (self.tr("Phone"), phone or "—"),
                (self.tr("E-mail"), email or "—"),
            ]
        )
        self.reveal_phone.setVisible(bool(detail.phone_masked) and "phone" not in self.revealed)
        self.reveal_email.setVisible(bool(detail.email_masked) and "email" not in self.revealed)

    def _contract_selected(self) -> None:
        rows = {index.row() for index in self.contracts_table.selectedIndexes()}
        if len(rows) == 1:
            self._contract_chosen(rows.pop())

    def _contract_chosen(self, row: int) -> None:
        detail: CounterpartyDetail | None = self.detail
        if detail is not None and 0 <= row < len(detail.contracts):
            self.contract_panel.open(detail.contracts[row].id)

    # --- revealing a contact ----------------------------------------------------------------

    def reveal(self, field: ContactField) -> None:
        detail: CounterpartyDetail | None = self.detail
        if detail is None:
            return
        factory, actor, counterparty_id = (
            self.context.session_factory,
            self.context.actor,
            detail.id,
        )

        def work(_control: object) -> str:
            with factory.begin() as session:
                return reveal_counterparty_contact(session, counterparty_id, actor, field)

        def done(value: str) -> None:
            current: CounterpartyDetail | None = self.detail
            if current is not None and current.id == counterparty_id:
                self.revealed[field] = value
                self._fill_requisites(current)

        self.context.jobs.start(
            work,
            on_success=bound(self, done),
            on_failure=bound(self, lambda error: self.context.errors.report(error, self)),
            name="registry-reveal",
        )
