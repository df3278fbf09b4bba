"""The survey builder: a survey's title and description, its questions in a list on the
left (numbered, reordered by Ctrl+Up/Down or by dragging, added by Insert or «Add
question», removed by Delete and brought back by Ctrl+Z), the current question's editor
on the right, and a second tab showing the survey as a customer sees it.

It edits a :class:`SurveyDraft` and knows no database: the window around it loads and
saves, listens to ``changed`` for its «*», runs the checks and hands their problems to
``show_problems``, which marks each question concerned and takes the editor to the
first. A survey that has responses is opened with ``structure_locked``: its texts can be
corrected, nothing else (the database refuses the rest, LK006), and a banner says why.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.survey_shape import (
    DESCRIPTION_MAX,
    KINDS,
    QUESTIONS_MAX,
    TITLE_MAX,
    DraftProblem,
    SurveyDraft,
)
from lkk_admin.views.pane_parts import NoticeLabel, placeholder_label
from lkk_admin.views.surveys.builder_editor import QuestionEditor
from lkk_admin.views.surveys.builder_fields import (
    LengthCounter,
    LimitedPlainTextEdit,
    error_label,
    show_messages,
)
from lkk_admin.views.surveys.builder_icons import kind_icon
from lkk_admin.views.surveys.builder_questions import (
    QuestionListModel,
    QuestionListView,
    short_text,
)
from lkk_admin.views.surveys.builder_state import (
    QuestionEntry,
    entry_from_draft,
    entry_to_draft,
    kept_options,
    new_entry,
)
from lkk_admin.views.surveys.respondent_preview import RespondentPreview

LIST_WIDTH = 270  # the question list beside the editor, as first shown
LIST_MIN_WIDTH = 200


class SurveyBuilder(QWidget):
    """``changed`` after every edit (not after ``set_draft``)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("surveyBuilder")
        self._loading = False
        self.read_only = False
        self.structure_locked = False
        self.locked_reason = ""
        self.survey_problems: dict[str, list[str]] = {}
        self._removed: list[tuple[int, QuestionEntry]] = []  # for Ctrl+Z, latest last
        self._build()
        self.set_draft(SurveyDraft(title=""))

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = NoticeLabel("structureLockedBanner")
        self.questions_page = QWidget()
        self.questions_page.setObjectName("builderQuestionsPage")
        page = QVBoxLayout(self.questions_page)
        page.setContentsMargins(6, 6, 6, 6)
        page.addLayout(self._build_survey_fields())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("builderSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_list_pane())
        splitter.addWidget(self._build_editor_pane())
        # The list takes a quarter of what is wide: narrow on a small desk.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([LIST_WIDTH, 3 * LIST_WIDTH])
        self.splitter = splitter
        page.addWidget(splitter, 1)

        self.preview = RespondentPreview()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("builderTabs")
        self.tabs.addTab(self.questions_page, self.tr("&Questions"))
        self.tabs.addTab(self.preview, self.tr("Pre&view"))
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)

    def _build_survey_fields(self) -> QFormLayout:
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("surveyTitle")
        self.title_edit.setMaxLength(TITLE_MAX)
        self.title_edit.setPlaceholderText(self.tr("What customers are asked about"))
        self.title_error = error_label("surveyTitleProblems")
        self.description_edit = LimitedPlainTextEdit(DESCRIPTION_MAX, 2)
        self.description_edit.setObjectName("surveyDescription")
        self.description_edit.setPlaceholderText(
            self.tr("Why the survey is held and how long it takes (optional)")
        )
        self.description_counter = LengthCounter(
            self.description_edit, DESCRIPTION_MAX, "surveyDescriptionCounter"
        )
        self.description_error = error_label("surveyDescriptionProblems")
        self.title_edit.textChanged.connect(self._edited)
        self.description_edit.textChanged.connect(self._edited)

        title_column = QVBoxLayout()
        title_column.setSpacing(2)
        title_column.addWidget(self.title_edit)
        title_column.addWidget(self.title_error)
        description_column = QVBoxLayout()
        description_column.setSpacing(2)
        description_column.addWidget(self.description_edit)
        description_column.addWidget(self.description_error)
        # The counter sits under the field's name: the form stays two lines high.
        description_label = QLabel(self.tr("&Description:"))
        description_label.setBuddy(self.description_edit)
        label_column = QWidget()
        labels = QVBoxLayout(label_column)
        labels.setContentsMargins(0, 0, 0, 0)
        labels.setSpacing(0)
        labels.addWidget(description_label)
        labels.addWidget(self.description_counter)
        labels.addStretch(1)
        title_label = QLabel(self.tr("T&itle:"))
        title_label.setBuddy(self.title_edit)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(4)
        form.addRow(title_label, title_column)
        form.addRow(label_column, description_column)
        return form

    def _build_list_pane(self) -> QWidget:
        self.list_heading = QLabel()
        self.list_heading.setObjectName("questionListHeading")
        self.survey_notice = NoticeLabel("surveyProblems")
        self.question_model = QuestionListModel()
        self.question_list = QuestionListView()
        self.question_list.setModel(self.question_model)
        self.list_heading.setBuddy(self.question_list)

        self._build_list_buttons()
        pane = QWidget()
        pane.setObjectName("questionListPane")
        pane.setMinimumWidth(LIST_MIN_WIDTH)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.list_heading)
        layout.addWidget(self.survey_notice)
        layout.addWidget(self.question_list, 1)
        layout.addWidget(self.add_button)
        layout.addLayout(self.move_row)
        layout.addWidget(self.removed_notice)

        self.question_list.selectionModel().currentChanged.connect(self._current_changed)
        for signal in (
            self.question_model.rowsInserted,
            self.question_model.rowsRemoved,
            self.question_model.rowsMoved,
        ):
            signal.connect(self._structure_changed)
        self.question_list.add_requested.connect(self.popup_add_menu)
        self.question_list.delete_requested.connect(self.delete_current)
        self.question_list.move_requested.connect(self.move_current)
        self.question_list.undo_requested.connect(self.undo_delete)
        return pane

    def _build_list_buttons(self) -> None:
        self.add_menu = QMenu(self)
        self.add_menu.setObjectName("addQuestionMenu")
        kind_texts = {
            "single": self.tr("&Single choice"),
            "multiple": self.tr("&Multiple choice"),
            "text": self.tr("&Free text"),
            "rating": self.tr("&Rating"),
        }
        for kind in KINDS:
            action = self.add_menu.addAction(kind_icon(kind), kind_texts[kind])
            action.setData(kind)
            action.triggered.connect(lambda _checked=False, kind=kind: self._add_chosen(kind))
        self.add_button = QToolButton()
        self.add_button.setObjectName("addQuestionButton")
        self.add_button.setText(self.tr("&Add question"))
        self.add_button.setToolTip(
            self.tr("Add a question after the current one (Insert in the list)")
        )
        self.add_button.setMenu(self.add_menu)
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.up_button = QPushButton(self.tr("Up"))
        self.up_button.setObjectName("questionUpButton")
        self.up_button.setToolTip(self.tr("Move the question up (Ctrl+Up in the list)"))
        self.down_button = QPushButton(self.tr("Down"))
        self.down_button.setObjectName("questionDownButton")
        self.down_button.setToolTip(self.tr("Move the question down (Ctrl+Down in the list)"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setObjectName("deleteQuestionButton")
        self.delete_button.setToolTip(
            self.tr("Delete the question (Delete in the list; Ctrl+Z there brings it back)")
        )
        self.removed_notice = NoticeLabel("removedQuestionNotice")

        self.move_row = QHBoxLayout()
        self.move_row.setSpacing(4)
        for button in (self.up_button, self.down_button, self.delete_button):
            button.setAutoDefault(False)
            button.setMinimumWidth(0)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.move_row.addWidget(button)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.delete_button.clicked.connect(self.delete_current)

    def _build_editor_pane(self) -> QWidget:
        self.question_editor = QuestionEditor()
        self.question_editor.edited.connect(self._question_edited)
        self.empty_label = placeholder_label("noQuestionsPlaceholder")
        self.empty_label.setText(
            self.tr(
                "No questions yet.\nAdd the first with «Add question» or the Insert key in "
                "the list."
            )
        )
        self.editor_stack = QStackedWidget()
        self.editor_stack.addWidget(self.empty_label)
        self.editor_stack.addWidget(self.question_editor)
        self.editor_scroll = QScrollArea()
        self.editor_scroll.setObjectName("questionEditorScroll")
        self.editor_scroll.setWidgetResizable(True)
        # Tab goes from the list's buttons straight to the question's text; the area
        # scrolls to whichever field has the keyboard.
        self.editor_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.editor_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.editor_scroll.setWidget(self.editor_stack)
        return self.editor_scroll

    # --- the draft ----------------------------------------------------------------------------

    def set_draft(
        self, draft: SurveyDraft, *, structure_locked: bool = False, locked_reason: str = ""
    ) -> None:
        """Show ``draft`` to edit; ``structure_locked``: only its texts may change (it has
        responses), ``locked_reason`` tells the editor why."""
        self._loading = True
        try:
            self.structure_locked = structure_locked
            self.locked_reason = locked_reason
            self.title_edit.setText(draft.title)
            self.description_edit.setPlainText(draft.description)
            self._removed.clear()
            self.removed_notice.hide_notice()
            self.survey_problems = {}
            self.question_model.set_rows([entry_from_draft(q) for q in draft.questions])
            self._apply_editability()
            self._show_survey_problems()
            if self.question_model.rowCount():
                self.question_list.set_current_row(0)
            else:
                self._show_current()
            self._renumber()
        finally:
            self._loading = False
        if self.tabs.currentWidget() is self.preview:
            self.refresh_preview()

    def draft(self) -> SurveyDraft:
        """What the builder holds; ids kept for what was loaded, None for what is new."""
        return SurveyDraft(
            title=self.title_edit.text().strip(),
            description=self.description_edit.toPlainText().strip(),
            questions=tuple(entry_to_draft(entry) for entry in self.question_model.rows),
        )

    def set_read_only(self, read_only: bool) -> None:
        """For those who may read surveys but not change them: nothing edits."""
        self.read_only = read_only
        self._apply_editability()

    def _apply_editability(self) -> None:
        structure = not self.read_only and not self.structure_locked
        text = not self.read_only
        self.title_edit.setReadOnly(not text)
        self.description_edit.setReadOnly(not text)
        self.question_model.structure_editable = structure
        self.question_list.set_draggable(structure)
        self.question_editor.set_editable(structure=structure, text=text)
        for button in (self.add_button, self.up_button, self.down_button, self.delete_button):
            button.setVisible(text)
        if self.structure_locked and not self.read_only:
            self.banner.show_notice(
                self.locked_reason
                or self.tr(
                    "The survey has responses: only the texts can be corrected; questions "
                    "and options can no longer be added, removed, reordered or changed."
                ),
                "info",
            )
        else:
            self.banner.hide_notice()
        self._update_buttons()

    @property
    def structure_editable(self) -> bool:
        return not self.read_only and not self.structure_locked

    # --- questions ------------------------------------------------------------------------------

    def current_question(self) -> int:
        return self.question_list.current_row()

    def add_question(self, kind: str) -> int:
        """A new question of ``kind`` after the current one, its text focused; its row
        (-1: not allowed now)."""
        count = self.question_model.rowCount()
        if not self.structure_editable or kind not in KINDS or count >= QUESTIONS_MAX:
            return -1
        current = self.current_question()
        row = current + 1 if current >= 0 else count
        self.question_model.insert(row, new_entry(kind))
        self.focus_question(row)
        return row

    def _add_chosen(self, kind: str) -> None:
        self.add_question(kind)

    def popup_add_menu(self) -> None:
        """Insert in the list: the kinds to choose from, by the current question."""
        if not self.structure_editable or self.question_model.rowCount() >= QUESTIONS_MAX:
            return
        view = self.question_list
        index = view.currentIndex()
        place = view.visualRect(index).bottomLeft() if index.isValid() else QPoint(0, 0)
        self.add_menu.popup(view.viewport().mapToGlobal(place + QPoint(24, 0)))
        self.add_menu.setActiveAction(self.add_menu.actions()[0])

    def move_current(self, delta: int) -> None:
        row = self.current_question()
        if self.structure_editable and row >= 0:
            self.question_model.move(row, row + delta)
            self.question_list.scrollTo(self.question_list.currentIndex())

    def delete_current(self) -> None:
        row = self.current_question()
        if not self.structure_editable or row < 0:
            return
        entry = self.question_model.remove(row)
        self._removed.append((row, entry))
        if self.question_model.rowCount():
            self.question_list.set_current_row(min(row, self.question_model.rowCount() - 1))
        text = short_text(entry.text) or self.tr("(no text)")
        self.removed_notice.show_notice(
            self.tr("Question «{text}» deleted. Ctrl+Z in the list brings it back.").format(
                text=text if len(text) <= 60 else text[:59] + "…"
            ),
            "info",
        )

    def undo_delete(self) -> None:
        if not self.structure_editable or not self._removed:
            return
        row, entry = self._removed.pop()
        self.question_model.insert(row, entry)
        self.question_list.set_current_row(min(row, self.question_model.rowCount() - 1))
        self.removed_notice.hide_notice()

    def focus_question(self, index: int) -> None:
        """Show question ``index`` (0-based) in the editor with its text focused."""
        if not 0 <= index < self.question_model.rowCount():
            return
        self.tabs.setCurrentWidget(self.questions_page)
        self.question_list.set_current_row(index)
        self._focus(self.question_editor.text_edit)

    # --- problems -----------------------------------------------------------------------------

    def show_problems(self, problems: Sequence[DraftProblem]) -> None:
        """Mark what the checks found: each message beside the field it concerns, the
        questions with problems flagged in the list; the first problem's field focused.
        ``show_problems([])`` clears every mark."""
        rows = self.question_model.rows
        for entry in rows:
            entry.clear_problems()
        self.survey_problems = {}
        for problem in problems:
            if problem.question is None or not 0 <= problem.question < len(rows):
                field = problem.field if problem.field in ("title", "description") else ""
                self.survey_problems.setdefault(field, []).append(problem.message)
                continue
            entry = rows[problem.question]
            if problem.option is not None:
                kept = kept_options(entry)
                if 0 <= problem.option < len(kept):
                    kept[problem.option].problems.append(problem.message)
                entry.problems.setdefault("options", []).append(problem.message)
            else:
                field = problem.field if problem.field in ("text", "options") else ""
                entry.problems.setdefault(field, []).append(problem.message)
        self._show_survey_problems()
        self.question_model.refresh()
        self.question_editor.show_problems()
        if problems:
            self._focus_problem(problems[0])

    def _show_survey_problems(self) -> None:
        show_messages(self.title_error, self.survey_problems.get("title", []))
        show_messages(self.description_error, self.survey_problems.get("description", []))
        general = self.survey_problems.get("", [])
        if general:
            self.survey_notice.show_notice("\n".join(general), "warning")
        else:
            self.survey_notice.hide_notice()

    def _focus_problem(self, problem: DraftProblem) -> None:
        self.tabs.setCurrentWidget(self.questions_page)
        rows = self.question_model.rows
        if problem.question is None or not 0 <= problem.question < len(rows):
            fields = {"title": self.title_edit, "description": self.description_edit}
            self._focus(fields.get(problem.field, self.question_list))
            return
        self.question_list.set_current_row(problem.question)
        entry = rows[problem.question]
        if problem.option is None and problem.field != "options":
            self._focus(self.question_editor.text_edit)
            return
        options = self.question_editor.options
        row = 0
        kept = kept_options(entry)
        if problem.option is not None and 0 <= problem.option < len(kept):
            line = kept[problem.option]
            row = next(i for i, present in enumerate(entry.options) if present is line)
        options.view.set_current_row(row)
        self._focus(options.view)

    def _focus(self, widget: QWidget) -> None:
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.editor_scroll.isAncestorOf(widget):
            # Rows just shown or hidden: lay them out before scrolling to the field.
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            self.editor_scroll.ensureWidgetVisible(widget, 0, 24)

    # --- reacting -------------------------------------------------------------------------------

    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_current()

    def _show_current(self) -> None:
        row = self.current_question()
        count = self.question_model.rowCount()
        if row < 0:
            self.question_editor.entry = None
            self.editor_stack.setCurrentWidget(self.empty_label)
        else:
            self.question_editor.load(self.question_model.rows[row], row + 1, count)
            self.editor_stack.setCurrentWidget(self.question_editor)
        self._update_buttons()

    def _structure_changed(self) -> None:
        self.question_model.refresh()  # numbers follow the order
        self._renumber()
        if self.current_question() < 0:
            self._show_current()
        self._update_buttons()
        self._edited()

    def _renumber(self) -> None:
        count = self.question_model.rowCount()
        self.list_heading.setText(self.tr("Question &list ({count})").format(count=count))
        row = self.current_question()
        if row >= 0:
            self.question_editor.set_number(row + 1, count)

    def _question_edited(self) -> None:
        row = self.current_question()
        if row >= 0:
            self.question_model.refresh(row)
        self._edited()

    def _update_buttons(self) -> None:
        row, count = self.current_question(), self.question_model.rowCount()
        structure = self.structure_editable
        self.add_button.setEnabled(structure and count < QUESTIONS_MAX)
        self.up_button.setEnabled(structure and row > 0)
        self.down_button.setEnabled(structure and 0 <= row < count - 1)
        self.delete_button.setEnabled(structure and row >= 0)

    # --- preview --------------------------------------------------------------------------------

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.preview:
            self.refresh_preview()

    def refresh_preview(self) -> None:
        self.preview.show_draft(self.draft())
