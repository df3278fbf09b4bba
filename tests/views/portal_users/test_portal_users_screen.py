"""The portal users section as staff use it: administrators find a user, see what the
portal lets the user see and why, and act; verifiers only read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from lkk_admin import db
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.portal_users.act_dialogs import ActDialog
from lkk_admin.views.portal_users.user_pane import PortalUserPane
from lkk_admin.views.portal_users.users_page import PortalUsersPage
from lkk_admin.views.workers import JobRunner
from tests.views.gui import click, type_text
from tests.views.sections import section_pages, wait_detail, wait_loaded

ADMIN = "admin1"
ACTS = ("blockUser", "unblockUser", "grantAccess", "revokeAccess", "anonymiseDue")


@pytest.fixture
def open_section(
    qtbot: QtBot, demo_url: str, tmp_path: Path, jobs: JobRunner, errors: ErrorReporter
) -> Iterator[Callable[..., PortalUsersPage]]:
    with section_pages(qtbot, demo_url, tmp_path, jobs, errors) as build:

        def open_page(**kwargs: Any) -> PortalUsersPage:
            page = build("portal_users", **kwargs)
            assert isinstance(page, PortalUsersPage)
            return page

        yield open_page


def query(url: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    engine = create_engine(db.normalize_url(url))
    with engine.begin() as connection:
        result = connection.execute(text(sql), params)
        rows = [tuple(row) for row in result] if result.returns_rows else []
    engine.dispose()
    return rows


def user_with_live_contracts(url: str, at_least: int = 2) -> tuple[int, str]:
    """(id, login) of an active user with at least that many live contracts."""
    rows = query(
        url,
        "SELECT u.id, u.login FROM portal_user u JOIN contract_access a "
        "ON a.portal_user_id = u.id AND a.revoked_at IS NULL WHERE u.status = 'active' "
        "GROUP BY u.id, u.login HAVING count(*) >= :n ORDER BY u.id LIMIT 1",
        n=at_least,
    )
    return int(rows[0][0]), str(rows[0][1])


def grantable_contract(url: str) -> tuple[int, str, str, str]:
    """(user id, login, a contract of the user's organisation the user does not see, a
    contract of another company)."""
    rows = query(
        url,
        "SELECT u.id, u.login, c.number FROM portal_user u "
        "JOIN registration_request r ON r.portal_user_id = u.id AND r.status = 'approved' "
        "JOIN contract c ON c.counterparty_id = r.counterparty_id AND c.status <> 'terminated' "
        "WHERE u.status = 'active' AND NOT EXISTS (SELECT 1 FROM contract_access a "
        "WHERE a.portal_user_id = u.id AND a.contract_id = c.id AND a.revoked_at IS NULL) "
        "ORDER BY u.id, c.number LIMIT 1",
    )
    user_id, login, number = rows[0]
    other = query(
        url,
        "SELECT c.number FROM contract c WHERE c.status = 'active' AND c.counterparty_id <> "
        "(SELECT r.counterparty_id FROM registration_request r WHERE r.portal_user_id = :id "
        "AND r.status = 'approved' LIMIT 1) ORDER BY c.id LIMIT 1",
        id=user_id,
    )[0][0]
    return int(user_id), str(login), str(number), str(other)


def search(qtbot: QtBot, page: PortalUsersPage, value: str) -> None:
    type_text(page.search_box, value)
    qtbot.waitUntil(lambda: page.model.query.search == value.strip(), timeout=10_000)
    wait_loaded(qtbot, page)


def open_user(qtbot: QtBot, page: PortalUsersPage, user_id: int, login: str) -> PortalUserPane:
    search(qtbot, page, login)
    assert user_id in page.model.loaded_ids()
    page.show_record(user_id)
    wait_detail(qtbot, page, user_id)
    return page.view


def act(qtbot: QtBot, page: PortalUsersPage, name: str) -> ActDialog:
    action = page.commands.named[name]
    assert action.isEnabled(), name
    action.trigger()
    dialog = page.dialog
    assert isinstance(dialog, ActDialog)
    qtbot.waitExposed(dialog)
    return dialog


def confirm(qtbot: QtBot, dialog: ActDialog) -> None:
    assert dialog.confirm_button.isEnabled(), dialog.confirm_button.toolTip()
    with qtbot.waitSignal(dialog.acted, timeout=15_000):
        click(dialog.confirm_button)


def test_the_list_shows_users_by_status_with_masked_contacts(
    qtbot: QtBot, open_section: Callable[..., PortalUsersPage]
) -> None:
    page = open_section()
    tabs = [page.filters.tabs.tabText(i) for i in range(page.filters.tabs.count())]
    assert tabs[0].startswith("Все (")
    assert any(tab.startswith("Заблокированные (") for tab in tabs)
    assert page.model.total > 10
    first = page.model.row_at(0)
    assert first is not None
    emails = [page.model.index(row, 2).data() for row in range(page.model.rowCount())]
    assert all("*" in email for email in emails if email)
    wait_detail(qtbot, page, first.id)
    blocked = tabs.index(next(tab for tab in tabs if tab.startswith("Заблокированные")))
    page.filters.tabs.setCurrentIndex(blocked)
    qtbot.waitUntil(lambda: page.model.query.tab == "blocked", timeout=10_000)
    wait_loaded(qtbot, page)
    assert page.model.total >= 1
    statuses = {page.model.index(row, 5).data() for row in range(page.model.rowCount())}
    assert statuses == {"заблокирован"}


def test_search_finds_a_user_by_login_inn_and_contract_number(
    qtbot: QtBot, open_section: Callable[..., PortalUsersPage], demo_url: str
) -> None:
    user_id, login = user_with_live_contracts(demo_url)
    inn, number = query(
        demo_url,
        "SELECT cp.inn, c.number FROM contract_access a JOIN contract c ON c.id = a.contract_id "
        "JOIN counterparty cp ON cp.id = c.counterparty_id WHERE a.portal_user_id = :id "
        "AND a.revoked_at IS NULL ORDER BY c.number LIMIT 1",
        id=user_id,
    )[0]
    page = open_section()
    search(qtbot, page, login.upper())
    assert user_id in page.model.loaded_ids()
    search(qtbot, page, str(inn))
    assert user_id in page.model.loaded_ids()
    search(qtbot, page, f" {str(number).lower()} ")
    assert user_id in page.model.loaded_ids()
    search(qtbot, page, "%")
    assert page.model.total == 0
    assert page.list.stack.currentWidget() is page.list.empty_label


def test_the_card_shows_access_requests_letters_and_events_and_links_to_them(
    qtbot: QtBot, open_section: Callable[..., PortalUsersPage], demo_url: str
) -> None:
    user_id, login = user_with_live_contracts(demo_url)
    page = open_section()
    pane = open_user(qtbot, page, user_id, login)
    detail = pane.detail
    assert pane.title_label.text() == login
    assert "*" in pane.profile.value("E-mail")
    assert pane.contracts_table.rowCount() == len(detail.contracts) >= 2
    assert set(pane.contracts_table.column_texts(1)) <= {"действует", "отозван"}
    assert pane.requests_table.rowCount() == len(detail.requests) >= 1
    assert detail.organisation is not None and pane.open_registry.isVisible()

    with qtbot.waitSignal(page.navigate_requested) as registry:
        click(pane.open_registry)
    assert registry.args == ["counterparties", detail.organisation.counterparty_id, ""]
    request_item = pane.requests_table.item(0, 0)
    with qtbot.waitSignal(page.navigate_requested) as queue:
        pane.requests_table.itemActivated.emit(request_item)
    assert queue.args == ["registration_queue", detail.requests[0].id, ""]
    if detail.letters:
        with qtbot.waitSignal(page.navigate_requested) as outbox:
            pane.letters_table.itemActivated.emit(pane.letters_table.item(0, 0))
        assert outbox.args == ["mail_outbox", detail.letters[0].id, ""]


def test_revealing_the_e_mail_is_audited(
    qtbot: QtBot, open_section: Callable[..., PortalUsersPage], demo_url: str
) -> None:
    user_id, login = user_with_live_contracts(demo_url)
    (email,) = query(demo_url, "SELECT email FROM portal_user WHERE id = :id", id=user_id)[0]
    page = open_section(actor=ADMIN)
    pane = open_user(qtbot, page, user_id, login)
    click(pane.reveal_email)
    qtbot.waitUntil(lambda: pane.profile.value("E-mail") == email, timeout=15_000)
    assert not pane.reveal_email.isVisible()
    events = query(
        demo_url,
        "SELECT actor FROM audit_event WHERE entity = 'portal_user' AND entity_id = :id "
        "AND action LIKE 'reveal%'",
        id=user_id,
    )
    assert events == [(ADMIN,)]


def test_an_administrator_blocks_and_unblocks_with_a_reason_and_a_letter(
    qtbot: QtBot, open_section: Callable[..., PortalUsersPage], demo_url: str
) -> None:
    user_id, login = user_with_live_contracts(demo_url)
    page = open_section(actor=ADMIN)
    pane = open_user(qtbot, page, user_id, login)
    assert not page.commands.named["unblockUser"].isEnabled()
    dialog = act(qtbot, page, "blockUser")
    assert not dialog.confirm_button.isEnabled()  # the reason is required
    assert dialog.reason_edit is not None
    type_text(dialog.reason_edit, "   ")
    assert not dialog.confirm_button.isEnabled()  # spaces are no reason
    assert dialog.reason_combo is not None and dialog.reason_combo.count() > 2
    dialog.reason_combo.activated.emit(1)
    assert dialog.reason == dialog.reason_combo.itemText(1)
    confirm(qtbot, dialog)
    qtbot.waitUntil(lambda: pane.detail.status == "blocked", timeout=15_000)
    assert "Заблокирован" in pane.state_label.text()
    assert "Письмо №" in pane.notice_label.text()
    assert page.commands.named["unblockUser"].isEnabled()
    assert not page.commands.named["blockUser"].isEnabled()
    letters = query(
        demo_url,
        "SELECT m.to_address = u.email FROM mail_outbox m JOIN portal_user u "
        "ON u.id = m.entity_id WHERE m.entity = 'portal_user' AND m.entity_id = :id "
        "AND m.status = 'pending'",
        id=user_id,
    )
    assert letters == [(True,)]

    dialog = act(qtbot, page, "unblockUser")
    assert dialog.reason_edit is None
    confirm(qtbot, dialog)
    qtbot.waitUntil(lambda: pane.detail.status == "active", timeout=15_000)
    assert not pane.state_label.isVisible()
    actions = query(
        demo_url,
        "SELECT action FROM audit_event WHERE entity = 'portal_user' AND entity_id = :id "
        "AND action IN ('block_user', 'unblock_user') ORDER BY id",
        id=user_id,
    )
    assert actions[-2:] == [("block_user",), ("unblock_user",)]


def test_revoking_every_contract_says_the_user_now_sees_nothing(
    qtbot: QtBot, open_section: Callable[..., PortalUsersPage], demo_url: str
) -> None:
    user_id, login = user_with_live_contracts(demo_url)
    page = open_section(actor=ADMIN)
    pane = open_user(qtbot, page, user_id, login)
    live = len(pane.detail.live_contracts)
    dialog = act(qtbot, page, "revokeAccess")
    contracts = dialog.contracts_list
    assert contracts is not None and contracts.count() == live
    for row in range(contracts.count()):
        contracts.item(row).setCheckState(Qt.CheckState.Checked)
    assert dialog.reason_edit is not None
    type_text(dialog.reason_edit, "Договоры переданы другой организации")
    confirm(qtbot, dialog)
    qtbot.waitUntil(lambda: not pane.detail.live_contracts, timeout=15_000)
    assert pane.detail.status == "active"  # revoking does not block
    assert "не показывает" in pane.state_label.text()
    assert set(pane.contracts_table.column_texts(1)) == {"отозван"}
    assert "Договоры переданы другой организации" in pane.contracts_table.column_texts(5)
    assert not page.commands.named["revokeAccess"].isEnabled()
    (revoked,) = query(
        demo_url,
        "SELECT count(*) FROM contract_access WHERE portal_user_id = :id "
        "AND revoked_at IS NOT NULL AND revoke_reason = 'Договоры переданы другой организации'",
        id=user_id,
    )[0]
    assert revoked == live


def test_a_refused_grant_is_explained_and_keeps_what_was_typed(
    qtbot: QtBot, open_section: Callable[..., PortalUsersPage], demo_url: str
) -> None:
    user_id, login, number, other_company = grantable_contract(demo_url)
    page = open_section(actor=ADMIN)
    pane = open_user(qtbot, page, user_id, login)
    before = len(pane.detail.contracts)
    dialog = act(qtbot, page, "grantAccess")
    assert dialog.number_edit is not None and dialog.reason_edit is not None
    type_text(dialog.number_edit, other_company)
    type_text(dialog.reason_edit, "Письмо организации № 15 от 02.12.2026")
    with qtbot.waitSignal(dialog.failed, timeout=15_000):
        click(dialog.confirm_button)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert "друг" in dialog.error_label.text()  # «другой организации / контрагента»
    assert dialog.reason == "Письмо организации № 15 от 02.12.2026"
    assert dialog.number_edit.text() == other_company

    dialog.number_edit.clear()
    type_text(dialog.number_edit, f" {number.lower()} ")  # typed loosely
    confirm(qtbot, dialog)
    qtbot.waitUntil(lambda: len(pane.detail.contracts) == before + 1, timeout=15_000)
    granted = [line for line in pane.detail.contracts if line.contract_number == number]
    assert granted and granted[0].live and granted[0].registration_request_id is None
    assert "администратор: Письмо организации № 15" in " ".join(
        pane.contracts_table.column_texts(3)
    )


def test_a_card_changed_by_a_colleague_is_refused_and_read_again(
    qtbot: QtBot, open_section: Callable[..., PortalUsersPage], demo_url: str
) -> None:
    user_id, login = user_with_live_contracts(demo_url)
    page = open_section(actor=ADMIN)
    pane = open_user(qtbot, page, user_id, login)
    version = pane.detail.version
    dialog = act(qtbot, page, "blockUser")
    assert dialog.reason_edit is not None
    type_text(dialog.reason_edit, "Передача пароля третьим лицам")
    # Meanwhile a colleague changes the user.
    query(demo_url, "UPDATE portal_user SET version = version + 1 WHERE id = :id", id=user_id)
    with qtbot.waitSignal(dialog.failed, timeout=15_000):
        click(dialog.confirm_button)
    assert "изменен" in dialog.error_label.text()
    assert dialog.reason == "Передача пароля третьим лицам"
    qtbot.waitUntil(lambda: dialog.detail.version == version + 1, timeout=15_000)
    confirm(qtbot, dialog)  # on what the user is now
    qtbot.waitUntil(lambda: pane.detail.status == "blocked", timeout=15_000)


def test_verifiers_read_but_do_not_act(
    qtbot: QtBot, open_section: Callable[..., PortalUsersPage], demo_url: str
) -> None:
    user_id, login = user_with_live_contracts(demo_url)
    page = open_section(roles=frozenset({"verifier"}))
    assert not set(ACTS) & set(page.commands.named)
    menu_texts = [action.text() for action in page.menu.actions()]
    assert not any("Заблокировать" in text for text in menu_texts)
    pane = open_user(qtbot, page, user_id, login)
    assert not pane.toolbar.actions()
    assert pane.contracts_table.rowCount() >= 2  # everything is there to read


def test_administrators_have_every_act_in_the_menu_and_the_card(
    qtbot: QtBot, open_section: Callable[..., PortalUsersPage]
) -> None:
    page = open_section(actor=ADMIN)
    assert set(ACTS) <= set(page.commands.named)
    in_pane = {action.objectName() for action in page.view.toolbar.actions()}
    assert in_pane == {f"{name}Action" for name in ACTS if name != "anonymiseDue"}
    menu = [action.objectName() for action in page.menu.actions()]
    assert "anonymiseDueAction" in menu


def test_the_menu_opens_the_retention_run_with_what_is_due(
    qtbot: QtBot, open_section: Callable[..., PortalUsersPage]
) -> None:
    page = open_section(actor=ADMIN)
    action = page.commands.named["anonymiseDue"]
    assert action.isEnabled()
    dialog = page.open_retention()  # the answer arrives through the event loop
    with qtbot.waitSignal(dialog.loaded, timeout=15_000) as loaded:
        pass
    assert loaded.args is not None and loaded.args[0].total >= 1  # the demo has some due
    assert dialog.isVisible()
    dialog.reject()
