"""The body of a news item as the portal will publish it: clean, safe, semantic HTML.

The portal renders ``news_item.body_html`` as is, to every customer, so whatever reaches
the column passes :func:`sanitize_html` first: an allow-list sanitiser (nh3, the Rust
ammonia library, which parses like a browser) keeps only what the desk's editor makes —
paragraphs, two levels of headings, bold, italic, lists, links, quotes, line breaks and
simple tables — with no attributes but a link's address, and drops everything else
(scripts and styles with their text, event handlers, inline styles, comments, frames,
forms, SVG and MathML). A link keeps only an ``http``, ``https`` or ``mailto`` address and
always opens in a new tab with ``rel="noopener noreferrer"``.

Decisions, so that pasted HTML keeps its meaning rather than losing it:

- ``<b>`` and ``<i>`` become ``<strong>`` and ``<em>`` (what the editor writes);
- the portal's page has its own ``<h1>`` (the item's title), so a body's ``<h1>`` becomes
  ``<h2>``, and ``<h4>``–``<h6>`` become ``<h3>``: two levels, as the toolbar offers;
- a table's ``<tfoot>`` becomes a ``<tbody>``, its ``<caption>`` a paragraph before it;
- a link left without an address (it had a ``javascript:`` one, or a relative one that
  would point into the portal) is unwrapped: its text stays;
- a heading inside a heading is unwrapped into the outer one (a browser would split them).

nh3 cannot rename a tag, so the sanitising runs in two passes: the first (the allow-list
plus the tags to rename) parses whatever was given and leaves a clean tree; lxml renames
and unwraps in that tree; the second pass, with the final allow-list, is what is stored.
The result is deterministic and idempotent: ``sanitize_html(sanitize_html(x)) ==
sanitize_html(x)``, so saving, opening and saving again stores the same bytes. In what is
stored a ``<`` only ever opens one of the allowed tags (text and attribute values carry
``&lt;``), which is what the database's last line of defence checks (migration 0013).

:func:`plain_text` is the text a reader sees, one line per block, for search and for
comparing versions.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from html.parser import HTMLParser
from typing import Any

import nh3

# What the editor produces, and so all the portal ever receives.
ALLOWED_TAGS = frozenset(
    {
        "p",
        "h2",
        "h3",
        "strong",
        "em",
        "ul",
        "ol",
        "li",
        "a",
        "blockquote",
        "br",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
)
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Every link opens in a new tab and tells the other site nothing about the portal.
LINK_TARGET = "_blank"
LINK_REL = "noopener noreferrer"
# Tags kept by the first pass only to be renamed (or moved) by the second.
RENAMED_TAGS: dict[str, str] = {
    "b": "strong",
    "i": "em",
    "h1": "h2",
    "h4": "h3",
    "h5": "h3",
    "h6": "h3",
    "tfoot": "tbody",
}
_CAPTION = "caption"
# Blocks pasted from a browser or a word processor: each becomes a paragraph (or, when it
# holds blocks itself, is unwrapped), so that its lines do not run together.
BLOCK_CONTAINERS = frozenset(
    {
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "nav",
        "address",
        "pre",
        "figure",
        "figcaption",
        "dl",
        "dt",
        "dd",
        "center",
    }
)
_BLOCK_LEVEL = ALLOWED_TAGS - {"strong", "em", "a", "br"} | BLOCK_CONTAINERS
# Removed with their content: their text is code or style, never the reader's.
_CONTENT_REMOVED = frozenset(
    {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math"}
)
_VOID = frozenset({"br"})
_HEADINGS = frozenset({"h2", "h3"})
# Blocks whose content is a line of text: a container inside one is unwrapped.
_TEXT_BLOCKS = _HEADINGS | {"p"}
_URL_PREFIXES = ("http://", "https://", "mailto:")
# What a browser's URL parser drops before it reads a scheme: C0 controls and spaces at
# both ends, tabs and line breaks anywhere.
_URL_EDGES = "".join(chr(code) for code in range(0x21))
_URL_DROPPED = re.compile("[\t\n\r]")
# Whitespace HTML collapses (not the no-break space, which is kept as &nbsp;).
_HTML_SPACE = " \t\n\r\f"
_COLLAPSE = re.compile(f"[{_HTML_SPACE}]+")


def _link_address(tag: str, attribute: str, value: str) -> str | None:
    """A link's address as stored: its edges trimmed as a browser trims them.

    nh3 calls this after it has checked the scheme, and does not check again what this
    returns; so the address is refused here too unless it plainly starts with an allowed
    scheme (an address nh3 kept always does, once trimmed)."""
    if tag != "a" or attribute != "href":
        return value  # target and rel: the values nh3 sets itself
    address = _URL_DROPPED.sub("", value).strip(_URL_EDGES)
    scheme, colon, rest = address.partition(":")
    address = scheme.lower() + colon + rest  # HTTPS://… is https://…, written one way
    if not address.startswith(_URL_PREFIXES):
        return None
    return address


def _cleaner(tags: frozenset[str]) -> Any:
    return nh3.Cleaner(
        tags=set(tags),
        clean_content_tags=set(_CONTENT_REMOVED),
        # "*" too: left out, ammonia would keep its default title and lang on every tag.
        attributes={"a": {"href"}, "*": set()},
        attribute_filter=_link_address,
        strip_comments=True,
        link_rel=LINK_REL,
        set_tag_attribute_values={"a": {"target": LINK_TARGET}},
        url_schemes=set(URL_SCHEMES),
        # A relative address would point into the portal itself; the editor writes whole
        # addresses.
        url_relative="deny",
    )


_FIRST_PASS = _cleaner(ALLOWED_TAGS | RENAMED_TAGS.keys() | BLOCK_CONTAINERS | {_CAPTION})
_FINAL_PASS = _cleaner(ALLOWED_TAGS)


class _Element:
    """An element of nh3's output: a tag, its attributes, its children in order."""

    __slots__ = ("attributes", "children", "parent", "tag")

    def __init__(
        self, tag: str, attributes: list[tuple[str, str]], parent: _Element | None
    ) -> None:
        self.tag = tag
        self.attributes = attributes
        self.children: list[_Element | str] = []
        self.parent = parent

    def descendants(self, tags: Collection[str]) -> list[_Element]:
        """The elements below this one with one of ``tags``, in document order."""
        found: list[_Element] = []
        for child in self.children:
            if isinstance(child, _Element):
                if child.tag in tags:
                    found.append(child)
                found.extend(child.descendants(tags))
        return found

    def ancestors(self) -> Iterator[_Element]:
        parent = self.parent
        while parent is not None:
            yield parent
            parent = parent.parent

    def unwrap(self) -> None:
        """Put the children in this element's place (its text stays where it was)."""
        assert self.parent is not None
        siblings = self.parent.children
        at = siblings.index(self)
        siblings[at : at + 1] = self.children
        for child in self.children:
            if isinstance(child, _Element):
                child.parent = self.parent

    def move_before(self, other: _Element) -> None:
        assert self.parent is not None and other.parent is not None
        self.parent.children.remove(self)
        siblings = other.parent.children
        siblings.insert(siblings.index(other), self)
        self.parent = other.parent

    def html(self) -> str:
        attributes = "".join(
            f' {name}="{_escape(value, quote=True)}"' for name, value in self.attributes
        )
        inner = "".join(
            child.html() if isinstance(child, _Element) else _escape(child, quote=False)
            for child in self.children
        )
        if self.tag in _VOID:
            return f"<{self.tag}{attributes}>"
        return f"<{self.tag}{attributes}>{inner}</{self.tag}>"


class _TreeBuilder(HTMLParser):
    """A tree from nh3's output. nh3 has parsed the HTML as a browser does and written it
    out canonically: every element closed explicitly (but ``<br>``), every ``<`` in text
    and attributes escaped. So the standard library's tokenizer reads it exactly, and
    nesting follows the tags. (lxml's parser is not used: libxml2 applies its own, older
    rules, and would, say, close a heading at a paragraph a browser keeps inside it.)"""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("", [], None)
        self._open = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, [(name, value or "") for name, value in attrs], self._open)
        self._open.children.append(element)
        if tag not in _VOID:
            self._open = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for element in (self._open, *self._open.ancestors()):
            if element.tag == tag and element.parent is not None:
                self._open = element.parent
                return

    def handle_data(self, data: str) -> None:
        self._open.children.append(data)


def _tree(clean_html: str) -> _Element:
    builder = _TreeBuilder()
    builder.feed(clean_html)
    builder.close()
    return builder.root


def _escape(text: str, *, quote: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def _reshape(html: str) -> str:
    """Rename and unwrap what the first pass kept for that (see the module's docstring)."""
    root = _tree(html)
    for element in root.descendants(RENAMED_TAGS.keys()):
        element.tag = RENAMED_TAGS[element.tag]
    for caption in root.descendants({_CAPTION}):
        caption.tag = "p"
        table = next((a for a in caption.ancestors() if a.tag == "table"), None)
        if table is not None:
            caption.move_before(table)
    for link in root.descendants({"a"}):
        if not any(name == "href" for name, _value in link.attributes):
            link.unwrap()
    # Innermost first: whether a container holds blocks is known once its own are settled.
    for container in reversed(root.descendants(BLOCK_CONTAINERS)):
        holds_blocks = bool(container.descendants(_BLOCK_LEVEL))
        in_text_block = any(a.tag in _TEXT_BLOCKS for a in container.ancestors())
        if holds_blocks or in_text_block:
            container.unwrap()
        else:
            container.tag = "p"
    for heading in root.descendants(_HEADINGS):
        if any(a.tag in _HEADINGS for a in heading.ancestors()):
            heading.unwrap()
    return "".join(
        child.html() if isinstance(child, _Element) else _escape(child, quote=False)
        for child in root.children
    )


def sanitize_html(html: str) -> str:
    """``html`` reduced to what the portal may publish (see the module's docstring)."""
    first = _FIRST_PASS.clean(html)
    return str(_FINAL_PASS.clean(_reshape(first))).strip(_HTML_SPACE)


# ---------------------------------------------------------------------------- plain text

_LINES = frozenset({"p", "h2", "h3", "li", "blockquote", "tr", "table", "ul", "ol"})
_CELLS = frozenset({"td", "th"})


class _Lines:
    """The text of a tree, one line per block, as a browser lays it out."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._current: list[str] = []

    def end_line(self) -> None:
        line = _COLLAPSE.sub(" ", "".join(self._current)).strip(_HTML_SPACE)
        if line:
            self.lines.append(line)
        self._current.clear()

    def add(self, node: _Element | str) -> None:
        if isinstance(node, str):
            self._current.append(node)
            return
        if node.tag in _LINES:
            self.end_line()
        if node.tag == "br":
            self.end_line()
        elif node.tag == "li":
            self._current.append(_item_mark(node))
        elif node.tag in _CELLS and node.parent is not None:
            cells = [c for c in node.parent.children if isinstance(c, _Element)]
            if cells.index(node) > 0:
                self._current.append(" | ")
        for child in node.children:
            self.add(child)
        if node.tag in _LINES:
            self.end_line()


def _item_mark(item: _Element) -> str:
    """«• » in a bulleted list, «3. » for the third item of a numbered one."""
    parent = item.parent
    if parent is None or parent.tag != "ol":
        return "• "
    items = [child for child in parent.children if isinstance(child, _Element)]
    return f"{items.index(item) + 1}. "


def plain_text(html: str) -> str:
    """What a reader sees of ``html``: one line per paragraph, heading, list item and
    table row (items marked «•» or numbered, cells separated by «|»), spaces collapsed as
    a browser collapses them, no markup. Any HTML is read as :func:`sanitize_html` would
    keep it (a script's text is not text)."""
    lines = _Lines()
    lines.add(_tree(str(_FINAL_PASS.clean(html))))
    lines.end_line()
    return "\n".join(lines.lines)
