"""One portal user as the section's detail pane shows it, and the audited reveal of a
contact.

A user opens in four short indexed statements: the profile with its organisation and the
user's requests with the numbers typed in them, every contract access (live and revoked)
with its contract and counterparty, the letters to the user or about the user's
requests, and the latest audit events about the user, those requests and those letters.
Contacts are masked; revealing one is audited.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import and_, bindparam, literal_column, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from lkk_admin.db import constant, run
from lkk_admin.models import (
    AuditEvent,
    Contract,
    ContractAccess,
    Counterparty,
    MailOutbox,
    PortalUser,
    RegistrationContract,
    RegistrationRequest,
)
from lkk_admin.models.accounts import OPEN_REQUEST_STATUSES
from lkk_admin.models.base import table_of
from lkk_admin.services.audit_log import action_name, summarize
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.masking import mask_email, mask_person, mask_phone
from lkk_admin.services.portal_user_browser.organisation import (
    organisation_of,
    with_organisation,
)
from lkk_admin.services.portal_user_browser.rows import (
    EVENT_LIMIT,
    LETTER_LIMIT,
    ContractAccessLine,
    UserDetail,
    UserEventLine,
    UserLetterLine,
    UserRequestLine,
)

CONTACT_FIELDS = ("email", "phone")

_users = table_of(PortalUser)
_requests = table_of(RegistrationRequest)
_typed = table_of(RegistrationContract)
_access = table_of(ContractAccess)
_contracts = table_of(Contract)
_owners = table_of(Counterparty)
_letters = table_of(MailOutbox)
_events = table_of(AuditEvent)


@functools.lru_cache(maxsize=4)
def _profile(dialect: str) -> Executable:
    """The user's columns and the organisation's, once per request of the user and
    number typed in it (a user has a request or three, and a number or three in each):
    one round trip fewer than reading the requests on their own."""
    profile = (
        select(
            _users.c.id,
            _users.c.version,
            _users.c.login,
            _users.c.last_name,
            _users.c.first_name,
            _users.c.patronymic,
            _users.c.email,
            _users.c.phone,
            _users.c.status,
            _users.c.created_at,
            _users.c.email_confirmed_at,
            _users.c.last_login_at,
            _users.c.blocked_at,
            _users.c.blocked_by,
            _users.c.block_reason,
            _users.c.status_before_block,
            _users.c.anonymised_at,
        )
        .where(_users.c.id == bindparam("id"))
        .subquery("profile")
    )
    mine = _requests.alias("mine")
    return (
        with_organisation(profile, dialect)
        .add_columns(
            mine.c.id.label("mine_id"),
            mine.c.status.label("mine_status"),
            mine.c.submitted_at.label("mine_submitted_at"),
            mine.c.org_type.label("mine_org_type"),
            mine.c.inn.label("mine_inn"),
            mine.c.kpp.label("mine_kpp"),
            mine.c.org_name.label("mine_org_name"),
            mine.c.decided_at.label("mine_decided_at"),
            mine.c.decided_by.label("mine_decided_by"),
            _typed.c.number_as_typed,
        )
        .outerjoin(mine, mine.c.portal_user_id == profile.c.id)
        .outerjoin(_typed, _typed.c.registration_request_id == mine.c.id)
        .order_by(mine.c.submitted_at.desc(), mine.c.id.desc(), _typed.c.position)
    )


# In ContractAccessLine's field order.
_ACCESS = (
    select(
        _access.c.id,
        _access.c.contract_id,
        _contracts.c.number,
        _contracts.c.status,
        _contracts.c.counterparty_id,
        _owners.c.short_name,
        _access.c.granted_at,
        _access.c.granted_by,
        _access.c.registration_request_id,
        _access.c.grant_reason,
        _access.c.revoked_at,
        _access.c.revoked_by,
        _access.c.revoke_reason,
    )
    .join(_contracts, _contracts.c.id == _access.c.contract_id)
    .join(_owners, _owners.c.id == _contracts.c.counterparty_id)
    .where(_access.c.portal_user_id == bindparam("id"))
)


def _about(table: Any, entity: str, parameter: str, *, many: bool) -> Any:
    """Rows of ``table`` about one object (``many``: about any of a list of ids)."""
    value: Any = bindparam(parameter, expanding=True) if many else bindparam(parameter)
    matches = table.c.entity_id.in_(value) if many else table.c.entity_id == value
    return and_(table.c.entity == constant(entity), matches)


# In UserLetterLine's field order.
_LETTERS = (
    select(
        _letters.c.id,
        _letters.c.created_at,
        _letters.c.subject,
        _letters.c.template,
        _letters.c.status,
        _letters.c.sent_at,
    )
    .where(
        or_(
            _about(_letters, "portal_user", "id", many=False),
            _about(_letters, "registration_request", "request_ids", many=True),
        )
    )
    .order_by(_letters.c.created_at.desc(), _letters.c.id.desc())
    .limit(literal_column(str(LETTER_LIMIT)))
)

_EVENTS = (
    select(
        _events.c.id,
        _events.c.occurred_at,
        _events.c.actor,
        _events.c.action,
        _events.c.entity,
        _events.c.entity_id,
        _events.c.details,
    )
    .where(
        or_(
            _about(_events, "portal_user", "id", many=False),
            _about(_events, "registration_request", "request_ids", many=True),
            _about(_events, "mail_outbox", "letter_ids", many=True),
        )
    )
    .order_by(_events.c.occurred_at.desc(), _events.c.id.desc())
    .limit(literal_column(str(EVENT_LIMIT)))
)


def event_summary(
    action: str, entity: str, entity_id: int | None, details: Mapping[str, Any] | None
) -> str:
    """One Russian line about an event in a user's card: the audit log's own summary, with
    the contracts and the reason where the log has only the action's name, and the
    request's number for an event about one of the user's requests."""
    line = summarize(action, entity_id, details)
    data: Mapping[str, Any] = details if isinstance(details, Mapping) else {}
    if line == action_name(action):
        numbers = data.get("contract_numbers")
        if isinstance(numbers, list | tuple) and numbers:
            line += ": " + ", ".join(str(number) for number in numbers)
        reason = data.get("reason")
        if isinstance(reason, str) and reason.strip():
            line += f" — {reason.strip()}"
    if entity == "registration_request" and entity_id is not None:
        line += f" (заявка № {entity_id})"
    return line


def user_detail(session: Session, user_id: int) -> UserDetail:
    """One portal user with the organisation, every contract access, the requests, the
    letters and the latest audit events (``NotFoundError`` if the user is gone)."""
    dialect = session.get_bind().dialect.name
    profile: Sequence[Any] = run(session, _profile(dialect), {"id": user_id}).all()
    if not profile:
        raise NotFoundError(
            f"Пользователь портала № {user_id} не найден: возможно, запись удалена.",
            code="USER_NOT_FOUND",
        )
    params = {"id": user_id}
    user = profile[0]
    requests = _request_lines(profile)
    contracts = _contract_lines(run(session, _ACCESS, params).all())
    request_ids = [line.id for line in requests]
    letter_records: Sequence[Any] = run(
        session, _LETTERS, {**params, "request_ids": request_ids}
    ).all()
    # The statement's columns are the line's fields, in order.
    letters = tuple(UserLetterLine(*record) for record in letter_records)
    events = tuple(
        UserEventLine(
            id=r.id,
            occurred_at=r.occurred_at,
            actor=r.actor,
            action=r.action,
            summary=event_summary(r.action, r.entity, r.entity_id, r.details),
            entity=r.entity,
            entity_id=r.entity_id,
        )
        for r in run(
            session,
            _EVENTS,
            {**params, "request_ids": request_ids, "letter_ids": [line.id for line in letters]},
        )
    )
    return UserDetail(
        id=user.id,
        version=int(user.version),
        login=user.login,
        last_name_masked=user.last_name.strip(),
        full_name_masked=mask_person(user.last_name, user.first_name, user.patronymic),
        email_masked=mask_email(user.email),
        phone_masked=mask_phone(user.phone),
        status=user.status,
        created_at=user.created_at,
        email_confirmed_at=user.email_confirmed_at,
        last_login_at=user.last_login_at,
        blocked_at=user.blocked_at,
        blocked_by=user.blocked_by,
        block_reason=user.block_reason,
        status_before_block=user.status_before_block,
        anonymised_at=user.anonymised_at,
        organisation=organisation_of(user),
        contracts=contracts,
        requests=requests,
        letters=letters,
        events=events,
        pending_requests=sum(1 for line in requests if line.status in OPEN_REQUEST_STATUSES),
    )


def _contract_lines(records: Sequence[Any]) -> tuple[ContractAccessLine, ...]:
    # The statement's columns are the line's fields, in order: built by position, as a
    # Row's attributes cost more than the rest of the card's Python together.
    lines = [ContractAccessLine(*record) for record in records]
    live = sorted(
        (line for line in lines if line.live), key=lambda x: (x.contract_number, x.access_id)
    )
    revoked = sorted(
        (line for line in lines if not line.live),
        key=lambda x: (x.revoked_at, x.access_id),
        reverse=True,
    )
    return (*live, *revoked)


def _request_lines(records: Sequence[Any]) -> tuple[UserRequestLine, ...]:
    """The user's requests from the profile's rows (newest first), with their numbers."""
    requests: dict[int, UserRequestLine] = {}
    numbers: dict[int, list[str]] = {}
    for r in records:
        if r.mine_id is None:
            continue
        if r.mine_id not in requests:
            requests[r.mine_id] = UserRequestLine(
                id=r.mine_id,
                status=r.mine_status,
                submitted_at=r.mine_submitted_at,
                org_type=r.mine_org_type,
                inn=r.mine_inn,
                kpp=r.mine_kpp,
                org_name=r.mine_org_name,
                decided_at=r.mine_decided_at,
                decided_by=r.mine_decided_by,
                contract_numbers=(),
            )
            numbers[r.mine_id] = []
        if r.number_as_typed is not None:
            numbers[r.mine_id].append(r.number_as_typed)
    return tuple(
        replace(line, contract_numbers=tuple(numbers[request_id]))
        for request_id, line in requests.items()
    )


def reveal_user_contact(session: Session, user_id: int, field: str, actor: str) -> str:
    """The user's full e-mail or phone (``field``: one of :data:`CONTACT_FIELDS`); every
    reveal is audited with who and when."""
    if field not in CONTACT_FIELDS:
        raise DomainError(
            "Можно показать только телефон или адрес электронной почты.", code="NOT_A_CONTACT"
        )
    row = session.execute(
        select(_users.c.email, _users.c.phone, _users.c.anonymised_at).where(_users.c.id == user_id)
    ).one_or_none()
    if row is None:
        raise NotFoundError(
            f"Пользователь портала № {user_id} не найден: возможно, запись удалена.",
            code="USER_NOT_FOUND",
        )
    if row.anonymised_at is not None:
        raise DomainError(
            "Персональные данные этого пользователя обезличены по сроку хранения: "
            "показывать нечего.",
            code="ANONYMISED",
        )
    value = row.email if field == "email" else row.phone
    if not value:
        what = "адрес электронной почты" if field == "email" else "телефон"
        raise DomainError(f"У пользователя не указан {what}: показывать нечего.", code="EMPTY")
    session.add(
        AuditEvent(
            actor=actor,
            action="reveal_personal_data",
            entity="portal_user",
            entity_id=user_id,
            details={"field": field},
        )
    )
    session.flush()
    return str(value)
