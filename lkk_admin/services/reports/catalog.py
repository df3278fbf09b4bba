"""The three reports a customer can build on the portal, by the key the CLI and screen use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from lkk_admin.services.reports.consumption import render_consumption_report
from lkk_admin.services.reports.document import Progress, Rendered, Renderer, Supplier
from lkk_admin.services.reports.statement import render_statement
from lkk_admin.services.reports.tariff import render_tariff_certificate


@dataclass(frozen=True, slots=True)
class ReportKind:
    key: str
    title: str  # as the portal names it, for messages and file names
    render: Renderer


REPORTS: dict[str, ReportKind] = {
    kind.key: kind
    for kind in (
        ReportKind("consumption", "Отчёт по потреблению", render_consumption_report),
        ReportKind("statement", "Расчётная ведомость", render_statement),
        ReportKind("tariff", "Справка о составляющих тарифа", render_tariff_certificate),
    )
}


def render_report(
    session: Session,
    kind: str,
    contract_number: str,
    first: date,
    last: date,
    *,
    supplier: Supplier | None = None,
    formed_on: date | None = None,
    progress: Progress | None = None,
) -> Rendered:
    """The report as PDF; ``DomainError`` (and no PDF) when there is nothing to show.

    ``progress(done, total)`` is called while the pages are laid out; an exception it
    raises (a cancelled job) stops the build."""
    return REPORTS[kind].render(
        session,
        contract_number,
        first,
        last,
        supplier=supplier,
        formed_on=formed_on,
        progress=progress,
    )


def file_name(kind: str, contract_number: str, first: date, last: date) -> str:
    """A file name a clerk recognises: «Расчётная ведомость Д-101-2025 2025-09—2026-02.pdf»."""
    safe_number = "".join("-" if char in '\\/:*?"<>|' else char for char in contract_number)
    span = f"{first:%Y-%m}" if first == last else f"{first:%Y-%m}—{last:%Y-%m}"
    return f"{REPORTS[kind].title} {safe_number} {span}.pdf"
