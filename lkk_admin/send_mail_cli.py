"""``lkk-admin send-mail``: deliver the outbox from a script, a scheduled task or a service.

The database is ``--url``, else ``--profile`` (or the last used profile) with its password
from the OS keyring. The mail settings are this user's ``mail.json`` (edited in the
application), each overridable by a flag. Without ``--watch`` it sends what is due and
exits; with it, it keeps delivering until Ctrl+C, which finishes the message in hand.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from typing import Any

from lkk_admin.cli_database import add_database_options, open_database
from lkk_admin.cli_parser import integer, number
from lkk_admin.services.errors import DomainError
from lkk_admin.services.mail_delivery import DeliveryReport, Sender, watch
from lkk_admin.services.mail_settings import (
    DEFAULT_PORTS,
    SECURITY_CHOICES,
    MailSettings,
    MailSettingsStore,
)

log = logging.getLogger(__name__)

EXIT_SERVER_PROBLEM = 3  # a run that could not reach the mail server (for schedulers)


def add_parser(commands: Any) -> None:
    send = commands.add_parser(
        "send-mail",
        help="отправить письма заявителям из очереди (mail_outbox) по SMTP",
        description=(
            "Отправляет письма, ждущие в очереди, и завершается; с --watch продолжает "
            "отправлять новые до Ctrl+C (текущее письмо дописывается). База — --url, иначе "
            "--profile или последний профиль (пароль из хранилища паролей). Настройки "
            "почты — из приложения (Сервис → Настройки почты); флаги их заменяют."
        ),
    )
    add_database_options(send, demo=False)
    send.add_argument("--watch", action="store_true", help="отправлять новые письма до Ctrl+C")
    send.add_argument("--smtp-host", metavar="СЕРВЕР", help="почтовый сервер")
    send.add_argument(
        "--smtp-port", type=integer, metavar="ПОРТ", help="порт (по умолчанию 25, 587 или 465)"
    )
    send.add_argument(
        "--smtp-security", choices=SECURITY_CHOICES, help="защита: none, starttls или ssl"
    )
    send.add_argument(
        "--smtp-user", metavar="ЛОГИН", help="логин на почтовом сервере (пароль — из хранилища)"
    )
    send.add_argument("--sender", metavar="АДРЕС", help="адрес отправителя")
    send.add_argument("--sender-name", metavar="ИМЯ", help="имя отправителя")
    send.add_argument(
        "--max-attempts", type=integer, metavar="ЧИСЛО", help="сколько раз пробовать одно письмо"
    )
    send.add_argument(
        "--poll-seconds",
        type=number,
        default=30.0,
        metavar="СЕКУНДЫ",
        help="как часто проверять очередь при --watch (на PostgreSQL — ещё и по уведомлению)",
    )


def mail_settings_from(args: argparse.Namespace) -> MailSettings:
    stored = MailSettingsStore().load()
    port = args.smtp_port
    if port is None and args.smtp_security is not None and args.smtp_security != stored.security:
        port = DEFAULT_PORTS[args.smtp_security]
    return stored.with_overrides(
        smtp_host=args.smtp_host,
        smtp_port=port,
        security=args.smtp_security,
        username=args.smtp_user,
        sender_address=args.sender,
        sender_name=args.sender_name,
        max_attempts=args.max_attempts,
    ).require_usable()


def smtp_password(settings: MailSettings) -> str | None:
    if not settings.username:
        return None
    from lkk_admin.services.profiles import LookupOutcome, PasswordVault

    found = PasswordVault().lookup_key(settings.keyring_key())
    if found.outcome is not LookupOutcome.FOUND:
        raise DomainError(
            f"Пароль для {settings.username} на {settings.smtp_host} не найден в хранилище "
            "паролей. Сохраните его в приложении: Сервис → Настройки почты.",
            code="SMTP_PASSWORD_MISSING",
        )
    return found.password


def describe(report: DeliveryReport) -> str:
    parts = [f"отправлено {report.sent}"]
    if report.retrying:
        parts.append(f"отложено до следующей попытки {report.retrying}")
    if report.failed:
        parts.append(f"не доставлено {report.failed}")
    line = "Письма: " + ", ".join(parts) + "."
    if report.server_problem:
        line += f" {report.server_problem}"
    return line


def run(args: argparse.Namespace) -> int:
    from lkk_admin import db

    settings = mail_settings_from(args)
    password = smtp_password(settings)
    engine = open_database(args)
    try:
        sender = Sender(db.session_factory(engine), settings, password)
        if not args.watch:
            report = sender.deliver_due()
            print(describe(report))
            return EXIT_SERVER_PROBLEM if report.server_problem else 0
        return _watch(sender, args.poll_seconds)
    finally:
        engine.dispose()


def _watch(sender: Sender, poll_seconds: float) -> int:
    stopping = threading.Event()

    def request_stop(_signum: int, _frame: object) -> None:
        if not stopping.is_set():
            print("Останавливаюсь: дописываю текущее письмо…", file=sys.stderr, flush=True)
        stopping.set()

    # Ctrl+C sets a flag instead of raising, so a message is never cut off mid-send.
    previous = signal.signal(signal.SIGINT, request_stop)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, request_stop)
    settings = sender.settings
    print(
        f"Отправка писем через {settings.smtp_host}:{settings.smtp_port} (Ctrl+C — остановить).",
        flush=True,
    )
    try:
        total = watch(
            sender,
            stop=stopping.is_set,
            on_report=lambda report: print(describe(report), flush=True),
            poll_seconds=poll_seconds,
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    print("Остановлено. " + describe(total))
    return 0
