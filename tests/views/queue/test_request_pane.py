"""The request pane: the three steps, the findings, the registry, the contracts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import AuditEvent
from lkk_admin.services import queue
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


def add_request(factory: sessionmaker[Session], **changes: object) -> int:
    with factory.begin() as session:
        return f.registration(session, **changes)


# ООО «Ромашка»'s ИНН with one digit wrong (…580 typed, …510 in the registry), still valid.
TYPO_INN = "7706107580"


def test_a_kpp_mismatch_compares_with_the_counterparty_found_by_the_inn(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    request_id = add_request(queue_factory, login="filial", kpp="770699001")
    page = make_page()
    open_and_wait(qtbot, page, request_id)
    view = page.view
    assert any("найден, но не с КПП 770699001" in text for text in view.findings.texts())
    # The comparison shows what the check matched, not «not in the registry».
    assert view.comparison.differing_labels() == ["КПП"]
    rows = {label: (entered, registry) for label, entered, registry in view.comparison.rows}
    assert rows["ИНН"] == (f.ROMASHKA_INN, f.ROMASHKA_INN)
    assert rows["КПП"] == ("770699001", f.ROMASHKA_KPP)
    assert rows["Наименование"] == ("ООО «Ромашка»", "ООО «Ромашка»")
    assert rows["Действующий контрагент"] == ("да", "да, действует")
    assert view.comparison.marks["КПП"] == ("99", "01")
    assert view.registry_note.text().startswith(
        "В реестре этот ИНН с другим КПП: ООО «Ромашка», КПП 770601001"
    )
    assert not view.registry_button.isHidden()
    assert not view.advice_label.isHidden()
    assert "вернуть заявку на уточнение" in view.advice_label.text()
    assert "ИНН есть в реестре, но с другим КПП" in view.advice_label.text()


def test_the_owner_of_someone_elses_contract_is_shown_beside_what_was_typed(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    request_id = add_request(
        queue_factory, login="opechatka", inn=TYPO_INN, contract_numbers=["ЭС-0012/21"]
    )
    page = make_page()
    open_and_wait(qtbot, page, request_id)
    owners = page.view.owners
    assert not owners.isHidden()
    [(line_id, table)] = owners.tables.items()
    assert owners.captions[line_id].text() == (
        "Договор № ЭС-0012/21 заключён с ООО «Ромашка», а не с организацией из заявки:"
    )
    rows = {label: (entered, registry) for label, entered, registry in table.rows}
    assert rows["ИНН"] == (TYPO_INN, f.ROMASHKA_INN)
    assert rows["КПП"] == (f.ROMASHKA_KPP, f.ROMASHKA_KPP)
    assert table.differing_labels() == ["ИНН"]
    assert table.marks == {"ИНН": ("8", "1")}
    assert "похоже на опечатку" in owners.hints[line_id].text()
    assert "вернуть заявку на уточнение" in page.view.advice_label.text()
    # A stranger's contract shows its owner, with no hint of a typo.
    open_and_wait(qtbot, page, crafted.mixed)
    [(line_id, table)] = owners.tables.items()
    assert {label: registry for label, _entered, registry in table.rows}["ИНН"] == f.VASILEK_INN
    assert owners.hints == {}
    assert page.view.advice_label.text() == (
        "Проверки подсказывают отклонить заявку: «Указанный договор заключён с другой "
        "организацией.»"
    )
    # A request whose contracts are all its own shows no owners.
    open_and_wait(qtbot, page, crafted.clean)
    assert owners.isHidden() and owners.tables == {}


def test_a_decided_request_shows_the_checks_it_was_decided_on(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    with queue_factory.begin() as session:
        queue.claim(session, crafted.mixed, "verifier1")
        queue.approve(session, crafted.mixed, "verifier1")
    page = make_page()
    open_and_wait(qtbot, page, crafted.mixed)
    view = page.view
    assert not view.checks_source.isHidden()
    assert view.checks_source.text().startswith("Проверки на момент решения (")
    assert not any("уже есть доступ" in text for text in view.findings.texts())
    assert any("ЭС-0099/22" in text for text in view.findings.texts())
    table = view.contracts.table
    assert [cell(table, row, COL_GRANT) for row in range(table.rowCount())] == [
        "предоставлен",
        "отказано",
    ]
    assert view.advice_label.isHidden()  # decided: nothing to suggest
    # An open request is checked now, and says nothing about it.
    open_and_wait(qtbot, page, crafted.clean)
    assert view.checks_source.isHidden()
