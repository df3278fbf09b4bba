"""Moments on screen in Moscow time, as the portal shows them (stored in UTC): their text
and the date-time editors that set them (news publication, survey opening and closing)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit

from lkk_admin.services.moscow_time import MOSCOW

MOSCOW_QT = QTimeZone(b"Europe/Moscow")


def moscow(moment: datetime | None) -> str:
    """A stored (UTC) moment in Moscow time, «05.12.2026 14:30»."""
    if moment is None:
        return "—"
    return moment.astimezone(MOSCOW).strftime("%d.%m.%Y %H:%M")


def to_qt_moscow(moment: datetime) -> QDateTime:
    """A UTC moment for a date-time editor that shows Moscow time."""
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), MOSCOW_QT)


def from_qt_moscow(value: QDateTime) -> datetime:
    """What a Moscow-time editor holds, as a UTC moment to store."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC).replace(second=0, microsecond=0)


def moment_edit(object_name: str, moment: datetime) -> QDateTimeEdit:
    """A date-time editor in Moscow time with a calendar, set to ``moment``."""
    edit = QDateTimeEdit()
    edit.setObjectName(object_name)
    edit.setTimeZone(MOSCOW_QT)
    edit.setDisplayFormat("dd.MM.yyyy HH:mm")
    edit.setCalendarPopup(True)
    edit.setDateTime(to_qt_moscow(moment))
    return edit
