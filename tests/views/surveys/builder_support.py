"""Helpers of the survey builder's tests: a realistic stored survey, the builder shown at a
desk's size and focused, and keys sent where a person's keyboard sends them (the focused
widget, which changes as the builder opens an option's editor or moves on)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from lkk_admin.services.survey_shape import OptionDraft, QuestionDraft, SurveyDraft
from lkk_admin.views.surveys.builder import SurveyBuilder

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def stored_survey() -> SurveyDraft:
    """A survey as the database gave it: every kind, both scales, ids everywhere."""
    return SurveyDraft(
        title="Удовлетворённость личным кабинетом клиента, 2026",
        description=(
            "Помогите нам сделать личный кабинет удобнее: ответьте на несколько вопросов.\n"
            "Опрос займёт не больше трёх минут."
        ),
        questions=(
            QuestionDraft(
                "rating",
                "Насколько вероятно, что вы порекомендуете личный кабинет коллегам?",
                True,
                rating_scale=10,
                question_id=101,
            ),
            QuestionDraft(
                "single",
                "Как часто вы заходите в личный кабинет?",
                True,
                (
                    OptionDraft("Каждый день", 1011),
                    OptionDraft("Раз в неделю", 1012),
                    OptionDraft("Раз в месяц, чтобы передать показания", 1013),
                    OptionDraft("Реже", 1014),
                ),
                question_id=102,
            ),
            QuestionDraft(
                "multiple",
                "Какими разделами вы пользуетесь чаще всего?",
                False,
                (
                    OptionDraft("Передача показаний", 1021),
                    OptionDraft("Счета и оплаты", 1022),
                    OptionDraft("Акты сверки и отчёты", 1023),
                ),
                question_id=103,
            ),
            QuestionDraft(
                "rating", "Оцените скорость работы кабинета", True, rating_scale=5, question_id=104
            ),
            QuestionDraft(
                "text", "Что бы вы хотели улучшить?\nНапишите подробно.", False, question_id=105
            ),
        ),
    )


def shown_builder(
    qtbot: QtBot, draft: SurveyDraft | None = None, size: tuple[int, int] = (1024, 600)
) -> SurveyBuilder:
    builder = SurveyBuilder()
    qtbot.addWidget(builder)
    builder.resize(*size)
    if draft is not None:
        builder.set_draft(draft)
    builder.show()
    qtbot.waitExposed(builder)
    builder.activateWindow()
    qtbot.waitUntil(builder.isActiveWindow)
    return builder


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    QTest.keyClick(focused(), key, modifier)


def press_alt(letter: str) -> None:
    """Alt and a label's underlined letter, as a Russian keyboard sends it (the Russian
    translation underlines Cyrillic letters: the key event carries the letter's text)."""
    key = Qt.Key(ord(letter.upper()))  # Qt's key code of a letter is its capital's code point
    QTest.sendKeyEvent(QTest.KeyAction.Click, focused(), key, letter, ALT)


def type_keys(text: str) -> None:
    """ASCII typed key by key into whatever has the keyboard at each key."""
    assert text.isascii()
    for character in text:
        QTest.keyClicks(focused(), character)


def question_texts(builder: SurveyBuilder) -> list[str]:
    return [question.text for question in builder.draft().questions]


def option_texts(builder: SurveyBuilder, question: int) -> list[str]:
    return [option.text for option in builder.draft().questions[question].options]
