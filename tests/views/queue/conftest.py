"""Fixtures of the queue screens: a crafted registry and requests, pages per verifier.

Each page gets its own context (its own actor and settings file, the same database) with
short intervals: the SQLite poll and the PostgreSQL LISTEN wait are 50 ms, searching
starts at once. ``make_page`` closes its pages, stops their listener threads and waits
for their jobs before the database goes away.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.services import connection
from lkk_admin.services.connection import ConnectionInfo
from lkk_admin.views.context import AppContext, open_settings
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.queue import live_updates
from lkk_admin.views.queue import settings as queue_settings
from lkk_admin.views.queue.queue_page import QueuePage
from lkk_admin.views.workers import JobRunner
from tests import factories as f
from tests.views.queue.helpers import Crafted, wait_loaded

PageFactory = Callable[..., QueuePage]


def craft(factory: sessionmaker[Session]) -> Crafted:
    """A registry of two counterparties and four pending requests of different ages."""
    with factory.begin() as session:
        romashka = f.counterparty(session)
        vasilek = f.counterparty(
            session, inn=f.VASILEK_INN, kpp="773601001", short_name="ООО «Василёк»"
        )
        f.contract(session, romashka, "ЭС-0012/21")
        f.contract(session, romashka, "77090001234567")
        f.contract(session, romashka, "12345/Э", status="terminated")
        f.contract(session, romashka, "ЭС-0077/23")
        f.contract(session, vasilek, "ЭС-0099/22")
        clean = f.registration(
            session,
            login="romashka.buh",
            email="buh@romashka.ru",
            age=timedelta(days=9),
            contract_numbers=["ЭС-0012/21", "77090001234567"],
        )
        mixed = f.registration(
            session,
            login="romashka.ok",
            email="ok@romashka.ru",
            age=timedelta(days=6),
            contract_numbers=["ЭС-0077/23", "ЭС-0099/22"],
        )
        unknown = f.registration(
            session,
            login="neizvestno",
            email="boss@mail.ru",
            inn=f.UNKNOWN_VALID_INN,
            org_name="ООО «Неизвестная»",
            age=timedelta(days=3),
            contract_numbers=["ЭС-0012/21"],
        )
        vasilek_request = f.registration(
            session,
            login="vasilek",
            email="info@vasilek.ru",
            inn=f.VASILEK_INN,
            kpp="773601001",
            org_name="ООО «Василёк»",
            age=timedelta(hours=3),
            contract_numbers=["ЭС-0099/22"],
        )
    return Crafted(clean, mixed, unknown, vasilek_request)


@pytest.fixture
def queue_url(sqlite_db_url: str) -> str:
    return sqlite_db_url


@pytest.fixture
def queue_factory(queue_url: str) -> Iterator[sessionmaker[Session]]:
    engine = db.make_engine(queue_url)
    yield db.session_factory(engine)
    engine.dispose()


@pytest.fixture
def crafted(queue_factory: sessionmaker[Session]) -> Crafted:
    return craft(queue_factory)


@pytest.fixture
def make_page(
    qtbot: QtBot,
    queue_url: str,
    tmp_path: Path,
    jobs: JobRunner,
    errors: ErrorReporter,
) -> Iterator[PageFactory]:
    """``make_page(actor="verifier1", **settings)``: a shown, loaded queue page."""
    pages: list[QueuePage] = []
    infos: list[ConnectionInfo] = []

    def build(
        actor: str = "verifier1",
        *,
        wait: bool = True,
        renew_interval_ms: int = 600_000,
        page_size: int | None = None,
    ) -> QueuePage:
        info = dataclasses.replace(connection.connect_url(queue_url), user=actor)
        infos.append(info)
        settings = open_settings(tmp_path / f"{actor}-{len(pages)}.ini")
        settings.setValue(queue_settings.POLL_KEY, 50)
        settings.setValue(queue_settings.LISTEN_KEY, 50)
        settings.setValue(queue_settings.SEARCH_DELAY_KEY, 0)
        settings.setValue(queue_settings.RENEW_KEY, renew_interval_ms)
        if page_size is not None:
            settings.setValue(queue_settings.PAGE_SIZE_KEY, page_size)
        context = AppContext.create(info, settings, jobs, errors)
        page = QueuePage(context)
        page.resize(1000, 760)
        qtbot.addWidget(page)
        pages.append(page)
        page.show()
        qtbot.waitExposed(page)
        if wait:
            wait_loaded(qtbot, page)
        return page

    yield build
    for page in pages:
        if page.desk.dialog is not None:
            page.desk.dialog.close()
        page.close()
    live_updates.stop_all()
    jobs.cancel_all()
    assert jobs.wait(60_000)
    qtbot.waitUntil(lambda: jobs.running == 0)
    QApplication.processEvents()
    for info in infos:
        info.dispose()
    if errors.last_dialog is not None and not shiboken6.isValid(errors.last_dialog):
        errors.last_dialog = None  # deleted with its page by qtbot
