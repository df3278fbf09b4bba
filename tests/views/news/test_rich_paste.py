"""Pasting into the news body: from Word (its MsoNormal paragraphs, ``mso-`` styles, fonts,
colours, ``<o:p>``, typed list bullets, a VML picture), from a browser (computed inline
styles, classes, scripts, images, relative and ``javascript:`` links) and from Google
Docs (bold and italic as styles) the structure stays and the look goes; plain text stays
plain; and a paste lands as whole blocks where the cursor is."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lkk_admin.services.news_html import sanitize_html
from lkk_admin.views.news.rich_editor import RichTextEditor
from lkk_admin.views.news.rich_html import ALLOWED_TAGS
from lkk_admin.views.news.rich_paste import clean_pasted_html
from tests.views.news.rich_documents import ANY_HTML, STORED_BODIES, MarkupCensus
from tests.views.news.rich_support import (
    clipboard_file,
    mime,
    place,
    place_at_end,
    select,
    shown_editor,
)

LINK = 'target="_blank" rel="noopener noreferrer"'

WORD_2016 = (
    "<h2>Изменение ставки НДС с 1 января 2026 года</h2>\n"
    "<h2>Что изменится</h2>\n"
    "<p>С 1 января 2026 года ставка НДС составит <strong>22&nbsp;%</strong> вместо "
    "<em>20&nbsp;%</em>. Подробности — на сайте "
    f'<a href="https://www.nalog.gov.ru/rn77/" {LINK}>ФНС России</a>.</p>\n'
    "<p><br></p>\n"
    "<ul>\n"
    "<li>счета за январь выставляются по новой ставке;<ul>\n"
    "<li>в том числе корректировочные;</li>\n"
    "</ul></li>\n"
    "<li>договоры менять не нужно.</li>\n"
    "</ul>\n"
    "<p>Порядок действий:</p>\n"
    "<ol>\n"
    "<li>передайте показания до 25-го числа;</li>\n"
    "<li>оплатите счёт до 10-го числа следующего месяца.</li>\n"
    "</ol>\n"
    "<blockquote>\n"
    "<p>«Ставка указывается в каждом счёте-фактуре отдельно».</p>\n"
    "</blockquote>\n"
    "<table>\n"
    "<tbody>\n"
    "<tr><td><strong>Период</strong></td><td><strong>Ставка</strong></td></tr>\n"
    "<tr><td>до 31.12.2025</td><td>20&nbsp;%</td></tr>\n"
    "</tbody>\n"
    "</table>\n"
    "<p>Ваш «РН-Энерго».</p>"
)
BROWSER_CHROME = (
    "<h2>Как передать показания</h2>\n"
    "<p>Показания принимаются <strong>с 15 по 25 число</strong> каждого месяца в "
    f'<a href="https://lk.rn-energo.ru/readings" {LINK}>личном кабинете</a>, '
    "по телефону или в чате.</p>\n"
    "<h3>Что понадобится</h3>\n"
    "<ul>\n"
    "<li>номер <em>договора</em>;</li>\n"
    "<li>заводской номер счётчика;</li>\n"
    "</ul>\n"
    "<blockquote>\n"
    "<p>Не забудьте сфотографировать табло.</p>\n"
    "</blockquote>\n"
    "<table>\n"
    "<thead>\n"
    "<tr><th>Способ</th><th>Срок</th></tr>\n"
    "</thead>\n"
    "<tbody>\n"
    "<tr><td>Личный кабинет</td><td>до 25 числа</td></tr>\n"
    "</tbody>\n"
    "</table>\n"
    "<p>Источник: rn-energo.ru</p>"
)
GOOGLE_DOCS = (
    "<h2>Сроки оплаты</h2>\n"
    "<p>Оплатить нужно <strong>до 18 числа</strong><em> месяца, следующего за расчётным."
    "</em></p>\n"
    "<ul>\n"
    "<li>первая часть — до 10 числа;</li>\n"
    "<li>остаток — до 18 числа.</li>\n"
    "</ul>"
)


@pytest.fixture
def editor(qtbot: QtBot) -> RichTextEditor:
    return shown_editor(qtbot)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("word_2016.html", WORD_2016),
        ("browser_chrome.html", BROWSER_CHROME),
        ("google_docs.html", GOOGLE_DOCS),
    ],
)
def test_a_paste_keeps_the_structure_and_drops_the_look(
    qtbot: QtBot, editor: RichTextEditor, source: str, expected: str
) -> None:
    editor.editor.insertFromMimeData(mime(html=clipboard_file(source), text="plain version"))
    stored = editor.semantic_html()
    assert stored == expected
    census = MarkupCensus(stored)
    assert census.tags <= ALLOWED_TAGS
    assert {name for _tag, name in census.attributes} <= {"href", "target", "rel"}
    for trace in ("mso", "Mso", "font", "color", "style", "class", "span", "o:p", "img", "<h1"):
        assert trace not in stored
    assert sanitize_html(stored) == stored
    editor.set_semantic_html(stored)
    assert editor.semantic_html() == stored


def test_word_lists_come_back_nested_and_of_their_kind(qapp: QApplication) -> None:
    """Word writes a list as paragraphs with a typed bullet or number (older versions
    without the mso-list:Ignore span): the kind is read from that marker."""
    word = (
        "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'>"
        "<![if !supportLists]>a)&nbsp;&nbsp;<![endif]>первый</p>\n"
        "<p class=MsoListParagraphCxSpMiddle style='mso-list:l0 level3 lfo1'>"
        "<![if !supportLists]><span style='mso-list:Ignore'>§<span>&nbsp; </span></span>"
        "<![endif]>глубокий</p>\n"
        "<p class=MsoListParagraphCxSpMiddle style='mso-list:l0 level2 lfo1'>"
        "<![if !supportLists]><span style='mso-list:Ignore'>ii.<span>&nbsp; </span></span>"
        "<![endif]>второй уровень</p>\n"
        "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'>"
        "<![if !supportLists]><span style='mso-list:Ignore'>b)</span><![endif]>второй</p>\n"
        "<p class=MsoNormal>после списка</p>"
    )
    assert clean_pasted_html(word) == (
        "<ol>\n<li>первый<ul>\n<li>глубокий</li>\n</ul>\n<ol>\n<li>второй уровень</li>\n"
        "</ol></li>\n<li>второй</li>\n</ol>\n<p>после списка</p>"
    )


def test_headings_of_a_paste_become_the_two_levels_the_portal_knows(
    qapp: QApplication,
) -> None:
    assert clean_pasted_html(
        "<h1>Один</h1><h2>Два</h2><h3>Три</h3><h4>Четыре</h4><h5>Пять</h5><h6>Шесть</h6>"
        "<p class=MsoSubtitle>Подзаголовок</p>"
    ) == (
        "<h2>Один</h2>\n<h2>Два</h2>\n<h3>Три</h3>\n<h3>Четыре</h3>\n<h3>Пять</h3>\n"
        "<h3>Шесть</h3>\n<h3>Подзаголовок</h3>"
    )


@pytest.mark.parametrize(
    "dangerous",
    [
        "<script>alert(1)</script>",
        "<style>p { color: red }</style>",
        '<img src="x" onerror="alert(1)">',
        '<svg onload="alert(1)"><circle r="1"/></svg>',
        '<iframe src="https://evil.example/"></iframe>',
        '<object data="evil.swf"></object><embed src="evil.swf">',
        '<form action="https://evil.example/"><input name="q"><button>alert</button></form>',
        '<a href="javascript:alert(1)">ссылка</a>',
        '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">ссылка</a>',
        '<p onclick="alert(1)" style="background:url(javascript:alert(1))">абзац</p>',
        "<!-- comment --><!--[if gte mso 9]><xml><o:x/></xml><![endif]-->",
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    ],
)
def test_nothing_unsafe_survives_a_paste(qapp: QApplication, dangerous: str) -> None:
    stored = clean_pasted_html(f"<p>до</p>{dangerous}<p>после</p>")
    census = MarkupCensus(stored)
    assert census.tags <= ALLOWED_TAGS
    assert {name for _tag, name in census.attributes} <= {"href", "target", "rel"}
    assert not census.hrefs
    assert not census.comments
    for word in ("script", "alert", "onerror", "onclick", "javascript", "evil", "<svg"):
        assert word not in stored
    assert stored.startswith("<p>до</p>") and stored.endswith("<p>после</p>")


def test_a_page_wrapped_in_a_form_keeps_its_text(qapp: QApplication) -> None:
    assert (
        clean_pasted_html(
            '<form action="/search"><p>Текст страницы</p><input name="q"><select><option>1'
            "</option></select><textarea>черновик</textarea></form>"
        )
        == "<p>Текст страницы</p>"
    )


def test_clipboard_html_without_text_pastes_nothing(qapp: QApplication) -> None:
    assert clean_pasted_html("") == ""
    assert clean_pasted_html("<!-- only a comment -->") == ""
    assert clean_pasted_html('<img src="picture.png">') == ""
    assert clean_pasted_html("<p>&nbsp;</p><p> </p>") == ""


def test_a_windows_cf_html_header_is_not_pasted_as_text(qapp: QApplication) -> None:
    assert (
        clean_pasted_html(
            "Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000000199\r\n"
            "StartFragment:0000000141\r\nEndFragment:0000000163\r\n"
            "<html><body><!--StartFragment--><p>текст</p><!--EndFragment--></body></html>"
        )
        == "<p>текст</p>"
    )


# --- where a paste lands ----------------------------------------------------------------------


def test_ctrl_v_pastes_the_clipboard_cleaned(qtbot: QtBot, editor: RichTextEditor) -> None:
    editor.set_semantic_html("<p>Начало конец</p>")
    place(editor, "конец")
    clipboard = QGuiApplication.clipboard()
    clipboard.setMimeData(
        mime(
            html='<h1 style="color:red">Заголовок</h1><p class="MsoNormal">абзац <b>ж</b></p>',
            text="Заголовок\nабзац ж",
        )
    )
    QTest.keyClick(editor.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.semantic_html() == (
        "<p>Начало</p>\n<h2>Заголовок</h2>\n<p>абзац <strong>ж</strong></p>\n<p>конец</p>"
    )
    assert editor.is_modified()


def test_a_piece_of_a_line_goes_into_the_line(qtbot: QtBot, editor: RichTextEditor) -> None:
    editor.set_semantic_html("<p>Оплатите счёт.</p>")
    place(editor, "счёт")
    editor.editor.insertFromMimeData(
        mime(html='<span style="font-weight:700;color:red">до 18 числа</span> ')
    )
    assert editor.semantic_html() == "<p>Оплатите <strong>до 18 числа</strong>счёт.</p>"


def test_a_paste_replaces_the_selection(qtbot: QtBot, editor: RichTextEditor) -> None:
    editor.set_semantic_html("<p>Оплатите счёт до 10 числа.</p>")
    select(editor, "до 10 числа")
    editor.editor.insertFromMimeData(mime(html="<i>до 18 числа</i>"))
    assert editor.semantic_html() == "<p>Оплатите счёт <em>до 18 числа</em>.</p>"


def test_a_pasted_list_continues_the_list_it_lands_in(qtbot: QtBot, editor: RichTextEditor) -> None:
    editor.set_semantic_html("<ol>\n<li>первый</li>\n<li>четвёртый</li>\n</ol>")
    place(editor, "первый", len("первый"))
    editor.editor.insertFromMimeData(mime(html="<ol><li>второй</li><li>третий</li></ol>"))
    assert editor.semantic_html() == (
        "<ol>\n<li>первый</li>\n<li>второй</li>\n<li>третий</li>\n<li>четвёртый</li>\n</ol>"
    )
    lists = {editor.document().findBlock(p).textList() for p in (1, 10, 20, 30)}
    assert len(lists) == 1  # one numbering on screen too


def test_a_table_pasted_into_an_empty_body_has_no_empty_line_above(
    qtbot: QtBot, editor: RichTextEditor
) -> None:
    editor.editor.insertFromMimeData(
        mime(html="<table><tr><th>A</th></tr><tr><td>1</td></tr></table><p>после</p>")
    )
    assert editor.semantic_html() == (
        "<table>\n<thead>\n<tr><th>A</th></tr>\n</thead>\n<tbody>\n<tr><td>1</td></tr>\n"
        "</tbody>\n</table>\n<p>после</p>"
    )


def test_into_a_table_cell_a_paste_is_text(qtbot: QtBot, editor: RichTextEditor) -> None:
    editor.set_semantic_html("<table>\n<tbody>\n<tr><td>a</td></tr>\n</tbody>\n</table>")
    place(editor, "a", 1)
    editor.editor.insertFromMimeData(mime(html="<h2>, заголовок</h2><ul><li>пункт</li></ul>"))
    assert editor.semantic_html() == (
        "<table>\n<tbody>\n<tr><td><p>a, заголовок</p><p>пункт</p></td></tr>\n</tbody>\n</table>"
    )


def test_plain_text_stays_plain(qtbot: QtBot, editor: RichTextEditor) -> None:
    editor.set_semantic_html("<p>До после</p>")
    place(editor, "после")
    editor.editor.insertFromMimeData(mime(text="<b>не тег</b> & <script>x</script>\nстрока "))
    assert editor.semantic_html() == (
        "<p>До &lt;b&gt;не тег&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;</p>\n"
        "<p>строка после</p>"
    )


def test_windows_line_ends_in_plain_text_make_one_paragraph_each(
    qtbot: QtBot, editor: RichTextEditor
) -> None:
    editor.editor.insertFromMimeData(mime(text="первая\r\nвторая\r\n\r\nчетвёртая"))
    assert editor.semantic_html() == "<p>первая</p>\n<p>вторая</p>\n<p><br></p>\n<p>четвёртая</p>"


def test_plain_text_next_to_a_link_is_not_part_of_it(qtbot: QtBot, editor: RichTextEditor) -> None:
    editor.set_semantic_html(f'<p>См. <a href="https://rn-energo.ru/" {LINK}>сайт</a></p>')
    place_at_end(editor)
    editor.editor.insertFromMimeData(mime(text=" и почту"))
    assert editor.semantic_html() == (
        f'<p>См. <a href="https://rn-energo.ru/" {LINK}>сайт</a> и почту</p>'
    )


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.sampled_from(list(STORED_BODIES.values())),
    where=st.floats(0, 1),
    selected=st.floats(0, 0.3),
    markup=ANY_HTML,
)
def test_any_paste_anywhere_leaves_a_body_that_saves_and_opens_to_the_same_bytes(
    editor: RichTextEditor, body: str, where: float, selected: float, markup: str
) -> None:
    editor.set_semantic_html(body)
    last = editor.document().characterCount() - 1
    cursor = editor.editor.textCursor()
    cursor.setPosition(round(where * last))
    cursor.setPosition(min(last, round((where + selected) * last)), cursor.MoveMode.KeepAnchor)
    editor.editor.setTextCursor(cursor)
    editor.editor.insertFromMimeData(mime(html=markup, text="plain"))
    stored = editor.semantic_html()
    census = MarkupCensus(stored)
    assert census.tags <= ALLOWED_TAGS
    assert {name for _tag, name in census.attributes} <= {"href", "target", "rel"}
    assert sanitize_html(stored) == stored
    editor.set_semantic_html(stored)
    assert editor.semantic_html() == stored
