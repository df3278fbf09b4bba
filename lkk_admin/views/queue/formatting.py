"""How the queue screen writes dates, ages, claims, statuses and findings.

Plain functions (translated with ``QCoreApplication.translate`` in the
``QueueFormatting`` context) shared by the table, the request pane and the dialogs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from lkk_admin.services.checks import SEVERITY_ORDER, Finding
from lkk_admin.views.framework.formatting import (
    DATE,
    DATE_TIME,
    DIFFERS_BACKGROUND,
    ERROR_TEXT,
    MUTED_TEXT,
    OK_TEXT,
    OVERDUE_BACKGROUND,
    OVERDUE_TEXT,
    TIME,
    compact_date_time,
    contract_status_name,
    date_time,
    local,
    now_utc,
    org_type_name,
    short_time,
    status_name,
    yes_no,
)

# The queue's modules write fmt.* for the shared ones too.
__all__ = [
    "DATE",
    "DATE_TIME",
    "DIFFERS_BACKGROUND",
    "ERROR_TEXT",
    "MUTED_TEXT",
    "OK_TEXT",
    "OVERDUE_BACKGROUND",
    "OVERDUE_TEXT",
    "TIME",
    "compact_date_time",
    "contract_status_name",
    "date_time",
    "local",
    "now_utc",
    "org_type_name",
    "short_time",
    "status_name",
    "yes_no",
]


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
