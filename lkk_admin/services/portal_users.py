"""The administrators' acts on portal accounts: block, unblock, revoke and grant access.

Each act is one transaction in the caller's session: the change, its audit event and the
letter telling the user (queued in the outbox), or — refused with a ``DomainError`` before
anything is written — nothing. The user's row is locked first (``FOR UPDATE`` on
PostgreSQL), so two administrators acting on one user at once are served one after the
other, and the second, carrying the version it read, is refused as stale. Every act bumps
``portal_user.version``; the statements are Core, which the ORM's ``version_id_col`` does
not watch, so they bump it themselves.

On PostgreSQL the database keeps the same rules (migrations 0010 and 0011): it stamps who
and when on the access rows, accepts a letter about a user only beside this transaction's
audit event about that user and to that user's address, and records nothing twice.

A blocked user may be granted a contract (a company's written request does not wait for an
unblock): the access is written, and the letter says that the contract opens once the
account is unblocked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, exists, func, insert, or_, select, update
from sqlalchemy.orm import Session

from lkk_admin.db import constant, run
from lkk_admin.models import (
    AuditEvent,
    Contract,
    ContractAccess,
    PortalUser,
    RegistrationRequest,
)
from lkk_admin.models.accounts import OPEN_REQUEST_STATUSES, USER_STATUSES
from lkk_admin.models.base import table_of, utcnow
from lkk_admin.services import checks, mail_templates
from lkk_admin.services import queue_writes as writes
from lkk_admin.services.audit_log import USER_STATUS_NAMES, action_name
from lkk_admin.services.contract_numbers import normalize_contract_number
from lkk_admin.services.errors import ConflictError, DomainError, NotFoundError
from lkk_admin.services.input_text import field_text

# A reason is read by the user in the letter and kept in a TEXT column: a paragraph.
MAX_REASON_LENGTH = 2000
BLOCK_REASON_FIELD = "Причина блокировки"
REVOKE_REASON_FIELD = "Причина отзыва доступа"
GRANT_REASON_FIELD = "Основание предоставления доступа"
CONTRACT_FIELD = "Номер договора"

# What an administrator picks from (or types anew); the user reads it in the letter.
STANDARD_BLOCK_REASONS: tuple[str, ...] = (
    "Передача логина и пароля третьим лицам.",
    "Сотрудник уволился из организации.",
    "Письменное обращение организации.",
    "Подозрение на несанкционированный доступ к учётной записи.",
    "Нарушение правил пользования Личным кабинетом.",
)
STANDARD_REVOKE_REASONS: tuple[str, ...] = (
    "Договор расторгнут.",
    "Договор переоформлен на другую организацию.",
    "Письменное обращение организации.",
    "Сотрудник больше не представляет организацию по этому договору.",
    "Доступ был предоставлен ошибочно.",
)
STANDARD_GRANT_REASONS: tuple[str, ...] = (
    "Письменное обращение организации.",
    "Заключён новый договор с организацией.",
    "Договор переоформлен на организацию пользователя.",
)

ACTIONS = ("block_user", "unblock_user", "revoke_access", "grant_access")
_ENTITY = "portal_user"


@dataclass(frozen=True)
class UserAct:
    """What an act did to a portal user."""

    user_id: int
    action: str  # block_user | unblock_user | revoke_access | grant_access
    status: str  # the user's status afterwards
    version: int  # the user's version afterwards (the next act's expected_version)
    contract_numbers: tuple[str, ...]  # revoked / granted, as the registry writes them
    mail_outbox_id: int | None
    audit_event_id: int | None
    live_contracts: int = 0  # the contracts the user sees afterwards
    already: bool = False  # grant only: a live grant existed; nothing written, no letter


# ---------------------------------------------------------------------------- statements

_users = table_of(PortalUser)
_access = table_of(ContractAccess)
_contracts = table_of(Contract)
_requests = table_of(RegistrationRequest)
_events = table_of(AuditEvent)

# The user, locked for this transaction (never the password hash: staff may not read it).
_LOCK_USER = (
    select(
        _users.c.id,
        _users.c.login,
        _users.c.email,
        _users.c.first_name,
        _users.c.last_name,
        _users.c.patronymic,
        _users.c.status,
        _users.c.email_confirmed_at,
        _users.c.status_before_block,
        _users.c.blocked_at,
        _users.c.blocked_by,
        _users.c.block_reason,
        _users.c.anonymised_at,
        _users.c.version,
    )
    .where(_users.c.id == bindparam("user_id"))
    .with_for_update()
)
# Every change of the user bumps the version; the lock makes the WHERE on it a formality.
_UPDATE_USER = (
    update(_users)
    .where(_users.c.id == bindparam("user_id"), _users.c.version == bindparam("read_version"))
    .values(version=_users.c.version + 1)
)
_LIVE = and_(_access.c.portal_user_id == bindparam("user_id"), _access.c.revoked_at.is_(None))
_LIVE_COUNT = select(func.count()).select_from(_access).where(_LIVE)
_LIVE_GRANTS = (
    select(
        _access.c.id,
        _contracts.c.number,
        _contracts.c.number_normalized,
    )
    .join(_contracts, _contracts.c.id == _access.c.contract_id)
    .where(_LIVE)
    .order_by(_contracts.c.number, _access.c.id)
)
_REVOKE = (
    update(_access)
    .where(
        _access.c.id.in_(bindparam("access_ids", expanding=True)), _access.c.revoked_at.is_(None)
    )
    .values(
        revoked_at=bindparam("now"),
        revoked_by=bindparam("actor"),
        revoke_reason=bindparam("reason"),
    )
)
_GRANT = insert(_access).returning(_access.c.id)
_of_user = _requests.c.portal_user_id == bindparam("user_id")
# What unblocking needs to restore a status: live access, open and decided requests.
_UNBLOCK_FACTS = select(
    select(func.count()).select_from(_access).where(_LIVE).scalar_subquery().label("live"),
    exists()
    .where(_of_user, _requests.c.status.in_([constant(s) for s in OPEN_REQUEST_STATUSES]))
    .label("has_open_request"),
    exists()
    .where(_of_user, _requests.c.status.in_([constant("rejected"), constant("expired")]))
    .label("has_refused_request"),
)
# The organisations the user was approved for, the latest approval first.
_APPROVED_FOR = (
    select(_requests.c.counterparty_id, func.max(_requests.c.decided_at).label("latest"))
    .where(
        _of_user,
        _requests.c.status == constant("approved"),
        _requests.c.counterparty_id.is_not(None),
    )
    .group_by(_requests.c.counterparty_id)
    .order_by(func.max(_requests.c.decided_at).desc(), _requests.c.counterparty_id)
)
# The latest act that changed the user's version: one about the user, or a decision on one
# of their requests (an approval grants access; a refusal may change the status).
_LATEST_CHANGE = (
    select(_events.c.actor, _events.c.action, _events.c.occurred_at)
    .where(
        or_(
            and_(
                _events.c.entity == constant(_ENTITY), _events.c.entity_id == bindparam("user_id")
            ),
            and_(
                _events.c.entity == constant("registration_request"),
                _events.c.action.in_([constant("approve"), constant("reject")]),
                _events.c.entity_id.in_(select(_requests.c.id).where(_of_user)),
            ),
        )
    )
    .order_by(_events.c.occurred_at.desc(), _events.c.id.desc())
    .limit(1)
)


# ---------------------------------------------------------------------------- helpers


def _reason(text: str | None, field: str, required: str) -> str:
    """The reason as it will be written; refused with ``required`` when empty or blank."""
    reason = field_text(text or "", field, max_length=MAX_REASON_LENGTH)
    if not reason:
        raise DomainError(required, code="REASON_REQUIRED")
    return reason


def _who(user: Any) -> str:
    return f"Пользователь портала «{user.login}» (№ {user.id})"


def _lock(session: Session, user_id: int, actor: str, expected_version: int | None) -> Any:
    """The user's row, locked and read afresh; refused when gone, anonymised or stale."""
    user = run(session, _LOCK_USER, {"user_id": user_id}).one_or_none()
    if user is None:
        raise NotFoundError(
            f"Пользователь портала № {user_id} не найден: возможно, его учётная запись "
            "удалена. Обновите список.",
            code="USER_NOT_FOUND",
        )
    if user.anonymised_at is not None:
        raise DomainError(
            f"Персональные данные пользователя портала № {user_id} обезличены по сроку "
            "хранения: действия с этой учётной записью невозможны.",
            code="USER_ANONYMISED",
        )
    if expected_version is not None and user.version != expected_version:
        raise ConflictError(_stale_message(session, user, actor), code="STALE")
    return user


def _current_actor(session: Session, actor: str) -> str:
    """Who the audit log names for this session's acts (PostgreSQL: the database user)."""
    if session.get_bind().dialect.name == "postgresql":
        return str(session.execute(select(func.session_user())).scalar_one())
    return actor


def _stale_message(session: Session, user: Any, actor: str) -> str:
    latest = run(session, _LATEST_CHANGE, {"user_id": user.id}).one_or_none()
    if latest is None:
        by_whom = "изменено другим сотрудником"
    else:
        moment = checks.local_moment(latest.occurred_at)
        act = action_name(latest.action)
        if latest.actor == _current_actor(session, actor):
            by_whom = f"уже изменено (вами в другом окне, {moment}: «{act}»)"
        else:
            by_whom = f"изменено другим сотрудником ({latest.actor}, {moment}: «{act}»)"
    return (
        f"Состояние учётной записи «{user.login}» {by_whom}, пока вы её просматривали. "
        "Откройте карточку пользователя заново, проверьте данные и повторите действие."
    )


def _bump(session: Session, user: Any, **values: Any) -> int:
    """Change the locked user's row; its new version."""
    changed = run(
        session, _UPDATE_USER.values(**values), {"user_id": user.id, "read_version": user.version}
    ).rowcount
    if changed != 1:  # SQLite locks no row: a colleague's act slipped in since the read
        raise ConflictError(_stale_message(session, user, ""), code="STALE")
    return int(user.version) + 1


def _live_count(session: Session, user_id: int) -> int:
    return int(run(session, _LIVE_COUNT, {"user_id": user_id}).scalar_one())


def _letter(
    session: Session, user: Any, rendered: mail_templates.RenderedMail, now: datetime
) -> int:
    mail = writes.Mail(
        to_address=user.email,
        to_name=mail_templates.recipient_name(
            user.last_name, user.first_name, user.patronymic, limit=writes.TO_NAME_LENGTH
        ),
        subject=rendered.subject,
        body_text=rendered.text,
        body_html=rendered.html,
        template=rendered.template,
    )
    return writes.queue_letter(session, _ENTITY, user.id, mail, now)


def _audit(
    session: Session, actor: str, action: str, user: Any, now: datetime, **details: Any
) -> int:
    return writes.audit_event(session, actor, action, _ENTITY, user.id, details, occurred_at=now)


def _status_name(status: str) -> str:
    return USER_STATUS_NAMES.get(status, status)


# ---------------------------------------------------------------------------- the acts


def block(
    session: Session,
    user_id: int,
    actor: str,
    reason: str,
    *,
    expected_version: int | None = None,
    portal_url: str = mail_templates.DEFAULT_PORTAL_URL,
    now: datetime | None = None,
) -> UserAct:
    """Block the account: the portal refuses its login; its access rows stay as they are.
    The status it had is kept, to be restored by ``unblock``."""
    del portal_url  # the letter has no link: the user cannot log in
    reason = _reason(
        reason,
        BLOCK_REASON_FIELD,
        "Укажите причину блокировки: её получит пользователь в письме.",
    )
    now = now or utcnow()
    user = _lock(session, user_id, actor, expected_version)
    if user.status == "blocked":
        since = f" {checks.local_moment(user.blocked_at)}" if user.blocked_at else ""
        by = f" ({user.blocked_by}{since})" if user.blocked_by else since
        raise ConflictError(
            f"{_who(user)} уже заблокирован{by}. Обновите карточку пользователя.",
            code="ALREADY_BLOCKED",
        )
    version = _bump(
        session,
        user,
        status="blocked",
        status_before_block=user.status,
        blocked_at=now,
        blocked_by=actor,
        block_reason=reason,
    )
    rendered = mail_templates.user_blocked(
        first_name=user.first_name, patronymic=user.patronymic, login=user.login, reason=reason
    )
    mail_id = _letter(session, user, rendered, now)
    event_id = _audit(
        session,
        actor,
        "block_user",
        user,
        now,
        reason=reason,
        before={"status": user.status},
        after={"status": "blocked"},
        mail_outbox_id=mail_id,
    )
    return UserAct(
        user.id,
        "block_user",
        "blocked",
        version,
        (),
        mail_id,
        event_id,
        live_contracts=_live_count(session, user.id),
    )


def _status_after_unblock(user: Any, facts: Any) -> str:
    """Live access (granted while blocked, too) makes the account active; otherwise the
    status it had before the block, unless its request was refused meanwhile."""
    if facts.live:
        return "active"
    before = user.status_before_block
    if before not in USER_STATUSES or before == "blocked":
        before = "email_unconfirmed" if user.email_confirmed_at is None else "pending"
    if before in ("pending", "email_unconfirmed") and not facts.has_open_request:
        return "rejected" if facts.has_refused_request else before
    return str(before)


def unblock(
    session: Session,
    user_id: int,
    actor: str,
    *,
    expected_version: int | None = None,
    portal_url: str = mail_templates.DEFAULT_PORTAL_URL,
    now: datetime | None = None,
) -> UserAct:
    """Unblock the account and tell the user what they can do now."""
    now = now or utcnow()
    user = _lock(session, user_id, actor, expected_version)
    if user.status != "blocked":
        raise ConflictError(
            f"{_who(user)} не заблокирован (состояние: {_status_name(user.status)}): "
            "разблокировать нечего. Обновите карточку пользователя.",
            code="NOT_BLOCKED",
        )
    facts = run(session, _UNBLOCK_FACTS, {"user_id": user.id}).one()
    status = _status_after_unblock(user, facts)
    version = _bump(
        session,
        user,
        status=status,
        status_before_block=None,
        blocked_at=None,
        blocked_by=None,
        block_reason=None,
    )
    rendered = mail_templates.user_unblocked(
        first_name=user.first_name,
        patronymic=user.patronymic,
        login=user.login,
        status=status,
        live_contracts=int(facts.live),
        portal_url=portal_url,
    )
    mail_id = _letter(session, user, rendered, now)
    event_id = _audit(
        session,
        actor,
        "unblock_user",
        user,
        now,
        before={"status": "blocked"},
        after={"status": status},
        block_reason=user.block_reason,
        blocked_by=user.blocked_by,
        blocked_at=user.blocked_at.isoformat() if user.blocked_at else None,
        mail_outbox_id=mail_id,
    )
    return UserAct(
        user.id,
        "unblock_user",
        status,
        version,
        (),
        mail_id,
        event_id,
        live_contracts=int(facts.live),
    )


def _typed_numbers(contract_numbers: Sequence[str] | str) -> list[tuple[str, str]]:
    """(as typed, normalised) for each number typed, blanks and repeats dropped."""
    typed = [contract_numbers] if isinstance(contract_numbers, str) else list(contract_numbers)
    seen: dict[str, str] = {}
    for number in typed:
        shown = field_text(number or "", CONTRACT_FIELD)
        normalized = normalize_contract_number(shown)
        if normalized:
            seen.setdefault(normalized, shown)
    return [(shown, normalized) for normalized, shown in seen.items()]


def revoke(
    session: Session,
    user_id: int,
    actor: str,
    contract_numbers: Sequence[str] | str,
    reason: str,
    *,
    expected_version: int | None = None,
    portal_url: str = mail_templates.DEFAULT_PORTAL_URL,
    now: datetime | None = None,
) -> UserAct:
    """Revoke the user's live access to each contract named (typed loosely). The rows stay,
    marked revoked with the reason; revoking the last one does not block the user."""
    del portal_url  # the letter needs no link
    reason = _reason(
        reason,
        REVOKE_REASON_FIELD,
        "Укажите причину отзыва доступа: её получит пользователь в письме.",
    )
    typed = _typed_numbers(contract_numbers)
    if not typed:
        raise DomainError(
            "Укажите договоры, доступ к которым нужно отозвать.", code="NOTHING_CHOSEN"
        )
    now = now or utcnow()
    user = _lock(session, user_id, actor, expected_version)
    live = run(session, _LIVE_GRANTS, {"user_id": user.id}).all()
    by_number = {grant.number_normalized: grant for grant in live}
    chosen = []
    for shown, normalized in typed:
        grant = by_number.get(normalized)
        if grant is None:
            seen = ", ".join(f"№ {g.number}" for g in live) or "нет ни одного"
            raise DomainError(
                f"У пользователя «{user.login}» нет действующего доступа к договору "
                f"«{shown}»: отзывать нечего. Действующий доступ: {seen}.",
                code="CONTRACT_NOT_GRANTED",
            )
        chosen.append(grant)
    version = _bump(session, user)
    run(
        session,
        _REVOKE,
        {
            "access_ids": [grant.id for grant in chosen],
            "now": now,
            "actor": actor,
            "reason": reason,
        },
    )
    numbers = tuple(grant.number for grant in chosen)
    left = len(live) - len(chosen)
    rendered = mail_templates.access_revoked(
        first_name=user.first_name,
        patronymic=user.patronymic,
        login=user.login,
        contracts=list(numbers),
        reason=reason,
        live_contracts_left=left,
    )
    mail_id = _letter(session, user, rendered, now)
    event_id = _audit(
        session,
        actor,
        "revoke_access",
        user,
        now,
        contract_numbers=list(numbers),
        reason=reason,
        contract_access_ids=[grant.id for grant in chosen],
        live_contracts=left,
        mail_outbox_id=mail_id,
    )
    return UserAct(user.id, "revoke_access", user.status, version, numbers, mail_id, event_id, left)


def grant(
    session: Session,
    user_id: int,
    actor: str,
    contract_number: str,
    reason: str,
    *,
    expected_version: int | None = None,
    portal_url: str = mail_templates.DEFAULT_PORTAL_URL,
    now: datetime | None = None,
) -> UserAct:
    """Grant access to one more contract on an administrator's word (the company asked in
    writing). The number passes the queue's rules: it exists, belongs to the organisation
    the user was approved for, and is not terminated; otherwise the checks' own message
    refuses it. A live grant that exists already is left alone (``already``)."""
    reason = _reason(
        reason,
        GRANT_REASON_FIELD,
        "Укажите основание предоставления доступа (например, письмо организации): его "
        "получит пользователь в письме.",
    )
    [typed] = _typed_numbers(contract_number) or [("", "")]
    shown, _normalized = typed
    if not shown:
        raise DomainError("Укажите номер договора.", code="CONTRACT_REQUIRED")
    now = now or utcnow()
    user = _lock(session, user_id, actor, expected_version)
    organisations = [
        int(row.counterparty_id) for row in run(session, _APPROVED_FOR, {"user_id": user.id})
    ]
    if not organisations:
        raise DomainError(
            f"{_who(user)} не одобрен ни для одной организации: доступ к договору "
            "предоставляется только в пределах организации, для которой одобрена его заявка "
            "на регистрацию. Пусть пользователь подаст заявку.",
            code="NO_ORGANISATION",
        )
    match = checks.check_contract_for_user(session, shown, user.id, organisations)
    errors = [finding for finding in match.findings if finding.severity == "error"]
    if errors or match.contract_id is None or match.contract_number is None:
        raise DomainError(
            " ".join(finding.message for finding in errors) or f"Договор «{shown}» не найден.",
            code=errors[0].code if errors else "CONTRACT_NOT_FOUND",
        )
    number = match.contract_number
    live = _live_count(session, user.id)
    if any(finding.code == "ALREADY_HAS_ACCESS" for finding in match.findings):
        return UserAct(
            user.id,
            "grant_access",
            user.status,
            user.version,
            (number,),
            None,
            None,
            live_contracts=live,
            already=True,
        )
    version = _bump(session, user)
    access_id = int(
        run(
            session,
            _GRANT,
            {
                "portal_user_id": user.id,
                "contract_id": match.contract_id,
                "registration_request_id": None,
                "granted_by": actor,
                "granted_at": now,
                "grant_reason": reason,
            },
        ).scalar_one()
    )
    rendered = mail_templates.access_granted(
        first_name=user.first_name,
        patronymic=user.patronymic,
        login=user.login,
        contract_number=number,
        reason=reason,
        blocked=user.status == "blocked",
        portal_url=portal_url,
    )
    mail_id = _letter(session, user, rendered, now)
    event_id = _audit(
        session,
        actor,
        "grant_access",
        user,
        now,
        contract_number=number,
        reason=reason,
        contract_id=match.contract_id,
        contract_access_id=access_id,
        user_blocked=user.status == "blocked",
        mail_outbox_id=mail_id,
    )
    return UserAct(
        user.id,
        "grant_access",
        user.status,
        version,
        (number,),
        mail_id,
        event_id,
        live_contracts=live + 1,
    )
