"""Helpers of the queue screen tests: waiting for loads, reading the list and the pane."""

from __future__ import annotations

from dataclasses import dataclass

from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import RegistrationRequest
from lkk_admin.views.queue.queue_page import QueuePage
from lkk_admin.views.queue.request_table_model import COL_ORG


@dataclass(frozen=True)
class Crafted:
    """Request ids, oldest first: clean (2 good contracts), mixed (one contract of
    another counterparty), unknown (ИНН not in the registry), vasilek (newest, clean)."""

    clean: int
    mixed: int
    unknown: int
    vasilek: int


def wait_loaded(qtbot: QtBot, page: QueuePage) -> None:
    qtbot.waitUntil(lambda: page.list.counts != {} and not page.model.is_loading, timeout=10_000)


def wait_checked(qtbot: QtBot, page: QueuePage) -> None:
    """Every loaded row has its check counts."""

    def checked() -> bool:
        model = page.model
        rows = [model.row_at(row) for row in range(model.rowCount())]
        return all(row is not None and row.errors is not None for row in rows)

    qtbot.waitUntil(checked, timeout=10_000)


def list_ids(page: QueuePage) -> list[int]:
    return page.model.loaded_ids()


def org_names(page: QueuePage) -> list[str]:
    model = page.model
    return [str(model.index(row, COL_ORG).data()) for row in range(model.rowCount())]


def open_and_wait(qtbot: QtBot, page: QueuePage, request_id: int) -> None:
    page.desk.open(request_id)
    qtbot.waitUntil(
        lambda: (
            page.desk.details is not None
            and page.desk.details.id == request_id
            and not page.desk.busy
        ),
        timeout=10_000,
    )


def status_of(factory: sessionmaker[Session], request_id: int) -> tuple[str, str | None]:
    with factory() as session:
        request = session.get_one(RegistrationRequest, request_id)
        return request.status, request.claimed_by
