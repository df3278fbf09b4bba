"""A choice question's options, edited in place like a form builder's: typing on a line
edits it, Enter goes to the next line and on the last one adds a new line, Ctrl+Up/Down
and dragging reorder, Delete removes, Insert adds after the current line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.services.survey_shape import OPTION_MAX, OPTIONS_MAX
from lkk_admin.views.surveys.builder_fields import error_label, show_messages
from lkk_admin.views.surveys.builder_icons import option_bullet, problem_icon
from lkk_admin.views.surveys.builder_rows import AnyIndex, MovableRowsModel
from lkk_admin.views.surveys.builder_state import OptionLine, QuestionEntry

PLACEHOLDER_ROLE = Qt.ItemDataRole.UserRole + 1
PROBLEM_BACKGROUND = QColor("#fdecea")
HINT_STYLE = "color: palette(mid);"
EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.SelectedClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)


class OptionListModel(MovableRowsModel[OptionLine]):
    mime_type = "application/x-lkk-admin-survey-options"
    text_edited = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.kind = "single"
        self.text_editable = True

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        line = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return line.text
        if role == Qt.ItemDataRole.DecorationRole:
            return problem_icon() if line.problems else option_bullet(self.kind)
        if role == PLACEHOLDER_ROLE:
            return QCoreApplication.translate("SurveyBuilder", "Option {number}").format(
                number=index.row() + 1
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(line.problems) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            return PROBLEM_BACKGROUND if line.problems else None
        return None

    def setData(  # noqa: N802 - Qt override
        self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.text_editable:
            return False
        line = self.rows[index.row()]
        text = str(value)[:OPTION_MAX]
        if text == line.text:
            return False
        line.text = text
        self.dataChanged.emit(index, index)
        self.text_edited.emit()
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.text_editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


class OptionDelegate(QStyledItemDelegate):
    """A line editor per option; its Enter, Tab and Ctrl+Up/Down close it and say so,
    the options editor decides what comes next. An empty line shows «Option N» in grey."""

    enter_pressed = Signal()
    move_requested = Signal(int)
    tab_pressed = Signal(bool)  # forward

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._editor_height = 0

    def createEditor(  # noqa: N802 - Qt override
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("optionEditor")
        editor.setMaxLength(OPTION_MAX)
        editor.setPlaceholderText(str(index.data(PLACEHOLDER_ROLE)))
        return editor

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        """Tall enough for the line editor typed into."""
        base = super().sizeHint(option, index)
        if self._editor_height == 0:
            self._editor_height = QLineEdit().sizeHint().height()
        return QSize(base.width(), max(base.height(), self._editor_height + 2))

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        if not option.text:
            option.text = str(index.data(PLACEHOLDER_ROLE))
            palette = QPalette(option.palette)
            grey = palette.color(QPalette.ColorRole.PlaceholderText)
            for role in (QPalette.ColorRole.Text, QPalette.ColorRole.HighlightedText):
                palette.setColor(role, grey)
            option.palette = palette
            option.font.setItalic(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if isinstance(watched, QLineEdit) and isinstance(event, QKeyEvent):
            if event.type() != QEvent.Type.KeyPress:
                return super().eventFilter(watched, event)
            key, modifiers = event.key(), event.modifiers()
            keypad = Qt.KeyboardModifier.KeypadModifier
            plain = modifiers & ~keypad == Qt.KeyboardModifier.NoModifier
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                self._finish(watched)
                self.enter_pressed.emit()
                return True
            if modifiers == Qt.KeyboardModifier.ControlModifier and key in (
                Qt.Key.Key_Up,
                Qt.Key.Key_Down,
            ):
                self._finish(watched)
                self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self._finish(watched)
                self.tab_pressed.emit(key == Qt.Key.Key_Tab)
                return True
        return super().eventFilter(watched, event)

    def _finish(self, editor: QLineEdit) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)


class OptionListView(QListView):
    add_requested = Signal()
    delete_requested = Signal()
    move_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("optionList")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(True)
        self.setDropIndicatorShown(True)
        self.setDragDropOverwriteMode(False)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(EDIT_TRIGGERS)
        self.set_draggable(True)

    def set_draggable(self, draggable: bool) -> None:
        self.setDragDropMode(
            QAbstractItemView.DragDropMode.InternalMove
            if draggable
            else QAbstractItemView.DragDropMode.NoDragDrop
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, modifiers = event.key(), event.modifiers()
        ctrl = modifiers == Qt.KeyboardModifier.ControlModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.edit(self.currentIndex())
        elif ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif key == Qt.Key.Key_Delete and not modifiers:
            self.delete_requested.emit()
        elif key == Qt.Key.Key_Insert and not modifiers:
            self.add_requested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        model = self.model()
        if not self.currentIndex().isValid() and model is not None and model.rowCount() > 0:
            self.setCurrentIndex(model.index(0, 0))
        super().focusInEvent(event)

    def leave(self, forward: bool) -> None:
        """Tab out of an option's editor: on to the next field, not the next option."""
        self.focusNextPrevChild(forward)

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def set_current_row(self, row: int) -> None:
        model = self.model()
        if model is not None and 0 <= row < model.rowCount():
            self.setCurrentIndex(model.index(row, 0))
            self.scrollTo(model.index(row, 0))


class OptionsEditor(QWidget):
    """The options of the question shown; ``edited`` after any change to them."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("optionsEditor")
        self.entry: QuestionEntry | None = None
        self.structure_editable = True
        self.text_editable = True
        self.model = OptionListModel()
        self.view = OptionListView()
        self.view.setModel(self.model)
        self.delegate = OptionDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self._build_buttons()
        self.hint = QLabel(
            self.tr(
                "Type on a line to edit it; Enter goes to the next line and adds one after "
                "the last; drag or Ctrl+Up/Down to reorder."
            )
        )
        self.hint.setObjectName("optionsHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.error_label = error_label("optionsProblems")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.view)
        layout.addWidget(self.error_label)
        layout.addLayout(self.buttons)
        layout.addWidget(self.hint)

        self.view.add_requested.connect(self.add_option)
        self.view.delete_requested.connect(self.remove_current)
        self.view.move_requested.connect(self.move_current)
        self.delegate.enter_pressed.connect(self._enter)
        self.delegate.move_requested.connect(self._move_while_editing)
        self.delegate.tab_pressed.connect(self.view.leave)
        self.model.text_edited.connect(self.edited)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.rowsMoved):
            signal.connect(self._structure_changed)
        self.model.modelReset.connect(self._fit_height)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)

    def _build_buttons(self) -> None:
        self.add_button = QPushButton(self.tr("Add o&ption"))
        self.add_button.setObjectName("addOptionButton")
        self.add_button.setToolTip(self.tr("Add an option after the current one (Insert)"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("removeOptionButton")
        self.remove_button.setToolTip(self.tr("Remove the current option (Delete)"))
        self.up_button = QPushButton(self.tr("Up"))
        self.up_button.setObjectName("optionUpButton")
        self.up_button.setToolTip(self.tr("Move the current option up (Ctrl+Up)"))
        self.down_button = QPushButton(self.tr("Down"))
        self.down_button.setObjectName("optionDownButton")
        self.down_button.setToolTip(self.tr("Move the current option down (Ctrl+Down)"))
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(4)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        self.add_button.clicked.connect(self.add_option)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))

    # --- what is shown ------------------------------------------------------------------------

    def set_entry(self, entry: QuestionEntry | None) -> None:
        self.entry = entry
        self.model.kind = entry.kind if entry is not None else "single"
        # No line is current until the list is entered (then the first): the options read
        # as a form, not as a selection.
        self.model.set_rows(entry.options if entry is not None else [])
        self.show_problems()
        self._update_buttons()

    def set_kind(self, kind: str) -> None:
        self.model.kind = kind
        self.model.refresh()

    def set_editable(self, *, structure: bool, text: bool) -> None:
        self.structure_editable, self.text_editable = structure, text
        self.model.structure_editable = structure
        self.model.text_editable = text
        self.view.set_draggable(structure)
        self.view.setEditTriggers(
            EDIT_TRIGGERS if text else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setVisible(text)
        self.hint.setVisible(structure)
        self._update_buttons()

    def show_problems(self) -> None:
        """The last check's messages about the options, under the list."""
        messages: list[str] = []
        if self.entry is not None:
            messages = list(self.entry.problems.get("options", []))
        show_messages(self.error_label, messages)
        self.model.refresh()

    # --- editing --------------------------------------------------------------------------

    def add_option(self) -> None:
        if not self._can_add():
            return
        row = self.view.current_row()
        at = row + 1 if row >= 0 else self.model.rowCount()
        self.model.insert(at, OptionLine())
        self.view.set_current_row(at)
        self.view.setFocus()
        self.view.edit(self.model.index(at, 0))

    def remove_current(self) -> None:
        row = self.view.current_row()
        if not self.structure_editable or row < 0:
            return
        self.model.remove(row)
        self.view.set_current_row(min(row, self.model.rowCount() - 1))

    def move_current(self, delta: int) -> None:
        row = self.view.current_row()
        if self.structure_editable and row >= 0:
            self.model.move(row, row + delta)
        self._update_buttons()

    def _move_while_editing(self, delta: int) -> None:
        self.move_current(delta)
        if self.text_editable:
            self.view.edit(self.view.currentIndex())

    def _enter(self) -> None:
        """Enter in an option's editor: on to the next line, or a new one after the last
        (when the last has text: no trail of empty lines)."""
        row = self.view.current_row()
        if row < 0:
            return
        if row < self.model.rowCount() - 1:
            self.view.set_current_row(row + 1)
            self.view.edit(self.view.currentIndex())
        elif self.model.rows[row].text.strip() and self._can_add():
            self.add_option()

    def _can_add(self) -> bool:
        return (
            self.structure_editable
            and self.entry is not None
            and self.model.rowCount() < OPTIONS_MAX
        )

    def _structure_changed(self) -> None:
        self._fit_height()
        self._update_buttons()
        self.edited.emit()

    def _fit_height(self) -> None:
        """All options are shown (the editor scrolls, not the list), at least two lines."""
        row_height = self.view.sizeHintForRow(0) if self.model.rowCount() else 0
        row_height = max(row_height, self.view.fontMetrics().height() + 12)
        rows = max(self.model.rowCount(), 2)
        self.view.setFixedHeight(rows * row_height + 2 * self.view.frameWidth() + 2)

    def _update_buttons(self) -> None:
        row, count = self.view.current_row(), self.model.rowCount()
        self.add_button.setEnabled(self._can_add())
        self.remove_button.setEnabled(self.structure_editable and row >= 0)
        self.up_button.setEnabled(self.structure_editable and row > 0)
        self.down_button.setEnabled(self.structure_editable and 0 <= row < count - 1)
