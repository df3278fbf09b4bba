"""The section framework's own promises, on a small section declared here.

The section's source is plain Python over a list (the framework never touches a
database itself; the sections' tests run it over real ones). Its ``detail`` can be held
back to answer late, as a slow database would.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from lkk_admin.services.listing import ListQuery, Page, rows_by_pages
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.detail import DetailPane
from lkk_admin.views.framework.list_page import ListPage
from lkk_admin.views.framework.spec import Column, ListSection, Tabs
from lkk_admin.views.sections import section_by_key
from tests.views.gui import key
from tests.views.sections import wait_detail, wait_loaded


@dataclass(frozen=True)
class Fruit:
    id: int
    name: str
    ripe: bool


@dataclass
class FruitSource:
    fruits: list[Fruit]
    queries: list[ListQuery] = field(default_factory=list)
    afters: list[object] = field(default_factory=list)
    hold: dict[int, threading.Event] = field(default_factory=dict)

    def _selected(self, query: ListQuery) -> list[Fruit]:
        chosen = [f for f in self.fruits if query.search.lower() in f.name.lower()]
        return [f for f in chosen if query.tab == "all" or f.ripe]

    def counts(self, session: Session, query: ListQuery) -> dict[str, int]:
        self.queries.append(query)
        return {"all": len(self.fruits), "ripe": sum(f.ripe for f in self.fruits)}

    def page(
        self, session: Session, query: ListQuery, *, offset: int, after: object, limit: int
    ) -> Page[Fruit]:
        self.afters.append(after)
        selected = self._selected(query)
        return Page(selected[offset : offset + limit], len(selected), offset)

    def detail(self, session: Session, row_id: int) -> Fruit:
        gate = self.hold.get(row_id)
        if gate is not None:
            assert gate.wait(10)
        return next(f for f in self.fruits if f.id == row_id)

    def export_rows(self, session: Session, query: ListQuery) -> Iterator[Fruit]:
        return rows_by_pages(self, session, query)


class FruitPane(DetailPane):
    def __init__(self) -> None:
        super().__init__("fruitPane")
        self.name = QLabel()
        self.body_layout.addWidget(self.name)
        self.clear()

    def fill(self, detail: Fruit) -> None:
        self.title_label.setText(detail.name)
        self.name.setText(detail.name)


def fruit_section(source: FruitSource) -> ListSection[Fruit]:
    return ListSection[Fruit](
        key="fruit",
        context="FruitSection",
        source=lambda _context: source,
        columns=(
            Column("Name", lambda fruit: fruit.name, stretch=1),
            Column("Ripe", lambda fruit: "yes" if fruit.ripe else "", width=60, tabs=("all",)),
        ),
        detail=lambda _context: FruitPane(),
        search_placeholder="Search",
        search_tip="Search by name",
        empty_text="No fruit at all.",
        empty_filtered_text="No fruit matches.",
        menu_title="&Fruit",
        tabs=Tabs(("all", "ripe"), lambda key: key.title()),
        page_size=10,
    )


@pytest.fixture
def source() -> FruitSource:
    return FruitSource([Fruit(n, f"fruit {n:03}", n % 2 == 0) for n in range(1, 26)])


@pytest.fixture
def page(qtbot: QtBot, context: AppContext, source: FruitSource) -> Iterator[ListPage[Fruit]]:
    spec = section_by_key("counterparties")  # any spec: its title and icon
    assert spec is not None
    shown = ListPage(context, spec, fruit_section(source), search_delay_ms=0)
    shown.resize(1024, 600)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    wait_loaded(qtbot, shown)
    yield shown
    for gate in source.hold.values():
        gate.set()


def test_the_first_page_comes_with_the_counts_and_says_how_much_is_shown(
    page: ListPage[Fruit],
) -> None:
    assert page.model.loaded_ids() == list(range(1, 11))
    assert page.filters.tabs.tabText(1) == "Ripe (12)"
    assert page.list.status_label.text() == "Показано 10 из 25"


def test_scrolling_reads_the_next_page_after_the_last_row(
    qtbot: QtBot, page: ListPage[Fruit], source: FruitSource
) -> None:
    page.model.fetchMore()
    qtbot.waitUntil(lambda: page.model.rowCount() == 20)
    assert source.afters[-1] == Fruit(10, "fruit 010", True)


def test_a_tab_hides_the_columns_that_mean_nothing_there(
    qtbot: QtBot, page: ListPage[Fruit]
) -> None:
    page.filters.set_status("ripe")
    qtbot.waitUntil(lambda: page.model.query.tab == "ripe")
    assert page.table.isColumnHidden(1)
    assert page.visible_columns() == [0]


def test_the_selection_is_kept_when_the_list_is_read_again(
    qtbot: QtBot, page: ListPage[Fruit]
) -> None:
    page.list.select_id(4)
    wait_detail(qtbot, page, 4)
    page.filters.set_status("ripe")
    qtbot.waitUntil(lambda: page.model.query.tab == "ripe" and not page.model.is_loading)
    assert page.list.current_id() == 4
    assert page.view.name.text() == "fruit 004"


def test_an_answer_about_a_row_the_user_has_left_is_dropped(
    qtbot: QtBot, page: ListPage[Fruit], source: FruitSource
) -> None:
    gate = source.hold[5] = threading.Event()
    page.list.select_id(5)  # its detail is held back...
    page.list.select_id(6)  # ...while the user moves on
    wait_detail(qtbot, page, 6)
    gate.set()  # the late answer arrives now
    qtbot.waitUntil(lambda: page.context.jobs.running == 0)
    assert page.detail_view.shown_id == 6


def test_typing_a_search_narrows_the_list_and_an_empty_result_says_how_to_widen_it(
    qtbot: QtBot, page: ListPage[Fruit]
) -> None:
    page.search_box.setText("fruit 02")
    qtbot.waitUntil(lambda: page.model.query.search == "fruit 02" and not page.model.is_loading)
    assert page.model.loaded_ids() == list(range(20, 26))
    page.search_box.setText("plum")
    qtbot.waitUntil(lambda: page.model.query.search == "plum" and not page.model.is_loading)
    assert page.list.stack.currentWidget() is page.list.empty_label
    assert page.list.empty_label.text() == "No fruit matches."
    assert page.detail_view.shown_id is None


def test_ctrl_f_goes_to_the_search_and_down_back_to_the_list(
    qtbot: QtBot, page: ListPage[Fruit]
) -> None:
    page.commands.find.trigger()
    assert page.search_box.hasFocus()
    key(page.search_box, Qt.Key.Key_Down)
    assert page.table.hasFocus()


def test_the_page_fits_a_small_desk_without_sideways_scrolling(
    qtbot: QtBot, page: ListPage[Fruit]
) -> None:
    page.resize(1024, 600)
    qtbot.waitUntil(lambda: page.width() == 1024)
    assert not page.table.horizontalScrollBar().isVisible()
    assert page.splitter.sizes()[0] > 0 and page.splitter.sizes()[1] > 0
