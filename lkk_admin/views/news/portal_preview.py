"""A news item as the portal shows it: its own page and the home page's list, read-only,
in the portal's look (Qt's rich-text subset of HTML and CSS; no web engine).

The pages are built by ``services.news_render`` (no Qt), so that what the desk previews is
what the rendering code says the portal shows; this widget only displays them. The home
page's list is read in a job (what the portal shows now), with the item shown as it
would appear once published.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtWidgets import QTabWidget, QTextBrowser, QWidget

from lkk_admin.services import news, news_render
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework import formatting as fmt
from lkk_admin.views.framework.callbacks import Latest


def _browser(object_name: str) -> QTextBrowser:
    browser = QTextBrowser()
    browser.setObjectName(object_name)
    browser.setOpenLinks(False)  # a preview: links are shown, never followed
    browser.document().setDefaultStyleSheet(news_render.PORTAL_CSS)
    return browser


class PortalPreview(QTabWidget):
    """Two tabs: the item's page and the portal's home page with the item in its place."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("portalPreview")
        self.context = context
        self.item_view = _browser("itemPreview")
        self.home_view = _browser("homePreview")
        self.addTab(self.item_view, self.tr("Item page"))
        self.addTab(self.home_view, self.tr("Portal home page"))
        self.item: news.VisibleItem | None = None
        self._home_request = Latest(self)

    def show_item(self, item: news.VisibleItem) -> None:
        """Show ``item`` as the portal would (its ``publish_at`` None: as if published now)."""
        shown = item if item.publish_at is not None else replace(item, publish_at=fmt.now_utc())
        self.item = shown
        self.item_view.setHtml(news_render.item_page(shown))
        self._read_home(shown)

    def _read_home(self, item: news.VisibleItem) -> None:
        factory = self.context.read_session_factory
        self._home_request.next()

        def read(_control: object) -> tuple[list[news.VisibleItem], datetime]:
            now = fmt.now_utc()
            with factory() as session:
                return news.visible(session, now), now

        def done(result: tuple[list[news.VisibleItem], datetime]) -> None:
            shown, now = result
            others = [other for other in shown if other.id != item.id]
            self.home_view.setHtml(news_render.home_page([item, *others], now, highlight=item.id))

        self.context.jobs.start(
            read,
            on_success=self._home_request.wrap(done),
            on_failure=self._home_request.wrap(
                lambda error: self.context.errors.report(error, self)
            ),
            name="news-home-preview",
        )
