"""News as the portal shows them: an item's page and the home page's list, as HTML.

The desk previews these in a read-only ``QTextBrowser``, so they keep to Qt's rich-text
subset of HTML and CSS: tables for layout, no flexbox, no positioning, no script. The
portal's own look is approximated — its header, the kind above the title, the date in
Moscow time, the summary in grey, the body as stored — close enough for an editor to see
how headings, lists, tables and links will read.

Titles and summaries are plain text and escaped here (a ``<script>`` in a title shows as
those characters); the body is inserted as stored: it passed the sanitiser
(``services.news_html``) on its way into the database, and the preview must show what the
portal will render, not a second cleaning of it. No Qt is imported here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from html import escape
from typing import Protocol

from lkk_admin.services.moscow_time import moscow_day_text

KIND_LABELS = {"news": "Новости", "article": "Справочная информация"}
PINNED_LABEL = "Закреплено"
MORE_LABEL = "Подробнее"
EMPTY_HOME = "Новостей пока нет."
PORTAL_NAME = "Личный кабинет клиента"
SUPPLIER_NAME = "ООО «РН-Энерго»"
HOME_PAGE_ITEMS = 10  # the portal's home page lists this many
# A «Подробнее» link names the item so that a viewer may follow it (the preview does not).
ITEM_LINK_PREFIX = "news:"

_DARK = "#1d1d1b"
# Colours of the portal: Rosneft's yellow on near-black, grey text for what is secondary.
PORTAL_CSS = """
body { font-family: "Segoe UI", "Noto Sans", Arial, sans-serif; font-size: 10pt;
       color: #1f2328; background-color: #ffffff; }
a { color: #0b5cab; text-decoration: underline; }
h1 { font-size: 17pt; font-weight: 600; margin-top: 4px; margin-bottom: 6px; }
h2 { font-size: 13pt; font-weight: 600; margin-top: 14px; margin-bottom: 6px; }
h3 { font-size: 11pt; font-weight: 600; margin-top: 12px; margin-bottom: 4px; }
p { margin-top: 0px; margin-bottom: 8px; line-height: 135%; }
ul, ol { margin-top: 0px; margin-bottom: 8px; }
li { margin-bottom: 3px; }
blockquote { margin-left: 18px; margin-right: 18px; color: #4a5158; font-style: italic; }
table { border-collapse: collapse; margin-top: 4px; margin-bottom: 10px; }
th { background-color: #f1f2f4; font-weight: 600; text-align: left; }
th, td { border: 1px solid #c9cdd2; padding: 5px; vertical-align: top; }
table.header, table.header td, table.home, table.home td { border: none; }
table.header { background-color: #1d1d1b; margin-bottom: 12px; }
td.brand { color: #ffd200; font-size: 12pt; font-weight: 600; padding: 10px; }
td.portal { color: #ffffff; font-size: 9pt; padding: 10px; }
div.content { margin-left: 14px; margin-right: 14px; }
p.trail { color: #6b7178; font-size: 8pt; margin-bottom: 10px; }
p.kind { color: #8a6d00; font-size: 8pt; font-weight: 600; margin-bottom: 2px; }
p.date { color: #6b7178; font-size: 9pt; margin-bottom: 10px; }
p.summary { color: #4a5158; font-size: 11pt; margin-bottom: 12px; }
h2.home { font-size: 15pt; margin-top: 0px; }
td.item { padding-top: 8px; padding-bottom: 10px; border-bottom: 1px solid #e3e5e8; }
td.highlight { background-color: #fff8d6; }
span.pinned { background-color: #ffd200; color: #1d1d1b; font-size: 8pt; font-weight: 600; }
p.title { font-size: 12pt; font-weight: 600; margin-bottom: 4px; }
p.more { margin-bottom: 0px; }
"""


class PortalItem(Protocol):
    """What a page needs of an item (``news.VisibleItem`` has it all)."""

    @property
    def id(self) -> int: ...

    @property
    def kind(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def summary(self) -> str: ...

    @property
    def body_html(self) -> str: ...

    @property
    def publish_at(self) -> datetime | None: ...

    @property
    def pinned(self) -> bool: ...


def item_link(news_id: int) -> str:
    return f"{ITEM_LINK_PREFIX}{news_id}"


def item_id_from_link(link: str) -> int | None:
    """The item a «Подробнее» link names (None: not such a link)."""
    if not link.startswith(ITEM_LINK_PREFIX):
        return None
    number = link[len(ITEM_LINK_PREFIX) :]
    return int(number) if number.isdigit() else None


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, KIND_LABELS["news"])


def _page(title: str, content: str) -> str:
    header = (
        # bgcolor as well as the style: Qt paints a table's background from the attribute.
        f'<table class="header" width="100%" cellspacing="0" cellpadding="0" bgcolor="{_DARK}">'
        f'<tr><td class="brand" valign="middle" bgcolor="{_DARK}">{escape(SUPPLIER_NAME)}</td>'
        f'<td class="portal" align="right" valign="middle" bgcolor="{_DARK}">'
        f"{escape(PORTAL_NAME)}</td>"
        "</tr></table>"
    )
    return (
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{PORTAL_CSS}</style></head>"
        f'<body>{header}<div class="content">{content}</div></body></html>'
    )


def _day(publish_at: datetime | None, now: datetime | None) -> str:
    """The day the portal dates an item by: its publication (a draft: as if published
    ``now``), in Moscow time."""
    return moscow_day_text(publish_at or now or datetime.now(UTC))


def item_page(item: PortalItem, *, now: datetime | None = None) -> str:
    """The item's own page on the portal: the kind, the title, the date (Moscow time; a
    draft is dated as if published ``now``), the summary and the body as stored."""
    label = kind_label(item.kind)
    summary = f'<p class="summary">{escape(item.summary)}</p>' if item.summary.strip() else ""
    content = (
        f'<p class="trail">Главная / {escape(label)}</p>'
        f'<p class="kind">{escape(label.upper())}</p>'
        f"<h1>{escape(item.title)}</h1>"
        f'<p class="date">{escape(_day(item.publish_at, now))}</p>'
        f"{summary}"
        f'<div class="body">{item.body_html}</div>'
    )
    return _page(item.title, content)


def home_order(items: Iterable[PortalItem], now: datetime) -> list[PortalItem]:
    """Pinned first, then the newest publication first (undated ones as of ``now``), as
    the portal lists them; the order ``news.visible`` reads them in."""
    return sorted(
        items,
        key=lambda item: (not item.pinned, -(item.publish_at or now).timestamp(), -item.id),
    )


def home_page(
    items: Iterable[PortalItem],
    now: datetime,
    *,
    highlight: int | None = None,
    limit: int = HOME_PAGE_ITEMS,
) -> str:
    """The portal's home page list of ``items`` (what it shows at ``now``: see
    ``news.visible``): pinned first, then the newest, each with its kind, date, title,
    summary and «Подробнее»; the pinned ones marked, the ``highlight`` one (the item being
    previewed) shaded. An undated item is dated ``now``."""
    shown = home_order(items, now)[:limit]
    if not shown:
        rows = f'<tr><td class="item"><p>{escape(EMPTY_HOME)}</p></td></tr>'
    else:
        rows = "".join(_home_row(item, now, item.id == highlight) for item in shown)
    content = (
        '<h2 class="home">Новости и справочная информация</h2>'
        f'<table class="home" width="100%" cellspacing="0" cellpadding="0">{rows}</table>'
    )
    return _page("Новости", content)


def _home_row(item: PortalItem, now: datetime, highlighted: bool) -> str:
    classes = "item highlight" if highlighted else "item"
    pinned = (
        f'<span class="pinned">&nbsp;{escape(PINNED_LABEL)}&nbsp;</span> ' if item.pinned else ""
    )
    summary = f'<p class="summary">{escape(item.summary)}</p>' if item.summary.strip() else ""
    return (
        f'<tr><td class="{classes}">'
        f'<p class="date">{pinned}{escape(kind_label(item.kind))} · '
        f"{escape(_day(item.publish_at, now))}</p>"
        f'<p class="title">{escape(item.title)}</p>'
        f"{summary}"
        f'<p class="more"><a href="{item_link(item.id)}">{escape(MORE_LABEL)}</a></p>'
        "</td></tr>"
    )
