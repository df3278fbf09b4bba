"""Fixtures of the outbox screen: four letters, one of each status, and pages to see them.

Letters are plain ORM rows (the screen does not care which decision wrote them). The
database is SQLite unless a test asks for ``outbox_url`` with ``indirect`` parameters
("sqlite", "postgresql"). ``make_page`` closes its pages and waits for their jobs before
the database goes away.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin import db
from lkk_admin.models import MailOutbox
from lkk_admin.services import connection
from lkk_admin.services.connection import ConnectionInfo
from lkk_admin.views.context import AppContext, open_settings
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.outbox.outbox_page import OutboxPage
from lkk_admin.views.workers import JobRunner

SMTP_ERROR = "550 5.1.1 <petrov@vasilek.ru>: Recipient address rejected: User unknown"
HTML = (
    "<p>Здравствуйте, Пётр Петрович!</p><p>Ваша заявка отклонена.</p>"
    '<p><a href="https://lkk.rn-energo.ru">Личный кабинет</a></p>'
    '<img src="https://tracker.example/pixel.png">'
)
TEXT = "Здравствуйте, Пётр Петрович!\n\nВаша заявка отклонена."
NOW = datetime.now(UTC).replace(microsecond=0)

PageFactory = Callable[..., OutboxPage]


@dataclass(frozen=True)
class Letters:
    """Letter ids, newest first: pending, failed, cancelled, sent."""

    pending: int
    failed: int
    cancelled: int
    sent: int


def letter(
    session: Session,
    *,
    status: str,
    to: str,
    subject: str,
    age: timedelta,
    request_id: int,
    attempts: int = 0,
    last_error: str | None = None,
    template: str = "registration_rejected",
) -> int:
    created = NOW - age
    row = MailOutbox(
        to_address=to,
        to_name="Петров Пётр Петрович",
        subject=subject,
        body_text=TEXT,
        body_html=HTML,
        template=template,
        entity="registration_request",
        entity_id=request_id,
        status=status,
        attempts=attempts,
        next_attempt_at=created + timedelta(minutes=10),
        last_error=last_error,
        created_at=created,
        sent_at=created + timedelta(minutes=1) if status == "sent" else None,
    )
    session.add(row)
    session.flush()
    return row.id


def craft(factory: sessionmaker[Session]) -> Letters:
    with factory.begin() as session:
        sent = letter(
            session,
            status="sent",
            to="ivanov@romashka.ru",
            subject="Доступ к личному кабинету открыт",
            age=timedelta(days=3),
            request_id=101,
            attempts=1,
            template="registration_approved",
        )
        cancelled = letter(
            session,
            status="cancelled",
            to="sidorov@lutik.ru",
            subject="Уточните данные заявки",
            age=timedelta(days=2),
            request_id=103,
            template="registration_needs_info",
        )
        failed = letter(
            session,
            status="failed",
            to="petrov@vasilek.ru",
            subject="Заявка на регистрацию отклонена",
            age=timedelta(days=1),
            request_id=102,
            attempts=5,
            last_error=SMTP_ERROR,
        )
        pending = letter(
            session,
            status="pending",
            to="buh@romashka.ru",
            subject="Доступ к личному кабинету открыт",
            age=timedelta(hours=1),
            request_id=104,
            template="registration_approved",
        )
    return Letters(pending, failed, cancelled, sent)


@pytest.fixture
def outbox_url(request: pytest.FixtureRequest) -> str:
    kind = getattr(request, "param", "sqlite")
    return str(request.getfixturevalue("sqlite_db_url" if kind == "sqlite" else "pg_url"))


@pytest.fixture
def outbox_factory(outbox_url: str) -> Iterator[sessionmaker[Session]]:
    engine = db.make_engine(outbox_url)
    yield db.session_factory(engine)
    engine.dispose()


@pytest.fixture
def letters(outbox_factory: sessionmaker[Session]) -> Letters:
    return craft(outbox_factory)


def wait_loaded(qtbot: QtBot, page: OutboxPage) -> None:
    qtbot.waitUntil(
        lambda: page.filters.counts != {} and page.model.loaded_once and not page.model.is_loading,
        timeout=10_000,
    )


@pytest.fixture
def make_page(
    qtbot: QtBot,
    outbox_url: str,
    tmp_path: Path,
    jobs: JobRunner,
    errors: ErrorReporter,
) -> Iterator[PageFactory]:
    """``make_page(actor="verifier1")``: a shown, loaded outbox page."""
    pages: list[OutboxPage] = []
    infos: list[ConnectionInfo] = []

    def build(actor: str = "verifier1", *, page_size: int = 100, wait: bool = True) -> OutboxPage:
        info = dataclasses.replace(connection.connect_url(outbox_url), user=actor)
        infos.append(info)
        settings = open_settings(tmp_path / f"{actor}-{len(pages)}.ini")
        context = AppContext.create(info, settings, jobs, errors)
        page = OutboxPage(context, page_size=page_size, search_delay_ms=0)
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
        if page.dialog is not None:
            page.dialog.close()
        page.close()
    jobs.cancel_all()
    assert jobs.wait(60_000)
    qtbot.waitUntil(lambda: jobs.running == 0)
    QApplication.processEvents()
    for info in infos:
        info.dispose()
    if errors.last_dialog is not None and not shiboken6.isValid(errors.last_dialog):
        errors.last_dialog = None  # deleted with its page by qtbot
