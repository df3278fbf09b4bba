"""What Ctrl+E exports of the queue: the requests of the tab and search, as listed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from lkk_admin.services import request_list
from lkk_admin.services.excel_export import ExportColumn
from lkk_admin.services.listing import ListQuery
from lkk_admin.views.framework.export import ExportJob, describe_query
from lkk_admin.views.queue import formatting as fmt
from lkk_admin.views.queue.jobs import ListQuery as QueueQuery


def _tr(text: str) -> str:
    return QCoreApplication.translate("QueueExport", text)


def columns() -> list[ExportColumn]:
    return [
        ExportColumn(_tr("Request No."), lambda row: row.id, "int", 12),
        ExportColumn(_tr("Submitted"), lambda row: row.submitted_at, "datetime", 17),
        ExportColumn(_tr("Status"), lambda row: fmt.status_name(row.status), "text", 22),
        ExportColumn(_tr("Organisation"), lambda row: row.org_name, "text", 45),
        ExportColumn(_tr("Type"), lambda row: fmt.org_type_name(row.org_type), "text", 20),
        ExportColumn(_tr("TIN"), lambda row: row.inn, "text", 14),
        ExportColumn(_tr("KPP"), lambda row: row.kpp or "", "text", 11),
        ExportColumn(_tr("Login"), lambda row: row.login, "text", 18),
        ExportColumn(_tr("E-mail"), lambda row: row.email_masked, "text", 26),
        ExportColumn(_tr("Contracts"), lambda row: ", ".join(row.contract_numbers), "text", 30),
        ExportColumn(_tr("Errors"), lambda row: row.errors, "int", 9),
        ExportColumn(_tr("Warnings"), lambda row: row.warnings, "int", 9),
        ExportColumn(_tr("Claimed by"), lambda row: row.claimed_by or "", "text", 14),
    ]


def export_job(query: QueueQuery, total: int) -> ExportJob:
    order = f"-{query.sort}" if query.descending else query.sort
    return ExportJob(
        section="registration_queue",
        title=_tr("Registration queue"),
        columns=columns(),
        rows=lambda session: request_list.export_requests(
            session,
            tab=query.tab,
            search=query.search,
            sort=query.sort,
            descending=query.descending,
        ),
        expected=total,
        query=describe_query(ListQuery(tab=query.tab, search=query.search, order=order)),
    )
