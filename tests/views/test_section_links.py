"""Links between sections go through the main window: a request's counterparty opens in
the registry, a contract's report in Reports, an audit event's letter in the outbox."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from lkk_admin import db
from lkk_admin.views.framework.list_page import ListPage
from lkk_admin.views.main_window import MainWindow
from lkk_admin.views.queue.queue_page import QueuePage
from lkk_admin.views.reports.reports_page import ReportsPage
from tests.views.gui import click


@pytest.fixture
def window(demo_window: MainWindow) -> MainWindow:
    return demo_window


def scalar_row(url: str, sql: str) -> tuple[object, ...]:
    engine = create_engine(db.normalize_url(url))
    with engine.connect() as connection_:
        row = connection_.execute(text(sql)).one()
    engine.dispose()
    return tuple(row)


def test_a_request_s_matched_counterparty_opens_in_the_registry(
    qtbot: QtBot, window: MainWindow, demo_url: str
) -> None:
    request_id, counterparty_id = scalar_row(
        demo_url,
        "SELECT r.id, cp.id FROM registration_request r JOIN counterparty cp "
        "ON cp.inn = r.inn AND cp.kpp = r.kpp WHERE r.status = 'pending' ORDER BY r.id LIMIT 1",
    )
    queue = window.pages["registration_queue"]
    assert isinstance(queue, QueuePage)
    queue.show_record(int(request_id))  # type: ignore[call-overload]
    qtbot.waitUntil(lambda: queue.view.details is not None, timeout=15_000)
    assert queue.view.registry_button.isVisible()
    click(queue.view.registry_button)
    registry = window.pages["counterparties"]
    assert isinstance(registry, ListPage)
    assert window.current_section().key == "counterparties"
    qtbot.waitUntil(lambda: registry.detail_view.shown_id == counterparty_id, timeout=15_000)


def test_a_contract_s_report_button_chooses_it_in_reports(
    qtbot: QtBot, window: MainWindow, demo_url: str
) -> None:
    counterparty_id, inn, number = scalar_row(
        demo_url,
        "SELECT cp.id, cp.inn, c.number FROM counterparty cp JOIN contract c "
        "ON c.counterparty_id = cp.id JOIN charge ch ON ch.contract_id = c.id "
        "GROUP BY cp.id, cp.inn, c.number ORDER BY count(*) DESC LIMIT 1",
    )
    window.show_record("counterparties", int(counterparty_id), str(inn))  # type: ignore[call-overload]
    registry = window.pages["counterparties"]
    assert isinstance(registry, ListPage)
    qtbot.waitUntil(lambda: registry.detail_view.shown_id == counterparty_id, timeout=15_000)
    pane = registry.view
    numbers = pane.contracts_table.column_texts(0)
    pane.contracts_table.selectRow(numbers.index(number))
    panel = pane.contract_panel
    qtbot.waitUntil(
        lambda: panel.contract is not None and panel.contract.number == number, timeout=15_000
    )
    click(panel.report_button)
    reports = window.pages["reports"]
    assert isinstance(reports, ReportsPage)
    assert window.current_section().key == "reports"
    qtbot.waitUntil(
        lambda: reports.chooser.contract is not None and reports.chooser.contract.number == number,
        timeout=15_000,
    )


def test_an_audit_event_opens_its_letter_in_the_outbox(
    qtbot: QtBot, window: MainWindow, demo_url: str
) -> None:
    (letter_id,) = scalar_row(demo_url, "SELECT min(id) FROM mail_outbox")
    window.show_record("mail_outbox", int(letter_id))  # type: ignore[call-overload]
    outbox = window.pages["mail_outbox"]
    assert isinstance(outbox, ListPage)
    qtbot.waitUntil(lambda: outbox.detail_view.shown_id == letter_id, timeout=15_000)
    assert window.current_section().key == "mail_outbox"
