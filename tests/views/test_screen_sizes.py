"""Every section fits the desks staff have: usable at 1024×600, right at 1280×720.

Windows desks at 125–150 % scaling leave about that much. At both sizes each section's
title, search and list are on screen, the list shows enough rows to work with, and no
detail pane scrolls sideways.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lkk_admin.views.framework.list_page import ListPage
from lkk_admin.views.main_window import MainWindow

SIZES = [(1024, 600), (1280, 720)]
LIST_SECTIONS = [
    "counterparties",
    "portal_users",
    "news",
    "surveys",
    "audit_log",
    "mail_outbox",
]


@pytest.fixture
def window(demo_window: MainWindow) -> MainWindow:
    return demo_window


def visible_width(widget: QWidget) -> int:
    """How much of the widget's width is on screen inside its window."""
    window = widget.window()
    left = widget.mapTo(window, widget.rect().topLeft()).x()
    return max(0, min(left + widget.width(), window.width()) - max(left, 0))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("key", LIST_SECTIONS)
def test_a_list_section_fits(
    qtbot: QtBot, window: MainWindow, key: str, size: tuple[int, int]
) -> None:
    window.resize(*size)
    window.show_section(key)
    page = window.pages[key]
    assert isinstance(page, ListPage)
    qtbot.waitUntil(lambda: page.model.loaded_once and not page.model.is_loading, timeout=15_000)
    qtbot.waitUntil(lambda: page.detail_view.shown_id is not None, timeout=15_000)
    title = page.findChild(QLabel, "sectionTitle")
    assert title is not None and title.isVisible()
    search = page.findChild(QLineEdit, "searchBox")
    assert search is not None and visible_width(search) >= 150
    table = page.table
    assert isinstance(table, QTableView)
    rows_shown = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    assert rows_shown >= (5 if size[1] <= 600 else 8), rows_shown
    assert not table.horizontalScrollBar().isVisible()
    assert visible_width(table) == table.width()
    for area in page.view.findChildren(QAbstractScrollArea):
        if area.isVisible() and area.objectName() == "detailScroll":
            assert not area.horizontalScrollBar().isVisible()
    window.grab().save(str(Path("/tmp/shots") / f"test-{key}-{size[0]}.png"))


def request_ids(url: str) -> list[int]:
    """A decided request and a waiting one, from the demo world."""
    from sqlalchemy import create_engine, text

    from lkk_admin import db

    engine = create_engine(db.normalize_url(url))
    with engine.connect() as connection_:
        decided = connection_.execute(
            text(
                "SELECT max(id) FROM registration_request "
                "WHERE status IN ('approved', 'rejected', 'needs_info')"
            )
        ).scalar_one()
        waiting = connection_.execute(
            text("SELECT min(id) FROM registration_request WHERE status = 'pending'")
        ).scalar_one()
    engine.dispose()
    return [int(decided), int(waiting)]


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_queue_shows_a_dozen_rows_and_its_request_never_scrolls_sideways(
    qtbot: QtBot, window: MainWindow, demo_url: str, size: tuple[int, int]
) -> None:
    from lkk_admin.views.queue.queue_page import QueuePage

    window.resize(*size)
    window.show_section("registration_queue")
    page = window.pages["registration_queue"]
    assert isinstance(page, QueuePage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=15_000)
    table = page.table
    rows_shown = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    assert rows_shown >= (7 if size[1] <= 600 else 11), rows_shown
    assert visible_width(page.search_box) >= 150
    for request_id in request_ids(demo_url):
        page.show_record(request_id)

        def shown(request_id: int = request_id) -> bool:
            details = page.view.details
            return details is not None and details.id == request_id

        qtbot.waitUntil(shown, timeout=15_000)
        title = page.view.title_label  # every line of a wrapped title is on screen

        def laid_out(title: QLabel = title) -> bool:  # once the layout took it in
            return title.height() >= title.heightForWidth(title.width())

        qtbot.waitUntil(laid_out, timeout=5_000)
        assert not page.view.scroll_area.horizontalScrollBar().isVisible()
        window.grab().save(str(Path("/tmp/shots") / f"test-queue-{request_id}-{size[0]}.png"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("key", ["queue_overview", "reports"])
def test_the_other_screens_fit(
    qtbot: QtBot, window: MainWindow, key: str, size: tuple[int, int]
) -> None:
    window.resize(*size)
    window.show_section(key)
    page = window.pages[key]
    title = page.findChild(QLabel, "sectionTitle")
    assert title is not None and title.isVisible()
    assert visible_width(page) == page.width()
    for area in page.findChildren(QAbstractScrollArea):
        if isinstance(area, QScrollArea) and area.isVisible():
            assert not area.horizontalScrollBar().isVisible(), area.objectName()
