"""The stored form of a news body: what ``semantic_html`` writes from a QTextDocument, that
it opens and saves again byte for byte, and that it is already what the portal's
sanitiser would make of it (so a save, an open and a save store the same bytes)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication

from lkk_admin.services.news_html import sanitize_html
from lkk_admin.views.news.rich_html import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    allowed_href,
    load_semantic_html,
    semantic_html,
)
from tests.views.news.rich_documents import ANY_HTML, STORED_BODIES, MarkupCensus

LINK = 'target="_blank" rel="noopener noreferrer"'


def written(markup: str) -> str:
    """``markup`` read by Qt, then written as the editor stores it."""
    document = QTextDocument()
    document.setHtml(markup)
    return semantic_html(document)


def reopened(stored: str) -> str:
    document = QTextDocument()
    load_semantic_html(document, stored)
    return semantic_html(document)


def assert_clean(stored: str) -> None:
    census = MarkupCensus(stored)
    assert census.tags <= ALLOWED_TAGS
    assert {(tag, name) for tag, name in census.attributes} <= {
        (tag, name) for tag, names in ALLOWED_ATTRIBUTES.items() for name in names
    }
    assert not census.comments
    assert not census.declarations
    assert "style" not in {name for _tag, name in census.attributes}
    for href in census.hrefs:
        assert allowed_href(href) == href


@pytest.mark.parametrize("name", list(STORED_BODIES))
def test_a_stored_body_opens_and_saves_to_the_same_bytes(qapp: QApplication, name: str) -> None:
    stored = STORED_BODIES[name]
    assert reopened(stored) == stored
    assert reopened(reopened(stored)) == stored
    assert sanitize_html(stored) == stored
    assert_clean(stored)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(markup=ANY_HTML)
def test_whatever_qt_reads_is_written_in_a_form_that_opens_to_itself(
    qapp: QApplication, markup: str
) -> None:
    stored = written(markup)
    assert reopened(stored) == stored
    assert written(stored) == stored  # Qt's own reading of it, without the editor's tidying
    assert_clean(stored)
    assert sanitize_html(stored) == stored


def test_qt_boilerplate_styles_and_fonts_never_reach_the_stored_html(qapp: QApplication) -> None:
    document = QTextDocument()
    document.setHtml(
        '<p style="color:red; font-family:Arial; font-size:20pt; margin-left:10px" '
        'class="x" align="center"><span style="background:yellow"><font color="blue" '
        'face="Times">Цветной</font></span> <u>подчёркнутый</u> <s>зачёркнутый</s> '
        "<code>код</code><sup>2</sup></p>"
    )
    assert "qrichtext" in document.toHtml()  # what Qt itself would have written
    assert semantic_html(document) == "<p>Цветной подчёркнутый зачёркнутый код2</p>"


def test_headings_of_every_level_become_the_two_the_portal_knows(qapp: QApplication) -> None:
    assert written("<h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6>") == (
        "<h2>1</h2>\n<h2>2</h2>\n<h3>3</h3>\n<h3>4</h3>\n<h3>5</h3>\n<h3>6</h3>"
    )


def test_bold_is_a_weight_from_demibold_up_and_a_headings_own_bold_is_not_strong(
    qapp: QApplication,
) -> None:
    assert written(
        '<p><span style="font-weight:500">500</span> <span style="font-weight:600">600</span> '
        '<span style="font-weight:900">900</span></p><h2>Заголовок <b>жирный</b></h2>'
        "<table><thead><tr><th>шапка <b>ж</b></th></tr></thead></table>"
    ) == (
        "<p>500 <strong>600</strong> <strong>900</strong></p>\n<h2>Заголовок жирный</h2>\n"
        "<table>\n<thead>\n<tr><th>шапка ж</th></tr>\n</thead>\n</table>"
    )


def test_links_keep_only_web_and_mail_addresses_and_open_in_a_new_tab(qapp: QApplication) -> None:
    assert written(
        '<p><a href="https://rn-energo.ru/a?b=1&amp;c=2">веб</a> '
        '<a href="mailto:info@rn-energo.ru">почта</a> '
        '<a href="HTTP://RN-ENERGO.RU/">регистр</a> '
        '<a href="javascript:alert(1)">скрипт</a> <a href="data:text/html,x">данные</a> '
        '<a href="/news/1">относительная</a> <a name="anchor">якорь</a></p>'
    ) == (
        f'<p><a href="https://rn-energo.ru/a?b=1&amp;c=2" {LINK}>веб</a> '
        f'<a href="mailto:info@rn-energo.ru" {LINK}>почта</a> '
        f'<a href="http://RN-ENERGO.RU/" {LINK}>регистр</a> '
        "скрипт данные относительная якорь</p>"
    )


def test_quotes_read_from_html_are_recognised_on_every_paragraph(qapp: QApplication) -> None:
    """Qt marks only the first block of a <blockquote> with its level; the margins on the
    others are what tells them apart."""
    assert written(
        "<blockquote><p>1</p><p>2</p><h2>3</h2></blockquote><p>после</p>"
        "<blockquote><blockquote>вложенная</blockquote></blockquote>"
    ) == (
        "<blockquote>\n<p>1</p>\n<p>2</p>\n<h2>3</h2>\n</blockquote>\n<p>после</p>\n"
        "<blockquote>\n<p>вложенная</p>\n</blockquote>"
    )


def test_merged_cells_are_written_unmerged(qapp: QApplication) -> None:
    assert written(
        '<table><tr><td colspan="2">широкая</td></tr><tr><td rowspan="2">высокая</td>'
        "<td>b</td></tr><tr><td>c</td></tr></table>"
    ) == (
        "<table>\n<tbody>\n<tr><td>широкая</td><td></td></tr>\n"
        "<tr><td>высокая</td><td>b</td></tr>\n<tr><td></td><td>c</td></tr>\n</tbody>\n</table>"
    )


def test_whitespace_is_written_as_a_browser_shows_it(qapp: QApplication) -> None:
    assert written("<p>  a \t\n b  <br>  c&nbsp;&nbsp;d <br><br> </p><p> \u2028 </p>") == (
        "<p>a b<br>c&nbsp;&nbsp;d</p>"
    )


def test_a_document_built_with_a_cursor_is_written_as_typed(qapp: QApplication) -> None:
    document = QTextDocument()
    cursor = QTextCursor(document)
    cursor.insertText("Строка с <тегом> & амперсандом")
    cursor.insertBlock()
    cursor.insertText("вторая\u2028после переноса\ufffc")
    assert semantic_html(document) == (
        "<p>Строка с &lt;тегом&gt; &amp; амперсандом</p>\n<p>вторая<br>после переноса</p>"
    )


def test_empty_paragraphs_at_the_ends_and_after_a_table_are_not_kept(qapp: QApplication) -> None:
    """Qt keeps one empty block after a table, or not, depending on its last cell: what
    is written must not depend on that."""
    assert written(
        "<p><br></p><p>начало</p><table><tr><td>a</td></tr></table><p><br></p><p><br></p>"
        "<p>между</p><p><br></p><table><tr><td></td></tr></table><p><br></p>"
    ) == (
        "<p>начало</p>\n<table>\n<tbody>\n<tr><td>a</td></tr>\n</tbody>\n</table>\n"
        "<p>между</p>\n<p><br></p>\n<table>\n<tbody>\n<tr><td></td></tr>\n</tbody>\n</table>"
    )


def test_an_empty_document_is_an_empty_string(qapp: QApplication) -> None:
    assert written("") == ""
    assert written("<p></p><p> </p><p><br></p>") == ""
    assert reopened("") == ""


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("https://rn-energo.ru/", "https://rn-energo.ru/"),
        ("  http://rn-energo.ru/a?b=1  ", "http://rn-energo.ru/a?b=1"),
        ("HTTPS://RN-ENERGO.RU/", "https://RN-ENERGO.RU/"),
        ("mailto:info@rn-energo.ru", "mailto:info@rn-energo.ru"),
        ("https://почта.рф/", "https://почта.рф/"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html;base64,PHNjcmlwdD4=", None),
        ("vbscript:msgbox", None),
        ("ftp://files.example/", None),
        ("/news/1", None),
        ("#top", None),
        ("https://", None),
        ("http:rn-energo.ru", None),
        ("mailto:", None),
        ("https://rn-energo.ru/a b", None),
        ("https://[broken", None),
        ("", None),
    ],
)
def test_only_web_and_mail_addresses_are_allowed(typed: str, stored: str | None) -> None:
    assert allowed_href(typed) == stored
