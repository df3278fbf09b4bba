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
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, joinedload, selectinload

from lkk_admin.models import (
    AuditEvent,
    ContractAccess,
    MailOutbox,
    RegistrationContract,
    RegistrationRequest,
)
from lkk_admin.models.base import utcnow
from lkk_admin.services import checks, mail_templates
from lkk_admin.services.contract_numbers import normalize_contract_number
from lkk_admin.services.errors import ConflictError, DomainError, NotFoundError

DEFAULT_LEASE = timedelta(minutes=15)
DEFAULT_UNCONFIRMED_DAYS = 7

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
class Decision:
    request_id: int
    status: str
    granted: tuple[str, ...]
    refused: tuple[str, ...]
    mail_id: int
    version: int


def status_name(status: str) -> str:
    return _STATUS_NAMES.get(status, status)


def _lock(session: Session, request_id: int) -> RegistrationRequest:
    """The request, locked for this transaction, with fresh attributes."""
    request = session.execute(
        select(RegistrationRequest)
        .where(RegistrationRequest.id == request_id)
        # The decisions need the applicant and the typed contracts: fetch them with it.
        .options(
            joinedload(RegistrationRequest.user, innerjoin=True),
            selectinload(RegistrationRequest.contracts),
        )
        .with_for_update(of=RegistrationRequest)
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if request is None:
        raise NotFoundError(f"Заявка № {request_id} не найдена.")
    return request


def _lease_lapsed(request: RegistrationRequest, now: datetime) -> bool:
    return request.claim_expires_at is None or request.claim_expires_at <= now


def _take(request: RegistrationRequest, actor: str, now: datetime, lease: timedelta) -> None:
    request.status = "in_review"
    request.claimed_by = actor
    request.claimed_at = now
    request.claim_expires_at = now + lease


def _audit(session: Session, actor: str, action: str, request_id: int, **details: Any) -> None:
    session.add(
        AuditEvent(
            actor=actor,
            action=action,
            entity="registration_request",
            entity_id=request_id,
            details=details,
        )
    )


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
    taken_over = request.claimed_by is not None
    _take(request, actor, now, lease)
    session.flush()
    _audit(session, actor, "claim", request_id, taken_over=taken_over)
    return Claim(request_id, actor, now + lease, request.version)


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
    request.claim_expires_at = now + lease
    session.flush()
    return Claim(request_id, actor, request.claim_expires_at, request.version)


def claim_next(
    session: Session,
    actor: str,
    *,
    lease: timedelta = DEFAULT_LEASE,
    now: datetime | None = None,
) -> int | None:
    """Claim the oldest waiting request (or one whose lease lapsed); None when none is left.

    On PostgreSQL ``FOR UPDATE SKIP LOCKED`` gives concurrent verifiers different requests.
    """
    now = now or utcnow()
    candidate = (
        select(RegistrationRequest)
        .where(
            or_(
                RegistrationRequest.status == "pending",
                (RegistrationRequest.status == "in_review")
                & (RegistrationRequest.claim_expires_at <= now),
            )
        )
        .order_by(RegistrationRequest.submitted_at, RegistrationRequest.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    )
    request = session.execute(candidate).scalar_one_or_none()
    if request is None:
        return None
    taken_over = request.claimed_by is not None
    _take(request, actor, now, lease)
    session.flush()
    _audit(session, actor, "claim", request.id, taken_over=taken_over, next=True)
    return request.id


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
    request.status = "pending"
    request.claimed_by = None
    request.claimed_at = None
    request.claim_expires_at = None
    session.flush()
    _audit(session, actor, "release", request_id, holder=holder, forced=holder != actor)


def _lock_for_decision(
    session: Session, request_id: int, actor: str, expected_version: int | None
) -> RegistrationRequest:
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


def _close(request: RegistrationRequest, status: str, actor: str, now: datetime) -> None:
    request.status = status
    request.decided_by = actor
    request.decided_at = now
    request.claimed_by = None
    request.claimed_at = None
    request.claim_expires_at = None


def _queue_mail(
    session: Session, request: RegistrationRequest, rendered: mail_templates.RenderedMail
) -> MailOutbox:
    user = request.user
    full_name = " ".join(p for p in (user.last_name, user.first_name, user.patronymic) if p)
    mail = MailOutbox(
        to_address=user.email,
        to_name=full_name,
        subject=rendered.subject,
        body_text=rendered.text,
        body_html=rendered.html,
        template=rendered.template,
        entity="registration_request",
        entity_id=request.id,
        status="pending",
    )
    session.add(mail)
    return mail


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
    evaluation = checks.evaluate(session, request_id)
    if evaluation.request_errors:
        listed = " ".join(f.message for f in evaluation.request_errors)
        raise DomainError(
            f"Заявку № {request_id} нельзя одобрить: {listed}", code="REQUEST_HAS_ERRORS"
        )
    chosen = _select_contracts(evaluation, contract_numbers)
    chosen_ids = {match.registration_contract_id for match in chosen}
    # The checks already looked up the user's live access (ALREADY_HAS_ACCESS).
    existing = {
        match.contract_id
        for match in chosen
        if any(finding.code == "ALREADY_HAS_ACCESS" for finding in match.findings)
    }
    matches = {match.registration_contract_id: match for match in evaluation.contracts}
    granted: list[str] = []
    refused: list[str] = []
    for typed in request.contracts:
        match = matches.get(typed.id)
        typed.contract_id = match.contract_id if match else None
        if typed.id in chosen_ids and match is not None and match.contract_number:
            typed.decision = "granted"
            granted.append(match.contract_number)
            if match.contract_id not in existing:
                session.add(
                    ContractAccess(
                        portal_user_id=request.portal_user_id,
                        contract_id=match.contract_id,
                        registration_request_id=request.id,
                        granted_by=actor,
                        granted_at=now,
                    )
                )
        else:
            typed.decision = "refused"
            refused.append(typed.number_as_typed.strip())
    _close(request, "approved", actor, now)
    if evaluation.counterparty is not None:
        request.counterparty_id = evaluation.counterparty.id
    user = request.user
    user.status = "active"
    rendered = mail_templates.approved(
        first_name=user.first_name,
        patronymic=user.patronymic,
        login=user.login,
        granted=granted,
        refused=refused,
        portal_url=portal_url,
    )
    mail = _queue_mail(session, request, rendered)
    session.flush()
    _audit(
        session,
        actor,
        "approve",
        request.id,
        granted=granted,
        refused=refused,
        mail_outbox_id=mail.id,
    )
    session.flush()
    return Decision(
        request.id, "approved", tuple(granted), tuple(refused), mail.id, request.version
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
    if not reason or not reason.strip():
        raise DomainError("Укажите причину отказа: её получит заявитель.", code="REASON_REQUIRED")
    if reason_code is not None and reason_code not in STANDARD_REASONS:
        raise DomainError(f"Неизвестный код причины отказа: {reason_code}.", code="BAD_REASON")
    now = now or utcnow()
    request = _lock_for_decision(session, request_id, actor, expected_version)
    for typed in request.contracts:
        typed.decision = "refused"
    _close(request, "rejected", actor, now)
    request.decision_reason = reason.strip()
    request.reason_code = reason_code
    user = request.user
    if user.status in ("email_unconfirmed", "pending"):
        user.status = "rejected"
    rendered = mail_templates.rejected(
        first_name=user.first_name,
        patronymic=user.patronymic,
        reason=reason,
        portal_url=portal_url,
    )
    mail = _queue_mail(session, request, rendered)
    session.flush()
    _audit(session, actor, "reject", request.id, reason_code=reason_code, mail_outbox_id=mail.id)
    session.flush()
    refused = tuple(typed.number_as_typed.strip() for typed in request.contracts)
    return Decision(request.id, "rejected", (), refused, mail.id, request.version)


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
    if not message or not message.strip():
        raise DomainError(
            "Напишите, что нужно уточнить: это сообщение получит заявитель.",
            code="MESSAGE_REQUIRED",
        )
    now = now or utcnow()
    request = _lock_for_decision(session, request_id, actor, expected_version)
    _close(request, "needs_info", actor, now)
    request.decision_reason = message.strip()
    user = request.user
    rendered = mail_templates.needs_info(
        first_name=user.first_name,
        patronymic=user.patronymic,
        message=message,
        portal_url=portal_url,
    )
    mail = _queue_mail(session, request, rendered)
    session.flush()
    _audit(session, actor, "return_for_clarification", request.id, mail_outbox_id=mail.id)
    session.flush()
    return Decision(request.id, "needs_info", (), (), mail.id, request.version)


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
