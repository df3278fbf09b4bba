"""Other desks: claims and decisions elsewhere reach the list, the counts and the pane;
the open request's claim is renewed and its loss is told."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import AuditEvent, RegistrationRequest
from lkk_admin.models.base import utcnow
from lkk_admin.services import queue
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.queue.request_table_model import COL_CLAIM
from tests.views.queue.conftest import PageFactory
from tests.views.queue.helpers import Crafted, list_ids, open_and_wait, status_of


def lease_of(factory: sessionmaker[Session], request_id: int) -> object:
    with factory() as session:
        return session.get_one(RegistrationRequest, request_id).claim_expires_at


def test_a_second_desk_sees_the_claim_by_polling(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory
) -> None:
    mine = make_page("verifier1")
    other = make_page("verifier2")
    assert not other.list.live.uses_notifications
    open_and_wait(qtbot, other, crafted.vasilek)
    assert other.list.current_row().id == crafted.vasilek  # type: ignore[union-attr]

    mine.desk.claim(crafted.clean)
    qtbot.waitUntil(mine.desk.is_mine)
    qtbot.waitUntil(lambda: other.list.tabs.tabText(1) == "На проверке (1)", timeout=10_000)
    assert other.list.tabs.tabText(0) == "В очереди (3)"
    assert crafted.clean not in list_ids(other)
    assert other.list.current_row().id == crafted.vasilek  # type: ignore[union-attr]

    # The other desk looks at a request (not claiming it) when this desk takes it.
    open_and_wait(qtbot, other, crafted.mixed)
    assert other.commands.claim.isEnabled()
    mine.desk.claim(crafted.mixed)
    qtbot.waitUntil(lambda: "verifier1" in other.view.claim_label.text(), timeout=10_000)
    assert other.view.claim_label.text().startswith("Заявку проверяет verifier1 до ")
    assert not other.commands.claim.isEnabled()
    mine.desk.open(crafted.clean)
    qtbot.waitUntil(lambda: mine.desk.details is not None and mine.desk.details.id == crafted.clean)
    other.list.set_tab("in_review")
    qtbot.waitUntil(lambda: list_ids(other) == [crafted.clean, crafted.mixed])
    assert other.model.index(0, COL_CLAIM).data().startswith("verifier1 до ")

    # Releasing elsewhere moves it on again.
    mine.desk.release()
    qtbot.waitUntil(lambda: list_ids(other) == [crafted.mixed], timeout=10_000)
    assert other.list.tabs.tabText(1) == "На проверке (1)"


def test_the_lease_is_renewed_while_the_request_is_open(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    page = make_page(renew_interval_ms=100)
    page.desk.claim(crafted.clean)
    qtbot.waitUntil(page.desk.is_mine)
    first = lease_of(queue_factory, crafted.clean)
    qtbot.waitUntil(lambda: lease_of(queue_factory, crafted.clean) != first, timeout=10_000)
    # The pane follows its own renewals without becoming stale.
    details = page.desk.details
    assert details is not None
    with queue_factory() as session:
        assert session.get_one(RegistrationRequest, crafted.clean).version in (
            details.version,
            details.version + 1,
        )


def test_losing_the_claim_is_told_in_russian(
    qtbot: QtBot,
    crafted: Crafted,
    make_page: PageFactory,
    queue_factory: sessionmaker[Session],
    errors: ErrorReporter,
) -> None:
    page = make_page(renew_interval_ms=100)
    page.desk.claim(crafted.mixed)
    qtbot.waitUntil(page.desk.is_mine)
    later = utcnow() + queue.DEFAULT_LEASE + timedelta(seconds=1)
    with queue_factory.begin() as session:  # the lease looked lapsed to someone else
        queue.claim(session, crafted.mixed, "verifier2", now=later)
    qtbot.waitUntil(lambda: page.view.notice_kind == "warning", timeout=10_000)
    qtbot.waitUntil(lambda: isinstance(errors.last_dialog, QMessageBox))
    message = (
        f"Заявка № {crafted.mixed} больше не закреплена за вами: её проверяет verifier2. "
        "Ваше решение по ней не будет сохранено."
    )
    assert errors.last_dialog.text() == message  # type: ignore[union-attr]
    assert page.view.notice_label.text() == message
    assert "verifier2" in page.view.claim_label.text()
    assert not page.commands.approve.isEnabled()
    assert not page.desk.renew_timer.isActive()


def test_release_puts_the_request_back(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    page = make_page()
    page.desk.claim(crafted.unknown)
    qtbot.waitUntil(page.desk.is_mine)
    assert status_of(queue_factory, crafted.unknown) == ("in_review", "verifier1")
    page.commands.release.trigger()
    qtbot.waitUntil(
        lambda: page.view.notice_label.text() == "Заявка освобождена и возвращена в очередь."
    )
    assert status_of(queue_factory, crafted.unknown) == ("pending", None)
    qtbot.waitUntil(lambda: crafted.unknown in list_ids(page))
    assert page.commands.claim.isEnabled()
    assert not page.commands.release.isEnabled()


def test_an_administrator_frees_someone_elses_claim(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    with queue_factory.begin() as session:
        queue.claim(session, crafted.unknown, "verifier2")
    page = make_page()  # the demo-like SQLite desk has every role, the administrator's too
    assert "admin" in page.context.connection.staff_roles
    open_and_wait(qtbot, page, crafted.unknown)
    qtbot.waitUntil(page.commands.release.isEnabled)
    assert not page.desk.is_mine()
    page.commands.release.trigger()
    qtbot.waitUntil(lambda: "verifier2" in page.view.notice_label.text())
    assert status_of(queue_factory, crafted.unknown) == ("pending", None)
    with queue_factory() as session:
        event = session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "release", AuditEvent.entity_id == crafted.unknown
            )
        ).one()
        assert event.details["forced"] is True


def test_a_verifier_cannot_free_someone_elses_claim(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    with queue_factory.begin() as session:
        queue.claim(session, crafted.unknown, "verifier2")
    page = make_page()
    page.context.connection = replace(page.context.connection, staff_roles=frozenset({"verifier"}))
    open_and_wait(qtbot, page, crafted.unknown)
    page.update_actions()
    assert not page.commands.release.isEnabled()
