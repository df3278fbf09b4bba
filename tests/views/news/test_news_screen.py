"""The news section as an editor uses it: write, paste, save, preview, publish, schedule,
compare versions, and never lose a text to a colleague's save."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from lkk_admin import db
from lkk_admin.services import news
from lkk_admin.services.news_browser import NewsSource
from lkk_admin.views.crash_dialog import ErrorReporter
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.news import formatting as nfmt
from lkk_admin.views.news.editor_window import NewsEditorWindow
from lkk_admin.views.news.history_dialog import HistoryDialog
from lkk_admin.views.news.news_page import NewsPage
from lkk_admin.views.news.publish_dialog import PublishDialog
from lkk_admin.views.workers import JobRunner
from tests.views.gui import click, type_text
from tests.views.sections import section_pages, wait_detail, wait_loaded

EDITOR = "editor1"
WORD_CLIPBOARD = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>'
    "p.MsoNormal {font-family: Calibri}</style></head><body>"
    '<h1 style="font-family: Arial; color: #2F5496">Плановые отключения</h1>'
    '<p class="MsoNormal"><span style="font-size:14pt; color:red">Уважаемые '
    "<b>клиенты</b>!</span><o:p></o:p></p>"
    '<ul><li class="MsoListParagraph" style="mso-list:l0 level1 lfo1">ул. Ленина</li></ul>'
    "</body></html>"
)


@pytest.fixture
def open_section(
    qtbot: QtBot, demo_url: str, tmp_path: Path, jobs: JobRunner, errors: ErrorReporter
) -> Iterator[Callable[..., NewsPage]]:
    pages: list[NewsPage] = []
    with section_pages(qtbot, demo_url, tmp_path, jobs, errors) as build:

        def open_page(**kwargs: Any) -> NewsPage:
            page = build("news", **{"actor": EDITOR, **kwargs})
            assert isinstance(page, NewsPage)
            pages.append(page)
            return page

        yield open_page
        for page in pages:  # editor windows delete themselves when closed
            for window in list(page.editors):
                window.setWindowModified(False)
                window.close()


def query(url: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    engine = create_engine(db.normalize_url(url))
    with engine.begin() as connection:
        result = connection.execute(text(sql), params)
        rows = [tuple(row) for row in result] if result.returns_rows else []
    engine.dispose()
    return rows


def draft_id(url: str) -> int:
    return int(
        query(url, "SELECT id FROM news_item WHERE status = 'draft' ORDER BY id LIMIT 1")[0][0]
    )


def write(qtbot: QtBot, window: NewsEditorWindow, title: str, body_html: str) -> None:
    type_text(window.title_edit, title)
    type_text(window.summary_edit, "Коротко о главном")
    window.body.set_semantic_html(body_html)
    window.body.set_modified(True)
    window._edited()


def save(qtbot: QtBot, window: NewsEditorWindow) -> Any:
    with qtbot.waitSignal(window.saved, timeout=15_000) as saved:
        window.save()
    return saved.args[0] if saved.args else None


def test_the_list_shows_items_by_state(qtbot: QtBot, open_section: Callable[..., NewsPage]) -> None:
    page = open_section()
    tabs = [page.filters.tabs.tabText(i) for i in range(page.filters.tabs.count())]
    assert [tab.split(" (")[0] for tab in tabs] == [
        "Все",
        "Черновики",
        "Запланированные",
        "Опубликованные",
        "Архив",
    ]
    # The demo has every state; its scheduled item is due by the fixture's fixed day, so
    # only the other tabs are sure to count some here (the publish test schedules one).
    assert not [tab for tab in tabs if "(0)" in tab and not tab.startswith("Запланированные")]
    assert page.model.total >= 5
    first = page.model.row_at(0)
    assert first is not None
    wait_detail(qtbot, page, first.id)
    assert page.view.preview.item_view.toPlainText()


def test_a_new_item_is_written_pasted_from_word_saved_and_listed(
    qtbot: QtBot, open_section: Callable[..., NewsPage], demo_url: str
) -> None:
    page = open_section()
    page.commands.named["newItem"].trigger()
    window = page.editors[-1]
    qtbot.waitExposed(window)
    assert window.windowTitle().startswith("Новая запись")
    type_text(window.title_edit, "Плановые отключения 10 декабря")
    assert window.isWindowModified()
    type_text(window.summary_edit, "Где и когда не будет света")
    assert window.summary_counter.text() == "26 из 400 символов"
    pasted = QMimeData()
    pasted.setHtml(WORD_CLIPBOARD)
    window.body.editor.insertFromMimeData(pasted)
    detail = save(qtbot, window)
    assert not window.isWindowModified()
    stored = query(demo_url, "SELECT body_html, status FROM news_item WHERE id = :id", id=detail.id)
    body, status = stored[0]
    assert status == "draft"
    assert "<h2>Плановые отключения</h2>" in body
    assert "<strong>клиенты</strong>" in body
    assert "<li>ул. Ленина</li>" in body
    for styling in ("style", "class", "span", "font", "mso", "o:p"):
        assert styling not in body
    wait_detail(qtbot, page, detail.id)  # the list shows the new item
    assert page.view.title_label.text() == "Плановые отключения 10 декабря"
    # Saving again without a change keeps the same bytes and the same version.
    window._edited()
    again = save(qtbot, window)
    assert again.body_html == body and again.version == detail.version


def test_the_preview_shows_the_item_as_the_portal_with_plain_text_title(
    qtbot: QtBot, open_section: Callable[..., NewsPage]
) -> None:
    page = open_section()
    window = page.new_item()
    write(qtbot, window, "<script>alert(1)</script> Новость", "<p>Текст <em>новости</em></p>")
    window.tabs.setCurrentWidget(window.preview)
    shown = window.preview.item_view.toPlainText()
    assert "<script>alert(1)</script> Новость" in shown  # the title is text, not markup
    assert "Текст новости" in shown
    qtbot.waitUntil(lambda: "Подробнее" in window.preview.home_view.toPlainText(), timeout=15_000)
    window.setWindowModified(False)
    window.close()


def test_publishing_now_and_scheduling_ask_with_the_preview(
    qtbot: QtBot, open_section: Callable[..., NewsPage], demo_url: str
) -> None:
    news_id = draft_id(demo_url)
    page = open_section()
    page.show_record(news_id)
    wait_detail(qtbot, page, news_id)
    dialog = page.publish_item()
    assert isinstance(dialog, PublishDialog)
    assert dialog.preview.item_view.toPlainText()
    assert dialog.now_radio.isChecked()
    with qtbot.waitSignal(dialog.published, timeout=15_000):
        click(dialog.confirm_button)
    qtbot.waitUntil(lambda: page.item is not None and page.item.row.on_portal, timeout=15_000)
    assert page.item is not None and page.item.row.status == "published"

    page.unpublish_item()
    qtbot.waitUntil(
        lambda: page.item is not None and page.item.row.status == "draft", timeout=15_000
    )
    dialog = page.publish_item()
    assert dialog is not None
    dialog.at_radio.setChecked(True)
    tomorrow = fmt.now_utc() + timedelta(days=1)
    dialog.publish_at_edit.setDateTime(nfmt.to_qt_moscow(tomorrow))
    assert dialog.confirm_button.text().replace("&", "") == "Запланировать"
    with qtbot.waitSignal(dialog.published, timeout=15_000):
        click(dialog.confirm_button)
    qtbot.waitUntil(
        lambda: page.item is not None and page.item.row.status == "scheduled", timeout=15_000
    )
    assert page.item is not None and not page.item.row.on_portal
    stored = query(demo_url, "SELECT publish_at FROM news_item WHERE id = :id", id=news_id)[0][0]
    assert str(stored).startswith(tomorrow.strftime("%Y-%m-%d"))  # UTC stored


def test_a_moment_in_the_past_cannot_be_scheduled(
    qtbot: QtBot, open_section: Callable[..., NewsPage], demo_url: str
) -> None:
    news_id = draft_id(demo_url)
    page = open_section()
    page.show_record(news_id)
    wait_detail(qtbot, page, news_id)
    dialog = page.publish_item()
    assert dialog is not None
    dialog.at_radio.setChecked(True)
    dialog.publish_at_edit.setDateTime(nfmt.to_qt_moscow(fmt.now_utc() - timedelta(hours=2)))
    assert not dialog.confirm_button.isEnabled()
    assert "прошёл" in dialog.confirm_button.toolTip()
    dialog.reject()


def test_two_versions_are_compared_and_the_older_restored(
    qtbot: QtBot, open_section: Callable[..., NewsPage], demo_url: str
) -> None:
    page = open_section()
    window = page.new_item()
    write(qtbot, window, "Сроки оплаты", "<p>Оплатите до 10-го числа.</p>")
    first = save(qtbot, window)
    window.body.set_semantic_html("<p>Оплатите до 15-го числа.</p>")
    window._edited()
    second = save(qtbot, window)
    assert second.version > first.version
    wait_detail(qtbot, page, second.id)
    qtbot.waitUntil(lambda: page.item is not None and page.item.version == second.version)
    dialog = page.show_history()
    assert isinstance(dialog, HistoryDialog)
    qtbot.waitUntil(lambda: "15-го" in dialog.diff_view.toPlainText(), timeout=15_000)
    shown = dialog.diff_view.toHtml()
    assert "10-го" in shown and "15-го" in shown
    with qtbot.waitSignal(dialog.restored, timeout=15_000):
        click(dialog.restore_button)
    qtbot.waitUntil(
        lambda: page.item is not None and page.item.version > second.version, timeout=15_000
    )
    body = query(demo_url, "SELECT body_html FROM news_item WHERE id = :id", id=second.id)[0][0]
    assert "10-го" in body
    window.close()


def test_a_colleagues_newer_save_is_refused_and_the_text_is_kept(
    qtbot: QtBot, open_section: Callable[..., NewsPage], demo_url: str, monkeypatch: Any
) -> None:
    news_id = draft_id(demo_url)
    page = open_section()
    page.show_record(news_id)
    wait_detail(qtbot, page, news_id)
    window = page.edit_item()
    assert window is not None
    type_text(window.title_edit, "Мой заголовок")
    # Meanwhile a colleague saves the same item.
    with db.session_factory(demo_url).begin() as session:
        current = NewsSource().detail(session, news_id)
        news.save(
            session,
            "editor2",
            title="Заголовок коллеги",
            kind=current.row.kind,
            summary=current.summary,
            body_html=current.body_html,
            news_id=news_id,
            expected_version=current.version,
        )
    window.save()
    qtbot.waitUntil(window.conflict_bar.isVisible, timeout=15_000)
    assert "editor2" in window.notice.text()
    assert window.title_edit.text() == "Мой заголовок"  # nothing typed is lost
    assert window.isWindowModified()
    click(window.copy_button)
    qtbot.waitUntil(lambda: window.theirs is None)
    click(window.theirs_button)
    qtbot.waitUntil(lambda: window.theirs is not None, timeout=15_000)
    assert window.theirs is not None
    assert window.theirs.title_edit.text() == "Заголовок коллеги"
    assert window.theirs.title_edit.isReadOnly()
    saved = save(qtbot, window)  # knowingly over theirs
    assert saved.row.title == "Мой заголовок"
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_args, **_kwargs: QMessageBox.StandardButton.Discard
    )
    window.theirs.close()
    window.close()


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(
    qtbot: QtBot, open_section: Callable[..., NewsPage], monkeypatch: Any
) -> None:
    page = open_section()
    window = page.new_item()
    type_text(window.title_edit, "Черновик")
    asked: list[str] = []

    def answer(*args: Any, **_kwargs: Any) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert not window.close()
    assert window.isVisible() and asked
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_args, **_kwargs: QMessageBox.StandardButton.Discard
    )
    assert window.close()


def test_editors_have_the_commands_in_the_menu_and_the_card(
    qtbot: QtBot, open_section: Callable[..., NewsPage]
) -> None:
    page = open_section()
    wait_loaded(qtbot, page)
    assert {"newItem", "editItem", "publishItem", "historyItem"} <= set(page.commands.named)
    in_pane = {action.objectName() for action in page.view.toolbar.actions()}
    assert {"editItemAction", "publishItemAction", "historyItemAction"} <= in_pane
    # Verifiers do not see the section at all (tests/views/test_window_by_role.py).


def test_the_editor_and_the_publish_dialog_fit_a_small_desk(
    qtbot: QtBot, open_section: Callable[..., NewsPage], demo_url: str
) -> None:
    news_id = draft_id(demo_url)
    page = open_section()
    page.show_record(news_id)
    wait_detail(qtbot, page, news_id)
    window = page.edit_item()
    dialog = page.publish_item()
    assert window is not None and dialog is not None
    for shown in (window, dialog):
        hint = shown.minimumSizeHint()
        assert hint.width() <= 1024 - 48 and hint.height() <= 600 - 48, (shown, hint)
        screen = shown.screen().availableGeometry()
        assert shown.height() <= screen.height() and shown.width() <= screen.width()
    window.grab().save(str(Path("/tmp/shots") / "test-news-editor.png"))
    dialog.reject()


def test_opening_and_saving_an_item_unchanged_writes_no_version(
    qtbot: QtBot, open_section: Callable[..., NewsPage], demo_url: str
) -> None:
    news_id, version = query(
        demo_url,
        "SELECT id, version FROM news_item WHERE body_html LIKE '%<table>%' ORDER BY id LIMIT 1",
    )[0]
    page = open_section()
    page.show_record(news_id)
    wait_detail(qtbot, page, news_id)
    window = page.edit_item()
    assert window is not None
    window._edited()
    saved = save(qtbot, window)
    assert saved.version == version
    assert query(demo_url, "SELECT version FROM news_item WHERE id = :id", id=news_id) == [
        (version,)
    ]
