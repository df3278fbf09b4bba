"""Mail delivery speed: outbox messages per second to a local SMTP server (aiosmtpd).

    python -m benchmarks.mail_speed [--messages 1000] [--url postgresql://...]

Without --url it starts a throwaway PostgreSQL cluster and migrates it. It queues
``--messages`` letters (the size of a real approval), then times one sender and two
senders (separate processes, as two desks would be) delivering all of them, beside the
floor: the same letters handed to the same server by smtplib over one connection, with
no database at all. Nothing is asserted; the figures go into the closing notes.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from contextlib import ExitStack
from typing import Any

from sqlalchemy import update

from lkk_admin import db
from lkk_admin.models import MailOutbox
from lkk_admin.models.base import utcnow
from lkk_admin.services import mail_templates
from lkk_admin.services.mail_delivery import OutgoingMail, Sender, build_message, open_smtp
from lkk_admin.services.mail_settings import MailSettings
from lkk_admin.testing.throwaway_postgres import ThrowawayPostgres
from tests.smtp import RecordingSmtpServer

LETTER = mail_templates.approved(
    first_name="Иван",
    patronymic="Петрович",
    login="ivanov",
    granted=["ЭС-0012/21", "77090001234567"],
    refused=[],
)


def queue_letters(url: str, count: int) -> None:
    engine = db.make_engine(url)
    try:
        with db.session_factory(engine).begin() as session:
            session.execute(update(MailOutbox).values(status="sent"))  # earlier rounds
            session.add_all(
                MailOutbox(
                    to_address=f"client{n}@example.ru",
                    to_name="Иванов Иван Петрович",
                    subject=LETTER.subject,
                    body_text=LETTER.text,
                    body_html=LETTER.html,
                    template=LETTER.template,
                    entity="registration_request",
                    entity_id=n,
                )
                for n in range(count)
            )
    finally:
        engine.dispose()


def sender_process(url: str, settings: MailSettings, out: Any, go: Any) -> None:
    engine = db.make_engine(url)
    sender = Sender(db.session_factory(engine), settings, batch=20)
    out.put("ready")
    go.wait()
    started = time.perf_counter()
    report = sender.deliver_due()
    out.put((report.sent, time.perf_counter() - started))
    engine.dispose()


def delivered_per_second(url: str, settings: MailSettings, senders: int) -> float:
    context = multiprocessing.get_context("spawn")
    out, go = context.Queue(), context.Event()
    processes = [
        context.Process(target=sender_process, args=(url, settings, out, go))
        for _ in range(senders)
    ]
    for process in processes:
        process.start()
    for _ in processes:
        out.get(timeout=120)
    go.set()
    results = [out.get(timeout=600) for _ in processes]
    for process in processes:
        process.join()
    sent = sum(int(count) for count, _ in results)
    return sent / max(float(seconds) for _, seconds in results)


def floor_process(settings: MailSettings, count: int, out: Any) -> None:
    """smtplib alone: build and send the same letters over one connection."""
    connection = open_smtp(settings, None)
    started = time.perf_counter()
    for n in range(count):
        letter = OutgoingMail(
            n, f"client{n}@example.ru", "Иванов Иван Петрович", LETTER.subject, LETTER.text,
            LETTER.html, utcnow(), 1,
        )  # fmt: skip
        connection.send_message(build_message(letter, settings))
    elapsed = time.perf_counter() - started
    connection.quit()
    out.put(count / elapsed)


def floor_per_second(settings: MailSettings, count: int) -> float:
    # In a process of its own, like the senders: the SMTP server's thread lives here.
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    process = context.Process(target=floor_process, args=(settings, count, out))
    process.start()
    rate = float(out.get(timeout=600))
    process.join()
    return rate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="an existing, migrated PostgreSQL database")
    parser.add_argument("--messages", type=int, default=1000)
    args = parser.parse_args(argv)
    with ExitStack() as stack:
        url = args.url
        if url is None:
            url = stack.enter_context(ThrowawayPostgres()).url()
            db.upgrade(url)
        server = RecordingSmtpServer().start()
        stack.callback(server.stop)
        settings = MailSettings(smtp_host=server.host, smtp_port=server.port)

        print(f"\n{'senders':<28} {'letters/s':>10}   floor (smtplib, no database)")
        floor = floor_per_second(settings, args.messages)
        for senders in (1, 2):
            queue_letters(url, args.messages)
            before = len(server.received)
            rate = delivered_per_second(url, settings, senders)
            delivered = len(server.received) - before
            print(
                f"{senders} sender(s), {delivered} letters  {rate:10.0f}   floor {floor:6.0f}/s"
                f"   ratio {floor / rate:4.1f}×"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
