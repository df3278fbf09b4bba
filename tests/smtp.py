"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1, recording what it accepts.

It can be told to answer recipients or message data with an error code, and be stopped
and started again on the same port (a mail server that is down, then back).
"""

from __future__ import annotations

import email
import email.policy
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

from lkk_admin.testing.throwaway_postgres import free_port


@dataclass
class ReceivedMail:
    sender: str
    recipients: list[str]
    raw: bytes

    def parsed(self) -> EmailMessage:
        """The message as a mail client reads it."""
        message = email.message_from_bytes(self.raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        return message


@dataclass
class _Handler:
    received: list[ReceivedMail] = field(default_factory=list)
    rcpt_answer: str | None = None  # e.g. "550 5.1.1 No such user"
    data_answer: str | None = None  # e.g. "451 4.3.0 Try again later"
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, _server: Any, _session: Any, envelope: Any, address: str, _options: Any
    ) -> str:
        if self.rcpt_answer:
            return self.rcpt_answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 - aiosmtpd's hook name
        self, _server: Any, _session: Any, envelope: Any
    ) -> str:
        if self.data_answer:
            return self.data_answer
        with self.lock:
            self.received.append(
                ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
            )
        return "250 Message accepted for delivery"


class RecordingSmtpServer:
    def __init__(self) -> None:
        self.host = "127.0.0.1"
        self.port = free_port()
        self._handler = _Handler()
        self._controller: Controller | None = None

    @property
    def received(self) -> list[ReceivedMail]:
        with self._handler.lock:
            return list(self._handler.received)

    def answer_recipients_with(self, answer: str | None) -> None:
        self._handler.rcpt_answer = answer

    def answer_data_with(self, answer: str | None) -> None:
        self._handler.data_answer = answer

    def start(self) -> RecordingSmtpServer:
        # SMTPUTF8 on, as real servers offer it; the size limit off for big batches.
        self._controller = Controller(
            self._handler, hostname=self.host, port=self.port, enable_SMTPUTF8=True
        )
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
