"""An empty tab or search in the queue says what is empty and where else to look."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.views.gui import type_text
from tests.views.queue.conftest import PageFactory
from tests.views.queue.helpers import Crafted, list_ids, wait_loaded


def shows_empty(page: object) -> bool:
    queue_list = page.list  # type: ignore[attr-defined]
    return bool(queue_list.stack.currentWidget() is queue_list.empty_label)


def test_an_empty_tab_says_what_would_be_there(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory
) -> None:
    page = make_page()
    assert not shows_empty(page)  # four requests wait
    assert page.list.table.isVisible()
    page.list.set_tab("in_review")
    wait_loaded(qtbot, page)
    qtbot.waitUntil(lambda: shows_empty(page))
    text = page.list.empty_label.text()
    assert text.startswith("Ни одна заявка сейчас не на проверке.")
    assert "F2" in text
    assert page.list.empty_label.isVisible() and not page.list.table.isVisible()
    page.list.set_tab("decided")
    wait_loaded(qtbot, page)
    qtbot.waitUntil(lambda: page.list.empty_label.text().startswith("Пока ни одна заявка"))
    page.list.set_tab("pending")
    qtbot.waitUntil(lambda: len(list_ids(page)) == 4 and not shows_empty(page))


def test_an_empty_search_says_how_to_widen_it(
    qtbot: QtBot, crafted: Crafted, make_page: PageFactory
) -> None:
    page = make_page()
    page.list.set_tab("pending")
    wait_loaded(qtbot, page)
    type_text(page.search_box, "Лютик")
    qtbot.waitUntil(lambda: shows_empty(page))
    text = page.list.empty_label.text()
    assert "«Лютик»" in text and "«В очереди»" in text and "«Все»" in text
    assert "Esc" in text
    page.list.set_tab("all")
    qtbot.waitUntil(lambda: "ИНН, КПП" in page.list.empty_label.text())
    assert "«Лютик»" in page.list.empty_label.text()
    page.search_box.clear()
    qtbot.waitUntil(lambda: len(list_ids(page)) == 4 and not shows_empty(page))
