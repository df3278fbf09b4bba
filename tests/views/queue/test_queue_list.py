"""The queue list: tabs with counts, search, server-side sorting and paging, checks."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models.base import utcnow
from lkk_admin.services import intake, queue, review_sla
from lkk_admin.services.passwords import hash_password
from lkk_admin.services.request_list import is_overdue
from lkk_admin.views.queue.formatting import OVERDUE_BACKGROUND
from lkk_admin.views.queue.request_table_model import (
    CHECK_ROLE,
    COL_CHECK,
    COL_CLAIM,
    COL_CONTRACTS,
    COL_INN,
    COL_ORG,
    COL_SUBMITTED,
)
from lkk_admin.views.review_sla_dialog import ReviewSlaDialog
from tests import factories as f
from tests.views.gui import type_text
from tests.views.queue.conftest import PageFactory
from tests.views.queue.helpers import Crafted, list_ids, org_names, wait_checked, wait_loaded

PASSWORD_HASH = hash_password("S3cret-pass")


def tab_titles(page: object) -> list[str]:
    tabs = page.list.tabs  # type: ignore[attr-defined]
    return [tabs.tabText(index) for index in range(tabs.count())]


def test_the_queue_opens_with_counts_oldest_first(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory
) -> None:
    page = make_page()
    assert tab_titles(page) == [
        "В очереди (4)",
        "На проверке (0)",
        "На уточнении (0)",
        "Ждут подтверждения почты (0)",
        "Решённые (0)",
        "Все (4)",
    ]
    assert list_ids(page) == [crafted.clean, crafted.mixed, crafted.unknown, crafted.vasilek]
    model = page.model
    headers = [
        model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())
    ]
    assert headers == [
        "Подана",
        "Организация",
        "ИНН / КПП",
        "Договоры",
        "Проверка",
        "Взята",
        "Статус",
    ]
    assert str(model.index(0, COL_SUBMITTED).data()).endswith("· 9 дн.")
    assert model.index(3, COL_SUBMITTED).data().endswith("· 3 ч")
    assert model.index(0, COL_INN).data() == f"{f.ROMASHKA_INN} / {f.ROMASHKA_KPP}"
    assert "b***@romashka.ru" in model.index(0, COL_ORG).data(Qt.ItemDataRole.ToolTipRole)
    assert "buh@romashka.ru" not in model.index(0, COL_ORG).data(Qt.ItemDataRole.ToolTipRole)
    assert page.list.status_label.text() == "Показано 4 из 4"
    assert page.list.live_label.text() == "Демобаза: список обновляется каждые 0.05 с"


def test_check_counts_arrive_after_the_page(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory
) -> None:
    page = make_page()
    wait_checked(qtbot, page)
    model = page.model
    counts = {
        model.row_at(row).id: model.index(row, COL_CHECK).data(CHECK_ROLE)  # type: ignore[union-attr]
        for row in range(model.rowCount())
    }
    assert counts[crafted.clean] == (0, 0, 0)
    assert counts[crafted.mixed][0] == 1  # the other counterparty's contract
    assert counts[crafted.unknown][0] >= 1  # no such counterparty
    assert model.index(1, COL_CHECK).data().startswith("ошибок: 1")


def test_search_by_inn_name_and_contract(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory
) -> None:
    page = make_page()
    type_text(page.search_box, f.VASILEK_INN)
    qtbot.waitUntil(lambda: list_ids(page) == [crafted.vasilek])
    assert page.list.status_label.text() == "Показано 1 из 1"
    type_text(page.search_box, "неизвестн")
    qtbot.waitUntil(lambda: list_ids(page) == [crafted.unknown])
    type_text(page.search_box, "эс 0099 22")  # spaces, case, no dash
    qtbot.waitUntil(lambda: list_ids(page) == [crafted.mixed, crafted.vasilek])
    page.search_box.clear()
    qtbot.waitUntil(lambda: len(list_ids(page)) == 4)


def test_tabs_and_server_side_sorting(
    qtbot: QtBot,
    crafted: Crafted,
    make_page: PageFactory,
    queue_factory: sessionmaker[Session],
) -> None:
    with queue_factory.begin() as session:
        queue.claim(session, crafted.mixed, "verifier2")
    page = make_page()
    page.list.set_tab("in_review")
    qtbot.waitUntil(lambda: list_ids(page) == [crafted.mixed])
    assert not page.table.isColumnHidden(COL_CLAIM)
    assert page.model.index(0, COL_CLAIM).data().startswith("verifier2 до ")
    page.list.set_tab("pending")
    qtbot.waitUntil(lambda: list_ids(page) == [crafted.clean, crafted.unknown, crafted.vasilek])
    assert page.table.isColumnHidden(COL_CLAIM)
    page.table.sortByColumn(COL_ORG, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: page.model.query.sort == "org_name" and not page.model.is_loading)
    assert org_names(page) == ["ООО «Василёк»", "ООО «Неизвестная»", "ООО «Ромашка»"]
    page.table.sortByColumn(COL_SUBMITTED, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: list_ids(page) == [crafted.vasilek, crafted.unknown, crafted.clean])
    # The contracts cannot be sorted on the server: the indicator stays where the order is.
    page.table.sortByColumn(COL_CONTRACTS, Qt.SortOrder.AscendingOrder)
    header = page.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.sortIndicatorSection() == COL_SUBMITTED)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert page.model.query.sort == "submitted_at"


def _overdue_rows(page: object) -> list[int]:
    model = page.model  # type: ignore[attr-defined]
    background = Qt.ItemDataRole.BackgroundRole
    return [
        row
        for row in range(model.rowCount())
        if model.index(row, COL_ORG).data(background) == OVERDUE_BACKGROUND
    ]


def _expected_overdue(page: object, days: int) -> list[int]:
    """The rows the production calendar makes overdue at ``days`` (the test may run on
    any day: a weekend or the New Year holidays shorten the working days)."""
    model = page.model  # type: ignore[attr-defined]
    rows = [model.row_at(row) for row in range(model.rowCount())]
    return [n for n, r in enumerate(rows) if is_overdue(r.submitted_at, working_days=days)]


def _save_sla(factory: sessionmaker[Session], days: int) -> None:
    """An administrator at another desk sets the organisation's deadline."""
    with factory.begin() as session:
        version = review_sla.read_sla(session).version
        review_sla.save_sla(session, days, "admin", expected_version=version)


def test_overdue_rows_follow_the_organisations_review_deadline(
    qtbot: QtBot,
    crafted: Crafted,
    make_page: PageFactory,
    queue_factory: sessionmaker[Session],
) -> None:
    page = make_page()  # nothing saved yet: the default of two working days
    model = page.model
    assert model.sla_days == review_sla.DEFAULT_WORKING_DAYS
    assert list_ids(page)[0] == crafted.clean  # 9 days old
    overdue = _expected_overdue(page, 2)
    assert _overdue_rows(page) == overdue
    assert 3 not in overdue  # submitted 3 hours ago
    # The tooltip states the due date (over the New Year holidays even 9 days are within).
    tip = model.index(0, COL_SUBMITTED).data(Qt.ItemDataRole.ToolTipRole)
    first = model.row_at(0)
    assert first is not None
    due = f"{review_sla.due_date(first.submitted_at.date(), 2):%d.%m.%Y}"
    if 0 in overdue:
        assert f"Просрочена: рассмотреть нужно было до {due} включительно" in tip
    else:
        assert f"Рассмотреть до {due} включительно" in tip
    assert tip.endswith("(2 раб. дн. на решение)")
    newest = model.index(3, COL_SUBMITTED).data(Qt.ItemDataRole.ToolTipRole)
    assert "Рассмотреть до " in newest and "Просрочена" not in newest

    # Another desk's administrator allows 60 working days: the queue follows at its next
    # load (a refresh here; showing the section again does the same).
    _save_sla(queue_factory, 60)
    page.refresh()
    qtbot.waitUntil(lambda: model.sla_days == 60, timeout=10_000)
    assert _overdue_rows(page) == []
    tip = model.index(0, COL_SUBMITTED).data(Qt.ItemDataRole.ToolTipRole)
    assert "Просрочена" not in tip and "(60 раб. дн. на решение)" in tip

    _save_sla(queue_factory, 1)
    page.hide()
    page.show()
    qtbot.waitUntil(lambda: model.sla_days == 1, timeout=10_000)
    assert _overdue_rows(page) == _expected_overdue(page, 1)
    # No per-desk setting any more.
    assert page.context.settings.value("Queue/overdue_working_days") is None


def test_the_requests_menu_shows_the_deadline_and_an_administrator_changes_it(
    qtbot: QtBot,
    crafted: Crafted,
    make_page: PageFactory,
    queue_factory: sessionmaker[Session],
) -> None:
    page = make_page()  # SQLite: the desk may do everything, an administrator's too
    page.commands.overdue.trigger()
    dialog = page.findChild(ReviewSlaDialog)
    assert isinstance(dialog, ReviewSlaDialog)
    qtbot.waitUntil(lambda: dialog.setting is not None, timeout=10_000)
    assert dialog.days.value() == 2 and not dialog.days.isReadOnly()
    dialog.days.setValue(60)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save()
    # This desk highlights by it at once, without waiting for a load.
    assert page.model.sla_days == 60 and _overdue_rows(page) == []
    with queue_factory() as session:
        assert review_sla.read_sla(session).value == 60


def test_the_model_passes_the_model_tester(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    crafted: Crafted,
    make_page: PageFactory,
    queue_factory: sessionmaker[Session],
) -> None:
    page = make_page(page_size=2)
    qtmodeltester.check(page.model)  # type: ignore[no-untyped-call]
    wait_checked(qtbot, page)
    page.model.fetchMore()  # the tester keeps watching inserts, removals and moves
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    with queue_factory.begin() as session:
        queue.claim(session, crafted.mixed, "verifier2")  # leaves the tab
        f.registration(session, login="newcomer", email="new@romashka.ru")  # joins it
    page.model.refresh()
    qtbot.waitUntil(lambda: crafted.mixed not in list_ids(page) and len(list_ids(page)) == 4)
    page.table.sortByColumn(COL_ORG, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: page.model.query.sort == "org_name" and not page.model.is_loading)
    qtmodeltester.check(page.model)  # type: ignore[no-untyped-call]


def test_scrolling_fetches_more_pages(
    qtbot: QtBot, make_page: PageFactory, queue_factory: sessionmaker[Session]
) -> None:
    with queue_factory.begin() as session:
        romashka = f.counterparty(session)
        f.contract(session, romashka, "ЭС-0012/21")
        now = utcnow()
        for number in range(250):  # one precomputed password hash: hashing is slow
            form = f.form(login=f"bulk{number}", email=f"bulk{number}@romashka.ru")
            request_id = intake.submit_registration(
                session,
                form,
                submitted_at=now - timedelta(minutes=500 - number),
                password_hash=PASSWORD_HASH,
            )
            intake.confirm_email(session, request_id)
    page = make_page(page_size=100)
    assert page.model.rowCount() == 100
    assert page.model.total == 250
    assert page.model.canFetchMore()
    scroll = page.table.verticalScrollBar()
    scroll.setValue(scroll.maximum())
    qtbot.waitUntil(lambda: page.model.rowCount() == 200, timeout=10_000)
    qtbot.waitUntil(lambda: not page.model.is_loading)
    scroll.setValue(scroll.maximum())
    qtbot.waitUntil(lambda: page.model.rowCount() == 250, timeout=10_000)
    assert not page.model.canFetchMore()
    assert len(set(list_ids(page))) == 250
    assert page.list.status_label.text() == "Показано 250 из 250"
    wait_loaded(qtbot, page)
