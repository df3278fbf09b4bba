"""The outbox as staff see it: lists, filters, one letter, reveal, retry and cancel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.models import AuditEvent, MailOutbox
from lkk_admin.services import outbox, retention
from lkk_admin.services.errors import ConflictError, DomainError, NotFoundError

BASE = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
SMTP_ERROR = "550 5.1.1 Recipient address rejected: User unknown"


def add_mail(
    session: Session,
    *,
    status: str = "pending",
    to: str = "ivanov@romashka.ru",
    subject: str = "Доступ к личному кабинету открыт",
    created_at: datetime = BASE,
    request_id: int | None = 1,
    attempts: int = 0,
    last_error: str | None = None,
) -> int:
    row = MailOutbox(
        to_address=to,
        to_name="Иванов Иван Иванович",
        subject=subject,
        body_text="Здравствуйте, Иван Иванович!",
        body_html="<p>Здравствуйте, <b>Иван Иванович</b>!</p>",
        template="registration_approved",
        entity="registration_request" if request_id is not None else None,
        entity_id=request_id,
        status=status,
        attempts=attempts,
        next_attempt_at=created_at,
        last_error=last_error,
        created_at=created_at,
        sent_at=created_at + timedelta(minutes=1) if status == "sent" else None,
    )
    session.add(row)
    session.flush()
    return row.id


@pytest.fixture
def mail(factory: sessionmaker[Session]) -> dict[str, int]:
    """Five letters a day apart (oldest first), one of each status and a second pending."""
    with factory.begin() as session:
        return {
            "sent": add_mail(session, status="sent", created_at=BASE, request_id=101),
            "failed": add_mail(
                session,
                status="failed",
                to="Petrov@Vasilek.ru",
                subject="Заявка отклонена",
                created_at=BASE + timedelta(days=1),
                request_id=102,
                attempts=5,
                last_error=SMTP_ERROR,
            ),
            "cancelled": add_mail(
                session, status="cancelled", created_at=BASE + timedelta(days=2), request_id=103
            ),
            "pending": add_mail(
                session,
                subject="Уточните данные заявки",
                created_at=BASE + timedelta(days=3),
                request_id=104,
            ),
            "pending_newest": add_mail(
                session, created_at=BASE + timedelta(days=4), request_id=None
            ),
        }


def ids(page: outbox.OutboxPage) -> list[int]:
    return [row.id for row in page.rows]


def status_of(factory: sessionmaker[Session], message_id: int) -> MailOutbox:
    with factory() as session:
        return session.get_one(MailOutbox, message_id)


def audit_of(factory: sessionmaker[Session], message_id: int) -> list[AuditEvent]:
    with factory() as session:
        return list(
            session.scalars(
                select(AuditEvent)
                .where(AuditEvent.entity == "mail_outbox", AuditEvent.entity_id == message_id)
                .order_by(AuditEvent.id)
            )
        )


def test_status_counts(factory: sessionmaker[Session], mail: dict[str, int]) -> None:
    with factory() as session:
        counts = outbox.status_counts(session)
    assert counts == {"pending": 2, "sent": 1, "failed": 1, "cancelled": 1, "all": 5}


def test_status_counts_of_an_empty_outbox(factory: sessionmaker[Session]) -> None:
    with factory() as session:
        counts = outbox.status_counts(session)
    assert counts == {"pending": 0, "sent": 0, "failed": 0, "cancelled": 0, "all": 0}


def test_newest_first_with_paging_and_total(
    factory: sessionmaker[Session], mail: dict[str, int]
) -> None:
    newest_first = [
        mail["pending_newest"],
        mail["pending"],
        mail["cancelled"],
        mail["failed"],
        mail["sent"],
    ]
    with factory() as session:
        first = outbox.list_messages(session, limit=2)
        second = outbox.list_messages(session, offset=2, limit=2)
        last = outbox.list_messages(session, offset=4, limit=2)
        beyond = outbox.list_messages(session, offset=10, limit=2)
    assert ids(first) + ids(second) + ids(last) == newest_first
    assert (first.total, second.total, last.total, beyond.total) == (5, 5, 5, 5)
    assert (second.offset, beyond.rows) == (2, [])


def test_same_moment_is_ordered_by_id_descending(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        first, second = add_mail(session), add_mail(session)
    with factory() as session:
        assert ids(outbox.list_messages(session)) == [second, first]


def test_status_filter(factory: sessionmaker[Session], mail: dict[str, int]) -> None:
    with factory() as session:
        failed = outbox.list_messages(session, status="failed")
        pending = outbox.list_messages(session, status="pending")
        everything = outbox.list_messages(session, status="all")
        with pytest.raises(ValueError):
            outbox.list_messages(session, status="deleted")
    assert (ids(failed), failed.total) == ([mail["failed"]], 1)
    assert ids(pending) == [mail["pending_newest"], mail["pending"]]
    assert everything.total == 5


def test_date_filter_takes_whole_days_both_ends_included(
    factory: sessionmaker[Session], mail: dict[str, int]
) -> None:
    day = BASE.date()
    with factory() as session:
        second_to_third = outbox.list_messages(
            session, created_from=day + timedelta(days=1), created_to=day + timedelta(days=2)
        )
        from_fourth = outbox.list_messages(session, created_from=day + timedelta(days=3))
        to_first = outbox.list_messages(session, created_to=day)
        nothing = outbox.list_messages(session, created_from=date(2030, 1, 1))
    assert ids(second_to_third) == [mail["cancelled"], mail["failed"]]
    assert ids(from_fourth) == [mail["pending_newest"], mail["pending"]]
    assert ids(to_first) == [mail["sent"]]
    assert (nothing.rows, nothing.total) == ([], 0)


def test_date_filter_in_the_desks_time_zone(factory: sessionmaker[Session]) -> None:
    """23:30 UTC on the 10th is already the 11th in Moscow (UTC+3)."""
    moscow = timedelta(hours=3)
    with factory.begin() as session:
        late = add_mail(session, created_at=datetime(2026, 3, 10, 23, 30, tzinfo=UTC))
    with factory() as session:
        in_utc = outbox.list_messages(session, created_to=date(2026, 3, 10))
        in_moscow = outbox.list_messages(
            session, created_from=date(2026, 3, 11), tz=timezone(moscow)
        )
    assert ids(in_utc) == [late]
    assert ids(in_moscow) == [late]


def test_search_by_subject_request_number_and_address(
    factory: sessionmaker[Session], mail: dict[str, int]
) -> None:
    with factory() as session:

        def found(text: str, status: str | None = None) -> list[int]:
            return ids(outbox.list_messages(session, search=text, status=status))

        assert found("уточните") == [mail["pending"]]  # Cyrillic, any case
        assert found("ОТКЛОНЕНА") == [mail["failed"]]
        assert found("102") == [mail["failed"]]  # the request number
        assert found("№ 104") == [mail["pending"]]
        assert found("petrov@vasilek") == [mail["failed"]]  # the stored address
        assert found("VASILEK.RU") == [mail["failed"]]
        assert found("ivanov@", status="pending") == [mail["pending_newest"], mail["pending"]]
        assert found("12345678901234567890") == []  # not an id: no overflow
        assert found("100%") == []  # a LIKE wildcard is a character here
        assert found("   ") == ids(outbox.list_messages(session))


def test_search_takes_like_characters_literally(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        letters = {
            "percent": add_mail(session, subject="Скидка 100% на подключение"),
            "underscore": add_mail(session, to="first_last@romashka.ru"),
            "backslash": add_mail(session, subject="Папка C:\\Отчёты"),
            "slash": add_mail(session, subject="Договор ЭС-0012/21"),  # SQLAlchemy's escape
        }
    expected = {
        "%": ["percent"],
        "_": ["underscore"],
        "t_l": ["underscore"],
        "\\": ["backslash"],
        "c:\\от": ["backslash"],
        "/": ["slash"],
        "0012/21": ["slash"],
        "%%": [],
        "\\%": [],
        "/%": [],
    }
    with factory() as session:
        for text, keys in expected.items():
            found = ids(outbox.list_messages(session, search=text))
            assert sorted(found) == sorted(letters[key] for key in keys), text


def test_search_refuses_a_nul_character(factory: sessionmaker[Session]) -> None:
    with factory() as session, pytest.raises(DomainError, match=r"«Поиск».*NUL"):
        outbox.list_messages(session, search="ivanov\x00@")


def test_list_rows_mask_the_recipient_and_omit_the_name(
    factory: sessionmaker[Session], mail: dict[str, int]
) -> None:
    with factory() as session:
        page = outbox.list_messages(session, status="failed")
    row = page.rows[0]
    assert row.recipient_masked == "P*****@Vasilek.ru"
    assert "Petrov" not in repr(row) and "Иванов" not in repr(row)
    assert not hasattr(row, "to_address") and not hasattr(row, "to_name")
    assert (row.attempts, row.last_error, row.request_id) == (5, SMTP_ERROR, 102)
    assert row.created_at == BASE + timedelta(days=1)


def test_load_message_shows_the_letter_exactly(
    factory: sessionmaker[Session], mail: dict[str, int]
) -> None:
    with factory() as session:
        message = outbox.load_message(session, mail["failed"])
        with pytest.raises(NotFoundError, match="Письмо № 999 не найдено"):
            outbox.load_message(session, 999)
    assert message.subject == "Заявка отклонена"
    assert message.body_html == "<p>Здравствуйте, <b>Иван Иванович</b>!</p>"
    assert message.body_text == "Здравствуйте, Иван Иванович!"
    assert message.row.recipient_masked == "P*****@Vasilek.ru"
    assert (message.status, message.row.attempts, message.row.last_error) == (
        "failed",
        5,
        SMTP_ERROR,
    )
    assert (message.cancellation, message.retries) == (None, ())


def test_reveal_is_audited(factory: sessionmaker[Session], mail: dict[str, int]) -> None:
    with factory.begin() as session:
        address = outbox.reveal_recipient(session, mail["failed"], "verifier1")
    assert address == "Petrov@Vasilek.ru"
    [event] = audit_of(factory, mail["failed"])
    assert (event.action, event.entity, event.details) == (
        "reveal_mail_recipient",
        "mail_outbox",
        {"field": "to_address"},
    )
    with factory.begin() as session, pytest.raises(NotFoundError):
        outbox.reveal_recipient(session, 999, "verifier1")


def test_retry_puts_a_failed_letter_back_in_the_queue(
    factory: sessionmaker[Session], mail: dict[str, int]
) -> None:
    now = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
    with factory.begin() as session:
        outbox.retry(session, mail["failed"], "verifier1", now=now)
    row = status_of(factory, mail["failed"])
    assert (row.status, row.attempts, row.next_attempt_at) == ("pending", 0, now)
    assert row.last_error == SMTP_ERROR  # kept for reference
    [event] = audit_of(factory, mail["failed"])
    assert (event.action, event.details) == (
        "mail_retry",
        {"previous_attempts": 5, "previous_error": SMTP_ERROR},
    )
    with factory() as session:
        message = outbox.load_message(session, mail["failed"])
    [retried] = message.retries
    assert (retried.previous_attempts, retried.previous_error) == (5, SMTP_ERROR)
    assert retried.actor == event.actor


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("sent", "уже отправлено"),
        ("pending", "ещё ждёт отправки"),
        ("cancelled", "отменено"),
    ],
)
def test_only_a_failed_letter_can_be_retried(
    factory: sessionmaker[Session], mail: dict[str, int], key: str, message: str
) -> None:
    before = status_of(factory, mail[key])
    with factory.begin() as session, pytest.raises(ConflictError, match=message):
        outbox.retry(session, mail[key], "verifier1")
    after = status_of(factory, mail[key])
    assert (after.status, after.attempts, after.next_attempt_at) == (
        before.status,
        before.attempts,
        before.next_attempt_at,
    )
    assert audit_of(factory, mail[key]) == []


def test_retry_of_a_missing_letter(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session, pytest.raises(NotFoundError):
        outbox.retry(session, 999, "verifier1")


def test_cancel_stops_a_pending_letter_and_keeps_it(
    factory: sessionmaker[Session], mail: dict[str, int]
) -> None:
    with factory.begin() as session:
        outbox.cancel(session, mail["pending"], "verifier1", "  Заявитель сменил адрес  ")
    row = status_of(factory, mail["pending"])
    assert (row.status, row.subject) == ("cancelled", "Уточните данные заявки")
    [event] = audit_of(factory, mail["pending"])
    assert (event.action, event.details) == ("mail_cancel", {"reason": "Заявитель сменил адрес"})
    with factory() as session:
        message = outbox.load_message(session, mail["pending"])
        assert outbox.status_counts(session)["cancelled"] == 2
    assert message.cancellation is not None
    assert message.cancellation.reason == "Заявитель сменил адрес"
    assert message.cancellation.actor == event.actor
    assert message.cancellation.at == event.occurred_at


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_cancel_needs_a_reason(
    factory: sessionmaker[Session], mail: dict[str, int], reason: str
) -> None:
    with factory.begin() as session, pytest.raises(DomainError, match="Укажите причину отмены"):
        outbox.cancel(session, mail["pending"], "verifier1", reason)
    assert status_of(factory, mail["pending"]).status == "pending"
    assert audit_of(factory, mail["pending"]) == []


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        ("Заявитель\x00 сменил адрес", r"«Причина отмены».*NUL"),
        ("Заявитель \ud83d сменил адрес", r"«Причина отмены».*UTF-16"),
        (
            "я" * (outbox.MAX_REASON_LENGTH + 1),
            "«Причина отмены» слишком длинное: можно не больше 1000 знаков, а в нём 1001",
        ),
    ],
)
def test_cancel_refuses_a_reason_it_cannot_keep(
    factory: sessionmaker[Session], mail: dict[str, int], reason: str, said: str
) -> None:
    with factory.begin() as session, pytest.raises(DomainError, match=said):
        outbox.cancel(session, mail["pending"], "verifier1", reason)
    assert status_of(factory, mail["pending"]).status == "pending"
    assert audit_of(factory, mail["pending"]) == []
    with factory.begin() as session:  # the longest that fits is kept whole
        outbox.cancel(session, mail["pending"], "verifier1", "я" * outbox.MAX_REASON_LENGTH)


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("sent", "уже отправлено: отменить его нельзя"),
        ("failed", "отправить не удалось"),
        ("cancelled", "уже отменено"),
    ],
)
def test_only_a_pending_letter_can_be_cancelled(
    factory: sessionmaker[Session], mail: dict[str, int], key: str, message: str
) -> None:
    before = status_of(factory, mail[key]).status
    with factory.begin() as session, pytest.raises(ConflictError, match=message):
        outbox.cancel(session, mail[key], "verifier1", "Не нужно")
    assert status_of(factory, mail[key]).status == before
    assert audit_of(factory, mail[key]) == []


def test_a_conflict_leaves_the_transaction_with_nothing_written(
    factory: sessionmaker[Session], mail: dict[str, int]
) -> None:
    """One unit of work: a refused step after a good one rolls both back."""
    with pytest.raises(ConflictError), factory.begin() as session:
        outbox.cancel(session, mail["pending"], "verifier1", "Дубликат")
        outbox.retry(session, mail["sent"], "verifier1")
    assert status_of(factory, mail["pending"]).status == "pending"
    assert audit_of(factory, mail["pending"]) == []


def anonymise_letter(factory: sessionmaker[Session], message_id: int) -> None:
    """As retention leaves a letter (services.retention): the marker, in one UPDATE."""
    with factory.begin() as session:
        session.execute(
            update(MailOutbox)
            .where(MailOutbox.id == message_id)
            .values(
                to_address=retention.LETTER_ADDRESS,
                to_name=retention.MARKER,
                subject=retention.LETTER_SUBJECT,
                body_text=retention.LETTER_TEXT,
                body_html=retention.LETTER_HTML,
                last_error=retention.MARKER,
                anonymised_at=BASE + timedelta(days=60),
            )
        )


def test_an_anonymised_letter_is_not_retried_and_shows_its_marker(
    factory: sessionmaker[Session], mail: dict[str, int]
) -> None:
    anonymise_letter(factory, mail["failed"])
    with factory.begin() as session, pytest.raises(ConflictError) as refused:
        outbox.retry(session, mail["failed"], "admin1")
    assert refused.value.code == "ANONYMISED"
    assert "обезличено по сроку хранения" in refused.value.message
    assert status_of(factory, mail["failed"]).status == "failed"
    assert audit_of(factory, mail["failed"]) == []
    with factory.begin() as session:
        row = outbox.list_messages(session, status="failed").rows[0]
        assert row.recipient_masked == "обезличено" and row.anonymised_at is not None
        assert outbox.reveal_recipient(session, mail["failed"], "admin1") == (
            "anonymised@anonymised.invalid"
        )
        assert outbox.load_message(session, mail["failed"]).body_text == retention.LETTER_TEXT
    # The letters not anonymised are listed as before.
    with factory() as session:
        sent = outbox.list_messages(session, status="sent").rows[0]
    assert sent.recipient_masked == "i*****@romashka.ru" and sent.anonymised_at is None


@pytest.mark.postgres_only
def test_the_database_refuses_to_queue_an_anonymised_letter_again(
    pg_engine: Engine, as_staff: Callable[[str], Engine]
) -> None:
    factory = db.session_factory(pg_engine)
    with factory.begin() as session:
        failed = add_mail(session, status="failed", last_error=SMTP_ERROR)
    anonymise_letter(factory, failed)
    with as_staff("admin").begin() as connection, pytest.raises(DBAPIError) as refused:
        connection.execute(
            update(MailOutbox).where(MailOutbox.id == failed).values(status="pending")
        )
    assert getattr(refused.value.orig, "sqlstate", None) == "LK004"
    assert status_of(factory, failed).status == "failed"
