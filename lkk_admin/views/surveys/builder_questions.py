"""The builder's list of questions: numbered short texts with the kind's mark, a second
grey line naming the kind, a red mark on a question the last check found wrong; moved
by Ctrl+Up/Down and by dragging, Insert adds, Delete removes, Ctrl+Z brings the last
removed one back."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from lkk_admin.services.survey_shape import RATING_SCALES
from lkk_admin.views.surveys.builder_icons import PROBLEM_COLOUR, kind_icon, problem_icon
from lkk_admin.views.surveys.builder_rows import AnyIndex, MovableRowsModel
from lkk_admin.views.surveys.builder_state import QuestionEntry

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2  # the grey second line
PROBLEMS_ROLE = Qt.ItemDataRole.UserRole + 3  # list[str]
SHORT_TEXT = 120


def kind_name(kind: str) -> str:
    names = {
        "single": QCoreApplication.translate("SurveyBuilder", "Single choice"),
        "multiple": QCoreApplication.translate("SurveyBuilder", "Multiple choice"),
        "text": QCoreApplication.translate("SurveyBuilder", "Free text"),
        "rating": QCoreApplication.translate("SurveyBuilder", "Rating"),
    }
    return names.get(kind, kind)


def scale_name(scale: int) -> str:
    low, high = RATING_SCALES.get(scale, (1, scale))
    if scale == 10:
        return QCoreApplication.translate("SurveyBuilder", "0–10 (NPS)")
    return f"{low}–{high}"


def short_text(text: str) -> str:
    """The question's first line, cut for a list entry."""
    first = text.strip().split("\n", 1)[0].strip()
    return first if len(first) <= SHORT_TEXT else first[: SHORT_TEXT - 1] + "…"


class QuestionListModel(MovableRowsModel[QuestionEntry]):
    mime_type = "application/x-lkk-admin-survey-questions"

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        entry = self.rows[index.row()]
        number = index.row() + 1
        if role == Qt.ItemDataRole.DisplayRole:
            text = short_text(entry.text) or QCoreApplication.translate(
                "SurveyBuilder", "(no text yet)"
            )
            return f"{number}. {text}"
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_icon(entry.kind)
        if role == KIND_ROLE:
            return entry.kind
        if role == DETAIL_ROLE:
            return self._detail(entry)
        if role == PROBLEMS_ROLE:
            return entry.all_problems()
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{number}. {entry.text.strip()}", self._detail(entry)]
            lines += [f"⚠ {message}" for message in entry.all_problems()]
            return "\n".join(line for line in lines if line)
        return None

    @staticmethod
    def _detail(entry: QuestionEntry) -> str:
        parts = [kind_name(entry.kind)]
        if entry.kind == "rating":
            parts.append(scale_name(entry.rating_scale))
        elif entry.is_choice:
            count = sum(1 for line in entry.options if line.text.strip())
            parts.append(
                QCoreApplication.translate("SurveyBuilder", "options: {count}").format(count=count)
            )
        if not entry.required:
            parts.append(QCoreApplication.translate("SurveyBuilder", "optional"))
        return " · ".join(parts)


class QuestionDelegate(QStyledItemDelegate):
    """Two lines per question: «N. text» and, smaller and grey, the kind and its details;
    a question with problems gets a red bar on its left and a warning mark."""

    PADDING = 5
    ICON = 20

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        metrics = QFontMetrics(option.font)
        small = QFontMetrics(self._small_font(option.font))
        return QSize(160, metrics.height() + small.height() + 2 * self.PADDING + 2)

    @staticmethod
    def _small_font(font: QFont) -> QFont:
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.88))
        return small

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        widget = view_option.widget
        style = widget.style() if widget is not None else QApplication.style()
        # The panel (selection, hover, focus) as the style draws it, without text or icon.
        panel = QStyleOptionViewItem(view_option)
        panel.text = ""
        panel.icon = QIcon()
        panel.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, panel, painter, widget)

        rect: QRect = view_option.rect
        problems = index.data(PROBLEMS_ROLE) or []
        selected = bool(view_option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = view_option.palette
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        painter.save()
        if problems:
            painter.fillRect(
                QRect(rect.left(), rect.top(), 4, rect.height()), QColor(PROBLEM_COLOUR)
            )
        left = rect.left() + self.PADDING + 4
        icon_rect = QRect(left, rect.top() + self.PADDING, self.ICON, self.ICON)
        kind_icon(str(index.data(KIND_ROLE))).paint(painter, icon_rect)
        right = rect.right() - self.PADDING
        if problems:
            mark = QRect(right - 16, rect.top() + self.PADDING + 2, 16, 16)
            problem_icon().paint(painter, mark)
            right = mark.left() - 4
        text_left = icon_rect.right() + 7
        width = max(0, right - text_left)
        font: QFont = view_option.font
        metrics = QFontMetrics(font)
        painter.setFont(font)
        painter.setPen(text_colour)
        first = QRect(text_left, rect.top() + self.PADDING, width, metrics.height())
        painter.drawText(
            first,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(str(index.data()), Qt.TextElideMode.ElideRight, width),
        )
        small = self._small_font(font)
        small_metrics = QFontMetrics(small)
        painter.setFont(small)
        grey = QColor(text_colour)
        grey.setAlpha(170)
        painter.setPen(QColor(PROBLEM_COLOUR) if problems and not selected else grey)
        # A problem takes the kind's place (the icon still tells the kind).
        detail = str(index.data(DETAIL_ROLE))
        if problems:
            detail = problems[0] if len(problems) == 1 else f"{problems[0]} (+{len(problems) - 1})"
        second = QRect(text_left, first.bottom() + 2, width, small_metrics.height())
        painter.drawText(
            second,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            small_metrics.elidedText(detail, Qt.TextElideMode.ElideRight, width),
        )
        painter.restore()


class QuestionListView(QListView):
    """The list's keys: Insert adds, Delete removes, Ctrl+Up/Down move, Ctrl+Z restores
    the last removed question. What they do is the builder's (it knows the lock)."""

    add_requested = QtSignal()
    delete_requested = QtSignal()
    move_requested = QtSignal(int)  # -1 up, +1 down
    undo_requested = QtSignal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionList")
        self.setItemDelegate(QuestionDelegate(self))
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setDropIndicatorShown(True)
        self.setDragDropOverwriteMode(False)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
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
        if key == Qt.Key.Key_Insert and not modifiers:
            self.add_requested.emit()
        elif key == Qt.Key.Key_Delete and not modifiers:
            self.delete_requested.emit()
        elif ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif ctrl and key == Qt.Key.Key_Z:
            self.undo_requested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def set_current_row(self, row: int) -> None:
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        index = model.index(row, 0)
        self.setCurrentIndex(index)
        self.scrollTo(index)
