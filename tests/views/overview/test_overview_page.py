"""«Обзор очереди» as a supervisor uses it: the figures shown as charts and numbers, read
again with the queue, exported to one workbook, and fitting a desk's window."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from lkk_admin.models import AuditEvent, RegistrationRequest
from lkk_admin.models.base import utcnow
from lkk_admin.services import checks, queue
from lkk_admin.services.intake import confirm_email, submit_registration
from lkk_admin.services.queue_overview import QueueOverview
from lkk_admin.views.context import AppContext
from lkk_admin.views.main_window import MainWindow
from lkk_admin.views.overview.overview_page import OverviewPage
from lkk_admin.views.overview.tables import FINDING_NAMES
from tests import factories as f
from tests.views.gui import key

SHEETS = [
    "Сводка",
    "Ожидают по возрасту",
    "Решения по дням",
    "Срок до решения",
    "По проверяющим",
    "Повторные возвраты",
    "Причины отказа",
    "Замечания проверок",
]


def submit(factory: sessionmaker[Session], days_ago: float) -> int:
    when = utcnow() - timedelta(days=days_ago)
    with factory.begin() as session:
        request_id = submit_registration(session, f.form(), submitted_at=when)
        confirm_email(session, request_id, confirmed_at=when + timedelta(minutes=20))
    return request_id


def decide(
    factory: sessionmaker[Session], request_id: int, actor: str, how: str, days_ago: float = 0
) -> None:
    when = utcnow() - timedelta(days=days_ago)
    with factory.begin() as session:
        queue.claim(session, request_id, actor, now=when - timedelta(minutes=5))
    with factory.begin() as session:
        if how == "approve":
            queue.approve(session, request_id, actor, now=when)
        elif how == "reject":
            queue.reject(session, request_id, actor, "Не найдена.", "INN_NOT_FOUND", now=when)
        else:
            queue.return_for_clarification(session, request_id, actor, "Уточните.", now=when)


def answered(factory: sessionmaker[Session], request_id: int) -> None:
    """The portal puts a clarified request back in the queue."""
    with factory.begin() as session:
        session.execute(
            update(RegistrationRequest)
            .where(RegistrationRequest.id == request_id)
            .values(status="pending", version=RegistrationRequest.version + 1)
        )


@pytest.fixture
def queue_world(context: AppContext) -> dict[str, int]:
    """Four requests waiting (one 20 days old), an approval, a rejection and a request
    returned twice."""
    factory = context.session_factory
    with factory.begin() as session:
        romashka = f.counterparty(session)
        f.contract(session, romashka, "ЭС-0012/21")
    for days_ago in (0.01, 0.5, 1.2, 20):
        submit(factory, days_ago)
    decide(factory, submit(factory, 6), "verifier1", "approve", days_ago=2)
    decide(factory, submit(factory, 6), "verifier2", "reject", days_ago=1)
    looped = submit(factory, 8)
    for _ in range(2):
        decide(factory, looped, "verifier2", "return")
        answered(factory, looped)
    return {"looped": looped}


@pytest.fixture
def open_page(qtbot: QtBot, context: AppContext) -> Iterator[Callable[..., OverviewPage]]:
    def build(poll_interval_ms: int = 60_000) -> OverviewPage:
        page = OverviewPage(context, poll_interval_ms=poll_interval_ms)
        page.resize(1024, 600)
        qtbot.addWidget(page)
        with qtbot.waitSignal(page.loaded, timeout=15_000):
            page.show()
        return page

    yield build
    context.jobs.cancel_all()
    assert context.jobs.wait(60_000)


def test_the_page_shows_every_figure_as_a_chart_and_as_numbers(
    qtbot: QtBot, open_page: Callable[..., OverviewPage], queue_world: dict[str, int]
) -> None:
    page = open_page()
    seen = page.overview
    assert isinstance(seen, QueueOverview)
    title = page.findChild(QLabel, "sectionTitle")
    assert title is not None and title.text() == "Обзор очереди"
    figures = page.figures
    assert figures.tile_waiting.value_label.text() == "5"  # the looped one waits again
    assert figures.tile_overdue.value_label.text() == str(seen.waiting.overdue)
    assert figures.tile_overdue.caption_label.text() == "просрочены"
    assert figures.tile_decisions.value_label.text() == "4"
    assert figures.tile_decisions.note_label.text() == "возвращались не раз: 1"
    tabs = figures.findChild(QTabWidget, "agesTabs")
    assert tabs is not None and [tabs.tabText(n) for n in range(2)] == ["Диаграмма", "Числа"]

    ages = figures.tables["agesTable"]
    totals = [int(text) for text in ages.column_texts(3)]
    assert sum(totals) == 5 and figures.age_chart.counts == totals
    assert ages.column_texts(4)[0] == "в срок" and ages.column_texts(4)[-1] == "просрочены"
    days = figures.tables["daysTable"]
    headers = [days.horizontalHeaderItem(n) for n in range(5)]
    assert [item.text() if item else "" for item in headers] == [
        "День", "Одобрено", "Отклонено", "Возвращено", "Всего",
    ]  # fmt: skip
    assert sum(int(text) for text in days.column_texts(4)) == 4
    assert len(figures.decisions_chart.days) == len(seen.days)
    verifiers = figures.tables["verifiersTable"]
    assert "verifier1" in verifiers.column_texts(0) and "verifier2" in verifiers.column_texts(0)
    reasons = figures.tables["reasonsTable"]
    assert reasons.column_texts(0) == ["ИНН не найден среди контрагентов"]
    assert figures.times_chart.lines["Медиана"]  # the week's approval and rejection
    assert figures.findings_block.heading.text() == "Частые замечания проверок в решениях"

    # A request returned twice opens in the queue (Enter or a double click).
    loops = figures.tables["loopsTable"]
    assert loops.column_texts(0) == [str(queue_world["looped"])]
    assert loops.column_texts(1) == ["2"]
    page.scroll_area.ensureWidgetVisible(loops)
    loops.setFocus()
    loops.setCurrentCell(0, 0)
    with qtbot.waitSignal(page.navigate_requested) as opened:
        key(loops, Qt.Key.Key_Return)
    assert opened.args == ["registration_queue", queue_world["looped"], ""]

    assert page.commands.refresh.shortcuts()[0].toString() == "F5"
    assert page.commands.export.shortcuts()[0].toString() == "Ctrl+E"
    with qtbot.waitSignal(page.loaded, timeout=15_000):
        page.commands.refresh.trigger()


def test_the_figures_follow_the_queue_while_shown(
    qtbot: QtBot,
    open_page: Callable[..., OverviewPage],
    queue_world: dict[str, int],
    context: AppContext,
) -> None:
    page = open_page(poll_interval_ms=100)
    assert page.figures.tile_waiting.value_label.text() == "5"
    decide(context.session_factory, queue_world["looped"], "verifier1", "approve")
    with qtbot.waitSignal(page.loaded, timeout=15_000):
        pass
    assert page.figures.tile_waiting.value_label.text() == "4"
    page.hide()
    assert not page.poll_timer.isActive()


def test_export_writes_one_workbook_a_sheet_per_table(
    qtbot: QtBot,
    open_page: Callable[..., OverviewPage],
    queue_world: dict[str, int],
    context: AppContext,
    tmp_path: Path,
) -> None:
    page = open_page()
    path = tmp_path / "обзор.xlsx"
    with qtbot.waitSignal(page.exported, timeout=15_000) as done:
        page.export_to(path)
    assert done.args is not None and done.args[0] == path
    workbook = load_workbook(path)
    assert workbook.sheetnames == SHEETS
    summary = {row[0]: row[1] for row in workbook["Сводка"].iter_rows(min_row=2, values_only=True)}
    assert summary["Ожидают решения"] == 5
    assert page.overview is not None
    assert summary["Просрочены"] == page.overview.waiting.overdue
    assert summary["Срок рассмотрения, рабочих дней"] == 2
    assert summary["Возвращались дважды"] == 1
    loops = list(workbook["Повторные возвраты"].iter_rows(values_only=True))
    assert loops[0] == ("Заявка", "Возвратов", "Состояние", "Организация")
    assert loops[1][:2] == (queue_world["looped"], 2)
    verifiers = list(workbook["По проверяющим"].iter_rows(min_row=2, values_only=True))
    assert {row[0] for row in verifiers} >= {"verifier1", "verifier2"}
    assert page.notice.isVisible() and "обзор.xlsx" in page.notice.text()
    with context.session_factory() as session:
        exports = session.scalars(
            select(AuditEvent.details).where(AuditEvent.action == "export_list")
        ).all()
        assert len(exports) == 1 and exports[0]["section"] == "queue_overview"
        assert exports[0]["file"] == "обзор.xlsx"
        assert (session.scalar(select(func.count()).select_from(AuditEvent)) or 0) > 1


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)], ids=["1024x600", "1280x720"])
def test_the_section_fits_a_desk_scrolling_only_down(
    qtbot: QtBot, context: AppContext, queue_world: dict[str, int], size: tuple[int, int]
) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    page = window.pages["queue_overview"]
    assert isinstance(page, OverviewPage)
    with qtbot.waitSignal(page.loaded, timeout=15_000):
        window.show_section("queue_overview")
    menus = [action.text() for action in window.menuBar().actions() if action.isVisible()]
    assert "&Обзор" in menus and "&Заявки" not in menus
    scroll = page.scroll_area
    assert scroll.horizontalScrollBar().maximum() == 0
    assert page.figures.width() <= scroll.viewport().width()
    assert page.figures.height() > scroll.viewport().height()  # it scrolls down instead
    for widget in (page.refresh_button, page.export_button, page.weeks_box):
        corner = widget.mapTo(window, widget.rect().bottomRight())
        assert widget.isVisible() and corner.x() <= window.width()
    tiles = page.figures.tiles
    assert tiles.columns in (3, 6)
    for tile in tiles.tiles:
        assert tile.value_label.width() >= tile.value_label.sizeHint().width()
    for table in page.figures.tables.values():
        assert table.horizontalScrollBar().maximum() == 0
    window.close()


def test_an_empty_queue_says_what_its_empty_tables_mean(
    open_page: Callable[..., OverviewPage],
) -> None:
    page = open_page()
    figures = page.figures
    assert figures.tile_waiting.value_label.text() == "0"
    assert figures.tile_oldest.value_label.text() == "—"
    for block, table in (
        (figures.loops_block, "loopsTable"),
        (figures.verifiers_block, "verifiersTable"),
        (figures.reasons_block, "reasonsTable"),
        (figures.findings_block, "findingsTable"),
    ):
        assert not figures.tables[table].isVisible()
        assert block.note.isVisible() and block.note.text()
    assert "замечания проверок" in figures.findings_block.note.text()


def test_every_finding_code_the_checks_raise_has_a_russian_name() -> None:
    source = Path(checks.__file__).read_text(encoding="utf-8")
    raised = set(re.findall(r'Finding\(\s*"([A-Z_]+)"', source))
    assert len(raised) >= 15
    assert raised <= set(FINDING_NAMES)
