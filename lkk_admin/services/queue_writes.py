"""How the queue's changes reach the database: prebuilt Core statements, and an approval
written by one statement on PostgreSQL.

A decision's rows are few and known in advance, so building ORM objects for them costs
more than the database work (see ``benchmarks/queue_speed.py``). The statements here are
built once; SQLAlchemy compiles each once and psycopg prepares it on the server. Nothing
here checks rules: ``services.queue`` decides, this module writes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Column, String, bindparam, insert, text, update
from sqlalchemy.orm import Session

from lkk_admin.db import run
from lkk_admin.models import (
    AuditEvent,
    ContractAccess,
    MailOutbox,
    PortalUser,
    RegistrationContract,
    RegistrationRequest,
)
from lkk_admin.models.base import table_of

requests_table = table_of(RegistrationRequest)
_typed_contracts = table_of(RegistrationContract)
_users = table_of(PortalUser)
_access = table_of(ContractAccess)
_outbox = table_of(MailOutbox)
audit_events_table = table_of(AuditEvent)


def _length(column: Column[Any]) -> int:
    if not isinstance(column.type, String) or column.type.length is None:
        raise TypeError(f"{column} is not a string of limited length")
    return column.type.length


# The longest recipient name a letter can carry (the applicant's three names may be longer).
TO_NAME_LENGTH = _length(_outbox.c.to_name)

# Every change of a request bumps its version, so that anyone holding the old one is stale.
_UPDATE_REQUEST = (
    update(requests_table)
    .where(requests_table.c.id == bindparam("request_id"))
    .values(version=requests_table.c.version + 1)
)
# By number: a number typed twice in one request gets the same decision both times.
_DECIDE_TYPED = (
    update(_typed_contracts)
    .where(
        _typed_contracts.c.registration_request_id == bindparam("request_id"),
        _typed_contracts.c.number_normalized == bindparam("number"),
    )
    .values(
        decision=bindparam("decision"),
        contract_id=bindparam("matched_id"),
        decision_note=bindparam("note"),
    )
)
_REFUSE_ALL_TYPED = (
    update(_typed_contracts)
    .where(_typed_contracts.c.registration_request_id == bindparam("request_id"))
    .values(decision="refused")
    .returning(_typed_contracts.c.position, _typed_contracts.c.number_as_typed)
)
# A portal user is versioned (an administrator's act carries the version it was read at):
# every change of the row bumps it, an approval's new grants included.
_UPDATE_USER = (
    update(_users).where(_users.c.id == bindparam("user_id")).values(version=_users.c.version + 1)
)
_GRANT = insert(_access)
_QUEUE_MAIL = insert(_outbox).returning(_outbox.c.id)
_AUDIT = insert(audit_events_table).returning(audit_events_table.c.id)

# The approval on PostgreSQL: every row of it in one statement (data-modifying CTEs run
# exactly once, whether or not the final INSERT reads them). Same rows as
# ``_write_approval_step_by_step``; the tests run both.
_APPROVE_POSTGRESQL = text(
    """
WITH typed AS (
    UPDATE registration_contract AS rc
       SET decision = d.decision, contract_id = d.matched_id, decision_note = d.note
      FROM unnest(CAST(:numbers AS text[]), CAST(:decisions AS text[]),
                  CAST(:matched_ids AS integer[]), CAST(:notes AS text[]))
           AS d(number, decision, matched_id, note)
     WHERE rc.registration_request_id = :request_id AND rc.number_normalized = d.number
), grants AS (
    INSERT INTO contract_access
           (portal_user_id, contract_id, registration_request_id, granted_by, granted_at)
    SELECT :user_id, g.contract_id, :request_id, :actor, :now
      FROM unnest(CAST(:grant_ids AS integer[])) AS g(contract_id)
), account AS (
    -- A blocked user stays blocked: only an administrator unblocks (services.portal_users).
    UPDATE portal_user
       SET status = CASE WHEN status IN ('active', 'blocked') THEN status ELSE 'active' END,
           version = version + 1
     WHERE id = :user_id
), request AS (
    UPDATE registration_request
       SET status = 'approved', decided_by = :actor, decided_at = :now, claimed_by = NULL,
           claimed_at = NULL, claim_expires_at = NULL, counterparty_id = :counterparty_id,
           updated_at = :now, version = version + 1
     WHERE id = :request_id
), mail AS (
    INSERT INTO mail_outbox
           (to_address, to_name, subject, body_text, body_html, template, entity, entity_id,
            status, attempts, next_attempt_at, created_at)
    VALUES (:to_address, :to_name, :subject, :body_text, :body_html, :template,
            'registration_request', :request_id, 'pending', 0, :now, :now)
    RETURNING id
)
INSERT INTO audit_event (occurred_at, actor, action, entity, entity_id, details)
SELECT :now, :actor, 'approve', 'registration_request', :request_id,
       CAST(:details AS jsonb) || jsonb_build_object('mail_outbox_id', mail.id)
  FROM mail
RETURNING CAST(details ->> 'mail_outbox_id' AS integer)
"""
)


@dataclass(frozen=True)
class Mail:
    """An e-mail to the applicant about a request, or to a portal user about an act."""

    to_address: str
    to_name: str
    subject: str
    body_text: str
    body_html: str
    template: str


@dataclass(frozen=True)
class TypedDecision:
    number_normalized: str
    decision: str  # granted | refused
    matched_contract_id: int | None
    note: str | None = None  # why it was refused, or that the access was there already


@dataclass(frozen=True)
class Approval:
    """Everything an approval writes, decided beforehand."""

    request_id: int
    user_id: int
    actor: str
    now: datetime
    typed: list[TypedDecision]
    grant_contract_ids: list[int]
    activate_user: bool  # the user's status becomes active (never for a blocked user)
    counterparty_id: int | None
    mail: Mail
    audit_details: dict[str, Any]  # the decision's own, and the checks' snapshot


def update_request(session: Session, request_id: int, **values: Any) -> None:
    run(session, _UPDATE_REQUEST.values(**values), {"request_id": request_id})


def close_request(
    session: Session, request_id: int, status: str, actor: str, now: datetime, **values: Any
) -> None:
    """Record a decision on the request and free its claim."""
    update_request(
        session,
        request_id,
        status=status,
        decided_by=actor,
        decided_at=now,
        claimed_by=None,
        claimed_at=None,
        claim_expires_at=None,
        **values,
    )


def update_user(session: Session, user_id: int, **values: Any) -> None:
    """Change a portal user's row (its version bumped), e.g. ``status=…``."""
    run(session, _UPDATE_USER.values(**values), {"user_id": user_id})


def set_user_status(session: Session, user_id: int, status: str) -> None:
    update_user(session, user_id, status=status)


def refuse_all_typed(session: Session, request_id: int) -> list[str]:
    """Refuse every contract number of the request; the numbers as typed, in order."""
    typed = run(session, _REFUSE_ALL_TYPED, {"request_id": request_id}).all()
    return [row.number_as_typed.strip() for row in sorted(typed, key=lambda row: row.position)]


def audit_event(  # noqa: PLR0917 - an audit row's own columns, in their order
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    details: dict[str, Any],
    *,
    occurred_at: datetime | None = None,
) -> int:
    """An audit event in this transaction; its id. (PostgreSQL stamps who and when.)"""
    values: dict[str, Any] = {
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "details": details,
    }
    if occurred_at is not None:
        values["occurred_at"] = occurred_at
    return int(run(session, _AUDIT, values).scalar_one())


def audit(session: Session, actor: str, action: str, request_id: int, **details: Any) -> None:
    audit_event(session, actor, action, "registration_request", request_id, details)


def queue_letter(session: Session, entity: str, entity_id: int, mail: Mail, now: datetime) -> int:
    """A letter about ``entity`` № ``entity_id``, queued in this transaction; its outbox id.

    On PostgreSQL the letter is accepted at COMMIT only beside the act it tells of (the
    decision, or this transaction's audit event about the portal user), to that person's
    own address, one per act (migration 0010, ``mail_outbox_queued``)."""
    values = {
        **vars(mail),
        "entity": entity,
        "entity_id": entity_id,
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }
    return int(run(session, _QUEUE_MAIL, values).scalar_one())


def queue_mail(session: Session, request_id: int, mail: Mail, now: datetime) -> int:
    """The applicant's e-mail, queued in this transaction; its outbox id."""
    return queue_letter(session, "registration_request", request_id, mail, now)


def write_approval(session: Session, approval: Approval) -> int:
    """Write the approval in the caller's transaction; the id of the queued e-mail."""
    if session.get_bind().dialect.name == "postgresql":
        return _write_approval_postgresql(session, approval)
    return _write_approval_step_by_step(session, approval)


def _write_approval_postgresql(session: Session, approval: Approval) -> int:
    params = {
        **vars(approval.mail),
        "request_id": approval.request_id,
        "user_id": approval.user_id,
        "actor": approval.actor,
        "now": approval.now,
        "numbers": [typed.number_normalized for typed in approval.typed],
        "decisions": [typed.decision for typed in approval.typed],
        "matched_ids": [typed.matched_contract_id for typed in approval.typed],
        "notes": [typed.note for typed in approval.typed],
        "grant_ids": approval.grant_contract_ids,
        "counterparty_id": approval.counterparty_id,
        "details": json.dumps(approval.audit_details, ensure_ascii=False),
    }
    return int(run(session, _APPROVE_POSTGRESQL, params).scalar_one())


def _write_approval_step_by_step(session: Session, approval: Approval) -> int:
    if approval.typed:
        run(
            session,
            _DECIDE_TYPED,
            [
                {
                    "request_id": approval.request_id,
                    "number": typed.number_normalized,
                    "decision": typed.decision,
                    "matched_id": typed.matched_contract_id,
                    "note": typed.note,
                }
                for typed in approval.typed
            ],
        )
    if approval.grant_contract_ids:
        run(
            session,
            _GRANT,
            [
                {
                    "portal_user_id": approval.user_id,
                    "contract_id": contract_id,
                    "registration_request_id": approval.request_id,
                    "granted_by": approval.actor,
                    "granted_at": approval.now,
                }
                for contract_id in approval.grant_contract_ids
            ],
        )
    # The version moves whatever the status does: the user's contracts changed.
    update_user(
        session, approval.user_id, **({"status": "active"} if approval.activate_user else {})
    )
    mail_id = queue_mail(session, approval.request_id, approval.mail, approval.now)
    close_request(
        session,
        approval.request_id,
        "approved",
        approval.actor,
        approval.now,
        counterparty_id=approval.counterparty_id,
    )
    audit(
        session,
        approval.actor,
        "approve",
        approval.request_id,
        **approval.audit_details,
        mail_outbox_id=mail_id,
    )
    return mail_id
