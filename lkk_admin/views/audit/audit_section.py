"""The audit log section, declared: every event, newest first, with its filters."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lkk_admin.services import audit_log
from lkk_admin.services.audit_log import AuditChoices, AuditRow, AuditSource
from lkk_admin.views.audit.audit_pane import AuditPane
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.list_page import ListPage
from lkk_admin.views.framework.spec import (
    QT_TRANSLATE_NOOP,
    Choice,
    Column,
    DateRange,
    Factory,
    ListSection,
)
from lkk_admin.views.sections import SectionSpec


def _options(
    pick: Callable[[AuditChoices], Sequence[str]], name: Callable[[str], str] = str
) -> Callable[[Factory], list[tuple[str, str]]]:
    def read(factory: Factory) -> list[tuple[str, str]]:
        with factory() as session:
            values = pick(audit_log.choices(session))
        return sorted(((value, name(value)) for value in values), key=lambda item: item[1])

    return read


def _object(row: AuditRow) -> str:
    return f"{row.entity_name} № {row.entity_id}" if row.entity_id else row.entity_name


AUDIT_LOG = ListSection[AuditRow](
    key="audit_log",
    context="AuditSection",
    source=lambda _context: AuditSource(tz=None),  # days as the desk's clock shows them
    columns=(
        Column(
            QT_TRANSLATE_NOOP("AuditSection", "When"),
            lambda row: fmt.compact_date_time(row.occurred_at),
            QT_TRANSLATE_NOOP("AuditSection", "When it happened, by the database's clock"),
            cell_tip=lambda row: fmt.date_time(row.occurred_at),
            width=110,
            export=lambda row: row.occurred_at,
            export_kind="datetime",
        ),
        Column(
            QT_TRANSLATE_NOOP("AuditSection", "Who"),
            lambda row: row.actor,
            QT_TRANSLATE_NOOP("AuditSection", "The database user (staff login) who did it"),
            width=110,
        ),
        Column(
            QT_TRANSLATE_NOOP("AuditSection", "Action"),
            lambda row: row.action_name,
            QT_TRANSLATE_NOOP("AuditSection", "What was done"),
            width=170,
            export_width=30,
        ),
        Column(
            QT_TRANSLATE_NOOP("AuditSection", "Object"),
            _object,
            QT_TRANSLATE_NOOP("AuditSection", "What it was done to"),
            width=130,
            export_width=24,
        ),
        Column(
            QT_TRANSLATE_NOOP("AuditSection", "Summary"),
            lambda row: row.summary,
            QT_TRANSLATE_NOOP("AuditSection", "What happened, in one line; the details are below"),
            stretch=1,
            min_width=160,
            export_width=70,
        ),
    ),
    detail=lambda _context: AuditPane(),
    search_placeholder=QT_TRANSLATE_NOOP(
        "AuditSection", "Search: login, action, object No. (Ctrl+F)"
    ),
    search_tip=QT_TRANSLATE_NOOP(
        "AuditSection",
        "Search by a part of the login, of the action or of the object's kind, or by its number",
    ),
    empty_text=QT_TRANSLATE_NOOP(
        "AuditSection", "The audit log is empty: nothing has been done yet."
    ),
    empty_filtered_text=QT_TRANSLATE_NOOP(
        "AuditSection",
        "No events match. Choose «any» in the lists, untick the dates or clear the search.",
    ),
    menu_title=QT_TRANSLATE_NOOP("AuditSection", "&Audit"),
    noun=QT_TRANSLATE_NOOP("AuditSection", "events"),
    dates=DateRange(
        QT_TRANSLATE_NOOP("AuditSection", "From"),
        QT_TRANSLATE_NOOP("AuditSection", "to"),
        QT_TRANSLATE_NOOP(
            "AuditSection", "Tick to show only events on or after / on or before this day"
        ),
        days_back=7,
    ),
    choices=(
        Choice(
            "actor",
            QT_TRANSLATE_NOOP("AuditSection", "Who"),
            QT_TRANSLATE_NOOP("AuditSection", "anyone"),
            _options(lambda known: known.actors),
            QT_TRANSLATE_NOOP("AuditSection", "Only the events of this staff member"),
            min_width=100,
        ),
        Choice(
            "action",
            QT_TRANSLATE_NOOP("AuditSection", "Action"),
            QT_TRANSLATE_NOOP("AuditSection", "any action"),
            _options(lambda known: known.actions, audit_log.action_name),
            QT_TRANSLATE_NOOP("AuditSection", "Only events of this kind"),
            min_width=140,
        ),
        Choice(
            "entity",
            QT_TRANSLATE_NOOP("AuditSection", "Object"),
            QT_TRANSLATE_NOOP("AuditSection", "any object"),
            _options(lambda known: known.entities, audit_log.entity_name),
            QT_TRANSLATE_NOOP("AuditSection", "Only events about objects of this kind"),
            min_width=120,
        ),
    ),
    export_name=QT_TRANSLATE_NOOP("AuditSection", "Audit log"),
)


def create_page(context: AppContext, spec: SectionSpec) -> ListPage[AuditRow]:
    """The factory the "audit_log" section names."""
    return ListPage(context, spec, AUDIT_LOG)
