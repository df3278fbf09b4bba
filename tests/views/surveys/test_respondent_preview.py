"""The survey as a customer sees it: each kind of question with its widgets (radio
buttons, tick boxes, an answer box, a row of numbers for either scale with the NPS end
labels), «*» on the required ones, nothing that answers to a click, long texts wrapped
rather than scrolled sideways, and the builder's preview tab showing what was just typed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lkk_admin.services.survey_shape import OptionDraft, QuestionDraft, SurveyDraft
from lkk_admin.views.surveys.respondent_preview import RespondentPreview
from tests.views.surveys.builder_support import shown_builder, stored_survey

SHOTS = Path("/tmp/shots")


def shown_preview(qtbot: QtBot, draft: SurveyDraft, width: int = 760) -> RespondentPreview:
    preview = RespondentPreview()
    qtbot.addWidget(preview)
    preview.resize(width, 600)
    preview.show_draft(draft)
    preview.show()
    qtbot.waitExposed(preview)
    return preview


def heading(frame: QFrame) -> str:
    label = frame.findChild(QLabel, "previewQuestionText")
    assert label is not None
    return label.text()


def rating_values(frame: QFrame) -> list[str]:
    return [button.text() for button in frame.findChildren(QPushButton, "previewRatingButton")]


def label_texts(frame: QFrame, name: str) -> list[str]:
    return [label.text() for label in frame.findChildren(QLabel, name)]


def test_each_kind_is_shown_with_its_widgets(qtbot: QtBot) -> None:
    preview = shown_preview(qtbot, stored_survey())
    frames = preview.question_frames
    assert [frame.property("kind") for frame in frames] == [
        "rating",
        "single",
        "multiple",
        "rating",
        "text",
    ]
    nps, single, multiple, five, text = frames

    assert rating_values(nps) == [str(value) for value in range(11)]
    assert label_texts(nps, "previewScaleLow") and label_texts(nps, "previewScaleHigh")
    assert rating_values(five) == ["1", "2", "3", "4", "5"]
    assert not five.findChildren(QLabel, "previewScaleLow")

    assert len(single.findChildren(QRadioButton)) == 4 and not single.findChildren(QCheckBox)
    assert label_texts(single, "previewOptionText") == [
        "Каждый день",
        "Раз в неделю",
        "Раз в месяц, чтобы передать показания",
        "Реже",
    ]
    assert len(multiple.findChildren(QCheckBox)) == 3 and not multiple.findChildren(QRadioButton)

    boxes = text.findChildren(QPlainTextEdit)
    assert len(boxes) == 1 and boxes[0].isReadOnly() and boxes[0].toPlainText() == ""
    assert not text.findChildren(QAbstractButton)

    title = preview.findChild(QLabel, "previewTitle")
    assert title is not None and title.text() == stored_survey().title
    description = preview.findChild(QLabel, "previewDescription")
    assert description is not None and description.text() == stored_survey().description


def test_questions_are_numbered_and_required_ones_starred(qtbot: QtBot) -> None:
    preview = shown_preview(qtbot, stored_survey())
    headings = [heading(frame) for frame in preview.question_frames]
    assert headings[0].startswith("<b>1. Насколько вероятно")
    assert headings[4].startswith("<b>5. Что бы вы хотели улучшить?<br>Напишите подробно.")
    starred = ["*</span>" in text for text in headings]
    assert starred == [True, True, False, True, False]
    # Texts are shown as typed, never as markup.
    tricky = SurveyDraft(
        "<b>Опрос</b>", questions=(QuestionDraft("text", "Цена < 5 ₽ & НДС?", False),)
    )
    preview.show_draft(tricky)
    assert "Цена &lt; 5 ₽ &amp; НДС?" in heading(preview.question_frames[0])
    title = preview.findChild(QLabel, "previewTitle")
    assert title is not None and title.textFormat() == Qt.TextFormat.PlainText


def test_nothing_in_the_preview_answers(qtbot: QtBot) -> None:
    preview = shown_preview(qtbot, stored_survey())
    single = preview.question_frames[1]
    radio = single.findChildren(QRadioButton)[0]
    rating = preview.question_frames[0].findChildren(QPushButton, "previewRatingButton")[9]
    for widget in (radio, rating, preview.question_frames[4].findChildren(QPlainTextEdit)[0]):
        assert widget.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert widget.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        assert widget.isEnabled()  # readable at full colour
    # A click where the mouse is, as the window routes it (not sent to the radio itself).
    preview.scroll_area.ensureWidgetVisible(radio)
    window = preview.windowHandle()
    assert window is not None
    for widget in (radio, rating):
        centre = widget.mapTo(preview, widget.rect().center())
        QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    assert not any(button.isChecked() for button in preview.findChildren(QAbstractButton))
    assert preview.focusWidget() in (None, preview.scroll_area)  # it scrolls by keys, no more


def test_long_texts_wrap_instead_of_scrolling_sideways(qtbot: QtBot) -> None:
    long_option = "Очень длинный вариант ответа, который не помещается в одну строку " * 6
    draft = SurveyDraft(
        "Опрос " * 30,
        "Описание " * 80,
        (
            QuestionDraft("single", "Вопрос " * 60, options=(OptionDraft(long_option),)),
            QuestionDraft("rating", "NPS", rating_scale=10),
        ),
    )
    preview = shown_preview(qtbot, draft, width=560)
    scroll = preview.scroll_area
    page = scroll.widget()
    assert page is not None
    qtbot.waitUntil(lambda: page.width() <= scroll.viewport().width())
    assert not scroll.horizontalScrollBar().isVisible()
    for label in page.findChildren(QLabel):
        right = label.mapTo(page, QPoint(label.width(), 0)).x()
        assert right <= scroll.viewport().width(), label.objectName()


def test_an_empty_survey_says_it_has_no_questions(qtbot: QtBot) -> None:
    preview = shown_preview(qtbot, SurveyDraft(""))
    assert preview.question_frames == []
    assert preview.findChild(QLabel, "previewEmpty") is not None
    preview.show_draft(SurveyDraft("Без вариантов", questions=(QuestionDraft("single", "Что?"),)))
    assert preview.question_frames[0].findChild(QLabel, "previewEmpty") is not None


def test_the_builders_preview_shows_what_was_just_typed(qtbot: QtBot) -> None:
    builder = shown_builder(qtbot, stored_survey(), (1024, 600))
    builder.focus_question(3)
    editor = builder.question_editor
    editor.text_edit.setPlainText("Оцените работу службы поддержки")
    editor.scale_combo.setCurrentIndex(editor.scale_combo.findData(10))
    builder.title_edit.setText("Новое название")
    builder.tabs.setCurrentWidget(builder.preview)
    frame = builder.preview.question_frames[3]
    assert heading(frame).startswith("<b>4. Оцените работу службы поддержки")
    assert rating_values(frame) == [str(value) for value in range(11)]
    title = builder.preview.findChild(QLabel, "previewTitle")
    assert title is not None and title.text() == "Новое название"
    SHOTS.mkdir(exist_ok=True)
    builder.grab().save(str(SHOTS / "builder-preview-tab-1024.png"))
    whole = builder.preview.scroll_area.widget()
    assert isinstance(whole, QWidget)
    whole.grab().save(str(SHOTS / "respondent-preview-whole.png"))
    # Back in the builder, a change shows the next time the preview is.
    builder.tabs.setCurrentWidget(builder.questions_page)
    builder.delete_current()
    builder.tabs.setCurrentWidget(builder.preview)
    assert len(builder.preview.question_frames) == 4
    builder.set_draft(replace(stored_survey(), questions=()))
    assert builder.preview.question_frames == []
