"""The queue screen's preferences, kept in the application settings (``Queue/…``).

The intervals are tuning knobs an administrator may put in the INI file, and tests make
them short. When a waiting request is overdue is not a desk's preference: it is the
organisation's review deadline (``services.review_sla``), read with the list.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from lkk_admin.services.request_list import DEFAULT_PAGE_SIZE

GROUP = "Queue"
POLL_KEY = f"{GROUP}/poll_interval_ms"
LISTEN_KEY = f"{GROUP}/listen_timeout_ms"
RENEW_KEY = f"{GROUP}/renew_interval_ms"
SEARCH_DELAY_KEY = f"{GROUP}/search_delay_ms"
PAGE_SIZE_KEY = f"{GROUP}/page_size"

DEFAULT_POLL_MS = 3_000  # SQLite: how often the queue's fingerprint is read
DEFAULT_LISTEN_MS = 1_000  # PostgreSQL: how long one LISTEN wait blocks (stop latency)
DEFAULT_RENEW_MS = 5 * 60_000  # a third of the 15-minute lease
DEFAULT_SEARCH_DELAY_MS = 300


def _int(settings: QSettings, key: str, default: int, low: int, high: int) -> int:
    value = settings.value(key, default)
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return default
    return min(max(number, low), high)


@dataclass(frozen=True)
class QueueSettings:
    poll_interval_ms: int = DEFAULT_POLL_MS
    listen_timeout_ms: int = DEFAULT_LISTEN_MS
    renew_interval_ms: int = DEFAULT_RENEW_MS
    search_delay_ms: int = DEFAULT_SEARCH_DELAY_MS
    page_size: int = DEFAULT_PAGE_SIZE

    @classmethod
    def load(cls, settings: QSettings) -> QueueSettings:
        return cls(
            poll_interval_ms=_int(settings, POLL_KEY, DEFAULT_POLL_MS, 20, 600_000),
            listen_timeout_ms=_int(settings, LISTEN_KEY, DEFAULT_LISTEN_MS, 20, 10_000),
            renew_interval_ms=_int(settings, RENEW_KEY, DEFAULT_RENEW_MS, 20, 14 * 60_000),
            search_delay_ms=_int(settings, SEARCH_DELAY_KEY, DEFAULT_SEARCH_DELAY_MS, 0, 5_000),
            page_size=_int(settings, PAGE_SIZE_KEY, DEFAULT_PAGE_SIZE, 10, 1_000),
        )
