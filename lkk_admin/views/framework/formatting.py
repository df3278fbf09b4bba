"""How every screen writes moments, days, numbers and money, and the colours it uses.

Stored moments are UTC; the desk shows them in its own time zone. Numbers are written as
Russian writes them: thousands apart by a no-break space, a decimal comma.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

DATE_TIME = "%d.%m.%Y %H:%M"
SHORT_DATE_TIME = "%d.%m.%y %H:%M"
DATE = "%d.%m.%Y"
TIME = "%H:%M"
NBSP = "\u00a0"

# Colours that read on light and dark palettes alike as tints under the text.
OVERDUE_BACKGROUND = QColor(255, 236, 230)
OVERDUE_TEXT = QColor(160, 40, 20)
DIFFERS_BACKGROUND = QColor(255, 236, 200)
ERROR_TEXT = QColor(176, 32, 32)
OK_TEXT = QColor(30, 120, 50)
MUTED_TEXT = QColor(110, 110, 110)


def now_utc() -> datetime:
    return datetime.now(UTC)


def local(moment: datetime) -> datetime:
    """A stored UTC moment in the desktop's time zone."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone()


def date_time(moment: datetime | None) -> str:
    return local(moment).strftime(DATE_TIME) if moment is not None else "—"


def compact_date_time(moment: datetime) -> str:
    """``05.10.26 01:54``: the list's column (the tooltip has the full year)."""
    return local(moment).strftime(SHORT_DATE_TIME)


def short_time(moment: datetime, now: datetime | None = None) -> str:
    """``14:35`` today, ``28.11.2026 14:35`` on another day."""
    shown, today = local(moment), local(now or now_utc())
    return shown.strftime(TIME if shown.date() == today.date() else DATE_TIME)


def short_moment(moment: datetime, now: datetime | None = None) -> str:
    """``14:35`` today, ``29.11.26 14:35`` on another day (fits a narrow column)."""
    if local(moment).date() == local(now or now_utc()).date():
        return local(moment).strftime(TIME)
    return compact_date_time(moment)


def day(value: date | None) -> str:
    """``03.04.2026``; ``—`` for no date."""
    return value.strftime(DATE) if value is not None else "—"


def month(value: date) -> str:
    """``04.2026``: a billing period."""
    return value.strftime("%m.%Y")


def grouped(number: int) -> str:
    """``12 345``: thousands apart by a no-break space, as Russian writes them."""
    return f"{number:,}".replace(",", NBSP)


def decimal(value: Decimal | float | int | None, places: int = 2, *, trim: bool = False) -> str:
    """``12 345,60``; with ``trim`` the decimals that are zero are left out (``5,5``)."""
    if value is None:
        return "—"
    text = f"{Decimal(value):,.{places}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", NBSP).replace(".", ",")


def money(value: Decimal | None) -> str:
    """``12 345,60 ₽``."""
    return "—" if value is None else f"{decimal(value)}{NBSP}₽"


def first_line(text: str | None) -> str:
    """A long answer may span lines; a list shows the first (the pane has it all)."""
    if not text:
        return ""
    return text.strip().splitlines()[0] if text.strip() else ""


def yes_no(value: bool) -> str:
    if value:
        return QCoreApplication.translate("QueueFormatting", "yes")
    return QCoreApplication.translate("QueueFormatting", "no")


# Names of the portal's data (their translations are in the queue's context, where
# they were first written).


def org_type_name(org_type: str) -> str:
    if org_type == "legal_entity":
        return QCoreApplication.translate("QueueFormatting", "Legal entity")
    if org_type == "sole_proprietor":
        return QCoreApplication.translate("QueueFormatting", "Sole proprietor")
    return org_type


def status_name(status: str) -> str:
    names = {
        "email_unconfirmed": QCoreApplication.translate("QueueFormatting", "E-mail not confirmed"),
        "pending": QCoreApplication.translate("QueueFormatting", "In the queue"),
        "in_review": QCoreApplication.translate("QueueFormatting", "Under review"),
        "needs_info": QCoreApplication.translate("QueueFormatting", "Returned for clarification"),
        "approved": QCoreApplication.translate("QueueFormatting", "Approved"),
        "rejected": QCoreApplication.translate("QueueFormatting", "Rejected"),
        "expired": QCoreApplication.translate("QueueFormatting", "Expired"),
    }
    return names.get(status, status)


def user_status_name(status: str) -> str:
    """A portal account's status (models.USER_STATUSES), lower case as it stands in text."""
    names = {
        "email_unconfirmed": QCoreApplication.translate("UserStatus", "e-mail not confirmed"),
        "pending": QCoreApplication.translate("UserStatus", "waiting for approval"),
        "active": QCoreApplication.translate("UserStatus", "active"),
        "rejected": QCoreApplication.translate("UserStatus", "rejected"),
        "blocked": QCoreApplication.translate("UserStatus", "blocked"),
    }
    return names.get(status, status)


def contract_status_name(status: str | None) -> str:
    names = {
        "active": QCoreApplication.translate("QueueFormatting", "active"),
        "suspended": QCoreApplication.translate("QueueFormatting", "suspended"),
        "terminated": QCoreApplication.translate("QueueFormatting", "terminated"),
    }
    return names.get(status or "", status or "—")
