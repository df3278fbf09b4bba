"""The body of a news item as the portal stores it: clean semantic HTML, written from a
QTextDocument by walking its structure and read back with ``QTextDocument.setHtml``.

Never Qt's own ``toHtml()``: that is a page of inline styles, fonts and ``qrichtext``
boilerplate. What comes out of :func:`semantic_html` uses only :data:`ALLOWED_TAGS`, no
attribute but a link's ``href``/``target``/``rel``, and is a fixed point of both the
portal's sanitiser (nh3 with the same allow-list) and of :func:`load_semantic_html`
followed by :func:`semantic_html`: saving, opening and saving again gives the same bytes.

Canonical form (what makes that round trip exact, given how Qt parses HTML):
- one top-level block per line; lists, quotes and tables spread over lines;
- whitespace collapsed as a browser shows it, none at the start or end of a block or
  after a line break; trailing line breaks dropped;
- an empty paragraph (or list item) is ``<p><br></p>`` — Qt drops a bare ``<p></p>``;
- empty paragraphs at the start and end of the body, and right after a table (Qt keeps
  one there, or not, depending on its last cell), are not written;
- inline markup nests in one order: ``a`` outside ``strong`` outside ``em``;
- headings of level 1 and 2 are ``h2``, deeper ones ``h3``; bold inside a heading or a
  header cell is the heading's own look, not ``strong``;
- a quote holds paragraphs and headings; lists and tables end it; list nesting follows
  the order of indents, not their values; a table cell of several paragraphs wraps each
  in ``p``; merged cells are written unmerged (no ``rowspan``/``colspan`` on the portal).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from PySide6.QtGui import (
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextListFormat,
    QTextTable,
    QTextTableCell,
)

ALLOWED_TAGS = frozenset(
    {
        "p", "h2", "h3", "strong", "em", "ul", "ol", "li", "a", "blockquote", "br",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": frozenset({"href", "target", "rel"})}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_ATTRIBUTES = 'target="_blank" rel="noopener noreferrer"'

LINE_BREAK = "\u2028"  # what Qt makes of <br>: a soft line break inside a block
PARAGRAPH_BREAK = "\u2029"
OBJECT_REPLACEMENT = "\ufffc"  # an image or another embedded object: not on the portal
QUOTE_MARGIN = 40.0  # what Qt gives each level of <blockquote>, left and right
BOLD_WEIGHT = 600  # QFont.DemiBold and heavier read as bold
HTML_WHITESPACE = " \t\n\r\f"
BULLETED_STYLES = frozenset(
    {
        QTextListFormat.Style.ListDisc,
        QTextListFormat.Style.ListCircle,
        QTextListFormat.Style.ListSquare,
    }
)


def allowed_href(address: str) -> str | None:
    """The link address as stored, or None when the portal must not link to it: only
    http(s) with a host, and mailto with an address; no spaces or control characters;
    the scheme in lower case."""
    href = address.strip()
    if not href or any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in href):
        return None
    try:
        parts = urlsplit(href)
    except ValueError:  # e.g. an unbalanced [ in the host
        return None
    scheme = parts.scheme.lower()
    if scheme not in LINK_SCHEMES:
        return None
    if not ("@" in parts.path if scheme == "mailto" else parts.hostname):
        return None
    return scheme + href[len(scheme) :]  # HTTPS://… is https://…, as the sanitiser writes it


def is_quote(block_format: QTextBlockFormat) -> bool:
    """Quoted as Qt marks a parsed <blockquote> (the level on its first block, the margins
    on every block) or as the editor's quote action does (both)."""
    level = block_format.property(QTextFormat.Property.BlockQuoteLevel)
    if isinstance(level, int) and level > 0:
        return True
    return block_format.leftMargin() >= QUOTE_MARGIN and block_format.rightMargin() >= QUOTE_MARGIN


def is_bulleted(style: QTextListFormat.Style) -> bool:
    return style in BULLETED_STYLES


def heading_tag(level: int) -> str | None:
    if level <= 0:
        return None
    return "h2" if level <= 2 else "h3"


def load_semantic_html(document: QTextDocument, markup: str) -> None:
    """Show stored HTML in ``document`` (Qt's parser knows every tag we write), then make
    the paragraphs written as ``<p><br></p>`` plain empty ones again."""
    document.setHtml(markup)
    empty_line_breaks(document, 0, document.characterCount())
    document.clearUndoRedoStacks()


def empty_line_breaks(document: QTextDocument, start: int, end: int) -> None:
    """Blocks between ``start`` and ``end`` holding only a line break (as ``<p><br></p>``
    reads) become plain empty blocks, as the user typed them."""
    block = document.findBlock(start)
    cursor = QTextCursor(document)
    while block.isValid() and block.position() <= end:
        following = block.next()
        if block.text() == LINE_BREAK:
            cursor.setPosition(block.position())
            cursor.deleteChar()
            end -= 1
        block = following


def semantic_html(document: QTextDocument, *, pasted: bool = False) -> str:
    """``document`` as clean semantic HTML (see the module's docstring).

    ``pasted``: the document holds what came from the clipboard, where a paragraph of
    only non-breaking spaces (Word's empty line) counts as empty.
    """
    writer = _Writer(pasted=pasted)
    return "\n".join(writer.body(_top_level_items(document.rootFrame())))


# --- the document's structure ---------------------------------------------------------------


def _top_level_items(frame: QTextFrame) -> list[QTextBlock | QTextTable]:
    """The blocks and tables of ``frame`` in order; other frames are opened in place."""
    items: list[QTextBlock | QTextTable] = []
    iterator = frame.begin()
    while not iterator.atEnd():
        child = iterator.currentFrame()
        if isinstance(child, QTextTable):
            items.append(child)
        elif child is not None:
            items.extend(_top_level_items(child))
        else:
            block = iterator.currentBlock()
            if block.isValid():
                items.append(block)
        iterator += 1
    return items


def _cell_blocks(cell: QTextTableCell) -> Iterator[QTextBlock]:
    """Every block of ``cell``, those of tables nested in it included (written flat)."""
    yield from _blocks_from(cell.begin())


def _blocks_from(iterator: QTextFrame.iterator) -> Iterator[QTextBlock]:
    while not iterator.atEnd():
        child = iterator.currentFrame()
        if child is not None:
            yield from _blocks_from(child.begin())
        else:
            block = iterator.currentBlock()
            if block.isValid():
                yield block
        iterator += 1


# --- writing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Look:
    """What a run of characters says on the portal."""

    href: str | None
    bold: bool
    italic: bool

    def tags(self) -> tuple[tuple[str, str], ...]:
        """Opening and closing tags, outermost first: a link, then bold, then italic."""
        tags: list[tuple[str, str]] = []
        if self.href is not None:
            tags.append((f'<a href="{html.escape(self.href)}" {LINK_ATTRIBUTES}>', "</a>"))
        if self.bold:
            tags.append(("<strong>", "</strong>"))
        if self.italic:
            tags.append(("<em>", "</em>"))
        return tuple(tags)


@dataclass
class _Item:
    content: str
    lists: list[_List] = field(default_factory=list)


@dataclass
class _List:
    tag: str
    items: list[_Item] = field(default_factory=list)

    def lines(self) -> list[str]:
        """``<li>`` a line each; a nested list opens at the end of its item's line."""
        lines = [f"<{self.tag}>"]
        for item in self.items:
            opening = f"<li>{item.content or '<br>'}"
            nested = [line for each in item.lists for line in each.lines()]
            if nested:
                lines.append(opening + nested[0])
                lines.extend(nested[1:-1])
                lines.append(nested[-1] + "</li>")
            else:
                lines.append(opening + "</li>")
        lines.append(f"</{self.tag}>")
        return lines


def _escape(text: str) -> str:
    """As html5ever (nh3) writes text, so that the sanitiser changes nothing."""
    return html.escape(text, quote=False).replace("\xa0", "&nbsp;")


def _wanted(ch: str) -> str | None:
    """The character as the portal gets it, or None to leave it out."""
    if ch in HTML_WHITESPACE:
        return " "
    if ch == PARAGRAPH_BREAK:
        return LINE_BREAK
    code = ord(ch)
    if (
        ch == OBJECT_REPLACEMENT
        or code < 0x20
        or 0x7F <= code <= 0x9F
        or 0xD800 <= code <= 0xDFFF
        or code in (0xFFFE, 0xFFFF)
    ):
        return None
    return ch


class _Writer:
    def __init__(self, *, pasted: bool) -> None:
        self.pasted = pasted

    # blocks

    def body(self, items: list[QTextBlock | QTextTable]) -> Iterator[str]:
        kept = self._without_structural_empties(items)
        quoting = False
        position = 0
        while position < len(kept):
            item = kept[position]
            quoted = (
                isinstance(item, QTextBlock)
                and not item.textList()
                and is_quote(item.blockFormat())
            )
            if quoting and not quoted:
                yield "</blockquote>"
            elif quoted and not quoting:
                yield "<blockquote>"
            quoting = quoted
            if isinstance(item, QTextTable):
                yield from self.table(item)
                position += 1
            elif item.textList():
                run = [item]
                while (
                    position + len(run) < len(kept)
                    and isinstance(following := kept[position + len(run)], QTextBlock)
                    and following.textList()
                ):
                    run.append(following)
                yield from self.lists(run)
                position += len(run)
            else:
                yield self.block(item)
                position += 1
        if quoting:
            yield "</blockquote>"

    def _without_structural_empties(
        self, items: list[QTextBlock | QTextTable]
    ) -> list[QTextBlock | QTextTable]:
        """Without the empty paragraphs at either end, nor those right after a table (Qt
        keeps one there, or not, depending on the table's last cell)."""

        def empty(item: QTextBlock | QTextTable) -> bool:
            return isinstance(item, QTextBlock) and not item.textList() and self._blank(item)

        kept: list[QTextBlock | QTextTable] = []
        for item in items:
            if not (empty(item) and kept and isinstance(kept[-1], QTextTable)):
                kept.append(item)
        start, end = 0, len(kept)
        while start < end and empty(kept[start]):
            start += 1
        while end > start and empty(kept[end - 1]):
            end -= 1
        return kept[start:end]

    def _blank(self, block: QTextBlock) -> bool:
        """Whether :meth:`inline` would write nothing for ``block``."""
        invisible = (None, " ", LINE_BREAK, "\xa0") if self.pasted else (None, " ", LINE_BREAK)
        return all(_wanted(ch) in invisible for ch in block.text())

    def block(self, block: QTextBlock) -> str:
        tag = heading_tag(block.blockFormat().headingLevel())
        content = self.inline(block, bold_is_style=tag is not None)
        if not content:
            return "<p><br></p>"
        tag = tag or "p"
        return f"<{tag}>{content}</{tag}>"

    def lists(self, blocks: list[QTextBlock]) -> Iterator[str]:
        """Consecutive list items, nested by the order of their indents."""
        outermost: list[_List] = []
        path: list[_List] = []  # the lists open, outermost first
        indents: list[int] = []  # increasing: the indents seen on the way in
        for block in blocks:
            list_format = block.textList().format()
            while indents and indents[-1] > list_format.indent():
                indents.pop()
            if not indents or indents[-1] < list_format.indent():
                indents.append(list_format.indent())
            depth = len(indents)
            tag = "ul" if is_bulleted(list_format.style()) else "ol"
            del path[depth:]
            if len(path) == depth and path[-1].tag != tag:
                path.pop()
            while len(path) < depth:
                opened = _List(tag)
                if path:
                    if not path[-1].items:  # an indent skipped: an empty item holds it
                        path[-1].items.append(_Item(""))
                    path[-1].items[-1].lists.append(opened)
                else:
                    outermost.append(opened)
                path.append(opened)
            path[-1].items.append(_Item(self.inline(block)))
        for each in outermost:
            yield from each.lines()

    def table(self, table: QTextTable) -> Iterator[str]:
        header_rows = min(table.format().headerRowCount(), table.rows())
        yield "<table>"
        if header_rows:
            yield "<thead>"
            for row in range(header_rows):
                yield self.row(table, row, "th")
            yield "</thead>"
        if header_rows < table.rows():
            yield "<tbody>"
            for row in range(header_rows, table.rows()):
                yield self.row(table, row, "td")
            yield "</tbody>"
        yield "</table>"

    def row(self, table: QTextTable, row: int, tag: str) -> str:
        cells = []
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            paragraphs: list[str] = []
            if cell.row() == row and cell.column() == column:  # not under a merged cell
                for block in _cell_blocks(cell):
                    content = self.inline(block, bold_is_style=tag == "th")
                    if content:
                        paragraphs.append(content)
            if len(paragraphs) == 1:
                cells.append(f"<{tag}>{paragraphs[0]}</{tag}>")
            else:
                inner = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
                cells.append(f"<{tag}>{inner}</{tag}>")
        return "<tr>" + "".join(cells) + "</tr>"

    # inline

    def inline(self, block: QTextBlock, *, bold_is_style: bool = False) -> str:
        """The text of ``block`` with its bold, italic and links; '' when there is none."""
        chars: list[tuple[str, _Look]] = []
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid():
                look = self._look(fragment.charFormat(), bold_is_style=bold_is_style)
                for ch in fragment.text():
                    self._append(chars, ch, look)
            iterator += 1
        while chars and chars[-1][0] in (" ", LINE_BREAK):
            chars.pop()
        if self.pasted and all(ch in ("\xa0", " ", LINE_BREAK) for ch, _ in chars):
            return ""
        return self._markup(chars)

    @staticmethod
    def _append(chars: list[tuple[str, _Look]], ch: str, look: _Look) -> None:
        wanted = _wanted(ch)
        if wanted is None:
            return
        if wanted == " " and (not chars or chars[-1][0] in (" ", LINE_BREAK)):
            return
        if wanted == LINE_BREAK:
            while chars and chars[-1][0] == " ":
                chars.pop()
        chars.append((wanted, look))

    @staticmethod
    def _look(char_format: QTextFormat, *, bold_is_style: bool) -> _Look:
        text_format = char_format.toCharFormat()
        href = None
        if text_format.isAnchor():
            href = allowed_href(text_format.anchorHref())
        bold = not bold_is_style and text_format.fontWeight() >= BOLD_WEIGHT
        return _Look(href, bold=bold, italic=text_format.fontItalic())

    @staticmethod
    def _markup(chars: list[tuple[str, _Look]]) -> str:
        parts: list[str] = []
        opened: tuple[tuple[str, str], ...] = ()
        start = 0
        while start < len(chars):
            look = chars[start][1]
            end = start
            while end < len(chars) and chars[end][1] == look:
                end += 1
            wanted = look.tags()
            same = 0
            while same < min(len(opened), len(wanted)) and opened[same] == wanted[same]:
                same += 1
            parts.extend(closing for _opening, closing in reversed(opened[same:]))
            parts.extend(opening for opening, _closing in wanted[same:])
            opened = wanted
            text = "".join(ch for ch, _ in chars[start:end])
            parts.append("<br>".join(_escape(line) for line in text.split(LINE_BREAK)))
            start = end
        parts.extend(closing for _opening, closing in reversed(opened))
        return "".join(parts)
