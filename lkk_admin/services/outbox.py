"""The mail outbox as staff see it: lists, one letter exactly as sent, retry and cancel.

Letters are written by the decisions (``queue_writes.queue_mail``) and delivered by the
sender; here staff look at them and step in. Nothing is ever deleted: a cancelled letter
stays with its reason, a retried one keeps its last error, and every step in is an
``audit_event`` (entity ``mail_outbox``). Functions take the caller's session and do not
commit; a refusal is raised before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from lkk_admin.models import AuditEvent, MailOutbox
from lkk_admin.models.audit import OUTBOX_STATUSES
from lkk_admin.models.base import utcnow
from lkk_admin.services import retention
from lkk_admin.services.errors import ConflictError, DomainError, NotFoundError
from lkk_admin.services.input_text import field_text, search_text
from lkk_admin.services.listing import ListQuery, Page, rows_by_pages
from lkk_admin.services.masking import mask_email

ENTITY = "mail_outbox"
REQUEST_ENTITY = "registration_request"
STATUSES = OUTBOX_STATUSES  # pending, sent, failed, cancelled
DEFAULT_PAGE_SIZE = 100
MAX_REASON_LENGTH = 1000
CANCEL_REASON_FIELD = "Причина отмены"
# An entity id is an INTEGER column: a longer run of digits cannot be a request number,
# and binding it would overflow on PostgreSQL.
_MAX_ID_DIGITS = 9


@dataclass(frozen=True)
class OutboxRow:
    """One letter in a list: the recipient masked, the addressee's name left out."""

    id: int
    status: str
    recipient_masked: str
    subject: str
    template: str
    entity: str | None
    entity_id: int | None
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    # Set when retention replaced the recipient's data (the list then says so).
    anonymised_at: datetime | None = None

    @property
    def request_id(self) -> int | None:
        """The registration request the letter is about, if it is about one."""
        return self.entity_id if self.entity == REQUEST_ENTITY else None


OutboxPage = Page[OutboxRow]


@dataclass(frozen=True)
class Cancellation:
    actor: str
    at: datetime
    reason: str


@dataclass(frozen=True)
class RetryRecord:
    actor: str
    at: datetime
    previous_attempts: int
    previous_error: str | None


@dataclass(frozen=True)
class OutboxMessage:
    """Everything needed to show a letter exactly as it was or will be sent."""

    row: OutboxRow
    body_text: str
    body_html: str
    cancellation: Cancellation | None
    retries: tuple[RetryRecord, ...]

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def status(self) -> str:
        return self.row.status

    @property
    def subject(self) -> str:
        return self.row.subject


def status_counts(session: Session) -> dict[str, int]:
    """Letters per status, every status present, and ``all`` (one grouped query)."""
    by_status = dict(
        session.execute(select(MailOutbox.status, func.count()).group_by(MailOutbox.status)).all()
    )
    counts = {status: int(by_status.get(status, 0)) for status in STATUSES}
    counts["all"] = sum(int(count) for count in by_status.values())
    return counts


def day_start(day: date, tz: tzinfo | None) -> datetime:
    """Midnight of ``day`` in ``tz`` (None: the computer's own time zone), as UTC."""
    if tz is None:
        return datetime.combine(day, time.min).astimezone().astimezone(UTC)
    return datetime.combine(day, time.min, tzinfo=tz).astimezone(UTC)


def _search_condition(text: str) -> ColumnElement[bool] | None:
    """The subject, the recipient's address, or a request number (digits, "№" optional)."""
    term = search_text(text).strip()
    if not term:
        return None
    lowered = term.lower()
    conditions: list[ColumnElement[bool]] = [
        func.lower(MailOutbox.subject).contains(lowered, autoescape=True),
        func.lower(MailOutbox.to_address).contains(lowered, autoescape=True),
    ]
    number = term.lstrip("№#").strip()
    if number.isdigit() and len(number) <= _MAX_ID_DIGITS:
        conditions.append(
            and_(MailOutbox.entity == REQUEST_ENTITY, MailOutbox.entity_id == int(number))
        )
    return or_(*conditions)


def _filtered(
    status: str | None,
    created_from: date | None,
    created_to: date | None,
    search: str,
    tz: tzinfo | None,
) -> Select[Any]:
    query = select(MailOutbox.id)
    if status is not None and status != "all":
        if status not in STATUSES:
            raise ValueError(f"unknown outbox status {status!r}")
        query = query.where(MailOutbox.status == status)
    if created_from is not None:
        query = query.where(MailOutbox.created_at >= day_start(created_from, tz))
    if created_to is not None:  # the whole last day counts
        query = query.where(MailOutbox.created_at < day_start(created_to + timedelta(days=1), tz))
    condition = _search_condition(search)
    if condition is not None:
        query = query.where(condition)
    return query


_ROW_COLUMNS = (
    MailOutbox.id,
    MailOutbox.status,
    MailOutbox.to_address,
    MailOutbox.subject,
    MailOutbox.template,
    MailOutbox.entity,
    MailOutbox.entity_id,
    MailOutbox.attempts,
    MailOutbox.next_attempt_at,
    MailOutbox.last_error,
    MailOutbox.created_at,
    MailOutbox.sent_at,
    MailOutbox.anonymised_at,
)


def _row(record: Any) -> OutboxRow:
    return OutboxRow(
        id=record.id,
        status=record.status,
        recipient_masked=(
            retention.MARKER if record.anonymised_at is not None else mask_email(record.to_address)
        ),
        subject=record.subject,
        template=record.template,
        entity=record.entity,
        entity_id=record.entity_id,
        attempts=record.attempts,
        next_attempt_at=record.next_attempt_at,
        last_error=record.last_error,
        created_at=record.created_at,
        sent_at=record.sent_at,
        anonymised_at=record.anonymised_at,
    )


def list_messages(
    session: Session,
    *,
    status: str | None = None,
    created_from: date | None = None,
    created_to: date | None = None,
    search: str = "",
    offset: int = 0,
    limit: int = DEFAULT_PAGE_SIZE,
    tz: tzinfo | None = UTC,
) -> OutboxPage:
    """One page of letters, newest first. Dates are whole days in ``tz`` (None: the
    computer's time zone, as the screen shows them), both ends included."""
    filtered = _filtered(status, created_from, created_to, search, tz)
    query = (
        filtered.with_only_columns(
            *_ROW_COLUMNS,
            # The filter's total in the same round trip as its page.
            func.count().over().label("total"),
        )
        .order_by(MailOutbox.created_at.desc(), MailOutbox.id.desc())
        .offset(offset)
        .limit(limit)
    )
    records = session.execute(query).all()
    if records:
        total = int(records[0].total)
    else:  # past the end (or nothing matches): count separately
        total = session.scalar(select(func.count()).select_from(filtered.subquery())) or 0
    return OutboxPage([_row(record) for record in records], total, offset)


@dataclass(frozen=True)
class OutboxSource:
    """The outbox as a list of the section framework: tabs are statuses, newest first.

    ``tz`` is the time zone of the days a query's dates name (None: the computer's, as
    the screen shows them).
    """

    tz: tzinfo | None = UTC

    def counts(self, session: Session, query: ListQuery) -> dict[str, int]:
        del query  # the tabs count every letter: they say what there is
        return status_counts(session)

    def page(
        self, session: Session, query: ListQuery, *, offset: int, after: object, limit: int
    ) -> OutboxPage:
        del after  # by offset: letters change status, so a key would not stay put
        return list_messages(
            session,
            status=query.tab,
            created_from=query.date_from,
            created_to=query.date_to,
            search=query.search,
            offset=offset,
            limit=limit,
            tz=self.tz,
        )

    def detail(self, session: Session, row_id: int) -> OutboxMessage:
        return load_message(session, row_id)

    def export_rows(self, session: Session, query: ListQuery) -> Iterator[OutboxRow]:
        return rows_by_pages(self, session, query)


def load_message(session: Session, message_id: int) -> OutboxMessage:
    """The letter with its bodies, and who cancelled or retried it (from the audit log)."""
    record = session.execute(
        select(*_ROW_COLUMNS, MailOutbox.body_text, MailOutbox.body_html).where(
            MailOutbox.id == message_id
        )
    ).one_or_none()
    if record is None:
        raise NotFoundError(f"Письмо № {message_id} не найдено.")
    events = session.execute(
        select(AuditEvent.actor, AuditEvent.action, AuditEvent.occurred_at, AuditEvent.details)
        .where(
            AuditEvent.entity == ENTITY,
            AuditEvent.entity_id == message_id,
            AuditEvent.action.in_(("mail_cancel", "mail_retry")),
        )
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    ).all()
    cancellation: Cancellation | None = None
    retries: list[RetryRecord] = []
    for event in events:
        details: dict[str, Any] = event.details or {}
        if event.action == "mail_cancel":
            cancellation = Cancellation(event.actor, event.occurred_at, str(details.get("reason")))
        else:
            retries.append(
                RetryRecord(
                    event.actor,
                    event.occurred_at,
                    int(details.get("previous_attempts") or 0),
                    details.get("previous_error"),
                )
            )
    return OutboxMessage(
        row=_row(record),
        body_text=record.body_text,
        body_html=record.body_html,
        cancellation=cancellation,
        retries=tuple(retries),
    )


def reveal_recipient(session: Session, message_id: int, actor: str) -> str:
    """The recipient's full address; every reveal is audited with who and when. A letter
    anonymised by retention shows its marker address (the person's is gone)."""
    address = session.scalar(select(MailOutbox.to_address).where(MailOutbox.id == message_id))
    if address is None:
        raise NotFoundError(f"Письмо № {message_id} не найдено.")
    _audit(session, actor, "reveal_mail_recipient", message_id, {"field": "to_address"})
    return address


def retry(session: Session, message_id: int, actor: str, *, now: datetime | None = None) -> None:
    """Send a failed letter again from the first attempt; its last error stays for reference."""
    message = _lock(session, message_id)
    if message.anonymised_at is not None:  # the database refuses it too (LK004)
        raise ConflictError(
            f"Письмо № {message_id} обезличено по сроку хранения персональных данных: "
            "адреса получателя и текста больше нет, отправить его снова нельзя.",
            code="ANONYMISED",
        )
    if message.status != "failed":
        raise ConflictError(_not_retryable(message), code="NOT_FAILED")
    previous_attempts, previous_error = message.attempts, message.last_error
    message.status = "pending"
    message.attempts = 0
    message.next_attempt_at = now or utcnow()
    _audit(
        session,
        actor,
        "mail_retry",
        message_id,
        {"previous_attempts": previous_attempts, "previous_error": previous_error},
    )


def cancel(session: Session, message_id: int, actor: str, reason: str) -> None:
    """Stop a letter that has not been sent yet; the letter and the reason are kept."""
    reason = field_text(reason, CANCEL_REASON_FIELD, max_length=MAX_REASON_LENGTH)
    if not reason:
        raise DomainError(
            "Укажите причину отмены: она сохраняется в журнале аудита.", code="REASON_REQUIRED"
        )
    message = _lock(session, message_id)
    if message.status != "pending":
        raise ConflictError(_not_cancellable(message), code="NOT_PENDING")
    message.status = "cancelled"
    _audit(session, actor, "mail_cancel", message_id, {"reason": reason})


def _lock(session: Session, message_id: int) -> MailOutbox:
    """The letter locked for this transaction and read afresh (a sender may have just
    changed it; see ARCHITECTURE.md on ``populate_existing``)."""
    message = session.scalars(
        select(MailOutbox)
        .where(MailOutbox.id == message_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()
    if message is None:
        raise NotFoundError(f"Письмо № {message_id} не найдено.")
    return message


def _not_retryable(message: MailOutbox) -> str:
    number = message.id
    if message.status == "sent":
        return f"Письмо № {number} уже отправлено: повторять нечего."
    if message.status == "pending":
        return (
            f"Письмо № {number} ещё ждёт отправки: отправитель сам повторяет попытки. "
            "Повторить можно только письмо, которое отправить не удалось."
        )
    if message.status == "cancelled":
        return f"Письмо № {number} отменено: отменённое письмо больше не отправляется."
    return f"Письмо № {number} нельзя отправить повторно (состояние «{message.status}»)."


def _not_cancellable(message: MailOutbox) -> str:
    number = message.id
    if message.status == "sent":
        return f"Письмо № {number} уже отправлено: отменить его нельзя."
    if message.status == "failed":
        return (
            f"Письмо № {number} отправить не удалось, и оно не ждёт отправки: отменять "
            "нечего. Его можно только отправить повторно."
        )
    if message.status == "cancelled":
        return f"Письмо № {number} уже отменено."
    return f"Письмо № {number} нельзя отменить (состояние «{message.status}»)."


def _audit(
    session: Session, actor: str, action: str, message_id: int, details: dict[str, Any]
) -> None:
    session.add(
        AuditEvent(actor=actor, action=action, entity=ENTITY, entity_id=message_id, details=details)
    )
    session.flush()
