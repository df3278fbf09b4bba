"""«Новости»: news and reference articles as editors browse them, read only.

The list with its status tabs (scheduled derived from the publication date), counts, one
search box over titles and texts, orders and pages (``source``, ``search``), one item with
its revisions (``source.news_detail``), the frozen rows both return (``rows``). Writing is
``services.news``; nothing here writes or commits.
"""

from lkk_admin.services.news_browser.rows import (
    SHOWN_STATUSES,
    TABS,
    NewsDetail,
    NewsRow,
    RevisionLine,
)
from lkk_admin.services.news_browser.search import body_key_text, classify_news_search
from lkk_admin.services.news_browser.source import (
    DEFAULT_ORDER,
    KIND_CHOICE,
    ORDERS,
    NewsSource,
    news_detail,
)

__all__ = [
    "DEFAULT_ORDER",
    "KIND_CHOICE",
    "ORDERS",
    "SHOWN_STATUSES",
    "TABS",
    "NewsDetail",
    "NewsRow",
    "NewsSource",
    "RevisionLine",
    "body_key_text",
    "classify_news_search",
    "news_detail",
]
