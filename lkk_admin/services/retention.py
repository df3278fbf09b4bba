"""Personal data kept no longer than their purpose (152-ФЗ, ч. 4, 5, 7 ст. 21).

A *record* is one portal user with their registration requests and the letters sent to
them. Its purpose has ended when the user is ``rejected`` or ``email_unconfirmed`` and
nothing of theirs is still alive: no live contract access, no request pending, in review,
returned for clarification or approved. It ended at the latest of: a rejected or expired
request's decision, an unconfirmed request's submission, the account's creation. Once
that is the organisation's period (:mod:`.retention_period`) ago, the record is *due*;
a record with a letter still waiting to be delivered waits for the next run.

Anonymising a record replaces the person's name, patronymic, phone, e-mail and login with
a fixed marker (the login and e-mail stay unique per user, in the reserved ``.invalid``
domain: nobody can log in with them, no mail reaches them, and a new registration with
the old e-mail or login is accepted), an individual entrepreneur's name in the requests
(a company's name is not personal data and stays), and the letters' recipient, subject,
bodies and delivery error. The subject goes too: the ``template`` column already says what
kind of letter it was, and a subject is free text whoever queued the letter wrote.
Ids, dates, statuses, ИНН/КПП and decisions stay, so statistics and the audit trail stay
whole. One ``anonymise_personal_data`` audit event per record.

:func:`anonymise` owns its transactions: it commits batch by batch (each record whole or
not at all, a batch commits whole or not at all), so an interruption keeps what is done
and touches nothing else, and a second run finds nothing to do. On PostgreSQL each batch
re-reads and locks its rows (``FOR UPDATE SKIP LOCKED``): a record someone is changing
right now is left for the next run, never waited for.
"""

from __future__ import annotations

import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    cast,
    exists,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    update,
)
from sqlalchemy import String as SqlString
from sqlalchemy.orm import Session, aliased, sessionmaker

from lkk_admin.models import (
    AuditEvent,
    ContractAccess,
    MailOutbox,
    PortalUser,
    RegistrationRequest,
)
from lkk_admin.models.base import utcnow
from lkk_admin.services.errors import DomainError, NotFoundError
from lkk_admin.services.retention_period import check_days

ACTION = "anonymise_personal_data"
ENTITY = "portal_user"
REQUEST_ENTITY = "registration_request"
DEFAULT_BATCH = 200

# The fixed marker that replaces a person's data.
MARKER = "обезличено"
ANONYMOUS_DOMAIN = "anonymised.invalid"  # RFC 2606: never a real mailbox
LOGIN_PREFIX = "anonymised-"
LETTER_ADDRESS = f"anonymised@{ANONYMOUS_DOMAIN}"
LETTER_SUBJECT = "Письмо обезличено"
LETTER_TEXT = "Текст письма обезличен: срок хранения персональных данных истёк."
LETTER_HTML = f"<p>{LETTER_TEXT}</p>"

# Grounds, as the act names them.
REJECTED = "rejected"
EXPIRED = "expired"
UNCONFIRMED = "unconfirmed"
GROUNDS = (REJECTED, EXPIRED, UNCONFIRMED)
GROUND_NAMES = {
    REJECTED: "заявка отклонена",
    EXPIRED: "заявка просрочена: e-mail не подтверждён",
    UNCONFIRMED: "учётная запись не подтверждена",
}

# A user in one of these states may have no purpose left; the others are in use.
ENDED_USER_STATUSES = ("rejected", "email_unconfirmed")
# A request in one of these keeps its user's data in use.
LIVE_REQUEST_STATUSES = ("pending", "in_review", "needs_info", "approved")
ENDED_REQUEST_STATUSES = ("rejected", "expired")

Progress = Callable[[int, int], None]  # records handled so far, records due
Cancelled = Callable[[], bool]


def anonymous_login(user_id: int, attempt: int = 0) -> str:
    """The login an anonymised user keeps: unique, and nobody's (``attempt`` > 0: a
    portal user had already taken the plain one)."""
    return f"{LOGIN_PREFIX}{user_id}" + (f"-{attempt}" if attempt else "")


def anonymous_email(user_id: int, attempt: int = 0) -> str:
    return f"{anonymous_login(user_id, attempt)}@{ANONYMOUS_DOMAIN}"


@dataclass(frozen=True)
class DueSummary:
    """What a run would anonymise now."""

    days: int
    cutoff: datetime  # purposes that ended at or before this are due
    by_ground: dict[str, int]  # every ground present, zero included
    oldest: datetime | None  # the earliest purpose end among the due records
    waiting_for_mail: int  # would be due, but a letter to them still waits to be sent

    @property
    def total(self) -> int:
        return sum(self.by_ground.values())


@dataclass(frozen=True)
class RetentionRecord:
    """One record anonymised (or, in a dry run, that would be)."""

    user_id: int
    ground: str  # one of GROUNDS
    purpose_ended_at: datetime
    anonymised_at: datetime | None  # None in a dry run
    actor: str
    request_ids: tuple[int, ...]
    letter_ids: tuple[int, ...]

    @property
    def ground_text(self) -> str:
        return GROUND_NAMES[self.ground]


@dataclass(frozen=True)
class RetentionRun:
    """What one run did: the records in order of user id."""

    run_id: str
    actor: str
    days: int
    cutoff: datetime
    started_at: datetime
    finished_at: datetime
    seconds: float  # wall time of the run
    dry_run: bool
    cancelled: bool
    due: int  # found due when the run started
    records: tuple[RetentionRecord, ...] = field(default=())

    @property
    def done(self) -> int:
        return len(self.records)

    @property
    def left(self) -> int:
        """Due at the start but not done: cancelled, or changed or locked meanwhile."""
        return self.due - self.done

    @property
    def per_second(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0

    def by_ground(self) -> dict[str, int]:
        counts = dict.fromkeys(GROUNDS, 0)
        for record in self.records:
            counts[record.ground] += 1
        return counts


# --- What is due ----------------------------------------------------------------------------


def _cutoff(days: int, now: datetime) -> datetime:
    return now - timedelta(days=check_days(days))


def _ended_at(request: Any) -> ColumnElement[Any]:
    """When a rejected or expired request ended (its decision; an old row may lack one)."""
    return func.coalesce(request.decided_at, request.updated_at)


# The subqueries read aliases, so that a query that joins the requests itself (the due
# list) does not correlate them with its own rows.


def _pending_letter() -> ColumnElement[bool]:
    """A letter about the user (of the outer query) or one of their requests still waits."""
    letter, request = aliased(MailOutbox), aliased(RegistrationRequest)
    about_user = exists().where(
        letter.entity == ENTITY, letter.entity_id == PortalUser.id, letter.status == "pending"
    )
    about_request = exists().where(
        request.portal_user_id == PortalUser.id,
        letter.entity == REQUEST_ENTITY,
        letter.entity_id == request.id,
        letter.status == "pending",
    )
    return or_(about_user, about_request)


def _due_conditions(cutoff: datetime, *, mail_sent: bool = True) -> list[ColumnElement[bool]]:
    """The user (of the outer query) is due at ``cutoff`` (``mail_sent`` False: whatever
    their letters)."""
    access, live, late = (
        aliased(ContractAccess),
        aliased(RegistrationRequest),
        aliased(RegistrationRequest),
    )
    conditions: list[ColumnElement[bool]] = [
        PortalUser.status.in_(ENDED_USER_STATUSES),
        PortalUser.anonymised_at.is_(None),
        PortalUser.created_at <= cutoff,
        ~exists().where(access.portal_user_id == PortalUser.id, access.revoked_at.is_(None)),
        ~exists().where(
            live.portal_user_id == PortalUser.id, live.status.in_(LIVE_REQUEST_STATUSES)
        ),
        # Nothing ended (or was submitted unconfirmed) after the cutoff.
        ~exists().where(
            late.portal_user_id == PortalUser.id,
            or_(
                and_(late.status.in_(ENDED_REQUEST_STATUSES), _ended_at(late) > cutoff),
                and_(late.status == "email_unconfirmed", late.submitted_at > cutoff),
            ),
        ),
    ]
    if mail_sent:
        conditions.append(~_pending_letter())
    return conditions


@dataclass(frozen=True)
class _Request:
    id: int
    user_id: int
    status: str
    ended_at: datetime | None  # its decision, for a rejected or expired one
    submitted_at: datetime


_REQUEST_COLUMNS = (
    RegistrationRequest.id,
    RegistrationRequest.portal_user_id,
    RegistrationRequest.status,
    _ended_at(RegistrationRequest).label("ended_at"),
    RegistrationRequest.submitted_at,
)


def _request(row: Any) -> _Request:
    return _Request(row.id, row.portal_user_id, row.status, row.ended_at, row.submitted_at)


def _purpose_end(
    status: str, created_at: datetime, requests: Iterable[_Request]
) -> tuple[str, datetime]:
    """The ground and when the purpose ended: the latest end among the user's requests
    (the account's creation when there is none)."""
    ground = REJECTED if status == "rejected" else UNCONFIRMED
    ended = created_at
    for request in requests:
        if request.status in ENDED_REQUEST_STATUSES and request.ended_at is not None:
            at, kind = request.ended_at, REJECTED if request.status == "rejected" else EXPIRED
        elif request.status == "email_unconfirmed":
            at, kind = request.submitted_at, UNCONFIRMED
        else:
            continue
        if at >= ended:
            ground, ended = kind, at
    return ground, ended


@dataclass(frozen=True)
class _Due:
    user_id: int
    ground: str
    ended_at: datetime


def _due_records(session: Session, cutoff: datetime) -> list[_Due]:
    """The due users with their grounds, in order of id (one statement: each user with
    each of their requests)."""
    rows = session.execute(
        select(
            PortalUser.id.label("user_id"),
            PortalUser.status.label("user_status"),
            PortalUser.created_at,
            RegistrationRequest.id.label("request_id"),
            RegistrationRequest.status.label("request_status"),
            _ended_at(RegistrationRequest).label("request_ended_at"),
            RegistrationRequest.submitted_at.label("request_submitted_at"),
        )
        .outerjoin(RegistrationRequest, RegistrationRequest.portal_user_id == PortalUser.id)
        .where(*_due_conditions(cutoff))
        .order_by(PortalUser.id, RegistrationRequest.id)
    ).all()
    users: dict[int, tuple[str, datetime, list[_Request]]] = {}
    for row in rows:
        _status, _created, requests = users.setdefault(
            row.user_id, (row.user_status, row.created_at, [])
        )
        if row.request_id is not None:
            requests.append(
                _Request(
                    row.request_id,
                    row.user_id,
                    row.request_status,
                    row.request_ended_at,
                    row.request_submitted_at,
                )
            )
    records = []
    for user_id, (status, created_at, requests) in users.items():
        ground, ended = _purpose_end(status, created_at, requests)
        records.append(_Due(user_id, ground, ended))
    return records


def due(session: Session, *, days: int, now: datetime | None = None) -> DueSummary:
    """What is due for anonymisation ``days`` after the purpose ended (read only)."""
    now = now or utcnow()
    cutoff = _cutoff(days, now)
    records = _due_records(session, cutoff)
    counts = dict.fromkeys(GROUNDS, 0)
    for record in records:
        counts[record.ground] += 1
    waiting = session.scalar(
        select(func.count())
        .select_from(PortalUser)
        .where(
            *_due_conditions(cutoff, mail_sent=False),
            _pending_letter(),
        )
    )
    return DueSummary(
        days=days,
        cutoff=cutoff,
        by_ground=counts,
        oldest=min((record.ended_at for record in records), default=None),
        waiting_for_mail=int(waiting or 0),
    )


# --- Anonymising ----------------------------------------------------------------------------


def anonymise(
    factory: sessionmaker[Session],
    actor: str,
    *,
    days: int,
    now: datetime | None = None,
    dry_run: bool = False,
    batch: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> RetentionRun:
    """Anonymise every record due ``days`` after its purpose ended.

    Unlike the other services this one **owns its transactions**: it reads what is due,
    then commits ``batch`` records per transaction, so what is done stays done if it is
    cancelled (``cancelled()`` is asked between batches) or interrupted, and the rest is
    untouched. ``progress(handled, due)`` is called after each batch. ``dry_run``: nothing is
    written; the records are those a run would anonymise now. ``now`` is the time the
    periods are counted to and the anonymisation is stamped with (default: the clock).
    """
    if batch < 1:
        raise ValueError("batch must be positive")
    started, clock = now or utcnow(), time.perf_counter()
    run = _Batch(actor, days, _cutoff(days, started), started, uuid.uuid4().hex)
    with factory() as session:
        found = _due_records(session, run.cutoff)
        if found and not dry_run:
            run = replace(run, squatted=_squatted(session))
    if dry_run:
        would = [
            RetentionRecord(item.user_id, item.ground, item.ended_at, None, actor, (), ())
            for item in found
        ]
        return _finished(
            run, clock, dry_run=True, was_cancelled=False, due=len(found), records=would
        )
    done: list[RetentionRecord] = []
    was_cancelled = False
    if progress is not None:
        progress(0, len(found))
    for start in range(0, len(found), batch):
        if cancelled is not None and cancelled():
            was_cancelled = True
            break
        ids = [item.user_id for item in found[start : start + batch]]
        stamped = replace(run, now=now or utcnow())
        with factory.begin() as session:
            done += _anonymise_batch(session, ids, stamped)
        if progress is not None:  # looked at, anonymised or left for the next run
            progress(min(start + batch, len(found)), len(found))
    return _finished(
        run, clock, dry_run=False, was_cancelled=was_cancelled, due=len(found), records=done
    )


def _finished(
    run: _Batch,
    clock: float,
    *,
    dry_run: bool,
    was_cancelled: bool,
    due: int,
    records: Sequence[RetentionRecord],
) -> RetentionRun:
    seconds = time.perf_counter() - clock
    return RetentionRun(
        run_id=run.run_id,
        actor=run.actor,
        days=run.days,
        cutoff=run.cutoff,
        started_at=run.now,
        finished_at=run.now + timedelta(seconds=seconds),
        seconds=seconds,
        dry_run=dry_run,
        cancelled=was_cancelled,
        due=due,
        records=tuple(records),
    )


@dataclass(frozen=True)
class _Batch:
    actor: str
    days: int
    cutoff: datetime
    now: datetime
    run_id: str
    squatted: frozenset[str] = frozenset()  # see _squatted


@dataclass
class _Locked:
    """One user's rows, locked in this transaction and read afresh."""

    status: str
    created_at: datetime
    requests: list[_Request] = field(default_factory=list)
    letters: dict[int, str] = field(default_factory=dict)  # id → status
    complete: bool = True  # every row of theirs could be locked


def _anonymise_batch(session: Session, ids: Sequence[int], batch: _Batch) -> list[RetentionRecord]:
    """Lock, re-check and anonymise the due users among ``ids``, in the caller's
    transaction: set-based statements, whole or not at all."""
    users = _lock_users(session, ids, batch.cutoff)
    if not users:
        return []
    _lock_requests(session, users)
    _lock_letters(session, users)
    records: list[RetentionRecord] = []
    for user_id, rows in users.items():
        if not rows.complete or any(status == "pending" for status in rows.letters.values()):
            continue  # someone is on it, or a letter still waits: next run
        if any(request.status in LIVE_REQUEST_STATUSES for request in rows.requests):
            continue
        ground, ended = _purpose_end(rows.status, rows.created_at, rows.requests)
        if ended > batch.cutoff:
            continue
        records.append(
            RetentionRecord(
                user_id=user_id,
                ground=ground,
                purpose_ended_at=ended,
                anonymised_at=batch.now,
                actor=batch.actor,
                request_ids=tuple(sorted(request.id for request in rows.requests)),
                letter_ids=tuple(sorted(rows.letters)),
            )
        )
    if records:
        _write(session, records, batch)
    return records


def _lock_users(session: Session, ids: Sequence[int], cutoff: datetime) -> dict[int, _Locked]:
    rows = session.execute(
        select(PortalUser.id, PortalUser.status, PortalUser.created_at)
        .where(PortalUser.id.in_(ids), *_due_conditions(cutoff))
        .order_by(PortalUser.id)
        .with_for_update(of=PortalUser, skip_locked=True)
    ).all()
    return {row.id: _Locked(row.status, row.created_at) for row in rows}


def _lock_requests(session: Session, users: dict[int, _Locked]) -> None:
    """The users' requests, locked where free; a user with one held elsewhere is left."""
    of_users = RegistrationRequest.portal_user_id.in_(list(users))
    locked = session.execute(
        select(*_REQUEST_COLUMNS)
        .where(of_users)
        .with_for_update(of=RegistrationRequest, skip_locked=True)
    ).all()
    for row in locked:
        users[row.portal_user_id].requests.append(_request(row))
    if session.get_bind().dialect.name != "postgresql":
        return  # nothing is skipped without row locks
    every = session.execute(select(RegistrationRequest.portal_user_id).where(of_users)).all()
    counts: dict[int, int] = defaultdict(int)
    for row in every:
        counts[row.portal_user_id] += 1
    for user_id, rows in users.items():
        rows.complete = rows.complete and len(rows.requests) == counts[user_id]


def _lock_letters(session: Session, users: dict[int, _Locked]) -> None:
    owner_of_request = {
        request.id: user_id for user_id, rows in users.items() for request in rows.requests
    }
    about = or_(
        and_(MailOutbox.entity == ENTITY, MailOutbox.entity_id.in_(list(users))),
        and_(MailOutbox.entity == REQUEST_ENTITY, MailOutbox.entity_id.in_(list(owner_of_request))),
    )

    def owner(row: Any) -> int:
        return int(row.entity_id if row.entity == ENTITY else owner_of_request[row.entity_id])

    columns = (MailOutbox.id, MailOutbox.entity, MailOutbox.entity_id, MailOutbox.status)
    locked = session.execute(
        select(*columns).where(about).with_for_update(of=MailOutbox, skip_locked=True)
    ).all()
    for row in locked:
        users[owner(row)].letters[row.id] = row.status
    if session.get_bind().dialect.name != "postgresql":
        return
    for row in session.execute(select(*columns).where(about)):
        if row.id not in users[owner(row)].letters:
            users[owner(row)].complete = False


def _write(session: Session, records: Sequence[RetentionRecord], batch: _Batch) -> None:
    user_ids = [record.user_id for record in records]
    attempts = _free_names(user_ids, batch.squatted)
    plain = [user_id for user_id in user_ids if attempts[user_id] == 0]
    marked = {
        "first_name": MARKER,
        "last_name": MARKER,
        "patronymic": MARKER,
        "phone": MARKER,
        "anonymised_at": batch.now,
        # A bulk UPDATE skips the ORM's version check: bump it so that a screen holding the
        # user's old version is refused as stale.
        "version": PortalUser.version + 1,
    }
    if plain:
        identity = cast(PortalUser.id, SqlString)
        session.execute(
            update(PortalUser)
            .where(PortalUser.id.in_(plain))
            .values(
                login=literal(LOGIN_PREFIX) + identity,
                email=literal(LOGIN_PREFIX) + identity + literal(f"@{ANONYMOUS_DOMAIN}"),
                **marked,
            )
            .execution_options(synchronize_session=False)
        )
    for user_id in user_ids:
        if attempts[user_id]:  # rare: one statement each
            session.execute(
                update(PortalUser)
                .where(PortalUser.id == user_id)
                .values(
                    login=anonymous_login(user_id, attempts[user_id]),
                    email=anonymous_email(user_id, attempts[user_id]),
                    **marked,
                )
                .execution_options(synchronize_session=False)
            )
    request_ids = [request_id for record in records for request_id in record.request_ids]
    if request_ids:
        # The personal columns change in the same UPDATE that sets anonymised_at: the
        # database (personal_data_erasure, LK004) allows them to change only so.
        session.execute(
            update(RegistrationRequest)
            .where(RegistrationRequest.id.in_(request_ids))
            .values(
                # A sole proprietor's name is a person's name; a company's is kept.
                org_name=case(
                    (RegistrationRequest.org_type == "sole_proprietor", MARKER),
                    else_=RegistrationRequest.org_name,
                ),
                anonymised_at=batch.now,
            )
            .execution_options(synchronize_session=False)
        )
    letter_ids = [letter_id for record in records for letter_id in record.letter_ids]
    if letter_ids:
        session.execute(
            update(MailOutbox)
            .where(MailOutbox.id.in_(letter_ids))
            .values(
                to_address=LETTER_ADDRESS,
                to_name=MARKER,
                subject=LETTER_SUBJECT,
                body_text=LETTER_TEXT,
                body_html=LETTER_HTML,
                # A mail server's refusal quotes the address it refused.
                last_error=case((MailOutbox.last_error.is_(None), null()), else_=MARKER),
                anonymised_at=batch.now,
            )
            .execution_options(synchronize_session=False)
        )
    session.execute(
        insert(AuditEvent),
        [
            {
                "occurred_at": batch.now,
                "actor": batch.actor,
                "action": ACTION,
                "entity": ENTITY,
                "entity_id": record.user_id,
                "details": {
                    "ground": record.ground,
                    "ground_text": record.ground_text,
                    "purpose_ended_at": record.purpose_ended_at.isoformat(),
                    "days": batch.days,
                    "request_ids": list(record.request_ids),
                    "letter_ids": list(record.letter_ids),
                    "run_id": batch.run_id,
                },
            }
            for record in records
        ],
    )


def _squatted(session: Session) -> frozenset[str]:
    """The anonymous-looking logins and e-mails portal users chose themselves (normally
    none), read once per run: a user whose marker one of them holds gets ``-1``, ``-2``….
    One who registers such a name during the run makes that batch fail on the unique
    index, whole; the next run reads it and goes round it."""
    prefix = LOGIN_PREFIX.lower()
    rows = session.execute(
        select(func.lower(PortalUser.login), func.lower(PortalUser.email)).where(
            PortalUser.anonymised_at.is_(None),
            or_(
                func.lower(PortalUser.login).startswith(prefix, autoescape=True),
                func.lower(PortalUser.email).startswith(prefix, autoescape=True),
            ),
        )
    ).all()
    return frozenset(name for row in rows for name in row)


def _free_names(user_ids: Sequence[int], squatted: frozenset[str]) -> dict[int, int]:
    """For each user, the first attempt whose anonymous login and e-mail nobody holds:
    0 (the plain ``anonymised-<id>``) unless a portal user took it at registration.
    (An anonymised user's own marker holds its id: it never clashes with another's.)"""
    attempts = dict.fromkeys(user_ids, 0)
    for user_id in user_ids:
        while (
            anonymous_login(user_id, attempts[user_id]).lower() in squatted
            or anonymous_email(user_id, attempts[user_id]).lower() in squatted
        ):
            attempts[user_id] += 1
    return attempts


def recorded_run(session: Session, run_id: str) -> RetentionRun:
    """A past run as its audit events recorded it, for writing its act again (when the
    first could not be saved). ``NotFoundError`` when no run has that id."""
    events = session.execute(
        select(AuditEvent.actor, AuditEvent.occurred_at, AuditEvent.entity_id, AuditEvent.details)
        .where(
            AuditEvent.action == ACTION,
            AuditEvent.entity == ENTITY,
            AuditEvent.details["run_id"].as_string() == run_id.strip(),
        )
        .order_by(AuditEvent.entity_id)
    ).all()
    if not events:
        raise NotFoundError(f"Запуск обезличивания {run_id} в журнале аудита не найден.")
    first, last = min(e.occurred_at for e in events), max(e.occurred_at for e in events)
    days = int(events[0].details["days"])
    records = tuple(
        RetentionRecord(
            user_id=int(event.entity_id),
            ground=str(event.details["ground"]),
            purpose_ended_at=datetime.fromisoformat(event.details["purpose_ended_at"]),
            anonymised_at=event.occurred_at,
            actor=event.actor,
            request_ids=tuple(int(i) for i in event.details.get("request_ids", ())),
            letter_ids=tuple(int(i) for i in event.details.get("letter_ids", ())),
        )
        for event in events
    )
    return RetentionRun(
        run_id=run_id.strip(),
        actor=events[0].actor,
        days=days,
        cutoff=first - timedelta(days=days),
        started_at=first,
        finished_at=last,
        seconds=(last - first).total_seconds(),
        dry_run=False,
        cancelled=False,
        due=len(records),
        records=records,
    )


def require_records(run: RetentionRun) -> None:
    """Refuse an act of a run that anonymised nothing (or only pretended to)."""
    if run.dry_run:
        raise DomainError(
            "Пробный запуск ничего не обезличивает: акт по нему не составляется.",
            code="DRY_RUN",
        )
    if not run.records:
        raise DomainError(
            "Обезличивать было нечего: акт не составляется.", code="NOTHING_ANONYMISED"
        )
