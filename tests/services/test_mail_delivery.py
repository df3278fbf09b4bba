"""The outbox reaches a real SMTP server (aiosmtpd): once, decodable, retried, failed."""

from __future__ import annotations

import random
import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.models import MailOutbox
from lkk_admin.models.base import utcnow
from lkk_admin.services import mail_delivery, queue
from lkk_admin.services.mail_delivery import Sender
from lkk_admin.services.mail_settings import MailSettings
from tests import factories as f
from tests.smtp import RecordingSmtpServer


def settings_for(server: RecordingSmtpServer, **changes: object) -> MailSettings:
    return MailSettings(
        smtp_host=server.host, smtp_port=server.port, timeout_seconds=5.0
    ).with_overrides(**changes)


class Clock:
    """The senders' idea of now, moved forward by the tests instead of waiting."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def queue_mail(
    factory: sessionmaker[Session], count: int = 1, to_address: str = "ivanov@romashka.ru"
) -> list[int]:
    with factory.begin() as session:
        rows = [
            MailOutbox(
                to_address=to_address,
                to_name="Иванов Иван Иванович",
                subject=f"Проверка доставки № {n}",
                body_text=f"Текст письма № {n}",
                body_html=f"<p>Текст письма № {n}</p>",
                template="test",
                entity="registration_request",
                entity_id=n,
            )
            for n in range(count)
        ]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


def states(factory: sessionmaker[Session]) -> list[tuple[str, int]]:
    with factory() as session:
        return [
            (row.status, row.attempts)
            for row in session.scalars(select(MailOutbox).order_by(MailOutbox.id))
        ]


def test_an_approvals_mail_arrives_as_a_mail_client_reads_it(
    factory: sessionmaker[Session], smtp_server: RecordingSmtpServer
) -> None:
    with factory.begin() as session:
        romashka = f.counterparty(session)
        f.contract(session, romashka, "ЭС-0012/21")
        request_id = f.registration(session, contract_numbers=["ЭС-0012/21"])
    with factory.begin() as session:
        queue.claim(session, request_id, "verifier1")
    with factory.begin() as session:
        decision = queue.approve(session, request_id, "verifier1")

    report = Sender(factory, settings_for(smtp_server)).deliver_due()

    assert (report.sent, report.failed, report.retrying) == (1, 0, 0)
    [received] = smtp_server.received
    with factory() as session:
        row = session.get_one(MailOutbox, decision.mail_id)
        assert (row.status, row.attempts, row.last_error) == ("sent", 1, None)
        assert row.sent_at is not None
    assert received.recipients == [row.to_address]
    message = received.parsed()
    assert message["To"].addresses[0].addr_spec == row.to_address
    assert message["From"].addresses[0].display_name.startswith("ООО «РН-Энерго»")
    assert message["Subject"] == row.subject and "предоставлен" in message["Subject"]
    assert b"=?utf-8?" in received.raw.split(b"\r\n\r\n", 1)[0].lower()  # RFC 2047 header
    assert message["Message-ID"] == mail_delivery.message_id(
        row.id, row.created_at, MailSettings().sender_address
    )
    assert message["Date"] is not None
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    assert text.get_content_charset() == html.get_content_charset() == "utf-8"
    assert "ЭС-0012/21" in text.get_content()
    assert "https://lkk.rn-energo.ru" in text.get_content()
    assert "ЭС-0012/21" in html.get_content()


def test_server_down_then_back_delivers_each_message_once(
    factory: sessionmaker[Session], smtp_server: RecordingSmtpServer
) -> None:
    queue_mail(factory, 3)
    clock = Clock()
    sender = Sender(factory, settings_for(smtp_server), clock=clock)
    smtp_server.stop()

    down = sender.deliver_due()

    assert down.server_problem is not None and "недоступен" in down.server_problem
    assert (down.sent, down.retrying, down.failed) == (0, 3, 0)
    assert states(factory) == [("pending", 1)] * 3
    with factory() as session:
        for row in session.scalars(select(MailOutbox)):
            assert row.next_attempt_at > clock.now
            assert row.last_error is not None
    assert sender.deliver_due().sent == 0  # not due yet

    smtp_server.start()
    clock.advance(minutes=5)
    assert sender.deliver_due().sent == 3
    clock.advance(hours=1)
    assert sender.deliver_due().sent == 0
    assert len(smtp_server.received) == 3
    assert states(factory) == [("sent", 2)] * 3


def test_a_5xx_answer_fails_the_message_at_once_with_the_answer(
    factory: sessionmaker[Session], smtp_server: RecordingSmtpServer
) -> None:
    [mail_id] = queue_mail(factory)
    smtp_server.answer_recipients_with("550 5.1.1 Mailbox unavailable")

    report = Sender(factory, settings_for(smtp_server)).deliver_due()

    assert (report.sent, report.failed) == (0, 1)
    with factory() as session:
        row = session.get_one(MailOutbox, mail_id)
        assert (row.status, row.attempts) == ("failed", 1)
        assert row.last_error is not None and "550 5.1.1 Mailbox unavailable" in row.last_error


def test_4xx_answers_are_retried_until_the_last_attempt(
    factory: sessionmaker[Session], smtp_server: RecordingSmtpServer
) -> None:
    [mail_id] = queue_mail(factory)
    smtp_server.answer_data_with("451 4.3.0 Try again later")
    clock = Clock()
    sender = Sender(factory, settings_for(smtp_server, max_attempts=3), clock=clock)

    outcomes = []
    for _ in range(3):
        report = sender.deliver_due()
        outcomes.append((report.retrying, report.failed))
        clock.advance(days=1)

    assert outcomes == [(1, 0), (1, 0), (0, 1)]
    with factory() as session:
        row = session.get_one(MailOutbox, mail_id)
        assert (row.status, row.attempts) == ("failed", 3)
        assert row.last_error is not None and "451" in row.last_error
    assert smtp_server.received == []


def test_an_impossible_address_fails_without_a_retry(
    factory: sessionmaker[Session], smtp_server: RecordingSmtpServer
) -> None:
    queue_mail(factory, to_address="ivanov at romashka")
    report = Sender(factory, settings_for(smtp_server)).deliver_due()
    assert report.failed == 1
    assert states(factory) == [("failed", 1)]


def test_stopping_finishes_the_message_in_hand_and_gives_the_rest_back(
    factory: sessionmaker[Session], smtp_server: RecordingSmtpServer
) -> None:
    queue_mail(factory, 4)
    sent_before_stop: list[int] = []

    def stop() -> bool:
        sent_before_stop.append(len(smtp_server.received))
        return len(smtp_server.received) >= 1

    report = Sender(factory, settings_for(smtp_server)).deliver_due(stop=stop)

    assert report.sent == 1
    assert states(factory) == [("sent", 1)] + [("pending", 0)] * 3
    with factory() as session:
        due = session.scalar(
            select(func.count())
            .select_from(MailOutbox)
            .where(MailOutbox.status == "pending", MailOutbox.next_attempt_at <= utcnow())
        )
    assert due == 3


def test_two_senders_racing_deliver_each_message_exactly_once(
    pg_url: str, smtp_server: RecordingSmtpServer
) -> None:
    engines: list[Engine] = [db.make_engine(pg_url) for _ in range(2)]
    try:
        queue_mail(db.session_factory(engines[0]), 200)
        start = threading.Barrier(2)
        reports: list[mail_delivery.DeliveryReport] = []

        def deliver(engine: Engine) -> None:
            sender = Sender(db.session_factory(engine), settings_for(smtp_server), batch=5)
            start.wait()
            reports.append(sender.deliver_due())

        threads = [threading.Thread(target=deliver, args=(engine,)) for engine in engines]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

        ids = [mail.parsed()["Message-ID"] for mail in smtp_server.received]
        assert len(ids) == 200 and len(set(ids)) == 200
        assert sorted(report.sent for report in reports) != [0, 200]  # both took a share
        assert sum(report.sent for report in reports) == 200
        assert set(states(db.session_factory(engines[0]))) == {("sent", 1)}
    finally:
        for engine in engines:
            engine.dispose()


def test_watching_on_postgresql_wakes_on_a_new_message(
    pg_url: str, smtp_server: RecordingSmtpServer
) -> None:
    engine = db.make_engine(pg_url)
    factory = db.session_factory(engine)
    stopped = threading.Event()
    sender = Sender(factory, settings_for(smtp_server))
    watcher = threading.Thread(
        target=mail_delivery.watch,
        args=(sender,),
        kwargs={"stop": stopped.is_set, "poll_seconds": 600.0},
    )
    watcher.start()
    try:
        queue_mail(factory)
        deadline = utcnow() + timedelta(seconds=30)
        while not smtp_server.received and utcnow() < deadline:
            stopped.wait(0.05)
        assert len(smtp_server.received) == 1  # long before the 10-minute poll
    finally:
        stopped.set()
        watcher.join(timeout=10)
        engine.dispose()
    assert not watcher.is_alive()


def test_pauses_double_up_to_the_longest_with_jitter() -> None:
    settings = MailSettings(first_retry_seconds=60, longest_retry_seconds=3600)
    rng = random.Random(1)
    delays = [mail_delivery.retry_delay(attempt, settings, rng) for attempt in range(1, 9)]
    for attempt, delay in enumerate(delays, start=1):
        base = min(3600, 60 * 2 ** (attempt - 1))
        assert base / 2 <= delay <= base
    assert delays[-1] <= 3600


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_a_server_without_tls_is_reported_not_crashed(
    factory: sessionmaker[Session], smtp_server: RecordingSmtpServer, security: str
) -> None:
    queue_mail(factory)
    report = Sender(factory, settings_for(smtp_server, security=security)).deliver_due()
    assert report.server_problem is not None
    assert states(factory) == [("pending", 1)]
