"""News as the portal shows them: an item's page and the home page's list, in Qt's
rich-text subset; titles and summaries escaped, the body as stored, dates in Moscow time,
pinned items first. Moscow time comes from the IANA zone, which Windows desks read from
the tzdata package."""

from __future__ import annotations

import importlib.resources
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from lkk_admin.services import moscow_time
from lkk_admin.services.news_render import (
    HOME_PAGE_ITEMS,
    PORTAL_CSS,
    home_order,
    home_page,
    item_id_from_link,
    item_link,
    item_page,
)

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Item:
    id: int
    title: str
    kind: str = "news"
    summary: str = ""
    body_html: str = "<p>Текст.</p>"
    publish_at: datetime | None = None
    pinned: bool = False


def rendered_text(qapp: QApplication, html: str) -> str:
    """What a reader sees of a page in the desk's preview (a QTextDocument, as the
    QTextBrowser holds it)."""
    document = QTextDocument()
    document.setDefaultStyleSheet(PORTAL_CSS)
    document.setHtml(html)
    return document.toPlainText()


# --- An item's page --------------------------------------------------------------------------


def test_a_script_in_the_title_or_summary_shows_as_text(qapp: QApplication) -> None:
    item = Item(
        1,
        '<script>alert("x")</script> & «Ромашка»',
        summary="<img src=x onerror=alert(1)> 5 > 3",
        publish_at=NOW,
    )
    html = item_page(item)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «Ромашка»" in html
    text = rendered_text(qapp, html)
    assert '<script>alert("x")</script> & «Ромашка»' in text
    assert "<img src=x onerror=alert(1)> 5 > 3" in text


def test_the_body_is_shown_as_stored(qapp: QApplication) -> None:
    body = (
        "<h2>Сроки</h2><table><thead><tr><th>Платёж</th><th>Срок</th></tr></thead>"
        "<tbody><tr><td>30 %</td><td>до 10-го числа</td></tr></tbody></table>"
        '<p><a href="https://lkk.rn-energo.ru" target="_blank" rel="noopener noreferrer">'
        "Личный кабинет</a> &amp; справка</p>"
    )
    html = item_page(Item(1, "Оплата", kind="article", body_html=body, publish_at=NOW))
    assert body in html
    text = rendered_text(qapp, html)
    assert "Сроки" in text and "до 10-го числа" in text and "Личный кабинет & справка" in text


def test_the_page_names_the_kind_above_the_title(qapp: QApplication) -> None:
    news = rendered_text(qapp, item_page(Item(1, "Новый раздел", publish_at=NOW)))
    article = rendered_text(qapp, item_page(Item(2, "Поверка", kind="article", publish_at=NOW)))
    assert news.index("НОВОСТИ") < news.index("Новый раздел")
    assert article.index("СПРАВОЧНАЯ ИНФОРМАЦИЯ") < article.index("Поверка")


def test_the_date_is_the_moscow_day_of_the_publication(qapp: QApplication) -> None:
    # 21:30 UTC on 31 December is 00:30 on 1 January in Moscow.
    late = Item(1, "С Новым годом", publish_at=datetime(2026, 12, 31, 21, 30, tzinfo=UTC))
    text = rendered_text(qapp, item_page(late))
    assert "1 января 2027" in text and "31 декабря" not in text


def test_a_draft_is_dated_as_if_published_now(qapp: QApplication) -> None:
    draft = Item(1, "Черновик", summary="Анонс")
    assert "1 декабря 2026" in rendered_text(qapp, item_page(draft, now=NOW))


def test_an_empty_summary_leaves_no_empty_paragraph() -> None:
    assert 'class="summary"' not in item_page(Item(1, "Без анонса", publish_at=NOW))
    assert 'class="summary"' in item_page(Item(1, "С анонсом", summary="Анонс", publish_at=NOW))


# --- The home page ---------------------------------------------------------------------------


def test_the_home_page_lists_pinned_items_first_then_the_newest(qapp: QApplication) -> None:
    items = [
        Item(1, "Старая закреплённая", publish_at=NOW - timedelta(days=300), pinned=True),
        Item(2, "Вчерашняя", publish_at=NOW - timedelta(days=1)),
        Item(3, "Сегодняшняя", publish_at=NOW - timedelta(hours=1)),
        Item(4, "Свежая закреплённая", publish_at=NOW - timedelta(days=2), pinned=True),
        Item(5, "Прошлогодняя", publish_at=NOW - timedelta(days=400)),
    ]
    assert [item.id for item in home_order(items, NOW)] == [4, 1, 3, 2, 5]
    text = rendered_text(qapp, home_page(items, NOW))
    positions = [
        text.index(title)
        for title in (
            "Свежая закреплённая",
            "Старая закреплённая",
            "Сегодняшняя",
            "Вчерашняя",
            "Прошлогодняя",
        )
    ]
    assert positions == sorted(positions)


def test_only_pinned_items_are_marked(qapp: QApplication) -> None:
    items = [
        Item(1, "Закреплённая", publish_at=NOW, pinned=True),
        Item(2, "Обычная", publish_at=NOW),
    ]
    text = rendered_text(qapp, home_page(items, NOW))
    assert text.count("Закреплено") == 1
    assert text.index("Закреплено") < text.index("Закреплённая") < text.index("Обычная")


def test_each_item_has_its_date_title_summary_and_a_more_link(qapp: QApplication) -> None:
    item = Item(
        7,
        "Передача <показаний>",
        kind="article",
        summary="С 25-го по 3-е число & без выходных",
        publish_at=datetime(2026, 11, 24, 22, 0, tzinfo=UTC),  # 25 November in Moscow
    )
    html = home_page([item], NOW)
    assert f'href="{item_link(7)}"' in html and item_id_from_link(item_link(7)) == 7
    text = rendered_text(qapp, html)
    assert "Справочная информация · 25 ноября 2026" in text
    assert "Передача <показаний>" in text
    assert "С 25-го по 3-е число & без выходных" in text
    assert "Подробнее" in text


def test_the_item_previewed_is_shaded_and_an_undated_one_is_dated_now(
    qapp: QApplication,
) -> None:
    items = [
        Item(1, "Опубликованная", publish_at=NOW - timedelta(days=1)),
        Item(2, "Предпросмотр", summary="Ещё не опубликована"),
    ]
    html = home_page(items, NOW, highlight=2)
    assert html.count("item highlight") == 1
    shaded = re.search(r'class="item highlight">(.*?)</td>', html)
    assert shaded is not None and "Предпросмотр" in shaded.group(1)
    text = rendered_text(qapp, html)
    # Dated now, it is the newest.
    assert text.index("Предпросмотр") < text.index("Опубликованная")
    assert "Новости · 1 декабря 2026" in text


def test_the_home_page_shows_its_first_items_only(qapp: QApplication) -> None:
    items = [Item(n, f"Новость № {n:02d}", publish_at=NOW - timedelta(days=n)) for n in range(15)]
    text = rendered_text(qapp, home_page(items, NOW))
    assert text.count("Подробнее") == HOME_PAGE_ITEMS
    assert "Новость № 09" in text and "Новость № 10" not in text
    assert rendered_text(qapp, home_page(items, NOW, limit=3)).count("Подробнее") == 3


def test_an_empty_home_page_says_so(qapp: QApplication) -> None:
    assert "Новостей пока нет." in rendered_text(qapp, home_page([], NOW))


def test_links_that_are_not_an_items_are_not_read_as_one() -> None:
    assert item_id_from_link("https://lkk.rn-energo.ru") is None
    assert item_id_from_link("news:abc") is None


# --- Qt's rich-text subset -------------------------------------------------------------------


@pytest.mark.parametrize(
    "forbidden", ["display:", "flex", "grid", "position:", "<script", "@media"]
)
def test_the_pages_keep_to_what_a_text_browser_renders(forbidden: str) -> None:
    pages = (
        PORTAL_CSS,
        item_page(Item(1, "Заголовок", summary="Анонс", publish_at=NOW)),
        home_page([Item(1, "Заголовок", publish_at=NOW, pinned=True)], NOW, highlight=1),
    )
    assert all(forbidden not in page for page in pages)


def test_a_table_in_the_body_stays_a_table_in_the_preview(qapp: QApplication) -> None:
    body = (
        "<table><tbody><tr><td>А</td><td>Б</td></tr><tr><td>В</td><td>Г</td></tr></tbody></table>"
    )
    document = QTextDocument()
    document.setHtml(item_page(Item(1, "Таблица", body_html=body, publish_at=NOW)))
    tables = []
    frames = [document.rootFrame()]
    while frames:
        frame = frames.pop()
        if frame.frameFormat().isTableFormat():
            tables.append(frame)
        frames.extend(frame.childFrames())
    # The page header is a table too; the body's is the one with four cells.
    assert any(table.rows() == 2 and table.columns() == 2 for table in tables)  # type: ignore[attr-defined]


# --- Moscow time -----------------------------------------------------------------------------


def test_moscow_time_is_the_iana_zone_which_windows_reads_from_tzdata() -> None:
    assert isinstance(moscow_time.MOSCOW, ZoneInfo)
    assert moscow_time.MOSCOW.key == "Europe/Moscow"
    zone_file = importlib.resources.files("tzdata").joinpath("zoneinfo", "Europe", "Moscow")
    assert zone_file.is_file()


def test_moscow_time_both_ways() -> None:
    moment = datetime(2026, 12, 31, 21, 30, tzinfo=UTC)
    assert moscow_time.to_moscow(moment).replace(tzinfo=None) == datetime(2027, 1, 1, 0, 30)
    assert moscow_time.from_moscow(datetime(2027, 1, 1, 0, 30)) == moment
    assert moscow_time.moscow_day_text(moment) == "1 января 2027"
    assert moscow_time.moscow_text(moment) == "01.01.2027 00:30 МСК"
    # Before October 2014 Moscow was UTC+4: the zone knows, a fixed offset would not.
    assert moscow_time.to_moscow(datetime(2013, 7, 1, 12, 0, tzinfo=UTC)).hour == 16
    with pytest.raises(ValueError, match="naive"):
        moscow_time.to_moscow(datetime(2026, 1, 1, 12, 0))
