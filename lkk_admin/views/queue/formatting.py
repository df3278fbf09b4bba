"""How the queue screen writes dates, ages, claims, statuses and findings.

Plain functions (translated with ``QCoreApplication.translate`` in the
``QueueFormatting`` context) shared by the table, the request pane and the dialogs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from lkk_admin.services.checks import SEVERITY_ORDER, Finding

DATE_TIME = "%d.%m.%Y %H:%M"
SHORT_DATE_TIME = "%d.%m.%y %H:%M"
DATE = "%d.%m.%Y"
TIME = "%H:%M"

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


def age(moment: datetime, now: datetime | None = None) -> str:
    """How long ago: ``12 min``, ``5 h``, ``3 d.`` (in Russian: мин, ч, дн.)."""
    seconds = max(0, int(((now or now_utc()) - moment).total_seconds()))
    if seconds < 3600:
        return QCoreApplication.translate("QueueFormatting", "{n} min").format(
            n=max(1, seconds // 60)
        )
    if seconds < 86400:
        return QCoreApplication.translate("QueueFormatting", "{n} h").format(n=seconds // 3600)
    return QCoreApplication.translate("QueueFormatting", "{n} d.").format(n=seconds // 86400)


def inn_kpp(inn: str, kpp: str | None) -> str:
    inn, kpp = inn.strip(), (kpp or "").strip()
    return f"{inn} / {kpp}" if kpp else inn


def contracts_summary(numbers: Sequence[str], shown: int = 1) -> str:
    if not numbers:
        return "—"
    head = ", ".join(numbers[:shown])
    rest = len(numbers) - shown
    return f"{head} +{rest}" if rest > 0 else head


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


def contract_status_name(status: str | None) -> str:
    names = {
        "active": QCoreApplication.translate("QueueFormatting", "active"),
        "suspended": QCoreApplication.translate("QueueFormatting", "suspended"),
        "terminated": QCoreApplication.translate("QueueFormatting", "terminated"),
    }
    return names.get(status or "", status or "—")


def yes_no(value: bool) -> str:
    if value:
        return QCoreApplication.translate("QueueFormatting", "yes")
    return QCoreApplication.translate("QueueFormatting", "no")


def claim_text(
    holder: str | None, expires_at: datetime | None, actor: str, now: datetime | None = None
) -> str:
    """``ivanov until 14:35``; ``you, until 14:35``; a lapsed lease says so."""
    if not holder:
        return ""
    now = now or now_utc()
    if expires_at is None:
        return holder
    when = short_time(expires_at, now)
    if expires_at <= now:
        return QCoreApplication.translate(
            "QueueFormatting", "{holder} (lease ended {time})"
        ).format(holder=holder, time=when)
    if holder == actor:
        return QCoreApplication.translate("QueueFormatting", "you, until {time}").format(time=when)
    return QCoreApplication.translate("QueueFormatting", "{holder} until {time}").format(
        holder=holder, time=when
    )


def severity_name(severity: str) -> str:
    names = {
        "error": QCoreApplication.translate("QueueFormatting", "Error"),
        "warning": QCoreApplication.translate("QueueFormatting", "Warning"),
        "info": QCoreApplication.translate("QueueFormatting", "Note"),
    }
    return names.get(severity, severity)


_SEVERITY_PIXMAPS = {
    "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
}


def severity_icon(severity: str) -> QIcon:
    return QApplication.style().standardIcon(
        _SEVERITY_PIXMAPS.get(severity, _SEVERITY_PIXMAPS["info"])
    )


def ok_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)


def check_counts_text(errors: int | None, warnings: int | None, infos: int | None) -> str:
    """The check column as words (tooltips, accessibility); ``—`` until checked."""
    if errors is None:
        return "—"
    if not (errors or warnings or infos):
        return QCoreApplication.translate("QueueFormatting", "no findings")
    return QCoreApplication.translate(
        "QueueFormatting", "errors: {errors}, warnings: {warnings}, notes: {infos}"
    ).format(errors=errors, warnings=warnings or 0, infos=infos or 0)


def sorted_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Errors first, then warnings, then notes; the service's order within each."""
    return sorted(findings, key=lambda finding: SEVERITY_ORDER.get(finding.severity, 9))


def finding_text(finding: Finding) -> str:
    if finding.contract_number and finding.contract_number not in finding.message:
        return QCoreApplication.translate("QueueFormatting", "Contract {number}: {message}").format(
            number=finding.contract_number.strip(), message=finding.message
        )
    return finding.message
