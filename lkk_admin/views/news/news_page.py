"""The news section: the framework's list and detail, the editor windows and the editors'
acts on an item (publish, unpublish, pin, duplicate, archive, versions).

Each act runs in a job as one transaction against the version the screen shows; a
colleague's change in between is refused (the error says who and when) and the item is
read again. An item opens in one editor window at a time: asking again raises it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from lkk_admin.services import news
from lkk_admin.services.news_browser import NewsDetail, NewsRow
from lkk_admin.views.context import AppContext
from lkk_admin.views.framework.acting_page import ActingPage
from lkk_admin.views.framework.list_page import SEARCH_DELAY_MS
from lkk_admin.views.news.editor_window import NewsEditorWindow
from lkk_admin.views.news.history_dialog import HistoryDialog
from lkk_admin.views.news.news_pane import NewsPane
from lkk_admin.views.news.news_section import NEWS
from lkk_admin.views.news.publish_dialog import PublishDialog
from lkk_admin.views.sections import SectionSpec, section_by_key
from lkk_admin.views.workers import JobControl

SECTION_KEY = "news"


class NewsPage(ActingPage[NewsRow]):
    view: NewsPane

    def __init__(
        self,
        context: AppContext,
        spec: SectionSpec | None = None,
        *,
        page_size: int | None = None,
        search_delay_ms: int = SEARCH_DELAY_MS,
        parent: QWidget | None = None,
    ) -> None:
        spec = spec or section_by_key(SECTION_KEY)
        assert spec is not None
        self.busy = False
        self.editors: list[NewsEditorWindow] = []  # open editor windows
        super().__init__(
            context,
            spec,
            NEWS,
            page_size=page_size,
            search_delay_ms=search_delay_ms,
            parent=parent,
        )
        self.setObjectName("newsPage")
        self.update_actions()

    @property
    def item(self) -> NewsDetail | None:
        detail = self.view.detail
        return detail if isinstance(detail, NewsDetail) else None

    def may(self, act: str) -> bool:
        item = self.item
        if item is None or self.busy or not self.isVisible():
            return False
        status = item.row.status
        if act in ("edit", "history", "duplicate"):
            return True
        if act == "publish":
            return status in ("draft", "scheduled") or (
                status == "published" and not item.row.on_portal
            )
        if act == "unpublish":
            return status in ("scheduled", "published")
        if act == "pin":
            return status != "archived"
        return act == "archive" and status != "archived"

    # --- editor windows ---------------------------------------------------------------------

    def new_item(self) -> NewsEditorWindow:
        return self._open_editor(None)

    def edit_item(self) -> NewsEditorWindow | None:
        item = self.item
        return self._open_editor(item) if item is not None else None

    def _open_editor(self, detail: NewsDetail | None) -> NewsEditorWindow:
        shown = self.raise_editor(detail.id if detail is not None else None, NewsEditorWindow)
        if shown is not None:
            return shown
        window = NewsEditorWindow(self.context, detail)
        window.publish_requested.connect(lambda saved: self.open_publish(saved, window))
        self.keep_editor(window)
        return window

    # --- the acts ---------------------------------------------------------------------------

    def publish_item(self) -> PublishDialog | None:
        item = self.item
        return self.open_publish(item, self) if item is not None else None

    def open_publish(self, detail: NewsDetail, parent: QWidget) -> PublishDialog:
        dialog = PublishDialog(self.context, detail, parent)
        dialog.published.connect(
            lambda _version: self.record_changed(detail.id, self._published_text())
        )
        dialog.failed.connect(lambda error: self.record_refused(detail.id, error))
        dialog.open()
        return dialog

    def _published_text(self) -> str:
        return self.tr("Published: the portal shows it from the moment set.")

    def unpublish_item(self) -> None:
        self._act(news.unpublish, self.tr("Taken off the portal: the item is a draft again."))

    def archive_item(self) -> None:
        self._act(news.archive, self.tr("Archived."))

    def toggle_pin(self) -> None:
        item = self.item
        if item is None:
            return
        pinned = not item.row.pinned
        factory, actor, news_id, version = (
            self.context.session_factory,
            self.context.actor,
            item.id,
            item.version,
        )

        def work(_control: JobControl) -> int:
            with factory.begin() as session:
                return news.set_pinned(session, news_id, actor, pinned, expected_version=version)

        notice = self.tr("Pinned at the top.") if pinned else self.tr("Unpinned.")
        self.run_act(work, news_id, notice, "news-pin")

    def duplicate_item(self) -> None:
        item = self.item
        if item is None:
            return
        factory, actor, news_id = self.context.session_factory, self.context.actor, item.id

        def work(_control: JobControl) -> int:
            with factory.begin() as session:
                return news.duplicate(session, news_id, actor)

        self.run_act(work, None, self.tr("A new draft with the same text."), "news-duplicate")

    def show_history(self) -> HistoryDialog | None:
        item = self.item
        if item is None:
            return None
        dialog = HistoryDialog(self.context, item, self)
        dialog.restored.connect(
            lambda news_id: self.record_changed(
                news_id, self.tr("The older version is a draft now.")
            )
        )
        dialog.open()
        return dialog

    def _act(self, act: Callable[..., int], notice: str) -> None:
        """unpublish or archive the item shown, against the version shown."""
        item = self.item
        if item is None:
            return
        factory, actor, news_id, version = (
            self.context.session_factory,
            self.context.actor,
            item.id,
            item.version,
        )

        def work(_control: JobControl) -> int:
            with factory.begin() as session:
                return act(session, news_id, actor, expected_version=version)

        self.run_act(work, news_id, notice, f"news-{act.__name__}")


def create_page(context: AppContext, spec: SectionSpec | None = None) -> NewsPage:
    """The factory the "news" section names."""
    return NewsPage(context, spec)
