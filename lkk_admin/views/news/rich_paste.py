"""What is pasted into a news body from Word or a browser: its structure, not its look.

Clipboard HTML is a page of fonts, colours, margins, classes and, from Word, lists that
are not lists (paragraphs with an ``mso-list`` style and a typed bullet). It is tidied
with lxml (a real HTML parser): images, scripts, style sheets and the head dropped; Word's
list paragraphs made ``ul``/``ol`` again (nested by their ``level``), its Title and Quote
styles a heading and a quote; a first row of header cells a ``thead``; every attribute
dropped but a link's address, a cell's span and the bold or italic a style gives a run of
text. Qt then reads what is left into a scratch document, and
:func:`rich_html.semantic_html` writes it as the editor stores every body: a paste can
never bring in anything the editor could not have typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
from PySide6.QtGui import QTextDocument

from lkk_admin.views.news.rich_html import semantic_html

# Dropped with everything inside: not text of the article.
DROPPED_ELEMENTS = frozenset(
    {
        "head", "title", "meta", "link", "style", "script", "noscript", "template",
        "iframe", "frame", "frameset", "object", "applet", "img", "picture", "svg", "math",
        "canvas", "video", "audio", "map", "input", "button", "select", "option", "textarea",
        "hr",
    }
)  # fmt: skip
# Empty in HTML5 but not to libxml2's older rules, which make what follows their content:
# the element goes, what it swallowed stays.
VOID_ELEMENTS = frozenset({"embed", "source", "track", "param", "area", "wbr", "col", "keygen"})
# Wrappers whose content is the text (a site may put a whole page in a <form>).
UNWRAPPED_ELEMENTS = frozenset({"form", "fieldset", "label"})
KEPT_ATTRIBUTES = {"a": ("href",), "td": ("rowspan", "colspan"), "th": ("rowspan", "colspan")}
# Bold and italic given by a style on a run of text (Google Docs writes them so); on a block
# (a browser's computed look of a heading or a quote) they are the site's design.
KEPT_STYLES = ("font-weight", "font-style")
INLINE_ELEMENTS = frozenset(
    {"span", "b", "strong", "i", "em", "a", "font", "u", "s", "small", "big", "mark", "cite", "q"}
)

WORD_LIST_STYLE = re.compile(r"mso-list\s*:\s*l\d+\s+level(\d+)", re.IGNORECASE)
WORD_LIST_MARKER = re.compile(r"mso-list\s*:\s*ignore", re.IGNORECASE)
NUMBERING = re.compile(r"\(?(\d+|[a-zа-я]|[ivxlcdm]+)[.)]", re.IGNORECASE)


def clean_pasted_html(markup: str) -> str:
    """Semantic HTML of clipboard ``markup``; '' when it holds no text."""
    root = _parse(markup)
    if root is None:
        return ""
    _drop_word_list_markers(root)
    for element in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        _remove_keeping_tail(element)
    for element in list(root.iter()):
        _drop_or_unwrap(element)
    _word_lists_to_lists(root)
    _word_styles_to_elements(root)
    for table in root.iter("table"):
        _header_row_to_thead(table)
    for element in root.iter():
        _keep_meaningful_attributes(element)
    scratch = QTextDocument()
    scratch.setHtml(lxml.html.tostring(root, encoding="unicode"))
    return semantic_html(scratch, pasted=True)


def _parse(markup: str) -> Any | None:
    if markup.startswith("Version:"):  # Windows' CF_HTML header, should a source leave it
        markup = markup[markup.find("<") :] if "<" in markup else ""
    if not markup.strip():
        return None
    # Bytes and a fixed encoding: a <meta charset> or an XML declaration in the clipboard
    # text (already decoded by Qt) must not make the parser decode it again.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_blank_text=False)
    try:
        return lxml.html.document_fromstring(markup.encode("utf-8"), parser=parser)
    except lxml.etree.ParserError:  # nothing but comments or blanks
        return None


# --- the tree ---------------------------------------------------------------------------------


def _remove_keeping_tail(element: Any) -> None:
    """Remove ``element`` and its content, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _drop_or_unwrap(element: Any) -> None:
    tag = _tag(element)
    if element.getparent() is None:
        return
    if tag in VOID_ELEMENTS or tag in UNWRAPPED_ELEMENTS:
        element.drop_tag()
    elif tag in DROPPED_ELEMENTS or tag.startswith("v:"):  # v: Word's drawings (VML)
        _remove_keeping_tail(element)
    elif ":" in tag:  # o:p, w:sdt and other Office wrappers: their text stays
        element.drop_tag()


def _style_of(element: Any) -> str:
    return cast(str, element.get("style") or "")


def _drop_word_list_markers(root: Any) -> None:
    """Word's typed bullets and numbers (between ``<![if !supportLists]>`` and
    ``<![endif]>``, in a ``mso-list:Ignore`` span) go; the list kind is read first."""
    for paragraph in list(root.iter()):
        if not isinstance(paragraph.tag, str) or not WORD_LIST_STYLE.search(_style_of(paragraph)):
            continue
        marker = _drop_between_list_comments(paragraph)
        for span in [
            span
            for span in paragraph.iter()
            if isinstance(span.tag, str)
            and span is not paragraph
            and WORD_LIST_MARKER.search(_style_of(span))
        ]:
            if span.getparent() is not None:
                marker += "".join(span.itertext())
                _remove_keeping_tail(span)
        numbered = NUMBERING.fullmatch(marker.strip(" \xa0\t\r\n")) is not None
        paragraph.set("data-list", "ol" if numbered else "ul")


def _is_comment(node: Any, opening: str) -> bool:
    return (
        node is not None
        and node.tag is lxml.etree.Comment
        and ((node.text or "").strip().lower().startswith(opening))
    )


def _drop_between_list_comments(paragraph: Any) -> str:
    """Remove what is between Word's list comments in ``paragraph``; return its text."""
    removed = ""
    for comment in list(paragraph.iter(lxml.etree.Comment)):
        if not _is_comment(comment, "[if !supportlists]"):
            continue
        removed += comment.tail or ""
        comment.tail = None
        sibling = comment.getnext()
        while sibling is not None and not _is_comment(sibling, "[endif]"):
            following = sibling.getnext()
            removed += "".join(sibling.itertext()) + (sibling.tail or "")
            sibling.tail = None
            _remove_keeping_tail(sibling)
            sibling = following
    return removed


@dataclass
class _OpenList:
    level: int
    element: Any


def _word_lists_to_lists(root: Any) -> None:
    """Runs of Word's list paragraphs become nested ``ul``/``ol`` of ``li``."""
    for paragraph in list(root.iter()):
        if paragraph.get("data-list") is None or paragraph.getparent() is None:
            continue
        previous = paragraph.getprevious()
        if previous is not None and previous.get("data-list") is not None:
            continue  # not the first of its run: moved with the first
        run = [paragraph]
        following = paragraph.getnext()
        while (
            following is not None
            and following.get("data-list") is not None
            and not (run[-1].tail or "").strip()
        ):
            run.append(following)
            following = following.getnext()
        _build_lists(run)


def _build_lists(run: list[Any]) -> None:
    parent = run[0].getparent()
    position = parent.index(run[0])
    stack: list[_OpenList] = []
    for paragraph in run:
        match = WORD_LIST_STYLE.search(_style_of(paragraph))
        level = int(match.group(1)) if match else 1
        tag = paragraph.get("data-list")
        while stack and stack[-1].level > level:
            stack.pop()
        if stack and stack[-1].level == level and stack[-1].element.tag != tag:
            stack.pop()
        if not stack or stack[-1].level < level:
            opened = lxml.html.Element(tag)
            if stack:
                items = stack[-1].element.findall("li")
                if not items:
                    stack[-1].element.append(lxml.html.Element("li"))
                    items = stack[-1].element.findall("li")
                items[-1].append(opened)
            else:
                parent.insert(position, opened)
                position += 1
            stack.append(_OpenList(level, opened))
        paragraph.tag = "li"
        stack[-1].element.append(paragraph)  # moves it, with its tail


def _word_styles_to_elements(root: Any) -> None:
    """Word's Title and Subtitle are headings, its Quote styles a quote."""
    for paragraph in list(root.iter("p")):
        classes = (paragraph.get("class") or "").lower()
        if classes.startswith("msotitle"):
            paragraph.tag = "h2"
        elif classes.startswith("msosubtitle"):
            paragraph.tag = "h3"
        elif classes.startswith(("msoquote", "msointensequote")):
            paragraph.tag = "blockquote"


def _header_row_to_thead(table: Any) -> None:
    """A first row of ``th`` only, outside a ``thead``, is the table's header."""
    if table.find("thead") is not None:
        return
    rows = table.xpath("./tr|./tbody/tr")
    if not rows:
        return
    cells = [cell for cell in rows[0] if isinstance(cell.tag, str)]
    if cells and all(_tag(cell) == "th" for cell in cells):
        head = lxml.html.Element("thead")
        table.insert(0, head)
        head.append(rows[0])


def _keep_meaningful_attributes(element: Any) -> None:
    if not isinstance(element.tag, str):
        return
    kept = {name: element.get(name) for name in KEPT_ATTRIBUTES.get(_tag(element), ())}
    style = ""
    if _tag(element) in INLINE_ELEMENTS:
        style = "; ".join(
            declaration.strip()
            for declaration in _style_of(element).split(";")
            if declaration.split(":")[0].strip().lower() in KEPT_STYLES
        )
    element.attrib.clear()
    for name, value in kept.items():
        if value is not None:
            element.set(name, value)
    if style:
        element.set("style", style)
