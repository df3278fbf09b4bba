"""What the reports screen's background jobs do: one function per user action.

Each runs on a worker thread, reads through the autocommit read factory and returns
plain data; none of them touches Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.services import report_contracts, supplier_settings
from lkk_admin.services.json_files import write_document_atomically
from lkk_admin.services.report_contracts import ContractSearch, DataSpan
from lkk_admin.services.reports import catalog
from lkk_admin.views.workers import JobControl

Factory = sessionmaker[Session]


@dataclass(frozen=True, slots=True)
class ReportRequest:
    kind: str  # a key of services.reports.catalog.REPORTS
    contract_number: str
    first: date
    last: date

    @property
    def file_name(self) -> str:
        return catalog.file_name(self.kind, self.contract_number, self.first, self.last)


@dataclass(frozen=True, slots=True)
class BuiltReport:
    request: ReportRequest  # the months the report covers (see ``shortened``)
    pdf: bytes
    pages: int
    # The months asked for went beyond the contract's: the tariff certificate keeps to the
    # months it was in force, and ``request`` says which.
    shortened: bool = False


def search(read_factory: Factory, text: str) -> ContractSearch:
    with read_factory() as session:
        return report_contracts.find_contracts(session, text)


def span(read_factory: Factory, contract_number: str) -> DataSpan:
    with read_factory() as session:
        return report_contracts.data_span(session, contract_number)


def build(read_factory: Factory, request: ReportRequest, control: JobControl) -> BuiltReport:
    """The PDF, headed by the organisation's supplier requisites as they are now; progress
    is reported as the pages are laid out, and a cancel stops it."""

    def progress(done: int, total: int) -> None:
        control.check()
        control.progress("layout", done, total)

    control.progress("reading", 0, 0)
    with read_factory() as session:
        supplier = supplier_settings.load_supplier(session)
        rendered = catalog.render_report(
            session,
            request.kind,
            request.contract_number,
            request.first,
            request.last,
            supplier=supplier,
            progress=progress,
        )
    covered = replace(request, first=rendered.first, last=rendered.last)
    return BuiltReport(covered, rendered.pdf, rendered.pages, shortened=covered != request)


def save(path: Path, pdf: bytes) -> Path:
    write_document_atomically(path, pdf)
    return path
