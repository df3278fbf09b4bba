"""How the outbox screen names statuses and colours letters.

Plain functions translated in the ``OutboxFormatting`` context, shared by the table, the
letter pane and the dialog. Dates are written as on the queue screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from lkk_admin.services.outbox import STATUSES, OutboxRow
from lkk_admin.views.framework.formatting import ERROR_TEXT, MUTED_TEXT, OK_TEXT

FILTERS = ("all", *STATUSES)  # the status selector, in this order

STATUS_COLOURS: dict[str, QColor] = {
    "failed": ERROR_TEXT,
    "cancelled": MUTED_TEXT,
    "sent": OK_TEXT,
}


def status_name(status: str) -> str:
    """One letter's status (Russian agrees with «письмо»: «Отправлено»)."""
    names = {
        "pending": QCoreApplication.translate("OutboxFormatting", "Waiting to be sent", "letter"),
        "sent": QCoreApplication.translate("OutboxFormatting", "Sent", "letter"),
        "failed": QCoreApplication.translate("OutboxFormatting", "Failed", "letter"),
        "cancelled": QCoreApplication.translate("OutboxFormatting", "Cancelled", "letter"),
    }
    return names.get(status, status)


def filter_name(key: str) -> str:
    """The selector's entries: letters with that status (Russian plural: «Отправленные»)."""
    names = {
        "all": QCoreApplication.translate("OutboxFormatting", "All", "letters"),
        "pending": QCoreApplication.translate("OutboxFormatting", "Waiting", "letters"),
        "sent": QCoreApplication.translate("OutboxFormatting", "Sent", "letters"),
        "failed": QCoreApplication.translate("OutboxFormatting", "Failed", "letters"),
        "cancelled": QCoreApplication.translate("OutboxFormatting", "Cancelled", "letters"),
    }
    return names.get(key, key)


def template_name(template: str) -> str:
    """What kind of letter it is, in words (the template's file name is for developers)."""
    names = {
        "registration_approved": QCoreApplication.translate(
            "OutboxFormatting", "Registration approved"
        ),
        "registration_rejected": QCoreApplication.translate(
            "OutboxFormatting", "Registration rejected"
        ),
        "registration_needs_info": QCoreApplication.translate(
            "OutboxFormatting", "Clarification requested"
        ),
    }
    return names.get(template, template)


def letter_kind(row: OutboxRow) -> str:
    """What a letter in the list is: the template's short name (the subjects of all three
    begin alike, «Заявка на регистрацию…», so a narrow column showed them alike); the
    subject itself for a template without one."""
    name = template_name(row.template)
    return name if name != row.template else row.subject
