"""The detail half of a section's screen: what every read-only detail pane is made of.

A section's pane subclasses :class:`DetailPane` and fills its body from a record's detail
(:meth:`DetailPane.fill`); the pane brings the title, a tool bar of the section's actions,
a notice line, the placeholder and loading states, vertical scrolling only, and links to
other sections (``link_activated(section key, record id, search text)``).
Building blocks for the body: :class:`FormGroup` (label: value rows) and
:class:`DetailTable` (a small read-only table sized to its rows).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lkk_admin.views.pane_parts import (
    NoticeLabel,
    action_toolbar,
    pane_title_label,
    placeholder_label,
    value_label,
)

LINK_ROLE = Qt.ItemDataRole.UserRole + 10  # (section key, id, search) of a linked cell


class DetailView(Protocol):
    """What the generic page needs of a detail pane (the outbox's letter pane too)."""

    def clear(self, text: str | None = None) -> None: ...
    def show_loading(self) -> None: ...
    def show_detail(self, detail: Any) -> None: ...
    def set_actions(self, actions: Iterable[QAction]) -> None: ...
    @property
    def shown_id(self) -> int | None: ...


class DetailPane(QWidget):
    """Title, actions, notice; below them the placeholder, "loading…" or the body."""

    link_activated = Signal(str, int, str)  # section key, record id, search text

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.detail: Any = None
        self.title_label = pane_title_label("detailTitle")
        self.subtitle_label = QLabel()
        self.subtitle_label.setObjectName("detailSubtitle")
        self.subtitle_label.setWordWrap(True)
        self.subtitle_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_label = NoticeLabel("detailNotice")
        self.toolbar = action_toolbar("detailActions")

        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.toolbar, 0, Qt.AlignmentFlag.AlignTop)
        self.header = QWidget()
        header_layout = QVBoxLayout(self.header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        header_layout.setSpacing(3)
        header_layout.addLayout(top)
        header_layout.addWidget(self.subtitle_label)
        header_layout.addWidget(self.notice_label)

        self.body = QWidget()
        self.body.setObjectName("detailBody")
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 4, 0)
        self.body_layout.setSpacing(8)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("detailScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # Detail panes never scroll sideways: their contents wrap or elide.
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.body)

        self.placeholder = placeholder_label("detailPlaceholder")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.scroll_area)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)

    # --- what the page calls ----------------------------------------------------------------

    @property
    def shown_id(self) -> int | None:
        detail = self.detail
        return None if detail is None else int(detail.id)

    def set_actions(self, actions: Iterable[QAction]) -> None:
        """Buttons for the page's actions (they share its enabled state and shortcut)."""
        for action in actions:
            self.toolbar.addAction(action)
            button = self.toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setObjectName(f"{action.objectName()}Button")
        self.toolbar.setVisible(bool(self.toolbar.actions()))

    def clear(self, text: str | None = None) -> None:
        self.detail = None
        self.title_label.clear()
        self.subtitle_label.clear()
        self.notice_label.hide_notice()
        self.header.setVisible(False)
        self.placeholder.setText(text or self.tr("Choose a row in the list to see it here."))
        self.stack.setCurrentWidget(self.placeholder)

    def show_loading(self) -> None:
        if self.detail is None:
            self.placeholder.setText(self.tr("Loading…"))
            self.stack.setCurrentWidget(self.placeholder)

    def show_detail(self, detail: Any) -> None:
        same = self.detail is not None and self.shown_id == int(detail.id)
        position = self.scroll_area.verticalScrollBar().value() if same else 0
        if not same:
            self.notice_label.hide_notice()
        self.detail = detail
        self.header.setVisible(True)
        self.fill(detail)
        self.stack.setCurrentWidget(self.scroll_area)
        self.scroll_area.verticalScrollBar().setValue(position)

    def show_notice(self, text: str, kind: str = "info") -> None:
        self.notice_label.show_notice(text, kind)

    @property
    def notice_kind(self) -> str:
        return self.notice_label.kind

    def fill(self, detail: Any) -> None:
        """Set the title and the body from ``detail`` (by the subclass)."""
        raise NotImplementedError


class FormGroup(QGroupBox):
    """A titled group of ``label: value`` rows; values are selectable and wrap."""

    def __init__(self, title: str, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName(object_name)
        self.form = QFormLayout(self)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.form.setContentsMargins(8, 6, 8, 8)
        self.form.setVerticalSpacing(4)
        self.values: dict[str, QLabel] = {}

    def set_rows(self, rows: Sequence[tuple[str, str]]) -> None:
        """Replace the rows: ``(label, value)``; a value may be rich text (links)."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.values = {}
        for label, value in rows:
            shown = value_label(f"value{len(self.values)}")
            shown.setText(value or "—")
            shown.setOpenExternalLinks(False)
            self.values[label] = shown
            self.form.addRow(label + ":", shown)

    def value(self, label: str) -> str:
        return self.values[label].text()


class DetailTable(QTableWidget):
    """A small read-only table inside a detail pane: as tall as its rows (up to
    ``max_rows``, then it scrolls), columns fitted to the pane's width.

    A cell given a link (section key, id, search) is drawn as a link and emits
    ``link_activated`` on a double click or Enter.
    """

    link_activated = Signal(str, int, str)

    def __init__(
        self,
        object_name: str,
        headers: Sequence[str],
        *,
        stretch: int = 0,
        max_rows: int = 12,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(0, len(headers), parent)
        self.setObjectName(object_name)
        self.setHorizontalHeaderLabels(list(headers))
        self.max_rows = max_rows
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(50)
        self.itemActivated.connect(self._activated)
        self._fit_height()

    def set_rows(
        self,
        rows: Sequence[Sequence[str]],
        *,
        align_right: Iterable[int] = (),
        links: Sequence[tuple[str, int, str] | None] | None = None,
        link_column: int = 0,
        colours: Sequence[QColor | None] | None = None,
    ) -> None:
        right = set(align_right)
        self.setRowCount(len(rows))
        link_colour = self.palette().link().color()
        for number, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if column in right:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                colour = colours[number] if colours is not None else None
                if colour is not None:
                    item.setForeground(colour)
                link = links[number] if links is not None else None
                if link is not None and column == link_column:
                    item.setData(LINK_ROLE, link)
                    item.setForeground(link_colour)
                    font = item.font()
                    font.setUnderline(True)
                    item.setFont(font)
                self.setItem(number, column, item)
        self._fit_height()

    def column_texts(self, column: int) -> list[str]:
        """What one column shows, top to bottom."""
        items = (self.item(row, column) for row in range(self.rowCount()))
        return [item.text() if item is not None else "" for item in items]

    def _fit_height(self) -> None:
        shown = max(1, min(self.rowCount(), self.max_rows))
        height = (
            self.horizontalHeader().sizeHint().height()
            + shown * self.verticalHeader().defaultSectionSize()
            + 2 * self.frameWidth()
            + 2
        )
        self.setFixedHeight(height)

    def _activated(self, item: QTableWidgetItem) -> None:
        link = self.item(item.row(), 0)
        for column in range(self.columnCount()):
            cell = self.item(item.row(), column)
            if cell is not None and cell.data(LINK_ROLE):
                link = cell
                break
        target = link.data(LINK_ROLE) if link is not None else None
        if target:
            key, record_id, search = target
            self.link_activated.emit(str(key), int(record_id), str(search))
