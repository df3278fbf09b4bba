"""The application log: a rotating file in the per-user log folder, free of secrets.

Every record passes :class:`SecretsFilter` before it is written: passwords in database
URLs and libpq connection strings, e-mail addresses and phone numbers are masked in the
message and in the traceback (152-ФЗ: logs carry no personal data and no secrets).
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from lkk_admin import paths

LOG_FILE = "lkk-admin.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"

# scheme://user:password@host  ->  scheme://user:***@host
_URL_PASSWORD = re.compile(r"(?P<prefix>\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^:/@\s]*:)[^@\s]+(?=@)")
# password=secret / password='secret' in libpq conninfo strings and similar
_KEYWORD_PASSWORD = re.compile(
    r"(?P<prefix>\b(?:password|passwd|pwd)\s*[=:]\s*)(?:'[^']*'|\"[^\"]*\"|[^\s,;&)]+)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-zА-Яа-я]{2,}")
# Russian phone numbers as people type them: +7 (912) 345-67-89, 8 912 345 67 89, 79123456789
_PHONE = re.compile(
    r"(?<![\w+])(?:\+7|8|7)[\s\-]?\(?\d{3}\)?[\s\-]?\d{3}[\s\-]?\d{2}[\s\-]?\d{2}(?!\d)"
)

MASK = "***"


def mask_secrets(text: str) -> str:
    """``text`` with passwords, e-mail addresses and phone numbers masked."""
    text = _URL_PASSWORD.sub(lambda m: m.group("prefix") + MASK, text)
    text = _KEYWORD_PASSWORD.sub(lambda m: m.group("prefix") + MASK, text)
    text = _EMAIL.sub("[e-mail]", text)
    return _PHONE.sub("[phone]", text)


class SecretsFilter(logging.Filter):
    """Masks secrets and personal data in a record's message, traceback and stack."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = mask_secrets(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_secrets(record.stack_info)
        return True


_HANDLER_NAME = "lkk-admin-file"


def log_file_path(log_dir: Path | None = None) -> Path:
    return (log_dir if log_dir is not None else paths.log_dir()) / LOG_FILE


def configure_logging(log_dir: Path | None = None, level: int = logging.INFO) -> Path:
    """Send the root logger to the rotating log file (once; calling again re-targets it)."""
    path = log_file_path(log_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(SecretsFilter())
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # start-up noise
    return path


def shutdown_logging() -> None:
    """Detach and close the file handler (tests; the app relies on logging's atexit)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
