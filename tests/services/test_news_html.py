"""What a news body may carry to the portal: the sanitiser against the known XSS families
(the cheat sheets' tag and attribute tricks, encoded and mixed-case addresses, broken
markup, nested contexts), what it keeps of an editor's HTML, that it is idempotent, and
that all it ever writes has the shape the database's last line of defence accepts.

No database here: the same checks run against PostgreSQL's own function in
test_news_rules.py.
"""

from __future__ import annotations

import importlib
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lkk_admin.services.news_html import ALLOWED_TAGS, plain_text, sanitize_html

_migration = importlib.import_module("lkk_admin.migrations.versions.0013_news_revisions")
# What the database refuses: a "<" that does not open one of the tags the sanitiser writes.
UNSANITISED_TAG = re.compile(_migration.SANITISED_TAG_SHAPES)
LINK_ATTRIBUTES = ' target="_blank" rel="noopener noreferrer"'

# The cheat sheets' families, each an input a browser would run if stored as it is.
XSS_PAYLOADS: tuple[str, ...] = (
    # script tags, any case, broken and nested
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>после",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    '<script/src="data:text/javascript,alert(1)"></script>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
    # event handlers, on any tag, after a slash or a quoted ">"
    "<img src=x onerror=alert(1)>",
    "<body onload=alert(1)>тело",
    '<p onclick="alert(1)" onmouseover=alert(2)>абзац</p>',
    "<p/onclick=alert(1)>абзац</p>",
    '<p title=">" onclick=alert(1)>абзац</p>',
    '<a href="https://ok.example/" onclick="alert(1)">ссылка</a>',
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>детали</details>",
    "<marquee onstart=alert(1)>бегущая</marquee>",
    '<video><source onerror="alert(1)"></video>',
    "<isindex type=image src=1 onerror=alert(1)>",
    "<table onmouseover=alert(1)><tr><td>ячейка</td></tr></table>",
    # addresses: javascript:, vbscript:, data:, in every spelling
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    '<a href="javascript:alert(1)">ссылка</a>',
    '<a href="JaVaScRiPt:alert(1)">ссылка</a>',
    '<a href="&#106;avascript:alert(1)">ссылка</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">'
    "ссылка</a>",
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105'
    '&#0000112&#0000116&#0000058alert(1)">ссылка</a>',
    '<a href="java\tscript:alert(1)">ссылка</a>',
    '<a href="java&#x09;script:alert(1)">ссылка</a>',
    '<a href="java\nscript:alert(1)">ссылка</a>',
    '<a href="jav&#x0A;ascript:alert(1)">ссылка</a>',
    '<a href="  javascript:alert(1)">ссылка</a>',
    '<a href="\x01javascript:alert(1)">ссылка</a>',
    '<a href="javascript&colon;alert(1)">ссылка</a>',
    '<a href="vbscript:msgbox(1)">ссылка</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">ссылка</a>',
    '<a href="data:text/html,<script>alert(1)</script>">ссылка</a>',
    '<a href="//evil.example/x">ссылка</a>',
    '<a href="file:///etc/passwd">ссылка</a>',
    '<blockquote cite="javascript:alert(1)">цитата</blockquote>',
    '<table background="javascript:alert(1)"><tr><td>ячейка</td></tr></table>',
    '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42'
    'mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==">',
    # frames, objects, forms
    '<iframe src="javascript:alert(1)"></iframe>после',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<frameset><frame src="javascript:alert(1)"></frameset>',
    '<object data="javascript:alert(1)"><param name="x" value="y">объект</object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<form action="javascript:alert(1)"><input name="q"><button>Отправить</button></form>',
    "<button formaction=javascript:alert(1)>кнопка</button>",
    # styles
    '<p style="background:url(javascript:alert(1))">абзац</p>',
    '<div style="width: expression(alert(1))">блок</div>',
    '<style>@import "https://evil.example/x.css"; p{color:red}</style><p>абзац</p>',
    '<STYLE>li {list-style-image: url("javascript:alert(1)");}</STYLE><UL><LI>пункт</br>',
    "<link rel=stylesheet href=https://evil.example/x.css>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    # SVG and MathML
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>текст",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">XSS</maction></math>',
    '<math href="javascript:alert(1)">XSS</math>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # comments and other contexts that break out
    "<!--<script>alert(1)</script>-->после",
    "<!--><script>alert(1)</script>-->",
    "<!-- --!><script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<?xml version="1.0"?><script>alert(1)</script>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    "<textarea></textarea><script>alert(1)</script>",
    "<title><img src=x onerror=alert(1)></title>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<template><script>alert(1)</script></template>",
    '<a href="https://ok.example/"<script>alert(1)</script>>ссылка</a>',
    # unclosed at the end: the portal's own markup would follow it
    "<p onclick=alert(1)",
    '<img src="x',
)


class _Tags(HTMLParser):
    """Every tag, attribute, comment and declaration of a sanitised body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.other: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_comment(self, data: str) -> None:
        self.other.append(f"comment {data}")

    def handle_decl(self, decl: str) -> None:
        self.other.append(f"declaration {decl}")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"processing instruction {data}")

    def unknown_decl(self, data: str) -> None:
        self.other.append(f"declaration {data}")


def assert_publishable(html: str) -> None:
    """Only the editor's tags, no attribute but a link's safe address and its fixed target
    and rel, no comment; every "<" opens such a tag (the database's own check)."""
    parsed = _Tags()
    parsed.feed(html)
    parsed.close()
    assert parsed.other == []
    for tag, attributes in parsed.tags:
        assert tag in ALLOWED_TAGS, tag
        if tag != "a":
            assert attributes == {}, (tag, attributes)
            continue
        assert set(attributes) == {"href", "target", "rel"}, attributes
        assert attributes["target"] == "_blank"
        assert attributes["rel"] == "noopener noreferrer"
        assert str(attributes["href"]).startswith(("http://", "https://", "mailto:"))
    assert UNSANITISED_TAG.search(html) is None, html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_known_payload_survives(payload: str) -> None:
    cleaned = sanitize_html(payload)
    assert_publishable(cleaned)
    assert sanitize_html(cleaned) == cleaned


@pytest.mark.parametrize(
    ("payload", "stored"),
    [
        ("<script>alert(1)</script>", ""),
        ("<ScRiPt>alert(1)</sCrIpT>после", "после"),
        # A broken tag is text, escaped: nothing of it is markup.
        ("<scr<script>ipt>alert(1)</scr</script>ipt>", "ipt&gt;alert(1)ipt&gt;"),
        ("<img src=x onerror=alert(1)>", ""),
        ("<svg onload=alert(1)>", ""),
        ('<p onclick="alert(1)" onmouseover=alert(2)>абзац</p>', "<p>абзац</p>"),
        ('<p title=">" onclick=alert(1)>абзац</p>', "<p>абзац</p>"),
        ('<p style="background:url(javascript:alert(1))">абзац</p>', "<p>абзац</p>"),
        ('<a href="javascript:alert(1)">ссылка</a>', "ссылка"),
        ('<a href="JaVaScRiPt:alert(1)">ссылка</a>', "ссылка"),
        ('<a href="&#106;avascript:alert(1)">ссылка</a>', "ссылка"),
        ('<a href="java\tscript:alert(1)">ссылка</a>', "ссылка"),
        ('<a href="  javascript:alert(1)">ссылка</a>', "ссылка"),
        (
            '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">ссылка</a>',
            "ссылка",
        ),
        # A relative address would point into the portal: the link goes, its text stays.
        ('<a href="/relative/path">ссылка</a>', "ссылка"),
        ('<iframe src="javascript:alert(1)"></iframe>после', "после"),
        ('<form action="x"><input name="q"><button>Отправить</button></form>', "Отправить"),
        ("<style>p{color:red}</style><p>абзац</p>", "<p>абзац</p>"),
        ("<!--<script>alert(1)</script>-->после", "после"),
        ("<title><img src=x onerror=alert(1)></title>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("<p onclick=alert(1)", ""),
        (
            '<a href="https://ok.example/" target="_self" rel="opener" id="x">ссылка</a>',
            f'<a href="https://ok.example/"{LINK_ATTRIBUTES}>ссылка</a>',
        ),
        (
            '<a href="https://ok.example/?q=<script>&x=1">ссылка</a>',
            f'<a href="https://ok.example/?q=&lt;script&gt;&amp;x=1"{LINK_ATTRIBUTES}>ссылка</a>',
        ),
    ],
)
def test_what_is_kept_of_a_payload(payload: str, stored: str) -> None:
    assert sanitize_html(payload) == stored


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        # what the editor writes is kept as it is
        (
            "<h2>Показания</h2><p>Передайте <strong>до 25-го</strong> числа, <em>без "
            "опозданий</em>.<br>Спасибо.</p>",
            "<h2>Показания</h2><p>Передайте <strong>до 25-го</strong> числа, <em>без "
            "опозданий</em>.<br>Спасибо.</p>",
        ),
        (
            "<ul><li>раз</li></ul><ol><li>два</li></ol>",
            "<ul><li>раз</li></ul><ol><li>два</li></ol>",
        ),
        ("<blockquote><p>цитата</p></blockquote>", "<blockquote><p>цитата</p></blockquote>"),
        (
            "<table><thead><tr><th>Ставка</th></tr></thead><tbody><tr><td>22 %</td></tr>"
            "</tbody></table>",
            "<table><thead><tr><th>Ставка</th></tr></thead><tbody><tr><td>22 %</td></tr>"
            "</tbody></table>",
        ),
        (
            '<a href="mailto:info@rn-energo.example">почта</a>',
            f'<a href="mailto:info@rn-energo.example"{LINK_ATTRIBUTES}>почта</a>',
        ),
        # b and i are the editor's strong and em
        ("<b>жирный</b> и <i>курсив</i>", "<strong>жирный</strong> и <em>курсив</em>"),
        # the page has its own h1 (the title); two levels of headings below it
        ("<h1>Раз</h1><h4>Два</h4><h6>Три</h6>", "<h2>Раз</h2><h3>Два</h3><h3>Три</h3>"),
        # a browser's or Word's blocks become paragraphs; their styling goes
        (
            '<div style="font-family:Calibri">Строка 1</div><div><span style="color:red">'
            "Строка 2</span></div>",
            "<p>Строка 1</p><p>Строка 2</p>",
        ),
        ("<section><p>абзац</p></section>", "<p>абзац</p>"),
        ("<dl><dt>Срок</dt><dd>до 25-го</dd></dl>", "<p>Срок</p><p>до 25-го</p>"),
        # a table's caption and footer stay readable in the table's allowed parts
        (
            "<table><caption>Тарифы</caption><tr><td>1</td></tr><tfoot><tr><td>Итого</td>"
            "</tr></tfoot></table>",
            "<p>Тарифы</p><table><tbody><tr><td>1</td></tr></tbody><tbody><tr><td>Итого</td>"
            "</tr></tbody></table>",
        ),
        # addresses are trimmed as a browser trims them, their scheme written in lower case
        (
            '<a href="  HTTPS://rn-energo.example/a ">сайт</a>',
            f'<a href="https://rn-energo.example/a"{LINK_ATTRIBUTES}>сайт</a>',
        ),
        # text is text: escaped, never markup
        ("a < b && c > d", "a &lt; b &amp;&amp; c &gt; d"),
        ("\n  <p>абзац</p>\n", "<p>абзац</p>"),
        ("", ""),
    ],
)
def test_what_is_kept_of_an_editors_html(given: str, stored: str) -> None:
    assert sanitize_html(given) == stored
    assert sanitize_html(stored) == stored


# ---------------------------------------------------------------------------- properties

_TAGS = (
    *sorted(ALLOWED_TAGS),
    *("h1", "h4", "h6", "b", "i", "u", "span", "div", "section", "pre", "dl", "dt", "dd"),
    *("tfoot", "caption", "colgroup", "col", "font", "center", "body", "html", "head"),
    *("script", "style", "svg", "math", "mi", "mtext", "desc", "foreignObject", "iframe"),
    *("img", "form", "input", "select", "option", "textarea", "noscript", "template"),
    *("xmp", "title", "frameset", "object", "embed", "button", "plaintext", "noembed"),
)
_ATTRIBUTES = (
    "",
    ' href="https://e.example/x?a=1&b=2"',
    ' href="javascript:alert(1)"',
    ' href=" mailto:a@b.example "',
    " href='JaVaScRiPt:1'",
    ' href="/relative"',
    ' onclick="x()"',
    ' style="color:red"',
    ' title=">"',
    ' src="x" onerror="alert(1)"',
)
_TEXT = st.text(alphabet=st.sampled_from(list("ab <>&\"'\n\t;#x\xa0йё=/!-")), max_size=8)


def _elements(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(
            lambda tag, attributes, inner, closed: (
                f"<{tag}{attributes}>{''.join(inner)}" + (f"</{tag}>" if closed else "")
            ),
            st.sampled_from(_TAGS),
            st.sampled_from(_ATTRIBUTES),
            st.lists(children, max_size=4),
            st.booleans(),
        ),
        st.builds(lambda text: f"<!--{text}-->", _TEXT),
        st.builds(lambda tag: f"</{tag}>", st.sampled_from(_TAGS)),
    )


TAG_SOUP = st.lists(st.recursive(_TEXT, _elements, max_leaves=25), max_size=6).map("".join)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(TAG_SOUP)
def test_any_markup_comes_out_publishable_and_stays_as_it_is(html: str) -> None:
    cleaned = sanitize_html(html)
    assert_publishable(cleaned)
    assert sanitize_html(cleaned) == cleaned


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_comes_out_publishable_and_stays_as_it_is(text: str) -> None:
    cleaned = sanitize_html(text)
    assert_publishable(cleaned)
    assert sanitize_html(cleaned) == cleaned


@pytest.mark.parametrize("tag", ["em", "blockquote", "div", "h1", "li", "table"])
def test_deeply_nested_markup_is_handled_without_recursion(tag: str) -> None:
    nested = f"<{tag}>" * 3000 + "текст"
    cleaned = sanitize_html(nested)
    assert_publishable(cleaned)
    assert sanitize_html(cleaned) == cleaned
    assert plain_text(cleaned).endswith("текст")


# ---------------------------------------------------------------------------- plain text


def test_plain_text_is_what_a_reader_sees_line_by_line() -> None:
    html = (
        "<h2>Показания</h2><p>Передайте  <strong>до\n25-го</strong>&nbsp;числа.<br>Спасибо.</p>"
        "<ul><li>раз</li><li>два</li></ul><ol><li>первый</li><li>второй</li></ol>"
        "<table><tbody><tr><th>Ставка</th><th>С</th></tr><tr><td>22 %</td><td>2026</td></tr>"
        "</tbody></table><blockquote>цитата</blockquote>"
        '<p><a href="https://rn-energo.example/" target="_blank">сайт</a> a &lt; b</p>'
    )
    assert plain_text(html).splitlines() == [
        "Показания",
        "Передайте до 25-го\xa0числа.",
        "Спасибо.",
        "• раз",
        "• два",
        "1. первый",
        "2. второй",
        "Ставка | С",
        "22 % | 2026",
        "цитата",
        "сайт a < b",
    ]


def test_plain_text_of_a_script_is_not_its_code() -> None:
    assert plain_text("<p>до</p><script>alert(1)</script><style>p{}</style><p>после</p>") == (
        "до\nпосле"
    )
    assert plain_text("") == ""
