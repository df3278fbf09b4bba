"""Delivering the mail outbox over SMTP.

A sender claims a batch of due messages in a short transaction (``SKIP LOCKED`` on
PostgreSQL) by moving their next attempt a lease into the future and counting the attempt,
so another sender (a second desk, ``send-mail --watch`` on a server) passes them by. It
then sends them over one SMTP connection and records each outcome in its own short
transaction. No row lock is held while talking to the mail server.

If the sender dies between the server accepting a message and the row being marked sent,
the lease runs out and the message is sent once more, with the same Message-ID (mail
clients and servers treat such copies as one message). Nothing is ever deleted.

Failures: a connection refused, a timeout or a 4xx answer is temporary, retried later with
exponentially growing pauses and jitter; a 5xx answer or an address the message cannot be
addressed to is permanent and fails the message at once with the server's answer; after
``max_attempts`` a temporary failure fails it too. Staff retry or cancel from the outbox
screen.
"""

from __future__ import annotations

import base64
import email.errors
import email.utils
import logging
import random
import re
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.policy import Policy
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.db import run
from lkk_admin.models import MailOutbox
from lkk_admin.models.base import table_of, utcnow
from lkk_admin.services.mail_settings import MailSettings
from lkk_admin.services.mail_templates import continues_previous

log = logging.getLogger(__name__)

CHANNEL = "lkk_mail_outbox"
# How long a claimed message is left to its sender before another may try it.
CLAIM_LEASE = timedelta(minutes=10)
BATCH_SIZE = 20

_outbox = table_of(MailOutbox)
_CLAIM_QUERY = (
    select(
        _outbox.c.id,
        _outbox.c.to_address,
        _outbox.c.to_name,
        _outbox.c.subject,
        _outbox.c.body_text,
        _outbox.c.body_html,
        _outbox.c.created_at,
        _outbox.c.attempts,
    )
    .where(_outbox.c.status == "pending", _outbox.c.next_attempt_at <= bindparam("now"))
    .order_by(_outbox.c.next_attempt_at, _outbox.c.id)
    .limit(bindparam("batch"))
    .with_for_update(skip_locked=True)
)
_TAKE = (
    update(_outbox)
    .where(_outbox.c.id == bindparam("mail_id"))
    .values(attempts=_outbox.c.attempts + 1, next_attempt_at=bindparam("lease_until"))
)
_MARK_SENT = (
    update(_outbox)
    .where(_outbox.c.id == bindparam("mail_id"))
    # Sent is what happened, even if someone cancelled the message meanwhile.
    .values(status="sent", sent_at=bindparam("now"), last_error=None)
)
_ONLY_PENDING = (_outbox.c.id == bindparam("mail_id")) & (_outbox.c.status == "pending")
_RETRY_LATER = (
    update(_outbox)
    .where(_ONLY_PENDING)
    .values(next_attempt_at=bindparam("when"), last_error=bindparam("error"))
)
_FAIL = update(_outbox).where(_ONLY_PENDING).values(status="failed", last_error=bindparam("error"))
_GIVE_BACK = (
    update(_outbox)
    .where(_ONLY_PENDING)
    .values(attempts=_outbox.c.attempts - 1, next_attempt_at=bindparam("now"))
)
_NEXT_DUE_QUERY = select(func.min(_outbox.c.next_attempt_at)).where(_outbox.c.status == "pending")


@dataclass(frozen=True)
class OutgoingMail:
    """A claimed outbox row; ``attempts`` counts this one."""

    id: int
    to_address: str
    to_name: str | None
    subject: str
    body_text: str
    body_html: str
    created_at: datetime
    attempts: int


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    # The mail server could not be reached or refused the session (not one message).
    server_problem: str | None = None
    failures: list[tuple[int, str]] = field(default_factory=list)

    def add(self, other: DeliveryReport) -> None:
        self.sent += other.sent
        self.retrying += other.retrying
        self.failed += other.failed
        self.server_problem = other.server_problem or self.server_problem
        self.failures += other.failures


class PermanentDeliveryError(Exception):
    """The message can never be delivered as it is (5xx, or an impossible address)."""


class TemporaryDeliveryError(Exception):
    """Worth trying again later (no connection, timeout, 4xx)."""


class ServerUnavailableError(TemporaryDeliveryError):
    """Connecting, encryption or login failed: no message of the batch can go now."""


# --- the message ---------------------------------------------------------------------------


def message_id(mail_id: int, created_at: datetime, sender_address: str) -> str:
    """Stable for an outbox row, so a resent copy is recognised as the same message."""
    domain = sender_address.rpartition("@")[2] or "localhost"
    return f"<lkk-outbox-{mail_id}.{int(created_at.timestamp())}@{domain}>"


# RFC 2047 allows an encoded word 75 characters: 45 bytes of UTF-8 are 60 of base64, and
# "=?utf-8?b?" + 60 + "?=" is 72, so that " " and a word make a folded line under 78.
_WORD_BYTES = 45
_LINE_LENGTH = 78
# A display name left as it is: short words of RFC 5322 atext ("=" and "?" left out, so
# that nothing in it reads as an encoded word).
_PLAIN_WORD = r"[A-Za-z0-9!#$%&'*+/^_`{|}~-]{1,40}"
_PLAIN_NAME = re.compile(f"{_PLAIN_WORD}(?: {_PLAIN_WORD})*")


class _FoldedHeader(str):
    """An address header encoded and folded here, not by the email package.

    The package's folder (Python 3.11) breaks on a display name longer than a line: a long
    ASCII name gets an empty line that ends the header block, a long quoted one loses its
    quotes. The policy hands any value with a ``name`` to that value's own ``fold``
    (``EmailPolicy.header_store_parse``/``fold``), so these are written exactly as built.
    As a string it is the unfolded value, which ``smtplib`` reads the recipients from.
    """

    name: str
    lines: tuple[str, ...]

    def __new__(cls, name: str, tokens: list[str]) -> _FoldedHeader:
        header = super().__new__(cls, " ".join(tokens))
        header.name = name
        lines: list[str] = []
        line = f"{name}:"
        for token in tokens:
            if len(line) + 1 + len(token) > _LINE_LENGTH and line != f"{name}:":
                lines.append(line)
                line = ""
            line += " " + token  # an address longer than a line stands alone on one
        lines.append(line)
        header.lines = tuple(lines)
        return header

    def fold(self, *, policy: Policy) -> str:
        return policy.linesep.join(self.lines) + policy.linesep


def _name_pieces(name: str) -> list[str]:
    """``name`` cut into letters with their combining marks and joined sequences; a piece
    too long for one encoded word is cut into its code points."""
    pieces: list[str] = []
    for char in name:
        if pieces and (continues_previous(char) or pieces[-1].endswith("\u200d")):
            pieces[-1] += char
        else:
            pieces.append(char)
    fitting: list[str] = []
    for piece in pieces:
        fitting.extend(piece if len(piece.encode()) > _WORD_BYTES else [piece])
    return fitting


def _encoded_words(name: str) -> list[str]:
    """``name`` as RFC 2047 encoded words (UTF-8, base64), each under 76 characters and
    cut between letters. A word ends after a space where one is near: a reader that wrongly
    shows a space between two words then shows it beside a real one, not inside a word."""
    chunks: list[list[str]] = [[]]
    for piece in _name_pieces(name):
        current = chunks[-1]
        if _size(current) + len(piece.encode()) > _WORD_BYTES:
            after_space = max((i + 1 for i, kept in enumerate(current) if kept == " "), default=0)
            carried = current[after_space:] if after_space else []
            if _size(carried) + len(piece.encode()) > _WORD_BYTES // 2:
                carried = []
            del current[len(current) - len(carried) :]
            chunks.append(carried)
        chunks[-1].append(piece)
    return [
        "=?utf-8?b?" + base64.b64encode("".join(chunk).encode()).decode("ascii") + "?="
        for chunk in chunks
        if chunk
    ]


def _size(pieces: list[str]) -> int:
    return sum(len(piece.encode()) for piece in pieces)


def address_header(header: str, display_name: str | None, address: str) -> _FoldedHeader:
    """A To or From header for any display name (as long and as strange as a name the
    portal accepts) and a valid address; raises PermanentDeliveryError for an address the
    message cannot be sent to."""
    try:
        addr_spec = Address(addr_spec=address.strip()).addr_spec
    except (ValueError, IndexError) as error:  # the header registry's complaint
        raise PermanentDeliveryError(f"Адрес не годится для отправки: {error}") from error
    name = " ".join((display_name or "").split())
    if not name:
        return _FoldedHeader(header, [addr_spec])
    words = name.split(" ") if _PLAIN_NAME.fullmatch(name) else _encoded_words(name)
    return _FoldedHeader(header, [*words, f"<{addr_spec}>"])


def build_message(
    mail: OutgoingMail, settings: MailSettings, *, now: datetime | None = None
) -> EmailMessage:
    """A MIME message: text and HTML alternatives in UTF-8, headers encoded as RFC 2047."""
    message = EmailMessage(policy=SMTP_POLICY)
    message["To"] = address_header("To", mail.to_name, mail.to_address)
    message["From"] = address_header("From", settings.sender_name, settings.sender_address)
    message["Subject"] = mail.subject
    message["Date"] = email.utils.format_datetime(now or utcnow())
    message["Message-ID"] = message_id(mail.id, mail.created_at, settings.sender_address)
    # RFC 3834: an automatic message, so vacation responders do not answer it.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.body_text, charset="utf-8")
    message.add_alternative(mail.body_html, subtype="html", charset="utf-8")
    return message


# --- the SMTP session ----------------------------------------------------------------------


def _answer(code: int, text: bytes | str) -> str:
    decoded = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {decoded}".strip()


def open_smtp(settings: MailSettings, password: str | None) -> smtplib.SMTP:
    """Connect, encrypt and log in as the settings say; raises ServerUnavailableError."""
    context = ssl.create_default_context()
    try:
        connection: smtplib.SMTP
        if settings.security == "ssl":
            connection = smtplib.SMTP_SSL(
                settings.smtp_host,
                settings.smtp_port,
                timeout=settings.timeout_seconds,
                context=context,
            )
        else:
            connection = smtplib.SMTP(
                settings.smtp_host, settings.smtp_port, timeout=settings.timeout_seconds
            )
        try:
            connection.ehlo()
            if settings.security == "starttls":
                connection.starttls(context=context)
                connection.ehlo()
            if settings.username:
                connection.login(settings.username, password or "")
        except BaseException:
            connection.close()
            raise
    except smtplib.SMTPAuthenticationError as error:
        raise ServerUnavailableError(
            "Почтовый сервер не принял логин и пароль: "
            + _answer(error.smtp_code, error.smtp_error)
        ) from error
    except smtplib.SMTPResponseException as error:
        raise ServerUnavailableError(
            "Почтовый сервер отказал в соединении: " + _answer(error.smtp_code, error.smtp_error)
        ) from error
    except ssl.SSLError as error:
        raise ServerUnavailableError(
            f"Не удалось установить защищённое соединение: {error}"
        ) from error
    except (OSError, smtplib.SMTPException) as error:
        where = f"{settings.smtp_host}:{settings.smtp_port}"
        raise ServerUnavailableError(f"Почтовый сервер {where} недоступен: {error}") from error
    return connection


def send_one(connection: smtplib.SMTP, message: EmailMessage) -> None:
    """Hand one message to the server; raises PermanentDeliveryError or TemporaryDeliveryError."""
    try:
        refused = connection.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        code, text = next(iter(error.recipients.values()))
        raise _by_code(code, "Сервер не принял адрес получателя: " + _answer(code, text)) from error
    except smtplib.SMTPSenderRefused as error:
        raise _by_code(
            error.smtp_code,
            "Сервер не принял адрес отправителя: " + _answer(error.smtp_code, error.smtp_error),
        ) from error
    except smtplib.SMTPResponseException as error:
        raise _by_code(
            error.smtp_code,
            "Сервер не принял письмо: " + _answer(error.smtp_code, error.smtp_error),
        ) from error
    except (smtplib.SMTPServerDisconnected, OSError) as error:
        raise ServerUnavailableError(f"Связь с почтовым сервером прервалась: {error}") from error
    except smtplib.SMTPNotSupportedError as error:  # SMTPUTF8 address on an old server
        raise PermanentDeliveryError(f"Сервер не может принять такой адрес: {error}") from error
    except (ValueError, email.errors.MessageError) as error:  # the message cannot be written
        raise PermanentDeliveryError(f"Письмо не удалось составить: {error}") from error
    if refused:  # several recipients, some refused: we only ever send to one
        code, text = next(iter(refused.values()))
        raise _by_code(code, "Сервер не принял адрес получателя: " + _answer(code, text))


def _by_code(code: int, text: str) -> TemporaryDeliveryError | PermanentDeliveryError:
    return PermanentDeliveryError(text) if code >= 500 else TemporaryDeliveryError(text)


def _quit(connection: smtplib.SMTP) -> None:
    try:
        connection.quit()
    except (smtplib.SMTPException, OSError):
        connection.close()


# --- the outbox ----------------------------------------------------------------------------


def retry_delay(attempts: int, settings: MailSettings, rng: random.Random | None = None) -> float:
    """Seconds before the next try after ``attempts`` tries: doubling, capped, with jitter
    (between half and all of it), so that senders recovering together spread out."""
    base = min(
        settings.longest_retry_seconds,
        settings.first_retry_seconds * 2.0 ** max(0, attempts - 1),
    )
    jitter: float = (rng or random).uniform(0, base / 2)
    return base / 2 + jitter


def claim_due(
    session: Session, *, now: datetime, batch: int = BATCH_SIZE, lease: timedelta = CLAIM_LEASE
) -> list[OutgoingMail]:
    """Take up to ``batch`` due messages for this sender (in the caller's transaction)."""
    rows = run(session, _CLAIM_QUERY, {"now": now, "batch": batch}).all()
    if rows:
        run(session, _TAKE, [{"mail_id": row.id, "lease_until": now + lease} for row in rows])
    return [
        OutgoingMail(
            id=row.id,
            to_address=row.to_address,
            to_name=row.to_name,
            subject=row.subject,
            body_text=row.body_text,
            body_html=row.body_html,
            created_at=row.created_at,
            attempts=row.attempts + 1,
        )
        for row in rows
    ]


def next_due(session: Session) -> datetime | None:
    """When the earliest pending message is due (None: nothing pending)."""
    value: datetime | None = run(session, _NEXT_DUE_QUERY).scalar()
    return value


@dataclass
class Sender:
    """Delivers the outbox of one database with one set of mail settings."""

    factory: sessionmaker[Session]
    settings: MailSettings
    password: str | None = None
    batch: int = BATCH_SIZE
    clock: Callable[[], datetime] = utcnow
    rng: random.Random = field(default_factory=random.Random)

    def deliver_due(self, *, stop: Callable[[], bool] = lambda: False) -> DeliveryReport:
        """Send everything due now, batch by batch; stop early when the server fails or
        ``stop()`` says so (the message in hand is finished, the rest given back)."""
        report = DeliveryReport()
        while not stop():
            with self.factory.begin() as session:
                batch = claim_due(session, now=self.clock(), batch=self.batch)
            if not batch:
                break
            outcome = self._send_batch(batch, stop)
            report.add(outcome)
            if outcome.server_problem:
                break
        return report

    def _send_batch(self, batch: list[OutgoingMail], stop: Callable[[], bool]) -> DeliveryReport:
        report = DeliveryReport()
        try:
            connection = open_smtp(self.settings, self.password)
        except ServerUnavailableError as problem:
            report.server_problem = str(problem)
            for mail in batch:
                self._record_failure(mail, problem, report)
            return report
        try:
            for position, mail in enumerate(batch):
                if stop():
                    self._give_back(batch[position:])
                    break
                try:
                    send_one(connection, build_message(mail, self.settings, now=self.clock()))
                except ServerUnavailableError as problem:
                    report.server_problem = str(problem)
                    self._record_failure(mail, problem, report)
                    self._give_back(batch[position + 1 :])
                    break
                except (TemporaryDeliveryError, PermanentDeliveryError) as failure:
                    self._record_failure(mail, failure, report)
                else:
                    self._record(_MARK_SENT, {"mail_id": mail.id, "now": self.clock()})
                    report.sent += 1
        finally:
            _quit(connection)
        return report

    def _record_failure(
        self, mail: OutgoingMail, failure: Exception, report: DeliveryReport
    ) -> None:
        error = str(failure)[:2000]
        report.failures.append((mail.id, error))
        permanent = isinstance(failure, PermanentDeliveryError)
        if permanent or mail.attempts >= self.settings.max_attempts:
            self._record(_FAIL, {"mail_id": mail.id, "error": error})
            report.failed += 1
            log.warning("outbox message %s failed after %s attempt(s)", mail.id, mail.attempts)
            return
        delay = retry_delay(mail.attempts, self.settings, self.rng)
        when = self.clock() + timedelta(seconds=delay)
        self._record(_RETRY_LATER, {"mail_id": mail.id, "when": when, "error": error})
        report.retrying += 1

    def _give_back(self, mails: list[OutgoingMail]) -> None:
        """Unclaim messages not tried (stopping, or the server went away)."""
        if mails:
            now = self.clock()
            with self.factory.begin() as session:
                run(session, _GIVE_BACK, [{"mail_id": mail.id, "now": now} for mail in mails])

    def _record(self, statement: Any, params: dict[str, Any]) -> None:
        with self.factory.begin() as session:
            run(session, statement, params)

    def seconds_until_due(self, *, longest: float) -> float:
        """How long a watching sender may sleep: until the next message is due, at most
        ``longest`` (new messages arrive by notification or by the next poll)."""
        with self.factory() as session:
            due = next_due(session)
        if due is None:
            return longest
        return max(0.0, min(longest, (due - self.clock()).total_seconds()))


def watch(
    sender: Sender,
    *,
    stop: Callable[[], bool],
    on_report: Callable[[DeliveryReport], None] = lambda _report: None,
    poll_seconds: float = 30.0,
) -> DeliveryReport:
    """Deliver until ``stop()``: what is due now, then wait for the next message. On
    PostgreSQL a notification wakes the sender at once; elsewhere it polls."""
    engine = sender.factory.kw["bind"]
    listener = None
    if engine.dialect.name == "postgresql":
        from lkk_admin.services.queue_events import ChangeListener

        listener = ChangeListener(engine, CHANNEL)
    total = DeliveryReport()
    try:
        while not stop():
            report = sender.deliver_due(stop=stop)
            total.add(report)
            if report.sent or report.retrying or report.failed or report.server_problem:
                on_report(report)
            remaining = sender.seconds_until_due(longest=poll_seconds)
            # Short slices, so that Ctrl+C (which only sets a flag) is noticed promptly.
            while remaining > 0 and not stop():
                step = min(1.0, remaining)
                if listener is not None:
                    if listener.wait(step):
                        break
                else:
                    time.sleep(step)
                remaining -= step
    finally:
        if listener is not None:
            listener.close()
    return total


__all__ = [
    "CHANNEL",
    "DeliveryReport",
    "OutgoingMail",
    "PermanentDeliveryError",
    "Sender",
    "ServerUnavailableError",
    "TemporaryDeliveryError",
    "build_message",
    "claim_due",
    "message_id",
    "open_smtp",
    "retry_delay",
    "send_one",
    "watch",
]
