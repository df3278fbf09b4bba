"""How the survey screens name statuses and question kinds."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

STATUS_COLOURS = {
    "draft": QColor(110, 110, 110),
    "scheduled": QColor(20, 90, 160),
    "open": QColor(30, 120, 50),
    "closed": QColor(140, 140, 140),
}


def status_name(status: str) -> str:
    names = {
        "draft": QCoreApplication.translate("SurveyFormatting", "draft"),
        "scheduled": QCoreApplication.translate("SurveyFormatting", "scheduled"),
        "open": QCoreApplication.translate("SurveyFormatting", "open"),
        "closed": QCoreApplication.translate("SurveyFormatting", "closed"),
    }
    return names.get(status, status)
