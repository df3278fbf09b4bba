"""One portal user as an administrator needs to see them: what the portal lets the user
see, and why.

The profile (contacts masked; showing one is audited), the organisation (a link opens it
in the registry), every contract access live and revoked with who granted it, through
which request, who revoked it and why, the user's requests (links to the queue), the
letters sent (links to the outbox) and the latest audit events about the user.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from lkk_admin.services.audit_log import action_name
from lkk_admin.services.portal_user_browser import (
    ContractAccessLine,
    UserDetail,
    UserRequestLine,
    reveal_user_contact,
)
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.callbacks import bound
from lkk_admin.views.framework.detail import DetailPane, DetailTable, FormGroup
from lkk_admin.views.pane_parts import NoticeLabel

CONTACT_FIELDS = ("email", "phone")


def _heading(text: str, count: int | None = None) -> str:
    return f"<b>{text}</b>" + (f" ({count})" if count is not None else "")


class PortalUserPane(DetailPane):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("portalUserPane", parent)
        self.context = context
        self.revealed: dict[str, str] = {}
        self.state_label = NoticeLabel("userState")  # blocked, sees nothing, anonymised
        self.profile = FormGroup(self.tr("Profile"), "profileGroup")
        self.reveal_email = QPushButton(self.tr("Show e-mail"))
        self.reveal_email.setObjectName("revealEmailButton")
        self.reveal_phone = QPushButton(self.tr("Show phone"))
        self.reveal_phone.setObjectName("revealPhoneButton")
        for button, field in ((self.reveal_email, "email"), (self.reveal_phone, "phone")):
            button.setToolTip(
                self.tr(
                    "Show in full; the disclosure of personal data is recorded in the audit log"
                )
            )
            button.clicked.connect(lambda _checked=False, field=field: self.reveal(field))
        reveal_row = QHBoxLayout()
        reveal_row.addWidget(self.reveal_email)
        reveal_row.addWidget(self.reveal_phone)
        reveal_row.addStretch(1)

        self.organisation = FormGroup(self.tr("Organisation"), "organisationGroup")
        self.open_registry = QPushButton(self.tr("Open in the registry"))
        self.open_registry.setObjectName("openRegistryButton")
        self.open_registry.setToolTip(
            self.tr("The counterparty, its contracts and everyone with access to them")
        )
        self.open_registry.clicked.connect(self._open_registry)
        registry_row = QHBoxLayout()
        registry_row.addWidget(self.open_registry)
        registry_row.addStretch(1)

        self.contracts_heading = self._heading_label()
        self.contracts_table = DetailTable(
            "accessTable",
            [
                self.tr("Contract"),
                self.tr("Access"),
                self.tr("Granted"),
                self.tr("Through"),
                self.tr("Revoked"),
                self.tr("Why"),
            ],
            stretch=5,
            max_rows=10,
        )
        self.contracts_table.setToolTip(
            self.tr("Double-click a row granted by a request to open the request in the queue")
        )
        self.requests_heading = self._heading_label()
        self.requests_table = DetailTable(
            "userRequestsTable",
            [
                self.tr("Request"),
                self.tr("Submitted"),
                self.tr("Status"),
                self.tr("TIN / KPP"),
                self.tr("Contracts typed"),
                self.tr("Decided"),
            ],
            stretch=4,
            max_rows=6,
        )
        self.requests_table.setToolTip(self.tr("Double-click a request to open it in the queue"))
        self.letters_heading = self._heading_label()
        self.letters_table = DetailTable(
            "userLettersTable",
            [self.tr("Letter"), self.tr("Queued"), self.tr("Subject"), self.tr("Status")],
            stretch=2,
            max_rows=6,
        )
        self.letters_table.setToolTip(self.tr("Double-click a letter to open it in the outbox"))
        self.events_heading = self._heading_label()
        self.events_table = DetailTable(
            "userEventsTable",
            [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Details")],
            stretch=3,
            max_rows=8,
        )
        self.events_table.setToolTip(self.tr("Double-click an event to open it in the audit log"))
        for table in (
            self.contracts_table,
            self.requests_table,
            self.letters_table,
            self.events_table,
        ):
            table.link_activated.connect(self.link_activated)

        layout = self.body_layout
        layout.addWidget(self.state_label)
        layout.addWidget(self.profile)
        layout.addLayout(reveal_row)
        layout.addWidget(self.organisation)
        layout.addLayout(registry_row)
        for heading, table in (
            (self.contracts_heading, self.contracts_table),
            (self.requests_heading, self.requests_table),
            (self.letters_heading, self.letters_table),
            (self.events_heading, self.events_table),
        ):
            layout.addWidget(heading)
            layout.addWidget(table)
        layout.addStretch(1)
        self.clear()

    @staticmethod
    def _heading_label() -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    # --- filling ----------------------------------------------------------------------------

    def clear(self, text: str | None = None) -> None:
        super().clear(text or self.tr("Choose a user in the list to see them here."))

    def fill(self, detail: UserDetail) -> None:
        if self.revealed and self.shown_id != detail.id:
            self.revealed = {}
        self.title_label.setText(detail.login)
        organisation = detail.organisation
        parts = [detail.full_name_masked, fmt.user_status_name(detail.status)]
        if organisation is not None:
            parts.append(organisation.name)
        self.subtitle_label.setText(" · ".join(part for part in parts if part))
        self._fill_state(detail)
        self._fill_profile(detail)
        self._fill_organisation(detail)
        self._fill_contracts(detail)
        self._fill_requests(detail)
        self._fill_letters(detail)
        self._fill_events(detail)

    def _fill_state(self, detail: UserDetail) -> None:
        if detail.anonymised_at is not None:
            self.state_label.show_notice(
                self.tr(
                    "The personal data of this account were anonymised on {day} when their "
                    "retention term ended; it cannot sign in."
                ).format(day=fmt.date_time(detail.anonymised_at)),
                "info",
            )
        elif detail.status == "blocked":
            self.state_label.show_notice(
                self.tr(
                    "Blocked by {who} on {when}. The portal refuses the login; access to "
                    "contracts is kept. Reason: {reason}"
                ).format(
                    who=detail.blocked_by or "—",
                    when=fmt.date_time(detail.blocked_at),
                    reason=detail.block_reason or "—",
                ),
                "warning",
            )
        elif detail.sees_nothing:
            self.state_label.show_notice(
                self.tr(
                    "Every access of this user has been revoked: the account is active, but "
                    "the portal shows it no contract."
                ),
                "warning",
            )
        else:
            self.state_label.hide_notice()

    def _fill_profile(self, detail: UserDetail) -> None:
        rows = [
            (self.tr("Login"), detail.login),
            (self.tr("Name"), detail.full_name_masked),
            (self.tr("E-mail"), self.revealed.get("email", detail.email_masked)),
            (self.tr("Phone"), self.revealed.get("phone", detail.phone_masked)),
            (self.tr("Status"), fmt.user_status_name(detail.status)),
            (self.tr("Registered"), fmt.date_time(detail.created_at)),
            (
                self.tr("E-mail confirmed"),
                fmt.date_time(detail.email_confirmed_at) if detail.email_confirmed_at else "—",
            ),
            (
                self.tr("Last login"),
                fmt.date_time(detail.last_login_at) if detail.last_login_at else "—",
            ),
        ]
        if detail.status == "blocked" and detail.status_before_block:
            rows.append(
                (
                    self.tr("Before blocking"),
                    fmt.user_status_name(detail.status_before_block),
                )
            )
        if detail.pending_requests:
            rows.append((self.tr("Open requests"), str(detail.pending_requests)))
        self.profile.set_rows(rows)
        anonymised = detail.anonymised_at is not None
        self.reveal_email.setVisible(not anonymised and "email" not in self.revealed)
        self.reveal_phone.setVisible(
            not anonymised and bool(detail.phone_masked) and "phone" not in self.revealed
        )

    def _fill_organisation(self, detail: UserDetail) -> None:
        organisation = detail.organisation
        self.organisation.setVisible(organisation is not None)
        self.open_registry.setVisible(
            organisation is not None and organisation.counterparty_id is not None
        )
        if organisation is None:
            return
        rows = [
            (self.tr("Organisation name"), organisation.name),
            (self.tr("Type"), fmt.org_type_name(organisation.org_type)),
            (self.tr("TIN"), organisation.inn),
            (self.tr("KPP"), organisation.kpp or "—"),
        ]
        if organisation.counterparty_id is None:
            rows.append(
                (
                    self.tr("Registry"),
                    self.tr("not matched: as typed in the latest request"),
                )
            )
        self.organisation.set_rows(rows)

    def _access_through(self, line: ContractAccessLine) -> str:
        if line.registration_request_id is not None:
            return self.tr("request No. {id}").format(id=line.registration_request_id)
        reason = line.grant_reason or "—"
        return self.tr("administrator: {reason}").format(reason=reason)

    def _fill_contracts(self, detail: UserDetail) -> None:
        lines = detail.contracts
        self.contracts_table.set_rows(
            [
                (
                    line.contract_number
                    + (
                        ""
                        if line.contract_status == "active"
                        else f" ({fmt.contract_status_name(line.contract_status)})"
                    ),
                    self.tr("live") if line.live else self.tr("revoked"),
                    f"{fmt.date_time(line.granted_at)}, {line.granted_by}",
                    self._access_through(line),
                    f"{fmt.date_time(line.revoked_at)}, {line.revoked_by or '—'}"
                    if line.revoked_at
                    else "",
                    line.revoke_reason or "",
                )
                for line in lines
            ],
            links=[
                ("registration_queue", line.registration_request_id, "")
                if line.registration_request_id is not None
                else None
                for line in lines
            ],
            link_column=3,
            colours=[None if line.live else fmt.MUTED_TEXT for line in lines],
        )
        self.contracts_heading.setText(
            _heading(self.tr("Contracts"))
            + " "
            + self.tr("({live} live, {revoked} revoked)").format(
                live=len(detail.live_contracts), revoked=len(lines) - len(detail.live_contracts)
            )
        )

    def _fill_requests(self, detail: UserDetail) -> None:
        self.requests_table.set_rows(
            [
                (
                    f"№ {r.id}",
                    fmt.date_time(r.submitted_at),
                    fmt.status_name(r.status),
                    f"{r.inn} / {r.kpp}" if r.kpp else r.inn,
                    ", ".join(r.contract_numbers) or "—",
                    self._decided(r),
                )
                for r in detail.requests
            ],
            links=[("registration_queue", r.id, "") for r in detail.requests],
        )
        self.requests_heading.setText(
            _heading(self.tr("Registration requests"), len(detail.requests))
        )

    @staticmethod
    def _decided(request: UserRequestLine) -> str:
        if request.decided_at is None:
            return "—"
        return f"{fmt.date_time(request.decided_at)}, {request.decided_by or '—'}"

    def _fill_letters(self, detail: UserDetail) -> None:
        self.letters_table.set_rows(
            [
                (
                    f"№ {letter.id}",
                    fmt.date_time(letter.created_at),
                    letter.subject,
                    self._letter_status(letter.status),
                )
                for letter in detail.letters
            ],
            links=[("mail_outbox", letter.id, "") for letter in detail.letters],
        )
        self.letters_heading.setText(_heading(self.tr("Letters to the user"), len(detail.letters)))

    def _letter_status(self, status: str) -> str:
        names = {
            "pending": self.tr("waiting"),
            "sent": self.tr("sent"),
            "failed": self.tr("failed"),
            "cancelled": self.tr("cancelled"),
        }
        return names.get(status, status)

    def _fill_events(self, detail: UserDetail) -> None:
        self.events_table.set_rows(
            [
                (
                    fmt.date_time(event.occurred_at),
                    event.actor,
                    action_name(event.action),
                    event.summary,
                )
                for event in detail.events
            ],
            links=[("audit_log", event.id, "") for event in detail.events],
        )
        self.events_heading.setText(_heading(self.tr("Recent events"), len(detail.events)))

    def _open_registry(self) -> None:
        detail: UserDetail | None = self.detail
        if detail is not None and detail.organisation is not None:
            counterparty_id = detail.organisation.counterparty_id
            if counterparty_id is not None:
                self.link_activated.emit("counterparties", counterparty_id, "")

    # --- revealing a contact ----------------------------------------------------------------

    def reveal(self, field: str) -> None:
        detail: UserDetail | None = self.detail
        if detail is None or field not in CONTACT_FIELDS:
            return
        factory, actor, user_id = self.context.session_factory, self.context.actor, detail.id

        def work(_control: object) -> str:
            with factory.begin() as session:
                return reveal_user_contact(session, user_id, field, actor)

        def done(value: str) -> None:
            current: UserDetail | None = self.detail
            if current is not None and current.id == user_id:
                self.revealed[field] = value
                self._fill_profile(current)

        self.context.jobs.start(
            work,
            on_success=bound(self, done),
            on_failure=bound(self, lambda error: self.context.errors.report(error, self)),
            name="portal-user-reveal",
        )
