"""The survey builder as an editor uses it: a survey built with the keyboard alone,
questions and options reordered by keys, buttons and drops, a stored survey that comes
back with its ids, a survey with responses whose texts alone can change, the checks'
problems pointing at their question, and a desk of 1024×600.

The builder knows no database: drafts are built by hand (tests/views/surveys/builder_support.py)
as the survey service gives and takes them; problems are made by hand as the checks
report them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QLineEdit
from pytestqt.qtbot import QtBot

from lkk_admin.services.survey_shape import (
    DESCRIPTION_MAX,
    QUESTION_MAX,
    DraftProblem,
    OptionDraft,
    QuestionDraft,
    SurveyDraft,
)
from lkk_admin.views.surveys.builder import SurveyBuilder
from lkk_admin.views.surveys.builder_questions import PROBLEMS_ROLE
from tests.views.gui import click
from tests.views.surveys.builder_support import (
    CTRL,
    focused,
    option_texts,
    press,
    press_alt,
    shown_builder,
    stored_survey,
    type_keys,
)

SHOTS = Path("/tmp/shots")
Key = Qt.Key


def add_by_keyboard(builder: SurveyBuilder, qtbot: QtBot, kind_position: int) -> None:
    """Alt+L to the list, Insert, the kind chosen in the menu with Down and Enter."""
    press_alt("с")  # «Список вопросов»
    assert focused() is builder.question_list
    press(Key.Key_Insert)
    qtbot.waitUntil(builder.add_menu.isVisible)
    for _ in range(kind_position):
        QTest.keyClick(builder.add_menu, Key.Key_Down)
    QTest.keyClick(builder.add_menu, Key.Key_Return)
    qtbot.waitUntil(lambda: not builder.add_menu.isVisible())
    # The offscreen platform leaves the closed menu the active window (a desktop's
    # window manager gives activation back to the window under it).
    builder.activateWindow()
    qtbot.waitUntil(builder.isActiveWindow)
    assert focused() is builder.question_editor.text_edit


# --- building ----------------------------------------------------------------------------------


# The offscreen platform cannot raise a menu or grab the keyboard for it; a desk can.
POPUP_MENU_MESSAGES = pytest.mark.qt_log_ignore(
    "This plugin does not support raise\\(\\)",
    "This plugin does not support grabbing the keyboard",
)


@POPUP_MENU_MESSAGES
def test_a_survey_is_built_with_the_keyboard_alone(qtbot: QtBot) -> None:
    builder = shown_builder(qtbot)
    press_alt("н")  # «Название»
    type_keys("Portal survey 2026")
    press_alt("п")  # «Описание»
    type_keys("Three minutes.")

    add_by_keyboard(builder, qtbot, 0)  # single choice
    type_keys("How often do you log in?")
    press_alt("а")  # «Варианты»
    type_keys("Daily")  # typing on a line edits it
    press(Key.Key_Return)
    type_keys("Weekly")
    press(Key.Key_Return)  # the last line had text: Enter adds the next
    type_keys("Monthly")
    press(Key.Key_Return)
    assert isinstance(focused(), QLineEdit)  # a fresh line waits for the next option
    press(Key.Key_Escape)

    add_by_keyboard(builder, qtbot, 1)  # multiple choice
    type_keys("Which sections do you use?")
    press_alt("а")  # «Варианты»
    for option in ("Readings", "Invoices"):
        type_keys(option)
        press(Key.Key_Return)
    press(Key.Key_Escape)

    add_by_keyboard(builder, qtbot, 2)  # free text
    type_keys("What would you improve?")
    press_alt("я")  # an answer is no longer required (a button's key clicks it)
    qtbot.waitUntil(lambda: not builder.question_editor.required_check.isChecked())

    add_by_keyboard(builder, qtbot, 3)  # rating
    type_keys("Would you recommend us?")
    press_alt("ш")  # «Шкала»
    press(Key.Key_Down)  # 0–10

    assert builder.draft() == SurveyDraft(
        title="Portal survey 2026",
        description="Three minutes.",
        questions=(
            QuestionDraft(
                "single",
                "How often do you log in?",
                True,
                (OptionDraft("Daily"), OptionDraft("Weekly"), OptionDraft("Monthly")),
            ),
            QuestionDraft(
                "multiple",
                "Which sections do you use?",
                True,
                (OptionDraft("Readings"), OptionDraft("Invoices")),
            ),
            QuestionDraft("text", "What would you improve?", False),
            QuestionDraft("rating", "Would you recommend us?", True, rating_scale=10),
        ),
    )
    model = builder.question_model
    assert [model.index(row).data() for row in range(4)] == [
        "1. How often do you log in?",
        "2. Which sections do you use?",
        "3. What would you improve?",
        "4. Would you recommend us?",
    ]


def test_a_new_question_goes_after_the_current_one_and_enter_adds_no_empty_trail(
    qtbot: QtBot,
) -> None:
    builder = shown_builder(qtbot, stored_survey())
    builder.focus_question(1)
    row = builder.add_question("single")
    assert row == 2 and builder.current_question() == 2
    assert builder.draft().questions[2] == QuestionDraft("single", "")
    # A new choice question offers two lines to type into, left out while blank.
    options = builder.question_editor.options
    assert options.model.rowCount() == 2
    options.view.setFocus()
    press(Key.Key_Return)  # edits the first line
    type_keys("Yes")
    press(Key.Key_Return)
    press(Key.Key_Return)  # the second, blank and last: Enter adds nothing after it
    assert options.model.rowCount() == 2
    assert option_texts(builder, 2) == ["Yes"]


def test_typed_texts_stop_at_their_limits(qtbot: QtBot) -> None:
    builder = shown_builder(qtbot, stored_survey())
    builder.description_edit.setPlainText("")
    builder.description_edit.insertPlainText("д" * (DESCRIPTION_MAX + 25))
    assert len(builder.description_edit.toPlainText()) == DESCRIPTION_MAX
    assert builder.description_counter.text() == f"{DESCRIPTION_MAX} из {DESCRIPTION_MAX}"
    builder.focus_question(0)
    text_edit = builder.question_editor.text_edit
    text_edit.selectAll()
    text_edit.insertPlainText("в" * (QUESTION_MAX - 1))
    type_keys("abc")
    assert builder.draft().questions[0].text == "в" * (QUESTION_MAX - 1) + "a"


# --- reordering -----------------------------------------------------------------------------------


def test_questions_move_by_keys_and_buttons_and_their_numbers_follow(qtbot: QtBot) -> None:
    builder = shown_builder(qtbot, stored_survey())
    ids = [question.question_id for question in builder.draft().questions]
    assert ids == [101, 102, 103, 104, 105]
    builder.question_list.setFocus()
    builder.question_list.set_current_row(0)
    press(Key.Key_Down, CTRL)
    press(Key.Key_Down, CTRL)
    assert [q.question_id for q in builder.draft().questions] == [102, 103, 101, 104, 105]
    assert builder.current_question() == 2  # the moved question stays current
    assert builder.question_editor.header.text() == "Вопрос 3 из 5"
    assert str(builder.question_model.index(2).data()).startswith("3. Насколько вероятно")
    press(Key.Key_Up, CTRL)
    assert [q.question_id for q in builder.draft().questions] == [102, 101, 103, 104, 105]
    press(Key.Key_Up, CTRL)
    press(Key.Key_Up, CTRL)  # already first: stays
    assert [q.question_id for q in builder.draft().questions] == [101, 102, 103, 104, 105]
    assert not builder.up_button.isEnabled()

    builder.question_list.set_current_row(4)
    assert not builder.down_button.isEnabled()
    click(builder.up_button)
    click(builder.up_button)
    assert [q.question_id for q in builder.draft().questions] == [101, 102, 105, 103, 104]
    click(builder.down_button)
    assert [q.question_id for q in builder.draft().questions] == [101, 102, 103, 105, 104]


def test_questions_move_by_dragging_in_the_list(qtbot: QtBot) -> None:
    builder = shown_builder(qtbot, stored_survey())
    view, model = builder.question_list, builder.question_model
    assert view.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    # What the list does with its own drag (InternalMove): one move of the row, before
    # the row the mouse lets go above.
    view.set_current_row(0)
    assert model.moveRow(QModelIndex(), 0, QModelIndex(), 3)
    assert [q.question_id for q in builder.draft().questions] == [102, 103, 101, 104, 105]
    assert builder.current_question() == 2
    assert builder.question_editor.header.text() == "Вопрос 3 из 5"
    # A drop of the rows' data past the last row.
    assert model.dropMimeData(
        model.mimeData([model.index(0)]), Qt.DropAction.MoveAction, -1, 0, QModelIndex()
    )
    assert [q.question_id for q in builder.draft().questions] == [103, 101, 104, 105, 102]
    assert builder.question_model.index(4).data() == "5. Как часто вы заходите в личный кабинет?"
    # Two rows dropped together keep their order.
    data = model.mimeData([model.index(3), model.index(1)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert [q.question_id for q in builder.draft().questions] == [101, 105, 103, 104, 102]
    # Foreign data is no move.
    foreign = QMimeData()
    foreign.setText("1")
    assert not model.dropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert model.rowCount() == 5


def test_options_move_by_keys_while_typing_by_buttons_and_by_dragging(qtbot: QtBot) -> None:
    builder = shown_builder(qtbot, stored_survey())
    builder.focus_question(1)
    options = builder.question_editor.options
    ids = [option.option_id for option in builder.draft().questions[1].options]
    assert ids == [1011, 1012, 1013, 1014]
    options.view.setFocus()
    options.view.set_current_row(3)
    press(Key.Key_Up, CTRL)
    press(Key.Key_Up, CTRL)
    assert option_texts(builder, 1) == [
        "Каждый день",
        "Реже",
        "Раз в неделю",
        "Раз в месяц, чтобы передать показания",
    ]
    # Inside a line's editor too: the line moves and its editor stays open on it.
    press(Key.Key_F2)
    assert isinstance(focused(), QLineEdit)
    press(Key.Key_Down, CTRL)
    assert isinstance(focused(), QLineEdit)
    press(Key.Key_End)
    type_keys("!")
    press(Key.Key_Escape)
    assert [o.option_id for o in builder.draft().questions[1].options] == [1011, 1012, 1014, 1013]
    assert option_texts(builder, 1)[2] == "Реже"  # Escape: the line's edit is dropped
    click(options.up_button)
    assert [o.option_id for o in builder.draft().questions[1].options] == [1011, 1014, 1012, 1013]
    # Dragging within the list: the view's move, a drop of its data.
    model = options.model
    assert options.view.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    assert model.moveRow(QModelIndex(), 2, QModelIndex(), 0)
    assert [o.option_id for o in builder.draft().questions[1].options] == [1012, 1011, 1014, 1013]
    data = model.mimeData([model.index(1)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 4, 0, QModelIndex())
    assert [o.option_id for o in builder.draft().questions[1].options] == [1012, 1014, 1013, 1011]
    assert model.moveRow(QModelIndex(), 1, QModelIndex(), 0)
    assert [o.option_id for o in builder.draft().questions[1].options] == [1014, 1012, 1013, 1011]
    # Delete removes the current line, Insert adds one after it.
    options.view.setFocus()
    options.view.set_current_row(0)
    press(Key.Key_Delete)
    press(Key.Key_Insert)
    type_keys("Rarely")
    press(Key.Key_Return)
    assert [(o.text, o.option_id) for o in builder.draft().questions[1].options] == [
        ("Раз в неделю", 1012),
        ("Rarely", None),
        ("Раз в месяц, чтобы передать показания", 1013),
        ("Каждый день", 1011),
    ]


# --- the draft ------------------------------------------------------------------------------------


def test_a_stored_survey_comes_back_as_it_was_with_its_ids(qtbot: QtBot) -> None:
    stored = stored_survey()
    builder = shown_builder(qtbot)
    with qtbot.assertNotEmitted(builder.changed):
        builder.set_draft(stored)
    assert builder.draft() == stored
    assert builder.question_model.rowCount() == 5
    assert builder.question_editor.header.text() == "Вопрос 1 из 5"
    # What a kind has no use for is not in the draft: options of a rating, a text's scale.
    odd = SurveyDraft(
        "  Odd  ",
        questions=(
            QuestionDraft("rating", "Rate", options=(OptionDraft("x", 5),), question_id=1),
            QuestionDraft("text", "Say", rating_scale=10, question_id=2),
            QuestionDraft("rating", "No scale", question_id=3),
        ),
    )
    builder.set_draft(odd)
    assert builder.draft() == SurveyDraft(
        "Odd",
        questions=(
            QuestionDraft("rating", "Rate", rating_scale=5, question_id=1),
            QuestionDraft("text", "Say", question_id=2),
            QuestionDraft("rating", "No scale", rating_scale=5, question_id=3),
        ),
    )
    builder.set_draft(SurveyDraft(""))
    assert builder.draft() == SurveyDraft("")
    assert builder.editor_stack.currentWidget() is builder.empty_label


def test_every_edit_says_the_survey_changed(qtbot: QtBot) -> None:
    builder = shown_builder(qtbot, stored_survey())
    editor = builder.question_editor
    edits = [
        lambda: builder.title_edit.setText("Новое название"),
        lambda: builder.description_edit.setPlainText("Другое описание"),
        lambda: editor.text_edit.setPlainText("Другой вопрос"),
        lambda: editor.scale_combo.setCurrentIndex(0),
        lambda: editor.required_check.setChecked(False),
        lambda: editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("single")),
        lambda: builder.move_current(1),
        lambda: editor.options.model.setData(editor.options.model.index(0), "Да"),
        editor.options.add_option,
        lambda: builder.add_question("text"),
        builder.delete_current,
        builder.undo_delete,
    ]
    for edit in edits:
        with qtbot.waitSignal(builder.changed, timeout=1000):
            edit()


def test_a_deleted_question_comes_back_with_ctrl_z(qtbot: QtBot) -> None:
    builder = shown_builder(qtbot, stored_survey())
    builder.question_list.setFocus()
    builder.question_list.set_current_row(1)
    press(Key.Key_Delete)
    assert [q.question_id for q in builder.draft().questions] == [101, 103, 104, 105]
    assert builder.current_question() == 1
    assert builder.removed_notice.isVisible()
    click(builder.delete_button)
    assert [q.question_id for q in builder.draft().questions] == [101, 104, 105]
    builder.question_list.setFocus()
    press(Key.Key_Z, CTRL)
    press(Key.Key_Z, CTRL)
    assert builder.draft() == stored_survey()
    assert builder.current_question() == 1
    assert not builder.removed_notice.isVisible()


def test_a_choice_turned_into_free_text_keeps_its_options_until_saved(qtbot: QtBot) -> None:
    builder = shown_builder(qtbot, stored_survey())
    builder.focus_question(1)
    editor = builder.question_editor
    assert editor.options.isVisible() and not editor.kind_warning.isVisible()
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("text"))
    assert not editor.options.isVisible()
    assert editor.kind_warning.isVisible() and "4" in editor.kind_warning.text()
    assert builder.draft().questions[1] == QuestionDraft(
        "text", "Как часто вы заходите в личный кабинет?", True, question_id=102
    )
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("multiple"))
    assert builder.draft().questions[1] == replace(stored_survey().questions[1], kind="multiple")
    assert not editor.kind_warning.isVisible()
    # A rating shows its scale; a free-text question neither scale nor options.
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("rating"))
    assert editor.scale_combo.isVisible() and not editor.options.isVisible()
    assert builder.draft().questions[1].rating_scale == 5


# --- who may change what ------------------------------------------------------------------------


def test_a_survey_with_responses_lets_only_its_texts_change(qtbot: QtBot) -> None:
    builder = shown_builder(qtbot)
    reason = "На опрос уже ответили: можно исправить только тексты."
    builder.set_draft(stored_survey(), structure_locked=True, locked_reason=reason)
    assert builder.banner.isVisible() and builder.banner.text() == reason
    editor = builder.question_editor
    for widget in (
        builder.add_button,
        builder.up_button,
        builder.down_button,
        builder.delete_button,
        editor.kind_combo,
        editor.scale_combo,
        editor.required_check,
    ):
        assert not widget.isEnabled(), widget.objectName()

    builder.question_list.setFocus()
    builder.question_list.set_current_row(1)
    press(Key.Key_Down, CTRL)
    press(Key.Key_Delete)
    press(Key.Key_Insert)
    assert not builder.add_menu.isVisible()
    assert builder.add_question("text") == -1
    model = builder.question_model
    assert not model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.moveRow(QModelIndex(), 0, QModelIndex(), 3)
    assert not model.dropMimeData(
        model.mimeData([model.index(0)]), Qt.DropAction.MoveAction, 4, 0, QModelIndex()
    )
    options = editor.options
    for button in (options.add_button, options.remove_button, options.up_button):
        assert not button.isEnabled()
    options.view.setFocus()
    options.view.set_current_row(3)
    press(Key.Key_Up, CTRL)
    press(Key.Key_Delete)
    assert builder.draft() == stored_survey()

    # Texts: the title, the question, an option (Enter on the last adds nothing).
    builder.title_edit.setText("Исправленное название")
    editor.text_edit.setPlainText("Как часто вы заходите в личный кабинет?!")
    options.view.setFocus()
    press(Key.Key_F2)
    press(Key.Key_End)
    type_keys(" (rarely)")
    press(Key.Key_Return)
    assert options.model.rowCount() == 4
    changed = builder.draft()
    assert changed.title == "Исправленное название"
    assert changed.questions[1].text.endswith("?!")
    assert changed.questions[1].options[3] == OptionDraft("Реже (rarely)", 1014)
    assert [q.question_id for q in changed.questions] == [101, 102, 103, 104, 105]

    builder.set_draft(stored_survey())
    assert not builder.banner.isVisible() and builder.add_button.isEnabled()


def test_a_reader_changes_nothing(qtbot: QtBot) -> None:
    builder = shown_builder(qtbot, stored_survey())
    builder.set_read_only(True)
    assert builder.title_edit.isReadOnly() and builder.description_edit.isReadOnly()
    assert builder.question_editor.text_edit.isReadOnly()
    assert not builder.add_button.isVisible() and not builder.delete_button.isVisible()
    builder.focus_question(1)
    options = builder.question_editor.options
    assert not options.model.flags(options.model.index(0)) & Qt.ItemFlag.ItemIsEditable
    options.view.setFocus()
    type_keys("x")
    press(Key.Key_Delete)
    builder.question_list.setFocus()
    press(Key.Key_Delete)
    assert builder.draft() == stored_survey()
    assert not builder.banner.isVisible()
    # The preview still shows the survey.
    builder.tabs.setCurrentWidget(builder.preview)
    assert len(builder.preview.question_frames) == 5


# --- the checks' problems -------------------------------------------------------------------------


def test_problems_mark_their_questions_and_take_the_editor_to_the_first(qtbot: QtBot) -> None:
    builder = shown_builder(qtbot, stored_survey())
    builder.set_draft(
        replace(
            stored_survey(),
            questions=(
                *stored_survey().questions,
                QuestionDraft("single", "", options=(OptionDraft("Да"), OptionDraft("Да"))),
            ),
        )
    )
    builder.tabs.setCurrentWidget(builder.preview)
    problems = [
        DraftProblem("Варианты 1 и 2 совпадают: «Да»", question=5, option=1, field="options"),
        DraftProblem("Нужен текст вопроса", question=5, field="text"),
        DraftProblem("Название длиннее 300 символов", field="title"),
    ]
    builder.show_problems(problems)

    assert builder.tabs.currentWidget() is builder.questions_page
    assert builder.current_question() == 5
    model = builder.question_model
    assert model.index(5).data(PROBLEMS_ROLE) == [
        "Варианты 1 и 2 совпадают: «Да»",
        "Нужен текст вопроса",
    ]
    assert all(not model.index(row).data(PROBLEMS_ROLE) for row in range(5))
    editor = builder.question_editor
    options = editor.options
    assert focused() is options.view and options.view.current_row() == 1
    assert options.error_label.isVisible()
    assert options.error_label.text() == "Варианты 1 и 2 совпадают: «Да»"
    assert options.model.index(1).data(Qt.ItemDataRole.ToolTipRole) == (
        "Варианты 1 и 2 совпадают: «Да»"
    )
    assert options.model.index(0).data(Qt.ItemDataRole.ToolTipRole) is None
    assert editor.text_error.isVisible() and editor.text_error.text() == "Нужен текст вопроса"
    assert builder.title_error.isVisible()
    assert builder.title_error.text() == "Название длиннее 300 символов"
    viewport = builder.editor_scroll.viewport()
    top_left = options.view.mapTo(viewport, options.view.rect().topLeft())
    assert 0 <= top_left.y() < viewport.height()

    # Marks stay with their question when it moves; another question shows none.
    builder.question_list.setFocus()
    press(Key.Key_Up, CTRL)
    assert model.index(4).data(PROBLEMS_ROLE) and not model.index(5).data(PROBLEMS_ROLE)
    builder.question_list.set_current_row(0)
    assert not editor.text_error.isVisible() and not options.error_label.isVisible()

    builder.show_problems([])
    assert all(not model.index(row).data(PROBLEMS_ROLE) for row in range(6))
    assert not builder.title_error.isVisible()
    builder.question_list.set_current_row(4)
    assert not editor.text_error.isVisible() and not options.error_label.isVisible()


def test_a_problem_of_the_survey_as_a_whole_is_shown_above_the_list(qtbot: QtBot) -> None:
    builder = shown_builder(qtbot, SurveyDraft("Пустой опрос"))
    builder.show_problems([DraftProblem("Добавьте хотя бы один вопрос")])
    assert builder.survey_notice.isVisible()
    assert builder.survey_notice.text() == "Добавьте хотя бы один вопрос"
    assert focused() is builder.question_list
    builder.show_problems([DraftProblem("Описание слишком длинное", field="description")])
    assert not builder.survey_notice.isVisible()
    assert builder.description_error.isVisible()
    assert focused() is builder.description_edit


def test_a_question_focused_by_number_is_shown_and_scrolled_to(qtbot: QtBot) -> None:
    builder = shown_builder(qtbot, stored_survey())
    builder.tabs.setCurrentWidget(builder.preview)
    builder.focus_question(4)
    assert builder.tabs.currentWidget() is builder.questions_page
    assert builder.current_question() == 4
    assert focused() is builder.question_editor.text_edit
    assert (
        builder.question_editor.text_edit.toPlainText()
        == "Что бы вы хотели улучшить?\nНапишите подробно."
    )


# --- a small desk --------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_builder_fits_a_desk(qtbot: QtBot, size: tuple[int, int]) -> None:
    many_options = replace(
        stored_survey().questions[2],
        options=tuple(OptionDraft(f"Вариант ответа номер {n}", 2000 + n) for n in range(1, 13)),
    )
    survey = replace(stored_survey(), questions=(*stored_survey().questions[:2], many_options))
    builder = shown_builder(qtbot, survey, size)
    builder.focus_question(2)
    scroll = builder.editor_scroll
    if size == (1024, 600):  # twelve options: the editor scrolls down, never sideways
        qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    assert not scroll.horizontalScrollBar().isVisible()
    page = scroll.widget()
    assert page is not None and page.width() <= scroll.viewport().width()
    assert builder.question_list.width() < scroll.width() / 2
    assert builder.question_list.height() >= 4 * builder.question_list.sizeHintForRow(0)
    for widget in (builder.title_edit, builder.add_button, builder.delete_button):
        corner = widget.mapTo(builder, widget.rect().bottomRight())
        assert corner.x() <= builder.width() and corner.y() <= builder.height()
    # The last option and the buttons under the list are reached by scrolling down.
    options = builder.question_editor.options
    scroll.ensureWidgetVisible(options.down_button)
    bottom = options.down_button.mapTo(scroll.viewport(), options.down_button.rect().bottomLeft())
    assert bottom.y() <= scroll.viewport().height()
    SHOTS.mkdir(exist_ok=True)
    builder.focus_question(1)  # four options: all of it on screen
    qtbot.waitUntil(lambda: not scroll.verticalScrollBar().isVisible())
    builder.grab().save(str(SHOTS / f"builder-{size[0]}.png"))
    builder.tabs.setCurrentWidget(builder.preview)
    builder.grab().save(str(SHOTS / f"builder-preview-{size[0]}.png"))
