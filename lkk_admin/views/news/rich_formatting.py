"""Editing a news body's QTextDocument the way the portal can show it: paragraphs and
headings, quotes, lists nested by Tab, links, pastes that land as whole blocks. Plain
functions over cursors, used by the editor's toolbar and keys (:mod:`rich_editor`); what
is stored is :mod:`rich_html`'s."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
    QTextFrame,
    QTextLength,
    QTextList,
    QTextListFormat,
    QTextTable,
)

from lkk_admin.views.news.rich_html import QUOTE_MARGIN, is_quote, load_semantic_html

# Margins and size steps as Qt gives <p>, <h2> and <h3> when it reads HTML, so that typed
# and loaded text look alike.
PARAGRAPH_LEVELS = (0, 2, 3)
TOP_MARGINS = {0: 12.0, 2: 16.0, 3: 14.0}
SIZE_STEPS = {0: 0, 2: 2, 3: 1}
BOTTOM_MARGIN = 12.0
QUOTE_BACKGROUND = "#f1f4f8"
LIST_STYLES = {
    "ul": QTextListFormat.Style.ListDisc,
    "ol": QTextListFormat.Style.ListDecimal,
}


def block_format_for(level: int, base: QTextBlockFormat | None = None) -> QTextBlockFormat:
    """``base`` made a paragraph (level 0) or a heading of ``level``."""
    block_format = QTextBlockFormat(base) if base is not None else QTextBlockFormat()
    block_format.setHeadingLevel(level)
    block_format.setTopMargin(TOP_MARGINS[level])
    block_format.setBottomMargin(BOTTOM_MARGIN)
    return block_format


def char_format_for(level: int) -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setFontWeight(QFont.Weight.Bold if level else QFont.Weight.Normal)
    char_format.setProperty(QTextFormat.Property.FontSizeAdjustment, SIZE_STEPS[level])
    return char_format


def quote_format(base: QTextBlockFormat, quoted: bool) -> QTextBlockFormat:
    """``base`` quoted as Qt reads <blockquote> (the level and its margins), on a tint that
    tells a quote from an indented paragraph (the editor's style sheet gives it too)."""
    block_format = QTextBlockFormat(base)
    if quoted:
        block_format.setProperty(QTextFormat.Property.BlockQuoteLevel, 1)
        block_format.setLeftMargin(QUOTE_MARGIN)
        block_format.setRightMargin(QUOTE_MARGIN)
        block_format.setBackground(QColor(QUOTE_BACKGROUND))
    else:
        block_format.clearProperty(QTextFormat.Property.BlockQuoteLevel)
        block_format.setLeftMargin(0)
        block_format.setRightMargin(0)
        block_format.clearBackground()
    return block_format


def give_tables_full_width(document: QTextDocument) -> None:
    """Tables span the text's width, as those the toolbar inserts (an empty cell of a
    table read from HTML would otherwise be a few pixels wide)."""
    for table in _tables(document.rootFrame()):
        table_format = table.format()
        table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table.setFormat(table_format)


def _tables(frame: QTextFrame) -> Iterator[QTextTable]:
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            yield child
        yield from _tables(child)


def selected_blocks(cursor: QTextCursor) -> Iterator[QTextBlock]:
    """The blocks the selection touches (the cursor's block without one)."""
    document = cursor.document()
    block = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    while block.isValid():
        yield block
        if block == last:
            break
        block = block.next()


def link_range(cursor: QTextCursor) -> QTextCursor | None:
    """A cursor selecting the whole link at ``cursor`` (on either side of it), or None."""
    position = cursor.position()
    for start, end in _link_runs(cursor.block()):
        if start <= position <= end:
            found = QTextCursor(cursor.document())
            found.setPosition(start)
            found.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            return found
    return None


def linked_pieces(cursor: QTextCursor) -> list[tuple[int, int, QTextCharFormat]]:
    """The linked stretches of text inside the selection: start, end and format."""
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    pieces = []
    for block in selected_blocks(cursor):
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            char_format = fragment.charFormat()
            first, last = fragment.position(), fragment.position() + fragment.length()
            if first < end and last > start and char_format.isAnchor():
                pieces.append((max(first, start), min(last, end), char_format))
            iterator += 1
    return pieces


def _link_runs(block: QTextBlock) -> list[tuple[int, int]]:
    """Where the links of ``block`` start and end (neighbouring pieces of one address,
    e.g. a bold word inside a link, are one link)."""
    runs: list[tuple[int, int]] = []
    previous_href = ""
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        char_format = fragment.charFormat()
        href = char_format.anchorHref() if char_format.isAnchor() else ""
        end = fragment.position() + fragment.length()
        if href and href == previous_href and runs and runs[-1][1] == fragment.position():
            runs[-1] = (runs[-1][0], end)
        elif href:
            runs.append((fragment.position(), end))
        previous_href = href
        iterator += 1
    return runs


def plain_text_format(char_format: QTextCharFormat) -> QTextCharFormat:
    """``char_format`` without a link."""
    plain = QTextCharFormat(char_format)
    plain.setAnchor(False)
    plain.clearProperty(QTextFormat.Property.AnchorHref)
    plain.clearProperty(QTextFormat.Property.ForegroundBrush)
    plain.setFontUnderline(False)
    return plain


def change_list_level(cursor: QTextCursor, step: int) -> None:
    """Nest the items at ``cursor`` one level deeper (step 1) or shallower (-1); from the
    first level, shallower takes them out of the list."""
    cursor.beginEditBlock()
    for block in list(selected_blocks(cursor)):
        text_list = block.textList()
        if text_list is None:
            continue
        list_format = text_list.format()
        indent = list_format.indent() + step
        text_list.remove(block)
        at_block = QTextCursor(block)
        if indent < 1:
            block_format = block.blockFormat()
            block_format.setIndent(0)
            at_block.setBlockFormat(block_format)
            continue
        neighbour = _list_to_join(block, indent)
        if neighbour is not None:
            neighbour.add(block)
        else:
            list_format.setIndent(indent)
            at_block.createList(list_format)
        block_format = block.blockFormat()
        block_format.setIndent(0)
        at_block.setBlockFormat(block_format)
    cursor.endEditBlock()


def _list_to_join(block: QTextBlock, indent: int) -> QTextList | None:
    """The list just above ``block`` at ``indent`` (items of deeper lists between), to
    continue, in its kind, rather than to start another one."""
    previous = block.previous()
    while previous.isValid() and previous.textList() is not None:
        text_list = previous.textList()
        if text_list.format().indent() == indent:
            return text_list
        if text_list.format().indent() < indent:
            return None
        previous = previous.previous()
    return None


# --- pasting ------------------------------------------------------------------------------------


def insert_semantic_html(cursor: QTextCursor, markup: str) -> None:
    """Insert stored-form HTML at ``cursor`` (over its selection) as a paste is expected
    to land: a single plain paragraph goes into the text at the cursor; anything more
    arrives as whole blocks between the text before and after the cursor, its headings,
    quotes, lists and tables keeping their kind (a list continues a list of its kind
    next to it). Into a table cell, as plain text: a cell holds text only."""
    document = cursor.document()
    pasted = QTextDocument()
    pasted.setDefaultStyleSheet(document.defaultStyleSheet())
    load_semantic_html(pasted, markup)
    cursor.beginEditBlock()
    cursor.removeSelectedText()
    start = cursor.position()
    if cursor.currentTable() is not None:
        cursor.insertText(pasted.toPlainText(), plain_text_format(cursor.charFormat()))
    elif _one_plain_paragraph(pasted):
        first = pasted.begin()
        text = QTextCursor(pasted)
        text.setPosition(first.position())
        text.setPosition(first.position() + first.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertFragment(QTextDocumentFragment(text))
        level = cursor.blockFormat().headingLevel()
        if level:  # in a heading, what is pasted takes the heading's look
            inserted = QTextCursor(cursor)
            inserted.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
            inserted.mergeCharFormat(char_format_for(2 if level <= 2 else 3))
    else:
        _insert_blocks(cursor, pasted)
    join_neighbouring_lists(document, start, cursor.position())
    cursor.endEditBlock()


def _one_plain_paragraph(document: QTextDocument) -> bool:
    block = document.begin()
    return (
        document.blockCount() == 1
        and not document.rootFrame().childFrames()
        and block.textList() is None
        and block.blockFormat().headingLevel() == 0
        and not is_quote(block.blockFormat())
    )


def _insert_blocks(cursor: QTextCursor, pasted: QTextDocument) -> None:
    # An empty plain paragraph between the text before and after the cursor receives it.
    if not cursor.atBlockStart():
        cursor.insertBlock()
    if not cursor.atBlockEnd():
        cursor.insertBlock()
        cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
    receiving = cursor.block()
    if receiving.textList() is not None:
        receiving.textList().remove(receiving)
    cursor.setBlockFormat(block_format_for(0))
    cursor.setBlockCharFormat(QTextCharFormat())
    at_receiving = receiving.position()
    whole = QTextCursor(pasted)
    whole.select(QTextCursor.SelectionType.Document)
    cursor.insertFragment(QTextDocumentFragment(whole))
    receiving = cursor.document().findBlock(at_receiving)
    first = pasted.begin()
    if not receiving.text():  # the paste began with a list or a table, after this block
        _drop_empty_block(receiving)
    elif first.textList() is None:  # Qt puts the text of a paste's first block, not its kind
        QTextCursor(receiving).setBlockFormat(first.blockFormat())
    elif receiving.textList() is None:
        QTextCursor(receiving).createList(first.textList().format())


def _drop_empty_block(block: QTextBlock) -> None:
    """Remove the empty ``block`` into a neighbour next to it (not across a table)."""
    previous, following = block.previous(), block.next()
    if previous.isValid() and previous.position() + previous.length() == block.position():
        QTextCursor(block).deletePreviousChar()
    elif following.isValid() and block.position() + block.length() == following.position():
        block_format, text_list = following.blockFormat(), following.textList()
        at_block = QTextCursor(block)
        at_block.deleteChar()
        at_block.setBlockFormat(block_format)
        if text_list is not None:
            text_list.add(at_block.block())


def join_neighbouring_lists(document: QTextDocument, start: int, end: int) -> None:
    """An item of a list that follows a list of the same kind and level (a pasted list
    next to a typed one) becomes an item of that list: one numbering, as stored."""
    block = document.findBlock(start).previous()
    if not block.isValid():
        block = document.begin()
    last = document.findBlock(end).next()
    while block.isValid():
        text_list = block.textList()
        if text_list is not None:
            earlier = _list_to_join(block, text_list.format().indent())
            if (
                earlier is not None
                and earlier != text_list
                and earlier.format().style() == text_list.format().style()
            ):
                text_list.remove(block)
                earlier.add(block)
                block_format = block.blockFormat()
                block_format.setIndent(0)
                QTextCursor(block).setBlockFormat(block_format)
        if block == last:
            break
        block = block.next()
