"""What the «Пользователи портала» section shows: frozen rows read inside one session.

Personal data are masked here, in the service, so that nothing unmasked reaches a list,
an export or a log; the unmasked e-mail or phone of one user is read only by an audited
reveal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# The list's tabs, in order; "all" first. A user's status is one of models.USER_STATUSES.
TABS = ("all", "active", "blocked", "email_unconfirmed", "pending", "rejected")


@dataclass(frozen=True)
class UserRow:
    id: int
    login: str
    name_masked: str  # «Иванов И. П.»: last name and initials
    email_masked: str
    phone_masked: str
    status: str
    inn: str | None  # of the organisation the user was approved for (else the last request)
    kpp: str | None
    org_name: str | None
    live_contracts: int
    created_at: datetime
    last_login_at: datetime | None
    anonymised: bool
    # The approved counterparty (for a link to the registry); None: none matched, the
    # ИНН/КПП/name are then as the latest request typed them.
    counterparty_id: int | None = None


@dataclass(frozen=True)
class ContractAccessLine:
    """One access row of the user, live or revoked."""

    access_id: int
    contract_id: int
    contract_number: str
    contract_status: str  # active | suspended | terminated
    counterparty_id: int
    counterparty_name: str
    granted_at: datetime
    granted_by: str
    registration_request_id: int | None  # None: granted by an administrator outside a request
    grant_reason: str | None
    revoked_at: datetime | None
    revoked_by: str | None
    revoke_reason: str | None

    @property
    def live(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class UserRequestLine:
    id: int
    status: str
    submitted_at: datetime
    org_type: str
    inn: str
    kpp: str | None
    org_name: str
    decided_at: datetime | None
    decided_by: str | None
    contract_numbers: tuple[str, ...]  # as typed


@dataclass(frozen=True)
class UserLetterLine:
    id: int
    created_at: datetime
    subject: str
    template: str
    status: str  # pending | sent | failed | cancelled
    sent_at: datetime | None


@dataclass(frozen=True)
class UserEventLine:
    id: int
    occurred_at: datetime
    actor: str
    action: str  # audit_log.ACTION_NAMES has the Russian name
    summary: str  # one line: the reason, the contracts, before → after
    # What the event is about: the user, one of the user's requests or letters.
    entity: str = "portal_user"
    entity_id: int | None = None


@dataclass(frozen=True)
class Organisation:
    """The counterparty the user was approved for (``counterparty_id`` None: none in the
    registry; the ИНН/КПП/name are then those of the latest request)."""

    counterparty_id: int | None
    inn: str
    kpp: str | None
    name: str
    org_type: str


@dataclass(frozen=True)
class UserDetail:
    id: int
    version: int  # for block/unblock's expected_version
    login: str
    last_name_masked: str
    full_name_masked: str
    email_masked: str
    phone_masked: str
    status: str
    created_at: datetime
    email_confirmed_at: datetime | None
    last_login_at: datetime | None
    blocked_at: datetime | None
    blocked_by: str | None
    block_reason: str | None
    status_before_block: str | None
    anonymised_at: datetime | None
    organisation: Organisation | None
    contracts: tuple[ContractAccessLine, ...]  # live first (by number), then revoked (newest)
    requests: tuple[UserRequestLine, ...]  # newest first
    letters: tuple[UserLetterLine, ...]  # newest first, at most LETTER_LIMIT
    events: tuple[UserEventLine, ...]  # newest first, at most EVENT_LIMIT
    pending_requests: int  # requests still open in the queue

    @property
    def live_contracts(self) -> tuple[ContractAccessLine, ...]:
        return tuple(line for line in self.contracts if line.live)

    @property
    def sees_nothing(self) -> bool:
        """Active, but every grant revoked: the portal shows the user no contract."""
        return self.status == "active" and not self.live_contracts


LETTER_LIMIT = 50
EVENT_LIMIT = 50
