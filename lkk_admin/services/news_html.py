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
- a heading inside a heading is unwrapped into the outer one (a browser would split them);
- a browser's or word processor's block (``<div>``, ``<section>``, ``<dt>``/``<dd>``,
  ``<pre>``…) becomes a paragraph, or is unwrapped when it holds blocks or sits in a
  paragraph or heading, so that its lines do not run together.

nh3 cannot rename a tag, so the sanitising runs in two passes: the first (the allow-list
plus the tags to rename) parses whatever was given, as a browser would, and writes it out
canonically; that output is read into a small tree (the standard library's tokenizer is
exact on it), renamed and unwrapped; the second pass, with the final allow-list, writes
what is stored. Only nh3 ever parses untrusted HTML.
The result is deterministic and idempotent: ``sanitize_html(sanitize_html(x)) ==
sanitize_html(x)``, so saving, opening and saving again stores the same bytes. In what is
stored a ``<`` only ever opens one of the allowed tags (text and attribute values carry
``&lt;``), which is what the database's last line of defence checks (migration 0013).

:func:`plain_text` is the text a reader sees, one line per block, for search and for
comparing versions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

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


def _cleaner(tags: frozenset[str]) -> nh3.Cleaner:
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

    __slots__ = ("attributes", "children", "tag")

    def __init__(self, tag: str, attributes: list[tuple[str, str]]) -> None:
        self.tag = tag
        self.attributes = attributes
        self.children: list[_Element | str] = []


class _TreeBuilder(HTMLParser):
    """A tree from nh3's output. nh3 has parsed the HTML as a browser does and written it
    out canonically: every element closed explicitly (but ``<br>``), every ``<`` in text
    and attributes escaped. So the standard library's tokenizer reads it exactly, and
    nesting follows the tags. (lxml's parser is not used: libxml2 applies its own, older
    rules, and would, say, close a heading at a paragraph a browser keeps inside it.)"""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("", [])
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, [(name, value or "") for name, value in attrs])
        self._open[-1].children.append(element)
        if tag not in _VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        # nh3's output closes the element last opened; anything else is left open.
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(data)


def _tree(clean_html: str) -> _Element:
    builder = _TreeBuilder()
    builder.feed(clean_html)
    builder.close()
    return builder.root


def _escape(text: str, *, quote: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


# The trees are walked with a stack of their own, never by recursion: a pasted body may
# nest thousands deep, past Python's recursion limit.


def _html(nodes: list[_Element | str]) -> str:
    written: list[str] = []
    stack: list[tuple[Iterator[_Element | str], str]] = [(iter(nodes), "")]
    while stack:
        pending, closing = stack[-1]
        node = next(pending, None)
        if node is None:
            stack.pop()
            written.append(closing)
        elif isinstance(node, str):
            written.append(_escape(node, quote=False))
        else:
            attributes = "".join(
                f' {name}="{_escape(value, quote=True)}"' for name, value in node.attributes
            )
            written.append(f"<{node.tag}{attributes}>")
            if node.tag not in _VOID:
                stack.append((iter(node.children), f"</{node.tag}>"))
    return "".join(written)


@dataclass
class _Reshaping:
    """An element being reshaped: its context, and what its children became so far."""

    element: _Element
    in_heading: bool  # below a heading
    in_text_block: bool  # below a heading or a paragraph
    pending: Iterator[_Element | str]
    done: list[_Element | str] = field(default_factory=list)
    holds_blocks: bool = False
    captions: list[_Element] = field(default_factory=list)  # on their way to their table


def _settled(step: _Reshaping) -> tuple[list[_Element | str], bool, list[_Element]]:
    """What the element becomes in its parent: its nodes, whether they hold a block, and
    the captions still on their way up to their table."""
    element, nodes, captions = step.element, step.done, step.captions
    tag = element.tag
    element.children = nodes
    if tag == "table" and captions:
        return [*captions, element], True, []
    if tag == _CAPTION:
        element.tag = "p"
        return [], False, [*captions, element]
    unwrapped = (
        (tag == "a" and not any(name == "href" for name, _value in element.attributes))
        or (tag in _HEADINGS and step.in_heading)
        or (tag in BLOCK_CONTAINERS and (step.holds_blocks or step.in_text_block))
    )
    if unwrapped:
        return nodes, step.holds_blocks, captions
    if tag in BLOCK_CONTAINERS:
        element.tag = "p"
    return [element], step.holds_blocks or element.tag in _BLOCK_LEVEL, captions


def _reshape(html: str) -> str:
    """Rename and unwrap what the first pass kept for that (see the module's docstring).
    Children are settled before their parent: whether a container holds blocks is known
    once its own containers are settled."""
    root = _tree(html)
    stack = [_Reshaping(root, False, False, iter(root.children))]
    while True:
        step = stack[-1]
        child = next(step.pending, None)
        if isinstance(child, str):
            step.done.append(child)
        elif child is not None:
            child.tag = RENAMED_TAGS.get(child.tag, child.tag)
            parent_tag = step.element.tag
            stack.append(
                _Reshaping(
                    child,
                    step.in_heading or parent_tag in _HEADINGS,
                    step.in_text_block or parent_tag in _TEXT_BLOCKS,
                    iter(child.children),
                )
            )
        elif len(stack) == 1:
            return _html([*step.captions, *step.done])
        else:
            stack.pop()
            nodes, holds_blocks, captions = _settled(step)
            parent = stack[-1]
            parent.done.extend(nodes)
            parent.holds_blocks = parent.holds_blocks or holds_blocks
            parent.captions.extend(captions)


def sanitize_html(html: str) -> str:
    """``html`` reduced to what the portal may publish (see the module's docstring)."""
    first = _FIRST_PASS.clean(html)
    return _FINAL_PASS.clean(_reshape(first)).strip(_HTML_SPACE)


# ---------------------------------------------------------------------------- plain text

_LINES = frozenset({"p", "h2", "h3", "li", "blockquote", "tr", "table", "ul", "ol"})
_CELLS = frozenset({"td", "th"})


class _Lines:
    """The text of a tree, one line per block, as a browser lays it out."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._current: list[str] = []

    def add(self, text: str) -> None:
        self._current.append(text)

    def end_line(self) -> None:
        line = _COLLAPSE.sub(" ", "".join(self._current)).strip(_HTML_SPACE)
        if line:
            self.lines.append(line)
        self._current.clear()


def plain_text(html: str) -> str:
    """What a reader sees of ``html``: one line per paragraph, heading, list item and
    table row (items marked «•» or numbered, cells separated by «|»), spaces collapsed as
    a browser collapses them, no markup. Any HTML is read as :func:`sanitize_html` would
    keep it (a script's text is not text)."""
    lines = _Lines()
    root = _tree(_FINAL_PASS.clean(html))
    # (element, its children still to read, how many items or cells of it were read)
    stack: list[tuple[_Element, Iterator[_Element | str], list[int]]] = [
        (root, iter(root.children), [0])
    ]
    while stack:
        parent, pending, counted = stack[-1]
        node = next(pending, None)
        if node is None:
            stack.pop()
            if parent.tag in _LINES:
                lines.end_line()
            continue
        if isinstance(node, str):
            lines.add(node)
            continue
        if node.tag in _LINES or node.tag == "br":
            lines.end_line()
        if node.tag == "li" or node.tag in _CELLS:
            counted[0] += 1
            if node.tag == "li":
                lines.add(f"{counted[0]}. " if parent.tag == "ol" else "• ")
            elif counted[0] > 1:
                lines.add(" | ")
        stack.append((node, iter(node.children), [0]))
    lines.end_line()
    return "\n".join(lines.lines)
