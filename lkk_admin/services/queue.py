"""The registration queue: claims (leases) and the three decisions.

A claim is a lease stored in columns (who, until when), never a row lock held while a
person thinks; row locks live only inside one short transaction. Every function takes the
caller's session and does not commit: one user action is one transaction, and a refusal
(a ``DomainError``) is raised before anything is written, so the caller's rollback leaves
nothing behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    CTE,
    ColumnElement,
    Integer,
    and_,
    bindparam,
    exists,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    true,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from lkk_admin.db import constant, run
from lkk_admin.models import (
    AuditEvent,
    PortalUser,
    RegistrationContract,
    RegistrationRequest,
)
from lkk_admin.models.base import utcnow
from lkk_admin.services import checks, decision_snapshot, mail_templates
from lkk_admin.services import queue_writes as writes
from lkk_admin.services.contract_numbers import normalize_contract_number
from lkk_admin.services.errors import ConflictError, DomainError, NotFoundError
from lkk_admin.services.input_text import field_text

DEFAULT_LEASE = timedelta(minutes=15)
DEFAULT_UNCONFIRMED_DAYS = 7
# What the applicant reads in the letter (stored in a TEXT column): a letter, not a file.
MAX_DECISION_TEXT_LENGTH = 4000
REASON_FIELD = "Причина отказа"
# A contract's decision_note when an approval did not grant it, or had nothing to grant.
NOT_CHOSEN_NOTE = "Не выбран проверяющим."
ALREADY_HAD_ACCESS_NOTE = "Доступ к договору у пользователя уже был."
CLARIFY_FIELD = "Что нужно уточнить"

# Standard refusal reasons (DOMAIN.md, "coded refusal reasons"): code → what the applicant reads.
STANDARD_REASONS: dict[str, str] = {
    "INN_NOT_FOUND": "Организация с указанным ИНН не найдена среди контрагентов ООО «РН-Энерго».",
    "CONTRACT_OTHER_ORGANISATION": "Указанный договор заключён с другой организацией.",
    "CONTRACT_TERMINATED": "Указанный договор расторгнут.",
    "NO_AUTHORITY": "Не подтверждены полномочия действовать от имени организации.",
    "NAME_MISMATCH": "Наименование организации не совпадает с данными договора.",
    "DUPLICATE": "Заявка повторяет уже поданную заявку.",
}

_DECIDABLE = ("in_review",)
_STATUS_NAMES = {
    "email_unconfirmed": "ждёт подтверждения почты",
    "pending": "в очереди",
    "in_review": "на проверке",
    "needs_info": "возвращена на уточнение",
    "approved": "одобрена",
    "rejected": "отклонена",
    "expired": "просрочена",
}


@dataclass(frozen=True)
class Claim:
    request_id: int
    holder: str
    expires_at: datetime
    version: int


@dataclass(frozen=True)
class Taken:
    """What "take next" claimed, and why it came first: the oldest submission among the
    waiting requests and the claims whose lease lapsed."""

    request_id: int
    submitted_at: datetime
    # A colleague's claim that had lapsed, and when its lease ended (None: it was waiting).
    previous_holder: str | None
    lease_ended_at: datetime | None

    @property
    def taken_over(self) -> bool:
        return self.previous_holder is not None


@dataclass(frozen=True)
class Decision:
    request_id: int
    status: str
    granted: tuple[str, ...]
    refused: tuple[str, ...]
    mail_id: int
    version: int


def status_name(status: str) -> str:
    return _STATUS_NAMES.get(status, status)


# The statements are built once (their SQL is then compiled once and cached) and run as
# Core statements: a decision is a handful of indexed reads and writes, and building ORM
# objects for them cost several times more than the database work (benchmarks/queue_speed).
_requests = writes.requests_table

_LOCK_COLUMNS = (
    RegistrationRequest.status,
    RegistrationRequest.claimed_by,
    RegistrationRequest.claim_expires_at,
    PortalUser.login,
    PortalUser.last_name,
    PortalUser.first_name,
    PortalUser.patronymic,
)
_LOCK_QUERY = checks.REQUEST_QUERY.add_columns(*_LOCK_COLUMNS).with_for_update(
    of=RegistrationRequest
)
# PostgreSQL: the request's contracts come with the lock (one round trip for the checks).
_LOCK_QUERY_WITH_CONTRACTS = checks.REQUEST_QUERY_WITH_CONTRACTS.add_columns(
    *_LOCK_COLUMNS
).with_for_update(of=RegistrationRequest)


# LIMIT 1 written into the SQL as well: a bound limit would leave the planner guessing.
_ONE = literal_column("1", Integer)


def _next_candidate(name: str, *conditions: ColumnElement[bool]) -> CTE:
    return (
        select(
            _requests.c.id,
            _requests.c.submitted_at,
            _requests.c.claimed_by,
            _requests.c.claim_expires_at,
        )
        .where(*conditions)
        .order_by(_requests.c.submitted_at, _requests.c.id)
        .limit(_ONE)
        .with_for_update(skip_locked=True)
        .cte(name)
    )


# One statement picks, locks and claims the request submitted first among the waiting ones
# and the lapsed claims (a claim whose holder's lease ended is as good as waiting). Index
# scans on (status, submitted_at, id), each stopping at its first row, rather than one
# OR-query, which PostgreSQL answers by sorting the whole queue:
# - ``head``: the oldest waiting request, read without a lock (only its date counts);
# - ``lapsed``: the oldest lapsed claim submitted before that head, locked;
# - ``waiting``: only when there is no such lapsed claim, the oldest waiting request
#   nobody else is locking (SKIP LOCKED: concurrent verifiers get different requests).
# Only the request taken is locked. Under contention the head a colleague is claiming
# this very moment still bounds the lapsed scan, so the order holds between requests
# nobody is taking at the same instant.
_pending = _requests.c.status == constant("pending")
_head = (
    select(_requests.c.id, _requests.c.submitted_at)
    .where(_pending)
    .order_by(_requests.c.submitted_at, _requests.c.id)
    .limit(_ONE)
    .cte("head")
)
_older_waiting = exists().where(
    or_(
        _head.c.submitted_at < _requests.c.submitted_at,
        and_(_head.c.submitted_at == _requests.c.submitted_at, _head.c.id < _requests.c.id),
    )
)
_lapsed = _next_candidate(
    "lapsed",
    _requests.c.status == constant("in_review"),
    _requests.c.claim_expires_at <= bindparam("now"),
    ~_older_waiting,
)
_waiting = _next_candidate("waiting", _pending, ~exists(select(_lapsed.c.id)))
_next = union_all(select(_lapsed), select(_waiting)).limit(_ONE).cte("next_request")
# SQLite (one writer at a time) picks, then claims: its RETURNING cannot read the previous
# holder from the CTE.
_PICK_NEXT = select(
    _next.c.id,
    _next.c.submitted_at,
    _next.c.claimed_by.label("previous_holder"),
    _next.c.claim_expires_at.label("lease_ended_at"),
)
_CLAIM_NEXT = (
    update(_requests)
    .where(_requests.c.id == _next.c.id)
    .values(
        status="in_review",
        claimed_by=bindparam("actor"),
        claimed_at=bindparam("now"),
        claim_expires_at=bindparam("expires_at"),
        version=_requests.c.version + 1,
    )
    .returning(
        _requests.c.id,
        _requests.c.submitted_at,
        _next.c.claimed_by.label("previous_holder"),
        _next.c.claim_expires_at.label("lease_ended_at"),
    )
)
# On PostgreSQL the claim and its audit row are one statement (data-modifying CTEs).
_claimed = _CLAIM_NEXT.cte("claimed")
_audited = (
    insert(writes.audit_events_table)
    .from_select(
        ["actor", "action", "entity", "entity_id", "details"],
        select(
            bindparam("actor"),
            literal("claim"),
            literal("registration_request"),
            _claimed.c.id,
            func.jsonb_build_object(
                "taken_over", _claimed.c.previous_holder.is_not(None), "next", true()
            ),
        ),
    )
    .cte("audited")
)
_CLAIM_NEXT_AUDITED = select(_claimed).add_cte(_audited)


@dataclass(frozen=True)
class _Locked:
    """A request locked for this transaction, with what the decisions need of it."""

    rows: Sequence[Any]  # of _LOCK_QUERY: one per registry candidate, at least one

    @property
    def row(self) -> Any:
        return self.rows[0]

    @property
    def id(self) -> int:
        return int(self.row.id)

    @property
    def status(self) -> str:
        return str(self.row.status)

    @property
    def claimed_by(self) -> str | None:
        return cast(str | None, self.row.claimed_by)

    @property
    def version(self) -> int:
        return int(self.row.version)


def _lock(session: Session, request_id: int) -> _Locked:
    """The request, locked for this transaction and read afresh."""
    query = (
        _LOCK_QUERY_WITH_CONTRACTS
        if session.get_bind().dialect.name == "postgresql"
        else _LOCK_QUERY
    )
    rows = run(session, query, {"request_id": request_id}).all()
    if not rows:
        raise NotFoundError(f"Заявка № {request_id} не найдена.")
    return _Locked(rows)


def _lease_lapsed(request: _Locked, now: datetime) -> bool:
    expires: datetime | None = request.row.claim_expires_at
    return expires is None or expires <= now


def _lease_values(actor: str, now: datetime, lease: timedelta) -> dict[str, Any]:
    return {
        "status": "in_review",
        "claimed_by": actor,
        "claimed_at": now,
        "claim_expires_at": now + lease,
    }


def claim(
    session: Session,
    request_id: int,
    actor: str,
    *,
    lease: timedelta = DEFAULT_LEASE,
    now: datetime | None = None,
) -> Claim:
    """Take a request into review, or renew one's own lease on it."""
    now = now or utcnow()
    request = _lock(session, request_id)
    if request.status == "in_review" and request.claimed_by not in (None, actor):
        if not _lease_lapsed(request, now):
            raise ConflictError(
                f"Заявку № {request_id} уже проверяет {request.claimed_by}. Выберите другую "
                "заявку или попросите администратора снять блокировку.",
                code="CLAIMED_BY_OTHER",
            )
    elif request.status not in ("pending", "in_review"):
        raise ConflictError(
            f"Заявка № {request_id} {status_name(request.status)}: взять её в работу нельзя.",
            code="NOT_CLAIMABLE",
        )
    if request.status == "in_review" and request.claimed_by == actor:
        return renew(session, request_id, actor, lease=lease, now=now)
    writes.update_request(session, request_id, **_lease_values(actor, now, lease))
    writes.audit(session, actor, "claim", request_id, taken_over=request.claimed_by is not None)
    return Claim(request_id, actor, now + lease, request.version + 1)


def renew(
    session: Session,
    request_id: int,
    actor: str,
    *,
    lease: timedelta = DEFAULT_LEASE,
    now: datetime | None = None,
) -> Claim:
    """Extend the lease while the verifier keeps the request open."""
    now = now or utcnow()
    request = _lock(session, request_id)
    if request.status != "in_review" or request.claimed_by != actor:
        raise ConflictError(
            f"Заявка № {request_id} больше не закреплена за вами: её взял другой сотрудник "
            "или по ней уже принято решение. Обновите список.",
            code="CLAIM_LOST",
        )
    writes.update_request(session, request_id, claim_expires_at=now + lease)
    return Claim(request_id, actor, now + lease, request.version + 1)


def take_next(
    session: Session,
    actor: str,
    *,
    lease: timedelta = DEFAULT_LEASE,
    now: datetime | None = None,
) -> Taken | None:
    """Claim the request submitted first among the waiting ones and those whose claim
    lapsed; None when none is left. Says what was taken and whose claim it was.

    On PostgreSQL ``FOR UPDATE SKIP LOCKED`` gives concurrent verifiers different requests.
    """
    now = now or utcnow()
    params = {"actor": actor, "now": now, "expires_at": now + lease}
    if session.get_bind().dialect.name == "postgresql":
        row = run(session, _CLAIM_NEXT_AUDITED, params).one_or_none()
        return None if row is None else _taken(row)
    row = run(session, _PICK_NEXT, params).one_or_none()
    if row is None:
        return None
    taken = _taken(row)
    writes.update_request(session, taken.request_id, **_lease_values(actor, now, lease))
    writes.audit(session, actor, "claim", taken.request_id, taken_over=taken.taken_over, next=True)
    return taken


def claim_next(
    session: Session,
    actor: str,
    *,
    lease: timedelta = DEFAULT_LEASE,
    now: datetime | None = None,
) -> int | None:
    """Claim the oldest submission among waiting requests and lapsed claims; its id, or
    None when none is left (see ``take_next``)."""
    taken = take_next(session, actor, lease=lease, now=now)
    return None if taken is None else taken.request_id


def _taken(row: Any) -> Taken:
    """From a row of ``_CLAIM_NEXT`` or ``_PICK_NEXT``."""
    holder = row.previous_holder
    return Taken(
        request_id=int(row.id),
        submitted_at=row.submitted_at,
        previous_holder=holder,
        lease_ended_at=row.lease_ended_at if holder is not None else None,
    )


def release(
    session: Session,
    request_id: int,
    actor: str,
    *,
    force: bool = False,
    now: datetime | None = None,
) -> None:
    """Put a claimed request back in the queue. ``force``: an administrator frees anyone's."""
    request = _lock(session, request_id)
    if request.status != "in_review":
        raise ConflictError(
            f"Заявка № {request_id} {status_name(request.status)}: снимать нечего.",
            code="NOT_CLAIMED",
        )
    holder = request.claimed_by
    if holder != actor and not force:
        raise ConflictError(
            f"Заявку № {request_id} проверяет {holder}; освободить её может он или администратор.",
            code="CLAIMED_BY_OTHER",
        )
    writes.update_request(
        session,
        request_id,
        status="pending",
        claimed_by=None,
        claimed_at=None,
        claim_expires_at=None,
    )
    writes.audit(session, actor, "release", request_id, holder=holder, forced=holder != actor)


def _lock_for_decision(
    session: Session, request_id: int, actor: str, expected_version: int | None
) -> _Locked:
    request = _lock(session, request_id)
    if request.status not in _DECIDABLE:
        raise ConflictError(
            f"Заявка № {request_id} {status_name(request.status)}: решение по ней уже "
            "принято или она не взята в работу.",
            code="NOT_DECIDABLE",
        )
    if request.claimed_by != actor:
        raise ConflictError(
            f"Заявку № {request_id} сейчас проверяет {request.claimed_by}, а не вы. "
            "Решение не сохранено.",
            code="CLAIMED_BY_OTHER",
        )
    if expected_version is not None and request.version != expected_version:
        raise ConflictError(
            f"Заявка № {request_id} изменилась, пока вы её просматривали. Откройте её "
            "заново, проверьте данные и повторите решение.",
            code="STALE",
        )
    return request


def _mail(request: _Locked, rendered: mail_templates.RenderedMail) -> writes.Mail:
    row = request.row
    return writes.Mail(
        to_address=row.email,
        to_name=mail_templates.recipient_name(
            row.last_name, row.first_name, row.patronymic, limit=writes.TO_NAME_LENGTH
        ),
        subject=rendered.subject,
        body_text=rendered.text,
        body_html=rendered.html,
        template=rendered.template,
    )


def _select_contracts(
    evaluation: checks.Evaluation, contract_numbers: Sequence[str] | None
) -> list[checks.ContractMatch]:
    if contract_numbers is None:
        chosen = [match for match in evaluation.contracts if match.grantable]
        if not chosen:
            raise DomainError(
                "Ни один из указанных договоров нельзя предоставить: у каждого есть "
                "ошибки проверки. Отклоните заявку или верните её на уточнение.",
                code="NOTHING_GRANTABLE",
            )
        return chosen
    by_number: dict[str, checks.ContractMatch] = {}
    for match in evaluation.contracts:
        by_number[normalize_contract_number(match.number_as_typed)] = match
        if match.contract_number:
            by_number[normalize_contract_number(match.contract_number)] = match
    chosen = []
    for number in contract_numbers:
        found = by_number.get(normalize_contract_number(number))
        if found is None:
            raise DomainError(
                f"Договора № «{number}» нет в этой заявке.", code="CONTRACT_NOT_IN_REQUEST"
            )
        if not found.grantable:
            problems = "; ".join(f.message for f in found.findings if f.severity == "error")
            raise DomainError(
                f"Доступ к договору «{number}» предоставить нельзя: {problems}",
                code="CONTRACT_NOT_GRANTABLE",
            )
        if found not in chosen:
            chosen.append(found)
    if not chosen:
        raise DomainError("Не выбран ни один договор.", code="NOTHING_CHOSEN")
    return chosen


def _refusal_note(match: checks.ContractMatch) -> str:
    """Why a contract of an approved request was not granted (its decision_note)."""
    error = next((f.message for f in match.findings if f.severity == "error"), None)
    return error or NOT_CHOSEN_NOTE


def approve(
    session: Session,
    request_id: int,
    actor: str,
    contract_numbers: Sequence[str] | None = None,
    *,
    expected_version: int | None = None,
    portal_url: str = mail_templates.DEFAULT_PORTAL_URL,
    now: datetime | None = None,
) -> Decision:
    """Grant access to the chosen contracts (None: every contract without errors)."""
    now = now or utcnow()
    request = _lock_for_decision(session, request_id, actor, expected_version)
    evaluation = checks.evaluate_rows(session, request.rows)
    if evaluation.request_errors:
        listed = " ".join(f.message for f in evaluation.request_errors)
        raise DomainError(
            f"Заявку № {request_id} нельзя одобрить: {listed}", code="REQUEST_HAS_ERRORS"
        )
    chosen = _select_contracts(evaluation, contract_numbers)
    chosen_ids = {match.registration_contract_id for match in chosen}
    granted: list[str] = []
    refused: list[str] = []
    typed: list[writes.TypedDecision] = []
    grant_ids: list[int] = []
    # One match per distinct number; a number typed twice shares its first match.
    for match in evaluation.contracts:
        note: str | None = None
        if match.registration_contract_id in chosen_ids and match.contract_id is not None:
            decision = "granted"
            granted.append(match.contract_number or match.number_as_typed.strip())
            # The checks already looked up the user's live access (ALREADY_HAS_ACCESS).
            if any(finding.code == "ALREADY_HAS_ACCESS" for finding in match.findings):
                note = ALREADY_HAD_ACCESS_NOTE
            else:
                grant_ids.append(match.contract_id)
        else:
            decision = "refused"
            refused.append(match.number_as_typed.strip())
            note = _refusal_note(match)
        typed.append(
            writes.TypedDecision(match.number_normalized, decision, match.contract_id, note)
        )
    row = request.row
    rendered = mail_templates.approved(
        first_name=row.first_name,
        patronymic=row.patronymic,
        login=row.login,
        granted=granted,
        refused=refused,
        portal_url=portal_url,
        blocked=row.user_status == "blocked",
    )
    mail_id = writes.write_approval(
        session,
        writes.Approval(
            request_id=request.id,
            user_id=row.portal_user_id,
            actor=actor,
            now=now,
            typed=typed,
            grant_contract_ids=grant_ids,
            # Approving a blocked user's request grants the access; only an administrator
            # unblocks (services.portal_users), and the checks warned (USER_BLOCKED).
            activate_user=row.user_status not in ("active", "blocked"),
            counterparty_id=evaluation.counterparty.id if evaluation.counterparty else None,
            mail=_mail(request, rendered),
            audit_details={
                "granted": granted,
                "refused": refused,
                **decision_snapshot.audit_details(evaluation),
            },
        ),
    )
    return Decision(
        request.id, "approved", tuple(granted), tuple(refused), mail_id, request.version + 1
    )


def reject(
    session: Session,
    request_id: int,
    actor: str,
    reason: str,
    reason_code: str | None = None,
    *,
    expected_version: int | None = None,
    portal_url: str = mail_templates.DEFAULT_PORTAL_URL,
    now: datetime | None = None,
) -> Decision:
    """Refuse access. ``reason`` is what the applicant reads; ``reason_code`` a standard one."""
    reason = field_text(reason or "", REASON_FIELD, max_length=MAX_DECISION_TEXT_LENGTH)
    if not reason:
        raise DomainError("Укажите причину отказа: её получит заявитель.", code="REASON_REQUIRED")
    if reason_code is not None and reason_code not in STANDARD_REASONS:
        raise DomainError(f"Неизвестный код причины отказа: {reason_code}.", code="BAD_REASON")
    now = now or utcnow()
    request = _lock_for_decision(session, request_id, actor, expected_version)
    checked = decision_snapshot.audit_details(checks.evaluate_rows(session, request.rows))
    refused = tuple(writes.refuse_all_typed(session, request.id))
    row = request.row
    if row.user_status in ("email_unconfirmed", "pending"):
        writes.set_user_status(session, row.portal_user_id, "rejected")
    rendered = mail_templates.rejected(
        first_name=row.first_name,
        patronymic=row.patronymic,
        reason=reason,
        portal_url=portal_url,
    )
    mail_id = writes.queue_mail(session, request.id, _mail(request, rendered), now)
    writes.close_request(
        session,
        request.id,
        "rejected",
        actor,
        now,
        decision_reason=reason,
        reason_code=reason_code,
    )
    writes.audit(
        session,
        actor,
        "reject",
        request.id,
        reason_code=reason_code,
        mail_outbox_id=mail_id,
        **checked,
    )
    return Decision(request.id, "rejected", (), refused, mail_id, request.version + 1)


def return_for_clarification(
    session: Session,
    request_id: int,
    actor: str,
    message: str,
    *,
    expected_version: int | None = None,
    portal_url: str = mail_templates.DEFAULT_PORTAL_URL,
    now: datetime | None = None,
) -> Decision:
    """Ask the applicant for more information; the request waits in ``needs_info``."""
    message = field_text(message or "", CLARIFY_FIELD, max_length=MAX_DECISION_TEXT_LENGTH)
    if not message:
        raise DomainError(
            "Напишите, что нужно уточнить: это сообщение получит заявитель.",
            code="MESSAGE_REQUIRED",
        )
    now = now or utcnow()
    request = _lock_for_decision(session, request_id, actor, expected_version)
    checked = decision_snapshot.audit_details(checks.evaluate_rows(session, request.rows))
    rendered = mail_templates.needs_info(
        first_name=request.row.first_name,
        patronymic=request.row.patronymic,
        message=message,
        portal_url=portal_url,
    )
    mail_id = writes.queue_mail(session, request.id, _mail(request, rendered), now)
    writes.close_request(session, request.id, "needs_info", actor, now, decision_reason=message)
    writes.audit(
        session,
        actor,
        "return_for_clarification",
        request.id,
        mail_outbox_id=mail_id,
        **checked,
    )
    return Decision(request.id, "needs_info", (), (), mail_id, request.version + 1)


def expire_unconfirmed(
    session: Session,
    actor: str,
    *,
    days: int = DEFAULT_UNCONFIRMED_DAYS,
    now: datetime | None = None,
) -> list[int]:
    """Expire requests whose e-mail was not confirmed within ``days``; their ids."""
    if days < 1:
        raise DomainError("Срок подтверждения почты — не меньше одного дня.", code="BAD_DAYS")
    now = now or utcnow()
    cutoff = now - timedelta(days=days)
    expired = list(
        session.scalars(
            select(RegistrationRequest.id)
            .where(
                RegistrationRequest.status == "email_unconfirmed",
                RegistrationRequest.submitted_at < cutoff,
            )
            .with_for_update(skip_locked=True)
        )
    )
    if not expired:
        return []
    # A bulk UPDATE skips the ORM's version check: bump the version by hand so that anyone
    # holding the old version is refused as stale.
    session.execute(
        update(RegistrationRequest)
        .where(RegistrationRequest.id.in_(expired))
        .values(
            status="expired",
            decided_by=actor,
            decided_at=now,
            updated_at=now,
            version=RegistrationRequest.version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(RegistrationContract)
        .where(RegistrationContract.registration_request_id.in_(expired))
        .values(decision="refused")
        .execution_options(synchronize_session=False)
    )
    session.add(
        AuditEvent(
            actor=actor,
            action="expire_unconfirmed",
            entity="registration_request",
            entity_id=None,
            details={"request_ids": expired, "days": days},
        )
    )
    session.flush()
    return expired
