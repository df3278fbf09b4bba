"""How the news screens name kinds and statuses and write moments (Moscow time, as the
portal shows them; stored in UTC)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QTimeZone
from PySide6.QtGui import QColor

from lkk_admin.services.moscow_time import MOSCOW

MOSCOW_QT = QTimeZone(b"Europe/Moscow")
STATUS_COLOURS = {
    "draft": QColor(110, 110, 110),
    "scheduled": QColor(20, 90, 160),
    "published": QColor(30, 120, 50),
    "archived": QColor(140, 140, 140),
}


def kind_name(kind: str) -> str:
    names = {
        "news": QCoreApplication.translate("NewsFormatting", "News"),
        "article": QCoreApplication.translate("NewsFormatting", "Reference article"),
    }
    return names.get(kind, kind)


def status_name(status: str) -> str:
    names = {
        "draft": QCoreApplication.translate("NewsFormatting", "draft"),
        "scheduled": QCoreApplication.translate("NewsFormatting", "scheduled"),
        "published": QCoreApplication.translate("NewsFormatting", "published"),
        "archived": QCoreApplication.translate("NewsFormatting", "archived"),
    }
    return names.get(status, status)


def moscow(moment: datetime | None) -> str:
    """A stored (UTC) moment in Moscow time, «05.12.2026 14:30»."""
    if moment is None:
        return "—"
    return moment.astimezone(MOSCOW).strftime("%d.%m.%Y %H:%M")


def to_qt_moscow(moment: datetime) -> QDateTime:
    """A UTC moment for a date-time editor that shows Moscow time."""
    shown = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), MOSCOW_QT)
    return shown


def from_qt_moscow(value: QDateTime) -> datetime:
    """What a Moscow-time editor holds, as a UTC moment to store."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC).replace(second=0, microsecond=0)
