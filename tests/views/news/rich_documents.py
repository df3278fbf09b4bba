"""Documents for the body editor's tests: hand-written bodies in the stored form, random
HTML of the kinds Qt reads (any nesting of our tags, the tags a paste brings, stray
whitespace, entities, line breaks), and a reader of what the stored HTML is made of."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from hypothesis import strategies as st

# Bodies as semantic_html() writes them: each must open and save again byte for byte.
STORED_BODIES: dict[str, str] = {
    "empty": "",
    "one paragraph": "<p>Показания принимаются с 15 по 25 число.</p>",
    "headings": "<h2>Новости</h2>\n<p>Текст.</p>\n<h3>Подробнее</h3>\n<p>Ещё текст.</p>",
    "nested inline": (
        "<p>Обычный <strong>жирный <em>жирный курсив</em></strong> <em>курсив</em> и "
        '<a href="https://rn-energo.ru/news?id=1&amp;page=2" target="_blank" '
        'rel="noopener noreferrer">ссылка с <strong>жирным</strong> словом</a>.</p>'
    ),
    "mail link": (
        '<p>Пишите: <a href="mailto:info@rn-energo.ru" target="_blank" '
        'rel="noopener noreferrer">info@rn-energo.ru</a></p>'
    ),
    "line breaks": "<p>ООО «РН-Энерго»<br>Москва, ул. Примерная, 1<br>тел. 8&nbsp;800</p>",
    "bulleted list": "<ul>\n<li>первый</li>\n<li><strong>второй</strong></li>\n</ul>",
    "numbered list": "<ol>\n<li>передайте показания;</li>\n<li>оплатите счёт.</li>\n</ol>",
    "nested lists": (
        "<ul>\n<li>счета<ol>\n<li>за январь</li>\n<li>за февраль<ul>\n<li>исправленный</li>\n"
        "</ul></li>\n</ol></li>\n<li>акты</li>\n</ul>\n<ol>\n<li>другой список</li>\n</ol>"
    ),
    "empty list item": "<ul>\n<li>первый</li>\n<li><br></li>\n<li>третий</li>\n</ul>",
    "quote": (
        "<p>Как сказано в письме:</p>\n<blockquote>\n<p>«Ставка указывается в каждом "
        "счёте-фактуре».</p>\n<h3>Подпись</h3>\n</blockquote>\n<p>Конец.</p>"
    ),
    "table": (
        "<table>\n<thead>\n<tr><th>Период</th><th>Ставка НДС</th></tr>\n</thead>\n<tbody>\n"
        "<tr><td>до 31.12.2025</td><td>20&nbsp;%</td></tr>\n"
        "<tr><td>с 01.01.2026</td><td><strong>22&nbsp;%</strong></td></tr>\n"
        "<tr><td><p>две</p><p>строки</p></td><td></td></tr>\n</tbody>\n</table>"
    ),
    "table without header": (
        "<p>До таблицы</p>\n<table>\n<tbody>\n<tr><td>a</td><td>b</td></tr>\n</tbody>\n"
        "</table>\n<table>\n<tbody>\n<tr><td></td></tr>\n</tbody>\n</table>\n<p>После</p>"
    ),
    "empty paragraphs": "<p>один</p>\n<p><br></p>\n<p><br></p>\n<p>два</p>",
    "escaped text": (
        "<p>a &lt; b &amp;&amp; c &gt; d, &lt;script&gt;alert(1)&lt;/script&gt; "
        "\"кавычки\" 'и' &amp;nbsp;</p>"
    ),
    "cyrillic and symbols": "<h2>Ёлка — 100&nbsp;кВт·ч, №&nbsp;5, «ёжик» €</h2>",
    "everything": (
        "<h2>Изменение ставки НДС</h2>\n<p>С 1 января ставка — <strong>22&nbsp;%</strong>."
        "</p>\n<ul>\n<li>раз</li>\n</ul>\n<blockquote>\n<p>цитата</p>\n</blockquote>\n"
        "<table>\n<thead>\n<tr><th>A</th></tr>\n</thead>\n<tbody>\n<tr><td>1</td></tr>\n"
        "</tbody>\n</table>\n<p>конец</p>"
    ),
}

HREFS = (
    "http://rn-energo.ru/",
    "https://lk.rn-energo.ru/readings?contract=1&period=2026-01",
    "HTTPS://Example.RU/Путь",
    "mailto:info@rn-energo.ru",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "#top",
    "/news/1",
    "ftp://files.example/",
    'https://example.ru/"quoted"',
    "https://example.ru/a b",
    "",
)


def _text_html(pieces: list[str]) -> str:
    return "".join(pieces)


_TEXT_PIECES = st.sampled_from(
    [
        "a", "Я", "ёж", " ", "  ", "\t", "\n", "\xa0", "&nbsp;", "&lt;", "&amp;", "&gt;",
        "&quot;", "\"", "'", "<br>", "<br/>", "\u2028", "&#8232;", "€", "&#x1F600;", "<img src=x>",
    ]
)  # fmt: skip
TEXT = st.lists(_TEXT_PIECES, max_size=6).map(_text_html)
INLINE_TAGS = ("strong", "em", "b", "i", "span", "u", "font", "code", "sup")


def _wrap(tag_and_children: tuple[str, list[str]]) -> str:
    tag, children = tag_and_children
    return f"<{tag}>{''.join(children)}</{tag}>"


def _link(href_and_children: tuple[str, list[str]]) -> str:
    href, children = href_and_children
    return f'<a href="{html.escape(href)}">{"".join(children)}</a>'


INLINE = st.recursive(
    TEXT,
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(INLINE_TAGS), st.lists(inner, max_size=3)).map(_wrap),
        st.tuples(st.sampled_from(HREFS), st.lists(inner, max_size=3)).map(_link),
    ),
    max_leaves=8,
)
INLINES = st.lists(INLINE, max_size=4).map("".join)
PARAGRAPH = st.tuples(
    st.sampled_from(["p", "p", "h1", "h2", "h3", "h4", "h6", "div", "pre"]),
    INLINES.map(lambda inline: [inline]),
).map(_wrap)


def _list_html(kind_and_items: tuple[str, list[tuple[str, list[str]]]]) -> str:
    kind, items = kind_and_items
    inner = "".join(f"<li>{content}{''.join(nested)}</li>" for content, nested in items)
    return f"<{kind}>{inner}</{kind}>"


_NOT_NESTED: list[str] = []
LIST = st.recursive(
    st.tuples(
        st.sampled_from(["ul", "ol"]),
        st.lists(st.tuples(INLINES, st.just(_NOT_NESTED)), min_size=1, max_size=3),
    ).map(_list_html),
    lambda inner: st.tuples(
        st.sampled_from(["ul", "ol"]),
        st.lists(st.tuples(INLINES, st.lists(inner, max_size=2)), min_size=1, max_size=3),
    ).map(_list_html),
    max_leaves=5,
)
CELL = st.one_of(INLINES, st.lists(PARAGRAPH, max_size=2).map("".join))


@st.composite
def tables(draw: st.DrawFn) -> str:
    header_rows = draw(st.integers(0, 2))
    row_count = draw(st.integers(1, 3))
    column_count = draw(st.integers(1, 3))
    rows = [[draw(CELL) for _ in range(column_count)] for _ in range(row_count)]

    def row_html(cells: list[str], tag: str) -> str:
        return "<tr>" + "".join(f"<{tag}>{cell}</{tag}>" for cell in cells) + "</tr>"

    head = "".join(row_html(cells, "th") for cells in rows[:header_rows])
    body = "".join(row_html(cells, "td") for cells in rows[header_rows:])
    return (
        "<table>"
        + (f"<thead>{head}</thead>" if head else "")
        + (f"<tbody>{body}</tbody>" if body else "")
        + "</table>"
    )


QUOTE = st.lists(PARAGRAPH, min_size=1, max_size=3).map(
    lambda paragraphs: "<blockquote>" + "".join(paragraphs) + "</blockquote>"
)
SEPARATOR = st.sampled_from(["", "\n", " ", "<p></p>", "<br>"])
ANY_HTML = st.lists(
    st.tuples(st.one_of(PARAGRAPH, PARAGRAPH, LIST, tables(), QUOTE, INLINES), SEPARATOR),
    max_size=6,
).map(lambda parts: "".join(block + separator for block, separator in parts))


class MarkupCensus(HTMLParser):
    """The tags and attributes a piece of HTML is made of (and its comments, if any)."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()
        self.hrefs: list[str] = []
        self.comments: list[str] = []
        self.declarations: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add((tag, name))
            if name == "href" and value is not None:
                self.hrefs.append(value)

    def handle_endtag(self, tag: str) -> None:
        self.tags.add(tag)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)
