"""The overview's figures as tables: declared once, shown on the page and exported.

Each :class:`Table` names its columns (translated header, how to read a typed value from
a row, its kind) and where its rows come from in a
:class:`~lkk_admin.services.queue_overview.QueueOverview`. The page shows the values as
Russian writes numbers and days; the export writes the same values typed, one sheet per
table after a summary sheet (:mod:`lkk_admin.services.overview_export`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from lkk_admin.services.decision_times import WeekTimes
from lkk_admin.services.excel_export import ExportColumn, Kind
from lkk_admin.services.overview_export import Sheet
from lkk_admin.services.queue_overview import (
    AgeBucket,
    DayDecisions,
    FindingCount,
    LoopedRequest,
    QueueOverview,
    ReasonCount,
    VerifierDecisions,
)
from lkk_admin.views.framework import formatting as fmt

CONTEXT = "OverviewTables"
QUEUE_SECTION = "registration_queue"


def tr(text: str) -> str:
    """``text`` (a source marked with QT_TRANSLATE_NOOP) in this module's context."""
    return QCoreApplication.translate(CONTEXT, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate scans for
    del context
    return text


FINDING_NAMES = {
    "INN_INVALID": QT_TRANSLATE_NOOP("OverviewTables", "TIN invalid"),
    "KPP_REQUIRED": QT_TRANSLATE_NOOP("OverviewTables", "KPP missing"),
    "KPP_INVALID": QT_TRANSLATE_NOOP("OverviewTables", "KPP invalid"),
    "KPP_NOT_APPLICABLE": QT_TRANSLATE_NOOP("OverviewTables", "KPP of a sole proprietor"),
    "COUNTERPARTY_NOT_FOUND": QT_TRANSLATE_NOOP("OverviewTables", "TIN not in the registry"),
    "KPP_MISMATCH": QT_TRANSLATE_NOOP("OverviewTables", "TIN found with another KPP"),
    "NAME_MISMATCH": QT_TRANSLATE_NOOP("OverviewTables", "Name differs from the registry"),
    "EXISTING_FLAG_MISMATCH": QT_TRANSLATE_NOOP(
        "OverviewTables", "“Existing counterparty” ticked wrongly"
    ),
    "CONTRACT_NOT_FOUND": QT_TRANSLATE_NOOP("OverviewTables", "Contract not found"),
    "CONTRACT_OTHER_COUNTERPARTY": QT_TRANSLATE_NOOP(
        "OverviewTables", "Contract of another counterparty"
    ),
    "CONTRACT_TERMINATED": QT_TRANSLATE_NOOP("OverviewTables", "Contract terminated"),
    "EMAIL_NOT_CONFIRMED": QT_TRANSLATE_NOOP("OverviewTables", "E-mail not confirmed"),
    "DUPLICATE_PENDING": QT_TRANSLATE_NOOP("OverviewTables", "Another open request"),
    "ALREADY_HAS_ACCESS": QT_TRANSLATE_NOOP("OverviewTables", "Access already granted"),
    "FREE_MAIL_DOMAIN": QT_TRANSLATE_NOOP("OverviewTables", "Public mail domain"),
    "CONTRACT_SUSPENDED": QT_TRANSLATE_NOOP("OverviewTables", "Contract suspended"),
    "CONTRACT_NUMBER_VARIANT": QT_TRANSLATE_NOOP(
        "OverviewTables", "Contract number typed differently"
    ),
    "USER_BLOCKED": QT_TRANSLATE_NOOP("OverviewTables", "Applicant blocked"),
}
REASON_NAMES = {
    "INN_NOT_FOUND": QT_TRANSLATE_NOOP("OverviewTables", "TIN not among the counterparties"),
    "CONTRACT_OTHER_ORGANISATION": QT_TRANSLATE_NOOP(
        "OverviewTables", "Contract of another organisation"
    ),
    "CONTRACT_TERMINATED": QT_TRANSLATE_NOOP("OverviewTables", "Contract terminated"),
    "NO_AUTHORITY": QT_TRANSLATE_NOOP("OverviewTables", "Authority not confirmed"),
    "NAME_MISMATCH": QT_TRANSLATE_NOOP("OverviewTables", "Name does not match the contract"),
    "DUPLICATE": QT_TRANSLATE_NOOP("OverviewTables", "Repeats a request already made"),
}


def finding_name(code: str) -> str:
    name = FINDING_NAMES.get(code)
    return tr(name) if name is not None else code


def reason_name(code: str | None) -> str:
    if code is None:
        return QCoreApplication.translate("OverviewTables", "In the verifier's own words")
    name = REASON_NAMES.get(code)
    return tr(name) if name is not None else code


def shown(value: object) -> str:
    """A figure as the page writes it."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return fmt.yes_no(value)
    if isinstance(value, int):
        return fmt.grouped(value)
    if isinstance(value, float):
        return fmt.decimal(value, 1)
    if isinstance(value, date):
        return fmt.day(value)
    return str(value)


def _hours(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], object]
    kind: Kind = "int"


@dataclass(frozen=True)
class Table:
    key: str  # the table widget's object name
    title: str  # the sheet's title
    columns: tuple[Column, ...]
    rows: Callable[[QueueOverview], Sequence[Any]]
    stretch: int = 0  # the column that takes the width left
    link: Callable[[Any], tuple[str, int, str]] | None = None  # a row's record elsewhere

    def texts(self, seen: QueueOverview) -> list[list[str]]:
        return [[shown(column.value(row)) for column in self.columns] for row in self.rows(seen)]

    def numeric_columns(self) -> list[int]:
        return [n for n, column in enumerate(self.columns) if column.kind in ("int", "decimal")]

    def sheet(self, seen: QueueOverview) -> Sheet:
        # A header wrapped to fit the screen reads as one line in Excel.
        columns = [ExportColumn(" ".join(c.header.split()), c.value, c.kind) for c in self.columns]
        return Sheet(self.title, columns, self.rows(seen))


def ages_table() -> Table:
    def state(bucket: AgeBucket) -> str:
        return (
            QCoreApplication.translate("OverviewTables", "past the SLA")
            if bucket.overdue
            else QCoreApplication.translate("OverviewTables", "within the SLA")
        )

    return Table(
        "agesTable",
        QCoreApplication.translate("OverviewTables", "Waiting by age"),
        (
            Column(
                QCoreApplication.translate("OverviewTables", "Working days"),
                lambda b: b.label,
                "text",
            ),
            Column(
                QCoreApplication.translate("OverviewTables", "In the queue"), lambda b: b.pending
            ),
            Column(
                QCoreApplication.translate("OverviewTables", "Under review"), lambda b: b.in_review
            ),
            Column(QCoreApplication.translate("OverviewTables", "Total"), lambda b: b.count),
            Column(QCoreApplication.translate("OverviewTables", "Deadline"), state, "text"),
        ),
        lambda seen: seen.waiting.buckets,
        stretch=4,
    )


def days_table() -> Table:
    def days(seen: QueueOverview) -> Sequence[DayDecisions]:
        return tuple(reversed(seen.days))  # the latest first

    return Table(
        "daysTable",
        QCoreApplication.translate("OverviewTables", "Decisions per day"),
        (
            Column(QCoreApplication.translate("OverviewTables", "Day"), lambda d: d.day, "date"),
            Column(QCoreApplication.translate("OverviewTables", "Approved"), lambda d: d.approved),
            Column(QCoreApplication.translate("OverviewTables", "Rejected"), lambda d: d.rejected),
            Column(QCoreApplication.translate("OverviewTables", "Returned"), lambda d: d.returned),
            Column(QCoreApplication.translate("OverviewTables", "Total"), lambda d: d.total),
        ),
        days,
    )


def times_table() -> Table:
    def weeks(seen: QueueOverview) -> Sequence[WeekTimes]:
        return tuple(reversed(seen.times))

    return Table(
        "timesTable",
        QCoreApplication.translate("OverviewTables", "Time to decision"),
        (
            Column(
                QCoreApplication.translate("OverviewTables", "Week from"), lambda w: w.week, "date"
            ),
            Column(
                QCoreApplication.translate("OverviewTables", "Decisions"), lambda w: w.decisions
            ),
            Column(
                QCoreApplication.translate("OverviewTables", "Median, h"),
                lambda w: _hours(w.median_hours),
                "decimal",
            ),
            Column(
                QCoreApplication.translate("OverviewTables", "90th\npercentile, h"),
                lambda w: _hours(w.p90_hours),
                "decimal",
            ),
            Column(
                QCoreApplication.translate("OverviewTables", "Median from\nconfirmation, h"),
                lambda w: _hours(w.confirmed_median_hours),
                "decimal",
            ),
            Column(
                QCoreApplication.translate("OverviewTables", "90th pct. from\nconfirmation, h"),
                lambda w: _hours(w.confirmed_p90_hours),
                "decimal",
            ),
        ),
        weeks,
    )


def verifiers_table() -> Table:
    def verifiers(seen: QueueOverview) -> Sequence[VerifierDecisions]:
        return seen.verifiers

    return Table(
        "verifiersTable",
        QCoreApplication.translate("OverviewTables", "By verifier"),
        (
            Column(
                QCoreApplication.translate("OverviewTables", "Verifier"), lambda v: v.login, "text"
            ),
            Column(QCoreApplication.translate("OverviewTables", "Approved"), lambda v: v.approved),
            Column(QCoreApplication.translate("OverviewTables", "Rejected"), lambda v: v.rejected),
            Column(QCoreApplication.translate("OverviewTables", "Returned"), lambda v: v.returned),
            Column(QCoreApplication.translate("OverviewTables", "Decisions"), lambda v: v.total),
            Column(
                QCoreApplication.translate("OverviewTables", "Under review now"),
                lambda v: v.in_review,
            ),
        ),
        verifiers,
    )


def loops_table() -> Table:
    def looped(seen: QueueOverview) -> Sequence[LoopedRequest]:
        return seen.loops.requests

    return Table(
        "loopsTable",
        QCoreApplication.translate("OverviewTables", "Returned repeatedly"),
        (
            Column(QCoreApplication.translate("OverviewTables", "Request"), lambda r: r.request_id),
            Column(QCoreApplication.translate("OverviewTables", "Returns"), lambda r: r.returns),
            Column(
                QCoreApplication.translate("OverviewTables", "Status"),
                lambda r: fmt.status_name(r.status),
                "text",
            ),
            Column(
                QCoreApplication.translate("OverviewTables", "Organisation"),
                lambda r: r.org_name,
                "text",
            ),
        ),
        looped,
        stretch=3,
        link=lambda r: (QUEUE_SECTION, r.request_id, ""),
    )


def reasons_table() -> Table:
    def reasons(seen: QueueOverview) -> Sequence[ReasonCount]:
        return seen.reasons

    return Table(
        "reasonsTable",
        QCoreApplication.translate("OverviewTables", "Rejection reasons"),
        (
            Column(
                QCoreApplication.translate("OverviewTables", "Reason"),
                lambda r: reason_name(r.code),
                "text",
            ),
            Column(
                QCoreApplication.translate("OverviewTables", "Code"),
                lambda r: r.code or "—",
                "text",
            ),
            Column(QCoreApplication.translate("OverviewTables", "Rejections"), lambda r: r.count),
        ),
        reasons,
    )


def findings_table() -> Table:
    def findings(seen: QueueOverview) -> Sequence[FindingCount]:
        return seen.findings

    return Table(
        "findingsTable",
        QCoreApplication.translate("OverviewTables", "Finding codes"),
        (
            Column(
                QCoreApplication.translate("OverviewTables", "Finding"),
                lambda f: finding_name(f.code),
                "text",
            ),
            Column(QCoreApplication.translate("OverviewTables", "Code"), lambda f: f.code, "text"),
            Column(QCoreApplication.translate("OverviewTables", "Approved"), lambda f: f.approved),
            Column(QCoreApplication.translate("OverviewTables", "Rejected"), lambda f: f.rejected),
            Column(QCoreApplication.translate("OverviewTables", "Returned"), lambda f: f.returned),
        ),
        findings,
    )


def summary(seen: QueueOverview) -> list[tuple[str, object]]:
    """The headline figures, as (what, value) pairs."""
    waiting = seen.waiting
    in_review = sum(bucket.in_review for bucket in waiting.buckets)
    return [
        (QCoreApplication.translate("OverviewTables", "As of"), seen.today),
        (
            QCoreApplication.translate("OverviewTables", "Deadline for a decision, working days"),
            seen.sla_days,
        ),
        (QCoreApplication.translate("OverviewTables", "Waiting for a decision"), waiting.total),
        (QCoreApplication.translate("OverviewTables", "of them under review"), in_review),
        (QCoreApplication.translate("OverviewTables", "Past the deadline"), waiting.overdue),
        (
            QCoreApplication.translate("OverviewTables", "Becoming overdue on {day}").format(
                day=fmt.day(waiting.next_working_day)
            ),
            waiting.overdue_next_day,
        ),
        (
            QCoreApplication.translate("OverviewTables", "Oldest waiting, working days"),
            waiting.oldest_days,
        ),
        (
            QCoreApplication.translate("OverviewTables", "Returned, waiting for the applicant"),
            waiting.returned,
        ),
        (QCoreApplication.translate("OverviewTables", "E-mail not confirmed"), waiting.unconfirmed),
        (QCoreApplication.translate("OverviewTables", "Period from"), seen.since),
        (QCoreApplication.translate("OverviewTables", "Decisions in the period"), seen.decisions),
        (QCoreApplication.translate("OverviewTables", "Returned once"), seen.loops.returned_once),
        (QCoreApplication.translate("OverviewTables", "Returned twice"), seen.loops.returned_twice),
        (
            QCoreApplication.translate("OverviewTables", "Returned three times or more"),
            seen.loops.returned_more,
        ),
    ]


def all_tables() -> list[Table]:
    return [
        ages_table(),
        days_table(),
        times_table(),
        verifiers_table(),
        loops_table(),
        reasons_table(),
        findings_table(),
    ]


def sheets(seen: QueueOverview) -> list[Sheet]:
    """The workbook: the summary, then every table."""
    head = Sheet(
        QCoreApplication.translate("OverviewTables", "Summary"),
        [
            ExportColumn(QCoreApplication.translate("OverviewTables", "Figure"), lambda r: r[0]),
            ExportColumn(
                QCoreApplication.translate("OverviewTables", "Value"), lambda r: r[1], "decimal"
            ),
        ],
        summary(seen),
    )
    return [head, *(table.sheet(seen) for table in all_tables())]
