"""The request pane: the three steps, the findings, the registry, the contracts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import AuditEvent
from lkk_admin.views.queue.request_parts import COL_GRANT
from tests import factories as f
from tests.views.gui import click, key
from tests.views.queue.conftest import PageFactory
from tests.views.queue.helpers import Crafted, open_and_wait, status_of


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def grant_cell(page: object, row: int) -> tuple[bool, bool]:
    """(checked, enabled) of a contract's check box."""
    item = page.view.contracts.table.item(row, COL_GRANT)  # type: ignore[attr-defined]
    return (
        item.checkState() == Qt.CheckState.Checked,
        bool(item.flags() & Qt.ItemFlag.ItemIsEnabled),
    )


def test_enter_opens_the_request_with_the_applicants_three_steps(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    page = make_page()
    page.list.focus_table()
    assert page.table.currentIndex().row() == 0
    key(page.table, Qt.Key.Key_Down)
    key(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.desk.details is not None)
    view = page.view
    assert view.details is not None and view.details.id == crafted.mixed
    assert view.title_label.text() == f"Заявка № {crafted.mixed} · ООО «Ромашка»"
    groups = [view.findChild(QLabel, name) for name in ("loginValue", "emailValue")]
    assert [label.text() for label in groups if label] == ["romashka.ok", "o***@\u200bromashka.ru"]
    assert view.last_name_value.text() == "Иванов"
    assert view.phone_value.text() == "+7 (***) ***-**-44"
    assert view.org_type_value.text() == "Юридическое лицо"
    assert view.inn_value.text() == f.ROMASHKA_INN
    assert view.kpp_value.text() == f.ROMASHKA_KPP
    assert view.existing_value.text() == "да"
    assert view.contracts_value.text() == "ЭС-0077/23\nЭС-0099/22"
    assert view.claim_label.text() == "Ждёт в очереди: никто не взял её в работу."
    # Opening is not claiming.
    assert status_of(queue_factory, crafted.mixed) == ("pending", None)


def test_findings_errors_first_and_contracts_to_grant(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory
) -> None:
    page = make_page()
    open_and_wait(qtbot, page, crafted.mixed)
    view = page.view
    assert view.findings.severities()[0] == "error"
    assert any("ЭС-0099/22" in text for text in view.findings.texts())
    assert view.comparison.differing_labels() == []
    table = view.contracts.table
    assert [cell(table, row, 1) for row in range(table.rowCount())] == ["ЭС-0077/23", "ЭС-0099/22"]
    assert cell(table, 1, 2) == "ООО «Василёк»\nдействует"
    assert cell(table, 0, 2) == "ООО «Ромашка»\nдействует"
    assert "ЭС-0099/22" in cell(table, 1, 3)  # the finding: another counterparty's contract
    # Not claimed yet: nothing can be chosen; the erroneous contract never can.
    assert grant_cell(page, 0) == (True, False)
    assert grant_cell(page, 1) == (False, False)
    page.desk.claim(crafted.mixed)
    qtbot.waitUntil(page.desk.is_mine)
    assert grant_cell(page, 0) == (True, True)
    assert grant_cell(page, 1) == (False, False)
    assert page.commands.approve.isEnabled()


def test_unknown_organisation_differs_from_the_registry(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory
) -> None:
    page = make_page()
    open_and_wait(qtbot, page, crafted.unknown)
    view = page.view
    assert "ИНН" in view.comparison.differing_labels()
    assert view.registry_note.text() == "В реестре нет контрагента с таким ИНН."
    assert view.findings.severities().count("error") >= 1
    page.desk.claim(crafted.unknown)
    qtbot.waitUntil(page.desk.is_mine)
    assert not page.commands.approve.isEnabled()  # request-wide error
    assert page.commands.reject.isEnabled()


def test_revealing_contacts_is_audited(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    page = make_page()
    open_and_wait(qtbot, page, crafted.clean)
    view = page.view
    assert view.email_value.text() == "b***@\u200bromashka.ru"
    click(view.reveal_email_button)
    qtbot.waitUntil(lambda: view.email_value.text() == "buh@romashka.ru")
    assert not view.reveal_email_button.isVisible()
    click(view.reveal_phone_button)
    qtbot.waitUntil(lambda: view.phone_value.text() == "+7 (916) 123-45-44")
    with queue_factory() as session:
        events = session.execute(
            select(AuditEvent.actor, AuditEvent.entity_id, AuditEvent.details).where(
                AuditEvent.action == "reveal_personal_data"
            )
        ).all()
    assert [(e.actor, e.entity_id, e.details) for e in events] == [
        ("verifier1", crafted.clean, {"field": "email"}),
        ("verifier1", crafted.clean, {"field": "phone"}),
    ]
    # Another request shows masked data again.
    open_and_wait(qtbot, page, crafted.mixed)
    assert view.email_value.text() == "o***@\u200bromashka.ru"
    assert view.reveal_email_button.isVisibleTo(view)


def test_double_click_opens_the_request(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory
) -> None:
    page = make_page()
    index = page.model.index(2, 1)
    point = page.table.visualRect(index).center()
    click(page.table.viewport(), point)  # QTest sends the double click's second half only
    QTest.mouseDClick(
        page.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point
    )
    qtbot.waitUntil(
        lambda: page.desk.details is not None and page.desk.details.id == crafted.unknown
    )
