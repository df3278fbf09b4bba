"""Every section fits the desks staff have: usable at 1024×600, right at 1280×720.

Windows desks at 125–150 % scaling leave about that much. At both sizes each section's
title, search and list are on screen, the list shows enough rows to work with, and no
detail pane scrolls sideways.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QLineEdit, QTableView, QWidget
from pytestqt.qtbot import QtBot

from lkk_admin.services import connection
from lkk_admin.views.context import AppContext, open_settings
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.framework.list_page import ListPage
from lkk_admin.views.main_window import MainWindow
from lkk_admin.views.workers import JobRunner

SIZES = [(1024, 600), (1280, 720)]
LIST_SECTIONS = ["counterparties", "audit_log", "mail_outbox"]


@pytest.fixture
def window(
    qtbot: QtBot, demo_url: str, tmp_path: Path, jobs: JobRunner, errors: ErrorReporter
) -> Iterator[MainWindow]:
    info = connection.connect_url(demo_url)
    context = AppContext.create(info, open_settings(tmp_path / "w.ini"), jobs, errors)
    shown = MainWindow(context)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
    jobs.cancel_all()
    assert jobs.wait(60_000)
    qtbot.waitUntil(lambda: jobs.running == 0)
    info.dispose()


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
