"""The builder's editor of one question: its text, kind, whether an answer is required,
the scale of a rating and the options of a choice. It writes into the
:class:`QuestionEntry` it shows as the editor types; ``edited`` says so."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.survey_shape import KINDS, QUESTION_MAX, RATING_SCALES
from lkk_admin.views.pane_parts import NoticeLabel
from lkk_admin.views.surveys.builder_fields import (
    LengthCounter,
    LimitedPlainTextEdit,
    error_label,
    show_messages,
)
from lkk_admin.views.surveys.builder_icons import kind_icon
from lkk_admin.views.surveys.builder_options import OptionsEditor
from lkk_admin.views.surveys.builder_questions import kind_name, scale_name
from lkk_admin.views.surveys.builder_state import (
    NEW_CHOICE_LINES,
    OptionLine,
    QuestionEntry,
    dropped_options,
)

WARNING_STYLE = "color: #8a5300;"


class QuestionEditor(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionEditor")
        self.entry: QuestionEntry | None = None
        self._loading = False
        self._build()

    def _build(self) -> None:
        self.header = QLabel()
        self.header.setObjectName("questionHeader")
        font = QFont(self.header.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.header.setFont(font)
        self.notice = NoticeLabel("questionProblems")

        self.text_edit = LimitedPlainTextEdit(QUESTION_MAX, 3)
        self.text_edit.setObjectName("questionText")
        self.text_edit.setPlaceholderText(self.tr("What the customer is asked"))
        self.text_counter = LengthCounter(self.text_edit, QUESTION_MAX, "questionTextCounter")
        self.text_error = error_label("questionTextProblems")

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("questionKind")
        for kind in KINDS:
            self.kind_combo.addItem(kind_icon(kind), kind_name(kind), kind)
        self.required_check = QCheckBox(self.tr("An answer is &required"))
        self.required_check.setObjectName("questionRequired")
        self.scale_combo = QComboBox()
        self.scale_combo.setObjectName("ratingScale")
        for scale in RATING_SCALES:
            self.scale_combo.addItem(scale_name(scale), scale)
        self.kind_warning = QLabel()
        self.kind_warning.setObjectName("kindWarning")
        self.kind_warning.setWordWrap(True)
        self.kind_warning.setStyleSheet(WARNING_STYLE)
        self.options = OptionsEditor()
        self._lay_out()

        self.text_edit.textChanged.connect(self._text_changed)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.required_check.toggled.connect(self._required_changed)
        self.scale_combo.currentIndexChanged.connect(self._scale_changed)
        self.options.edited.connect(self._edited)

    def _lay_out(self) -> None:
        text_column = QVBoxLayout()
        text_column.setSpacing(2)
        text_column.addWidget(self.text_edit)
        under_text = QHBoxLayout()
        under_text.addWidget(self.text_error, 1)
        under_text.addWidget(self.text_counter, 0, Qt.AlignmentFlag.AlignTop)
        text_column.addLayout(under_text)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_combo)
        kind_row.addSpacing(12)
        kind_row.addWidget(self.required_check)
        kind_row.addStretch(1)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow(self._label(self.tr("&Text:"), self.text_edit), text_column)
        self.form.addRow(self._label(self.tr("&Kind:"), self.kind_combo), kind_row)
        self.form.addRow("", self.kind_warning)
        self.form.addRow(self._label(self.tr("&Scale:"), self.scale_combo), self.scale_combo)
        self.form.addRow(self._label(self.tr("&Options:"), self.options.view), self.options)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.notice)
        layout.addLayout(self.form)
        layout.addStretch(1)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # --- what is shown ------------------------------------------------------------------------

    def load(self, entry: QuestionEntry, number: int, total: int) -> None:
        self._loading = True
        try:
            self.entry = entry
            self.text_edit.setPlainText(entry.text)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(entry.kind)))
            self.required_check.setChecked(entry.required)
            self.scale_combo.setCurrentIndex(max(0, self.scale_combo.findData(entry.rating_scale)))
            self.options.set_entry(entry)
        finally:
            self._loading = False
        self.set_number(number, total)
        self._show_kind_rows()
        self.show_problems()

    def set_number(self, number: int, total: int) -> None:
        self.header.setText(
            self.tr("Question {number} of {total}").format(number=number, total=total)
        )

    def set_editable(self, *, structure: bool, text: bool) -> None:
        self.text_edit.setReadOnly(not text)
        for widget in (self.kind_combo, self.required_check, self.scale_combo):
            widget.setEnabled(structure)
        self.options.set_editable(structure=structure, text=text)

    def show_problems(self) -> None:
        problems = self.entry.problems if self.entry is not None else {}
        general = problems.get("", [])
        if general:
            self.notice.show_notice("\n".join(general), "warning")
        else:
            self.notice.hide_notice()
        show_messages(self.text_error, list(problems.get("text", [])))
        self.options.show_problems()

    def _show_kind_rows(self) -> None:
        entry = self.entry
        kind = entry.kind if entry is not None else "single"
        self.form.setRowVisible(self.scale_combo, kind == "rating")
        self.form.setRowVisible(self.options, entry is not None and entry.is_choice)
        dropped = dropped_options(entry) if entry is not None else 0
        self.kind_warning.setText(
            self.tr(
                "This kind has no options: the {count} options typed are kept while you "
                "change your mind, but they are dropped when the survey is saved."
            ).format(count=dropped)
        )
        self.form.setRowVisible(self.kind_warning, dropped > 0)

    # --- edits ------------------------------------------------------------------------------

    def _edited(self) -> None:
        if not self._loading:
            self.edited.emit()

    def _text_changed(self) -> None:
        if self.entry is not None and not self._loading:
            self.entry.text = self.text_edit.toPlainText()
            self.edited.emit()

    def _kind_changed(self) -> None:
        if self.entry is None or self._loading:
            return
        kind = str(self.kind_combo.currentData())
        self.entry.kind = kind
        if self.entry.is_choice and not self.entry.options:
            self.entry.options.extend(OptionLine() for _ in range(NEW_CHOICE_LINES))
            self.options.set_entry(self.entry)
        self.options.set_kind(kind)
        self._show_kind_rows()
        self.edited.emit()

    def _required_changed(self, required: bool) -> None:
        if self.entry is not None and not self._loading:
            self.entry.required = required
            self.edited.emit()

    def _scale_changed(self) -> None:
        if self.entry is not None and not self._loading:
            self.entry.rating_scale = int(self.scale_combo.currentData())
            self.edited.emit()
