"""The news body editor as an editor uses it: each toolbar action and its key writes the
HTML the portal stores, the buttons follow the cursor, the link dialog refuses what the
portal refuses, tables grow and shrink, and whatever is typed saves and opens again byte
for byte, with no style, font or Qt boilerplate in it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QToolButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from lkk_admin.services.news_html import sanitize_html
from lkk_admin.views.news.rich_dialogs import LinkDialog, TableDialog
from lkk_admin.views.news.rich_editor import RichTextEditor
from lkk_admin.views.news.rich_html import load_semantic_html, semantic_html
from tests.views.gui import click
from tests.views.news.rich_documents import STORED_BODIES, MarkupCensus
from tests.views.news.rich_support import mime, place, place_at_end, select, shown_editor

LINK = 'target="_blank" rel="noopener noreferrer"'
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def editor(qtbot: QtBot) -> RichTextEditor:
    return shown_editor(qtbot)


def load(editor: RichTextEditor, stored: str) -> None:
    editor.set_semantic_html(stored)
    assert editor.semantic_html() == stored


def press(
    editor: RichTextEditor,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    QTest.keyClick(editor.editor, key, modifier)


def button(editor: RichTextEditor, action_name: str) -> QToolButton:
    action = getattr(editor, action_name)
    widget = editor.toolbar.widgetForAction(action)
    assert isinstance(widget, QToolButton)
    return widget


def open_link_dialog(qtbot: QtBot, editor: RichTextEditor) -> LinkDialog:
    press(editor, Qt.Key.Key_K, CTRL)
    qtbot.waitUntil(lambda: editor.link_dialog is not None and editor.link_dialog.isVisible())
    assert editor.link_dialog is not None
    return editor.link_dialog


def answer_link(qtbot: QtBot, dialog: LinkDialog, address: str, text: str | None = None) -> None:
    if text is not None:
        dialog.text_field.setText(text)
    dialog.address_field.setText(address)
    QTest.keyClick(dialog.address_field, Qt.Key.Key_Return)


def assert_stored_cleanly(editor: RichTextEditor) -> str:
    stored = editor.semantic_html()
    census = MarkupCensus(stored)
    assert "style" not in {name for _tag, name in census.attributes}
    assert not census.comments and not census.declarations
    assert sanitize_html(stored) == stored
    reopened = QTextDocument()
    load_semantic_html(reopened, stored)
    assert semantic_html(reopened) == stored
    return stored


# --- paragraphs and headings ----------------------------------------------------------------------


def test_the_block_style_box_and_its_keys_make_headings_and_paragraphs(
    qtbot: QtBot, editor: RichTextEditor
) -> None:
    load(editor, "<p>Новости</p>\n<p>Подробнее</p>\n<p>Текст с <strong>жирным</strong>.</p>")
    place(editor, "Новости", 2)
    editor.block_style.activated.emit(1)  # the user picks «Heading 2»
    place(editor, "Подробнее", 2)
    press(editor, Qt.Key.Key_3, CTRL_ALT)
    assert assert_stored_cleanly(editor) == (
        "<h2>Новости</h2>\n<h3>Подробнее</h3>\n<p>Текст с <strong>жирным</strong>.</p>"
    )
    place(editor, "Новости")
    assert editor.block_style.currentIndex() == 1
    place(editor, "Подробнее")
    assert editor.block_style.currentIndex() == 2
    press(editor, Qt.Key.Key_0, CTRL_ALT)
    assert editor.block_style.currentIndex() == 0
    place(editor, "жирным", 2)
    editor.block_style.activated.emit(0)  # a paragraph again: its own bold stays
    assert editor.semantic_html() == (
        "<h2>Новости</h2>\n<p>Подробнее</p>\n<p>Текст с <strong>жирным</strong>.</p>"
    )


def test_enter_at_the_end_of_a_heading_starts_a_paragraph(
    qtbot: QtBot, editor: RichTextEditor
) -> None:
    load(editor, "<h2>Заголовок</h2>")
    place_at_end(editor)
    press(editor, Qt.Key.Key_Return)
    QTest.keyClicks(editor.editor, "text")
    assert editor.semantic_html() == "<h2>Заголовок</h2>\n<p>text</p>"
    assert not editor.bold_action.isChecked()


# --- characters -----------------------------------------------------------------------------------


def test_ctrl_b_and_the_italic_button_format_the_selection(
    qtbot: QtBot, editor: RichTextEditor
) -> None:
    load(editor, "<p>Оплатите до 18 числа месяца.</p>")
    select(editor, "до 18 числа")
    press(editor, Qt.Key.Key_B, CTRL)
    select(editor, "месяца")
    click(button(editor, "italic_action"))
    assert assert_stored_cleanly(editor) == (
        "<p>Оплатите <strong>до 18 числа</strong> <em>месяца</em>.</p>"
    )
    place(editor, "18", 1)
    assert editor.bold_action.isChecked() and not editor.italic_action.isChecked()
    place(editor, "месяца", 2)
    assert editor.italic_action.isChecked() and not editor.bold_action.isChecked()
    select(editor, "до 18 числа")
    press(editor, Qt.Key.Key_B, CTRL)
    assert editor.semantic_html() == "<p>Оплатите до 18 числа <em>месяца</em>.</p>"


def test_bold_switched_on_applies_to_what_is_typed_next(
    qtbot: QtBot, editor: RichTextEditor
) -> None:
    QTest.keyClicks(editor.editor, "Pay ")
    press(editor, Qt.Key.Key_B, CTRL)
    assert editor.bold_action.isChecked()
    QTest.keyClicks(editor.editor, "today")
    press(editor, Qt.Key.Key_B, CTRL)
    press(editor, Qt.Key.Key_I, CTRL)
    QTest.keyClicks(editor.editor, " please")
    assert editor.semantic_html() == "<p>Pay <strong>today</strong><em> please</em></p>"


def test_clear_formatting_leaves_plain_paragraphs(qtbot: QtBot, editor: RichTextEditor) -> None:
    load(
        editor,
        "<h2>Заголовок <em>курсив</em></h2>\n<blockquote>\n<p>цитата <strong>жирная</strong> "
        f'<a href="https://rn-energo.ru/" {LINK}>ссылка</a></p>\n</blockquote>\n'
        "<ul>\n<li><strong>пункт</strong></li>\n</ul>",
    )
    cursor = editor.editor.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    editor.editor.setTextCursor(cursor)
    editor.clear_format_action.trigger()
    assert assert_stored_cleanly(editor) == (
        "<p>Заголовок курсив</p>\n<p>цитата жирная ссылка</p>\n<ul>\n<li>пункт</li>\n</ul>"
    )


def test_clear_formatting_without_a_selection_clears_the_current_block(
    qtbot: QtBot, editor: RichTextEditor
) -> None:
    load(editor, "<h3><em>один</em></h3>\n<p><em>два</em></p>")
    place(editor, "один", 1)
    press(editor, Qt.Key.Key_Backslash, CTRL)
    assert editor.semantic_html() == "<p>один</p>\n<p><em>два</em></p>"


# --- lists and quotes -----------------------------------------------------------------------------


def test_list_buttons_make_change_and_undo_lists(qtbot: QtBot, editor: RichTextEditor) -> None:
    load(editor, "<p>Порядок:</p>\n<p>передайте показания;</p>\n<p>оплатите счёт.</p>")
    cursor = editor.document().find("передайте")
    cursor.setPosition(
        editor.document().find("оплатите").selectionEnd(), cursor.MoveMode.KeepAnchor
    )
    editor.editor.setTextCursor(cursor)
    editor.bullet_list_action.trigger()
    assert editor.bullet_list_action.isChecked() and not editor.numbered_list_action.isChecked()
    assert assert_stored_cleanly(editor) == (
        "<p>Порядок:</p>\n<ul>\n<li>передайте показания;</li>\n<li>оплатите счёт.</li>\n</ul>"
    )
    press(editor, Qt.Key.Key_7, CTRL_SHIFT)  # numbered: the list changes its kind
    assert editor.numbered_list_action.isChecked() and not editor.bullet_list_action.isChecked()
    assert editor.semantic_html() == (
        "<p>Порядок:</p>\n<ol>\n<li>передайте показания;</li>\n<li>оплатите счёт.</li>\n</ol>"
    )
    editor.numbered_list_action.trigger()  # pressed again: paragraphs
    assert editor.semantic_html() == (
        "<p>Порядок:</p>\n<p>передайте показания;</p>\n<p>оплатите счёт.</p>"
    )
    place(editor, "Порядок")
    assert not editor.numbered_list_action.isChecked()


def test_tab_nests_a_list_item_and_shift_tab_and_enter_bring_it_back(
    qtbot: QtBot, editor: RichTextEditor
) -> None:
    load(editor, "<ul>\n<li>счета</li>\n<li>за январь</li>\n<li>акты</li>\n</ul>")
    place(editor, "за январь")
    press(editor, Qt.Key.Key_Tab)
    assert assert_stored_cleanly(editor) == (
        "<ul>\n<li>счета<ul>\n<li>за январь</li>\n</ul></li>\n<li>акты</li>\n</ul>"
    )
    place(editor, "за январь")
    editor.numbered_list_action.trigger()  # the nested list alone becomes numbered
    assert editor.semantic_html() == (
        "<ul>\n<li>счета<ol>\n<li>за январь</li>\n</ol></li>\n<li>акты</li>\n</ul>"
    )
    press(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert editor.semantic_html() == (
        "<ul>\n<li>счета</li>\n<li>за январь</li>\n<li>акты</li>\n</ul>"
    )
    place(editor, "акты", 4)
    press(editor, Qt.Key.Key_Return)
    press(editor, Qt.Key.Key_Return)  # on the new, empty item: out of the list
    QTest.keyClicks(editor.editor, "after")
    assert editor.semantic_html() == (
        "<ul>\n<li>счета</li>\n<li>за январь</li>\n<li>акты</li>\n</ul>\n<p>after</p>"
    )


def test_the_quote_button_quotes_and_unquotes_paragraphs(
    qtbot: QtBot, editor: RichTextEditor
) -> None:
    load(editor, "<p>Письмо:</p>\n<p>Ставка указывается отдельно.</p>\n<p>Подпись</p>")
    select(editor, "Ставка")
    click(button(editor, "quote_action"))
    place(editor, "Подпись")
    press(editor, Qt.Key.Key_9, CTRL_SHIFT)
    assert assert_stored_cleanly(editor) == (
        "<p>Письмо:</p>\n<blockquote>\n<p>Ставка указывается отдельно.</p>\n<p>Подпись</p>\n"
        "</blockquote>"
    )
    assert editor.quote_action.isChecked()
    place(editor, "Письмо")
    assert not editor.quote_action.isChecked()
    place(editor, "Ставка")
    editor.quote_action.trigger()
    assert editor.semantic_html() == (
        "<p>Письмо:</p>\n<p>Ставка указывается отдельно.</p>\n<blockquote>\n<p>Подпись</p>\n"
        "</blockquote>"
    )


def test_a_quote_read_from_the_database_shows_as_quoted_on_every_paragraph(
    qtbot: QtBot, editor: RichTextEditor
) -> None:
    load(editor, "<blockquote>\n<p>один</p>\n<p>два</p>\n</blockquote>")
    place(editor, "два")
    assert editor.quote_action.isChecked()
    editor.quote_action.trigger()
    assert editor.semantic_html() == "<blockquote>\n<p>один</p>\n</blockquote>\n<p>два</p>"


# --- links ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "file:///C:/secret.txt",
        "/news/1",
    ],
)
def test_the_link_dialog_refuses_addresses_the_portal_does_not_accept(
    qtbot: QtBot, editor: RichTextEditor, address: str
) -> None:
    load(editor, "<p>Личный кабинет</p>")
    select(editor, "кабинет")
    dialog = open_link_dialog(qtbot, editor)
    answer_link(qtbot, dialog, address)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "http" in dialog.error.text() or "http" in dialog.error.text().lower()
    assert editor.semantic_html() == "<p>Личный кабинет</p>"
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor.link_dialog is None)
    assert editor.semantic_html() == "<p>Личный кабинет</p>"


def test_an_empty_address_is_asked_for_again(qtbot: QtBot, editor: RichTextEditor) -> None:
    load(editor, "<p>Личный кабинет</p>")
    select(editor, "кабинет")
    dialog = open_link_dialog(qtbot, editor)
    answer_link(qtbot, dialog, "   ")
    assert dialog.isVisible() and dialog.error.isVisible()


def test_a_link_on_the_selection_opens_in_a_new_tab(qtbot: QtBot, editor: RichTextEditor) -> None:
    load(editor, "<p>Передайте показания в личном кабинете.</p>")
    select(editor, "личном кабинете")
    dialog = open_link_dialog(qtbot, editor)
    assert dialog.text_field.text() == "личном кабинете"
    answer_link(qtbot, dialog, "lk.rn-energo.ru/readings")  # a bare host is a web address
    qtbot.waitUntil(lambda: editor.link_dialog is None)
    assert assert_stored_cleanly(editor) == (
        f'<p>Передайте показания в <a href="https://lk.rn-energo.ru/readings" {LINK}>'
        "личном кабинете</a>.</p>"
    )
    place(editor, "кабинете", 3)
    assert editor.unlink_action.isEnabled()
    place(editor, "Передайте", 3)
    assert not editor.unlink_action.isEnabled()


def test_a_link_without_a_selection_inserts_its_text_and_typing_goes_on_plain(
    qtbot: QtBot, editor: RichTextEditor
) -> None:
    QTest.keyClicks(editor.editor, "Write to ")
    dialog = open_link_dialog(qtbot, editor)
    answer_link(qtbot, dialog, "info@rn-energo.ru", text="our support")
    qtbot.waitUntil(lambda: editor.link_dialog is None)
    QTest.keyClicks(editor.editor, " today")
    assert assert_stored_cleanly(editor) == (
        f'<p>Write to <a href="mailto:info@rn-energo.ru" {LINK}>our support</a> today</p>'
    )


def test_a_link_can_be_edited_and_removed_from_anywhere_inside_it(
    qtbot: QtBot, editor: RichTextEditor
) -> None:
    load(
        editor,
        f'<p>См. <a href="https://rn-energo.ru/old" {LINK}>новость <strong>о НДС</strong></a> '
        "и другое.</p>",
    )
    place(editor, "новость", 3)
    dialog = open_link_dialog(qtbot, editor)
    assert dialog.address_field.text() == "https://rn-energo.ru/old"
    assert dialog.text_field.text() == "новость о НДС"
    answer_link(qtbot, dialog, "https://rn-energo.ru/vat")
    qtbot.waitUntil(lambda: editor.link_dialog is None)
    assert editor.semantic_html() == (
        f'<p>См. <a href="https://rn-energo.ru/vat" {LINK}>новость <strong>о НДС</strong></a> '
        "и другое.</p>"
    )
    place(editor, "НДС", 1)
    press(editor, Qt.Key.Key_K, CTRL_SHIFT)
    assert editor.semantic_html() == "<p>См. новость <strong>о НДС</strong> и другое.</p>"
    assert not editor.unlink_action.isEnabled()


def test_remove_link_on_a_selection_unlinks_every_link_in_it(
    qtbot: QtBot, editor: RichTextEditor
) -> None:
    load(
        editor,
        f'<p><a href="https://a.ru/" {LINK}>один</a> и <a href="https://b.ru/" {LINK}>два</a> '
        f'и <a href="https://c.ru/" {LINK}>три</a></p>',
    )
    cursor = editor.document().find("один")
    cursor.setPosition(editor.document().find("два").selectionEnd() - 1, cursor.MoveMode.KeepAnchor)
    editor.editor.setTextCursor(cursor)
    assert editor.unlink_action.isEnabled()
    editor.unlink_action.trigger()
    assert editor.semantic_html() == (
        f'<p>один и дв<a href="https://b.ru/" {LINK}>а</a> и '
        f'<a href="https://c.ru/" {LINK}>три</a></p>'
    )


# --- tables ---------------------------------------------------------------------------------------


def test_a_table_is_inserted_with_a_header_row_and_grows_and_shrinks(
    qtbot: QtBot, editor: RichTextEditor
) -> None:
    load(editor, "<p>Ставки:</p>")
    place_at_end(editor)
    for action in ("add_row_action", "remove_row_action", "add_column_action"):
        assert not getattr(editor, action).isEnabled()
    click(button(editor, "table_action"))
    qtbot.waitUntil(lambda: editor.table_dialog is not None and editor.table_dialog.isVisible())
    dialog = editor.table_dialog
    assert isinstance(dialog, TableDialog)
    dialog.rows.setValue(3)
    dialog.columns.setValue(2)
    QTest.keyClick(dialog.rows, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.table_dialog is None)
    table = editor.editor.textCursor().currentTable()
    assert table is not None and (table.rows(), table.columns()) == (3, 2)
    assert editor.add_row_action.isEnabled() and not editor.table_action.isEnabled()
    assert not editor.bullet_list_action.isEnabled()
    for (row, column), text in {
        (0, 0): "Период",
        (0, 1): "Ставка",
        (1, 0): "до 2026",
        (1, 1): "20 %",
        (2, 0): "с 2026",
        (2, 1): "22 %",
    }.items():
        editor.editor.setTextCursor(table.cellAt(row, column).firstCursorPosition())
        editor.editor.insertPlainText(text)
    assert assert_stored_cleanly(editor) == (
        "<p>Ставки:</p>\n<table>\n<thead>\n<tr><th>Период</th><th>Ставка</th></tr>\n</thead>\n"
        "<tbody>\n<tr><td>до 2026</td><td>20 %</td></tr>\n<tr><td>с 2026</td><td>22 %</td></tr>\n"
        "</tbody>\n</table>"
    )
    place(editor, "до 2026")
    editor.add_row_action.trigger()
    editor.add_column_action.trigger()
    assert editor.semantic_html() == (
        "<p>Ставки:</p>\n<table>\n<thead>\n<tr><th>Период</th><th></th><th>Ставка</th></tr>\n"
        "</thead>\n<tbody>\n<tr><td>до 2026</td><td></td><td>20 %</td></tr>\n"
        "<tr><td></td><td></td><td></td></tr>\n<tr><td>с 2026</td><td></td><td>22 %</td></tr>\n"
        "</tbody>\n</table>"
    )
    place(editor, "с 2026")
    editor.remove_row_action.trigger()
    place(editor, "Ставка")
    editor.remove_column_action.trigger()
    place(editor, "Период")
    editor.remove_column_action.trigger()
    assert editor.semantic_html() == (
        "<p>Ставки:</p>\n<table>\n<thead>\n<tr><th></th></tr>\n</thead>\n<tbody>\n"
        "<tr><td></td></tr>\n<tr><td></td></tr>\n</tbody>\n</table>"
    )


def test_a_cancelled_table_dialog_inserts_nothing(qtbot: QtBot, editor: RichTextEditor) -> None:
    load(editor, "<p>Текст</p>")
    editor.table_action.trigger()
    qtbot.waitUntil(lambda: editor.table_dialog is not None and editor.table_dialog.isVisible())
    assert editor.table_dialog is not None
    QTest.keyClick(editor.table_dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor.table_dialog is None)
    assert editor.semantic_html() == "<p>Текст</p>"
    assert not editor.is_modified()


# --- the toolbar itself ---------------------------------------------------------------------------


def test_every_button_says_what_it_does(editor: RichTextEditor) -> None:
    actions = [action for action in editor.toolbar.actions() if not action.isSeparator()]
    assert len(actions) >= 14
    for action in actions:
        assert action.toolTip().strip(), action.objectName()
    assert editor.block_style.toolTip()
    assert "Ctrl+B" in editor.bold_action.toolTip()


def test_the_shortcuts_act_only_while_the_body_has_focus(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    title = QLineEdit()
    body = RichTextEditor()
    layout = QVBoxLayout(window)
    layout.addWidget(title)
    layout.addWidget(body)
    body.set_semantic_html("<p>текст</p>")
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    body.editor.selectAll()
    QTest.keyClick(title, Qt.Key.Key_B, CTRL)
    assert body.semantic_html() == "<p>текст</p>"
    body.setFocus()
    qtbot.waitUntil(body.editor.hasFocus)
    QTest.keyClick(body.editor, Qt.Key.Key_B, CTRL)
    assert body.semantic_html() == "<p><strong>текст</strong></p>"


def test_read_only_disables_the_toolbar_and_the_text(editor: RichTextEditor) -> None:
    load(editor, "<h2>текст</h2>")
    editor.set_read_only(True)
    assert editor.editor.isReadOnly() and not editor.toolbar.isEnabled()
    QTest.keyClicks(editor.editor, "abc")
    press(editor, Qt.Key.Key_Return)
    assert editor.semantic_html() == "<h2>текст</h2>"
    editor.set_read_only(False)
    assert not editor.editor.isReadOnly() and editor.toolbar.isEnabled()


# --- modification and signals ---------------------------------------------------------------------


def test_loading_is_not_a_change_and_typing_is(qtbot: QtBot, editor: RichTextEditor) -> None:
    changes: list[None] = []
    marks: list[bool] = []
    editor.changed.connect(lambda: changes.append(None))
    editor.modification_changed.connect(marks.append)
    editor.set_semantic_html(STORED_BODIES["everything"])
    assert changes == [] and not editor.is_modified()
    assert not editor.document().isUndoAvailable()  # Ctrl+Z does not empty the loaded body
    with qtbot.waitSignal(editor.changed):
        QTest.keyClicks(editor.editor, "x")
    assert editor.is_modified() and marks == [True]
    editor.set_modified(False)
    assert not editor.is_modified() and marks == [True, False]
    with qtbot.waitSignal(editor.modification_changed) as blocker:
        select(editor, "цитата")
        editor.bold_action.trigger()
    assert blocker.args == [True]


def test_undo_takes_back_a_toolbar_action_at_once(qtbot: QtBot, editor: RichTextEditor) -> None:
    load(editor, "<p>один</p>\n<p>два</p>")
    editor.editor.selectAll()
    editor.bullet_list_action.trigger()
    press(editor, Qt.Key.Key_Z, CTRL)
    assert editor.semantic_html() == "<p>один</p>\n<p>два</p>"


def test_what_is_copied_is_the_clean_html(qtbot: QtBot, editor: RichTextEditor) -> None:
    load(
        editor,
        f'<h2>Заголовок</h2>\n<p>текст <a href="https://rn-energo.ru/" {LINK}>ссылка</a></p>',
    )
    editor.editor.selectAll()
    copied = editor.editor.createMimeDataFromSelection()
    assert copied.html() == (
        f'<h2>Заголовок</h2>\n<p>текст <a href="https://rn-energo.ru/" {LINK}>ссылка</a></p>'
    )
    assert copied.text() == "Заголовок\nтекст ссылка"


# --- whatever is typed ----------------------------------------------------------------------------


_TYPED = st.lists(
    st.sampled_from(["a", "Ж", " ", "  ", "<", "&", "\xa0", "\n", "ёлка", "1.", "\u2028"]),
    min_size=1,
    max_size=5,
).map("".join)
_ACTION_STEPS = (
    "bold", "italic", "bullets", "numbers", "quote", "unlink", "clear", "paragraph",
    "heading2", "heading3", "tab", "backtab", "enter", "add_row", "remove_row", "add_column",
    "remove_column",
)  # fmt: skip
_STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("type"), _TYPED),
        st.tuples(st.just("select"), st.floats(0, 1), st.floats(0, 1)),
        st.tuples(st.sampled_from(_ACTION_STEPS)),
        st.tuples(
            st.just("link"),
            st.sampled_from(["https://rn-energo.ru/?a=1&b=2", "mailto:a@b.ru", "javascript:x"]),
        ),
        st.tuples(st.just("table"), st.integers(2, 3), st.integers(1, 3)),
        st.tuples(st.just("paste"), st.sampled_from(list(STORED_BODIES.values()))),
    ),
    max_size=14,
)


def _run(editor: RichTextEditor, step: tuple[object, ...]) -> None:
    name = step[0]
    text_edit = editor.editor
    cursor = text_edit.textCursor()
    last = editor.document().characterCount() - 1
    if name == "type":
        text_edit.insertPlainText(str(step[1]))
    elif name == "select":
        start, end = (round(float(fraction) * last) for fraction in step[1:])  # type: ignore[arg-type]
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        text_edit.setTextCursor(cursor)
    elif name == "link":
        editor.insert_link(str(step[1]))
    elif name == "table":
        editor.insert_table(int(step[1]), int(step[2]))  # type: ignore[call-overload]
    elif name == "paste":
        text_edit.insertFromMimeData(mime(html=str(step[1])))
    elif name in ("tab", "backtab", "enter"):
        key = {"tab": Qt.Key.Key_Tab, "backtab": Qt.Key.Key_Backtab, "enter": Qt.Key.Key_Return}
        QTest.keyClick(text_edit, key[str(name)])
    elif name in ("paragraph", "heading2", "heading3"):
        editor.set_block_level({"paragraph": 0, "heading2": 2, "heading3": 3}[str(name)])
    else:
        action = {
            "bold": editor.bold_action,
            "italic": editor.italic_action,
            "bullets": editor.bullet_list_action,
            "numbers": editor.numbered_list_action,
            "quote": editor.quote_action,
            "unlink": editor.unlink_action,
            "clear": editor.clear_format_action,
            "add_row": editor.add_row_action,
            "remove_row": editor.remove_row_action,
            "add_column": editor.add_column_action,
            "remove_column": editor.remove_column_action,
        }[str(name)]
        if action.isEnabled():
            action.trigger()


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=_STEPS)
def test_whatever_is_typed_saves_and_opens_to_the_same_bytes(
    editor: RichTextEditor, steps: list[tuple[object, ...]]
) -> None:
    editor.set_semantic_html("")
    for step in steps:
        _run(editor, step)
    stored = assert_stored_cleanly(editor)
    editor.set_semantic_html(stored)
    assert editor.semantic_html() == stored
    assert not editor.is_modified()


# --- how it looks ---------------------------------------------------------------------------------


def test_the_editor_renders_legibly_at_its_usual_size(
    qtbot: QtBot, editor: RichTextEditor, tmp_path: Path
) -> None:
    """Saved for a look: the toolbar fits in 700 pixels and the body shows every kind
    of block the portal knows."""
    load(editor, STORED_BODIES["everything"])
    place(editor, "22", 1)
    path = tmp_path / "rich_editor.png"
    assert editor.grab().save(str(path))
    assert path.stat().st_size > 5_000
    toolbar_width = editor.toolbar.sizeHint().width()
    assert toolbar_width <= 700, toolbar_width
    assert all(
        editor.toolbar.widgetForAction(action).isVisible()  # not in the overflow menu
        for action in editor.toolbar.actions()
        if not action.isSeparator()
    )
