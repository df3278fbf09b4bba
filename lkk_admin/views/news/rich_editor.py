"""The body of a news item: a small toolbar over a QTextEdit (no QtWebEngine).

The toolbar offers only what the portal publishes — paragraphs, two levels of headings,
bold, italic, bulleted and numbered lists, links, simple tables, quotes — and every
button's state follows the cursor. What is stored is :meth:`RichTextEditor.semantic_html`
(see :mod:`rich_html`): clean semantic HTML that opens and saves again byte for byte.
A paste from Word or a browser keeps its structure and loses its look (:mod:`rich_paste`);
a plain-text paste stays plain.

Public API, for the news item's window:
- ``semantic_html() -> str`` and ``set_semantic_html(html)`` (loading leaves the body
  unmodified, with an empty undo history, and does not emit ``changed``);
- ``changed`` (the content was edited), ``modification_changed(bool)`` (for the
  window title's unsaved mark), ``document()``, ``is_modified()``, ``set_modified()``;
- ``set_read_only(bool)``; ``editor`` is the QTextEdit, ``toolbar`` the toolbar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QSignalBlocker, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFrameFormat,
    QTextLength,
    QTextListFormat,
    QTextTable,
    QTextTableFormat,
)
from PySide6.QtWidgets import QComboBox, QTextEdit, QToolBar, QToolButton, QVBoxLayout, QWidget

from lkk_admin.views.news.rich_dialogs import LinkDialog, TableDialog
from lkk_admin.views.news.rich_formatting import (
    LIST_STYLES,
    PARAGRAPH_LEVELS,
    QUOTE_BACKGROUND,
    block_format_for,
    change_list_level,
    char_format_for,
    give_tables_full_width,
    insert_semantic_html,
    link_range,
    linked_pieces,
    plain_text_format,
    quote_format,
    selected_blocks,
)
from lkk_admin.views.news.rich_html import (
    BOLD_WEIGHT,
    LINE_BREAK,
    allowed_href,
    is_bulleted,
    is_quote,
    load_semantic_html,
    semantic_html,
)
from lkk_admin.views.news.rich_icons import toolbar_icon
from lkk_admin.views.news.rich_paste import clean_pasted_html

# The look the editor gives what it stores; the portal has its own stylesheet.
EDITOR_STYLE_SHEET = (
    "table { border-collapse: collapse; } "
    "th, td { border: 1px solid #9aa3ad; padding: 4px 6px; } "
    "th { background-color: #eef2f7; } "
    f"blockquote {{ background-color: {QUOTE_BACKGROUND}; }}"
)


class BodyTextEdit(QTextEdit):
    """The text area: pastes cleaned, copies clean, and the keys of lists and headings."""

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 - Qt's name
        return source.hasHtml() or source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt's name
        cleaned = clean_pasted_html(source.html()) if source.hasHtml() else ""
        cursor = self.textCursor()
        if cleaned:
            insert_semantic_html(cursor, cleaned)
            give_tables_full_width(self.document())
        elif source.hasText():
            typing = cursor.charFormat()
            if typing.isAnchor():  # a paste next to a link does not extend it
                typing = plain_text_format(typing)
            cursor.insertText(source.text(), typing)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 - Qt's name
        """What is copied is what the portal would get, so a paste elsewhere is clean too."""
        cursor = self.textCursor()
        scratch = QTextDocument()
        QTextCursor(scratch).insertFragment(QTextDocumentFragment(cursor))
        data = QMimeData()
        data.setHtml(semantic_html(scratch))
        data.setText(cursor.selection().toPlainText())
        return data

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if self.isReadOnly():
            super().keyPressEvent(event)
            return
        cursor = self.textCursor()
        key = event.key()
        text_list = cursor.currentList()
        if text_list is not None and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            change_list_level(cursor, -1 if key == Qt.Key.Key_Backtab or shift else 1)
            return
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        if enter and not cursor.hasSelection():
            block = cursor.block()
            if text_list is not None and not block.text():
                change_list_level(cursor, -1)  # Enter on an empty item leaves the list
                return
            if block.blockFormat().headingLevel() and cursor.atBlockEnd():
                cursor.insertBlock(block_format_for(0, block.blockFormat()), char_format_for(0))
                self.setTextCursor(cursor)
                return
        super().keyPressEvent(event)


class RichTextEditor(QWidget):
    """The rich-text body of a news item: toolbar, text and the HTML the portal stores."""

    changed = Signal()
    modification_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("richTextEditor")
        self._loading = False
        self.editor = BodyTextEdit()
        self.editor.setObjectName("bodyEdit")
        self.editor.setAcceptRichText(True)
        self.editor.setPlaceholderText(self.tr("The text of the news item or article…"))
        self.editor.document().setDefaultStyleSheet(EDITOR_STYLE_SHEET)
        self.editor.document().setDocumentMargin(10)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("bodyToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.link_dialog: LinkDialog | None = None
        self.table_dialog: TableDialog | None = None
        self._build_toolbar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.editor)
        self.setFocusProxy(self.editor)
        document = self.editor.document()
        document.contentsChanged.connect(self._contents_changed)
        document.modificationChanged.connect(self._modification_changed)
        self.editor.cursorPositionChanged.connect(self._update_state)
        self.editor.currentCharFormatChanged.connect(lambda _format: self._update_state())
        self.editor.selectionChanged.connect(self._update_state)
        self.set_semantic_html("")

    # --- the stored HTML ---------------------------------------------------------------------

    def semantic_html(self) -> str:
        return semantic_html(self.editor.document())

    def set_semantic_html(self, html: str) -> None:
        """Show stored HTML: unmodified, nothing to undo, no ``changed`` signal (and
        ``modification_changed(False)`` only if the body was modified before)."""
        was_modified = self.is_modified()
        self._loading = True
        try:
            document = self.editor.document()
            load_semantic_html(document, html)
            give_tables_full_width(document)
            if not html:  # Qt's empty document has a bare block: make it a paragraph
                QTextCursor(document).setBlockFormat(block_format_for(0))
            document.clearUndoRedoStacks()
            document.setModified(False)
            self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        finally:
            self._loading = False
        if was_modified:
            self.modification_changed.emit(False)
        self._update_state()

    def document(self) -> QTextDocument:
        return self.editor.document()

    def is_modified(self) -> bool:
        return self.editor.document().isModified()

    def set_modified(self, modified: bool) -> None:
        self.editor.document().setModified(modified)

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setReadOnly(read_only)
        self.toolbar.setEnabled(not read_only)

    def _contents_changed(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _modification_changed(self, modified: bool) -> None:
        if not self._loading:
            self.modification_changed.emit(modified)

    # --- the toolbar ---------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        tip: str,
        handler: Callable[[], None],
        *,
        icon: str | None = None,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        checkable: bool = False,
        name: str,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if icon is not None:
            action.setIcon(toolbar_icon(icon, self.palette().color(QPalette.ColorRole.Text)))
        if shortcut is not None:
            sequence = QKeySequence(shortcut)
            action.setShortcut(sequence)
            # Only while the body has focus: the title and summary fields keep their keys.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            tip = f"{tip} ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setCheckable(checkable)
        action.triggered.connect(lambda _checked=False: handler())
        self.addAction(action)
        self.toolbar.addAction(action)
        return action

    def _build_toolbar(self) -> None:
        self.block_style = QComboBox()
        self.block_style.setObjectName("blockStyle")
        self.block_style.addItem(self.tr("Paragraph"), 0)
        self.block_style.addItem(self.tr("Heading 2"), 2)
        self.block_style.addItem(self.tr("Heading 3"), 3)
        self.block_style.setToolTip(
            self.tr("Paragraph or heading (Ctrl+Alt+0, Ctrl+Alt+2, Ctrl+Alt+3)")
        )
        self.block_style.activated.connect(
            lambda index: self.set_block_level(int(self.block_style.itemData(index)))
        )
        self.toolbar.addWidget(self.block_style).setToolTip(self.block_style.toolTip())
        for level in PARAGRAPH_LEVELS:
            shortcut = QAction(self)
            shortcut.setObjectName(f"blockLevel{level}")
            shortcut.setShortcut(QKeySequence(f"Ctrl+Alt+{level}"))
            shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.triggered.connect(lambda _checked=False, lv=level: self.set_block_level(lv))
            self.addAction(shortcut)
        self.toolbar.addSeparator()

        self.bold_action = self._action(
            self.tr("B"),
            self.tr("Bold"),
            self.toggle_bold,
            shortcut=QKeySequence.StandardKey.Bold,
            checkable=True,
            name="bold",
        )
        self.italic_action = self._action(
            self.tr("I"),
            self.tr("Italic"),
            self.toggle_italic,
            shortcut=QKeySequence.StandardKey.Italic,
            checkable=True,
            name="italic",
        )
        self._letter_button(self.bold_action, bold=True)
        self._letter_button(self.italic_action, italic=True)
        self.toolbar.addSeparator()
        self.bullet_list_action = self._action(
            self.tr("Bulleted list"),
            self.tr("Bulleted list"),
            lambda: self.toggle_list("ul"),
            icon="bulleted",
            shortcut="Ctrl+Shift+8",
            checkable=True,
            name="bulletList",
        )
        self.numbered_list_action = self._action(
            self.tr("Numbered list"),
            self.tr("Numbered list"),
            lambda: self.toggle_list("ol"),
            icon="numbered",
            shortcut="Ctrl+Shift+7",
            checkable=True,
            name="numberedList",
        )
        self.quote_action = self._action(
            self.tr("Quote"),
            self.tr("Quote"),
            self.toggle_quote,
            icon="quote",
            shortcut="Ctrl+Shift+9",
            checkable=True,
            name="quote",
        )
        self.toolbar.addSeparator()
        self.link_action = self._action(
            self.tr("Link…"),
            self.tr("Insert or edit a link"),
            self.ask_link,
            icon="link",
            shortcut="Ctrl+K",
            name="link",
        )
        self.unlink_action = self._action(
            self.tr("Remove link"),
            self.tr("Remove the link, keep its text"),
            self.remove_link,
            icon="unlink",
            shortcut="Ctrl+Shift+K",
            name="unlink",
        )
        self.toolbar.addSeparator()
        self.table_action = self._action(
            self.tr("Table…"),
            self.tr("Insert a table"),
            self.ask_table,
            icon="table",
            name="table",
        )
        self.add_row_action = self._action(
            self.tr("Add row"),
            self.tr("Add a row below"),
            self.add_row,
            icon="row_add",
            name="addRow",
        )
        self.remove_row_action = self._action(
            self.tr("Delete row"),
            self.tr("Delete this row"),
            self.remove_row,
            icon="row_remove",
            name="removeRow",
        )
        self.add_column_action = self._action(
            self.tr("Add column"),
            self.tr("Add a column to the right"),
            self.add_column,
            icon="column_add",
            name="addColumn",
        )
        self.remove_column_action = self._action(
            self.tr("Delete column"),
            self.tr("Delete this column"),
            self.remove_column,
            icon="column_remove",
            name="removeColumn",
        )
        self.toolbar.addSeparator()
        self.clear_format_action = self._action(
            self.tr("Clear formatting"),
            self.tr("Clear formatting: bold, italic, links, headings and quotes"),
            self.clear_formatting,
            icon="clear",
            shortcut="Ctrl+\\",
            name="clearFormat",
        )

    def _letter_button(self, action: QAction, *, bold: bool = False, italic: bool = False) -> None:
        button = self.toolbar.widgetForAction(action)
        if isinstance(button, QToolButton):
            font = QFont(button.font())
            font.setBold(bold)
            font.setItalic(italic)
            font.setPointSizeF(font.pointSizeF() * 1.15)
            button.setFont(font)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMinimumWidth(button.sizeHint().height())

    def _update_state(self) -> None:
        cursor = self.editor.textCursor()
        char_format = self.editor.currentCharFormat()
        block_format = cursor.blockFormat()
        text_list = cursor.currentList()
        in_table = cursor.currentTable() is not None
        level = block_format.headingLevel()
        with QSignalBlocker(self.block_style):
            self.block_style.setCurrentIndex(0 if level <= 0 else 1 if level <= 2 else 2)
        self.block_style.setEnabled(not in_table)
        self.bold_action.setChecked(char_format.fontWeight() >= BOLD_WEIGHT)
        self.italic_action.setChecked(char_format.fontItalic())
        bulleted = text_list is not None and is_bulleted(text_list.format().style())
        self.bullet_list_action.setChecked(bulleted)
        self.numbered_list_action.setChecked(text_list is not None and not bulleted)
        self.quote_action.setChecked(text_list is None and is_quote(block_format))
        for action in (self.bullet_list_action, self.numbered_list_action, self.quote_action):
            action.setEnabled(not in_table)
        self.unlink_action.setEnabled(self._has_link(cursor))
        self.table_action.setEnabled(not in_table)
        for action in (
            self.add_row_action,
            self.remove_row_action,
            self.add_column_action,
            self.remove_column_action,
        ):
            action.setEnabled(in_table)

    @staticmethod
    def _has_link(cursor: QTextCursor) -> bool:
        if not cursor.hasSelection():
            return link_range(cursor) is not None
        return bool(linked_pieces(cursor))

    # --- paragraphs and characters --------------------------------------------------------------

    def set_block_level(self, level: int) -> None:
        """Make the selected blocks paragraphs (0) or headings of level 2 or 3."""
        cursor = self.editor.textCursor()
        if cursor.currentTable() is not None:
            return
        cursor.beginEditBlock()
        for block in list(selected_blocks(cursor)):
            was = block.blockFormat().headingLevel()
            at_block = QTextCursor(block)
            at_block.setBlockFormat(block_format_for(level, block.blockFormat()))
            if was != level and (was or level):  # a paragraph's own bold words stay
                at_block.movePosition(
                    QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
                )
                at_block.mergeCharFormat(char_format_for(level))
                at_block.mergeBlockCharFormat(char_format_for(level))
        cursor.endEditBlock()
        if level:
            self.editor.mergeCurrentCharFormat(char_format_for(level))
        self.editor.setFocus()
        self._update_state()

    def toggle_bold(self) -> None:
        weight = QFont.Weight.Bold if self.bold_action.isChecked() else QFont.Weight.Normal
        char_format = QTextCharFormat()
        char_format.setFontWeight(weight)
        self._merge_char_format(char_format)

    def toggle_italic(self) -> None:
        char_format = QTextCharFormat()
        char_format.setFontItalic(self.italic_action.isChecked())
        self._merge_char_format(char_format)

    def _merge_char_format(self, char_format: QTextCharFormat) -> None:
        """On the selection, or for what is typed next."""
        self.editor.mergeCurrentCharFormat(char_format)
        self.editor.setFocus()
        self._update_state()

    def toggle_list(self, tag: str) -> None:
        """Make the selected blocks a list of the kind ``tag`` (ul/ol); pressed again on
        such a list, make them paragraphs; on a list of the other kind, change its kind."""
        cursor = self.editor.textCursor()
        if cursor.currentTable() is not None:
            return
        style = LIST_STYLES[tag]
        current = cursor.currentList()
        cursor.beginEditBlock()
        if current is not None and is_bulleted(current.format().style()) == is_bulleted(style):
            for block in list(selected_blocks(cursor)):
                text_list = block.textList()
                if text_list is not None:
                    text_list.remove(block)
                    block_format = block.blockFormat()
                    block_format.setIndent(0)
                    QTextCursor(block).setBlockFormat(block_format)
        elif current is not None:
            list_format = current.format()
            list_format.setStyle(style)
            current.setFormat(list_format)
        else:
            for block in list(selected_blocks(cursor)):
                if is_quote(block.blockFormat()):
                    QTextCursor(block).setBlockFormat(quote_format(block.blockFormat(), False))
            list_format = QTextListFormat()
            list_format.setStyle(style)
            list_format.setIndent(1)
            cursor.createList(list_format)
        cursor.endEditBlock()
        self.editor.setFocus()
        self._update_state()

    def toggle_quote(self) -> None:
        cursor = self.editor.textCursor()
        if cursor.currentTable() is not None:
            return
        quoted = not (cursor.currentList() is None and is_quote(cursor.blockFormat()))
        cursor.beginEditBlock()
        for block in list(selected_blocks(cursor)):
            text_list = block.textList()
            if text_list is not None:  # a quote holds paragraphs: the item leaves its list
                text_list.remove(block)
            block_format = quote_format(block.blockFormat(), quoted)
            block_format.setIndent(0)
            QTextCursor(block).setBlockFormat(block_format)
        cursor.endEditBlock()
        self.editor.setFocus()
        self._update_state()

    def clear_formatting(self) -> None:
        """Bold, italic and links of the selection (or of the block without one) go; its
        headings and quotes become paragraphs. Lists and tables stay."""
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        if not cursor.hasSelection():
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
        cursor.setCharFormat(QTextCharFormat())
        for block in list(selected_blocks(cursor)):
            at_block = QTextCursor(block)
            block_format = quote_format(block.blockFormat(), False)
            if block.blockFormat().headingLevel():
                block_format = block_format_for(0, block_format)
            at_block.setBlockFormat(block_format)
            at_block.setBlockCharFormat(QTextCharFormat())
        cursor.endEditBlock()
        self.editor.setCurrentCharFormat(QTextCharFormat())
        self.editor.setFocus()
        self._update_state()

    # --- links ------------------------------------------------------------------------------------

    def ask_link(self) -> None:
        """Open the link dialog for the selection or the link at the cursor."""
        cursor = self.editor.textCursor()
        existing = None if cursor.hasSelection() else link_range(cursor)
        if existing is not None:
            cursor = existing
            self.editor.setTextCursor(cursor)
        href = ""
        probe = QTextCursor(cursor)
        probe.setPosition(cursor.selectionStart() + (1 if cursor.hasSelection() else 0))
        if probe.charFormat().isAnchor():
            href = probe.charFormat().anchorHref()
        selected = cursor.selectedText()
        one_block = LINE_BREAK not in selected and "\u2029" not in selected
        dialog = LinkDialog(
            selected if one_block else "", href, text_editable=one_block, parent=self
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.link_dialog = dialog
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        dialog.accepted.connect(lambda: self._link_accepted(dialog, start, end, one_block))
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()

    def _link_accepted(self, dialog: LinkDialog, start: int, end: int, one_block: bool) -> None:
        href = dialog.href()
        if href is None:
            return
        self.insert_link(href, dialog.link_text() if one_block else None, start=start, end=end)

    def insert_link(
        self,
        href: str,
        text: str | None = None,
        *,
        start: int | None = None,
        end: int | None = None,
    ) -> bool:
        """Link ``start``–``end`` (the selection by default) to ``href``, its text replaced
        by ``text`` when given; False (and nothing changed) if the portal refuses ``href``."""
        address = allowed_href(href)
        if address is None:
            return False
        cursor = self.editor.textCursor()
        if start is not None and end is not None:
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        link = QTextCharFormat()
        link.setAnchor(True)
        link.setAnchorHref(address)
        link.setFontUnderline(True)
        link.setForeground(self.palette().brush(QPalette.ColorRole.Link))
        cursor.beginEditBlock()
        if text is not None and (text != cursor.selectedText() or not cursor.hasSelection()):
            char_format = QTextCharFormat(cursor.charFormat())
            char_format.merge(link)
            cursor.insertText(text or address, char_format)
        else:
            cursor.mergeCharFormat(link)
        cursor.endEditBlock()
        cursor.clearSelection()
        self.editor.setTextCursor(cursor)
        # Typing on after the link is not part of it.
        self.editor.setCurrentCharFormat(plain_text_format(self.editor.currentCharFormat()))
        self.editor.setFocus()
        self._update_state()
        return True

    def remove_link(self) -> None:
        """The link of the selection, or the one at the cursor, becomes plain text."""
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            found = link_range(cursor)
            if found is None:
                return
            cursor = found
        cursor.beginEditBlock()
        piece = QTextCursor(cursor.document())
        for start, end, char_format in linked_pieces(cursor):
            piece.setPosition(start)
            piece.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            piece.setCharFormat(plain_text_format(char_format))
        cursor.endEditBlock()
        self.editor.setCurrentCharFormat(plain_text_format(self.editor.currentCharFormat()))
        self.editor.setFocus()
        self._update_state()

    # --- tables -----------------------------------------------------------------------------------

    def ask_table(self) -> None:
        if self.editor.textCursor().currentTable() is not None:
            return
        dialog = TableDialog(self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.table_dialog = dialog
        dialog.accepted.connect(
            lambda: self.insert_table(dialog.rows.value(), dialog.columns.value())
        )
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()

    def insert_table(self, rows: int, columns: int) -> QTextTable:
        """A table of ``rows`` (the first is the header) × ``columns`` at the cursor."""
        table_format = QTextTableFormat()
        table_format.setHeaderRowCount(1)
        table_format.setBorder(1)
        table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        table_format.setBorderCollapse(True)
        table_format.setCellPadding(5)
        table_format.setCellSpacing(0)
        table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        table = cursor.insertTable(rows, columns, table_format)
        for column in range(columns):
            self._header_look(table, 0, column)
        cursor.endEditBlock()
        self.editor.setTextCursor(table.cellAt(0, 0).firstCursorPosition())
        self.editor.setFocus()
        self._update_state()
        return table

    @staticmethod
    def _header_look(table: QTextTable, row: int, column: int) -> None:
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        cursor = table.cellAt(row, column).firstCursorPosition()
        cursor.mergeBlockCharFormat(bold)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(bold)

    def _table_cell(self) -> tuple[QTextTable, int, int] | None:
        cursor = self.editor.textCursor()
        table = cursor.currentTable()
        if table is None:
            return None
        cell = table.cellAt(cursor)
        return table, cell.row(), cell.column()

    def add_row(self) -> None:
        where = self._table_cell()
        if where is not None:
            table, row, _column = where
            table.insertRows(row + 1, 1)
            self._after_table_change()

    def remove_row(self) -> None:
        where = self._table_cell()
        if where is not None:
            table, row, _column = where
            table.removeRows(row, 1)
            self._after_table_change()

    def add_column(self) -> None:
        where = self._table_cell()
        if where is not None:
            table, _row, column = where
            table.insertColumns(column + 1, 1)
            for row in range(min(table.format().headerRowCount(), table.rows())):
                self._header_look(table, row, column + 1)
            self._after_table_change()

    def remove_column(self) -> None:
        where = self._table_cell()
        if where is not None:
            table, _row, column = where
            table.removeColumns(column, 1)
            self._after_table_change()

    def _after_table_change(self) -> None:
        self.editor.setFocus()
        self._update_state()

    def _dialog_closed(self, dialog: QWidget) -> None:
        if self.link_dialog is dialog:
            self.link_dialog = None
        if self.table_dialog is dialog:
            self.table_dialog = None
        dialog.deleteLater()
        self.editor.setFocus()
