"""How this desk reaches the mail server: ``mail.json`` beside the connection profiles.

The file never holds the SMTP password; it lives in the OS keyring under
``smtp:LOGIN@HOST``. The command line reads the same file and may override any field.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal

from lkk_admin import paths
from lkk_admin.services.errors import DomainError
from lkk_admin.services.json_files import read_json_settings, write_json_atomically

MAIL_SETTINGS_FILE = "mail.json"
Security = Literal["none", "starttls", "ssl"]
SECURITY_CHOICES: tuple[Security, ...] = ("none", "starttls", "ssl")
DEFAULT_PORTS: dict[Security, int] = {"none": 25, "starttls": 587, "ssl": 465}


@dataclass(frozen=True)
class MailSettings:
    smtp_host: str = "localhost"
    smtp_port: int = 25
    security: Security = "none"
    username: str = ""  # empty: the server takes mail without logging in
    sender_address: str = "lkk@rn-energo.ru"
    sender_name: str = "ООО «РН-Энерго», личный кабинет клиента"
    timeout_seconds: float = 30.0
    # Temporary failures are retried with growing pauses; after this many tries: failed.
    max_attempts: int = 8
    first_retry_seconds: float = 60.0
    longest_retry_seconds: float = 6 * 3600.0
    # A single-desk setup: the application delivers the outbox in the background.
    deliver_from_this_desk: bool = False

    def keyring_key(self) -> str:
        return f"smtp:{self.username}@{self.smtp_host}"

    def problems(self) -> list[str]:
        """What is wrong with these settings, in Russian; empty when they are usable."""
        found: list[str] = []
        if not self.smtp_host.strip():
            found.append("Не указан адрес почтового сервера.")
        if not 0 < self.smtp_port < 65536:
            found.append(f"Порт почтового сервера {self.smtp_port} вне диапазона 1–65535.")
        if self.security not in SECURITY_CHOICES:
            found.append(f"Неизвестный способ защиты соединения «{self.security}».")
        if "@" not in self.sender_address:
            found.append(f"Адрес отправителя «{self.sender_address}» не похож на e-mail.")
        if self.max_attempts < 1:
            found.append("Число попыток отправки должно быть не меньше одной.")
        if self.timeout_seconds <= 0:
            found.append("Время ожидания сервера должно быть больше нуля.")
        return found

    def require_usable(self) -> MailSettings:
        problems = self.problems()
        if problems:
            raise DomainError(" ".join(problems), code="BAD_MAIL_SETTINGS")
        return self

    def with_overrides(self, **overrides: Any) -> MailSettings:
        """These settings with the given fields replaced (None: keep the stored value)."""
        given = {key: value for key, value in overrides.items() if value is not None}
        return replace(self, **given)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MailSettings:
        known = {field.name for field in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        settings = cls(**values)
        if settings.security not in SECURITY_CHOICES:
            settings = replace(settings, security="none")
        return settings


class MailSettingsStore:
    """Reads and writes ``mail.json``; a damaged file is set aside and defaults are used."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else paths.config_dir() / MAIL_SETTINGS_FILE

    def load(self) -> MailSettings:
        return read_json_settings(self.path, MailSettings.from_json, MailSettings())

    def save(self, settings: MailSettings) -> None:
        write_json_atomically(self.path, {"version": 1, **asdict(settings)})
