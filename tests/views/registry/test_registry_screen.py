"""The counterparties and contracts section as a verifier uses it: find, look, follow."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, select, text

from lkk_admin import db
from lkk_admin.models import AuditEvent
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.framework.list_page import ListPage
from lkk_admin.views.registry.counterparty_pane import CounterpartyPane
from lkk_admin.views.workers import JobRunner
from tests.views.gui import click, type_text
from tests.views.sections import section_pages, wait_detail, wait_loaded


@pytest.fixture
def open_section(
    qtbot: QtBot, demo_url: str, tmp_path: Path, jobs: JobRunner, errors: ErrorReporter
) -> Iterator[Callable[..., Any]]:
    with section_pages(qtbot, demo_url, tmp_path, jobs, errors) as build:
        yield lambda **kwargs: build("counterparties", **kwargs)


def metered_counterparty(url: str) -> tuple[int, str, str, str]:
    """(id, ИНН, short name, contract number) of a counterparty whose contract has a
    meter with readings."""
    engine = create_engine(db.normalize_url(url))
    with engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT cp.id, cp.inn, cp.short_name, c.number FROM counterparty cp "
                "JOIN contract c ON c.counterparty_id = cp.id "
                "JOIN consumption_object o ON o.contract_id = c.id "
                "JOIN metering_point p ON p.consumption_object_id = o.id "
                "JOIN meter m ON m.metering_point_id = p.id "
                "JOIN meter_reading r ON r.meter_id = m.id "
                "GROUP BY cp.id, cp.inn, cp.short_name, c.number "
                "ORDER BY count(*) DESC, cp.id LIMIT 1"
            )
        ).one()
    engine.dispose()
    return int(row[0]), str(row[1]), str(row[2]), str(row[3])


def search(qtbot: QtBot, page: ListPage[Any], value: str) -> None:
    type_text(page.search_box, value)
    qtbot.waitUntil(lambda: page.model.query.search == value.strip(), timeout=10_000)
    wait_loaded(qtbot, page)


def test_the_registry_lists_counterparties_with_their_counts(
    qtbot: QtBot, open_section: Callable[..., Any]
) -> None:
    page = open_section()
    assert page.model.total > 100
    tabs = [page.filters.tabs.tabText(i) for i in range(page.filters.tabs.count())]
    assert tabs[0].startswith("Все (") and tabs[1].startswith("Действующие (")
    assert page.list.status_label.text().startswith("Показано 100 из ")
    first = page.model.row_at(0)
    assert page.model.index(0, 0).data() == first.inn
    wait_detail(qtbot, page, first.id)  # the first counterparty opens by itself


def test_search_by_inn_name_and_contract_number_finds_the_counterparty(
    qtbot: QtBot, open_section: Callable[..., Any], demo_url: str
) -> None:
    counterparty_id, inn, name, number = metered_counterparty(demo_url)
    page = open_section()
    search(qtbot, page, inn)
    assert page.model.loaded_ids() == [counterparty_id]
    # A part of the name in capitals without the legal form and quotes.
    part = name.split("«")[-1].rstrip("»").split()[0].upper()
    search(qtbot, page, part)
    assert counterparty_id in page.model.loaded_ids()
    search(qtbot, page, f"  {number.lower()} ")
    assert page.model.loaded_ids() == [counterparty_id]
    search(qtbot, page, "%")
    assert page.model.total == 0
    assert page.list.stack.currentWidget() is page.list.empty_label
    assert "никто не подходит" in page.list.empty_label.text()


def test_the_counterparty_shows_contracts_equipment_readings_and_money(
    qtbot: QtBot, open_section: Callable[..., Any], demo_url: str
) -> None:
    counterparty_id, inn, _name, number = metered_counterparty(demo_url)
    page = open_section()
    search(qtbot, page, inn)
    wait_detail(qtbot, page, counterparty_id)
    pane = page.view
    assert isinstance(pane, CounterpartyPane)
    assert inn in pane.subtitle_label.text()
    assert pane.requisites.value("ИНН") == inn
    assert "***" in pane.requisites.value("Телефон")  # masked
    numbers = pane.contracts_table.column_texts(0)
    assert number in numbers
    panel = pane.contract_panel
    pane.contracts_table.selectRow(numbers.index(number))
    qtbot.waitUntil(
        lambda: panel.contract is not None and panel.contract.number == number, timeout=15_000
    )
    assert panel.contract is not None
    assert panel.equipment.topLevelItemCount() >= 1
    assert panel.balance_table.rowCount() == len(panel.contract.months)
    qtbot.waitUntil(
        lambda: panel.readings is not None and panel.readings.contract_number == number,
        timeout=15_000,
    )
    readings = panel.readings
    assert readings is not None and readings.readings
    assert panel.readings_table.rowCount() == len(readings.readings)
    # The chart has one bar per month of the series, in kWh with the multiplier applied.
    assert len(panel.chart.values) == len(readings.consumption)
    assert [value for value in panel.chart.values if value] == [
        float(month.kwh) for month in readings.consumption if month.kwh
    ]


def test_showing_the_phone_is_audited(
    qtbot: QtBot, open_section: Callable[..., Any], demo_url: str
) -> None:
    counterparty_id, inn, _name, _number = metered_counterparty(demo_url)
    page = open_section(actor="verifier7")
    search(qtbot, page, inn)
    wait_detail(qtbot, page, counterparty_id)
    pane = page.view
    if not pane.reveal_phone.isVisible():
        pytest.skip("this counterparty has no phone")
    click(pane.reveal_phone)
    qtbot.waitUntil(lambda: "phone" in pane.revealed, timeout=10_000)
    assert "***" not in pane.requisites.value("Телефон")
    engine = create_engine(db.normalize_url(demo_url))
    with engine.connect() as connection:
        event = connection.execute(
            select(AuditEvent.actor, AuditEvent.entity, AuditEvent.entity_id, AuditEvent.details)
            .where(AuditEvent.action == "reveal_personal_data")
            .order_by(AuditEvent.id.desc())
        ).first()
    engine.dispose()
    assert event is not None
    assert (event.actor, event.entity, event.entity_id) == (
        "verifier7",
        "counterparty",
        counterparty_id,
    )
    assert event.details == {"field": "phone"}


def test_a_contract_s_report_button_asks_for_the_reports_section(
    qtbot: QtBot, open_section: Callable[..., Any], demo_url: str
) -> None:
    counterparty_id, inn, _name, _number = metered_counterparty(demo_url)
    page = open_section()
    search(qtbot, page, inn)
    wait_detail(qtbot, page, counterparty_id)
    panel = page.view.contract_panel
    qtbot.waitUntil(lambda: panel.contract is not None, timeout=15_000)
    shown = panel.contract
    with qtbot.waitSignal(page.navigate_requested) as asked:
        click(panel.report_button)
    assert asked.args == ["reports", shown.id, shown.number]


def test_the_export_writes_every_selected_counterparty(
    qtbot: QtBot, open_section: Callable[..., Any], tmp_path: Path
) -> None:
    page = open_section()
    page.filters.set_status("inactive")
    wait_loaded(qtbot, page)
    expected = page.model.total
    target = tmp_path / "реестр.xlsx"
    with qtbot.waitSignal(page.exporter.finished, timeout=30_000) as done:
        page.exporter.export_to(target)
    assert done.args == [target, expected]
    sheet = load_workbook(target, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("ИНН", "КПП", "Наименование")
    assert len(rows) == expected + 1
    contracts = rows[0].index("Договоры")
    assert all(isinstance(row[contracts], int) for row in rows[1:])
    assert not (tmp_path / "реестр.xlsx.part").exists()
    assert "Выгружено строк" in page.notice.text()


def test_a_header_click_orders_the_list_by_that_column(
    qtbot: QtBot, open_section: Callable[..., Any]
) -> None:
    page = open_section()
    first_by_name = page.model.row_at(0).short_name
    header = page.table.horizontalHeader()
    header.sectionClicked.emit(2)  # «Наименование»: ascending, as it was
    qtbot.waitUntil(lambda: page.model.query.order == "name" and not page.model.is_loading)
    header.sectionClicked.emit(2)  # again: descending
    qtbot.waitUntil(lambda: page.model.query.order == "-name" and not page.model.is_loading)
    assert page.model.row_at(0).short_name != first_by_name
    assert page.model.headerData(2, Qt.Orientation.Horizontal).endswith("▼")
    header.sectionClicked.emit(1)  # КПП is not sortable: nothing changes
    assert page.model.query.order == "-name"
