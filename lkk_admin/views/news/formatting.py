"""How the news screens name kinds and statuses and write moments (Moscow time, as the
portal shows them; stored in UTC)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

# The news screens' moments: shared with the surveys' (views/moscow_moments.py).
from lkk_admin.views.moscow_moments import MOSCOW_QT, from_qt_moscow, moscow, to_qt_moscow

__all__ = ["MOSCOW_QT", "from_qt_moscow", "kind_name", "moscow", "status_name", "to_qt_moscow"]
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
