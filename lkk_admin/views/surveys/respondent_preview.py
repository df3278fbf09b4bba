"""A survey as a customer sees it on the portal: its title and description, the numbered
questions with «*» on the required ones, radio buttons for one choice, tick boxes for
several, a box for a free answer, a row of numbers for a rating (0–10 with the NPS
question's end labels). Nothing answers: the widgets are shown, not used."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.survey_shape import (
    CHOICE_KINDS,
    DEFAULT_RATING_SCALE,
    RATING_SCALES,
    QuestionDraft,
    SurveyDraft,
)

REQUIRED_MARK = '<span style="color: #c0392b;">*</span>'
PAGE_WIDTH = 760  # the portal's column
PAGE_STYLE = (
    "QWidget#respondentPage { background: #eef1f5; }"
    "QFrame#surveyCard { background: #ffffff; border: 1px solid #d5dbe3; border-radius: 6px; }"
    "QFrame#previewQuestion { border: none; border-top: 1px solid #e3e7ed; }"
    "QLabel#previewHint, QLabel#previewEmpty, QLabel#previewScaleLow,"
    " QLabel#previewScaleHigh, QLabel#previewRequiredNote { color: #6b7480; }"
    "QPushButton#previewRatingButton { min-width: 30px; max-width: 30px; min-height: 28px;"
    " border: 1px solid #b8c2cf; border-radius: 4px; background: #f7f9fb; color: #1d2b3a; }"
)


def _inert(widget: QWidget) -> QWidget:
    """Shown as the portal shows it, at full colour, but taking no click and no focus."""
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return widget


def _wrapped(text: str, object_name: str, *, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


class RespondentPreview(QWidget):
    """``show_draft`` draws a draft anew; ``question_frames`` are its questions' blocks
    (each with the ``kind`` property) for whoever needs to look inside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("respondentPreview")
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("respondentScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self.draft: SurveyDraft | None = None
        self.question_frames: list[QFrame] = []
        self.show_draft(SurveyDraft(title=""))

    def show_draft(self, draft: SurveyDraft) -> None:
        self.draft = draft
        self.question_frames = []
        page = QWidget()
        page.setObjectName("respondentPage")
        page.setStyleSheet(PAGE_STYLE)
        card = QFrame()
        card.setObjectName("surveyCard")
        card.setMaximumWidth(PAGE_WIDTH)
        column = QVBoxLayout(card)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(10)
        self._add_heading(column, draft)
        for number, question in enumerate(draft.questions, start=1):
            frame = self._question(number, question)
            self.question_frames.append(frame)
            column.addWidget(frame)
        if not draft.questions:
            column.addWidget(_wrapped(self.tr("The survey has no questions yet."), "previewEmpty"))
        send = QPushButton(self.tr("Send answers"))
        send.setObjectName("previewSend")
        send.setEnabled(False)
        column.addWidget(send, 0, Qt.AlignmentFlag.AlignLeft)

        centred = QHBoxLayout(page)
        centred.setContentsMargins(12, 12, 12, 12)
        centred.addStretch(0)
        centred.addWidget(card, 1, Qt.AlignmentFlag.AlignTop)
        centred.addStretch(0)
        self.scroll_area.setWidget(page)  # the previous page goes with it

    def _add_heading(self, column: QVBoxLayout, draft: SurveyDraft) -> None:
        title = _wrapped(draft.title or self.tr("(no title)"), "previewTitle")
        font = QFont(title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.5)
        title.setFont(font)
        column.addWidget(title)
        if draft.description:
            column.addWidget(_wrapped(draft.description, "previewDescription"))
        if any(question.required for question in draft.questions):
            note = self.tr("{mark} marks a question that needs an answer").format(
                mark=REQUIRED_MARK
            )
            column.addWidget(_wrapped(note, "previewRequiredNote", rich=True))

    def _question(self, number: int, question: QuestionDraft) -> QFrame:
        frame = QFrame()
        frame.setObjectName("previewQuestion")
        frame.setProperty("kind", question.kind)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(0, 10, 0, 4)
        layout.setSpacing(6)
        text = html.escape(question.text).replace("\n", "<br>") or (
            "<i>" + html.escape(self.tr("(the question has no text yet)")) + "</i>"
        )
        heading = f"<b>{number}. {text}</b>"
        if question.required:
            heading += f" {REQUIRED_MARK}"
        layout.addWidget(_wrapped(heading, "previewQuestionText", rich=True))
        if question.kind in CHOICE_KINDS:
            self._add_choices(layout, question)
        elif question.kind == "text":
            box = QPlainTextEdit()
            box.setObjectName("previewAnswerBox")
            box.setReadOnly(True)
            box.setPlaceholderText(self.tr("Your answer"))
            box.setFixedHeight(box.fontMetrics().lineSpacing() * 3 + 14)
            layout.addWidget(_inert(box))
        elif question.kind == "rating":
            layout.addWidget(self._rating(question.rating_scale or DEFAULT_RATING_SCALE))
        return frame

    def _add_choices(self, layout: QVBoxLayout, question: QuestionDraft) -> None:
        single = question.kind == "single"
        hint = self.tr("Choose one answer") if single else self.tr("Choose all that apply")
        layout.addWidget(_wrapped(hint, "previewHint"))
        if not question.options:
            layout.addWidget(_wrapped(self.tr("(no options yet)"), "previewEmpty"))
        for option in question.options:
            # The mark and a wrapping label: a long option wraps instead of widening the page.
            mark: QAbstractButton = QRadioButton() if single else QCheckBox()
            mark.setObjectName("previewRadio" if single else "previewCheck")
            row = QHBoxLayout()
            row.setSpacing(6)
            row.addWidget(_inert(mark), 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(_wrapped(option.text, "previewOptionText"), 1)
            layout.addLayout(row)

    def _rating(self, scale: int) -> QWidget:
        low, high = RATING_SCALES.get(scale, RATING_SCALES[DEFAULT_RATING_SCALE])
        block = QWidget()
        block.setObjectName("previewRating")
        block.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for value in range(low, high + 1):
            button = QPushButton(str(value))
            button.setObjectName("previewRatingButton")
            buttons.addWidget(_inert(button))
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(buttons)
        if scale == 10:
            ends = QHBoxLayout()
            low_label = QLabel(self.tr("Not at all likely"))
            low_label.setObjectName("previewScaleLow")
            high_label = QLabel(self.tr("Extremely likely"))
            high_label.setObjectName("previewScaleHigh")
            ends.addWidget(low_label)
            ends.addStretch(1)
            ends.addWidget(high_label)
            layout.addLayout(ends)
        return block
