"""The outgoing mail section, declared: its columns, tabs, dates, search and commands."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lkk_admin.services.outbox import OutboxRow, OutboxSource
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.spec import (
    QT_TRANSLATE_NOOP,
    ActionSpec,
    Column,
    DateRange,
    ListSection,
    Tabs,
    page_command,
)
from lkk_admin.views.outbox import formatting as ofmt
from lkk_admin.views.outbox.message_view import MessageView

if TYPE_CHECKING:
    from lkk_admin.views.framework.list_page import ListPage

# The columns by number, in the order of COLUMNS below.
(
    COL_CREATED,
    COL_STATUS,
    COL_RECIPIENT,
    COL_SUBJECT,
    COL_ATTEMPTS,
    COL_NEXT_ATTEMPT,
    COL_LAST_ERROR,
    COL_REQUEST,
) = range(8)


def _status_colour(row: OutboxRow) -> Any:
    return ofmt.STATUS_COLOURS.get(row.status)


def _greyed_if_cancelled(row: OutboxRow) -> Any:
    return ofmt.STATUS_COLOURS["cancelled"] if row.status == "cancelled" else None


def _error_colour(row: OutboxRow) -> Any:
    if row.status == "cancelled":
        return ofmt.STATUS_COLOURS["cancelled"]
    return ofmt.STATUS_COLOURS["failed"] if row.status == "failed" else None


def _next_attempt(row: OutboxRow) -> str:
    # Only a waiting letter has a next attempt; for the others it means nothing.
    return fmt.short_moment(row.next_attempt_at) if row.status == "pending" else ""


def _letter_status(page: ListPage[Any]) -> str:
    message = getattr(page.view, "message", None)
    idle = not getattr(page, "busy", False) and getattr(page, "dialog", None) is None
    ready = message is not None and idle
    return message.status if ready and message is not None else ""


COLUMNS: tuple[Column[OutboxRow], ...] = (
    Column(
        QT_TRANSLATE_NOOP("OutboxSection", "Created"),
        lambda row: fmt.compact_date_time(row.created_at),
        QT_TRANSLATE_NOOP(
            "OutboxSection", "When the letter was queued (by the decision that caused it)"
        ),
        cell_tip=lambda row: fmt.date_time(row.created_at),
        foreground=_greyed_if_cancelled,
        width=102,
        export=lambda row: row.created_at,
        export_kind="datetime",
    ),
    Column(
        QT_TRANSLATE_NOOP("OutboxSection", "Status"),
        lambda row: ofmt.status_name(row.status),
        QT_TRANSLATE_NOOP("OutboxSection", "Waiting to be sent, sent, failed or cancelled"),
        foreground=lambda row: _greyed_if_cancelled(row) or _status_colour(row),
        bold=lambda row: row.status == "failed",
        width=112,
    ),
    Column(
        QT_TRANSLATE_NOOP("OutboxSection", "Recipient"),
        lambda row: row.recipient_masked,
        QT_TRANSLATE_NOOP(
            "OutboxSection", "The recipient's address, masked; open the letter to show it in full"
        ),
        foreground=_greyed_if_cancelled,
        width=140,
    ),
    Column(
        QT_TRANSLATE_NOOP("OutboxSection", "Letter"),
        ofmt.letter_kind,
        QT_TRANSLATE_NOOP(
            "OutboxSection", "What the letter tells the applicant; point at it for the subject"
        ),
        cell_tip=lambda row: row.subject,
        foreground=_greyed_if_cancelled,
        stretch=65,
        min_width=120,
        export=lambda row: row.subject,
        export_width=50,
    ),
    Column(
        QT_TRANSLATE_NOOP("OutboxSection", "Attempts"),
        lambda row: str(row.attempts),
        QT_TRANSLATE_NOOP("OutboxSection", "Delivery attempts made so far"),
        align="right",
        foreground=_greyed_if_cancelled,
        width=62,
        export=lambda row: row.attempts,
        export_kind="int",
    ),
    Column(
        QT_TRANSLATE_NOOP("OutboxSection", "Next attempt"),
        _next_attempt,
        QT_TRANSLATE_NOOP(
            "OutboxSection", "When the sender tries again (letters waiting to be sent)"
        ),
        cell_tip=lambda row: fmt.date_time(row.next_attempt_at) if row.status == "pending" else "",
        foreground=_greyed_if_cancelled,
        width=102,
        tabs=("all", "pending"),
        hide_below=820,  # a small window keeps the letter's kind; the pane has the time
        export=lambda row: row.next_attempt_at if row.status == "pending" else None,
        export_kind="datetime",
    ),
    Column(
        QT_TRANSLATE_NOOP("OutboxSection", "Last error"),
        lambda row: fmt.first_line(row.last_error),
        QT_TRANSLATE_NOOP("OutboxSection", "The mail server's answer to the last failed attempt"),
        cell_tip=lambda row: row.last_error or "",
        foreground=_error_colour,
        stretch=35,
        min_width=100,
        max_width=420,
        hide_below=760,
        hide_when_empty=True,  # most lists have no error to show: room for the rest
        export=lambda row: row.last_error or "",
        export_width=60,
    ),
    Column(
        QT_TRANSLATE_NOOP("OutboxSection", "Request No."),
        lambda row: "" if row.request_id is None else str(row.request_id),
        QT_TRANSLATE_NOOP("OutboxSection", "The registration request the letter is about"),
        align="right",
        foreground=_greyed_if_cancelled,
        width=70,
        export=lambda row: row.request_id,
        export_kind="int",
    ),
)

OUTBOX = ListSection[OutboxRow](
    key="mail_outbox",
    context="OutboxSection",
    source=lambda _context: OutboxSource(tz=None),  # the days picked are the desk's days
    columns=COLUMNS,
    detail=lambda _context: MessageView(),
    search_placeholder=QT_TRANSLATE_NOOP(
        "OutboxSection", "Search: subject, request No., recipient's address (Ctrl+F)"
    ),
    search_tip=QT_TRANSLATE_NOOP(
        "OutboxSection", "Search by subject, request number or recipient's address"
    ),
    empty_text=QT_TRANSLATE_NOOP(
        "OutboxSection",
        "The outbox is empty. A letter to the applicant is queued here with every decision "
        "on a registration request.",
    ),
    empty_filtered_text=QT_TRANSLATE_NOOP(
        "OutboxSection",
        'No letters match the filter. Choose "All", untick the dates or clear the search.',
    ),
    menu_title=QT_TRANSLATE_NOOP("OutboxSection", "&Mail"),
    noun=QT_TRANSLATE_NOOP("OutboxSection", "letters"),
    tabs=Tabs(ofmt.FILTERS, ofmt.filter_name, alert=("failed",), alert_colour=fmt.ERROR_TEXT),
    dates=DateRange(
        QT_TRANSLATE_NOOP("OutboxSection", "Queued from"),
        QT_TRANSLATE_NOOP("OutboxSection", "to"),
        QT_TRANSLATE_NOOP(
            "OutboxSection", "Tick to show only letters queued on or after / on or before this day"
        ),
    ),
    actions=(
        ActionSpec(
            "retry",
            QT_TRANSLATE_NOOP("OutboxSection", "&Retry sending"),
            QT_TRANSLATE_NOOP(
                "OutboxSection", "Send the failed letter again, starting from the first attempt"
            ),
            page_command("retry"),
            keys=("Ctrl+R",),
            enabled=lambda page: _letter_status(page) == "failed",
        ),
        ActionSpec(
            "cancelMail",
            QT_TRANSLATE_NOOP("OutboxSection", "&Cancel sending…"),
            QT_TRANSLATE_NOOP(
                "OutboxSection",
                "Stop a letter that has not been sent yet; the reason is recorded in the audit log",
            ),
            page_command("open_cancel"),
            keys=("Ctrl+Shift+Del",),
            enabled=lambda page: _letter_status(page) == "pending",
        ),
        ActionSpec(
            "revealRecipient",
            QT_TRANSLATE_NOOP("OutboxSection", "Show &address"),
            QT_TRANSLATE_NOOP(
                "OutboxSection",
                "Show the recipient's address in full; this is recorded in the audit log",
            ),
            lambda page: page.view.request_reveal(),
            keys=("Ctrl+Shift+E",),
            enabled=lambda page: (
                page.view.message is not None and page.view.revealed_address is None
            ),
            in_pane=False,
        ),
    ),
    export_name=QT_TRANSLATE_NOOP("OutboxSection", "Outgoing mail"),
)
